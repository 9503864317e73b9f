"""Assembling a calculator's result dict (the contract's output keys)."""

from ._money import ZERO, round_yuan, to_json_number
from ._text import text


def item(key, zh, en, amount):
    """One line of the result; ``amount`` is a Decimal, rounded to the fen."""
    return {"key": key, "zh": zh, "en": en, "yuan": round_yuan(amount)}


def reason(zh, en):
    return text(zh, en)


def build(metadata, eligible, items, reasons, **extra):
    """The result: ``total_yuan`` is the sum of the (rounded) items, so the
    items always add up to it. Not eligible means no items and 0."""
    if not eligible and items:
        raise ValueError("internal error: items for a result that is not eligible")
    total = sum((line["yuan"] for line in items), ZERO)
    result = {
        "calculator": metadata["id"],
        "clause": metadata["clause"],
        "eligible": bool(eligible),
        "total_yuan": to_json_number(total),
        "items": [dict(line, yuan=to_json_number(line["yuan"])) for line in items],
        "reasons": [dict(r) for r in reasons],
    }
    for key, value in extra.items():
        if key in result:
            raise ValueError(f"extra key {key!r} clashes with a common key")
        result[key] = value if isinstance(value, int) else to_json_number(value)
    return result
