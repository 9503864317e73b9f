"""Property-based tests (hypothesis): robustness on any JSON input, output
invariants, caps and monotonicity."""

import json
import re
import math
import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, InputError, calculate

# Random exploration on developers' machines; in CI (CI=true) the same examples every run,
# so a run is reproducible and a red CI always means a change broke something.
SETTINGS = settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])

# The contract's common keys, plus two every result has (total_is_ceiling: "up to";
# by_year: the year-by-year rows of a multi-year result).
COMMON_KEYS = {"calculator", "clause", "eligible", "total_yuan", "items", "reasons",
               "total_is_ceiling", "by_year"}
EXTRA_KEYS = {"startup_loan": {"max_loan_yuan", "interest_subsidy_yuan", "max_term_years"}}
MONEY_KEYS = {"total_yuan", "max_loan_yuan", "interest_subsidy_yuan"}
IDS = sorted(CALCULATORS)


# ---- strategies ----

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.integers(min_value=0, max_value=3).map(lambda k: -(10 ** (5000 + k)))  # beyond int-to-text limit
    | st.floats()  # includes nan and +-inf
    | st.text(max_size=8)
)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=10,
)


def _plausible(spec):
    """Values near what a field accepts (right and wrong types, in and out of range)."""
    kind = spec["type"]
    if kind == "choice":
        return st.sampled_from([c["value"] for c in spec["choices"]]) | st.text(max_size=5)
    if kind == "bool":
        return st.booleans() | st.sampled_from([0, 1, "true", None])
    low, high = spec["min"], spec["max"]
    ints = st.integers(min_value=low - 2, max_value=min(high + 2, low + 300)) | st.integers(
        min_value=low - 2, max_value=high + 2)
    if kind == "int":
        return ints | st.floats(min_value=low, max_value=high) | st.booleans()
    return ints | st.floats(min_value=low - 1, max_value=high + 1) | st.floats() | st.booleans()


def _in_range(spec):
    """Values a field accepts."""
    kind = spec["type"]
    if kind == "choice":
        return st.sampled_from([c["value"] for c in spec["choices"]])
    if kind == "bool":
        return st.booleans()
    low, high = spec["min"], spec["max"]
    small = st.integers(min_value=low, max_value=min(high, low + 200))
    ints = small | st.integers(min_value=low, max_value=high)
    if kind == "int":
        return ints
    fen = st.integers(min_value=int(low * 100), max_value=int(high * 100)).map(lambda c: c / 100)
    return ints | fen | st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


def field_dicts(calculator_id):
    fields = CALCULATORS[calculator_id]["fields"]
    names = [f["name"] for f in fields] + ["unknown_key"]
    specs = {f["name"]: f for f in fields}
    return st.fixed_dictionaries(
        {},
        optional={name: (_plausible(specs[name]) if name in specs else json_values) | json_values
                  for name in names},
    )


@st.composite
def valid_inputs(draw, calculator_id):
    """Inputs of the right types and ranges for the fields that apply (they
    may still break a cross-field rule, which gives an InputError)."""
    inputs = {}
    for spec in CALCULATORS[calculator_id]["fields"]:
        condition = spec["applies_when"]
        if condition and inputs.get(condition["field"]) not in condition["values"]:
            continue
        if not spec["required"] and draw(st.booleans()):
            continue
        if calculator_id == "internship_subsidy" and spec["name"] == "monthly_min_wage_yuan":
            inputs[spec["name"]] = draw(st.sampled_from([1650, 1650.5, 2280]) | _in_range(spec))
        else:
            inputs[spec["name"]] = draw(_in_range(spec))
    return inputs


def run(calculator_id, inputs):
    """The result, or None for an InputError (after checking its shape)."""
    try:
        result = calculate(calculator_id, inputs)
    except InputError as exc:
        assert exc.errors
        for entry in exc.errors:
            assert set(entry) == {"field", "zh", "en"}
            assert entry["field"] is None or isinstance(entry["field"], str)
            assert isinstance(entry["zh"], str) and entry["zh"]
            assert isinstance(entry["en"], str) and entry["en"]
        json.dumps(exc.errors, ensure_ascii=False, allow_nan=False)
        return None
    check_result(calculator_id, result)
    return result


