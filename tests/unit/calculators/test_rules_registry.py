"""calculators.register_rules: data calculators join CALCULATORS and the id lookup, so calculate(),
calculate_json() and the finder find them like Python calculators; registering the same spec twice is
harmless; an id of a Python calculator, an id twice in one call, or a spec with problems is refused
and nothing is added. register_rules_json is the same for the browser worker (JSON in, JSON out)."""

import copy
import json

import pytest

import calculators
from calculators import CALCULATORS, InputError, calculate, calculate_json, find, register_rules, register_rules_json
from calculators import rules

from .rules_support import load

RENT = load("example_rent_subsidy")["spec"]
GUANGZHOU = load("guangzhou_internship_subsidy")["spec"]


def test_a_registered_spec_is_called_like_a_python_calculator():
    assert register_rules([RENT, GUANGZHOU]) == ["example_rent_subsidy", "guangzhou_internship_subsidy"]
    assert CALCULATORS["example_rent_subsidy"] == rules.metadata(RENT)
    result = calculate("example_rent_subsidy", {"annual_rent_yuan": 60000, "years": 2})
    assert (result["calculator"], result["clause"], result["total_yuan"]) == ("example_rent_subsidy", "example", 60000)
    answer = calculate_json(json.dumps({"id": "guangzhou_internship_subsidy",
                                        "inputs": {"monthly_min_wage_yuan": 2100, "full_months": 11,
                                                   "extra_working_days": 21}}))
    assert json.loads(answer)["result"]["total_yuan"] == 12552.27
    with pytest.raises(InputError):
        calculate("example_rent_subsidy", {"annual_rent_yuan": 60000})


def test_the_result_has_the_keys_of_a_python_calculators_result():
    register_rules([RENT])
    data = calculate("example_rent_subsidy", {"annual_rent_yuan": 60000, "years": 2})
    python = calculate("temporary_assistance", {"persons": 1, "requested_yuan_per_person": 100})
    assert set(data) == set(python)
    assert set(CALCULATORS["example_rent_subsidy"]) == set(CALCULATORS["temporary_assistance"])


def test_registering_the_same_spec_twice_is_harmless():
    register_rules([RENT])
    before = dict(CALCULATORS)
    assert register_rules([RENT]) == ["example_rent_subsidy"]
    assert CALCULATORS == before
    changed = copy.deepcopy(RENT)
    changed["title"] = {"zh": "改过的标题", "en": "A new title"}
    register_rules([changed])
    assert CALCULATORS["example_rent_subsidy"]["title"]["en"] == "A new title"


def test_the_spec_is_copied_when_registered():
    mine = copy.deepcopy(RENT)
    register_rules([mine])
    mine["figures"][0]["value"] = "0.9"
    assert calculate("example_rent_subsidy", {"annual_rent_yuan": 60000, "years": 1})["total_yuan"] == 30000


def test_an_id_of_a_python_calculator_is_refused():
    clash = dict(RENT, id="temporary_assistance")
    with pytest.raises(ValueError, match="temporary_assistance"):
        register_rules([RENT, clash])
    assert "example_rent_subsidy" not in CALCULATORS
    assert calculators._BY_ID["temporary_assistance"].__name__ == "calculators.temporary_assistance"


def test_an_id_twice_in_one_call_is_refused():
    with pytest.raises(ValueError, match="given twice"):
        register_rules([RENT, RENT])
    assert "example_rent_subsidy" not in CALCULATORS


def test_a_spec_with_problems_is_refused_with_them():
    broken = copy.deepcopy(RENT)
    broken["items"][0]["cap"] = {"figure": "no_such_figure"}
    with pytest.raises(rules.SpecError) as info:
        register_rules([broken])
    assert info.value.problems[0]["path"] == ["items", 0, "cap", "figure"]
    assert "example_rent_subsidy" not in CALCULATORS


def test_a_worked_example_with_a_wrong_total_is_refused():
    wrong = copy.deepcopy(RENT)
    wrong["examples"][0]["total_yuan"] = 60001
    with pytest.raises(rules.SpecError) as info:
        register_rules([wrong])
    assert info.value.problems == [{
        "path": ["examples", 0, "total_yuan"],
        "zh": "例子的总额写的是60001，计算结果是60000。",
        "en": "The example says 60001; the engine computes 60000."}]


def test_one_spec_is_not_a_list_of_specs():
    with pytest.raises(ValueError):
        register_rules(RENT)


def test_the_finder_runs_a_data_calculator_and_reads_its_figures():
    register_rules([RENT])
    finder_rules = {
        "applicant_fact": "who",
        "facts": [{"id": "who", "type": "choice", "choices": [{"value": "me"}], "for": []},
                  {"id": "years", "type": "integer", "min": 1, "max": 100, "for": ["me"]}],
        "clauses": [{"clause": "example", "validity": None, "measures": [
            {"part": "a", "for": "me", "conditions": [
                {"zh": "年限", "en": "years", "quote": "补贴期限最长不超过3年",
                 "test": {"fact": "years", "at_most": {"figure": "example_rent_subsidy.max_years"}}}],
             "calculators": [{"id": "example_rent_subsidy", "inputs": {"annual_rent_yuan": {"value": 60000}}}]}]}],
    }
    answer = find(finder_rules, {"who": "me", "years": 2}, "2026-01-01")
    measure = answer["measures"][0]
    assert measure["status"] == "applies"
    assert measure["calculators"] == {"example_rent_subsidy": {"status": "applies", "total_yuan": 60000}}
    assert find(finder_rules, {"who": "me", "years": 4}, "2026-01-01")["measures"][0]["status"] == "does_not_apply"


def test_register_rules_json_for_the_browser():
    answer = json.loads(register_rules_json(json.dumps([RENT], ensure_ascii=False)))
    assert answer == {"ok": True, "ids": ["example_rent_subsidy"]}
    assert calculate("example_rent_subsidy", {"annual_rent_yuan": 1, "years": 1})["total_yuan"] == 0.5
    refused = json.loads(register_rules_json(json.dumps([dict(RENT, id="temporary_assistance")])))
    assert refused["ok"] is False and refused["errors"][0]["field"] is None
    assert json.loads(register_rules_json("[{"))["ok"] is False
    broken = json.loads(register_rules_json(json.dumps([dict(RENT, items=[])])))
    assert broken["ok"] is False and broken["errors"][0]["zh"] == "至少要有一个补贴项目（items）。"
