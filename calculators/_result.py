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
    ceiling = bool(extra.pop("total_is_ceiling", False))
    years = extra.pop("by_year", [])
    result = {
        "calculator": metadata["id"],
        "clause": metadata["clause"],
        "eligible": bool(eligible),
        "total_yuan": to_json_number(total),
        "items": [dict(line, yuan=to_json_number(line["yuan"])) for line in items],
        "reasons": [dict(r) for r in reasons],
        # Beyond the contract's common keys, in every result: whether the total
        # is only a ceiling ("up to": the plan fixes a maximum, not the amount),
        # and the year-by-year amounts of a multi-year result (else empty).
        "total_is_ceiling": ceiling and bool(eligible),
        "by_year": years if eligible else [],
    }
    for key, value in extra.items():
        if key in result:
            raise ValueError(f"extra key {key!r} clashes with a common key")
        if isinstance(value, (bool, int, list)):
            result[key] = value
        else:
            result[key] = to_json_number(value)
    return result


def by_year(amounts, total=None):
    """``by_year``: the year-by-year amounts of a multi-year result, as
    ``[{"year": 1, "yuan": ..., "cumulative_yuan": ...}, ...]`` (``amounts``
    are Decimals, one per year, rounded to the fen). With ``total`` (the
    rounded headline), the last year takes what is left, so the rows always
    add up to the total shown."""
    rows = []
    running = ZERO
    amounts = list(amounts)
    for number, amount in enumerate(amounts, start=1):
        amount = round_yuan(amount)
        if total is not None and number == len(amounts):
            amount = round_yuan(total) - running
        running += amount
        rows.append({"year": number, "yuan": to_json_number(amount),
                     "cumulative_yuan": to_json_number(running)})
    return rows
