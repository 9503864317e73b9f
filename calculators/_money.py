"""Money helpers: Decimal rounding, Decimal -> JSON number, display formatting.

All arithmetic on amounts uses ``decimal.Decimal``; inputs become
``Decimal(str(x))`` (see ``_inputs``), never ``Decimal(float)``.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal(0)


def round_yuan(amount):
    """Round an amount to the fen (0.01 yuan), half up."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def _is_whole(amount):
    return amount == amount.to_integral_value()


def to_json_number(amount):
    """A Decimal amount as a JSON number: int when whole yuan, else a float
    with at most two decimals (its repr is the rounded decimal text)."""
    rounded = round_yuan(amount)
    if _is_whole(rounded):
        return int(rounded)
    return float(str(rounded))


def decimal_text(value):
    """The exact decimal text of a constant: 80000, 0.25, 12000."""
    value = Decimal(value)
    if _is_whole(value):
        return str(int(value))
    return format(value.normalize(), "f")


def fmt_yuan(amount):
    """An amount for a sentence: 80,000 or 6,187.50."""
    rounded = round_yuan(amount)
    if _is_whole(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.2f}"


def fmt_number(value):
    """A count, limit or year for a sentence; thousands separators from 10,000."""
    value = Decimal(value)
    if _is_whole(value):
        whole = int(value)
        return f"{whole:,}" if abs(whole) >= 10000 else str(whole)
    text = format(value.normalize(), "f")
    return text


def fmt_percent(ratio):
    """A ratio as a percentage, cut (not rounded) to two decimals: 0.25 -> 25,
    0.24999 -> 24.99, so a figure below a threshold never shows as equal to it."""
    percent = (Decimal(ratio) * 100).quantize(CENT, rounding=ROUND_DOWN)
    if _is_whole(percent):
        return str(int(percent))
    return format(percent, "f").rstrip("0")


TEN_THOUSAND = Decimal(10000)


def fmt_yuan_zh(amount):
    """An amount with its 元 for a Chinese sentence, as the plan writes money: 1万 and above in 万元
    (8万元, 1.2万元, 13.68万元, 2500万元) when that is exact to two decimals of 万; otherwise, and below
    1万, the figure as ``fmt_yuan`` writes it (6,000元, 13,518.54元)."""
    rounded = round_yuan(amount)
    if rounded >= TEN_THOUSAND:
        wan = rounded / TEN_THOUSAND
        if wan == wan.quantize(CENT):
            return f"{decimal_text(wan)}万元"
    return f"{fmt_yuan(rounded)}元"
