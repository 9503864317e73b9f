"""A clause's data calculators (``calculator_rules:`` beside ``calculators:`` in sections/*.yaml).

A closed vocabulary, no code and no expressions: inputs the visitor gives, figures the clause
states (each with the clause's own words, checked against its Chinese text by ``model.Clause``),
conditions on inputs, and items of a few shapes whose sum is the total; worked examples with the
total they must give. Validated here, then dumped as plain JSON for the generic calculator
(``calculators.register_rules``), which computes them in CPython and in the browser alike.

The references inside a calculator are checked in ``rules_references``; what it must agree with in
its clause (listed in ``calculators``, quotes in text.zh, the engine's own checks, the worked
examples' totals computed by the engine) in ``clause_issues``, run by ``model.Clause``; what needs
other files by the loader (``rules_checks``: registration, a parameter with a value on every date
the calculator can be asked about). The format is the calculators package's (``calculators/rules``);
see README, "How to add a calculator as data".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from calculators import InputError
from calculators import rules as engine

from .model_base import Id, Label, Model, NonEmpty, Text, bilingual_error, bilingual_errors
from .rules_references import plain_number, reference_issues

Scalar = bool | int | str
"""An input's value in a condition or an example: yes/no, a whole number or a choice's value."""
At = tuple[str | int, ...]

NUMBER_MAX = 10**12
"""The largest figure (the calculators' money limit)."""


def _number(value: object) -> object:
    """A number as written: a YAML number or a string of digits ("0.5"), never yes/no, 1e3 or 1,000."""
    if isinstance(value, bool) or (isinstance(value, str) and not _DIGITS.fullmatch(value)):
        shown = str(value).lower() if isinstance(value, bool) else value
        raise bilingual_error(f"这里应写数字（如 12000 或 0.5），不能写 {shown}：只写数字和小数点，不写单位、逗号或“万”。",
                              f"This must be a number (e.g. 12000 or 0.5), not {shown}: digits and a decimal point "
                              "only, no unit, comma or 万.")
    return value


_DIGITS = re.compile(r"[0-9]+(\.[0-9]+)?")


Number = Annotated[Decimal, BeforeValidator(_number),
                   Field(ge=0, le=NUMBER_MAX, decimal_places=6, allow_inf_nan=False),
                   PlainSerializer(lambda v: int(v) if v == v.to_integral_value() else format(v.normalize(), "f"),
                                   when_used="json")]
"""A figure's value, read exactly (a YAML float 0.1 is the Decimal 0.1, never 0.1000000000000000055…);
in the spec a whole number, or else its decimal text ("0.5"), which the engine reads exactly."""


def _json_number(value: Decimal | int) -> int | float:
    """A whole number as an int, else a float (two decimals at most for money: exact as JSON)."""
    return value if isinstance(value, int) else int(value) if value == value.to_integral_value() else float(value)


Money = Annotated[Decimal, BeforeValidator(_number),
                  Field(ge=0, le=NUMBER_MAX, decimal_places=2, allow_inf_nan=False),
                  PlainSerializer(_json_number, when_used="json")]
"""An amount in yuan, to the fen; in the spec a JSON number (80000, 6187.5), as a result gives it."""

FIGURE_UNITS = ("yuan", "yuan_per_person", "yuan_per_month", "yuan_per_year", "percent", "people", "months",
                "years", "days", "calendar_year")
"""Units of a figure: "percent" values are fractions (0.5) that the clause writes as 50%."""

INPUT_UNITS = {
    "integer": ("people", "months", "years", "days", "working_days"),
    "amount": ("yuan", "yuan_per_month", "yuan_per_year", "yuan_per_person"),
    "number": ("percent", "months", "years"),
    "choice": (),
    "yes_no": (),
}
"""The units an input of each type may have (the calculators package's table, calculators/rules/units.py)."""


class RuleFigureRef(Model):
    """A figure of this calculator, by its id: ``{figure: private_annual_cap_yuan}``."""

    figure: Id = Field(description="the id of one of this calculator's figures")


def _rate(value: object) -> object:
    """A rate: ``{figure: id}`` (a percent figure) or the number 1 (the whole amount), each checked
    here with one clear message (so staff never read pydantic's report of both branches)."""
    if isinstance(value, dict):
        if set(value) != {"figure"} or not isinstance(value["figure"], str):
            raise bilingual_error("rate 应写 {figure: 数字编号}（一个百分比数字），或写 1（全额）。",
                                  "rate is {figure: figure_id} (a percent figure), or 1 (the whole amount).")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or str(value).strip() not in ("1", "1.0"):
        raise bilingual_error(
            f"rate 只能写 1（全额）或 {{figure: 数字编号}}，不能写 {_shown(value)}：原文写出的比例（如 50%）请写成一个数字"
            "（figures 中 value: 0.5, unit: percent，连同原文引文 quote），再用 {figure: 编号} 引用它。",
            f"rate is 1 (the whole amount) or {{figure: figure_id}}, not {_shown(value)}: a rate the clause writes "
            "(e.g. 50%) is a figure (in figures: value: 0.5, unit: percent, with the clause's words in quote), "
            "referred to as {figure: figure_id}.")
    return value


Rate = Annotated[RuleFigureRef | Literal[1], BeforeValidator(_rate)]


class InputChoice(Model):
    value: Id
    label: Label


class RatioOf(Model):
    input: Id = Field(description="the part (e.g. interns kept on)")
    of: Id = Field(description="the whole (e.g. interns who completed)")


COMPARISONS = ("is", "in", "at_least", "at_most", "above", "below")
_ATTR = {"is": "is_", "in": "in_"}


class RuleCondition(Model):
    """One condition: an input compared (is, in, at_least, at_most, above, below), a ratio of two
    inputs compared with a percent figure, or ``any`` of several conditions.

    at_least / at_most include the number (以上、不超过、满、含本数), above / below do not (超过、不满).
    An input that was not asked (its ``asked_when`` not met) makes a condition on it hold."""

    input: Id | None = Field(default=None, description="the id of one of this calculator's inputs")
    ratio: RatioOf | None = Field(default=None, description="input / of, compared with a percent figure")
    any: tuple[RuleCondition, ...] | None = Field(default=None, description="met when one of them is met")
    is_: bool | Id | None = Field(default=None, alias="is", description="equals this choice value (or true/false)")
    in_: tuple[Id, ...] | None = Field(default=None, alias="in", description="is one of these choice values")
    at_least: RuleFigureRef | None = Field(default=None, description="this figure or more (满, 以上, 含本数)")
    at_most: RuleFigureRef | None = Field(default=None, description="this figure or less (以下, 不超过, 最高)")
    above: RuleFigureRef | None = Field(default=None, description="more than this figure (超过, not included)")
    below: RuleFigureRef | None = Field(default=None, description="less than this figure (不满, 不足)")
    reason_unmet: Text | None = Field(default=None, description="the sentence shown when it is not met "
                                                                "(default: a generated one)")

    @model_validator(mode="after")
    def _one_test(self) -> RuleCondition:
        subjects = [name for name in ("input", "ratio", "any") if getattr(self, name) is not None]
        given = [name for name in COMPARISONS if getattr(self, _ATTR.get(name, name)) is not None]
        if len(subjects) != 1:
            raise bilingual_error("每个条件以 input、ratio 或 any 之一开头（只能写一个）。",
                                  "A condition is about exactly one of: input, ratio or any.")
        if subjects == ["any"]:
            if given:
                raise bilingual_error("any 的条件写在它的列表里，不能再加比较。",
                                      "any takes its conditions in its list, with no comparison of its own.",
                                      at=(given[0],))
            if len(self.any) < 2:
                raise bilingual_error("any 至少要有两个条件。", "any needs at least two conditions.", at=("any",))
            return self
        if len(given) != 1:
            raise bilingual_error(
                "每个条件只能写一种比较：is、in、at_least、at_most、above 或 below。",
                "Each condition has exactly one comparison: is, in, at_least, at_most, above or below.",
                at=(subjects[0],))
        if subjects == ["ratio"] and given[0] in ("is", "in"):
            raise bilingual_error("ratio 只能用 at_least、at_most、above 或 below 与一个百分比数字比较。",
                                  "A ratio is compared with a percent figure: at_least, at_most, above or below.",
                                  at=(given[0],))
        if self.in_ is not None and not self.in_:
            raise bilingual_error("in 至少要有一个值：请写出符合条件的值，如 in: [a, b]。",
                                  "'in' needs at least one value: list the values that meet it, e.g. in: [a, b].",
                                  at=("in",))
        return self

    @property
    def comparison(self) -> tuple[str, Any] | None:
        for name in COMPARISONS:
            value = getattr(self, _ATTR.get(name, name))
            if value is not None:
                return name, value
        return None


class AskedWhen(Model):
    """The input is asked (and accepted) only when an earlier choice input has one of these values."""

    input: Id
    is_: Id | None = Field(default=None, alias="is")
    in_: tuple[Id, ...] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _one(self) -> AskedWhen:
        if (self.is_ is None) == (self.in_ is None) or (self.in_ is not None and not self.in_):
            raise bilingual_error("asked_when 要写 is（一个值）或 in（几个值），二选一。",
                                  "asked_when needs either is (one value) or in (a list of values).", at=("input",))
        return self

    @property
    def values(self) -> tuple[str, ...]:
        return (self.is_,) if self.in_ is None else self.in_


InputType = Literal["integer", "amount", "number", "choice", "yes_no"]
InputNumber = Annotated[int | Decimal, BeforeValidator(_number), Field(ge=0, le=NUMBER_MAX, allow_inf_nan=False),
                        PlainSerializer(_json_number, when_used="json")]
"""An input's bound or default: a JSON number in the spec (the metadata's fields hold numbers)."""


class RuleInput(Model):
    """One thing the visitor enters (a field of the calculator's form). With a default it may be left out."""

    id: Id
    type: InputType = Field(description="integer | amount (yuan) | number | choice | yes_no")
    label: Label
    help: Text | None = None
    unit: Literal["people", "months", "years", "days", "working_days", "yuan", "yuan_per_month", "yuan_per_year",
                  "yuan_per_person", "percent"] | None = Field(
        default=None, description="integer: people, months, years, days, working_days; amount: yuan (default), "
        "yuan_per_month, yuan_per_year, yuan_per_person; number: percent, months, years")
    min: InputNumber | None = Field(default=None, description="the smallest value accepted (default 0)")
    max: InputNumber | None = Field(default=None, description="the largest value accepted")
    default: bool | InputNumber | Id | None = Field(default=None, description="the value when left out (then optional)")
    parameter: Id | None = Field(default=None, description="amount only: the dated parameter (parameters/*.yaml) "
                                                           "offered as the editable default")
    asked_when: AskedWhen | None = Field(default=None, description="asked only when an earlier choice input has "
                                                                   "these values")
    not_above: Id | None = Field(default=None, description="the value may not exceed that input's")
    choices: tuple[InputChoice, ...] = Field(default=(), description="choice only: two or more")

    @model_validator(mode="after")
    def _shape(self) -> RuleInput:
        issues: list[tuple[str, str, At]] = []
        if self.type == "choice":
            if len(self.choices) < 2:
                issues.append(("选择题至少要有两个选项（choices）。", "A choice needs at least two choices.", ("choices",)))
            values = [c.value for c in self.choices]
            for i, value in enumerate(values):
                if value in values[:i]:
                    issues.append((f"选项“{value}”重复：请删除一个。", f"The choice '{value}' is listed twice: remove one.",
                                   ("choices", i, "value")))
        elif self.choices:
            issues.append(("只有 choice 类型才有 choices。", "Only a choice input has choices.", ("choices",)))
        if self.unit is not None and self.unit not in INPUT_UNITS[self.type]:
            allowed = ", ".join(INPUT_UNITS[self.type]) or "—"
            issues.append((f"{self.type} 类型的单位只能是：{allowed}。", f"The unit of a {self.type} input is one of: {allowed}.",
                           ("unit",)))
        numeric = self.type in ("integer", "amount", "number")
        for name in ("min", "max"):
            bound = getattr(self, name)
            if bound is None:
                continue
            if not numeric:
                issues.append((f"{name} 只用于数字和金额。", f"{name} goes with a number or an amount only.", (name,)))
            elif self.type == "integer" and not isinstance(bound, int):
                issues.append((f"整数的 {name} 应为整数。", f"An integer's {name} must be a whole number.", (name,)))
        if self.min is not None and self.max is not None and self.min > self.max:
            issues.append(("min 不能大于 max。", "min must not be above max.", ("min",)))
        if self.parameter is not None and self.type != "amount":
            issues.append(("parameter 只用于金额（type: amount）。", "parameter goes with an amount (type: amount) only.",
                           ("parameter",)))
        if self.default is not None and not self.accepts(self.default):
            issues.append((f"默认值 {_shown(self.default)} 不是这个输入项可以接受的值。",
                           f"The default {_shown(self.default)} is not a value this input accepts.", ("default",)))
        if issues:
            raise bilingual_errors(issues)
        return self

    def accepts(self, value: object) -> bool:
        """Is ``value`` a value of this input (a default, a condition's, an example's)?"""
        if self.type == "yes_no":
            return type(value) is bool
        if self.type == "choice":
            return isinstance(value, str) and value in {c.value for c in self.choices}
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            return False
        number = Decimal(str(value))
        if self.type == "integer" and not isinstance(value, int):
            return False
        low = self.min if self.min is not None else 0
        return number >= low and (self.max is None or number <= self.max)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class RuleFigure(Model):
    """A number the calculator uses, with the clause's own words that state it."""

    id: Id
    value: Number = Field(description="a number (12000, or 0.5 for 50%), read exactly")
    unit: Literal[FIGURE_UNITS] = Field(description="yuan, yuan_per_person, yuan_per_month, yuan_per_year, percent "
                                                    "(0.5 is 50%), people, months, years, days, calendar_year")
    label: Label
    quote: NonEmpty = Field(description="the clause's words that state this figure: copied exactly from text.zh")


class Periods(Model):
    """How many periods (months, years) a monthly or yearly item pays for."""

    input: Id = Field(description="an integer input in months or years")
    at_most: RuleFigureRef | None = Field(default=None, description="at most this many periods counted")
    after: RuleFigureRef | None = Field(default=None, description="only the periods after this many count "
                                                                  "(an extension)")


class PartPeriod(Model):
    """A part month paid by the days worked (不满1个月的按实际工作日计算)."""

    days_input: Id = Field(description="an integer input in days or working_days")
    days_in_period: RuleFigureRef = Field(description="the days a full month counts (每月按22个工作日计算)")


class Fixed(Model):
    """A fixed sum (给予一次性10万元; 每人每年3000元 with per and periods)."""

    amount: RuleFigureRef


class CountOf(Model):
    """The count: one integer input, or the sum of several."""

    input: Id | None = None
    sum: tuple[Id, ...] | None = Field(default=None, description="the sum of these integer inputs")

    @model_validator(mode="after")
    def _one(self) -> CountOf:
        if (self.input is None) == (self.sum is None):
            raise bilingual_error("count 要写 input（一个输入项）或 sum（几个输入项之和），二选一。",
                                  "count is either input (one input) or sum (the sum of several inputs).")
        if self.sum is not None and len(self.sum) < 2:
            raise bilingual_error("sum 至少要有两个输入项。", "sum needs at least two inputs.", at=("sum",))
        return self


class PerUnit(Model):
    """A sum per unit times a count (每成功推荐1个…给予1万元; 按200元/人)."""

    count: CountOf
    amount: RuleFigureRef
    count_at_most: RuleFigureRef | None = Field(default=None, description="units beyond this are paid nothing")


class RateOf(Model):
    """A rate of an amount the visitor enters (场地租金总额的50%), or of a dated parameter (an amount
    input with ``parameter``: 按本市最低工资标准的50%)."""

    input: Id = Field(description="an amount input")
    rate: Rate = Field(description="{figure: id} of a percent figure, or 1 (the whole amount)")


class Level(Model):
    id: Id
    label: Label
    when: tuple[RuleCondition, ...] = Field(min_length=1, description="all must hold for this level")
    amount: RuleFigureRef


class RuleTiers(Model):
    """Levels: the highest met (分别给予…), or each level met once (不同级别叠加)."""

    pick: Literal["highest", "each_level_once"]
    levels: tuple[Level, ...] = Field(min_length=2)


SHAPES = ("fixed", "per_unit", "rate_of", "tiers")


class ForEach(Model):
    """The item is for one (person, intern …), times a count the visitor enters."""

    input: Id = Field(description="an integer input: how many")
    at_most: RuleFigureRef | None = Field(default=None, description="at most this many counted")


class RuleItem(Model):
    """One line of the result: exactly one shape, with its own conditions (``when``)."""

    id: Id = Field(description="the result's item key")
    label: Label
    when: tuple[RuleCondition, ...] = Field(default=(), description="all must hold, or the item is not paid")
    up_to: bool = Field(default=False, description="the amount is a ceiling (最多): the total is shown as 'up to'")
    waived: bool = Field(default=False, description="the amount is waived (免收), not paid")
    fixed: Fixed | None = None
    per_unit: PerUnit | None = None
    rate_of: RateOf | None = None
    tiers: RuleTiers | None = None
    per: Literal["once", "month", "year"] = Field(default="once", description="what the shape's amount is for")
    cap: RuleFigureRef | None = Field(default=None, description="at most this per period (per: once: in all)")
    periods: Periods | None = Field(default=None, description="required when per is month or year")
    part_period: PartPeriod | None = Field(default=None, description="per: month only: a part month paid by days")
    for_each: ForEach | None = Field(default=None, description="all of the above is for one (person …), times "
                                                               "this count; cap is then per one")
    cap_in_all: RuleFigureRef | None = Field(default=None, description="at most this for the item in all (per month "
                                                                       "or year, or once with for_each)")

    @model_validator(mode="after")
    def _one_shape(self) -> RuleItem:
        given = [s for s in SHAPES if getattr(self, s) is not None]
        if len(given) != 1:
            raise bilingual_error(
                "每一项只能写一种金额：fixed、per_unit、rate_of 或 tiers"
                + ("（这里一种也没有）。" if not given else f"（这里写了 {'、'.join(given)}）。"),
                "Each item has exactly one shape: fixed, per_unit, rate_of or tiers"
                + (" (this one has none)." if not given else f" (this one has {', '.join(given)})."), at=("id",))
        issues: list[tuple[str, str, At]] = []
        if self.per == "once":
            for name in ("periods", "part_period") + (("cap_in_all",) if self.for_each is None else ()):
                if getattr(self, name) is not None:
                    issues.append((f"{name} 只用于按月或按年的金额：请写 per: month 或 per: year，或删除 {name}。",
                                   f"{name} goes with a sum per month or per year: write per: month or per: year, "
                                   f"or remove {name}.", (name,)))
        elif self.periods is None:
            issues.append((f"按{'月' if self.per == 'month' else '年'}计算的金额要写 periods（按几个周期计算，由哪个输入项决定）。",
                           f"A sum per {self.per} needs periods (which input says how many).", ("per",)))
        if self.part_period is not None and self.per != "month":
            issues.append(("part_period 只用于按月的金额（per: month）。", "part_period goes with per: month only.",
                           ("part_period",)))
        if issues:
            raise bilingual_errors(issues)
        return self

    @property
    def shape(self) -> tuple[str, Any]:
        name = next(s for s in SHAPES if getattr(self, s) is not None)
        return name, getattr(self, name)


class OneOf(Model):
    """Items of which only the largest paid one is kept (就高不重复)."""

    items: tuple[Id, ...] = Field(min_length=2)
    quote: NonEmpty | None = Field(default=None, description="the clause's words that say so: copied from text.zh")


ExampleValue = bool | int | float | Id


class WorkedExample(Model):
    """A worked example: the inputs, and the total the calculator must give for them."""

    inputs: dict[Id, ExampleValue] = Field(description="a value for every input it needs")
    total_yuan: Money = Field(description="the total the calculator must give (checked by check and the build)")
    eligible: bool | None = Field(default=None, description="optional: whether the example is eligible")


class CalculatorRules(Model):
    """A calculator written as data. Its id is also listed in the clause's ``calculators``."""

    id: Id = Field(description="unique among all calculators (not a Python calculator's id)")
    title: Label
    summary: Text
    applicant: Text
    eligible_verdict: Text | None = Field(default=None, description="what the verdict says instead of 'eligible' "
                                                                    "when the amount still depends on the agency's judgement")
    inputs: tuple[RuleInput, ...] = Field(min_length=1)
    figures: tuple[RuleFigure, ...] = ()
    conditions: tuple[RuleCondition, ...] = Field(default=(), description="on the whole calculator: not met, not eligible")
    items: tuple[RuleItem, ...] = Field(min_length=1, description="the total is the sum of the items")
    one_of: tuple[OneOf, ...] = Field(default=(), description="'highest, not both' groups of items")
    notes: tuple[Text, ...] = ()
    examples: tuple[WorkedExample, ...] = Field(min_length=1, description="worked examples, shown on the page")

    @model_validator(mode="after")
    def _references(self) -> CalculatorRules:
        issues = reference_issues(self)
        if issues:
            raise bilingual_errors(issues)
        return self

    def data(self, clause_id: str) -> dict[str, Any]:
        """The plain JSON the calculators package reads, with the clause it sits in."""
        return {**self.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True, mode="json"),
                "id": self.id, "clause": clause_id}


