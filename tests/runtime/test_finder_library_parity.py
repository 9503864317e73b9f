"""Parity for the finder of a library of two documents: the real plan with the example library's document merged in
(tests/build/test_example_library.py's ``_library_with_the_example``), its clauses named ``DOC_ID:CLAUSE_ID``, gives
byte-identical JSON in CPython and in the site's trimmed Pyodide runtime (Node), through ``calculators.find_json``
as the browser worker calls it: every step of a visitor's way through the questions, as a person and as an
organisation, on a day the example's document was in force and on the data date (after it ended); and the same
steps as the finder page asks them, the rules held once and each request naming them (the short answer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import calculators
from policy_site.build.pyodide_runtime import build_runtime
from calculators.finder import forget_held_rules
from policy_site.data.finder_rules import finder_rules, hold_request
from policy_site.data.loader import check_policy
from tests.build.test_example_library import DOC_ID, _library_with_the_example

REPO = Path(__file__).resolve().parents[2]

ANSWERS = {"organisation": {"internship_base": True, "fifty_interns_two_years": True, "kept_on_intern": False},
           "person": {"on_internship": True, "hardship_group": True, "college_graduate": True, "age": 23}}
"""What the visitor answers when asked; every other question "not sure"."""


def _journeys(rules: dict) -> dict[str, str]:
    """Every step of the journeys, each request carrying the rules."""
    requests = {}
    for as_of in ("2020-06-30", "2026-12-07"):
        for applicant, answers in ANSWERS.items():
            facts: dict = {"applicant": applicant}
            for step in range(60):
                request = json.dumps({"rules": rules, "facts": facts, "as_of": as_of}, ensure_ascii=False)
                requests[f"{applicant} {as_of} step {step}"] = request
                question = json.loads(calculators.find_json(request))["result"]["next_question"]
                if question is None:
                    break
                facts = {**facts, question: answers.get(question)}
    return requests


@pytest.fixture(scope="module")
def requests(tmp_path_factory) -> dict[str, str]:
    data = _library_with_the_example(tmp_path_factory.mktemp("finder_library_parity"))
    checked = check_policy(data, calculators.CALCULATORS)
    assert checked.problems == []
    return _journeys(finder_rules(checked.policy, checked.documents))


def _held(requests: dict[str, str]) -> dict[str, str | tuple[str, str]]:
    """The same steps as the finder page asks them: the rules held once, then requests naming them."""
    rules = json.loads(next(iter(requests.values())))["rules"]
    held: dict[str, str | tuple[str, str]] = {"hold": ("hold_rules_json", hold_request(rules))}
    key = json.loads(held["hold"][1])["rules_key"]
    for name, request in requests.items():
        step = json.loads(request)
        held[name] = json.dumps({"rules_key": key, "facts": step["facts"], "as_of": step["as_of"]}, ensure_ascii=False)
    return held


def test_the_journeys_reach_the_example_s_articles(requests):
    answers = [json.loads(calculators.find_json(r))["result"] for r in requests.values()]
    assert len(requests) > 20
    shown = {(m["clause"], m["status"], m["in_force"]) for a in answers for m in a["measures"]}
    assert (f"{DOC_ID}:16", "applies", "in_force") in shown and (f"{DOC_ID}:16", "applies", "expired") in shown
    assert (f"{DOC_ID}:17", "applies", "in_force") in shown


def test_pyodide_answers_the_library_as_cpython(requests, tmp_path_factory):
    from tests.runtime.test_parity import run_in_node

    out = run_in_node(build_runtime(REPO), requests, tmp_path_factory.mktemp("pyodide_finder_library"), fn="find_json")
    for key, request in requests.items():
        assert out["responses"][key] == calculators.find_json(request), key


def test_pyodide_answers_the_held_library_as_cpython(requests, tmp_path_factory):
    from tests.runtime.test_parity import run_in_node

    held = _held(requests)
    out = run_in_node(build_runtime(REPO), held, tmp_path_factory.mktemp("pyodide_finder_held"), fn="find_json")
    try:
        assert json.loads(calculators.hold_rules_json(held["hold"][1])) == {"ok": True}
        assert out["responses"]["hold"] == calculators.hold_rules_json(held["hold"][1])
        for key in requests:
            expected = calculators.find_json(held[key])
            assert json.loads(expected)["ok"] is True and "\"results\"" in expected, key  # the short answer
            assert out["responses"][key] == expected, key
    finally:
        forget_held_rules()
