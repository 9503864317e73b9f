"""The library: the top-level document (``document.yaml`` + ``sections/``, read by the loader as
today) and every imported document in ``DIR/documents/<id>/``, read here into typed objects.

An imported document is the importer's draft format (/work/notes/library-layout.md): a
``document.yaml`` with its life (number, issuers, signed, in force from, expires, what it
implements, repeals and was repealed by) and ``sections/<n>.yaml`` with its clauses (ids ``5``,
``5.1``, ``2.7``; a title that may be null; ``text.zh`` verbatim, ``text.en`` once written). A draft
is valid: what staff still have to write is a warning, never a problem. Every document is checked
line by line against its ``source.zh.txt`` (``data.document_check``) here, for the build and for
``policy-site check`` alike: a text that differs from its source stops both.

Folders whose name starts with a dot are the importer's staging; ``review.md`` is never read.
A library without a ``documents/`` folder is a library of one: nothing here changes it. A library
may also be made only of ``documents/`` (no top-level document.yaml, sections/ or source.zh.txt): the
loader then gives a ``Policy`` whose ``document`` is None, and its documents are all there is.

    read_documents(loaded)          # a check of the loader (loader._Loaded.CROSS_CHECKS)
    status(document, on)            # not_yet / in_force / expired / no_dates on the data date
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, create_model, model_validator

from . import languages, model_finder, model_rules
from .document_check import check_document
from .errors import DataProblem
from .library_files import DOCUMENT_FILE, DOCUMENTS, SECTIONS
from .model import Validity
from .model_base import (CLAUSE_TEXT_MAX, NOT_BLANK, Id, Model, NonEmpty, Paragraph, SectionId, _Translated,
                         bilingual_errors)

DOCUMENT_FILES = (f"{DOCUMENTS}/*/{DOCUMENT_FILE}", f"{DOCUMENTS}/*/{SECTIONS}/*.yaml",
                  f"{DOCUMENTS}/*/source.zh.txt", f"{DOCUMENTS}/*/review.md")
"""The files of the library's documents (the loader's EXTRA_FILES: read here, not by its FILE_MODELS)."""
SECTION_FILES = f"{DOCUMENTS}/*/{SECTIONS}/*.yaml"
"""The key of the documents' section files in the loader's ``files`` (each read, with its YAML document)."""

ANNEX_MAX = 500_000
"""An annex with its forms, as rows (the Guangzhou annex: 4,000 characters)."""

Status = Literal["not_yet", "in_force", "expired", "no_dates"]
STATUS_ORDER: dict[str, int] = {"in_force": 0, "not_yet": 1, "no_dates": 2, "expired": 3}
"""The home page's order: in force first, then not yet and undated, then ended."""

DocId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=100)]
DraftClauseId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*(\.[1-9][0-9]*)?$", max_length=9)]
ItemId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*(\.[1-9][0-9]*){1,2}$", max_length=14)]


def _string(max_length: int) -> Any:
    return Annotated[str, StringConstraints(min_length=1, max_length=max_length, pattern=NOT_BLANK)]


def _pending_text(name: str, doc: str, string: Any) -> Any:
    """A text whose Chinese is there and whose every other language may still be pending (a draft)."""
    others = {lang.code: (string | None, Field(default=None, description=f"{lang.name} ({lang.code}), optional"))
              for lang in languages.ALL if lang.code != languages.SOURCE}
    return create_model(name, __base__=_Translated, __doc__=doc, __module__=__name__,
                        zh=(string, Field(description="Chinese, verbatim from the source / 中文原文")), **others)


DraftLabel = _pending_text("DraftLabel", "A name or title; its English pending until written.", _string(500))
DraftParagraph = _pending_text("DraftParagraph", "A paragraph; its English pending until written.", Paragraph)
DraftClauseText = _pending_text("DraftClauseText", "A clause's or a part's text, its lines joined with a line break.",
                                _string(CLAUSE_TEXT_MAX))


class Annexes(Model):
    count: int = Field(ge=0)
    zh: _string(ANNEX_MAX)
    en: _string(ANNEX_MAX) | None = None


class LifeRef(Model):
    """Another document: by its number and title as the text gives them, or by its id in the library."""

    id: DocId | None = None
    number: NonEmpty | None = None
    title: DraftLabel | None = None

    @model_validator(mode="before")
    @classmethod
    def _library_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Structure(Model):
    shape: Literal["chapters", "articles", "sections", "list"]
    headings: NonEmpty | None = None
    clauses: NonEmpty | None = None
    items: NonEmpty | None = None


class ImportedDocument(Model):
    """DIR/documents/<id>/document.yaml"""

    id: DocId
    draft: bool = True
    title: DraftLabel | None = None
    number: NonEmpty | None = None
    issuers: tuple[DraftLabel, ...] = ()
    signed: dt.date | None = None
    in_force_from: dt.date | None = None
    expires: dt.date | None = None
    implements: tuple[LifeRef, ...] = ()
    repeals: tuple[LifeRef, ...] = ()
    repealed_by: tuple[LifeRef, ...] = ()
    structure: Structure | None = None
    notice: DraftClauseText | None = None
    title_line: DraftLabel | None = None
    preamble: DraftClauseText | None = None
    annexes: Annexes | None = None
    footer: DraftClauseText | None = None
    summary: DraftParagraph | None = None


class Item(Model):
    id: ItemId
    number: NonEmpty


