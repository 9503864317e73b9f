"""The calculator contract (../shared/spec/calculators.md): calling
convention, metadata shape, JSON bridge, standard-library-only imports."""

import ast
import json
import sys
from pathlib import Path

import pytest

import calculators
from calculators import CALCULATORS, InputError, calculate, calculate_json

PACKAGE_DIR = Path(calculators.__file__).resolve().parent

# Calculator ids and the choice values the contract names, verbatim.
CONTRACT = {
    "enterprise_hiring_award": ("1.2", {"enterprise_type": ["state_owned", "non_public"]}),
    "startup_loan": ("2.1", {"applicant_type": ["individual", "graduate", "partnership", "small_enterprise"]}),
    "loan_guarantee_reward": ("2.1", {}),
    "venue_subsidy": ("2.2", {"venue_type": ["government", "private"]}),
    "internship_subsidy": ("2.3", {}),
    "graduate_outside_region": ("3.1", {}),
    "farmer_herder_transfer": ("3.3", {"role": ["service_provider", "worker"]}),
    "poverty_labor": ("3.4", {"role": ["service_provider", "worker"],
                              "transfer": ["local", "cross_prefecture", "cross_province"]}),
    "temporary_assistance": ("5.2", {}),
}

# The input names the contract gives each calculator.
CONTRACT_FIELDS = {
    "enterprise_hiring_award": {"enterprise_type", "new_local_hires", "new_local_graduates", "year"},
    "startup_loan": {"applicant_type", "partners", "graduate_partners", "current_employees",
                     "new_eligible_hires", "loan_yuan", "annual_rate_percent", "term_years"},
    "loan_guarantee_reward": {"new_loans_total_yuan"},
    "venue_subsidy": {"venue_type", "annual_rent_and_utilities_yuan", "months_operating", "years",
                      "hardship_extension"},
    "internship_subsidy": {"interns", "months", "monthly_min_wage_yuan", "retained"},
    "graduate_outside_region": {"minority_graduate_from_region", "contract_years", "years",
                                "local_monthly_min_wage_yuan", "start_year"},
    "farmer_herder_transfer": {"role", "workers_placed", "months_employed", "via_market_entity",
                               "organised_outside_region"},
    "poverty_labor": {"role", "workers_placed", "transfer"},
    "temporary_assistance": {"persons", "requested_yuan_per_person"},
}

# Fields the contract lets a form leave out, with their defaults
# (loan_yuan defaults to the maximum, which is not a constant).
CONTRACT_DEFAULTS = {
    ("startup_loan", "loan_yuan"): None,
    ("startup_loan", "annual_rate_percent"): 0,
    ("startup_loan", "term_years"): None,  # the longest term for the applicant
    ("venue_subsidy", "hardship_extension"): False,
}

# The contract's common keys, plus two every result has (total_is_ceiling: "up to";
# by_year: the year-by-year rows of a multi-year result).
COMMON_KEYS = {"calculator", "clause", "eligible", "total_yuan", "items", "reasons",
               "total_is_ceiling", "by_year"}
EXTRA_KEYS = {"startup_loan": {"max_loan_yuan", "interest_subsidy_yuan", "max_term_years"}}
FIELD_KEYS = {"name", "type", "label", "help", "unit", "min", "max", "required", "default",
              "default_parameter", "choices", "applies_when"}
METADATA_KEYS = {"id", "clause", "title", "summary", "applicant", "fields", "notes", "figures",
                 "examples", "eligible_verdict", "headline"}
FIGURE_UNITS = {"yuan", "yuan_per_person", "yuan_per_year", "percent", "people", "months", "years",
                "calendar_year"}
INT_KINDS = {"int"}


def _bilingual(value):
    return (isinstance(value, dict) and set(value) == {"zh", "en"}
            and all(isinstance(v, str) and v.strip() for v in value.values()))


def _example_inputs(calculator_id, example):
    inputs = dict(example)
    if calculator_id == "internship_subsidy":
        inputs["monthly_min_wage_yuan"] = 1650  # the stored parameter, filled by the site
    return inputs


def test_contract_example():
    result = calculate("enterprise_hiring_award", {"enterprise_type": "non_public",
                                                   "new_local_hires": 16,
                                                   "new_local_graduates": 10,
                                                   "year": 2019})
    assert result["eligible"] is True
    assert result["total_yuan"] == 80000 and type(result["total_yuan"]) is int
    assert result["calculator"] == "enterprise_hiring_award"
    assert result["clause"] == "1.2"


def test_every_contract_calculator_is_present():
    assert set(CALCULATORS) == set(CONTRACT)


def test_metadata_is_json():
    assert json.loads(json.dumps(CALCULATORS)) == CALCULATORS


