"""The finder's rules as JSON-like data, from the validated policy, for the engine
(``calculators.finder``) in Python and in the browser, and the limits the browser's engine puts
on what the finder page sends it: its rules, held once (``hold_request``, at most
``MAX_RULES_CHARS``), and each request naming them with the visitor's answers (``page_request``,
at most ``MAX_REQUEST_CHARS``), neither nested deeper than ``MAX_DEPTH``."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from calculators import InputError
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS, MAX_RULES_CHARS, request_too_big

from .library import LibraryDocument
from .model import Policy, Validity
from .model_finder import Fact, FactsFile, Measure

AS_OF_SHAPE = "2026-11-25"
"""Every ``as_of`` the page sends is a date of this length."""


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "type": fact.type,
        "question": fact.question.model_dump(),
        "help": fact.help.model_dump() if fact.help else None,
        "why": fact.why.model_dump() if fact.why else None,
        "choices": [c.model_dump() for c in fact.choices],
        "min": fact.min,
        "max": fact.max,
        "unit": fact.unit.model_dump() if fact.unit else None,
        "for": list(fact.for_),
        "ask_when": fact.ask_when.data() if fact.ask_when else None,
        "implies": [{"when": r.when, "set": dict(r.set)} for r in fact.implies],
        "not_above": fact.not_above,
    }


def _measure(measure: Measure) -> dict[str, Any]:
    return {
        "part": measure.part,
        "for": measure.for_,
        "kind": measure.kind,
        "offer": measure.offer.model_dump(),
        "conditions": [{"zh": c.zh, "en": c.en, "quote": c.quote, "test": c.test.data()}
                       for c in measure.conditions],
        "calculators": [{"id": c.id, "inputs": {k: v.data() for k, v in c.inputs.items()}}
                        for c in measure.calculators],
        "notes": [n.model_dump() for n in measure.notes],
    }


def names_documents(policy: Policy, documents: tuple[LibraryDocument, ...] | list[LibraryDocument]) -> bool:
    """Whether the library has more than one document (the top-level one, if any: it has clauses; and
    those of ``documents/``): then its results name their document, its library clauses ``DOC_ID:CLAUSE_ID``."""
    return bool(policy.clauses) + len(documents) > 1


def clause_ref(doc_id: str, clause_id: str, named: bool = True) -> str:
    """How a library document's clause is named in the rules, in ``policy-site find`` and on the finder
    page: ``DOC_ID:CLAUSE_ID`` when the library has more than one document (``named``, from
    ``names_documents``), else its plain id (``16``), as a library of one always reads. (The top-level
    document's clauses keep their plain ids, ``1.2``.)"""
    return f"{doc_id}:{clause_id}" if named else clause_id


def _validity(validity: Validity | None) -> dict[str, str | None] | None:
    return ({"from": validity.start.isoformat(), "to": validity.end.isoformat() if validity.end else None}
            if validity else None)


def library_validity(document: LibraryDocument, validity: Validity | None) -> dict[str, str | None] | None:
    """A library clause's dates for the engine: its own validity, or else its document's life (from the
    day it takes effect to its last day; a side the text does not give is open). An expired document's
    clauses are then "ended", never counted among what applies."""
    if validity is not None:
        return _validity(validity)
    start, end = document.meta.in_force_from, document.meta.expires
    if start is None and end is None:
        return None
    return {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None}


def finder_rules(policy: Policy, documents: tuple[LibraryDocument, ...] | list[LibraryDocument] = ()
                 ) -> dict[str, Any] | None:
    """The rules the engine reads; None when the policy has no finder (no facts.yaml).

    ``documents``: the library's imported documents (``SiteInputs.documents``, ``CheckResult.documents``);
    their clauses with measures follow the top-level document's, in the library's order, each named
    ``DOC_ID:CLAUSE_ID`` (``clause_ref``) when the library has more than one document. Without them the
    rules are exactly a library of one's; a library of one imported document names its clauses ``16``."""
    if policy.finder is None:
        return None
    clauses = [{"clause": clause.id, "validity": _validity(clause.validity),
                "measures": [_measure(m) for m in clause.measures]}
               for clause in policy.clauses if clause.measures]
    named = names_documents(policy, documents)
    clauses += [{"clause": clause_ref(document.id, clause.id, named),
                 "validity": library_validity(document, clause.validity),
                 "measures": [_measure(m) for m in clause.measures]}
                for document in documents for clause in document.clauses if clause.measures]
    return {
        "applicant_fact": policy.finder.applicant_fact,
        "facts": [_fact(f) for f in policy.finder.facts],
        "clauses": clauses,
    }


def rules_key(rules: dict[str, Any]) -> str:
    """The finder page's name for exactly these rules (a hash of their JSON): the page has the engine
    hold its rules under it (``calculators.hold_rules_json``), then names it in every request."""
    text = json.dumps(rules, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _stringify(payload: dict[str, Any]) -> str:
    """As ``JSON.stringify`` writes it: no spaces, non-ASCII as it is."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def hold_request(rules: dict[str, Any]) -> str:
    """The finder page's request to ``calculators.hold_rules_json``, ``{rules_key, rules}``, as the
    page writes it: the browser's engine refuses it above ``MAX_RULES_CHARS`` characters or
    ``MAX_DEPTH`` levels (and the finder then fails to load for every visitor)."""
    return _stringify({"rules_key": rules_key(rules), "rules": rules})


def page_request(rules: dict[str, Any], facts: Any, as_of: str = AS_OF_SHAPE) -> str:
    """The finder page's request to ``calculators.find_json`` for these answers, ``{rules_key, facts,
    as_of}``, naming the held rules, as the page writes it: the browser's engine refuses it above
    ``MAX_REQUEST_CHARS`` characters or ``MAX_DEPTH`` levels."""
    return _stringify({"rules_key": rules_key(rules), "facts": facts, "as_of": as_of})


def browser_request(rules: dict[str, Any], facts: Any, as_of: str = AS_OF_SHAPE) -> str:
    """A request to ``calculators.find_json`` with the rules in it, ``{rules, facts, as_of}``, as
    ``JSON.stringify`` writes it (the tests' and other callers' shape; the finder page has its
    rules held once and sends ``page_request``: see ``request_refusal`` for its limits)."""
    return _stringify({"rules": rules, "facts": facts, "as_of": as_of})


def largest_answers(facts: FactsFile) -> dict[str, Any]:
    """The longest answers a visitor can send: one to every question, each its longest value."""
    def longest(fact: Fact) -> Any:
        if fact.type == "bool":
            return False
        if fact.type == "integer":
            return max((fact.min, fact.max), key=lambda n: len(str(n)))
        return max((c.value for c in fact.choices), key=len)
    return {f.id: longest(f) for f in facts.facts}


def request_refusal(rules: dict[str, Any], facts: Any, as_of: str) -> InputError | None:
    """The refusal the browser's engine gives the finder page for these rules and answers, or None:
    the rules held (``hold_request``) too large or too deeply nested, or the request naming them
    with the answers (``page_request``) too large or too deeply nested."""
    try:
        held, text = hold_request(rules), page_request(rules, facts, as_of)
    except (TypeError, ValueError):
        return None  # answers the engine refuses on its own, with the field named
    if request_too_big(held, MAX_RULES_CHARS):
        return InputError([{
            "field": None,
            "zh": f"查询规则过大或嵌套过深：网页中的查询也会拒绝它们（规则最多 {MAX_RULES_CHARS:,} 个字符、"
                  f"嵌套 {MAX_DEPTH} 层）。请运行 policy-site check 查看是哪条数据。",
            "en": f"The finder's rules are too large or too deeply nested: the finder in the browser refuses them "
                  f"too (at most {MAX_RULES_CHARS:,} characters and {MAX_DEPTH} levels). Run policy-site check to "
                  "see which data."}])
    if not request_too_big(text):
        return None
    return InputError([{
        "field": None,
        "zh": f"请求过大或嵌套过深：网页中的查询也会拒绝它（回答连同规则的编号和日期最多 {MAX_REQUEST_CHARS:,} 个字符、"
              f"嵌套 {MAX_DEPTH} 层）。每个回答应是 true、false、一个整数、问题的选项之一或 null（不确定）。",
        "en": f"The request is too large or too deeply nested: the finder in the browser refuses it too (the "
              f"answers, with the rules' key and the date, at most {MAX_REQUEST_CHARS:,} characters and "
              f"{MAX_DEPTH} levels). Each answer is true, false, a whole number, one of the question's "
              "choices or null (not sure)."}])
