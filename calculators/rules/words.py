"""Pieces of the generated bilingual sentences: names, values as entered, texts put together."""

from .._money import fmt_number
from .._text import text
from . import units
from .fields import unit_of


def named(label):
    """An input's or item's label quoted as a sentence names it: 「…」 / “…”."""
    return text(f"「{label['zh']}」", f"“{label['en']}”")


def value(entry, entered):
    """A value as the visitor entered it: 8个月, 1.8万元/年, 是 / 8 months, 18,000 yuan a year, yes."""
    kind = entry["type"]
    if kind == "yes_no":
        return text("是", "yes") if entered else text("否", "no")
    if kind == "choice":
        for choice in entry["choices"]:
            if choice["value"] == entered:
                return text(choice["label"]["zh"], choice["label"]["en"])
        return text(str(entered), str(entered))
    unit = unit_of(entry)
    if unit == "percent":
        shown = f"{fmt_number(entered)}%"
        return text(shown, shown)
    return units.quantity(entered, unit)


def expected(entry, accepted):
    """The values a condition accepts: “是” / 政府投资建设的场地或… ."""
    shown = [value(entry, one) for one in accepted]
    return text("”或“".join(s["zh"] for s in shown), "” or “".join(s["en"] for s in shown))


def concat(*parts):
    return text("".join(p["zh"] for p in parts), "".join(p["en"] for p in parts))
