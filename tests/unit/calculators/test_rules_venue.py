"""Clause 2.2 (the venue subsidy) written as data (calculators/cases/rules/venue_subsidy.json) gives
what the Python module gave on every case of calculators/cases/venue_subsidy.json: the case's own
checks, and the module's eligibility, total, items, ceiling and year-by-year rows, recorded from it
before it was removed (tests/fixtures/venue_subsidy_python_answers.json); the same input
errors; and the same form (field names, types, units, ranges, defaults, applies_when, help)."""

import json
from pathlib import Path

import pytest

import calculators
from calculators import InputError, rules
from policy_site.data.loader import load_policy
from policy_site.data.rules_checks import specs

from .conftest import REPO_ROOT
from .rules_support import RULES_DIR, canonical, check_case, load

SPEC = load("venue_subsidy")["spec"]
CASES = json.loads((RULES_DIR.parent / "venue_subsidy.json").read_text(encoding="utf-8"))
PYTHON = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "venue_subsidy_python_answers.json")
                    .read_text(encoding="utf-8"))
ANSWERS = {answer["name"]: answer for answer in PYTHON["cases"]}


def test_the_spec_has_no_problems():
    assert rules.problems(SPEC) == []


def test_every_case_has_the_python_modules_answer():
    assert [case["name"] for case in CASES] == [answer["name"] for answer in PYTHON["cases"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_case_of_the_python_calculator(case):
    python = ANSWERS[case["name"]]
    result = check_case(lambda inputs: rules.calculate(SPEC, inputs), case)
    if result is None:
        with pytest.raises(InputError) as data_error:
            rules.calculate(SPEC, case["inputs"])
        assert data_error.value.errors == python["errors"]
        return
    expected = python["result"]
    for key in ("calculator", "clause", "eligible", "total_yuan", "total_is_ceiling", "by_year"):
        assert canonical(result[key]) == canonical(expected[key]), key
    assert [[line["key"], line["yuan"]] for line in result["items"]] == expected["items"]


def test_the_form_is_the_python_calculators_form():
    data = rules.metadata(SPEC)
    python = PYTHON["metadata"]
    for key in ("id", "clause", "title", "summary", "applicant", "fields", "notes", "examples", "eligible_verdict"):
        assert canonical(data[key]) == canonical(python[key]), key
    assert [{k: f[k] for k in ("key", "value", "unit", "label")} for f in data["figures"]] == python["figures"]


def test_the_figures_quote_the_clause(clause_text):
    text = clause_text("2.2")
    for figure in rules.metadata(SPEC)["figures"]:
        assert figure["zh_text"] in text, figure["key"]


@pytest.mark.parametrize("recorded", PYTHON["rounding"], ids=lambda r: f"{r['inputs']['years']} years")
def test_the_one_difference_each_year_is_rounded_before_adding(recorded):
    """Not in the cases: the Python module rounded the government waiver once (1000.005 × 2 years =
    2000.01); the engine rounds each year's amount first (1000.01 × 2), as the module did for private
    premises."""
    data = rules.calculate(SPEC, recorded["inputs"])["total_yuan"]
    assert data != recorded["total_yuan"]
    assert round(data - recorded["total_yuan"], 2) == 0.01


def test_the_spec_tested_here_is_the_one_the_policy_data_ships():
    """calculators/cases/rules/venue_subsidy.json is a copy of clause 2.2's calculator_rules (the
    package's tests read no YAML): the two must stay equal."""
    policy = load_policy(REPO_ROOT / "policy_data", calculators.CALCULATORS)
    assert specs(policy, {"venue_subsidy"}) == [SPEC]
