"""rules.problems(spec): located bilingual problems, never an exception, for what the engine cannot
run; the data layer reports them with file and line (the path is within the spec)."""

import copy

import pytest

from calculators import rules
from calculators.rules import RulesCalculator, SpecError

from .rules_support import load

RENT = load("example_rent_subsidy")["spec"]
SPECS = [load(name)["spec"] for name in ("venue_subsidy", "example_rent_subsidy", "guangzhou_internship_subsidy",
                                         "guangzhou_demonstration_base_subsidy")]


def changed(path, value=None, delete=False):
    spec = copy.deepcopy(RENT)
    target = spec
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return spec


@pytest.mark.parametrize("spec, path, en", [
    (changed(["items", 0, "cap"], {"figure": "annual_cap"}), ["items", 0, "cap", "figure"], "There is no figure “annual_cap”"),
    (changed(["items", 0, "cap"], {"figure": "max_years"}), ["items", 0, "cap", "figure"], "A cap takes a figure in yuan"),
    (changed(["items", 0, "rate_of", "input"], "rent"), ["items", 0, "rate_of", "input"], "There is no input “rent”"),
    (changed(["items", 0, "rate_of", "rate"], 0.5), ["items", 0, "rate_of", "rate"], "only the whole amount may be written 1"),
    (changed(["items", 0, "periods"], None, delete=True), ["items", 0], "A monthly or yearly item needs periods"),
    (changed(["items", 0, "per"], "week"), ["items", 0, "per"], "per is once, month or year"),
    (changed(["items", 0, "fixed"], {"amount": {"figure": "annual_cap_yuan"}}), ["items", 0],
     "exactly one shape"),
    (changed(["items", 0, "part_period"], {"days_input": "years", "days_in_period": {"figure": "max_years"}}),
     ["items", 0, "part_period"], "part_period is for a monthly item"),
    (changed(["figures", 1, "value"], "5万"), ["figures", 1, "value"], "a decimal text such as"),
    (changed(["figures", 1, "unit"], "yuan_per_week"), ["figures", 1, "unit"], "The unit is one of"),
    (changed(["figures", 0, "quote"], " "), ["figures", 0, "quote"], "Quote the clause's words"),
    (changed(["figures", 1, "id"], "rent_share"), ["figures", 1, "id"], "used twice"),
    (changed(["inputs", 0, "type"], "money"), ["inputs", 0, "type"], "The type must be"),
    (changed(["inputs", 1, "unit"], "yuan"), ["inputs", 1, "unit"], "A unit of an integer input"),
    (changed(["inputs", 1, "min"], -1), ["inputs", 1, "min"], "min and max are numbers of 0 or more"),
    (changed(["inputs", 1, "default"], 0), ["inputs", 1, "default"], "The default must fit"),
    (changed(["inputs", 1, "asked_when"], {"input": "annual_rent_yuan", "is": 1}), ["inputs", 1, "asked_when", "input"],
     "only on a choice input listed before it"),
    (changed(["inputs", 0, "label"], {"zh": "租金"}), ["inputs", 0, "label"], "Chinese and English"),
    (changed(["inputs", 0, "colour"], "red"), ["inputs", 0, "colour"], "Unknown key “colour”"),
    (changed(["conditions"], [{"input": "years", "at_least": 3}]), ["conditions", 0, "at_least"], "must name a figure"),
    (changed(["conditions"], [{"input": "years", "at_least": {"figure": "rent_share"}}]), ["conditions", 0, "at_least"],
     "cannot be compared"),
    (changed(["conditions"], [{"input": "years", "is": True}]), ["conditions", 0], "is / in test a choice or yes_no"),
    (changed(["conditions"], [{"input": "years"}]), ["conditions", 0], "exactly one test"),
    (changed(["conditions"], [{"ratio": {"input": "years", "of": "annual_rent_yuan"},
                               "at_least": {"figure": "rent_share"}}]), ["conditions", 0, "ratio"], "of the same type"),
    (changed(["one_of"], [{"items": ["rent_subsidy", "other"]}]), ["one_of", 0, "items", 1], "There is no item “other”"),
    (changed(["examples", 0, "total_yuan"], 1), ["examples", 0, "total_yuan"], "the engine computes 60000"),
    (changed(["examples", 0, "inputs"], {"years": 2}), ["examples", 0, "inputs"], "The example's inputs are wrong"),
    (changed(["id"], "Rent-Subsidy"), ["id"], "An id is lower-case letters"),
    (changed(["title"], None, delete=True), [], "“title” is missing"),
])
def test_a_problem_is_located_and_bilingual(spec, path, en):
    with pytest.raises(SpecError) as info:
        RulesCalculator(spec)
    found = info.value.problems
    assert any(p["path"] == path and en in p["en"] for p in found), found
    assert all(p["zh"] and p["en"] and p["zh"] != p["en"] for p in found)


def test_a_cap_below_the_amount_it_caps():
    spec = copy.deepcopy(load("guangzhou_demonstration_base_subsidy")["spec"])
    spec["figures"][3]["value"] = 100  # 补贴总额最高 100 < 200 per intern
    assert [p["path"] for p in rules.problems(spec)] == [["items", 0, "cap"]]


def test_a_part_month_needs_fewer_days_than_a_month():
    spec = copy.deepcopy(load("guangzhou_internship_subsidy")["spec"])
    spec["inputs"][2]["max"] = 22
    assert [p["path"] for p in rules.problems(spec)] == [["items", 0, "part_period", "days_input"]]


def test_a_limit_in_months_on_a_yearly_item_is_whole_years():
    spec = changed(["figures", 2], {"id": "max_years", "value": 30, "unit": "months", "label": {"zh": "月", "en": "m"},
                                    "quote": "30个月"})
    assert [p["path"] for p in rules.problems(spec)] == [["items", 0, "periods", "at_most"]]


def _mutations(value, path=()):
    """Every (path, replacement) that breaks one place of a spec: each key deleted, each value replaced."""
    junk = (None, 1, "x", [], {}, True, -1, [{}], {"figure": "nope"})
    if isinstance(value, dict):
        for key, inner in value.items():
            yield path + (key,), "delete"
            yield from _mutations(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _mutations(inner, path + (index,))
    for replacement in junk:
        if path:
            yield path, replacement


@pytest.mark.parametrize("index", range(len(SPECS)))
def test_no_malformed_spec_makes_the_engine_fail(index):
    """Every single-place mutation gives problems or a spec that runs its examples: never an exception
    other than SpecError."""
    base = SPECS[index]
    count = 0
    for path, replacement in _mutations(base):
        spec = copy.deepcopy(base)
        target = spec
        for key in path[:-1]:
            target = target[key]
        if replacement == "delete":
            del target[path[-1]]
        else:
            target[path[-1]] = copy.deepcopy(replacement)
        try:
            RulesCalculator(spec)
        except SpecError:
            pass
        count += 1
    assert count > 500