def clause_issues(clause: Any) -> list[tuple[str, str, At]]:
    """What a clause's data calculators must agree with in the clause itself (``model.Clause``): each
    is listed in ``calculators``, and every quote (a figure's, a one_of group's) is in text.zh."""
    issues: list[tuple[str, str, At]] = []
    for i, spec in enumerate(clause.calculator_rules):
        here = ("calculator_rules", i)
        if spec.id not in clause.calculators:
            issues.append((
                f"计算器“{spec.id}”写在 calculator_rules 中，但没有列在本条的 calculators 中，因此不会发布：请在 calculators 中加上它。",
                f"The calculator '{spec.id}' is written in calculator_rules but not listed in this clause's "
                "calculators, so it would not be published: add it to calculators.", here + ("id",)))
        quotes = [(("figures", k, "quote"), figure.quote) for k, figure in enumerate(spec.figures)]
        quotes += [(("one_of", k, "quote"), group.quote) for k, group in enumerate(spec.one_of) if group.quote]
        for at, words in quotes:
            if words not in clause.text.zh:
                issues.append((
                    f"引文“{words}”在本条原文（text.zh）中找不到：请从原文一字不差地复制（标点、全角和半角也要一致）。",
                    f"The quote '{words}' is not in this clause's Chinese text (text.zh): copy it exactly from the "
                    "text (punctuation, full-width and half-width characters too).", here + at))
        issues += _engine_issues(spec, clause.id, here)
    return issues


