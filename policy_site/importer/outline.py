"""A document read from its text, and its outline (the JSON of ``policy-site outline`` / ``import --json``).

The outline's keys and their order are fixed by the documents contract: id, number, title,
issuers, signed, in_force_from, expires, repeals, status, sections, annexes, unplaced_lines.
``status`` is computed on a date the caller gives (the data date), never on the clock.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from .agencies import AgencyMarker, read_agencies
from .amounts import AmountCandidate, read_amounts
from ..data.structure.errors import TextProblem
from ..data.structure.issuers import issuers
from .life import Life, read_life
from ..data.structure.reader import Structure, read_structure
from ..data.structure.titles import plain_title

DOC_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DOC_ID_EXAMPLE = "guangzhou-2019-internship-bases"


def doc_id_problem(doc_id: str) -> TextProblem | None:
    """Why ``doc_id`` cannot be a document's id (lowercase ASCII letters, digits, hyphens); None when it can."""
    if DOC_ID.fullmatch(doc_id):
        return None
    return TextProblem(0, f"文档编号“{doc_id}”不可用：只能用小写英文字母、数字和连字符（-），不能以连字符开头或结尾，"
                          f"例如 {DOC_ID_EXAMPLE}。",
                       f"The document id '{doc_id}' cannot be used: only lowercase ASCII letters, digits and hyphens "
                       f"(-), not starting or ending with a hyphen, e.g. {DOC_ID_EXAMPLE}.")


@dataclass
class Document:
    """Everything read from one source text: its structure, life, issuers, agency markers, amounts."""

    id: str | None
    structure: Structure
    life: Life
    issuers: list[str]
    agencies: list[AgencyMarker] = field(default_factory=list)
    amounts: list[AmountCandidate] = field(default_factory=list)
    notes: list[TextProblem] = field(default_factory=list)

    @property
    def number(self) -> str | None:
        number = self.structure.notice.number
        return number.text if number else None

    @property
    def title(self) -> str | None:
        notice = self.structure.notice
        if notice.wrapped_title:
            return notice.wrapped_title
        if self.structure.title_line is not None:
            return plain_title(self.structure.title_line.text)
        return notice.title  # a notice that is itself the document

    @property
    def signed(self) -> dt.date | None:
        return self.structure.notice.signed


def read_document(text: str, doc_id: str | None = None) -> Document:
    """Read a source text; :class:`~.errors.TextNotStructured` when its structure cannot be read."""
    structure = read_structure(text)
    notice = structure.notice
    own_lines = [*notice.body, *structure.preamble,
                 *(line for clause in structure.clauses for line in clause.lines)]
    life = read_life(own_lines, notice.signed)
    document = Document(doc_id, structure, life, issuers(notice.issuers_on_line, notice.signature_bodies))
    for clause in structure.clauses:
        for line in clause.lines:
            if marker := read_agencies(line):
                document.agencies.append(marker)
            document.amounts += read_amounts(line)
    document.notes += structure.notes + life.notes
    if notice.number is not None and not notice.number.standard:
        line = notice.number_line.number if notice.number_line else 0
        document.notes.append(TextProblem(
            line, f"文号“{notice.number.text}”用的是 {notice.number.brackets} 而不是六角括号〔〕：按原样保留，请按原件核对。",
            f"The document number '{notice.number.text}' uses {notice.number.brackets} instead of 〔〕: it is kept "
            "as written; check it against the original."))
    for line in structure.unplaced:
        document.notes.append(TextProblem(
            line.number, "这一行没有位置（不在任何一条之内，例如部分标题与第一条之间的一段）：请核对原文的编号，或把它并入相邻的一条。",
            "This line has no place (it is in no clause, e.g. a paragraph between a heading and its first clause): "
            "check the text's numbering, or join it to the clause next to it."))
    return document


def status(in_force_from: dt.date | None, expires: dt.date | None, as_of: dt.date) -> str:
    """not_yet before in_force_from, expired after expires, else in_force (both days included; a side with no
    date is open); no_dates when the text gives neither."""
    if in_force_from is None and expires is None:
        return "no_dates"
    if in_force_from is not None and as_of < in_force_from:
        return "not_yet"
    if expires is not None and as_of > expires:
        return "expired"
    return "in_force"


def outline(document: Document, as_of: dt.date) -> dict[str, Any]:
    """The outline object of the documents contract, keys in its order."""
    life = document.life
    structure = document.structure

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": document.id,
        "number": document.number,
        "title": document.title,
        "issuers": list(document.issuers),
        "signed": day(document.signed),
        "in_force_from": day(life.in_force_from),
        "expires": day(life.expires),
        "repeals": [{"number": r.number, "title": r.title} for r in life.repeals],
        "status": status(life.in_force_from, life.expires, as_of),
        "sections": [
            {"id": section.id, "heading": section.heading,
             "clauses": [{"id": clause.id, "label": clause.label, "lines": len(clause.lines),
                          "items": [item.id for item in clause.items]} for clause in section.clauses]}
            for section in structure.sections],
        "annexes": structure.annexes,
        "unplaced_lines": [line.number for line in structure.unplaced],
    }
