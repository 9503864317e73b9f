"""One site map per document and language: every page, and every URL between them.

The site is laid out once, here: the Chinese site at the top, each other language in a folder
below it (``en/``), the one Pyodide runtime at the top (``pyodide/``), the shared browser assets
in each language's ``assets/``. Links are always relative to the page they are on, so the site
works from any folder (a file share, a sub-path of a web server). Templates ask the site map for
every internal URL (``link`` in Markdown, ``url`` in raw HTML and JSON) and never build one.
"""

from __future__ import annotations

import posixpath
from functools import cached_property
from typing import Any

from ..data import languages
from .document_pages import DocumentClausePage, DocumentPage
from .pages import (FOLDERS, AgencyPage, AudiencePage, CalculatorPage, ClausePage, FixedPage, FundingPage,
                    IndexPage, Page)

# Where each language's site root is, relative to the top of the whole site.
LANGUAGE_ROOTS = {lang.code: lang.root for lang in languages.ON}  # {"zh": "", "en": "en/"}
RUNTIME_FOLDER = "pyodide/"  # the one copy of the calculators' runtime, in the top-level site
UNSTATED_FUNDING = "unstated"  # the page of the clauses that name no funding source
OPTIONAL_PAGES = ("finder.md", "fulltext.md", "clauses/index.md")
"""Pages of the menu that a site may not have: the finder (data without facts.yaml), and the top-level
document's full text and clause index (a library made only of ``documents/``)."""


def relative_url(target: str, from_url: str) -> str:
    """``target`` (a URL path from a common root, "" for the root, folders ending in "/") as seen
    from the page served at ``from_url``."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath(target or ".", base.rstrip("/") or ".")
    if target.endswith("/") or not target:
        return "./" if relative == "." else relative + "/"
    return relative


def twin_url(page_url: str, twin_root: str) -> str:
    """The same page in the other language, from the page served at ``page_url`` (relative to its
    site root), when the other language's site root is at ``twin_root`` from this one's."""
    return "../" * page_url.count("/") + twin_root + page_url


class SiteMap:
    """Every page of one document in one language, in the order the site lists them."""

    def __init__(self, site: Any, lang: str):
        if lang not in LANGUAGE_ROOTS:
            raise ValueError(f"unknown language {lang!r}")
        self.site = site
        self.lang = lang

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        policy = self.site.policy
        plan = policy.document is not None  # a library made only of documents/ has no top-level document
        pages: list[Page] = [FixedPage("index.md")] + ([FixedPage("fulltext.md")] if plan else [])
        pages += [IndexPage(f"{folder}/index.md") for folder in FOLDERS[:4] if plan or folder != "clauses"]
        pages += [FundingPage(f"funding/{UNSTATED_FUNDING}.md", source=None),
                  FixedPage("glossary.md"), FixedPage("about-data.md"), IndexPage("calculators/index.md")]
        pages += [ClausePage(f"clauses/{c.id}.md", clause=c, section=policy.section_of[c.id]) for c in policy.clauses]
        pages += [AudiencePage(f"audiences/{a.id}.md", audience=a) for a in policy.audiences]
        pages += [AgencyPage(f"agencies/{a.id}.md", agency=a) for a in policy.agencies]
        pages += [FundingPage(f"funding/{f.id}.md", source=f) for f in policy.funding_sources]
        pages += [CalculatorPage(f"calculators/{cid}.md", calc_id=cid) for cid in self.site.calculators]
        pages += [FixedPage("finder.md")] if policy.finder is not None else []
        for document in getattr(self.site, "documents", ()):  # the library's imported documents
            pages.append(DocumentPage(f"documents/{document.id}/index.md", document=document))
            pages += [DocumentClausePage(f"documents/{document.id}/clauses/{c.id}.md", document=document, clause=c,
                                         section=document.section_of[c.id]) for c in document.clauses]
        return tuple(pages)

    @cached_property
    def _by_path(self) -> dict[str, Page]:
        return {page.path: page for page in self.pages}

    def page(self, path: str) -> Page:
        """The page whose source is ``path`` ("clauses/1.2.md"); KeyError if the site has none."""
        return self._by_path[path]

    # The pages by what they show: what the templates link to.
    @property
    def home(self) -> Page:
        return self.page("index.md")

    @property
    def fulltext(self) -> Page:
        return self.page("fulltext.md")

    @property
    def glossary(self) -> Page:
        return self.page("glossary.md")

    @property
    def about_data(self) -> Page:
        return self.page("about-data.md")

    @property
    def finder(self) -> Page:
        return self.page("finder.md")

    def index(self, folder: str) -> Page:
        return self.page(f"{folder}/index.md")

    def clause(self, clause_id: str) -> Page:
        return self.page(f"clauses/{clause_id}.md")

    def audience(self, audience_id: str) -> Page:
        return self.page(f"audiences/{audience_id}.md")

    def agency(self, agency_id: str) -> Page:
        return self.page(f"agencies/{agency_id}.md")

    def funding(self, funding_id: str | None) -> Page:
        """A funding source's page; None: the page of the clauses that name none."""
        return self.page(f"funding/{funding_id or UNSTATED_FUNDING}.md")

    def calculator(self, calc_id: str) -> Page:
        return self.page(f"calculators/{calc_id}.md")

    def document(self, doc_id: str) -> Page:
        """An imported document's page (``documents/<id>/``)."""
        return self.page(f"documents/{doc_id}/index.md")

    def document_clause(self, doc_id: str, clause_id: str) -> Page:
        return self.page(f"documents/{doc_id}/clauses/{clause_id}.md")

    # URLs between pages, always relative to the page they are written on.
    def link(self, page: Page, from_page: Page) -> str:
        """A Markdown link target: the page's source path, which mkdocs checks and turns into its URL."""
        return posixpath.relpath(page.path, posixpath.dirname(from_page.path) or ".")

    def url(self, page: Page, from_page: Page) -> str:
        """The page's served URL from ``from_page`` (for raw HTML and JSON, which mkdocs leaves alone)."""
        return relative_url(page.url, from_page.url)

    def root(self, from_page: Page) -> str:
        """This language's site root, from ``from_page`` ("" from the home page, "../" from "finder/")."""
        return "../" * from_page.url.count("/")

    def asset(self, path: str, from_page: Page) -> str:
        """A file of this language's ``assets/`` folder ("runtime/early.js"), from ``from_page``."""
        return f"{self.root(from_page)}assets/{path}"

    def runtime_folder(self, from_page: Page) -> str:
        """The one Pyodide runtime folder of the whole site, from ``from_page``."""
        return self.root(from_page) + "../" * LANGUAGE_ROOTS[self.lang].count("/") + RUNTIME_FOLDER

    def twin(self, page: Page, lang: str) -> str:
        """The URL of ``page`` in language ``lang``, from ``page`` itself."""
        if lang not in LANGUAGE_ROOTS:
            raise ValueError(f"unknown language {lang!r}")
        up = "../" * LANGUAGE_ROOTS[self.lang].count("/")
        return twin_url(page.url, up + LANGUAGE_ROOTS[lang])
