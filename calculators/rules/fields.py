"""A data calculator's inputs as the metadata's ``fields`` (the forms and the validator read them)."""

from .. import _fields as F
from . import units


def _default_max(entry):
    kind, unit = entry["type"], entry.get("unit")
    if kind == "amount":
        return F.MONTHLY_WAGE_MAX if entry.get("parameter") else F.MONEY_MAX
    if unit == "months" and kind == "integer":
        return F.MONTHS_MAX
    if unit == "years" and kind == "integer":
        return F.YEARS_MAX
    return F.COUNT_MAX


def _field_type(kind):
    return {"integer": "int", "amount": "number", "number": "number", "choice": "choice",
            "yes_no": "bool"}[kind]


def unit_of(entry):
    """The input's unit name (amount: yuan when not given)."""
    if entry["type"] == "amount":
        return entry.get("unit") or "yuan"
    return entry.get("unit")


def field(entry):
    kind = entry["type"]
    numeric = kind in ("integer", "amount", "number")
    condition = entry.get("asked_when")
    applies_when = None
    if condition is not None:
        values = [condition["is"]] if "is" in condition else list(condition["in"])
        applies_when = F.when(condition["input"], *values)
    choices = None
    if kind == "choice":
        choices = [F.choice(c["value"], c["label"]["zh"], c["label"]["en"]) for c in entry["choices"]]
    return F.field(
        entry["id"],
        _field_type(kind),
        dict(entry["label"]),
        help=dict(entry["help"]) if entry.get("help") else None,
        unit=units.FIELD_UNITS[unit_of(entry)],
        min=entry.get("min", 0) if numeric else None,
        max=entry.get("max", _default_max(entry)) if numeric else None,
        required="default" not in entry,
        default=entry.get("default"),
        default_parameter=entry.get("parameter"),
        choices=choices,
        applies_when=applies_when,
    )


def fields(spec):
    return [field(entry) for entry in spec["inputs"]]


def not_above(spec):
    """The validator's ``(input, limit input)`` pairs."""
    return [(entry["id"], entry["not_above"]) for entry in spec["inputs"] if entry.get("not_above")]


def by_id(spec):
    return {entry["id"]: entry for entry in spec["inputs"]}
