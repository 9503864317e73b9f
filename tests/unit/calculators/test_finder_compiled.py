"""The held rules' conditions are read once (``calculators.finder.compile_test``): each compiled test
gives exactly ``evaluate``'s three-valued result, for every condition of the plan and of the mini
policy, on the known facts of every profile and every step of every journey, and on tests built to
reach each branch (all/any/not, judged_by, is/in/at_least/at_most, a calculator's figure)."""

from __future__ import annotations

from pathlib import Path

import pytest

import calculators
from calculators.finder import _Rules, _known, compile_test, evaluate
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import load_policy
from tests.unit.calculators.test_finder_journeys import requests as journey_requests
from tests.unit.calculators.test_finder_profiles import PROFILES, RULES

REPO = Path(__file__).resolve().parents[3]
MINI = finder_rules(load_policy(REPO / "tests" / "fixtures" / "mini_policy", known_calculators=calculators.CALCULATORS))


def conditions_of(rules: dict) -> list[dict]:
    return [c["test"] for clause in rules["clauses"] for m in clause["measures"] for c in m["conditions"]]


def knowns(rules: dict) -> list[dict]:
    """The known facts (answers and what they imply) of every profile and every journey's step,
    and of each single answer every question may be given."""
    prepared = _Rules(rules)
    answers = [facts for facts, _ in PROFILES.values()] + [facts for facts, _ in journey_requests().values()]
    answers += [{fact["id"]: value} for fact in rules["facts"] for value in prepared.candidates(fact["id"])]
    out = [{}]
    for facts in answers:
        try:
            out.append(_known(prepared, {k: v for k, v in facts.items() if k in prepared.fact}))
        except Exception:  # noqa: BLE001 - a contradiction: not a set of known facts
            continue
    return out


@pytest.mark.parametrize("rules", [RULES, MINI], ids=["plan", "mini"])
def test_compiled_conditions_give_evaluate_s_results(rules):
    tests = conditions_of(rules)
    compiled = [compile_test(test) for test in tests]
    cases = knowns(rules)
    assert tests and len(cases) > 5
    seen = set()
    for known in cases:
        for test, run in zip(tests, compiled, strict=True):
            result = run(known)
            assert result is evaluate(test, known), (test, known)
            seen.add(result)
    assert seen == {True, False, None}


FIGURE = next(f"{cid}.{entry['key']}" for cid, meta in calculators.CALCULATORS.items()
              for entry in meta.get("figures", ()) if entry.get("value") is not None)
BRANCHES = [
    {"fact": "n", "is": 3}, {"fact": "n", "is": True}, {"fact": "b", "is": True}, {"fact": "b", "is": 1},
    {"fact": "n", "in": [1, 3]}, {"fact": "n", "in": [True]}, {"fact": "c", "in": ["x", "y"]},
    {"fact": "n", "at_least": 3}, {"fact": "n", "at_most": 2}, {"fact": "n", "at_least": 1, "at_most": 5},
    {"fact": "n", "is": 3, "in": [3], "at_least": 4}, {"fact": "n"}, {"fact": "n", "at_least": {"figure": FIGURE}},
    {"fact": "n", "at_most": {"figure": FIGURE}}, {"judged_by": "someone"}, {"not": {"judged_by": "x"}},
    {"not": {"fact": "b", "is": True}}, {"all": []}, {"any": []},
    {"all": [{"fact": "b", "is": True}, {"judged_by": "x"}]}, {"any": [{"fact": "b", "is": True}, {"judged_by": "x"}]},
    {"all": [{"judged_by": "x"}, {"fact": "b", "is": False}]}, {"any": [{"judged_by": "x"}, {"fact": "n", "is": 3}]},
    {"not": {"any": [{"all": [{"fact": "n", "at_least": 2}, {"not": {"fact": "c", "is": "x"}}]}, {"fact": "b"}]}},
]


@pytest.mark.parametrize("test", BRANCHES, ids=str)
def test_every_branch_as_evaluate(test):
    run = compile_test(test)
    for known in ({}, {"n": 3}, {"n": 1}, {"n": 6}, {"n": 10**9}, {"n": -5}, {"b": True}, {"b": False},
                  {"c": "x"}, {"c": "z"}, {"n": 3, "b": False, "c": "y"}, {"n": 2, "b": True, "c": "x"}):
        assert run(known) is evaluate(test, known), known