def _money(value):
    assert type(value) in (int, float), value
    if type(value) is float:
        assert math.isfinite(value)
        assert not value.is_integer(), "whole amounts are ints"
        assert Decimal(repr(value)).as_tuple().exponent >= -2, value
    return Decimal(repr(value))


def check_result(calculator_id, result):
    assert set(result) == COMMON_KEYS | EXTRA_KEYS.get(calculator_id, set())
    text = json.dumps(result, ensure_ascii=False, sort_keys=True, allow_nan=False)
    assert json.loads(text) == result
    assert result["calculator"] == calculator_id
    assert result["clause"] == CALCULATORS[calculator_id]["clause"]
    assert type(result["eligible"]) is bool
    for key in MONEY_KEYS & set(result):
        assert _money(result[key]) >= 0
    items_total = sum((_money(line["yuan"]) for line in result["items"]), Decimal(0))
    assert items_total == _money(result["total_yuan"])
    for line in result["items"]:
        assert set(line) == {"key", "zh", "en", "yuan"} and line["zh"] and line["en"]
    assert result["reasons"]
    for r in result["reasons"]:
        assert set(r) == {"zh", "en"} and r["zh"] and r["en"]
    if not result["eligible"]:
        assert result["total_yuan"] == 0 and result["items"] == []
        assert result["by_year"] == [] and result["total_is_ceiling"] is False
    assert type(result["total_is_ceiling"]) is bool
    # Year-by-year rows: numbered from 1, cumulative, adding up to at most the total.
    running = Decimal(0)
    for number, row in enumerate(result["by_year"], start=1):
        assert set(row) == {"year", "yuan", "cumulative_yuan"} and row["year"] == number
        running += _money(row["yuan"])
        assert _money(row["cumulative_yuan"]) == running
    if result["by_year"]:
        assert running == _money(result["total_yuan"])


# ---- robustness ----

@SETTINGS
@given(calculator_id=st.sampled_from(IDS) | json_values, inputs=json_values)
def test_any_json_gives_a_result_or_input_error(calculator_id, inputs):
    run(calculator_id, inputs)


@SETTINGS
@given(data=st.data(), calculator_id=st.sampled_from(IDS))
def test_real_field_names_with_any_values(data, calculator_id):
    run(calculator_id, data.draw(field_dicts(calculator_id)))


@SETTINGS
@given(data=st.data(), calculator_id=st.sampled_from(IDS))
def test_valid_inputs_give_consistent_results(data, calculator_id):
    inputs = data.draw(valid_inputs(calculator_id))
    result = run(calculator_id, inputs)
    if result is not None:
        # Same inputs, same bytes.
        again = calculate(calculator_id, json.loads(json.dumps(inputs)))
        assert json.dumps(again, sort_keys=True) == json.dumps(result, sort_keys=True)


@pytest.mark.parametrize("calculator_id", IDS)
def test_huge_integers_everywhere(calculator_id):
    huge = 10**5000  # str(huge) raises ValueError in Python >= 3.11
    assert run(calculator_id, {f["name"]: huge for f in CALCULATORS[calculator_id]["fields"]}) is None
    assert run(calculator_id, {f["name"]: -huge for f in CALCULATORS[calculator_id]["fields"]}) is None


# ---- caps ----

@SETTINGS
@given(data=st.data())
def test_hiring_award_at_most_250000(data):
    result = run("enterprise_hiring_award", data.draw(valid_inputs("enterprise_hiring_award")))
    if result is not None:
        assert result["total_yuan"] <= 250000
        assert result["total_yuan"] in (0, 80000, 150000, 250000)


@SETTINGS
@given(data=st.data())
def test_startup_loan_maxima(data):
    inputs = data.draw(valid_inputs("startup_loan"))
    result = run("startup_loan", inputs)
    if result is None:
        return
    limit = {"individual": 150000, "graduate": 500000, "partnership": 3000000,
             "small_enterprise": 3000000}[inputs["applicant_type"]]
    assert result["max_loan_yuan"] <= limit
    # The plan: at most 3 years; small enterprises 2 (财金〔2018〕22号).
    term = 2 if inputs["applicant_type"] == "small_enterprise" else 3
    assert result["max_term_years"] == term
    assert result["interest_subsidy_yuan"] == result["total_yuan"]
    # Interest at most the largest loan x 100% x the longest term.
    assert result["total_yuan"] <= limit * term


