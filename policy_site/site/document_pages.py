"""The pages of the library's imported documents (``data.library``): one page a document
(``documents/<id>/``: its life, status, what it repeals and implements, its clauses, annexes and
timeline) and one page a clause (``documents/<id>/clauses/<clause-id>/``), and what the home page
lists of the library. The site map (``sitemap.SiteMap``) makes these pages and their paths.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..data.library import STATUS_ORDER, DraftClause, DraftSection, LibraryDocument, LifeRef
from .pages import Page

STATUS_CLASS = {"in_force": "in_force", "not_yet": "not_yet", "expired": "expired", "no_dates": "none"}
"""A document's status as the class of the clause validity badge (``policy-status--<class>``)."""


@dataclass(frozen=True)
class StatusView:
    """A document's status on the data date, as its badge says it."""

    status: str
    key: str
    """The UI string of the badge (``doc_status_expired``)."""
    css: str
    start: dt.date | None
    end: dt.date | None


def status_view(document: LibraryDocument, on: dt.date) -> StatusView:
    meta = document.meta
    status = document.status(on)
    key = "doc_status_in_force_until" if status == "in_force" and meta.expires else f"doc_status_{status}"
    return StatusView(status, key, STATUS_CLASS[status], meta.in_force_from, meta.expires)


@dataclass(frozen=True)
class Related:
    """Another document named by this one's life: as the text names it, and its library document if any."""

    ref: LifeRef
    document: LibraryDocument | None


def _find(site: Any, ref: LifeRef) -> LibraryDocument | None:
    for other in site.documents:
        if (ref.id and ref.id == other.id) or (ref.number and ref.number == other.meta.number):
            return other
    return None


def related(site: Any, document: LibraryDocument) -> dict[str, list[Related]]:
    """What it implements, repeals and was repealed by; "repealed by" also lists every library
    document whose own ``repeals`` names this one (by number or id)."""
    meta = document.meta
    found = {key: [Related(ref, _find(site, ref)) for ref in getattr(meta, key)]
             for key in ("implements", "repeals", "repealed_by")}
    named = {r.document.id for r in found["repealed_by"] if r.document}
    for other in site.documents:
        if other.id in named or other.id == document.id:
            continue
        if any((ref.id == document.id) or (ref.number and ref.number == meta.number) for ref in other.meta.repeals):
            found["repealed_by"].append(Related(LifeRef(id=other.id, number=other.meta.number,
                                                        title=other.meta.title), other))
    return found


def timeline(document: LibraryDocument, on: dt.date) -> list[tuple[dt.date, str]]:
    """The document's dates and the data date, in order: ``(date, UI string key)``."""
    meta = document.meta
    events = [(day, f"doc_event_{key}") for key, day in
              (("signed", meta.signed), ("in_force_from", meta.in_force_from), ("expires", meta.expires)) if day]
    events.append((on, "doc_event_data_date"))
    return sorted(events, key=lambda event: event[0])


TOP_LEVEL_STATUS = StatusView("no_dates", "doc_status_no_dates", STATUS_CLASS["no_dates"], None, None)
"""The top-level document's: its document.yaml gives no dates of its life (its clauses have their own)."""


def library_listing(site: Any) -> list[tuple[LibraryDocument | None, StatusView]]:
    """Every document of the library for the home page (None: the top-level one, when there is one), in
    force first, then not yet in force and undated, then ended; in the library's order within each."""
    listed = [(None, TOP_LEVEL_STATUS)] if site.policy.document is not None else []
    listed += [(document, status_view(document, site.data_date)) for document in site.documents]
    return sorted(listed, key=lambda item: STATUS_ORDER[item[1].status])


@dataclass(frozen=True)
class LibraryEntry:
    """A clause of a library document in a list across documents (an audience's, agency's or funding
    source's page): the clause, its document and that document's status on the data date."""

    document: LibraryDocument
    clause: DraftClause
    status: StatusView


NAMED_BY = {"audience": "audiences", "lead": "lead_agencies", "assist": "assisting_agencies", "funding": "funding"}
"""What an index lists (the keys of ``SiteInputs.clauses_by``) and the clause field that names it."""


def library_clauses(site: Any, key: str, ident: str | None) -> list[LibraryEntry]:
    """The library documents' clauses that name ``ident`` in their ``NAMED_BY[key]`` field (``ident`` None:
    that name none, as the page of the clauses without a funding source lists them), in the library's
    order and each document's own; [] in a library of one (its index pages as today)."""
    field_name = NAMED_BY[key]
    return [LibraryEntry(document, clause, status_view(document, site.data_date))
            for document in site.documents for clause in document.clauses
            if (ident in getattr(clause, field_name) if ident is not None else not getattr(clause, field_name))]


@dataclass(frozen=True)
class DocumentPage(Page):
    template: ClassVar[str] = "document.md.j2"
    document: LibraryDocument = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        site = renderer.site
        return {"document": self.document, "status": status_view(self.document, site.data_date),
                "related": related(site, self.document), "timeline": timeline(self.document, site.data_date)}


@dataclass(frozen=True)
class DocumentClausePage(Page):
    template: ClassVar[str] = "document_clause.md.j2"
    document: LibraryDocument = field(compare=False, repr=False, default=None)
    clause: DraftClause = field(compare=False, repr=False, default=None)
    section: DraftSection = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        return {"document": self.document, "clause": self.clause, "section": self.section,
                "status": status_view(self.document, renderer.site.data_date)}
