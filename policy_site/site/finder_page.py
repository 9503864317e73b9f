"""What the templates show of the finder: each clause's measures in plain words (the clause
page's "who qualifies"), the build-time table of who each measure serves, and the finder
page's configuration (the rules, questions and strings the browser script reads).

Everything comes from the same validated data as the engine's rules, so the clause pages and
the finder cannot disagree.

The finder covers every document of the library: the top-level document's clauses as they always
were (``1.2``), then each library document's clauses with measures (``DOC_ID:CLAUSE_ID``, linked to
their page ``documents/<id>/clauses/<clause-id>/``). In a library of more than one document each
result names its document and that document's status on the data date (the badge of the document
pages); a library of one shows nothing new and its page is byte for byte what it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import calculators
from calculators.finder import answer_candidates, in_force

from ..data.finder_checks import walk
from ..data.finder_rules import clause_ref, finder_rules, library_validity, names_documents, rules_key
from ..data.library import DraftClause, LibraryDocument
from ..data.model import Clause
from ..data.model_finder import Measure, Test
from ..data.translations import in_language
from . import formatting
from .document_pages import TOP_LEVEL_STATUS, StatusView, status_view
from .ui_strings import load_ui_strings


@dataclass
class ConditionView:
    text: str
    quote: str
    figures: list[tuple[dict, dict]] = field(default_factory=list)  # (calculator figure, {"zh", "en"} label)
    judged_by: list[str] = field(default_factory=list)


@dataclass
class MeasureView:
    part: str
    who: str
    kind: str
    offer: str
    conditions: list[ConditionView]
    calculators: list[str]
    notes: list[str]


@dataclass(frozen=True)
class DocumentView:
    """The document a result belongs to, as the finder names it in a library of more than one document."""

    key: str
    """The document's id; "" for the top-level document."""
    title: str
    status: StatusView
    status_text: str
    """The status badge's words (``status.key`` filled in with the document's dates)."""


@dataclass(frozen=True)
class FinderClause:
    """One clause with measures, of whichever document: what the table and the page's configuration show."""

    ref: str
    """As the engine and ``policy-site find`` name it: ``1.2``, or ``DOC_ID:CLAUSE_ID`` for a library clause."""
    label: str
    """As a reader sees it: ``1.2``; a library clause by its number (``第十六条``) or ``Clause 16``."""
    title: str
    clause: Clause | DraftClause
    validity: dict[str, str | None] | None
    document: LibraryDocument | None
    """The library document; None for the top-level document's clause."""


