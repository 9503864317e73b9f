"""Render the validated policy into Markdown pages for one language.

Pure functions: ``render_pages(site, lang)`` returns ``{path: markdown}``
without touching mkdocs or the file system, so it is testable on its own.
The pages, their paths and the addresses between them come from the site map
(``sitemap.SiteMap``); each page object (``pages``) names its template and context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, Callable

import jinja2

from . import amounts, calculator_page, chart_memo, charts, document_pages, figures, finder_page, formatting, pages, ui_strings
from ..data import languages, translations
from ..data.library import LibraryDocument
from ..data.model import Clause, Policy
from .sitemap import LANGUAGE_ROOTS, SiteMap
from .template_cache import keep_compiled_templates

LANGS = tuple(LANGUAGE_ROOTS)  # ("zh", "en"): the site map knows where each one lives
TEMPLATES = files(__package__) / "templates"


@dataclass(frozen=True)
class SiteInputs:
    """Everything a build renders from: the policy, its calculators and build settings."""

    policy: Policy
    data_date: dt.date
    calculators: dict[str, dict[str, Any]] = field(default_factory=dict)
    calculate: Callable[[str, dict], dict] | None = None
    runtime: Any = None
    """The calculators' browser runtime (``pyodide_runtime.Runtime``); calculator pages need it."""
    documents: tuple[LibraryDocument, ...] = ()
    """The library's imported documents (``data.library``), after the top-level one: pages of their own."""

    @cached_property
    def clauses_by(self) -> dict[str, dict[str, list[Clause]]]:
        """Indexes built once: audience/agency/funding id -> clauses, in document order."""
        index: dict[str, dict[str, list[Clause]]] = {
            "audience": {}, "lead": {}, "assist": {}, "funding": {}, "calculator": {}}
        for clause in self.policy.clauses:
            for key, ids in (("audience", clause.audiences), ("lead", clause.lead_agencies),
                             ("assist", clause.assisting_agencies), ("funding", clause.funding),
                             ("calculator", clause.calculators)):
                for ident in ids:
                    index[key].setdefault(ident, []).append(clause)
        return index

    def parameter_default(self, parameter_id: str) -> tuple[dt.date, Any] | None:
        parameter = self.policy.parameter.get(parameter_id)
        return parameter.in_force(self.data_date) if parameter else None  # never a value not yet in force


def page_paths(site: SiteInputs) -> list[str]:
    """Every generated page's path (the same in every language)."""
    return [page.path for page in SiteMap(site, "zh").pages]


