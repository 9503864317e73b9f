"""The typed, immutable model of a policy document.

Every data file is validated into these classes once, at the edge
(``loader.load_policy``); the renderer and the plugin trust them. The same
classes generate the JSON Schema that editors use to check the YAML files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, ClassVar, Literal

from pydantic import Field, StringConstraints, model_validator

from . import model_finder, model_rules
from .model_base import (ClauseId, ClauseText, Id, Label, Model, NonEmpty, SectionId, Text, bilingual_error,
                         bilingual_errors)


class DocumentRef(Model):
    number: NonEmpty = Field(description="Document number as printed, e.g. 国发〔2018〕39号")
    issuer: Label
    title: Label


class DocumentMeta(Model):
    """policy_data/document.yaml"""

    title: Label
    title_is_descriptive: bool = Field(
        description="True when the source has no title and this one was written by the site's editors")
    issuer: Label
    implements: tuple[DocumentRef, ...] = ()
    preamble: Text
    summary: Text
    district: Label | None = Field(
        default=None,
        description="The district whose plan this is (e.g. zh: 拉萨市城关区); leave empty when the source does not say")
    issued: dt.date | None = Field(default=None, description="Date the plan was issued, when the source states it")


class Validity(Model):
    start: dt.date = Field(alias="from")
    end: dt.date | None = Field(default=None, alias="to")

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.end is not None and self.end < self.start:
            raise bilingual_error("结束日期（to）早于开始日期（from）：请检查两个日期。",
                                  "The end date (to) is before the start date (from): check both dates.", at=("to",))
        return self

    def status(self, on: dt.date) -> Literal["not_yet", "in_force", "expired", "open_ended"]:
        if on < self.start:
            return "not_yet"
        if self.end is None:
            return "open_ended"
        return "expired" if on > self.end else "in_force"


class Figure(Model):
    """A target or figure of a clause that no calculator computes."""

    label: Label
    value: Label = Field(description="value.zh must appear verbatim in the clause's Chinese text")


class Clause(Model):
    id: ClauseId
    number: NonEmpty = Field(description="The clause number as printed, e.g. （二）")
    title: Label
    text: ClauseText = Field(description="zh: the whole clause verbatim from the source; en: unofficial translation")
    summary: Text
    audiences: tuple[Id, ...] = Field(min_length=1)
    lead_agencies: tuple[Id, ...] = Field(min_length=1)
    assisting_agencies: tuple[Id, ...] = ()
    funding: tuple[Id, ...] = ()
    validity: Validity | None = None
    figures: tuple[Figure, ...] = ()
    gives: tuple[Text, ...] = Field(
        default=(), description="What the clause gives, one line each, for the 'At a glance' box: the plan's "
        "benefit in plain words (not a loan ceiling as if it were a grant); when empty the box lists the "
        "calculators' figures")
    calculators: tuple[Id, ...] = ()
    measures: tuple[model_finder.Measure, ...] = Field(default=(), description="who qualifies: see facts.yaml")
    calculator_rules: tuple[model_rules.CalculatorRules, ...] = Field(
        default=(), description="calculators written as data (README: How to add a calculator as data); each id is "
        "also listed in calculators")

    @model_validator(mode="after")
    def _text_starts_with_heading(self) -> Clause:
        issues = []
        heading = self.number + self.title.zh
        if not self.text.zh.startswith(heading):
            issues.append((
                f"text.zh 应以编号和标题“{heading}”开头：请从原文完整复制这一条。",
                f"text.zh must start with the number and title '{heading}': copy the whole clause from the source.",
                ("text", "zh")))
        for index, figure in enumerate(self.figures):
            if figure.value.zh not in self.text.zh:
                issues.append((
                    f"数字“{figure.value.zh}”在本条原文中找不到：请照原文的写法填写。",
                    f"The figure '{figure.value.zh}' does not appear in this clause's Chinese text: "
                    "write it exactly as the source does.", ("figures", index, "value", "zh")))
        issues += model_rules.clause_issues(self)
        if issues:
            raise bilingual_errors(issues)
        return self


class Section(Model):
    """policy_data/sections/<n>.yaml"""

    id: SectionId
    number: NonEmpty = Field(description="The section numeral as printed, e.g. 一")
    title: Label
    clauses: tuple[Clause, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _clause_ids_in_section(self) -> Section:
        prefixes = {clause.id.split(".")[0] for clause in self.clauses}
        if prefixes == {self.id}:
            return self
        if len(prefixes) == 1:  # every clause agrees: the section id is the odd one out, say it once
            (prefix,) = prefixes
            raise bilingual_error(
                f"部分编号“{self.id}”与本部分各条的编号（{prefix}.1、{prefix}.2 ……）不一致：请检查这个编号"
                f"（应为“{prefix}”？），文件名也应与它相同。",
                f"The section id '{self.id}' does not match its clauses' ids ({prefix}.1, {prefix}.2, …): "
                f"check this id (should it be '{prefix}'?); the file name must match it too.", at=("id",))
        raise bilingual_errors([(
            f"条款编号 {clause.id} 不属于第 {self.id} 部分：编号应以“{self.id}.”开头。",
            f"Clause id {clause.id} is not in section {self.id}: it must start with '{self.id}.'.",
            ("clauses", index, "id")) for index, clause in enumerate(self.clauses) if clause.id.split(".")[0] != self.id])


PublicHotline = Literal["12333", "12345", "12366"]
"""National public hotlines: 12333 human resources and social security, 12345 government services,
12366 taxation."""


class _OwnPage(Model):
    """Something with a page of its own, ``<folder>/<id>/``: its id must not be the name of one of
    the site's fixed pages in that folder (render.page_paths), or one page would silently replace
    the other."""

    FOLDER: ClassVar[str]
    TAKEN: ClassVar[frozenset[str]] = frozenset({"index"})

    @model_validator(mode="after")
    def _id_not_taken(self):
        if self.id in self.TAKEN:
            raise bilingual_error(
                f"编号“{self.id}”已被网站自己的页面 {self.FOLDER}/{self.id}/ 占用：请换一个编号（并同时修改引用它的条款）。",
                f"The id '{self.id}' is taken by a page of the site itself ({self.FOLDER}/{self.id}/): "
                "choose another id (and change the clauses that name it).", at=("id",))
        return self


class Agency(_OwnPage):
    FOLDER: ClassVar[str] = "agencies"
    id: Id
    name: Label
    full_name: Label | None = Field(default=None, description="The agency's full name where the source abbreviates it")
    note: Text | None = Field(default=None, description="What the name means, for readers (an abbreviation, a merger)")
    hotlines: tuple[PublicHotline, ...] = Field(
        default=("12345",), description="Public hotlines that reach this agency: 12333 (HR and social security), 12345, 12366 (tax)")
    also_written_as: tuple[NonEmpty, ...] = Field(default=(), description="Other spellings used in the source text")
    address: Text | None = None
    phone: NonEmpty | None = None
    hours: Text | None = None
    website: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None

    @property
    def has_contact(self) -> bool:
        return any(v is not None for v in (self.address, self.phone, self.hours, self.website))


class AgencyFile(Model):
    """policy_data/agencies.yaml"""

    agencies: tuple[Agency, ...] = Field(min_length=1)


class FundingSource(_OwnPage):
    FOLDER: ClassVar[str] = "funding"
    TAKEN: ClassVar[frozenset[str]] = frozenset({"index", "unstated"})
    id: Id
    name: Label
    description: Text


class FundingFile(Model):
    """policy_data/funding.yaml"""

    funding_sources: tuple[FundingSource, ...] = ()


class Audience(_OwnPage):
    FOLDER: ClassVar[str] = "audiences"
    id: Id
    name: Label
    description: Text


class AudienceFile(Model):
    """policy_data/audiences.yaml"""

    audiences: tuple[Audience, ...] = Field(min_length=1)


class Term(Model):
    id: Id
    term: Label
    definition: Text


class GlossaryFile(Model):
    """policy_data/glossary.yaml"""

    terms: tuple[Term, ...] = ()


class Reference(Model):
    number: NonEmpty | None = None
    title: Label
    date: dt.date | None = None


VALUE_MAX = 10**12
"""The largest parameter value (the calculators' money limit): far above any real figure, and it keeps
every page's number a short one (1e999999 would be a million digits)."""


class DatedValue(Model):
    value: Annotated[Decimal, Field(ge=0, le=VALUE_MAX, decimal_places=6, allow_inf_nan=False)]
    reference: Reference


class Parameter(Model):
    """policy_data/parameters/<id>.yaml: a figure the plan relies on but does not state."""

    id: Id
    name: Label
    unit: Literal["yuan_per_month", "yuan_per_year", "yuan", "percent"]
    description: Text
    values: dict[dt.date, DatedValue] = Field(min_length=1)
    last_checked: dt.date | None = Field(
        default=None, description="When someone last checked with an official source that no newer value "
        "exists; leave empty if nobody has")

    def latest(self) -> tuple[dt.date, DatedValue]:
        start = max(self.values)
        return start, self.values[start]

    def at(self, on: dt.date) -> DatedValue | None:
        found = self.in_force(on)
        return found[1] if found else None

    def in_force(self, on: dt.date) -> tuple[dt.date, DatedValue] | None:
        """The value in force on ``on`` and the date it applies from; None before the first value."""
        starts = [d for d in self.values if d <= on]
        return (max(starts), self.values[max(starts)]) if starts else None

    def upcoming(self, on: dt.date) -> list[tuple[dt.date, DatedValue]]:
        """Values already on record that apply only after ``on``, earliest first: never used early."""
        return sorted(((d, v) for d, v in self.values.items() if d > on), key=lambda item: item[0])


class Policy(Model):
    """The whole validated library's shared data and its top-level document; built by the loader, never
    from a single file. ``document`` is None (and ``sections`` empty) in a library made only of
    ``documents/`` (``data.library``): then every page about the top-level document is left out."""

    document: DocumentMeta | None = None
    sections: tuple[Section, ...] = ()
    agencies: tuple[Agency, ...]
    funding_sources: tuple[FundingSource, ...]
    audiences: tuple[Audience, ...]
    terms: tuple[Term, ...]
    parameters: tuple[Parameter, ...]
    finder: model_finder.FactsFile | None = None

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for s in self.sections for c in s.clauses)

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {c.id: s for s in self.sections for c in s.clauses}

    @cached_property
    def agency(self) -> dict[str, Agency]:
        return {a.id: a for a in self.agencies}

    @cached_property
    def funding(self) -> dict[str, FundingSource]:
        return {f.id: f for f in self.funding_sources}

    @cached_property
    def audience(self) -> dict[str, Audience]:
        return {a.id: a for a in self.audiences}

    @cached_property
    def parameter(self) -> dict[str, Parameter]:
        return {p.id: p for p in self.parameters}


# The files a policy is made of: (path relative to the data folder, model, is it a folder of files).
FILE_MODELS: dict[str, type[Model]] = {
    "document.yaml": DocumentMeta,
    "agencies.yaml": AgencyFile,
    "funding.yaml": FundingFile,
    "audiences.yaml": AudienceFile,
    "glossary.yaml": GlossaryFile,
    "sections/*.yaml": Section,
    "parameters/*.yaml": Parameter,
}
