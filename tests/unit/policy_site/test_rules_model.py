"""Calculators written as data (a clause's ``calculator_rules``): the model's closed vocabulary, and
every mistake reported by the loader with file, line, field and a fix in Chinese and English.

Each case edits clause 2.2's venue subsidy in a copy of the real data (the ids stay the real ones,
so nothing foreign is left registered in ``calculators.CALCULATORS``). The same through
``policy-site check`` and a real build: tests/build/test_rules_data.py."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

import calculators
from policy_site.data import model, model_rules, schema
from policy_site.data.errors import DataErrors
from policy_site.data.loader import check_policy, load_policy
from tests.conftest import POLICY_DATA

SECTION = "sections/2.yaml"
WAGE = "parameters/regional_monthly_minimum_wage.yaml"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "policy_data"
    shutil.copytree(POLICY_DATA, target, ignore=shutil.ignore_patterns("schema"))
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def problems(folder: Path):
    with pytest.raises(DataErrors) as caught:
        load_policy(folder, known_calculators=calculators.CALCULATORS)
    return caught.value.problems


RULES = "clauses[1].calculator_rules[0]"
MISTAKES = [
    # (old, new, line fragment after the edit, field, words in English, words in Chinese)
    ("periods: {input: years, at_most: {figure: government_waiver_years}}",
     "periods: {input: yeers, at_most: {figure: government_waiver_years}}", "input: yeers",
     f"{RULES}.items[0].periods.input", "Unknown input 'yeers'", "未知的输入项“yeers”"),
    ("- {input: months_operating, at_least: {figure: private_min_months_operating}}",
     "- {input: months_operating, at_least: {figure: private_min_months}}", "figure: private_min_months}",
     f"{RULES}.conditions[0].at_least.figure", "Unknown figure 'private_min_months'", "未知的数字“private_min_months”"),
    ("quote: 每年最高不超过1.2万元", "quote: 每年最高不超过12000元", "quote: 每年最高不超过12000元",
     f"{RULES}.figures[2].quote", "is not in this clause's Chinese text", "在本条原文（text.zh）中找不到"),
    ("      value: 12000\n", "      value: 1200\n", "total_yuan: 48000",
     f"{RULES}.examples[1].total_yuan", "states a total of 48000 yuan; this calculator's rules give 4800 yuan",
     "算出的是 4800 元"),
    ("      total_yuan: 28800", "      total_yuan: 28000", "total_yuan: 28000",
     f"{RULES}.examples[0].total_yuan", "states a total of 28000 yuan; this calculator's rules give 28800 yuan",
     "算例写的总额是 28000 元"),
    ("  calculators: [venue_subsidy]", "  calculators: []", "- id: venue_subsidy",
     f"{RULES}.id", "not listed in this clause's calculators", "没有列在本条的 calculators 中"),
    ("      rate_of: {input: annual_rent_and_utilities_yuan, rate: 1}\n      per: year\n      cap:",
     "      rate_of: {input: annual_rent_and_utilities_yuan, rate: 0.5}\n      per: year\n      cap:", "rate: 0.5",
     f"{RULES}.items[1].rate_of.rate", "a rate the clause writes (e.g. 50%) is a figure", "请写成一个数字"),
    ("      label: {zh: 补贴, en: Subsidy}", "      label: {zh: 补贴, en: Subsidy}\n      shape: rate", "shape: rate",
     f"{RULES}.items[1].shape", "Unknown field 'shape'", "未知字段“shape”"),
    ("      type: yes_no", "      type: boolean", "type: boolean",
     f"{RULES}.inputs[4].type", "must be one of", "只能填写以下之一"),
]


@pytest.mark.parametrize("old, new, fragment, field, en, zh", MISTAKES, ids=[m[3] + ":" + m[4][:24] for m in MISTAKES])
def test_mistakes_are_reported_with_line_and_fix(data_copy, old, new, fragment, field, en, zh):
    path = data_copy / SECTION
    edit(path, old, new)
    found = [p for p in problems(data_copy) if p.field == field]
    assert found, [p.format() for p in problems(data_copy)]
    problem = found[0]
    assert problem.file == f"policy_data/{SECTION}"
    assert problem.line == line_of(path, fragment)
    assert en in problem.en and zh in problem.zh, problem.format()


def test_a_cap_below_the_amount_it_caps(data_copy):
    """A per-unit amount of 12,000 with a cap of 3 (the wrong figure named): the cap always applies."""
    path = data_copy / SECTION
    edit(path, "    - id: rent_and_utilities_waived\n",
         "    - id: bonus\n      label: {zh: 奖励, en: Bonus}\n"
         "      per_unit: {count: {input: years}, amount: {figure: private_annual_cap_yuan}}\n"
         "      cap: {figure: private_standard_years}\n"
         "    - id: rent_and_utilities_waived\n")
    found = [p for p in problems(data_copy) if p.field == f"{RULES}.items[0].cap.figure"]
    assert found and "is below the amount it caps" in found[0].en and "低于它所限制的金额" in found[0].zh
    assert found[0].line == line_of(path, "cap: {figure: private_standard_years}")


def test_an_unknown_input_names_the_known_ones(data_copy):
    edit(data_copy / SECTION, "when: [{input: venue_type, is: government}]", "when: [{input: venue, is: government}]")
    (problem,) = [p for p in problems(data_copy) if p.field == f"{RULES}.items[0].when[0].input"]
    assert "annual_rent_and_utilities_yuan, hardship_extension, months_operating, venue_type, years" in problem.en


def test_a_parameter_without_a_value_on_a_date_the_calculator_can_be_asked_about(data_copy):
    """An amount input offering the region's minimum wage (first value: 2018-01-01) as its default, in a
    clause in force from a given day: fine from 2019; from 2017-06-01 the input's `parameter` is blamed,
    naming both dates."""
    path = data_copy / SECTION
    edit(path, "      unit: yuan_per_year\n      label: {zh: 每年场地租金和水电费, en: Rent and utilities per year}",
         "      unit: yuan_per_year\n      parameter: regional_monthly_minimum_wage\n"
         "      label: {zh: 每年场地租金和水电费, en: Rent and utilities per year}")
    edit(path, "  calculators: [venue_subsidy]", "  validity: {from: 2019-01-01}\n  calculators: [venue_subsidy]")
    assert not [p for p in check_policy(data_copy, calculators.CALCULATORS).problems if "parameter" in p.field]
    edit(path, "  validity: {from: 2019-01-01}", "  validity: {from: 2017-06-01}")
    found = [p for p in problems(data_copy) if p.field == f"{RULES}.inputs[1].parameter"]
    assert found, [p.format() for p in problems(data_copy)]
    assert found[0].line == line_of(path, "parameter: regional_monthly_minimum_wage")
    assert "2017-06-01" in found[0].en and "2018-01-01" in found[0].en, found[0].format()
    assert "2017-06-01" in found[0].zh and "regional_monthly_minimum_wage" in found[0].zh


def test_the_loader_registers_the_data_calculators():
    """Loading the real data makes 2.2's calculator, written as data, one of CALCULATORS: the same
    JSON spec as the engine's own case file (calculators/cases/rules/venue_subsidy.json)."""
    policy = load_policy(POLICY_DATA, known_calculators=calculators.CALCULATORS)
    (clause,) = [c for c in policy.clauses if c.id == "2.2"]
    (spec,) = clause.calculator_rules
    assert calculators.CALCULATORS["venue_subsidy"]["clause"] == "2.2"
    assert calculators.calculate("venue_subsidy", {"venue_type": "government", "annual_rent_and_utilities_yuan": 9600,
                                                   "years": 5})["total_yuan"] == 28800
    case = json.loads((POLICY_DATA.parent / "calculators" / "cases" / "rules" / "venue_subsidy.json").read_text("utf-8"))
    assert spec.data(clause.id) == case["spec"]