class Renderer:
    """Renders the pages of one language; one jinja2 environment per language."""

    def __init__(self, site: SiteInputs, lang: str, cache: Path | None = None):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        # The calculators' {zh, en} texts answer a language they lack with the Chinese (recorded).
        site = replace(site, calculators=translations.with_fallback(site.calculators))
        self.site = site
        self.lang = lang
        self._cache = cache
        self.ui = ui_strings.load_ui_strings()
        self.site_map = SiteMap(site, lang)
        self.env = jinja2.Environment(
            loader=jinja2.FunctionLoader(self._load_template),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown output: data text goes through the explicit `text` filter
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        keep_compiled_templates(self.env, cache)  # in cache/templates/ (``.cache``), when given
        # Data text reaches the page only through these filters, one per context (formatting.py):
        # `text` in Markdown, `html`/`prose` for the text of an element in raw HTML, `attr` for an
        # attribute value, `front_matter` for the page's metadata, `json` for JSON (then `attr`).
        self.env.filters.update(
            text=lambda v: formatting.markdown_text(v, lang),
            html=formatting.html_text,
            prose=lambda v: formatting.prose(v, lang),
            attr=formatting.attribute,
            front_matter=formatting.front_matter,
            json=formatting.json_text,
            tr=lambda value: translations.in_language(value, lang),  # a {zh, en, …} text in this language
            amount=lambda v: amounts.money(v, lang),
            plan_figure=lambda v, unit: amounts.figure(v, unit, lang),
            input_value=lambda v, f: amounts.input_value(v, f, lang),
            date=lambda d: formatting.date(d, lang),
            figure=lambda v, unit: amounts.figure_text(v, unit, lang),
        )
        self.env.filters["sort_by_text"] = lambda items, name: sorted(
            items, key=lambda item: translations.in_language(getattr(item, name), lang).lower())  # as jinja's sort
        # `text is translated_here`: it has this language's translation (if not: recorded as pending).
        self.env.tests["translated_here"] = lambda value: translations.translated(value, lang)
        self.env.globals.update(
            tier_table=figures.tier_table,
            charts_for=lambda clause: self._charts(list(clause.calculators)))
        self.env.globals.update(t=self.t, lang=lang, language=languages.BY_CODE[lang],
                                browser_language=ui_strings.browser_language(languages.BY_CODE[lang]), site=site, policy=site.policy, today=site.data_date, pages=self.site_map)
        self.env.globals["finder"] = finder_page.FinderView(site, lang)
        self.env.globals["library"] = lambda: document_pages.library_listing(site)  # the home's list of documents
        self.env.globals["library_clause_label"] = lambda clause: formatting.library_clause_label(clause, lang, self.t)
        self.env.globals["library_clauses"] = lambda key, ident: document_pages.library_clauses(site, key, ident)
        # A calculator's clause, that clause's page and its library document (None: the top-level one).
        self.env.globals["calculator_home"] = lambda cid: (calculator_page.calculator_clause(site, cid),
                                                           calculator_page.clause_page(site, cid, self.site_map),
                                                           calculator_page.calculator_home(site, cid)[1])

    def _charts(self, clause_calculators: list[str]) -> list[charts.Chart]:
        """A clause's charts, drawn or as drawn by an earlier build from the same inputs (chart_memo)."""
        if not clause_calculators:
            return []
        args = (clause_calculators, self.site.calculators, self.site.calculate, self.lang)
        return chart_memo.remembered(self._cache, charts.chart_inputs(*args), lambda: charts.charts_for_clause(*args))

    @staticmethod
    def _load_template(name: str) -> str:
        return (TEMPLATES / name).read_text(encoding="utf-8")

    def t(self, key: str, **values: Any) -> str:
        return translations.in_language(self.ui[key], self.lang).format(**values)

    def render(self, path: str) -> str:
        return self.render_page(self.site_map.page(path))

    def render_page(self, page: pages.Page) -> str:
        """The page's Markdown. ``link``/``url`` give another page's address from this one (``pages``
        is the site map: ``link(pages.clause(id))``); ``asset`` a shared asset's;
        ``runtime_head()`` the front matter that starts the runtime early (calculator and finder pages)."""
        site_map = self.site_map
        with translations.recording() as pending:
            markdown = self.env.get_template(page.template).render(
                page=page,
                link=lambda target: site_map.link(target, page),
                url=lambda target: site_map.url(target, page),
                asset=lambda path: site_map.asset(path, page),
                runtime_head=lambda: pages.runtime_head(self.site, site_map, page),
                **page.context(self))
        return self._with_pending_notice(markdown) if pending else markdown

    def _with_pending_notice(self, markdown: str) -> str:
        """The page with a notice on top, in its language: parts not yet translated are in Chinese."""
        notice = f'<p class="policy-untranslated">{formatting.html_text(self.t("not_yet_translated"))}</p>\n\n'
        if markdown.startswith("---\n"):
            end = markdown.index("\n---\n", 4) + len("\n---\n")
            return markdown[:end] + notice + markdown[end:]
        return notice + markdown

    def render_all(self) -> dict[str, str]:
        return {page.path: self.render_page(page) for page in self.site_map.pages}

    def worked_examples(self, calc_id: str) -> list[dict[str, Any]]:
        """The calculator's example inputs, computed now by the same Python rules (``pages.worked_examples``)."""
        return pages.worked_examples(self.site, calc_id)


def render_pages(site: SiteInputs, lang: str, cache: Path | None = None) -> dict[str, str]:
    """Every page of ``lang``; ``cache``: the repository's ``.cache``, where compiled templates are kept."""
    return Renderer(site, lang, cache).render_all()
