"""Amounts, counts and years written as readers of each language write them (Babel does the digits).

- Computed amounts: "80,000元" on Chinese pages, with the 万元 form beside large sums
  ("80,000元（8万元）"); "80,000 yuan" on English pages.
- The plan's own round figures: "8万元", "1.2万元", "300万元", "8000元" (as the plan writes them).
- Years are never grouped: "2019", never "2,019".
- Every amount is wrapped in ``<span class="policy-amount">`` (white-space: nowrap), so a number
  never breaks from its unit. The output holds only digits, separators and fixed unit words: it is
  safe HTML and goes into Markdown tables and paragraphs as it is.
"""

from __future__ import annotations

import html
from decimal import Decimal

from babel.numbers import format_decimal
from markupsafe import Markup

from ..data import languages
from .ui_strings import string

LOCALES = {lang.code: lang.locale for lang in languages.ALL}  # {"zh": "zh_Hans_CN", "en": "en"}
WAN = Decimal(10000)

# Units of the calculators' key figures ("figures" in their metadata) and of input fields: each
# language writes them through its UI strings unit_<unit> ("{v}元" / "{v} yuan").
UNITS = ("yuan", "yuan_per_month", "yuan_per_year", "yuan_per_person", "percent", "people", "months",
         "years", "calendar_year")


def _unit(unit: str, lang: str, shown: str) -> str:
    if unit in UNITS:
        return string(f"unit_{unit}", lang).format(v=shown)
    return f"{shown}{languages.BY_CODE[lang].word_space}{unit}"


def _wan_style(lang: str) -> bool:
    return languages.BY_CODE[lang].amount_style == "wan"


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def digits(value: object, lang: str, group: bool = True) -> str:
    """A number with this language's separators (Babel), exactly: 6187.5 as money is "6,187.50"."""
    amount = _decimal(value)
    whole = amount == amount.to_integral_value()
    pattern = None if group else "0.##########"
    if whole:
        return format_decimal(amount.to_integral_value(), format=pattern, locale=LOCALES[lang],
                              decimal_quantization=False)
    return format_decimal(amount, format=pattern or "#,##0.00########", locale=LOCALES[lang],
                          decimal_quantization=False)


def wan(value: object) -> str:
    """The amount in 万, exact: 80000 -> "8", 12000 -> "1.2", 204560 -> "20.456"."""
    return format_decimal(_decimal(value) / WAN, format="#,##0.##########", locale=LOCALES["zh"],
                          decimal_quantization=False)


def in_wan(value: object, lang: str) -> str:
    """The amount in 万 as the language writes it: 80000 -> "8万"."""
    return string("wan_number", lang).format(v=wan(value))


def _span(text: str, cls: str = "policy-amount") -> Markup:
    return Markup(f'<span class="{cls}">{text}</span>')


def money(value: object, lang: str) -> Markup:
    """A computed amount: "80,000元（8万元）" / "80,000 yuan"; "6,187.50元" below 万, and a sum with
    fen (12,552.27元) without its 万 form, which nobody writes to six decimals."""
    amount = _decimal(value)
    shown = _span(_unit("yuan", lang, digits(amount, lang)))
    if _wan_style(lang) and abs(amount) >= WAN and amount == amount.to_integral_value():
        return shown + _span(languages.BY_CODE[lang].paren(_unit("yuan", lang, in_wan(amount, lang))))
    return shown


def plan_amount(value: object, lang: str, unit: str = "yuan") -> Markup:
    """One of the plan's round figures as the plan writes it: 8万元, 1.2万元, 300万元, 8000元;
    in English with thousands separators (80,000 yuan)."""
    amount = _decimal(value)
    if _wan_style(lang):
        shown = in_wan(amount, lang) if abs(amount) >= WAN else digits(amount, lang, group=False)
    else:
        shown = digits(amount, lang)
    return _span(_unit(unit if unit in UNITS else "yuan", lang, shown))


def figure(value: object, unit: str, lang: str) -> Markup:
    """A calculator constant for display: ("80000", "yuan") -> 8万元 / 80,000 yuan; 0.25 -> 25%;
    a calendar year stays ungrouped."""
    amount = _decimal(value)
    if unit.startswith("yuan"):
        return plan_amount(amount, lang, unit)
    if unit == "percent":
        if amount < 1 and amount != 0:
            amount *= 100
        shown = digits(amount.normalize(), lang, group=False)
    elif unit == "calendar_year":
        shown = year(amount)
    else:
        shown = digits(amount.normalize(), lang, group=False)
    return _span(_unit(unit, lang, shown))


def year(value: object) -> str:
    """A calendar year, never grouped: 2019 -> "2019"."""
    return str(int(_decimal(value)))


def input_value(value: object, field: dict, lang: str) -> Markup:
    """A value typed into a calculator form, for the worked examples: money as money, a year
    (an int field without a unit) as a year, other numbers with their unit."""
    unit = field.get("unit") or None
    if field.get("type") == "int" and unit is None:
        return _span(year(value))
    amount = _decimal(value)
    money_like = bool(unit) and unit["zh"].startswith("元")
    if not money_like and amount != amount.to_integral_value():
        amount = amount.normalize()
    shown = digits(amount, lang)
    if unit is None:
        return _span(shown)
    label = html.escape(unit.get(lang) or unit["zh"])
    return _span(f"{shown}{label}" if label == "%" else f"{shown}{languages.BY_CODE[lang].word_space}{label}")


def plain(markup: Markup) -> str:
    """The text of one of the functions above without its spans (for a sentence that is escaped later)."""
    return Markup(markup).striptags()


def money_text(value: object, lang: str) -> str:
    return plain(money(value, lang))


def figure_text(value: object, unit: str, lang: str) -> str:
    return plain(figure(value, unit, lang))
