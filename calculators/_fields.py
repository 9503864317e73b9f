"""Builders for the calculators' metadata (``CALCULATORS[id]``).

The metadata is plain JSON-serialisable data: the website builds its forms
from it and ``_inputs.validate`` checks inputs against the same field specs.
"""

from ._money import decimal_text
from ._text import text

FIELD_TYPES = ("choice", "bool", "int", "number")

# Bounds shared by all calculators (spec "Types").
COUNT_MAX = 1_000_000
YEAR_MIN = 2000
YEAR_MAX = 2100
MONTHS_MAX = 1200
YEARS_MAX = 100
MONEY_MAX = 1_000_000_000_000
# A monthly minimum wage far above any real one (about 2,000 yuan in 2019),
# low enough that every total stays below 10**13 yuan, so each output amount
# is exactly representable as a JSON number with two decimals.
MONTHLY_WAGE_MAX = 100_000

UNIT_PEOPLE = text("人", "people")
UNIT_YUAN = text("元", "yuan")
UNIT_YUAN_PER_YEAR = text("元/年", "yuan per year")
UNIT_YUAN_PER_MONTH = text("元/月", "yuan per month")
UNIT_YUAN_PER_PERSON = text("元/人", "yuan per person")
UNIT_MONTHS = text("个月", "months")
UNIT_YEARS = text("年", "years")
UNIT_PERCENT = text("%", "%")

# Units of the key figures ("figures" in the metadata). "percent" values are
# fractions (0.25) that the plan writes as percentages (25%); "calendar_year"
# is a year such as 2019; the others are amounts, counts or durations.
FIGURE_UNITS = (
    "yuan",
    "yuan_per_person",
    "yuan_per_year",
    "percent",
    "people",
    "months",
    "years",
    "calendar_year",
)


def field(name, type, label, help=None, unit=None, min=None, max=None,
          required=True, default=None, default_parameter=None, choices=None,
          applies_when=None):
    if type not in FIELD_TYPES:
        raise ValueError(f"unknown field type {type!r}")
    return {
        "name": name,
        "type": type,
        "label": label,
        "help": help,
        "unit": unit,
        "min": min,
        "max": max,
        "required": required,
        "default": default,
        "default_parameter": default_parameter,
        "choices": choices,
        "applies_when": applies_when,
    }


def when(field_name, *values):
    """``applies_when``: the field is shown and accepted only for these values."""
    return {"field": field_name, "values": list(values)}


def choice(value, zh, en):
    return {"value": value, "zh": zh, "en": en}


def choice_field(name, label, choices, help=None, **kw):
    return field(name, "choice", label, help=help, choices=choices, **kw)


def bool_field(name, label, help=None, **kw):
    return field(name, "bool", label, help=help, **kw)


def count_field(name, label, help=None, min=0, max=COUNT_MAX, unit=UNIT_PEOPLE, **kw):
    return field(name, "int", label, help=help, unit=unit, min=min, max=max, **kw)


def months_field(name, label, help=None, min=0, max=MONTHS_MAX, **kw):
    return field(name, "int", label, help=help, unit=UNIT_MONTHS, min=min, max=max, **kw)


def years_field(name, label, help=None, min=1, max=YEARS_MAX, **kw):
    return field(name, "int", label, help=help, unit=UNIT_YEARS, min=min, max=max, **kw)


def year_field(name, label, help=None, **kw):
    return field(name, "int", label, help=help, min=YEAR_MIN, max=YEAR_MAX, **kw)


def money_field(name, label, help=None, max=MONEY_MAX, unit=UNIT_YUAN, **kw):
    return field(name, "number", label, help=help, unit=unit, min=0, max=max, **kw)


def number_field(name, label, help=None, min=0, max=None, unit=None, **kw):
    return field(name, "number", label, help=help, unit=unit, min=min, max=max, **kw)


def figure(key, constant, unit, label, zh_text):
    """A key figure: ``value`` is the constant's own decimal text."""
    if unit not in FIGURE_UNITS:
        raise ValueError(f"unknown figure unit {unit!r}")
    return {
        "key": key,
        "value": decimal_text(constant),
        "unit": unit,
        "label": label,
        "zh_text": zh_text,
    }


def headline(amount, label, total_label, total_needs=None, total_missing=None):
    """``headline``: a result whose answer is another of its amounts than the total (the startup
    loan's largest loan). The page shows ``amount`` (a key of the result) under ``label`` first, then
    the total under ``total_label``; with ``total_needs`` (a field's name), the total only once that
    field is given above 0, and ``total_missing`` until then."""
    return {"amount": amount, "label": label, "total_label": total_label,
            "total_needs": total_needs, "total_missing": total_missing}


def metadata(id, clause, title, summary, applicant, fields, notes, figures, examples,
             eligible_verdict=None, headline=None):
    """``eligible_verdict``: what the result's verdict says instead of "eligible" when the amount
    still depends on a judgement of the agency (2.1's reward: "if judged outstanding"); else None.
    ``headline``: the amount the result leads with when it is not the total (see ``headline``); else None."""
    return {
        "id": id,
        "clause": clause,
        "title": title,
        "summary": summary,
        "applicant": applicant,
        "fields": fields,
        "notes": notes,
        "figures": figures,
        "examples": examples,
        "eligible_verdict": eligible_verdict,
        "headline": headline,
    }