class DraftClause(Model):
    id: DraftClauseId
    number: NonEmpty
    title: DraftLabel | None = None
    text: DraftClauseText
    items: tuple[Item, ...] = ()
    summary: DraftParagraph | None = None
    audiences: tuple[Id, ...] = ()
    lead_agencies: tuple[Id, ...] = ()
    assisting_agencies: tuple[Id, ...] = ()
    funding: tuple[Id, ...] = ()
    validity: Validity | None = None
    measures: tuple[model_finder.Measure, ...] = ()
    calculators: tuple[Id, ...] = ()
    calculator_rules: tuple[model_rules.CalculatorRules, ...] = Field(
        default=(), description="calculators written as data, as in a top-level clause (each id also in calculators)")

    @model_validator(mode="after")
    def _calculators_agree_with_text(self) -> DraftClause:
        issues = model_rules.clause_issues(self)  # each listed in calculators, every quote in text.zh
        if issues:
            raise bilingual_errors(issues)
        return self


class DraftSection(Model):
    """DIR/documents/<id>/sections/<n>.yaml"""

    id: SectionId
    number: NonEmpty | None = None
    title: DraftLabel | None = None
    text: DraftClauseText | None = None
    clauses: tuple[DraftClause, ...] = Field(min_length=1)


@dataclass(frozen=True)
class LibraryDocument:
    """An imported document: its document.yaml and its sections, in order."""

    meta: ImportedDocument
    sections: tuple[DraftSection, ...]

    @property
    def id(self) -> str:
        return self.meta.id

    @cached_property
    def clauses(self) -> tuple[DraftClause, ...]:
        return tuple(c for s in self.sections for c in s.clauses)

    @cached_property
    def section_of(self) -> dict[str, DraftSection]:
        return {c.id: s for s in self.sections for c in s.clauses}

    def status(self, on: dt.date) -> Status:
        return status(self.meta.in_force_from, self.meta.expires, on)


def status(in_force_from: dt.date | None, expires: dt.date | None, on: dt.date) -> Status:
    """On ``on``: ``not_yet`` before the first day, ``expired`` after the last, else ``in_force`` (both days
    included; a side without a date is open); ``no_dates`` when neither is given."""
    if in_force_from is None and expires is None:
        return "no_dates"
    if in_force_from is not None and on < in_force_from:
        return "not_yet"
    if expires is not None and on > expires:
        return "expired"
    return "in_force"


def document_folders(data_dir: Path) -> list[Path]:
    """Every folder of ``DIR/documents/``, by name, with or without its document.yaml; dot-folders
    (the importer's staging) left out."""
    folder = data_dir / DOCUMENTS
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)


def document_dirs(data_dir: Path) -> list[Path]:
    """Every ``DIR/documents/<id>/`` holding a document.yaml, by id (``document_folders``)."""
    return [p for p in document_folders(data_dir) if (p / DOCUMENT_FILE).is_file()]


def read_documents(loaded: Any) -> None:
    """A check of the loader: read each document of ``DIR/documents/`` into ``loaded.documents``
    (each file's problems with its file and line, through the loader's own reading); a document
    with a problem is left out (the problem stops the build)."""
    documents = []
    _without_document_file(loaded)
    for doc_dir in document_dirs(loaded.data_dir):
        _against_source(loaded, doc_dir)
        meta = loaded._read_one(doc_dir / DOCUMENT_FILE, ImportedDocument)
        if meta is not None and meta.valid and meta.obj.id != doc_dir.name:
            continue  # a problem of the check against the source (never two pages at one address)
        paths = sorted((doc_dir / SECTIONS).glob("*.yaml"), key=lambda p: (not p.stem.isdigit(), int(p.stem)
                                                                           if p.stem.isdigit() else 0, p.stem))
        sections = [loaded._read_one(path, DraftSection) for path in paths]
        loaded.files.setdefault(SECTION_FILES, []).extend(s for s in sections if s is not None)  # rules_checks
        if meta is None or not meta.valid or not all(s is not None and s.valid for s in sections):
            continue
        if not sections:
            loaded.report(meta.doc, ("id",), f"文档“{meta.obj.id}”没有任何部分（sections/ 下没有文件）：请重新导入原文。",
                          f"The document '{meta.obj.id}' has no sections (no file in sections/): import its text "
                          "again.")
            continue
        documents.append(LibraryDocument(meta.obj, tuple(sorted((s.obj for s in sections), key=lambda s: int(s.id)))))
    loaded.documents = tuple(documents)


def _against_source(loaded: Any, doc_dir: Path) -> None:
    """The document's every line compared with its source (``check_document``): its problems stop the
    build, its warnings are said; each file named as the loader names it (``policy_data/documents/…``)."""
    problems, warnings = check_document(doc_dir, loaded.data_dir)
    named = f"{loaded.data_dir.name}/"
    loaded.problems += [replace(p, file=named + p.file) for p in problems]
    loaded.warnings += [replace(w, file=named + w.file) for w in warnings]


def _without_document_file(loaded: Any) -> None:
    """A folder of ``documents/`` without a document.yaml would be skipped silently: say so."""
    for path in document_folders(loaded.data_dir):
        if not (path / DOCUMENT_FILE).is_file():
            loaded.problems.append(DataProblem(
                loaded.name(path), 0, "",
                f"文件夹 {loaded.name(path)} 中没有 {DOCUMENT_FILE}，其中的内容不会发布：请用 policy-site import 重新导入，"
                "或删除这个文件夹。",
                f"The folder {loaded.name(path)} has no {DOCUMENT_FILE}, so nothing in it would be published: import "
                "the text again with policy-site import, or remove the folder."))
