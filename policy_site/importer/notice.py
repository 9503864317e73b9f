"""The notice before a document, read in the contract's order where present: the document number line;
a line of issuers; the notice's title (关于 … 通知, joined when wrapped); the addressee (…：); the
notice's own body; the signatures; the signing date (a line of its own)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import NotADate, read_date_line
from .doc_numbers import DocumentNumber, read_number_line
from .errors import TextProblem
from .issuers import looks_like_bodies, split_bodies
from .lines import Kind, Line, classify, is_sentence
from .titles import document_title, notice_title

_STRUCTURAL = {Kind.CHAPTER, Kind.ARTICLE, Kind.SECTION, Kind.CLAUSE}


@dataclass
class Notice:
    """What the notice says; ``end`` is the index (into the text's non-blank lines) of the first line after it."""

    end: int = 0
    number: DocumentNumber | None = None
    number_line: Line | None = None
    issuer_line: Line | None = None
    title: str | None = None              # the notice's title, joined
    title_lines: list[Line] = field(default_factory=list)
    addressee: Line | None = None
    body: list[Line] = field(default_factory=list)
    signatures: list[Line] = field(default_factory=list)
    signed: dt.date | None = None
    date_line: Line | None = None
    problems: list[TextProblem] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        found = [self.number_line, self.issuer_line, *self.title_lines, self.addressee, *self.body,
                 *self.signatures, self.date_line]
        return sorted((line for line in found if line is not None), key=lambda line: line.number)

    @property
    def wrapped_title(self) -> str | None:
        """The title of the document the notice issues (关于印发X的通知 → X), if it issues one."""
        return document_title(self.title) if self.title else None

    @property
    def issuers_on_line(self) -> list[str]:
        return split_bodies(self.issuer_line.text) if self.issuer_line else []

    @property
    def signature_bodies(self) -> list[str]:
        return [body for line in self.signatures for body in split_bodies(line.text)]


def read_notice(lines: list[Line]) -> Notice:
    """The notice at the start of ``lines``; a Notice with ``end`` 0 (or 1, a number line alone) when there is none."""
    notice = Notice()
    index = 0
    if lines and (number := read_number_line(lines[0].text)):
        notice.number, notice.number_line, index = number, lines[0], 1
    title = notice_title(lines, index) if index < len(lines) else None
    if title is None and index + 1 < len(lines) and looks_like_bodies(lines[index].text):
        title = notice_title(lines, index + 1)
        if title is not None:
            notice.issuer_line, index = lines[index], index + 1
    if title is None:
        notice.end = index
        return notice
    notice.title, last = title
    notice.title_lines = lines[index:last + 1]
    index = last + 1
    if index < len(lines) and lines[index].text.endswith(("：", ":")) and "。" not in lines[index].text \
            and classify(lines[index]).kind is Kind.TEXT:
        notice.addressee, index = lines[index], index + 1
    first_structural = next((i for i in range(index, len(lines)) if classify(lines[i]).kind in _STRUCTURAL), len(lines))
    date_index = None
    for i in range(index, first_structural):
        try:
            signed = read_date_line(lines[i].text)
        except NotADate:
            notice.problems.append(TextProblem(
                lines[i].number, f"“{lines[i].text}”不是一个存在的日期：请按原件改正成文日期。",
                f"'{lines[i].text}' is not a date that exists: correct the signing date from the original."))
            signed = None
        if signed is not None:
            notice.signed, notice.date_line, date_index = signed, lines[i], i
            break
    if date_index is None:  # no signing date before the document: only the notice's head is certain
        notice.end = index
        return notice
    first_signature = date_index
    while first_signature - 1 >= index and looks_like_bodies(lines[first_signature - 1].text) \
            and not is_sentence(lines[first_signature - 1].text):
        first_signature -= 1
    notice.body = lines[index:first_signature]
    notice.signatures = lines[first_signature:date_index]
    notice.end = date_index + 1
    return notice