def _engine_issues(spec: CalculatorRules, clause_id: str, here: At) -> list[tuple[str, str, At]]:
    """The calculators package's own checks of the spec (what this model does not say already), then
    the worked examples computed by the engine: each total (and eligibility, when stated) must be
    what the example says."""
    data = spec.data(clause_id)
    found = [(p["zh"], p["en"], here + tuple(p["path"])) for p in engine.problems(data)]
    if found:
        return found
    for i, example in enumerate(spec.examples):
        at = here + ("examples", i)
        try:
            result = engine.calculate(data, dict(example.inputs))
        except InputError as error:
            found.append((
                "算例的输入有误：" + "；".join(e["zh"] for e in error.errors) + "请改正算例的 inputs（用到参数的输入项也要写出数值）。",
                "The worked example's inputs are wrong: " + "; ".join(e["en"] for e in error.errors)
                + " Correct the example's inputs (an input with a parameter needs its value written too).",
                at + ("inputs",)))
            continue
        total = Decimal(str(result["total_yuan"]))
        if total != example.total_yuan:
            found.append((
                f"算例写的总额是 {plain_number(example.total_yuan)} 元，按本计算器的规则算出的是 {plain_number(total)} 元："
                "请核对算例的输入和总额，以及 figures 和 items 是否与原文一致。",
                f"The worked example states a total of {plain_number(example.total_yuan)} yuan; this calculator's rules give "
                f"{plain_number(total)} yuan: check the example's inputs and total, and that figures and items say what "
                "the clause says.", at + ("total_yuan",)))
        if example.eligible is not None and result["eligible"] is not example.eligible:
            found.append((
                f"算例写的是 eligible: {str(example.eligible).lower()}，算出的是 {str(result['eligible']).lower()}：请核对。",
                f"The worked example says eligible: {str(example.eligible).lower()}; the rules give "
                f"{str(result['eligible']).lower()}: check it.", at + ("eligible",)))
    return found
