"""A data calculator's figures: their exact values, references to them, their metadata."""

import re
from decimal import Decimal

from .._money import decimal_text

DECIMAL_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def exact(value):
    """A figure's value as Decimal: a JSON number through its text, or a decimal string, exactly."""
    if isinstance(value, str):
        return Decimal(value)
    return Decimal(str(value))


def by_id(spec):
    return {figure["id"]: figure for figure in spec.get("figures") or []}


def values(spec):
    """{figure id: Decimal value}."""
    return {figure["id"]: exact(figure["value"]) for figure in spec.get("figures") or []}


def metadata(spec):
    """The metadata's ``figures``: the keys of a Python calculator's (``_fields.figure``), the
    quote as ``zh_text`` (the clause's own words, which state the figure)."""
    return [
        {
            "key": figure["id"],
            "value": decimal_text(exact(figure["value"])),
            "unit": figure["unit"],
            "label": dict(figure["label"]),
            "zh_text": figure["quote"],
        }
        for figure in spec.get("figures") or []
    ]