@pytest.mark.parametrize("calculator_id", sorted(CONTRACT))
def test_metadata_shape(calculator_id):
    metadata = CALCULATORS[calculator_id]
    clause, choices = CONTRACT[calculator_id]
    assert set(metadata) == METADATA_KEYS
    assert metadata["id"] == calculator_id
    assert metadata["clause"] == clause
    for key in ("title", "summary", "applicant"):
        assert _bilingual(metadata[key]), key
    assert metadata["notes"] and all(_bilingual(note) for note in metadata["notes"])
    assert any("牵头单位" in note["zh"] and "lead agency" in note["en"] for note in metadata["notes"])

    fields = metadata["fields"]
    names = [f["name"] for f in fields]
    assert len(names) == len(set(names))
    assert set(names) == CONTRACT_FIELDS[calculator_id]
    seen = set()
    for f in fields:
        assert set(f) == FIELD_KEYS, f["name"]
        assert f["type"] in {"choice", "bool", "int", "number"}
        assert _bilingual(f["label"])
        assert f["help"] is None or _bilingual(f["help"])
        assert f["unit"] is None or _bilingual(f["unit"])
        if f["type"] in ("int", "number"):
            assert isinstance(f["min"], (int, float)) and isinstance(f["max"], (int, float))
            assert f["min"] <= f["max"]
        else:
            assert f["min"] is None and f["max"] is None
        if f["type"] == "choice":
            assert all(set(c) == {"value", "zh", "en"} and c["zh"] and c["en"] for c in f["choices"])
            assert [c["value"] for c in f["choices"]] == choices[f["name"]]
        else:
            assert f["choices"] is None
        assert f["required"] is ((calculator_id, f["name"]) not in CONTRACT_DEFAULTS)
        if not f["required"]:
            assert f["default"] == CONTRACT_DEFAULTS[(calculator_id, f["name"])]
        else:
            assert f["default"] is None
        expected_parameter = ("regional_monthly_minimum_wage"
                              if (calculator_id, f["name"]) == ("internship_subsidy", "monthly_min_wage_yuan")
                              else None)
        assert f["default_parameter"] == expected_parameter
        condition = f["applies_when"]
        if condition is not None:
            # The controlling field comes first and is a choice with these values.
            assert set(condition) == {"field", "values"}
            assert condition["field"] in seen
            controller = next(g for g in fields if g["name"] == condition["field"])
            assert set(condition["values"]) <= {c["value"] for c in controller["choices"]}
        seen.add(f["name"])
    assert {f["name"] for f in fields if f["type"] == "choice"} == set(choices)

    for figure in metadata["figures"]:
        assert set(figure) == {"key", "value", "unit", "label", "zh_text"}
        assert figure["unit"] in FIGURE_UNITS
        assert _bilingual(figure["label"])
        assert isinstance(figure["value"], str)

    assert 2 <= len(metadata["examples"]) <= 4


def test_contract_ranges():
    fields = {(cid, f["name"]): f for cid, m in CALCULATORS.items() for f in m["fields"]}
    for (cid, name), f in fields.items():
        if name in ("year", "start_year"):
            assert (f["type"], f["min"], f["max"]) == ("int", 2000, 2100)
        if name.endswith("_yuan") or name == "requested_yuan_per_person":
            assert f["type"] == "number" and f["min"] == 0 and f["max"] <= 10**12
    assert fields[("startup_loan", "annual_rate_percent")]["max"] == 100
    assert (fields[("startup_loan", "term_years")]["min"], fields[("startup_loan", "term_years")]["max"]) == (1, 3)
    assert fields[("startup_loan", "partners")]["min"] == 2
    assert fields[("startup_loan", "current_employees")]["min"] == 1
    for cid, name in [("internship_subsidy", "interns"), ("temporary_assistance", "persons"),
                      ("venue_subsidy", "years"), ("graduate_outside_region", "years")]:
        assert fields[(cid, name)]["min"] == 1
    for cid, name in [("venue_subsidy", "hardship_extension"), ("farmer_herder_transfer", "via_market_entity"),
                      ("graduate_outside_region", "minority_graduate_from_region")]:
        assert fields[(cid, name)]["type"] == "bool"
    for cid, name in [("graduate_outside_region", "contract_years"), ("startup_loan", "annual_rate_percent")]:
        assert fields[(cid, name)]["type"] == "number"


