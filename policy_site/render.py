"""Render the validated policy into Markdown pages for one language.

Pure functions: ``render_pages(site, lang)`` returns ``{path: markdown}``
without touching mkdocs or the file system, so it is testable on its own.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources import files
from typing import Any, Callable

import jinja2
import yaml

from . import finder_page, formatting
from .model import Clause, Policy

LANGS = ("zh", "en")
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
    policy = site.policy
    paths = ["index.md", "fulltext.md", "clauses/index.md", "audiences/index.md", "agencies/index.md",
             "funding/index.md", "funding/unstated.md", "glossary.md", "about-data.md", "calculators/index.md"]
    paths += [f"clauses/{c.id}.md" for c in policy.clauses]
    paths += [f"audiences/{a.id}.md" for a in policy.audiences]
    paths += [f"agencies/{a.id}.md" for a in policy.agencies]
    paths += [f"funding/{f.id}.md" for f in policy.funding_sources]
    paths += [f"calculators/{cid}.md" for cid in site.calculators]
    paths += ["finder.md"] if site.policy.finder is not None else []
    return paths


def load_ui_strings() -> dict[str, dict[str, str]]:
    """Every fixed string of the pages, from ``templates/ui/*.yaml`` (one file per area of the site).

    A key defined in two files is a mistake in our own templates, not in the data: it fails loudly.
    """
    strings: dict[str, dict[str, str]] = {}
    for part in sorted((TEMPLATES / "ui").iterdir(), key=lambda p: p.name):
        if not part.name.endswith(".yaml"):
            continue
        for key, value in (yaml.safe_load(part.read_text(encoding="utf-8")) or {}).items():
            if key in strings:
                raise KeyError(f"UI string {key!r} is defined twice (again in ui/{part.name})")
            strings[key] = value
    return strings


class Renderer:
    """Renders the pages of one language; one jinja2 environment per language."""

    def __init__(self, site: SiteInputs, lang: str):
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}")
        self.site = site
        self.lang = lang
        self.ui = load_ui_strings()
        self.env = jinja2.Environment(
            loader=jinja2.FunctionLoader(self._load_template),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # Markdown output: data text goes through the explicit `text` filter
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
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
            tr=lambda value: value[lang],  # a {zh, en} Text -> this language's string
            money=lambda v: formatting.money(v, lang),
            number=formatting.number,
            date=lambda d: formatting.date(d, lang),
            figure=lambda v, unit: formatting.figure(v, unit, lang),
        )
        self.env.globals.update(t=self.t, lang=lang, other_lang="en" if lang == "zh" else "zh",
                                site=site, policy=site.policy, today=site.data_date)
        self.env.globals["finder"] = finder_page.FinderView(site, lang)

    @staticmethod
    def _load_template(name: str) -> str:
        return (TEMPLATES / name).read_text(encoding="utf-8")

    def t(self, key: str, **values: Any) -> str:
        return self.ui[key][self.lang].format(**values)

    def render(self, path: str) -> str:
        template, context = self._route(path)
        rel = lambda target: posixpath.relpath(target, posixpath.dirname(path) or ".")  # noqa: E731
        return self.env.get_template(template).render(page_path=path, rel=rel, **context)

    def render_all(self) -> dict[str, str]:
        return {path: self.render(path) for path in page_paths(self.site)}

    def _route(self, path: str) -> tuple[str, dict[str, Any]]:
        policy = self.site.policy
        folder, _, name = path.rpartition("/")
        stem = name.removesuffix(".md")
        if not folder:
            return f"{stem}.md.j2", {}
        if stem == "index":
            return f"{folder}_index.md.j2", {}
        if folder == "clauses":
            clause = next(c for c in policy.clauses if c.id == stem)
            return "clause.md.j2", {"clause": clause, "section": policy.section_of[clause.id]}
        if folder == "audiences":
            return "audience.md.j2", {"audience": policy.audience[stem]}
        if folder == "agencies":
            return "agency.md.j2", {"agency": policy.agency[stem]}
        if folder == "funding":
            return "funding.md.j2", {"source": policy.funding.get(stem)}
        if folder == "calculators":
            return "calculator.md.j2", {"calc": self.site.calculators[stem], "examples": self.worked_examples(stem)}
        raise KeyError(path)

    def worked_examples(self, calc_id: str) -> list[dict[str, Any]]:
        """The calculator's example inputs, computed now by the same Python rules."""
        calc = self.site.calculators[calc_id]
        out = []
        for example in calc.get("examples", []):
            inputs = dict(example)
            for f in calc["fields"]:
                param = f.get("default_parameter")
                if param and f["name"] not in inputs and (found := self.site.parameter_default(param)):
                    value = found[1].value
                    inputs[f["name"]] = int(value) if value == value.to_integral_value() else float(value)
            result = self.site.calculate(calc_id, inputs) if self.site.calculate else None
            out.append({"inputs": inputs, "result": result})
        return out


def render_pages(site: SiteInputs, lang: str) -> dict[str, str]:
    return Renderer(site, lang).render_all()
