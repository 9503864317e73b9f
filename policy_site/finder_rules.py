"""The finder's rules as JSON-like data, from the validated policy, for the engine
(``calculators.finder``) in Python and in the browser; and ``find`` for a data folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import calculators

from .dates import data_date
from .loader import load_policy
from .model import Policy
from .model_finder import Fact, Measure


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


def find(facts: Any, as_of: dt.date | str | None = None, data_dir: Path | str = "policy_data") -> dict[str, Any]:
    """What applies to a visitor with these answers, from the policy in ``data_dir``.

    Raises ``DataErrors`` for a mistake in the data and ``calculators.InputError`` for bad answers.
    """
    data_dir = Path(data_dir)
    policy = load_policy(data_dir, known_calculators=calculators.CALCULATORS)
    rules = finder_rules(policy)
    if rules is None:
        raise calculators.InputError([{
            "field": None, "zh": "这份政策数据没有问题文件（facts.yaml），无法查询。",
            "en": "This policy has no questions file (facts.yaml): nothing to find."}])
    if as_of is None:
        as_of = data_date(data_dir)
    if isinstance(as_of, dt.date):
        as_of = as_of.isoformat()
    return calculators.find(rules, facts, as_of)
