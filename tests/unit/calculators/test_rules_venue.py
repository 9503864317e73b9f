"""Clause 2.2 (the venue subsidy) written as data (calculators/cases/rules/venue_subsidy.json) gives
what the Python module gives on every case of calculators/cases/venue_subsidy.json: the case's own
checks, and the same eligibility, total, items, ceiling and year-by-year rows; and its form is the
same (field names, types, units, ranges, defaults, applies_when)."""

import json
from pathlib import Path

import pytest

from calculators import CALCULATORS, InputError, calculate, rules

from .rules_support import RULES_DIR, canonical, check_case, load

SPEC = load("venue_subsidy")["spec"]
CASES = json.loads((RULES_DIR.parent / "venue_subsidy.json").read_text(encoding="utf-8"))
COMPARED = ("calculator", "clause", "eligible", "total_yuan", "total_is_ceiling", "by_year")


def test_the_spec_has_no_problems():
    assert rules.problems(SPEC) == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_case_of_the_python_calculator(case):
    result = check_case(lambda inputs: rules.calculate(SPEC, inputs), case)
    if result is None:
        with pytest.raises(InputError) as python_error:
            calculate("venue_subsidy", case["inputs"])
        with pytest.raises(InputError) as data_error:
            rules.calculate(SPEC, case["inputs"])
        assert data_error.value.errors == python_error.value.errors
        return
    python = calculate("venue_subsidy", case["inputs"])
    for key in COMPARED:
        assert canonical(result[key]) == canonical(python[key]), key
    assert [(i["key"], i["yuan"]) for i in result["items"]] == [(i["key"], i["yuan"]) for i in python["items"]]


def test_the_form_is_the_python_calculators_form():
    python = CALCULATORS["venue_subsidy"]
    data = rules.metadata(SPEC)
    assert set(data) == set(python)
    keys = ("name", "type", "unit", "min", "max", "required", "default", "default_parameter", "applies_when",
            "choices", "label", "help")
    assert [{k: f[k] for k in keys} for f in data["fields"]] == [{k: f[k] for k in keys} for f in python["fields"]]
    assert [(f["key"], f["value"], f["unit"], f["label"]) for f in data["figures"]] == \
        [(f["key"], f["value"], f["unit"], f["label"]) for f in python["figures"]]
    assert data["examples"] == python["examples"]
    assert data["notes"] == python["notes"]
    for key in ("id", "clause", "title", "summary", "applicant", "eligible_verdict"):
        assert data[key] == python[key], key


def test_the_figures_quote_the_clause(clause_text):
    text = clause_text("2.2")
    for figure in rules.metadata(SPEC)["figures"]:
        assert figure["zh_text"] in text, figure["key"]


def test_the_examples_total_what_the_spec_says():
    for example in SPEC["examples"]:
        assert rules.calculate(SPEC, example["inputs"])["total_yuan"] == example["total_yuan"]


@pytest.mark.parametrize("years, python_total, data_total", [(2, 2000.01, 2000.02), (3, 3000.02, 3000.03)])
def test_the_one_difference_each_year_is_rounded_before_adding(years, python_total, data_total):
    """Not in the cases: the Python module rounds the government waiver once (1000.005 × 2 = 2000.01),
    the engine rounds each year's amount first, as it does for private premises (1000.01 × 2)."""
    inputs = {"venue_type": "government", "annual_rent_and_utilities_yuan": 1000.005, "years": years}
    assert calculate("venue_subsidy", inputs)["total_yuan"] == python_total
    assert rules.calculate(SPEC, inputs)["total_yuan"] == data_total
