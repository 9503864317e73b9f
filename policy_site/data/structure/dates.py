"""Calendar dates as documents write them: 2019年10月9日, 二〇一九年十月九日; and terms of N years."""

from __future__ import annotations

import datetime as dt
import re

from ..numerals import parse_numeral

_ARABIC = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE_YEAR_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                        "八": 8, "九": 9}
_CHINESE = re.compile(r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
DATE = r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)"
"""A regular expression for one date in either writing (read it with :func:`read_date`)."""


class NotADate(ValueError):
    """The words have the shape of a date that does not exist (2023年2月30日): never read as another day."""


def read_date(text: str) -> dt.date | None:
    """The first date in ``text``; None when there is none; :class:`NotADate` for 2023年2月30日."""
    arabic, chinese = _ARABIC.search(text), _CHINESE.search(text)
    first = min((m for m in (arabic, chinese) if m), key=lambda m: m.start(), default=None)
    if first is None:
        return None
    if first is arabic:
        year, month, day = (int(g) for g in first.groups())
    else:
        year = int("".join(str(_CHINESE_YEAR_DIGITS[ch]) for ch in first.group(1)))
        month, day = parse_numeral(first.group(2)), parse_numeral(first.group(3))
        if month is None or day is None:
            raise NotADate(first.group(0))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADate(first.group(0)) from None


def read_date_line(text: str) -> dt.date | None:
    """A line that is a date and nothing else (a notice's signing date); None otherwise."""
    text = text.strip()
    if not re.fullmatch(DATE, text):
        return None
    return read_date(text)


def term_end(start: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` years from ``start``: the day before the same date that many years
    on (2023-09-08, 3 → 2026-09-07); a term that starts on 29 February ends on 28 February."""
    if start.month == 2 and start.day == 29:
        return dt.date(start.year + years, 2, 28)
    return dt.date(start.year + years, start.month, start.day) - dt.timedelta(days=1)
