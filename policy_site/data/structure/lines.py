"""What one line of a source text is, by its own shape alone (its place is decided by ``structure``).

A source text is one paragraph a line; blank lines carry nothing. Each numbered line is read
with its number as written (its ``label``) and the number's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..numerals import NUMERAL, parse_numeral

SENTENCE_PUNCTUATION = "，。；！？,;!?"
"""A line with one of these is a sentence, never a title, an issuer or a group heading."""


class Kind(Enum):
    CHAPTER = "chapter"          # 第一章  总则
    ARTICLE = "article"          # 第一条 为加强……
    SECTION = "section"          # 一、支持企业发展稳定就业 (a heading, or a list's item)
    CLAUSE = "clause"            # （一）帮扶困难企业稳定就业岗位……
    POINT = "point"              # （1）…, 1.…, 1．…, 1、… inside a clause
    ANNEX = "annex"              # 附件：…, 附件, 附件1
    FOOTER = "footer"            # 公开方式：…, 抄送：…, ……印发
    TEXT = "text"                # anything else


@dataclass(frozen=True)
class Line:
    """One non-blank line of the source: its 1-based line number in the file and its text as written."""

    number: int
    text: str


@dataclass(frozen=True)
class Classified:
    line: Line
    kind: Kind
    value: int | None = None     # the number's value: 23 for 第二十三条, 2 for （二）, 3 for 3.
    label: str = ""              # the number as written: 第二十三条, （二）, 七、, 3.
    rest: str = ""               # the words after the number (a heading's title)


# Spaces inside a number (第 一 条, （ 一）) are copies from PDF pages: read, and kept as written in the label.
_CHAPTER = re.compile(rf"^第\s*({NUMERAL})\s*章(?:\s+(.*))?$")
_ARTICLE = re.compile(rf"^第\s*({NUMERAL})\s*条(?=\s|$)")
_ARTICLE_TIGHT = re.compile(rf"^第\s*({NUMERAL})\s*条")
_SECTION = re.compile(rf"^({NUMERAL})\s*、")
_CLAUSE = re.compile(rf"^[（(]\s*({NUMERAL})\s*[）)]")
_POINT_PAREN = re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]")
_POINT_DOT = re.compile(r"^(\d{1,3})(?:[.．](?!\d)|、)")
_ANNEX = re.compile(r"^附\s*件")
_FOOTER = re.compile(r"^(公开方式|抄送)|印发$")


def classify(line: Line) -> Classified:
    """The kind of ``line`` by its start (and, for a footer, its end)."""
    text = line.text.strip()
    if match := _CHAPTER.match(text):
        if (value := parse_numeral(match.group(1))) is not None:
            label = text[:text.index("章") + 1]
            return Classified(line, Kind.CHAPTER, value, label, (match.group(2) or "").strip())
    if match := _ARTICLE.match(text):
        if (value := parse_numeral(match.group(1))) is not None:
            return Classified(line, Kind.ARTICLE, value, match.group(0), text[match.end():].strip())
    if match := _SECTION.match(text):
        if (value := parse_numeral(match.group(1))) is not None:
            return Classified(line, Kind.SECTION, value, match.group(0), text[match.end():].strip())
    if match := _CLAUSE.match(text):
        if (value := parse_numeral(match.group(1))) is not None:
            return Classified(line, Kind.CLAUSE, value, match.group(0), text[match.end():].strip())
    for pattern in (_POINT_PAREN, _POINT_DOT):
        if match := pattern.match(text):
            return Classified(line, Kind.POINT, int(match.group(1)), match.group(0), text[match.end():].strip())
    if _ANNEX.match(text):
        return Classified(line, Kind.ANNEX)
    if _FOOTER.search(text):
        return Classified(line, Kind.FOOTER)
    return Classified(line, Kind.TEXT)


def tight_article(line: Line) -> int | None:
    """The value of 第N条 written without a space after it (第一条为加强……), which may also be a sentence
    that begins with a reference (第五条所列……): the structure reader decides by the numbering."""
    match = _ARTICLE_TIGHT.match(line.text.strip())
    return parse_numeral(match.group(1)) if match else None


def is_sentence(text: str) -> bool:
    return any(ch in SENTENCE_PUNCTUATION for ch in text)


def source_lines(text: str) -> list[Line]:
    """The non-blank lines of a text with their 1-based line numbers, without the whitespace around a paragraph
    (its indentation) and without a byte order mark at the start; blank lines are never places."""
    text = text.removeprefix("\ufeff")
    return [Line(number, raw.strip()) for number, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
