"""What the templates show of the finder: each clause's measures in plain words (the clause
page's "who qualifies"), the build-time table of who each measure serves, and the finder
page's configuration (the rules, questions and strings the browser script reads).

Everything comes from the same validated data as the engine's rules, so the clause pages and
the finder cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import calculators
from calculators.finder import answer_candidates

from ..data.finder_checks import walk
from ..data.finder_rules import finder_rules
from ..data.model import Clause
from ..data.model_finder import Measure, Test
from ..data.translations import in_language
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


class FinderView:
    """Bound to one site and language; available to the templates as ``finder``."""

    def __init__(self, site: Any, lang: str):
        self.site = site
        self.lang = lang
        self.policy = site.policy
        self.enabled = self.policy.finder is not None and any(c.measures for c in self.policy.clauses)

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
        return finder_rules(self.policy)

    def page_config(self, site_map: Any, page: Any) -> dict[str, Any]:
        return page_config(self, site_map, page)

    def clauses(self) -> list[Clause]:
        return [c for c in self.policy.clauses if c.measures]

    def in_force(self, clause: Clause) -> dict[str, str]:
        """The clause's dates on the data date, for the table without JavaScript:
        {"state": "expired" | "not_yet" | "in_force" | "open_ended", "start", "end"}."""
        v = clause.validity
        start = v.start.isoformat() if v and v.start else ""
        end = v.end.isoformat() if v and v.end else ""
        today = self.site.data_date
        if v and v.start and today < v.start:
            state = "not_yet"
        elif v and v.end and today > v.end:
            state = "expired"
        elif v and v.end:
            state = "in_force"
        else:
            state = "open_ended"
        return {"state": state, "start": start, "end": end}


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
    for clause in view.clauses():
        clauses[clause.id] = {
            "title": clause.title[lang],
            "text_zh": clause.text.zh,
            "url": url(site_map.clause(clause.id)),
            "validity": ({"from": clause.validity.start.isoformat(),
                          "to": clause.validity.end.isoformat() if clause.validity.end else None}
                         if clause.validity else None),
            "lead": [{"name": site.policy.agency[a].name[lang], "url": url(site_map.agency(a))}
                     for a in clause.lead_agencies],
        }
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
        "first_questions": first_questions(rules, as_of) if rules else None,
        "agencies_url": url(site_map.index("agencies")),
        "clauses": clauses,
        "calculators": calcs,
        "agencies": agencies,
        "pyodide": site_map.runtime_folder(page),
        "runtime_version": site.runtime.version if site.runtime else "",
        "runtime_manifest": site.runtime.manifest if site.runtime else None,
        "download_bytes": site.runtime.download_bytes if site.runtime else 0,
        "strings": _strings(lang),
    }
