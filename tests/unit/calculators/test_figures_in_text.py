"""Every key figure of a calculator is written in its clause's Chinese text,
and the figure's value is the number that text states."""

import importlib
import importlib.util
import re
from decimal import Decimal

import pytest

from calculators import CALCULATORS

# How the plan writes amounts, shares, counts and durations:
# 8万元, 1.2万元, 8000元, 25%, 60人, 6个月, 3年, 3-12个月, 2019年1月1日.
_NUMBER = r"(\d+(?:\.\d+)?)"
_PATTERNS = {
    "yuan": re.compile(_NUMBER + r"(万元|元)"),
    "percent": re.compile(_NUMBER + r"%"),
    "people": re.compile(_NUMBER + r"人"),
    "months": re.compile(r"(?:(\d+)-)?" + _NUMBER + r"个月"),
    "years": re.compile(_NUMBER + r"年"),
    "calendar_year": re.compile(r"(\d{4})年"),
}
_UNIT_KIND = {
    "yuan": "yuan",
    "yuan_per_person": "yuan",
    "yuan_per_year": "yuan",
    "percent": "percent",
    "people": "people",
    "months": "months",
    "years": "years",
    "calendar_year": "calendar_year",
}


def numbers_in_zh(zh_text, unit):
    """The numbers a Chinese phrase states in the given unit:
    "8万元" -> [80000], "25%" (percent, stored as a fraction) -> [0.25], "3-12个月" -> [3, 12]."""
    kind = _UNIT_KIND[unit]
    found = []
    for match in _PATTERNS[kind].finditer(zh_text):
        if kind == "yuan":
            value = Decimal(match.group(1)) * (10000 if match.group(2) == "万元" else 1)
            found.append(value)
        elif kind == "percent":
            found.append(Decimal(match.group(1)) / 100)
        elif kind == "months":
            found.extend(Decimal(g) for g in match.groups() if g is not None)
        else:
            found.append(Decimal(match.group(1)))
    return found


@pytest.mark.parametrize(
    "text, unit, expected",
    [
        ("8万元", "yuan", ["80000"]),
        ("1.2万元", "yuan_per_year", ["12000"]),
        ("1000元", "yuan", ["1000"]),
        ("每人300元", "yuan_per_person", ["300"]),
        ("25%", "percent", ["0.25"]),
        ("1%", "percent", ["0.01"]),
        ("60人", "people", ["60"]),
        ("6个月", "months", ["6"]),
        ("3-12个月", "months", ["3", "12"]),
        ("不超过5年", "years", ["5"]),
        ("2019年1月1日", "calendar_year", ["2019"]),
        ("25人", "yuan", []),
    ],
)
def test_parser(text, unit, expected):
    assert numbers_in_zh(text, unit) == [Decimal(x) for x in expected]


FIGURES = [
    pytest.param(calculator_id, figure, id=f"{calculator_id}: {figure['key']}")
    for calculator_id, metadata in CALCULATORS.items()
    for figure in metadata["figures"]
]


def test_every_calculator_has_figures():
    for calculator_id, metadata in CALCULATORS.items():
        assert metadata["figures"], calculator_id
        keys = [figure["key"] for figure in metadata["figures"]]
        assert len(keys) == len(set(keys)), calculator_id


@pytest.mark.parametrize("calculator_id, figure", FIGURES)
def test_figure_is_in_clause_text(calculator_id, figure, clause_text):
    text = clause_text(CALCULATORS[calculator_id]["clause"])
    assert figure["zh_text"] in text


@pytest.mark.parametrize("calculator_id, figure", FIGURES)
def test_figure_value_is_what_the_text_says(calculator_id, figure):
    stated = numbers_in_zh(figure["zh_text"], figure["unit"])
    assert stated, f"no number in {figure['zh_text']!r} for unit {figure['unit']}"
    assert Decimal(figure["value"]) in stated


@pytest.mark.parametrize("calculator_id, figure", [p for p in FIGURES
                                                   if importlib.util.find_spec(f"calculators.{p.values[0]}")])
def test_figure_value_is_the_module_constant(calculator_id, figure):
    """``value`` is derived from a module-level constant named like the key (a Python calculator's; a
    calculator written as data states the value beside its quote, which the tests above read)."""
    module = importlib.import_module(f"calculators.{calculator_id}")
    constant = getattr(module, figure["key"].upper())
    assert Decimal(figure["value"]) == Decimal(constant)


# ---- the "At a glance" box's `gives:` lines state only what the clause states ----

def _gives_lines():
    from policy_site.data.loader import load_policy
    from tests.conftest import POLICY_DATA
    policy = load_policy(POLICY_DATA, known_calculators=CALCULATORS)
    return [(clause, line) for clause in policy.clauses for line in clause.gives]


def test_every_number_of_a_gives_line_is_in_its_clause():
    """What the box says a clause gives (8000元, 1.2万元, 3-12个月, 50%, 5年) is written in the clause."""
    lines = _gives_lines()
    assert {clause.id for clause, _ in lines} >= {"2.1", "2.2", "2.3", "3.1", "5.2"}
    for clause, line in lines:
        for unit in ("yuan", "percent", "months", "years"):
            for value in numbers_in_zh(line.zh, unit):
                assert value in numbers_in_zh(clause.text.zh, unit), (clause.id, line.zh, value)