def test_figures_read_exactly():
    figure = model_rules.RuleFigure.model_validate(
        {"id": "rate", "value": 0.1, "unit": "percent", "label": {"zh": "比例", "en": "Rate"}, "quote": "10%"})
    assert str(figure.value) == "0.1"
    assert figure.model_dump(mode="json")["value"] == "0.1"


@pytest.mark.parametrize("value", [True, "1e3", -1, 10**13, 0.1234567])
def test_a_figure_is_a_plain_number(value):
    with pytest.raises(Exception):
        model_rules.RuleFigure.model_validate(
            {"id": "x", "value": value, "unit": "yuan", "label": {"zh": "金额", "en": "Amount"}, "quote": "1元"})


def test_the_schema_describes_calculator_rules():
    section = schema.schemas()["sections"]
    text = json.dumps(section, ensure_ascii=False)
    assert "calculator_rules" in text and "CalculatorRules" in text
    rules = section["$defs"]["CalculatorRules"]
    assert rules["additionalProperties"] is False
    item = section["$defs"]["RuleItem"]
    assert {"fixed", "per_unit", "rate_of", "tiers", "per", "cap", "periods", "up_to"} <= set(item["properties"])
    shipped = json.loads((POLICY_DATA / "schema" / "sections.schema.json").read_text(encoding="utf-8"))
    assert shipped == json.loads(json.dumps(section)), "run: policy-site schema"


def test_clause_has_calculator_rules_field():
    assert "calculator_rules" in model.Clause.model_fields


def test_a_calculator_written_twice(data_copy):
    """2.2's calculator copied into 2.3 as well: the second is reported at its id, naming the first's line."""
    path = data_copy / SECTION
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  calculator_rules:\n  - id: venue_subsidy"):]
    block = block[:block.index("\n  measures:") + 1]
    edit(path, "  calculators: [internship_subsidy]\n", "  calculators: [internship_subsidy, venue_subsidy]\n" + block)
    found = [p for p in problems(data_copy) if "already written" in p.en]
    assert len(found) == 1, [p.format() for p in problems(data_copy)]
    first = line_of(path, "  - id: venue_subsidy")
    assert found[0].field == "clauses[2].calculator_rules[0].id"
    assert found[0].line > first and f"sections/2.yaml:{first}" in found[0].en and f"第 {first} 行" in found[0].zh
