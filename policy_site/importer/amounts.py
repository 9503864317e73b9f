"""Amounts, shares, terms and thresholds a text states, listed for staff as candidates for calculators.

Never turned into rules: each candidate keeps its words as written, its value as a Decimal, and
what the words around it say (每人每月, 最高/不超过, 以上, 含本数), for a person to read.

    5万元 → 50000 元;  每人每月3000元 → 3000 元 per 每人每月;  50% → 50 %;
    最长不超过12个月 → 12 个月, at most;  最高50000元 → 50000 元, at most;
    50人（含50人） / 60%以上（含60%） / 含本数 → inclusive
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..data.structure.lines import Line

_NUMBER = r"\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"(?<![\d.〔\[［(（【含-])(?:(?P<low>{_NUMBER})\s*[-—–~～至到]\s*)?(?P<value>{_NUMBER})\s*"
    r"(?P<unit>万元|元|%|％|个月|个工作日|年(?!\d{1,2}月)|人(?!民))(?P<per>/人|/年|/月)?")
_PERS = ("每人每月", "每人每年", "每户每月", "每月", "每年", "每人", "每户", "每次")
_AT_MOST = ("最高不超过", "最长不超过", "不超过", "最高", "最长", "最多", "以内")
_AT_LEAST = ("不低于", "不少于", "至少", "达到", "超过")
_BEFORE_WINDOW = 10


@dataclass(frozen=True)
class AmountCandidate:
    line: int
    text: str                 # as written, with the words that qualify it: 每年最高不超过1.2万元
    value: Decimal            # in the unit: 12000 for 1.2万元
    unit: str                 # 元, %, 个月, 个工作日, 年, 人
    low: Decimal | None = None  # 3 for 3-12个月
    per: str | None = None    # 每人每月, /人 …
    bound: str | None = None  # "at_most" (最高, 不超过, 以下), "at_least" (不低于, 以上)
    inclusive: bool = False   # 含本数, （含50人）


def read_amounts(line: Line) -> list[AmountCandidate]:
    """Every amount on one line, in order."""
    found = []
    text = line.text
    for match in _AMOUNT.finditer(text):
        unit = match.group("unit")
        value = Decimal(match.group("value"))
        if unit == "年" and (len(match.group("value")) == 4 or "." in match.group("value")):
            continue  # a year (2019年), not a term
        if unit == "万元":
            value, unit = value * 10000, "元"
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        if unit == "％":
            unit = "%"
        clause_start = max(text.rfind(mark, 0, match.start()) for mark in "，。；,;：:")
        before = text[max(clause_start + 1, match.start() - _BEFORE_WINDOW):match.start()]
        after = text[match.end():match.end() + 12]
        per = match.group("per") or next((word for word in _PERS if word in before), None)
        bound = None
        if any(word in before for word in _AT_MOST) or after.startswith(("以下", "以内")):
            bound = "at_most"
        elif any(word in before for word in _AT_LEAST) or after.startswith("以上"):
            bound = "at_least"
        inclusive = "含本数" in after or bool(re.match(rf"(?:以上|以下)?[（(]含{re.escape(match.group('value'))}", after))
        start = match.start()
        for word in sorted((*_PERS, *_AT_MOST, *_AT_LEAST), key=len, reverse=True):
            at = before.rfind(word)
            if at >= 0:
                start = min(start, match.start() - len(before) + at)
        found.append(AmountCandidate(line.number, text[start:match.end()], value, unit,
                                     Decimal(match.group("low")) if match.group("low") else None, per, bound,
                                     inclusive))
    return found