@pytest.mark.parametrize("calculator_id", sorted(CONTRACT))
def test_examples_run_and_cover_both_outcomes(calculator_id):
    metadata = CALCULATORS[calculator_id]
    outcomes = set()
    for example in metadata["examples"]:
        if calculator_id == "internship_subsidy":
            assert "monthly_min_wage_yuan" not in example
        result = calculate(calculator_id, _example_inputs(calculator_id, example))
        assert set(result) == COMMON_KEYS | EXTRA_KEYS.get(calculator_id, set())
        outcomes.add(result["eligible"])
        for line in result["items"]:
            assert set(line) == {"key", "zh", "en", "yuan"}
        assert result["reasons"] and all(_bilingual(r) for r in result["reasons"])
    assert outcomes == {True, False}


def test_not_eligible_means_zero():
    result = calculate("poverty_labor", {"role": "worker", "transfer": "local"})
    assert result["eligible"] is False and result["total_yuan"] == 0 and result["items"] == []
    assert result["reasons"]


def test_output_is_deterministic_json():
    inputs = {"applicant_type": "individual", "loan_yuan": 100001, "annual_rate_percent": 4.35}
    first = json.dumps(calculate("startup_loan", inputs), ensure_ascii=False, sort_keys=True)
    second = json.dumps(calculate("startup_loan", dict(reversed(list(inputs.items())))),
                        ensure_ascii=False, sort_keys=True)
    assert first == second
    assert '"total_yuan": 13050.13' in first


def test_input_error_is_a_value_error_with_bilingual_errors():
    with pytest.raises(ValueError) as info:
        calculate("venue_subsidy", {"venue_type": "private", "years": 0, "hardship": True})
    assert isinstance(info.value, InputError)
    fields = [e["field"] for e in info.value.errors]
    assert sorted(fields) == ["annual_rent_and_utilities_yuan", "hardship", "months_operating", "years"]
    for entry in info.value.errors:
        assert entry["zh"] and entry["en"] and entry["zh"] != entry["en"]


def test_non_string_field_name_is_an_input_error():
    with pytest.raises(InputError) as info:
        calculate("temporary_assistance", {1: 2, "persons": 1, "requested_yuan_per_person": 10})
    assert [e["field"] for e in info.value.errors] == [None]


def test_inputs_are_not_modified():
    inputs = {"applicant_type": "partnership", "partners": 3, "graduate_partners": 1}
    before = json.dumps(inputs, sort_keys=True)
    calculate("startup_loan", inputs)
    assert json.dumps(inputs, sort_keys=True) == before


# ---- calculate_json: the browser bridge ----

def test_calculate_json_round_trip():
    request = {"id": "enterprise_hiring_award",
               "inputs": {"enterprise_type": "non_public", "new_local_hires": 16,
                          "new_local_graduates": 10, "year": 2019}}
    answer = calculate_json(json.dumps(request))
    assert answer == json.dumps({"ok": True, "result": calculate(request["id"], request["inputs"])},
                                ensure_ascii=False, sort_keys=True)
    parsed = json.loads(answer)
    assert parsed["ok"] is True and parsed["result"]["total_yuan"] == 80000
    assert "非公企业" in answer  # ensure_ascii=False


@pytest.mark.parametrize("request_json, fields", [
    ('{"id": "enterprise_hiring_award", "inputs": {"enterprise_type": "x"}}',
     ["enterprise_type", "new_local_hires", "new_local_graduates", "year"]),
    ('{"id": "no_such", "inputs": {}}', [None]),
    ('{"id": "poverty_labor"}', [None]),
    ('{"id": "poverty_labor", "inputs": {}, "extra": 1}', [None]),
    ('[1, 2]', [None]),
    ('{not json', [None]),
    ('', [None]),
    ('[' * 100000, [None]),
    ('{"id": "temporary_assistance", "inputs": {"persons": 1, "requested_yuan_per_person": NaN}}',
     ["requested_yuan_per_person"]),
])
def test_calculate_json_errors(request_json, fields):
    answer = calculate_json(request_json)
    parsed = json.loads(answer)
    assert parsed["ok"] is False
    assert [e["field"] for e in parsed["errors"]] == fields
    assert all(e["zh"] and e["en"] for e in parsed["errors"])
    assert answer == json.dumps(parsed, ensure_ascii=False, sort_keys=True)


def test_calculate_json_rejects_non_text():
    assert json.loads(calculate_json(None))["ok"] is False


# ---- standard library only ----

