"""A document's life as its text says it: in force from, expires, and what it repeals.

    自2023年9月8日起施行，有效期3年   → 2023-09-08 .. 2026-09-07
    自印发之日起施行，有效期5年       → from the signing date, five years
    有效期至2025年12月31日            → to that day
    《…关于印发〈X〉的通知》（穗人社发〔2015〕27号）同时废止  → repeals X, 穗人社发〔2015〕27号

Where the text gives neither a start nor an end, both are None (the outline's ``no_dates``):
nothing is invented, and a signing date alone does not date a document's life.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..data.structure.dates import DATE, NotADate, read_date, term_end
from ..data.structure.doc_numbers import find_numbers
from ..data.structure.errors import TextProblem
from ..data.structure.lines import Line
from ..data.numerals import NUMERAL, parse_numeral
from ..data.structure.titles import document_title, plain_title

_TAKES_EFFECT = r"起(?:施行|实施|执行|生效)(?=[，。；,;、]|$)"
_START_DATE = re.compile(rf"自\s*({DATE})\s*{_TAKES_EFFECT}")
_START_SIGNED = re.compile(rf"自印发之日{_TAKES_EFFECT}")
_ABOUT_THE_DOCUMENT = re.compile(r"^(?:本|有效期)|施行|实施|执行|生效")
"""A term (有效期…) is the document's own when its sentence starts with 本 (本办法, 本通知 …) or with 有效期, or
says when the document takes effect; 认定资格有效期3年 is a term of something else."""
_SENTENCES = re.compile(r"[^。；;]+")
_TERM = re.compile(rf"有效期(?:为)?(\d{{1,2}}|{NUMERAL})年")
_UNTIL = re.compile(rf"有效期(?:至|到)\s*({DATE})")
_FROM_TO = re.compile(rf"有效期(?:为|自)?\s*({DATE})\s*(?:起)?\s*至\s*({DATE})")
_REPEAL = "废止"
_REPEALED = re.compile(r"《(?P<title>(?:[^《》〈〉]|〈[^〈〉]*〉)+)》\s*(?:[（(](?P<ref>[^（）()]+)[）)])?")


@dataclass(frozen=True)
class Repealed:
    number: str | None
    title: str | None


@dataclass
class Life:
    in_force_from: dt.date | None = None
    expires: dt.date | None = None
    repeals: list[Repealed] = field(default_factory=list)
    from_signing: bool = False                # 自印发之日起: the start is the signing date
    term_years: int | None = None
    lines: list[int] = field(default_factory=list)    # where the text says it
    notes: list[TextProblem] = field(default_factory=list)  # for staff: what could not be dated, and why


def read_life(lines: list[Line], signed: dt.date | None) -> Life:
    """The life the ``lines`` state (the document's own lines: preamble, clauses; the notice's body)."""
    life = Life()
    for line in lines:
        _read_line(life, line, signed)
    if life.term_years is not None and life.expires is None:
        if life.in_force_from is not None:
            life.expires = term_end(life.in_force_from, life.term_years)
        else:
            life.notes.append(TextProblem(
                life.lines[-1] if life.lines else 0,
                f"原文写明有效期 {life.term_years} 年，但没有写从哪一天起施行：失效日期空着，请工作人员按原件补上。",
                f"The text gives a term of {life.term_years} years but no day it takes effect: the end date is left "
                "empty for staff to fill in from the original."))
    return life


def _read_line(life: Life, line: Line, signed: dt.date | None) -> None:
    for sentence in _SENTENCES.findall(line.text):
        _read_sentence(life, line, sentence.strip(), signed)
    if _REPEAL in line.text:
        life.repeals += _repealed(line.text)
        if line.number not in life.lines:
            life.lines.append(line.number)


def _read_sentence(life: Life, line: Line, text: str, signed: dt.date | None) -> None:
    about_document = bool(_ABOUT_THE_DOCUMENT.search(text))
    try:
        if (match := _FROM_TO.search(text)) and about_document:
            _set(life, "in_force_from", read_date(match.group(1)), line)
            _set(life, "expires", read_date(match.group(2)), line)
        if match := _START_DATE.search(text):
            _set(life, "in_force_from", read_date(match.group(1)), line)
        if (match := _UNTIL.search(text)) and about_document:
            _set(life, "expires", read_date(match.group(1)), line)
    except NotADate as exc:
        life.notes.append(TextProblem(line.number, f"“{exc}”不是一个存在的日期：请按原件核对。",
                                      f"'{exc}' is not a date that exists: check it against the original."))
    if _START_SIGNED.search(text):
        life.from_signing = True
        if signed is None:
            life.notes.append(TextProblem(
                line.number, "原文写明“自印发之日起施行”，但找不到成文日期（通知末尾单独一行的日期）：施行日期空着。",
                "The text says it takes effect on the day it was issued (自印发之日起施行) but gives no signing date "
                "(a date on a line of its own at the end of the notice): the start is left empty."))
        else:
            _set(life, "in_force_from", signed, line)
    if (match := _TERM.search(text)) and about_document and not _UNTIL.search(text):
        years = int(match.group(1)) if match.group(1).isdigit() else parse_numeral(match.group(1))
        if years:
            life.term_years = years
            if line.number not in life.lines:
                life.lines.append(line.number)


def _set(life: Life, name: str, value: dt.date | None, line: Line) -> None:
    if value is None:
        return
    current = getattr(life, name)
    if current is not None and current != value:
        life.notes.append(TextProblem(
            line.number, f"原文给出了两个不同的日期（{current.isoformat()} 和 {value.isoformat()}）：采用第一个，请核对。",
            f"The text gives two different dates ({current.isoformat()} and {value.isoformat()}): the first is "
            "used; please check."))
        return
    setattr(life, name, value)
    if line.number not in life.lines:
        life.lines.append(line.number)


def _repealed(text: str) -> list[Repealed]:
    """The documents a sentence repeals: each 《title》 with its （number）, or a number alone."""
    found: list[Repealed] = []
    for sentence in re.split(r"[。；;]", text):
        if _REPEAL not in sentence:
            continue
        before = sentence[:sentence.rindex(_REPEAL)]
        titled = False
        for match in _REPEALED.finditer(before):
            titled = True
            numbers = find_numbers(match.group("ref") or "")
            title = match.group("title")
            found.append(Repealed(numbers[0].text if numbers else None, document_title(title) or plain_title(title)))
        if not titled:
            found += [Repealed(number.text, None) for number in find_numbers(before)]
    return found
