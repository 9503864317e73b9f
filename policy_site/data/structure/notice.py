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
from .titles import document_title, notice_title, plain_title

_STRUCTURAL = {Kind.CHAPTER, Kind.ARTICLE, Kind.SECTION, Kind.CLAUSE}


@dataclass
class Notice:
    """What the notice says; ``end`` is the index (into the text's non-blank lines) of the first line after it."""

    end: int = 0
    header_line: Line | None = None       # 广州市人力资源和社会保障局文件 (the red head above the number)
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
        found = [self.header_line, self.number_line, self.issuer_line, *self.title_lines, self.addressee, *self.body,
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
    if len(lines) > 1 and _is_header(lines[0].text) and read_number_line(lines[1].text):
        notice.header_line, index = lines[0], 1
    if index < len(lines) and (number := read_number_line(lines[index].text)):
        notice.number, notice.number_line, index = number, lines[index], index + 1
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
    boundary = _document_start(lines, index, document_title(notice.title))
    date_index = None
    for i in range(index, boundary):
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
    repeated_title = boundary < len(lines) and classify(lines[boundary]).kind not in _STRUCTURAL
    if date_index is None and not repeated_title:
        notice.end = index  # no signing date and no title before the document: only the notice's head is certain
        return notice
    stop = date_index if date_index is not None else boundary
    first_signature = stop
    while first_signature - 1 >= index and looks_like_bodies(lines[first_signature - 1].text):
        first_signature -= 1
    notice.body = lines[index:first_signature]
    notice.signatures = lines[first_signature:stop]
    notice.end = date_index + 1 if date_index is not None else boundary
    return notice


def _is_header(text: str) -> bool:
    """The red head of an official document: 广州市人力资源和社会保障局文件, 拉萨市人民政府办公室文件."""
    return text.endswith("文件") and not is_sentence(text) and len(text) <= 40


def _document_start(lines: list[Line], start: int, wrapped: str | None) -> int:
    """Where the document begins after the notice's head: the line that repeats the title the notice wraps,
    else the first numbered line (the notice ends before either)."""
    for i in range(start, len(lines)):
        if wrapped is not None and plain_title(lines[i].text) == wrapped:
            return i
        if classify(lines[i]).kind in _STRUCTURAL:
            return i
    return len(lines)


def take_closing_signatures(notice: Notice, lines: list[Line]) -> int:
    """A notice that is itself the document is signed at its end: when ``lines`` (the last clause's) end with a
    date on a line of its own, after any lines of bodies, those are the notice's signatures and signing date.
    The number of lines taken from the end (0 when there is no such block or the notice is dated already)."""
    if notice.date_line is not None or len(lines) < 2:
        return 0
    try:
        signed = read_date_line(lines[-1].text)
    except NotADate:
        return 0
    if signed is None:
        return 0
    first = len(lines) - 1
    while first - 1 >= 1 and looks_like_bodies(lines[first - 1].text):
        first -= 1
    notice.signatures, notice.date_line, notice.signed = list(lines[first:-1]), lines[-1], signed
    return len(lines) - first
