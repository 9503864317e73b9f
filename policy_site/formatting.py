"""Per-language formatting of money, dates and figures, and escaping of data text."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~^$])")


# A run of Chinese: Han characters, with the CJK punctuation, full-width forms and digits between them.
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff](?:[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef0-9]*"
                      r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])?")


def text(value: object, lang: str = "zh") -> Markup:
    """Data text made safe for Markdown and HTML: shown as typed, never run or formatted.

    On the English site a Chinese word or name inside the text (a document number, a term
    quoted from the plan) is marked ``lang="zh-Hans"``, so a screen reader reads it in Chinese.
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", str(value))
    escaped = html.escape(escaped, quote=False)
    escaped = escaped.replace("\n", " ")
    return Markup(mark_chinese(escaped) if lang == "en" else escaped)


def mark_chinese(escaped: str) -> str:
    """Wrap each run of Chinese in already-escaped English text in <span lang="zh-Hans">."""
    return _HAN_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', escaped)


def prose(value: object, lang: str) -> Markup:
    """Data text for the content of an HTML element (not an attribute), Chinese marked on the English site."""
    escaped = html.escape(str(value), quote=True)
    return Markup(mark_chinese(escaped) if lang == "en" else escaped)


def html_text(value: object) -> Markup:
    """Data text for inside an HTML block (Markdown is not applied there): HTML-escaped only."""
    return Markup(html.escape(str(value), quote=True))


def money(value: Decimal | int | float | str, lang: str) -> str:
    amount = Decimal(str(value))
    whole = amount == amount.to_integral_value()
    digits = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    return f"{digits} 元" if lang == "zh" else f"{digits} yuan"


def number(value: Decimal | int | float | str) -> str:
    """A number entered in a form, with thousands separators: 1000000 -> "1,000,000"."""
    amount = Decimal(str(value))
    return f"{amount:,f}" if amount != amount.to_integral_value() else f"{amount:,.0f}"


def date(value: dt.date, lang: str) -> str:
    if lang == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return value.isoformat()


_UNITS = {
    "yuan": ("{v} 元", "{v} yuan"),
    "yuan_per_month": ("每月 {v} 元", "{v} yuan a month"),
    "yuan_per_year": ("每年 {v} 元", "{v} yuan a year"),
    "yuan_per_person": ("每人 {v} 元", "{v} yuan per person"),
    "percent": ("{v}%", "{v}%"),
    "people": ("{v} 人", "{v} people"),
    "months": ("{v} 个月", "{v} months"),
    "years": ("{v} 年", "{v} years"),
    "calendar_year": ("{v}年", "{v}"),
}


def figure(value: str | Decimal | int, unit: str, lang: str) -> str:
    """A calculator constant for display, e.g. ("80000", "yuan") -> "80,000 元"."""
    amount = Decimal(str(value))
    if unit == "percent" and amount < 1 and amount != 0:
        amount *= 100
    amount = amount.normalize()
    if unit.startswith("yuan"):
        shown = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    else:
        shown = f"{amount:f}"
    zh, en = _UNITS.get(unit, ("{v} " + unit, "{v} " + unit))
    return (zh if lang == "zh" else en).format(v=shown)
