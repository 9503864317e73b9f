"""Chinese numerals as documents number their parts: 一 … 九百九十九, and 第二十三条 / 第一章."""

from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
NUMERAL = "[零〇一二三四五六七八九十百]+"
"""A regular-expression class for a run of numeral characters (read it with :func:`parse_numeral`)."""

_ORDINAL = re.compile(rf"^第({NUMERAL})([章节条款项])")


def parse_numeral(text: str) -> int | None:
    """一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105, 一百一十 → 110; None for anything else.

    Only the canonical way of writing 1 to 999 is read (not 二二, 十十, 零, 一十二), so a
    misprint is not read as some other number.
    """
    if not text or any(ch not in _DIGITS and ch not in "十百" for ch in text):
        return None
    value = _value(text)
    return value if value is not None and numeral(value) == text.replace("〇", "零") else None


def _value(text: str) -> int | None:
    hundreds, _, rest = text.rpartition("百")
    total = 0
    if "百" in text:
        if len(hundreds) != 1 or hundreds not in _DIGITS:
            return None
        total += _DIGITS[hundreds] * 100
        rest = rest.removeprefix("零").removeprefix("〇")
    if not rest:
        return total or None
    tens, has_ten, ones = rest.partition("十")
    if has_ten:
        if len(tens) > 1 or len(ones) > 1:
            return None
        total += (_DIGITS.get(tens, -100) if tens else 1) * 10
        total += _DIGITS.get(ones, -1000) if ones else 0
    else:
        if len(rest) != 1:
            return None
        total += _DIGITS[rest]
    return total if total > 0 else None


def numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五, 110 → 一百一十 (1 to 999)."""
    if not 0 < number < 1000:
        raise ValueError(number)
    digits = "零一二三四五六七八九"
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")


def parse_ordinal(text: str) -> tuple[int, str] | None:
    """The number and kind at the start of ``第二十三条 …``: (23, "条"); 第一章 → (1, "章"); None otherwise."""
    match = _ORDINAL.match(text)
    if not match:
        return None
    value = parse_numeral(match.group(1))
    return (value, match.group(2)) if value is not None else None
