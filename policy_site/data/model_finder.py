"""The finder's part of the data model: the questions (``facts.yaml``) and each clause's
measures (``measures:`` beside the clause in ``sections/*.yaml``).

The condition language is small and closed: a fact compared with a value or with a
calculator's named figure, combined with all / any / not, or a judgement that only an agency
can make. No code in YAML. Cross-file checks (unknown facts, values outside a fact's choices,
quotes not in the clause, calculator figures and inputs) are in ``finder_checks``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints, model_validator

from .model_base import Id, Model, NonEmpty, Text, bilingual_error

Scalar = bool | int | str
FigureName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")]


class FigureRef(Model):
    """A calculator's named figure, e.g. ``enterprise_hiring_award.non_public_tier1_hires``."""

    figure: FigureName = Field(description="calculator id and figure key, joined by a dot")


_FIGURE_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
_FIGURE_EXAMPLE = "enterprise_hiring_award.first_year"


def _bound(value: object) -> object:
    """A threshold as typed: a whole number, or ``{figure: calculator_id.figure_key}``; one clear
    message for anything else (a fraction, true/false, a figure without its calculator id)."""
    if isinstance(value, bool):
        raise bilingual_error(f"这里应写整数（如 6），不能写 {str(value).lower()}。",
                              f"This must be a whole number (e.g. 6), not {str(value).lower()}.")
    if isinstance(value, float):
        raise bilingual_error(f"这里应写整数（如 6），不能写小数 {value}：问题的答案都是整数。",
                              f"This must be a whole number (e.g. 6), not {value}: the answers are whole numbers.")
    if isinstance(value, dict) and isinstance(value.get("figure"), str) and not _FIGURE_NAME.match(value["figure"]):
        typed = value["figure"]
        raise bilingual_error(
            f"“{typed}”不是计算器数字的写法：请写成“计算器编号.数字名”，例如 {_FIGURE_EXAMPLE}"
            "（数字名见该计算器的 figures）。",
            f"'{typed}' is not how a calculator figure is named: write calculator_id.figure_key, e.g. "
            f"{_FIGURE_EXAMPLE} (the keys are in the calculator's figures).", at=("figure",))
    return value


Bound = Annotated[int | FigureRef, BeforeValidator(_bound)]

_SHAPES = ("fact", "all", "any", "not", "judged_by")


class Test(Model):
    """One test: exactly one of fact (with is / in / at_least / at_most), all, any, not, judged_by."""

    fact: Id | None = Field(default=None, description="the id of a question in facts.yaml")
    is_: Scalar | None = Field(default=None, alias="is", description="the answer equals this value")
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in", description="the answer is one of these")
    at_least: Bound | None = Field(default=None, description="the answer is this number or more (以上)")
    at_most: Bound | None = Field(default=None, description="the answer is this number or less")
    all: tuple[Test, ...] | None = Field(default=None, description="every test holds")
    any: tuple[Test, ...] | None = Field(default=None, description="at least one test holds")
    not_: Test | None = Field(default=None, alias="not", description="the test does not hold")
    judged_by: Id | None = Field(
        default=None, description="a judgement the visitor cannot know, made by this agency: always unknown")

    @model_validator(mode="after")
    def _one_shape(self) -> Test:
        shapes = [s for s in _SHAPES if getattr(self, s + "_" if s == "not" else s) is not None]
        if len(shapes) != 1:
            raise bilingual_error(
                "每个条件只能写一种：fact（加 is / in / at_least / at_most）、all、any、not 或 judged_by。",
                "Each test is exactly one of: fact (with is / in / at_least / at_most), all, any, not or judged_by.")
        comparisons = [self.is_, self.in_, self.at_least, self.at_most]
        if shapes == ["fact"] and all(c is None for c in comparisons):
            raise bilingual_error("fact 后面要写比较：is、in、at_least 或 at_most。",
                                  "A fact needs a comparison: is, in, at_least or at_most.", at=("fact",))
        if shapes != ["fact"] and any(c is not None for c in comparisons):
            raise bilingual_error("is、in、at_least、at_most 只能和 fact 一起用。",
                                  "is, in, at_least and at_most go with fact only.")
        for name in ("all", "any"):
            if getattr(self, name) is not None and not getattr(self, name):
                raise bilingual_error(f"{name} 至少要有一项。", f"'{name}' needs at least one test.", at=(name,))
        if self.in_ is not None and not self.in_:
            raise bilingual_error("in 至少要有一个答案（空列表 [] 永远不成立）：请写出符合条件的答案，如 in: [a, b]。",
                                  "'in' needs at least one answer (an empty list [] never holds): list the answers "
                                  "that meet the condition, e.g. in: [a, b].", at=("in",))
        return self

    def data(self) -> dict:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class Condition(Model):
    """One condition of a measure, in plain words, with the clause's own words it implements."""

    zh: NonEmpty = Field(description="the condition in plain Chinese")
    en: NonEmpty = Field(description="the condition in plain English")
    quote: NonEmpty = Field(description="the clause's words this condition implements: copied exactly from text.zh")
    test: Test


