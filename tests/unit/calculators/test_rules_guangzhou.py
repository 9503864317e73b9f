"""Articles 16 to 19 of 广州市就业见习基地管理办法 (穗人社规字〔2019〕6号, ../shared/examples/) written as
data only: the specs as the example library ships them (their clauses in
examples/guangzhou/documents/guangzhou-2019-internship-bases/sections/4.yaml), the cases in
calculators/cases/rules/guangzhou_*.json (whose copy of each spec must stay equal to the library's:
the runtime's probe and the engine's other tests read it), with cases from the text and every boundary
it states: the 22-working-day month and a part month by the working days served (不满1个月的按实际
见习工作日计算), at most 12 months (最长…不超过12个月), 50 interns a year and 60% kept on both included
(含本数), at most 50,000 yuan (最高不超过50000元), 6 months of social insurance (6个月以上). The city's
minimum wage is a parameter passed in as an input (the site offers the stored value as the default)."""

from pathlib import Path

import pytest
import yaml

from calculators import rules

from .rules_support import RULES_DIR, check_case
from .rules_support import load as load_copy

REPO = Path(__file__).resolve().parents[3]
SECTIONS = REPO / "examples" / "guangzhou" / "documents" / "guangzhou-2019-internship-bases" / "sections"


def _library_specs() -> dict[str, dict]:
    """Every calculator written as data in the example library's clauses, with its clause (as the loader
    gives it to the engine)."""
    found = {}
    for path in sorted(SECTIONS.glob("*.yaml")):
        for clause in yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]:
            for spec in clause.get("calculator_rules") or ():
                found[spec["id"]] = {**spec, "clause": clause["id"]}
    return found


SPECS = _library_specs()
NAMES = sorted(path.stem for path in RULES_DIR.glob("guangzhou_*.json"))
SOURCE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"


def load(name):
    """The library's spec of ``name`` with the cases of calculators/cases/rules/<name>.json."""
    return {"spec": SPECS[name], "cases": load_copy(name)["cases"]}


CASES = [pytest.param(name, case, id=f"{name}: {case['name']}") for name in NAMES for case in load(name)["cases"]]


def test_the_library_s_calculators_are_the_ones_with_cases():
    assert sorted(SPECS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_the_engine_s_copy_of_each_spec_is_the_library_s(name):
    assert load_copy(name)["spec"] == SPECS[name]


def test_articles_16_to_19_are_all_there():
    assert sorted(load(name)["spec"]["clause"] for name in NAMES) == ["16", "17", "18", "19"]


@pytest.mark.parametrize("name", NAMES)
def test_the_spec_has_no_problems(name):
    assert rules.problems(load(name)["spec"]) == []


@pytest.mark.parametrize("name, case", CASES)
def test_case(name, case):
    spec = load(name)["spec"]
    check_case(lambda inputs: rules.calculate(spec, inputs), case)


@pytest.mark.parametrize("name", NAMES)
def test_the_worked_examples_cover_both_outcomes(name):
    spec = load(name)["spec"]
    outcomes = set()
    for example in spec["examples"]:
        result = rules.calculate(spec, example["inputs"])
        assert result["total_yuan"] == example["total_yuan"]
        outcomes.add(result["eligible"])
    assert outcomes == {True, False}


def test_the_minimum_wage_is_the_stored_parameter_by_default():
    field = rules.metadata(load("guangzhou_internship_subsidy")["spec"])["fields"][0]
    assert (field["name"], field["default_parameter"], field["required"]) == \
        ("monthly_min_wage_yuan", "guangzhou_monthly_minimum_wage", True)


@pytest.mark.parametrize("name", NAMES)
def test_every_figure_quotes_the_document(name):
    text = SOURCE.read_text(encoding="utf-8")
    article = load(name)["spec"]["clause"]
    numerals = {"16": "第十六条", "17": "第十七条", "18": "第十八条", "19": "第十九条", "20": "第二十条"}
    start = text.index(numerals[article])
    end = text.index(numerals[str(int(article) + 1)])
    for figure in load(name)["spec"]["figures"]:
        assert figure["quote"] in text[start:end], figure["id"]