def _imported_top_levels(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            names.add("__import__")  # dynamic imports are not allowed
    return names


def test_package_imports_only_the_standard_library():
    modules = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(modules) >= 10
    allowed = set(sys.stdlib_module_names) | {"calculators"}
    for path in modules:
        outside = _imported_top_levels(path) - allowed
        assert not outside, f"{path.name} imports {sorted(outside)}"


def test_package_does_no_io():
    forbidden = {"open", "print", "input", "exec", "eval"}
    forbidden_modules = {"os", "io", "pathlib", "subprocess", "socket", "importlib", "random", "time",
                         "datetime"}
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = {node.func.id for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert not calls & forbidden, f"{path.name} calls {sorted(calls & forbidden)}"
        assert not _imported_top_levels(path) & forbidden_modules, path.name


def test_no_float_arithmetic_on_money():
    """No float literals in the package's code (constants are Decimals or
    ints), except in the worked examples' inputs, which are JSON data."""
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_examples = {id(node)
                       for kw in ast.walk(tree) if isinstance(kw, ast.keyword) and kw.arg == "examples"
                       for node in ast.walk(kw.value)}
        floats = [node.value for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and type(node.value) is float
                  and id(node) not in in_examples]
        assert not floats, f"{path.name} has float literals {floats}"
        assert "float(" not in path.read_text(encoding="utf-8").replace("float(str(rounded))", ""), path.name


# ---- results that rest on a reading, or on a judgement, say so (reading review 2) ----

def test_no_zero_interest_formula_when_the_rate_is_left_empty():
    """Visitor review #25: no "× 年利率0% × 2年 = 0元" line; the visitor is asked for the rate."""
    result = calculate("startup_loan", {"applicant_type": "small_enterprise", "current_employees": 4,
                                        "new_eligible_hires": 1})
    zh = " ".join(r["zh"] for r in result["reasons"])
    assert "0%" not in zh and "× 年利率" not in zh
    assert "填写借款合同上的年利率" in zh
    with_rate = calculate("startup_loan", {"applicant_type": "individual", "annual_rate_percent": 4})
    assert any("× 年利率4%" in r["zh"] for r in with_rate["reasons"])


def test_the_startup_loan_declares_its_headline():
    """The largest loan is the startup loan's answer, the interest (its total) comes second and only
    once a rate is given: declared in its metadata (the page's script reads it, never the calculator's id)."""
    headline = CALCULATORS["startup_loan"]["headline"]
    result = calculate("startup_loan", {"applicant_type": "graduate", "annual_rate_percent": 4})
    assert headline["amount"] in result and result[headline["amount"]] == 500000
    assert headline["total_needs"] in {f["name"] for f in CALCULATORS["startup_loan"]["fields"]}
    for key in ("label", "total_label", "total_missing"):
        assert headline[key]["zh"] and headline[key]["en"]
    assert all(CALCULATORS[cid]["headline"] is None for cid in CALCULATORS if cid != "startup_loan")


def test_the_guarantee_reward_verdict_names_the_judgement():
    """2.1-C6: the reward is "if judged outstanding, at most …", never a plain "eligible"."""
    verdict = CALCULATORS["loan_guarantee_reward"]["eligible_verdict"]
    assert verdict == {"zh": "如获评工作成效突出", "en": "If the work is judged outstanding"}
    assert all(CALCULATORS[cid]["eligible_verdict"] is None for cid in CALCULATORS
               if cid != "loan_guarantee_reward")
    applicant = CALCULATORS["loan_guarantee_reward"]["applicant"]["zh"]
    assert applicant.startswith("创业担保贷款工作成效突出的创业担保基金运营管理机构等单位（按全国做法，也包括经办银行")


def test_notes_claim_only_what_the_plan_says():
    """F17: 3.1 names only the district bureau, not the place of household registration;
    F6: 藏财金字〔2017〕37号 is cited for the procedure; F20: the two 3.3 subsidies added is a reading."""
    def notes(cid):
        return " ".join(n["zh"] for n in CALCULATORS[cid]["notes"])
    assert "户籍所在地" not in notes("graduate_outside_region")
    assert "申请地点请向牵头单位区人社局咨询" in notes("graduate_outside_region")
    assert "贴息办理流程按藏财金字〔2017〕37号执行" in notes("startup_loan")
    assert "允许的利率计算" not in notes("startup_loan")
    assert "是否可以同时享受以区人社局的认定为准" in notes("farmer_herder_transfer")
    wage = next(f for f in CALCULATORS["graduate_outside_region"]["fields"]
                if f["name"] == "local_monthly_min_wage_yuan")
    assert "本站理解为就业所在地" in wage["label"]["zh"] and "12333" in wage["help"]["zh"]
    years = next(f for f in CALCULATORS["venue_subsidy"]["fields"] if f["name"] == "years")
    assert years["help"] and "只算第一年填1" in years["help"]["zh"]
    assert "房租" in CALCULATORS["venue_subsidy"]["summary"]["zh"]


def test_graduate_allowances_say_they_are_read_literally():
    """Reading review Q1: "分别…生活补贴和住房补贴" is read as each a full minimum wage; the note says so."""
    notes = " ".join(n["zh"] for n in CALCULATORS["graduate_outside_region"]["notes"])
    assert "按原文理解" in notes and "以区人社局的说明为准" in notes