class InputMapEntry(Model):
    if_: Scalar = Field(alias="if", description="an answer to the fact")
    then: Scalar | None = Field(description="the calculator input's value; null: the calculator does not run")


class InputSource(Model):
    """Where a calculator input comes from: a fixed value, a fact (optionally mapped), or a test."""

    value: Scalar | None = None
    fact: Id | None = None
    map: tuple[InputMapEntry, ...] | None = None
    test: Test | None = None

    @model_validator(mode="after")
    def _one_source(self) -> InputSource:
        given = [n for n in ("value", "fact", "test") if getattr(self, n) is not None]
        if len(given) != 1:
            raise bilingual_error("计算器输入项只能写一种来源：value、fact 或 test。",
                                  "A calculator input has exactly one source: value, fact or test.")
        if self.map is not None and self.fact is None:
            raise bilingual_error("map 只能和 fact 一起用。", "map goes with fact only.", at=("map",))
        return self

    def data(self) -> dict:
        return self.model_dump(by_alias=True, exclude_none=True, mode="json")


class MeasureCalculator(Model):
    id: Id = Field(description="a calculator id (see calculators/)")
    inputs: dict[Id, InputSource] = Field(
        default_factory=dict,
        description="calculator inputs that do not come from the fact of the same name")


class Measure(Model):
    """Who gets what under which conditions: one part of a clause."""

    part: Annotated[str, StringConstraints(pattern=r"^[a-z]$")] = Field(description="a, b, c … within the clause")
    for_: Id = Field(alias="for", description="the kind of applicant: a choice of the applicant question")
    kind: Literal["benefit", "obligation"] = Field(
        default="benefit", description="obligation: binds those it names; never counted among what applies")
    offer: Text = Field(description="what the measure gives (or requires), in plain words")
    conditions: tuple[Condition, ...] = Field(default=(), description="all must hold; none: everyone of that kind")
    calculators: tuple[MeasureCalculator, ...] = ()
    notes: tuple[Text, ...] = Field(default=(), description="shown with the result")


class Choice(Model):
    value: Id
    zh: NonEmpty
    en: NonEmpty


Answer = bool | int | Id


class Implication(Model):
    when: Answer = Field(description="this answer to the question …")
    set: dict[Id, Answer] = Field(min_length=1, description="… means these answers to other questions")


class Fact(Model):
    """One question the finder may ask."""

    id: Id
    type: Literal["bool", "integer", "choice"]
    question: Text
    help: Text | None = None
    why: Text | None = Field(default=None, description="for a sensitive question: why it is asked "
                                                       "(the answer 'prefer not to say' is then offered)")
    choices: tuple[Choice, ...] = ()
    min: int | None = None
    max: int | None = None
    unit: Text | None = None
    for_: tuple[Id, ...] = Field(default=(), alias="for",
                                 description="asked only of these kinds of applicant (empty: everyone)")
    ask_when: Test | None = Field(default=None, description="not asked while this test is false")
    implies: tuple[Implication, ...] = ()
    not_above: Id | None = Field(default=None, description="the answer may not exceed the answer to this question")

    @model_validator(mode="after")
    def _shape(self) -> Fact:
        if self.type == "choice" and len(self.choices) < 2:
            raise bilingual_error("选择题至少要有两个选项（choices）。", "A choice question needs at least two choices.",
                                  at=("choices",))
        if self.type != "choice" and self.choices:
            raise bilingual_error("只有选择题（type: choice）才有 choices。", "Only a choice question has choices.",
                                  at=("choices",))
        if self.type == "integer":
            if self.min is None or self.max is None or self.min > self.max:
                raise bilingual_error("数字题要写 min 和 max，且 min 不大于 max。",
                                      "A number question needs min and max, with min not above max.", at=("min",))
        elif self.min is not None or self.max is not None:
            raise bilingual_error("只有数字题（type: integer）才有 min 和 max。",
                                  "Only a number question (type: integer) has min and max.", at=("min",))
        return self

    def accepts(self, value: object) -> bool:
        if self.type == "bool":
            return type(value) is bool
        if self.type == "integer":
            return type(value) is int and self.min <= value <= self.max  # type: ignore[operator]
        return isinstance(value, str) and value in {c.value for c in self.choices}


class FactsFile(Model):
    """policy_data/facts.yaml: every question the finder may ask, in the order it asks them."""

    applicant_fact: Id = Field(default="applicant",
                               description="the first question: which kind of applicant (its choices)")
    facts: tuple[Fact, ...] = Field(min_length=1)
