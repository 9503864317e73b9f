"""The finder's rules as JSON-like data, from the validated policy, for the engine
(``calculators.finder``) in Python and in the browser, and the limits the browser's engine puts
on a request."""

from __future__ import annotations

import json
from typing import Any

import calculators
from calculators import InputError
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS, request_too_big

from .model import Policy
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


def finder_rules(policy: Policy) -> dict[str, Any] | None:
    """The rules the engine reads; None when the policy has no finder (no facts.yaml)."""
    if policy.finder is None:
        return None
    return {
        "applicant_fact": policy.finder.applicant_fact,
        "facts": [_fact(f) for f in policy.finder.facts],
        "clauses": [{
            "clause": clause.id,
            "validity": ({"from": clause.validity.start.isoformat(),
                          "to": clause.validity.end.isoformat() if clause.validity.end else None}
                         if clause.validity else None),
            "measures": [_measure(m) for m in clause.measures],
        } for clause in policy.clauses if clause.measures],
    }


def browser_request(rules: dict[str, Any], facts: Any, as_of: str = AS_OF_SHAPE) -> str:
    """The request text the finder page sends to ``calculators.find_json`` (``JSON.stringify`` of
    ``{rules, facts, as_of}``: no spaces, non-ASCII as it is), so its size is the browser's."""
    return json.dumps({"rules": rules, "facts": facts, "as_of": as_of}, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False)


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
    """The refusal the browser's engine gives a request too large or too deeply nested, or None."""
    try:
        text = browser_request(rules, facts, as_of)
    except (TypeError, ValueError):
        return None  # answers the engine refuses on its own, with the field named
    if not request_too_big(text):
        return None
    return InputError([{
        "field": None,
        "zh": f"请求过大或嵌套过深：网页中的查询也会拒绝它（规则和回答合计最多 {MAX_REQUEST_CHARS:,} 个字符、"
              f"嵌套 {MAX_DEPTH} 层）。请运行 policy-site check 查看是哪条数据。",
        "en": f"The request is too large or too deeply nested: the finder in the browser refuses it too (rules and "
              f"answers together at most {MAX_REQUEST_CHARS:,} characters and {MAX_DEPTH} levels). Run "
              "policy-site check to see which data."}])

