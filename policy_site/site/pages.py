"""The pages of the site, one small object per page kind.

Each page knows its source path (the Markdown file mkdocs is given, the same in every language),
its URL (with mkdocs' ``use_directory_urls``: ``clauses/1.2.md`` is served at ``clauses/1.2/``),
its template and what its template needs (``context``). Pages are made only by the site map
(``sitemap.SiteMap``), which knows every page of one document in one language.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from . import calculator_page, formatting, ui_strings
from ..data import languages
from ..data.model import Agency, Audience, Clause, FundingSource, Section

# The site's folders of pages, each with an index page of its own (``<folder>/index.md``).
FOLDERS = ("clauses", "audiences", "agencies", "funding", "calculators")
# Paths are made of validated ids (model.Id, ClauseId): their URLs need no escaping in any context.
_PLAIN_PATH = re.compile(r"^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*){0,3}\.md$")  # documents/<id>/clauses/5.md


@dataclass(frozen=True)
class Page:
    """A generated page: ``path`` is its Markdown source path, relative to the language's docs root."""

    path: str

    def __post_init__(self):
        if not _PLAIN_PATH.match(self.path):
            raise ValueError(f"not a plain page path: {self.path!r}")

    @property
    def url(self) -> str:
        """The page's URL relative to its language's site root ("" for the home page)."""
        folder, name = posixpath.split(self.path)
        stem = name.removesuffix(".md")
        if stem == "index":
            return f"{folder}/" if folder else ""
        return f"{folder}/{stem}/" if folder else f"{stem}/"

    @property
    def template(self) -> str:
        raise NotImplementedError

    def context(self, renderer: Any) -> dict[str, Any]:
        """What the template needs beyond the site-wide globals; ``renderer`` (``render.Renderer``)
        gives the site, the language, the site map and the UI strings (``t``)."""
        return {}


@dataclass(frozen=True)
class FixedPage(Page):
    """A page of the site itself at the top (home, full text, glossary, about the data, finder)."""

    @property
    def template(self) -> str:
        return self.path.removesuffix(".md") + ".md.j2"


@dataclass(frozen=True)
class IndexPage(Page):
    """The list page of one folder (``clauses/index.md``)."""

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.path)

    @property
    def template(self) -> str:
        return f"{self.folder}_index.md.j2"


@dataclass(frozen=True)
class ClausePage(Page):
    template: ClassVar[str] = "clause.md.j2"
    clause: Clause = field(compare=False, repr=False, default=None)
    section: Section = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        return {"clause": self.clause, "section": self.section}


@dataclass(frozen=True)
class AudiencePage(Page):
    template: ClassVar[str] = "audience.md.j2"
    audience: Audience = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        return {"audience": self.audience}


@dataclass(frozen=True)
class AgencyPage(Page):
    template: ClassVar[str] = "agency.md.j2"
    agency: Agency = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        return {"agency": self.agency}


@dataclass(frozen=True)
class FundingPage(Page):
    """A funding source's clauses, or (``source`` None) the clauses that name no funding source."""

    template: ClassVar[str] = "funding.md.j2"
    source: FundingSource | None = field(compare=False, repr=False, default=None)

    def context(self, renderer: Any) -> dict[str, Any]:
        return {"source": self.source}


@dataclass(frozen=True)
class CalculatorPage(Page):
    template: ClassVar[str] = "calculator.md.j2"
    calc_id: str = ""

    def context(self, renderer: Any) -> dict[str, Any]:
        site, lang, t = renderer.site, renderer.lang, renderer.t
        return {"calc": site.calculators[self.calc_id], "examples": worked_examples(site, self.calc_id),
                "clause": calculator_page.calculator_clause(site, self.calc_id),
                "document": calculator_page.calculator_home(site, self.calc_id)[1],  # None: the top-level one
                "clause_page": calculator_page.clause_page(site, self.calc_id, renderer.site_map),
                "config": {**calculator_page.page_config(site, lang, self.calc_id, renderer.site_map, self, t),
                           "language": ui_strings.browser_language(languages.BY_CODE[lang])},
                "receipt": calculator_page.receipt_config(site, self.calc_id, t, lang)}


def worked_examples(site: Any, calc_id: str) -> list[dict[str, Any]]:
    """The calculator's example inputs, computed now by the same Python rules."""
    calc = site.calculators[calc_id]
    out = []
    for example in calc.get("examples", []):
        inputs = dict(example)
        for f in calc["fields"]:
            param = f.get("default_parameter")
            if param and f["name"] not in inputs and (found := site.parameter_default(param)):
                value = found[1].value
                inputs[f["name"]] = int(value) if value == value.to_integral_value() else float(value)
        result = site.calculate(calc_id, inputs) if site.calculate else None
        out.append({"inputs": inputs, "result": result})
    return out


def runtime_head(site: Any, site_map: Any, page: Page) -> dict[str, str]:
    """The front-matter fields of a page that runs the calculators' runtime (a calculator, the
    finder): docs/overrides/main.html puts them in the page's <head> for assets/runtime/early.js,
    which starts the runtime's download while the page is still arriving."""
    runtime = site.runtime
    head = {"pyodide": site_map.runtime_folder(page), "version": runtime.version, "manifest": runtime.manifest}
    return {"policy_runtime": formatting.json_text(head),
            "policy_runtime_script": f"{site_map.asset('runtime/early.js', page)}?v={runtime.version}"}
