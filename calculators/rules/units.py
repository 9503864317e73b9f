"""Units of a data calculator's inputs and figures, and quantities written in both languages."""

from decimal import Decimal

from .. import _fields as F
from .._money import fmt_number, fmt_percent, fmt_yuan, fmt_yuan_zh
from .._text import text

# Counts and durations: (Chinese suffix, English singular, English plural).
COUNTS = {
    "people": ("人", "person", "people"),
    "months": ("个月", "month", "months"),
    "years": ("年", "year", "years"),
    "days": ("天", "day", "days"),
    "working_days": ("个工作日", "working day", "working days"),
}
# Money: (Chinese suffix, English suffix) after the amount.
MONEY = {
    "yuan": ("", ""),
    "yuan_per_month": ("/月", " a month"),
    "yuan_per_year": ("/年", " a year"),
    "yuan_per_person": ("/人", " per person"),
}
# The period words of an item's `per`: (每月, a month).
PER = {"month": ("每月", " a month", "months"), "year": ("每年", " a year", "years")}

# Units an input of each type may have (None: no unit).
INPUT_UNITS = {
    "integer": (None, "people", "months", "years", "days", "working_days"),
    "amount": ("yuan", "yuan_per_month", "yuan_per_year", "yuan_per_person"),
    "number": (None, "percent", "months", "years"),
    "choice": (None,),
    "yes_no": (None,),
}
FIGURE_UNITS = tuple(F.FIGURE_UNITS) + ("yuan_per_month", "days")

# The bilingual unit shown beside a form field.
FIELD_UNITS = {
    None: None,
    "people": F.UNIT_PEOPLE,
    "months": F.UNIT_MONTHS,
    "years": F.UNIT_YEARS,
    "days": text("天", "days"),
    "working_days": text("个工作日", "working days"),
    "yuan": F.UNIT_YUAN,
    "yuan_per_month": F.UNIT_YUAN_PER_MONTH,
    "yuan_per_year": F.UNIT_YUAN_PER_YEAR,
    "yuan_per_person": F.UNIT_YUAN_PER_PERSON,
    "percent": F.UNIT_PERCENT,
}

TWELVE = Decimal(12)
HUNDRED = Decimal(100)


def is_money(unit):
    return unit in MONEY


def factor(figure_unit, input_unit):
    """What a figure in ``figure_unit`` is multiplied by to compare with, or count in, an input in
    ``input_unit``; None when the two cannot be compared (months vs people)."""
    if figure_unit == "percent" and input_unit == "percent":
        return HUNDRED  # a figure 0.6 (60%) against an input in percentage points (60)
    if figure_unit == input_unit:
        return Decimal(1)
    if is_money(figure_unit) and is_money(input_unit):
        return Decimal(1)
    if figure_unit == "years" and input_unit == "months":
        return TWELVE
    if figure_unit == "days" and input_unit in ("days", "working_days"):
        return Decimal(1)
    if figure_unit == "calendar_year" and input_unit is None:
        return Decimal(1)
    if figure_unit == "people" and input_unit is None:
        return Decimal(1)
    return None


def quantity(value, unit):
    """A number with its unit as a sentence writes it: 1.2万元/年, 6个月 / 12,000 yuan a year, 6 months."""
    if unit in MONEY:
        zh_suffix, en_suffix = MONEY[unit]
        return text(f"{fmt_yuan_zh(value)}{zh_suffix}", f"{fmt_yuan(value)} yuan{en_suffix}")
    if unit == "percent":
        shown = f"{fmt_percent(value)}%"
        return text(shown, shown)
    if unit in COUNTS:
        zh_suffix, one, many = COUNTS[unit]
        return text(f"{fmt_number(value)}{zh_suffix}", f"{fmt_number(value)} {one if value == 1 else many}")
    if unit == "calendar_year":
        return text(f"{int(value)}年", str(int(value)))
    shown = fmt_number(value)
    return text(shown, shown)