@SETTINGS
@given(partners=st.integers(min_value=2, max_value=1000), data=st.data())
def test_partnership_is_capped_at_3000000(partners, data):
    graduates = data.draw(st.integers(min_value=0, max_value=partners))
    result = calculate("startup_loan", {"applicant_type": "partnership", "partners": partners,
                                        "graduate_partners": graduates})
    expected = min(500000 * graduates + 150000 * (partners - graduates), 3000000)
    assert result["max_loan_yuan"] == expected <= 3000000


@SETTINGS
@given(data=st.data())
def test_venue_private_at_most_12000_a_year(data):
    inputs = data.draw(valid_inputs("venue_subsidy"))
    result = run("venue_subsidy", inputs)
    if result is not None and inputs["venue_type"] == "private":
        assert _money(result["total_yuan"]) <= 12000 * min(inputs["years"], 4)
        for line in result["items"]:
            assert _money(line["yuan"]) <= 12000 * 3


@SETTINGS
@given(data=st.data())
def test_temporary_assistance_at_most_5000_per_person(data):
    inputs = data.draw(valid_inputs("temporary_assistance"))
    result = run("temporary_assistance", inputs)
    if result is not None:
        assert _money(result["total_yuan"]) <= 5000 * inputs["persons"]


# ---- monotonicity ----

def total(calculator_id, inputs):
    return _money(calculate(calculator_id, inputs)["total_yuan"])


@SETTINGS
@given(kind=st.sampled_from(["state_owned", "non_public"]), year=st.integers(2017, 2022),
       graduates=st.integers(0, 200), hires=st.integers(0, 300), more=st.integers(0, 100),
       more_graduates=st.integers(0, 100))
def test_more_hires_never_lower_the_award(kind, year, graduates, hires, more, more_graduates):
    hires = max(hires, graduates)
    base = {"enterprise_type": kind, "year": year}
    low = total("enterprise_hiring_award", dict(base, new_local_hires=hires, new_local_graduates=graduates))
    more_hires = total("enterprise_hiring_award",
                       dict(base, new_local_hires=hires + more, new_local_graduates=graduates))
    graduates_up = min(graduates + more_graduates, hires)
    more_grads = total("enterprise_hiring_award",
                       dict(base, new_local_hires=hires, new_local_graduates=graduates_up))
    assert more_hires >= low and more_grads >= low


@SETTINGS
@given(interns=st.integers(1, 500), extra=st.integers(0, 500), months=st.integers(0, 30),
       more_months=st.integers(0, 30), wage=st.integers(0, 100000) | st.sampled_from([1650, 1650.55]),
       full=st.booleans())
def test_internship_monotone(interns, extra, months, more_months, wage, full):
    def subsidy(n, m):
        return total("internship_subsidy", {"interns": n, "months": m, "monthly_min_wage_yuan": wage,
                                            "retained": n if full else 0})
    assert subsidy(interns + extra, months) >= subsidy(interns, months)
    assert subsidy(interns, months + more_months) >= subsidy(interns, months)


@SETTINGS
@given(interns=st.integers(1, 500), months=st.integers(3, 12), data=st.data())
def test_internship_more_retained_never_lowers(interns, months, data):
    retained = data.draw(st.integers(0, interns))
    more = data.draw(st.integers(retained, interns))
    def subsidy(r):
        return total("internship_subsidy", {"interns": interns, "months": months,
                                            "monthly_min_wage_yuan": 1650, "retained": r})
    assert subsidy(more) >= subsidy(retained)


@SETTINGS
@given(venue=st.sampled_from(["government", "private"]), cost=st.integers(0, 100000) | st.floats(0, 1e6),
       months=st.integers(0, 24), years=st.integers(1, 10), more=st.integers(0, 10), hardship=st.booleans())