class FinderView:
    """Bound to one site and language; available to the templates as ``finder``."""

    def __init__(self, site: Any, lang: str):
        self.site = site
        self.lang = lang
        self.policy = site.policy
        self.documents: tuple[LibraryDocument, ...] = tuple(getattr(site, "documents", ()))
        self.enabled = self.policy.finder is not None and (
            any(c.measures for c in self.policy.clauses)
            or any(c.measures for d in self.documents for c in d.clauses))

    @property
    def names_documents(self) -> bool:
        """Whether each result names its document: the library has more than one."""
        return names_documents(self.policy, self.documents)

    def _t(self, key: str, **values: Any) -> str:
        return in_language(load_ui_strings()[key], self.lang).format(**values)

    def document_view(self, document: LibraryDocument | None) -> DocumentView:
        status = TOP_LEVEL_STATUS if document is None else status_view(document, self.site.data_date)
        if document is None:
            title = in_language(self.policy.document.title, self.lang)
        elif document.meta.title is not None:
            title = in_language(document.meta.title, self.lang)
        else:
            title = document.meta.number or document.id
        text = self._t(status.key, start=formatting.date(status.start, self.lang) if status.start else "",
                       end=formatting.date(status.end, self.lang) if status.end else "")
        return DocumentView(document.id if document else "", title, status, text)

    def entries(self) -> list[FinderClause]:
        """Every clause with measures: the top-level document's, then each library document's, in order."""
        out = [FinderClause(c.id, c.id, c.title[self.lang], c, _validity(c.validity), None)
               for c in self.policy.clauses if c.measures]
        for document in self.documents:
            for c in document.clauses:
                if not c.measures:
                    continue
                label = formatting.library_clause_label(c, self.lang, self._t)
                title = in_language(c.title, self.lang) if c.title is not None else ""
                out.append(FinderClause(clause_ref(document.id, c.id, self.names_documents), label, title, c,
                                        library_validity(document, c.validity), document))
        return out

    def page_of(self, entry: FinderClause, site_map: Any) -> Any:
        """The page of the clause: ``clauses/1.2/`` or ``documents/<id>/clauses/<clause-id>/``."""
        if entry.document is None:
            return site_map.clause(entry.clause.id)
        return site_map.document_clause(entry.document.id, entry.clause.id)

    def document_page(self, document: LibraryDocument | None, site_map: Any) -> Any:
        return site_map.fulltext if document is None else site_map.document(document.id)

    def applicant_label(self, value: str) -> str:
        facts = self.policy.finder
        applicant = next(f for f in facts.facts if f.id == facts.applicant_fact)
        choice = next((c for c in applicant.choices if c.value == value), None)
        return in_language(choice, self.lang) if choice else value

    def _figures(self, test: Test) -> list[tuple[dict, dict]]:
        out = []
        for node, _ in walk(test, ()):
            for bound in (node.at_least, node.at_most):
                if bound is not None and not isinstance(bound, int):
                    calc_id, _, key = bound.figure.partition(".")
                    meta = self.site.calculators.get(calc_id) or _calculator(calc_id)
                    figure = next(f for f in meta["figures"] if f["key"] == key)
                    if figure not in [f for f, _ in out]:
                        out.append((figure, figure["label"]))
        return out

    def measures(self, clause: Clause) -> list[MeasureView]:
        views = []
        for measure in clause.measures:
            views.append(self._measure(measure))
        return views

    def _measure(self, measure: Measure) -> MeasureView:
        lang = self.lang
        conditions = [ConditionView(
            text=in_language(c, lang),
            quote=c.quote,
            figures=self._figures(c.test),
            judged_by=[n.judged_by for n, _ in walk(c.test, ()) if n.judged_by],
        ) for c in measure.conditions]
        return MeasureView(part=measure.part, who=self.applicant_label(measure.for_), kind=measure.kind,
                           offer=measure.offer[lang], conditions=conditions,
                           calculators=[c.id for c in measure.calculators], notes=[n[lang] for n in measure.notes])

    def rules(self) -> dict[str, Any] | None:
        return finder_rules(self.policy, self.documents)

    def page_config(self, site_map: Any, page: Any) -> dict[str, Any]:
        return page_config(self, site_map, page)

    def clauses(self) -> list[Clause]:
        return [c for c in self.policy.clauses if c.measures]

    def in_force(self, entry: Clause | FinderClause) -> dict[str, str]:
        """The clause's dates on the data date, for the table without JavaScript (a library clause's are
        its document's when it has none of its own, as the engine reads them):
        {"state": "expired" | "not_yet" | "in_force" | "open_ended", "start", "end"}."""
        v = entry.validity if isinstance(entry, FinderClause) else _validity(entry.validity)
        start = (v or {}).get("from") or ""
        end = (v or {}).get("to") or ""
        today = self.site.data_date.isoformat()
        state = in_force(v, today)
        return {"state": state, "start": start, "end": end}


def _validity(validity: Any) -> dict[str, str | None] | None:
    return ({"from": validity.start.isoformat(), "to": validity.end.isoformat() if validity.end else None}
            if validity else None)


def _calculator(calc_id: str) -> dict:
    return calculators.CALCULATORS[calc_id]


def _strings(lang: str) -> dict[str, str]:
    return {key: value[lang] for key, value in load_ui_strings().items()
            if key.startswith(("finder_", "print_", "measures_")) or key in ("calc_yuan", "runtime_retry", "runtime_reload")}


FIRST_QUESTIONS_DEPTH = 3
_first_questions_cache: dict[tuple[str, str], dict] = {}


