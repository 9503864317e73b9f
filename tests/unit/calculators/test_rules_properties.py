"""Property-based tests (hypothesis) of the calculators written as data (calculators/cases/rules/):
on any inputs their fields accept, the result is JSON with the common keys, the items add up to the
total, the year-by-year rows add up to it, not eligible means 0 and no items, every reason is in both
languages; and a longer period never pays less (a limit caps, it never takes away)."""

import json
import os
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import InputError, rules

from .rules_support import RULES_DIR, load

SETTINGS = settings(max_examples=150, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])
NAMES = sorted(path.stem for path in RULES_DIR.glob("*.json"))
SPECS = {name: load(name)["spec"] for name in NAMES}
COMMON_KEYS = {"calculator", "clause", "eligible", "total_yuan", "items", "reasons", "total_is_ceiling", "by_year"}


def _value(field):
    if field["type"] == "bool":
        return st.booleans()
    if field["type"] == "choice":
        return st.sampled_from([c["value"] for c in field["choices"]])
    high = min(field["max"], 400 if field["type"] == "int" else 300000)
    if field["type"] == "int":
        return st.integers(field["min"], max(field["min"], high))
    return st.decimals(field["min"], high, places=3).map(lambda d: float(str(d)))


@st.composite
def inputs_for(draw, name):
    fields = rules.metadata(SPECS[name])["fields"]
    chosen = {}
    for field in fields:
        rule = field["applies_when"]
        if rule is not None and chosen.get(rule["field"]) not in rule["values"]:
            continue
        if not field["required"] and draw(st.booleans()):
            continue
        chosen[field["name"]] = draw(_value(field))
    return chosen


def _run(name, inputs):
    try:
        return rules.calculate(SPECS[name], inputs)
    except InputError as error:  # a not_above pair drawn the wrong way round
        assert all(e["field"] and e["zh"] and e["en"] for e in error.errors)
        return None


@pytest.mark.parametrize("name", NAMES)
@SETTINGS
@given(data=st.data())
def test_invariants(name, data):
    result = _run(name, data.draw(inputs_for(name)))
    if result is None:
        return
    assert set(result) == COMMON_KEYS
    assert json.loads(json.dumps(result, ensure_ascii=False)) == result
    total = Decimal(str(result["total_yuan"]))
    assert sum((Decimal(str(line["yuan"])) for line in result["items"]), Decimal(0)) == total
    assert result["reasons"] and all(r["zh"].strip() and r["en"].strip() for r in result["reasons"])
    if not result["eligible"]:
        assert total == 0 and result["items"] == [] and result["by_year"] == []
    else:
        assert all(Decimal(str(line["yuan"])) > 0 for line in result["items"])
    if result["by_year"]:
        assert Decimal(str(result["by_year"][-1]["cumulative_yuan"])) == total
        assert sum((Decimal(str(row["yuan"])) for row in result["by_year"]), Decimal(0)) == total


PERIODS = [("example_rent_subsidy", "years"), ("venue_subsidy", "years"), ("guangzhou_internship_subsidy", "full_months"),
           ("guangzhou_internship_living_allowance", "months")]


@pytest.mark.parametrize("name, periods", PERIODS)
@SETTINGS
@given(data=st.data())
def test_a_longer_period_never_pays_less(name, periods, data):
    inputs = data.draw(inputs_for(name))
    if periods not in inputs:
        return
    first = _run(name, inputs)
    longer = _run(name, dict(inputs, **{periods: inputs[periods] + 1}))
    if first is None or longer is None:
        return
    assert Decimal(str(longer["total_yuan"])) >= Decimal(str(first["total_yuan"]))