def test_venue_more_years_never_lower(venue, cost, months, years, more, hardship):
    base = {"venue_type": venue, "annual_rent_and_utilities_yuan": cost}
    if venue == "private":
        base.update(months_operating=months, hardship_extension=hardship)
    assert total("venue_subsidy", dict(base, years=years + more)) >= total("venue_subsidy", dict(base, years=years))


@SETTINGS
@given(calculator_id=st.sampled_from(["farmer_herder_transfer", "poverty_labor"]),
       placed=st.integers(0, 10000), more=st.integers(0, 10000))
def test_more_workers_placed_never_lower(calculator_id, placed, more):
    def subsidy(n):
        return total(calculator_id, {"role": "service_provider", "workers_placed": n})
    assert subsidy(placed + more) >= subsidy(placed)


@SETTINGS
@given(persons=st.integers(1, 1000), more=st.integers(0, 1000),
       requested=st.integers(0, 10000) | st.floats(0, 1e6), extra=st.integers(0, 10000))
def test_temporary_assistance_monotone(persons, more, requested, extra):
    def aid(p, r):
        return total("temporary_assistance", {"persons": p, "requested_yuan_per_person": r})
    assert aid(persons + more, requested) >= aid(persons, requested)
    assert aid(persons, requested + extra) >= aid(persons, requested)


@SETTINGS
@given(years=st.integers(1, 20), more=st.integers(0, 20), wage=st.integers(0, 100000),
       contract=st.integers(0, 10), start=st.integers(2015, 2025))
def test_graduate_more_years_never_lower(years, more, wage, contract, start):
    base = {"minority_graduate_from_region": True, "contract_years": contract,
            "local_monthly_min_wage_yuan": wage, "start_year": start}
    assert (total("graduate_outside_region", dict(base, years=years + more))
            >= total("graduate_outside_region", dict(base, years=years)))


@SETTINGS
@given(amount=st.integers(0, 10**12) | st.floats(0, 1e12), extra=st.integers(0, 10**9))
def test_guarantee_reward_monotone_and_one_percent(amount, extra):
    low = total("loan_guarantee_reward", {"new_loans_total_yuan": amount})
    assert total("loan_guarantee_reward", {"new_loans_total_yuan": min(amount + extra, 10**12)}) >= low
    assert abs(low - Decimal(str(amount)) / 100) <= Decimal("0.005")


@pytest.mark.parametrize("calculator_id", IDS)
def test_examples_satisfy_invariants(calculator_id):
    for example in CALCULATORS[calculator_id]["examples"]:
        inputs = dict(example)
        if calculator_id == "internship_subsidy":
            inputs["monthly_min_wage_yuan"] = 1650
        check_result(calculator_id, calculate(calculator_id, inputs))


# ---- Chinese amounts written as the plan writes them ----

GROUPED_YUAN = re.compile(r"(\d{1,3}(?:,\d{3})+)(\.\d+)?\s*元")


def grouped_wan_amounts(zh):
    """Amounts of 1万 and more in a Chinese text written with separators though exact in 万元."""
    found = []
    for match in GROUPED_YUAN.finditer(zh):
        amount = Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
        if amount >= 10000 and amount % 100 == 0:
            found.append(match.group(0))
    return found


def zh_texts(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "zh" and isinstance(inner, str):
                yield inner
            else:
                yield from zh_texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from zh_texts(inner)


@pytest.mark.parametrize("calculator_id", IDS)
def test_chinese_metadata_writes_wan_yuan(calculator_id):
    bad = [t for t in zh_texts(CALCULATORS[calculator_id]) if grouped_wan_amounts(t)]
    assert bad == []


@SETTINGS
@given(data=st.data(), calculator_id=st.sampled_from(IDS))
def test_chinese_reasons_write_wan_yuan(data, calculator_id):
    result = run(calculator_id, data.draw(valid_inputs(calculator_id)))
    if result is not None:
        for zh in zh_texts(result["reasons"]):
            assert grouped_wan_amounts(zh) == [], zh
            assert not re.search(r"\d,\d{3}年", zh), zh