def first_questions(rules: dict[str, Any], as_of: str, depth: int = FIRST_QUESTIONS_DEPTH) -> dict:
    """The engine's next question for every way of answering the first ``depth`` questions, worked
    out here by the real engine (CPython), so the page asks them before Python reaches the browser.

    A node is ``{"q": fact | None}`` (None: no more questions), with its answers' nodes in ``"a"``
    (a choice's value, "true" / "false", "" for "not sure") and, for an integer, ``"r"``: runs
    ``[low, high, node]``. Integers are tried where the engine tries them (every threshold a
    condition uses, and either side of it); a run covers the numbers between two tried ones only
    when both give the same node, so the page never guesses: beyond the table it waits for Python.
    """
    key = (json.dumps(rules, sort_keys=True), as_of)
    if key not in _first_questions_cache:
        facts = {f["id"]: f for f in rules["facts"]}

        tried: dict[str, list] = {}

        def candidates(fact_id: str) -> list:
            if fact_id not in tried:
                tried[fact_id] = answer_candidates(rules, fact_id)
            return tried[fact_id]

        def node(answers: dict, left: int) -> dict:
            question = calculators.find(rules, answers, as_of)["next_question"]
            out: dict[str, Any] = {"q": question}
            if question is None or left == 0:
                return out
            values = candidates(question)
            children = [node({**answers, question: v}, left - 1) for v in values]
            if facts[question]["type"] == "integer":
                runs: list[list] = []
                for i, (value, child) in enumerate(zip(values, children)):
                    low = values[i - 1] + 1 if i and children[i - 1] == child else value
                    if runs and runs[-1][2] == child and runs[-1][1] >= low - 1:
                        runs[-1][1] = value
                    else:
                        runs.append([low, value, child])
                out["r"] = runs
                out["a"] = {}
            else:
                out["a"] = {json.dumps(v) if isinstance(v, bool) else v: c for v, c in zip(values, children)}
            if question != rules["applicant_fact"]:
                out["a"][""] = node({**answers, question: None}, left - 1)
            return out

        _first_questions_cache[key] = node({}, depth)
    return _first_questions_cache[key]


def page_config(view: FinderView, site_map: Any, page: Any) -> dict[str, Any]:
    """What finder.js reads: the rules, the clauses' titles, links, agencies and Chinese text
    (for the receipt), the calculators' titles and field names, the strings of this language.
    Links are relative to ``page`` (the finder page), from the site map (``sitemap.SiteMap``)."""
    site, lang = view.site, view.lang
    url = lambda target: site_map.url(target, page)  # noqa: E731
    clauses = {}
    documents = {}
    for entry in view.entries():
        clause = entry.clause
        clauses[entry.ref] = {
            "title": entry.title,
            "text_zh": clause.text.zh,
            "url": url(view.page_of(entry, site_map)),
            "validity": entry.validity,
            "lead": [{"name": site.policy.agency[a].name[lang], "url": url(site_map.agency(a))}
                     for a in clause.lead_agencies],
        }
        if view.names_documents or entry.document is not None:  # a library document's clause: "第十六条", not "16"
            clauses[entry.ref]["label"] = entry.label
        if view.names_documents:  # a library of one: the configuration as it always was
            doc = view.document_view(entry.document)
            clauses[entry.ref]["document"] = doc.key
            documents.setdefault(doc.key, {"title": doc.title, "url": url(view.document_page(entry.document, site_map)),
                                           "status": doc.status.status, "css": doc.status.css,
                                           "status_text": doc.status_text})
    calcs = {cid: {"title": meta["title"][lang], "url": url(site_map.calculator(cid)),
                   "fields": [f["name"] for f in meta["fields"]]}
             for cid, meta in site.calculators.items()}
    agencies = {a.id: a.name[lang] for a in site.policy.agencies}
    rules = view.rules()
    as_of = site.data_date.isoformat()
    return {
        "lang": lang,
        "as_of": as_of,
        "rules": rules,
        "rules_key": rules_key(rules) if rules else None,
        "first_questions": first_questions(rules, as_of) if rules else None,
        "agencies_url": url(site_map.index("agencies")),
        "clauses": clauses,
        **({"documents": documents} if view.names_documents else {}),
        "calculators": calcs,
        "agencies": agencies,
        "pyodide": site_map.runtime_folder(page),
        "runtime_version": site.runtime.version if site.runtime else "",
        "runtime_manifest": site.runtime.manifest if site.runtime else None,
        "download_bytes": site.runtime.download_bytes if site.runtime else 0,
        "strings": {**_strings(lang), **({"doc_in_document": view._t("doc_in_document")} if view.names_documents else {})},
    }
