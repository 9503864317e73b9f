"""The references inside one calculator written as data (``model_rules.CalculatorRules``): every input
and figure it names exists and fits where it is used (a choice's values, a number's comparisons, a
limit in months or years, a rate in percent), a cap is not below the amount it caps, a worked
example's inputs are values of their inputs. Each problem is ``(zh, en, location in the spec)``, for
``model_base.bilingual_errors``: the loader reports them with file and line."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

At = tuple[str | int, ...]


def reference_issues(spec: Any) -> list[tuple[str, str, At]]:
    """Every reference problem of ``spec`` (a validated ``CalculatorRules``)."""
    return References(spec).issues()


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


class References:
    """Every input and figure named in a calculator exists and fits where it is used."""

    def __init__(self, spec: Any):
        self.spec = spec
        self.inputs = {i.id: i for i in spec.inputs}
        self.order = [i.id for i in spec.inputs]
        self.figures = {f.id: f for f in spec.figures}
        self.found: list[tuple[str, str, At]] = []

    def issues(self) -> list[tuple[str, str, At]]:
        spec = self.spec
        for name, things in (("inputs", spec.inputs), ("figures", spec.figures), ("items", spec.items)):
            ids = [t.id for t in things]
            for i, ident in enumerate(ids):
                if ident in ids[:i]:
                    self.add(f"编号“{ident}”在 {name} 中出现了两次：每个编号只能用一次。",
                             f"The id '{ident}' is used twice in {name}: each id must be unique.", (name, i, "id"))
        for i, entry in enumerate(spec.inputs):
            here = ("inputs", i)
            if entry.asked_when is not None:
                target = self.input(entry.asked_when.input, here + ("asked_when", "input"), ("choice",))
                if target is not None and self.order.index(target.id) >= i:
                    self.add(f"asked_when 只能引用排在前面的输入项：“{target.id}”排在“{entry.id}”之后（或就是它自己）。",
                             f"asked_when may name only an earlier input: '{target.id}' comes after '{entry.id}' "
                             "(or is itself).", here + ("asked_when", "input"))
                elif target is not None:
                    for value in entry.asked_when.values:
                        if not target.accepts(value):
                            self.no_value(target, value, here + ("asked_when", "is" if entry.asked_when.in_ is None else "in"))
            if entry.not_above is not None:
                self.input(entry.not_above, here + ("not_above",), (entry.type,))
        for i, condition in enumerate(spec.conditions):
            self.condition(condition, ("conditions", i))
        for i, item in enumerate(spec.items):
            self.item(item, ("items", i))
        item_ids = [item.id for item in spec.items]
        for i, group in enumerate(spec.one_of):
            for k, ident in enumerate(group.items):
                if ident not in item_ids:
                    self.add(f"one_of 中的“{ident}”不是本计算器的项目（items）：{_listed(item_ids)}。",
                             f"'{ident}' in one_of is not an item of this calculator: {_listed(item_ids, 'en')}.",
                             ("one_of", i, "items", k))
        for i, example in enumerate(spec.examples):
            for name, value in example.inputs.items():
                known = self.inputs.get(name)
                if known is None:
                    self.unknown_input(name, ("examples", i, "inputs", name))
                elif not known.accepts(value):
                    self.add(f"算例中“{name}”的值 {_shown(value)} 不是这个输入项可以接受的值。",
                             f"The example's value {_shown(value)} for '{name}' is not one this input accepts.",
                             ("examples", i, "inputs", name))
        return self.found

    def add(self, zh: str, en: str, at: At) -> None:
        self.found.append((zh, en, at))

    def unknown_input(self, name: str, at: At) -> None:
        self.add(f"未知的输入项“{name}”：本计算器的输入项（inputs）有 {_listed(self.inputs)}。请检查拼写，或先在 inputs 中添加它。",
                 f"Unknown input '{name}': this calculator's inputs are {_listed(self.inputs, 'en')}. Check the "
                 "spelling, or add it to inputs first.", at)

    def no_value(self, target: Any, value: object, at: At) -> None:
        self.add(f"输入项“{target.id}”没有值 {_shown(value)}：{_values(target)}。",
                 f"The input '{target.id}' has no value {_shown(value)}: {_values(target, 'en')}.", at)

    def input(self, name: str, at: At, types: tuple[str, ...] = (), units: tuple[str, ...] = ()) -> Any:
        known = self.inputs.get(name)
        if known is None:
            self.unknown_input(name, at)
            return None
        if types and known.type not in types:
            self.add(f"输入项“{name}”的类型是 {known.type}，这里需要 {' 或 '.join(types)}。",
                     f"The input '{name}' is of type {known.type}; this needs {' or '.join(types)}.", at)
            return None
        if units and known.unit not in units:
            self.add(f"输入项“{name}”的单位是 {known.unit or '（无）'}，这里需要 {' 或 '.join(units)}。",
                     f"The input '{name}' has the unit {known.unit or '(none)'}; this needs {' or '.join(units)}.", at)
            return None
        return known

    def figure(self, ref: Any, at: At, units: tuple[str, ...] = ()) -> Any:
        if not hasattr(ref, "figure"):
            return None  # absent, or the number 1
        known = self.figures.get(ref.figure)
        if known is None:
            self.add(f"未知的数字“{ref.figure}”：本计算器的数字（figures）有 {_listed(self.figures)}。请检查拼写，"
                     "或先在 figures 中添加它（连同原文的引文 quote）。",
                     f"Unknown figure '{ref.figure}': this calculator's figures are {_listed(self.figures, 'en')}. "
                     "Check the spelling, or add it to figures first (with the clause's words in quote).",
                     at + ("figure",))
            return None
        if units and known.unit not in units:
            self.add(f"数字“{known.id}”的单位是 {known.unit}，这里需要 {' 或 '.join(units)}。",
                     f"The figure '{known.id}' is in {known.unit}; this needs {' or '.join(units)}.", at + ("figure",))
            return None
        return known

    def condition(self, condition: Any, at: At) -> None:
        if condition.any is not None:
            for i, part in enumerate(condition.any):
                self.condition(part, at + ("any", i))
            return
        name, value = condition.comparison
        if condition.ratio is not None:
            self.input(condition.ratio.input, at + ("ratio", "input"), ("integer", "amount", "number"))
            self.input(condition.ratio.of, at + ("ratio", "of"), ("integer", "amount", "number"))
            self.figure(value, at + (name,), ("percent",))
            return
        target = self.input(condition.input, at + ("input",))
        if target is None:
            return
        if name in ("is", "in"):
            if target.type not in ("choice", "yes_no"):
                self.add(f"is 和 in 只用于选择题和是非题；“{target.id}”是 {target.type}：请用 at_least、at_most、above 或 below。",
                         f"is and in go with a choice or yes/no input; '{target.id}' is {target.type}: use at_least, "
                         "at_most, above or below.", at + (name,))
                return
            for v in (value,) if name == "is" else value:
                if not target.accepts(v):
                    self.no_value(target, v, at + (name,))
        elif target.type not in ("integer", "amount", "number"):
            self.add(f"{name} 只用于数字；“{target.id}”是 {target.type}：请用 is 或 in。",
                     f"{name} compares numbers; '{target.id}' is {target.type}: use is or in.", at + (name,))
        else:
            self.figure(value, at + (name,))

    def item(self, item: Any, at: At) -> None:
        for i, condition in enumerate(item.when):
            self.condition(condition, at + ("when", i))
        name, shape = item.shape
        here = at + (name,)
        amount = None
        if name == "fixed":
            amount = self.figure(shape.amount, here + ("amount",))
        elif name == "per_unit":
            ids = (shape.count.input,) if shape.count.input is not None else shape.count.sum
            for k, ident in enumerate(ids):
                self.input(ident, here + ("count",) + (("input",) if shape.count.input is not None else ("sum", k)),
                           ("integer",))
            amount = self.figure(shape.amount, here + ("amount",))
            self.figure(shape.count_at_most, here + ("count_at_most",))
        elif name == "rate_of":
            self.input(shape.input, here + ("input",), ("amount",))
            self.figure(shape.rate, here + ("rate",), ("percent",))
        elif name == "tiers":
            for i, level in enumerate(shape.levels):
                for k, condition in enumerate(level.when):
                    self.condition(condition, here + ("levels", i, "when", k))
                self.figure(level.amount, here + ("levels", i, "amount"))
        cap = self.figure(item.cap, at + ("cap",))
        if amount is not None and cap is not None and cap.value < amount.value:
            self.add(f"上限“{cap.id}”（{plain_number(cap.value)}）低于它所限制的金额“{amount.id}”（{plain_number(amount.value)}）："
                     "这样上限永远起作用。请核对这两个数字和原文。",
                     f"The cap '{cap.id}' ({plain_number(cap.value)}) is below the amount it caps, '{amount.id}' "
                     f"({plain_number(amount.value)}): the cap would always apply. Check both figures against the clause.",
                     at + ("cap", "figure"))
        cap_in_all = self.figure(item.cap_in_all, at + ("cap_in_all",))
        for smaller in (cap, amount):
            if smaller is not None and cap_in_all is not None and cap_in_all.value < smaller.value:
                self.add(f"总上限“{cap_in_all.id}”（{plain_number(cap_in_all.value)}）低于“{smaller.id}”（{plain_number(smaller.value)}）："
                         "请核对这两个数字和原文。",
                         f"The cap in all '{cap_in_all.id}' ({plain_number(cap_in_all.value)}) is below '{smaller.id}' "
                         f"({plain_number(smaller.value)}): check both figures against the clause.",
                         at + ("cap_in_all", "figure"))
                break
        if item.periods is not None:
            self.input(item.periods.input, at + ("periods", "input"), ("integer",), ("months", "years"))
            self.figure(item.periods.at_most, at + ("periods", "at_most"), ("months", "years"))
            self.figure(item.periods.after, at + ("periods", "after"), ("months", "years"))
        if item.for_each is not None:
            self.input(item.for_each.input, at + ("for_each", "input"), ("integer",))
            self.figure(item.for_each.at_most, at + ("for_each", "at_most"))
        if item.part_period is not None:
            self.input(item.part_period.days_input, at + ("part_period", "days_input"), ("integer",),
                       ("days", "working_days"))
            self.figure(item.part_period.days_in_period, at + ("part_period", "days_in_period"), ("days",))


def _listed(ids: Any, lang: str = "zh") -> str:
    names = sorted(ids)
    if not names:
        return "（无）" if lang == "zh" else "(none)"
    return ("、" if lang == "zh" else ", ").join(names)


def _values(target: Any, lang: str = "zh") -> str:
    if target.type == "yes_no":
        return "只能是 true 或 false" if lang == "zh" else "it is true or false"
    if target.choices:
        values = ", ".join(c.value for c in target.choices)
        return f"可选的值有 {values}" if lang == "zh" else f"its values are {values}"
    return "请检查" if lang == "zh" else "check it"


def plain_number(value: Decimal) -> str:
    return f"{value.normalize():f}"
