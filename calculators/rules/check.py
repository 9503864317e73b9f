"""``problems(spec)``: what is wrong with a calculator spec, located and in both languages.

The data layer validates the YAML's types first (pydantic); these are the engine's own checks, which
also keep it from failing on a malformed spec: unknown keys, references to figures and inputs that do
not exist, units that do not fit, caps below the amount they cap, a part month on a yearly item, and
worked examples whose total is not what the engine computes. Each problem is
``{"path": [key or index, ...], "zh": ..., "en": ...}`` (the path within the spec).
"""

import math
import re
from decimal import Decimal, InvalidOperation

from . import units
from .conditions import COMPARISONS
from .figures import DECIMAL_TEXT

ID = re.compile(r"^[a-z][a-z0-9_]*$")
TOP_REQUIRED = {"id", "clause", "title", "summary", "applicant", "inputs", "figures", "items"}
TOP_OPTIONAL = {"eligible_verdict", "conditions", "one_of", "notes", "examples"}
INPUT_KEYS = {"id", "type", "label", "help", "unit", "min", "max", "default", "parameter", "asked_when",
              "not_above", "choices"}
FIGURE_KEYS = {"id", "value", "unit", "label", "quote"}
ITEM_KEYS = {"id", "label", "when", "up_to", "waived", "per", "cap", "periods", "part_period", "cap_in_all",
             "for_each", "fixed", "per_unit", "rate_of", "tiers"}
SHAPES = ("fixed", "per_unit", "rate_of", "tiers")
PERS = ("once", "month", "year")


def _get(mapping, key):
    """``mapping[key]`` for a text key, else None (a list or a number is never an id)."""
    return mapping.get(key) if isinstance(key, str) else None


def _number(value):
    return type(value) in (int, float) or (isinstance(value, Decimal))


class _Checker:
    def __init__(self, spec):
        self.spec = spec
        self.found = []
        self.inputs = {}
        self.figures = {}

    def add(self, path, zh, en):
        self.found.append({"path": list(path), "zh": zh, "en": en})

    # --- small checks -------------------------------------------------------------------------

    def keys(self, value, path, required, optional=()):
        if not isinstance(value, dict):
            self.add(path, "这里应当是一个对象（键值对）。", "This must be an object (keys and values).")
            return False
        for key in value:
            if key not in required and key not in optional:
                allowed = "、".join(sorted(set(required) | set(optional)))
                self.add(path + [key], f"未知的键「{key}」；可用的键：{allowed}。",
                         f"Unknown key “{key}”; the keys allowed: {', '.join(sorted(set(required) | set(optional)))}.")
        ok = True
        for key in sorted(required):
            if key not in value:
                self.add(path, f"缺少「{key}」。", f"“{key}” is missing.")
                ok = False
        return ok

    def text(self, value, path):
        if not (isinstance(value, dict) and all(isinstance(value.get(k), str) and value[k].strip()
                                                for k in ("zh", "en"))
                and all(isinstance(v, str) for v in value.values())):
            self.add(path, "这里应当是中英文文本：{zh: …, en: …}。", "This must be a text in Chinese and English: {zh: …, en: …}.")

    def ident(self, value, path, seen):
        if not isinstance(value, str) or not ID.match(value):
            self.add(path, "编号只能用小写英文字母、数字和下划线，以字母开头，例如 rent_subsidy。",
                     "An id is lower-case letters, digits and underscores, starting with a letter: rent_subsidy.")
            return False
        if value in seen:
            self.add(path, f"编号「{value}」重复了。", f"The id “{value}” is used twice.")
            return False
        return True

    def figure_ref(self, value, path, units_allowed, what_zh, what_en):
        """A ``{figure: id}`` whose unit is one of ``units_allowed``; returns the figure or None."""
        if not (isinstance(value, dict) and set(value) == {"figure"}):
            self.add(path, f"{what_zh}必须引用一个数字：{{figure: 编号}}。",
                     f"{what_en} must name a figure: {{figure: id}}.")
            return None
        figure = _get(self.figures, value["figure"])
        if figure is None:
            self.add(path + ["figure"], f"没有编号为「{value['figure']}」的数字（figures）。",
                     f"There is no figure “{value['figure']}” (figures).")
            return None
        if figure.get("unit") not in units_allowed:
            self.add(path + ["figure"], f"{what_zh}的单位应当是{'、'.join(map(str, units_allowed))}，"
                                        f"数字「{value['figure']}」的单位是{figure.get('unit')}。",
                     f"{what_en} takes a figure in {', '.join(map(str, units_allowed))}; “{value['figure']}” is in "
                     f"{figure.get('unit')}.")
            return None
        return figure

    def input_ref(self, name, path, types, what_zh, what_en):
        entry = self.inputs.get(name) if isinstance(name, str) else None
        if entry is None:
            self.add(path, f"没有名为「{name}」的输入项（inputs）。", f"There is no input “{name}” (inputs).")
            return None
        if entry.get("type") not in types:
            self.add(path, f"{what_zh}必须是{'、'.join(types)}类型的输入项，「{name}」是{entry.get('type')}。",
                     f"{what_en} must be an input of type {', '.join(types)}; “{name}” is {entry.get('type')}.")
            return None
        return entry

    # --- inputs -------------------------------------------------------------------------------

    def inputs_(self):
        entries = self.spec.get("inputs")
        if not isinstance(entries, list) or not entries:
            self.add(["inputs"], "至少要有一个输入项。", "There must be at least one input.")
            return
        for index, entry in enumerate(entries):
            path = ["inputs", index]
            if not self.keys(entry, path, {"id", "type", "label"}, INPUT_KEYS - {"id", "type", "label"}):
                continue
            if not self.ident(entry["id"], path + ["id"], self.inputs):
                continue
            self.input_(entry, path)
            self.inputs[entry["id"]] = entry
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("not_above") is not None:
                limit = self.input_ref(entry["not_above"], ["inputs", index, "not_above"], ("integer", "amount", "number"),
                                       "not_above", "not_above")
                if limit is not None and limit is entry:
                    self.add(["inputs", index, "not_above"], "输入项不能以自己为上限。", "An input cannot be its own limit.")

    def input_(self, entry, path):
        kind = entry["type"]
        if not isinstance(kind, str) or kind not in units.INPUT_UNITS:
            self.add(path + ["type"], "类型必须是 integer、amount、number、choice 或 yes_no。",
                     "The type must be integer, amount, number, choice or yes_no.")
            return
        self.text(entry["label"], path + ["label"])
        if "help" in entry:
            self.text(entry["help"], path + ["help"])
        if entry.get("unit") not in units.INPUT_UNITS[kind] and not (kind == "amount" and "unit" not in entry):
            self.add(path + ["unit"], f"{kind}类型的单位只能是：{'、'.join(str(u) for u in units.INPUT_UNITS[kind] if u)}。",
                     f"A unit of an {kind} input is one of: {', '.join(str(u) for u in units.INPUT_UNITS[kind] if u)}.")
        numeric = kind in ("integer", "amount", "number")
        for bound in ("min", "max"):
            if bound in entry:
                value = entry[bound]
                good = type(value) is int if kind == "integer" else type(value) in (int, float)
                if not numeric or not good or value < 0:
                    self.add(path + [bound], "上下限必须是不小于0的数字（整数输入项用整数），且只用于数字输入项。",
                             "min and max are numbers of 0 or more (whole numbers for an integer input), for number inputs only.")
        if numeric and type(entry.get("min", 0)) in (int, float) and type(entry.get("max", 0)) in (int, float) \
                and "max" in entry and entry["max"] < entry.get("min", 0):
            self.add(path + ["max"], "max 不能小于 min。", "max cannot be less than min.")
        if "parameter" in entry and (kind != "amount" or not isinstance(entry["parameter"], str)):
            self.add(path + ["parameter"], "只有金额（amount）输入项可以用参数（parameter）作默认值。",
                     "Only an amount input can take its default from a parameter.")
        if kind == "choice":
            self.choices(entry, path)
        elif "choices" in entry:
            self.add(path + ["choices"], "只有 choice 类型的输入项有选项（choices）。", "Only a choice input has choices.")
        if "default" in entry:
            self.default(entry, path)
        if "asked_when" in entry:
            self.asked_when(entry["asked_when"], path + ["asked_when"])

    def choices(self, entry, path):
        choices = entry.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            self.add(path + ["choices"], "choice 输入项至少要有两个选项。", "A choice input needs two choices or more.")
            return
        values = set()
        for index, choice in enumerate(choices):
            where = path + ["choices", index]
            if self.keys(choice, where, {"value", "label"}):
                if not isinstance(choice["value"], str) or not choice["value"] or choice["value"] in values:
                    self.add(where + ["value"], "选项的值必须是不重复的文本。", "A choice's value is text, each one different.")
                else:
                    values.add(choice["value"])
                self.text(choice["label"], where + ["label"])

    def default(self, entry, path):
        value, kind = entry["default"], entry["type"]
        good = {
            "yes_no": type(value) is bool,
            "integer": type(value) is int,
            "amount": type(value) in (int, float),
            "number": type(value) in (int, float),
            "choice": isinstance(value, str) and value in self.choice_values(entry),
        }[kind]
        low, high = entry.get("min", 0), entry.get("max")
        if good and kind in ("integer", "amount", "number") and _number(low) and (high is None or _number(high)):
            good = low <= value and (high is None or value <= high)
        if not good:
            self.add(path + ["default"], "默认值必须符合输入项的类型和上下限。", "The default must fit the input's type, min and max.")

    @staticmethod
    def choice_values(entry):
        choices = entry.get("choices")
        if not isinstance(choices, list):
            return set()
        return {c.get("value") for c in choices if isinstance(c, dict) and isinstance(c.get("value"), str)}

    def asked_when(self, condition, path):
        if not self.keys(condition, path, {"input"}, {"is", "in"}) or ("is" in condition) == ("in" in condition):
            self.add(path, "asked_when 写作 {input: 选择项, is: 值} 或 {input: 选择项, in: [值, …]}。",
                     "asked_when is {input: a choice, is: value} or {input: a choice, in: [values]}.")
            return
        controller = _get(self.inputs, condition["input"])
        if controller is None or controller.get("type") != "choice":
            self.add(path + ["input"], "asked_when 只能取决于前面已列出的 choice 输入项。",
                     "asked_when can depend only on a choice input listed before it.")
            return
        accepted = [condition["is"]] if "is" in condition else condition["in"]
        if not isinstance(accepted, list) or not accepted or \
                any(not isinstance(v, str) or v not in self.choice_values(controller) for v in accepted):
            self.add(path, f"「{condition['input']}」没有这个选项。", f"“{condition['input']}” has no such choice.")

    # --- figures ------------------------------------------------------------------------------

    def figures_(self):
        entries = self.spec.get("figures")
        if not isinstance(entries, list):
            self.add(["figures"], "figures 必须是一个列表。", "figures must be a list.")
            return
        for index, figure in enumerate(entries):
            path = ["figures", index]
            if not self.keys(figure, path, FIGURE_KEYS):
                continue
            if not self.ident(figure["id"], path + ["id"], self.figures):
                continue
            value = figure["value"]
            good = (type(value) in (int, float) and math.isfinite(value) and value >= 0) \
                or (isinstance(value, str) and DECIMAL_TEXT.match(value) is not None)
            if not good:
                self.add(path + ["value"], "数值必须是不小于0的数字，或写成 \"0.5\" 这样的文本。",
                         "The value is a number of 0 or more, or a decimal text such as \"0.5\".")
            if figure["unit"] not in units.FIGURE_UNITS:
                self.add(path + ["unit"], f"单位只能是：{'、'.join(units.FIGURE_UNITS)}。",
                         f"The unit is one of: {', '.join(units.FIGURE_UNITS)}.")
            self.text(figure["label"], path + ["label"])
            if not isinstance(figure["quote"], str) or not figure["quote"].strip():
                self.add(path + ["quote"], "请摘录条款中写出这个数字的原文。", "Quote the clause's words that state this figure.")
            self.figures[figure["id"]] = figure

    def value_of(self, figure):
        try:
            return Decimal(figure["value"]) if isinstance(figure["value"], str) else Decimal(str(figure["value"]))
        except (InvalidOperation, ValueError, TypeError):
            return None

    # --- conditions ---------------------------------------------------------------------------

    def conditions(self, conditions, path):
        if conditions is None:
            return
        if not isinstance(conditions, list):
            self.add(path, "条件必须是一个列表。", "Conditions are a list.")
            return
        for index, condition in enumerate(conditions):
            self.condition(condition, path + [index])

    def condition(self, condition, path):
        if not isinstance(condition, dict):
            self.add(path, "条件必须是一个对象。", "A condition is an object.")
            return
        if condition.get("reason_unmet") is not None:
            self.text(condition["reason_unmet"], path + ["reason_unmet"])
        subjects = [k for k in ("input", "ratio", "any") if k in condition]
        operators = [k for k in ("is", "in") + COMPARISONS if k in condition]
        if len(subjects) != 1:
            self.add(path, "条件必须且只能有 input、ratio 或 any 之一。", "A condition has exactly one of input, ratio or any.")
            return
        subject = subjects[0]
        allowed = {subject, "reason_unmet"} | set(operators)
        self.keys(condition, path, {subject}, allowed - {subject})
        if subject == "any":
            if operators or not isinstance(condition["any"], list) or len(condition["any"]) < 2:
                self.add(path, "any 是两个或更多条件的列表。", "any is a list of two conditions or more.")
                return
            for index, part in enumerate(condition["any"]):
                self.condition(part, path + ["any", index])
            return
        unknown = [k for k in condition if k not in {subject, "reason_unmet"} | set(("is", "in") + COMPARISONS)]
        if unknown:
            return
        if len(operators) != 1:
            self.add(path, "条件必须且只能有一个比较：is、in、at_least、at_most、above 或 below。",
                     "A condition has exactly one test: is, in, at_least, at_most, above or below.")
            return
        operator = operators[0]
        if subject == "ratio":
            ratio = condition["ratio"]
            if not self.keys(ratio, path + ["ratio"], {"input", "of"}):
                return
            part = self.input_ref(ratio["input"], path + ["ratio", "input"], ("integer", "amount"), "比例的分子", "A ratio's part")
            whole = self.input_ref(ratio["of"], path + ["ratio", "of"], ("integer", "amount"), "比例的分母", "A ratio's whole")
            if part is not None and whole is not None and part.get("type") != whole.get("type"):
                self.add(path + ["ratio"], "比例的两个输入项类型必须相同。", "A ratio's two inputs are of the same type.")
            if operator not in COMPARISONS:
                self.add(path, "比例只能用 at_least、at_most、above 或 below 比较。",
                         "A ratio is tested with at_least, at_most, above or below.")
                return
            self.figure_ref(condition[operator], path + [operator], ("percent",), "比例的界限", "A ratio's bound")
            return
        entry = self.inputs.get(condition["input"]) if isinstance(condition["input"], str) else None
        if entry is None:
            self.add(path + ["input"], f"没有名为「{condition['input']}」的输入项（inputs）。",
                     f"There is no input “{condition['input']}” (inputs).")
            return
        kind = entry["type"]
        if operator in ("is", "in"):
            accepted = [condition["is"]] if operator == "is" else condition["in"]
            if kind not in ("choice", "yes_no") or not isinstance(accepted, list) or not accepted:
                self.add(path, "is / in 只用于 choice 或 yes_no 输入项。", "is / in test a choice or yes_no input.")
                return
            valid = self.choice_values(entry) if kind == "choice" else {True, False}
            if any(type(v) is not (str if kind == "choice" else bool) or v not in valid for v in accepted):
                self.add(path + [operator], f"「{entry['id']}」没有这个值。", f"“{entry['id']}” has no such value.")
            return
        if kind not in ("integer", "amount", "number"):
            self.add(path, "at_least、at_most、above、below 只用于数字输入项。",
                     "at_least, at_most, above and below test a number input.")
            return
        figure = self.figure_ref(condition[operator], path + [operator], units.FIGURE_UNITS, "界限", "A bound")
        if figure is not None and units.factor(figure["unit"], self.unit_of(entry)) is None:
            self.add(path + [operator], f"数字「{figure['id']}」（{figure['unit']}）不能和「{entry['id']}」"
                                        f"（{self.unit_of(entry)}）比较。",
                     f"The figure “{figure['id']}” ({figure['unit']}) cannot be compared with “{entry['id']}” "
                     f"({self.unit_of(entry)}).")

    @staticmethod
    def unit_of(entry):
        return entry.get("unit") or ("yuan" if entry.get("type") == "amount" else None)

    # --- items --------------------------------------------------------------------------------

    def items_(self):
        entries = self.spec.get("items")
        if not isinstance(entries, list) or not entries:
            self.add(["items"], "至少要有一个补贴项目（items）。", "There must be at least one item.")
            return
        seen = {}
        for index, item in enumerate(entries):
            path = ["items", index]
            if not self.keys(item, path, {"id", "label"}, ITEM_KEYS - {"id", "label"}):
                continue
            if not self.ident(item["id"], path + ["id"], seen):
                continue
            seen[item["id"]] = item
            self.item(item, path)
        self.item_ids = seen

    def item(self, item, path):
        self.text(item["label"], path + ["label"])
        self.conditions(item.get("when"), path + ["when"])
        for flag in ("up_to", "waived"):
            if flag in item and type(item[flag]) is not bool:
                self.add(path + [flag], f"{flag} 是 true 或 false。", f"{flag} is true or false.")
        shapes = [s for s in SHAPES if s in item]
        if len(shapes) != 1:
            self.add(path, "每个项目必须且只能有一种算法：fixed、per_unit、rate_of 或 tiers。",
                     "An item has exactly one shape: fixed, per_unit, rate_of or tiers.")
            return
        per = item.get("per", "once")
        if per not in PERS:
            self.add(path + ["per"], "per 只能是 once、month 或 year。", "per is once, month or year.")
            return
        shape = shapes[0]
        amount = getattr(self, "shape_" + shape)(item[shape], path + [shape], per)
        if "cap" in item:
            cap = self.figure_ref(item["cap"], path + ["cap"], tuple(units.MONEY), "上限", "A cap")
            if cap is not None and amount is not None and self.value_of(cap) is not None \
                    and self.value_of(cap) < amount:
                self.add(path + ["cap"], "上限低于它所限制的金额，这个上限总是起作用；请检查数字。",
                         "The cap is below the amount it caps, so it always applies: check the figures.")
        self.for_each(item, path)
        self.periods(item, path, per)
        self.cap_in_all(item, path, per)

    def for_each(self, item, path):
        each = item.get("for_each")
        if each is None:
            return
        if not self.keys(each, path + ["for_each"], {"input"}, {"at_most"}):
            return
        entry = self.input_ref(each["input"], path + ["for_each", "input"], ("integer",), "for_each", "for_each")
        if "at_most" in each:
            figure = self.figure_ref(each["at_most"], path + ["for_each", "at_most"], units.FIGURE_UNITS, "人数上限",
                                     "for_each.at_most")
            if figure is not None and entry is not None and units.factor(figure["unit"], entry.get("unit")) is None:
                self.add(path + ["for_each", "at_most"], "人数上限的单位和输入项不一致。",
                         "for_each.at_most is not in the input's unit.")

    def cap_in_all(self, item, path, per):
        if "cap_in_all" not in item:
            return
        if per == "once" and "for_each" not in item:
            self.add(path + ["cap_in_all"], "一次性（per: once）的项目用 cap 作上限。", "A one-off item (per: once) takes cap as its cap.")
            return
        cap_all = self.figure_ref(item["cap_in_all"], path + ["cap_in_all"], tuple(units.MONEY), "总上限", "cap_in_all")
        cap = self.figures.get(item.get("cap", {}).get("figure")) if isinstance(item.get("cap"), dict) and \
            isinstance(item["cap"].get("figure"), str) else None
        if cap_all is not None and cap is not None and self.value_of(cap_all) is not None and \
                self.value_of(cap) is not None and self.value_of(cap_all) < self.value_of(cap):
            self.add(path + ["cap_in_all"], "总上限低于每期的上限。", "The cap in all is below the cap per period.")

    def periods(self, item, path, per):
        if per == "once":
            for key in ("periods", "part_period"):
                if key in item:
                    self.add(path + [key], f"一次性（per: once）的项目没有 {key}。", f"A one-off item (per: once) has no {key}.")
            return
        periods = item.get("periods")
        if periods is None:
            self.add(path, "按月或按年计的项目需要 periods：{input: 月数或年数输入项}。",
                     "A monthly or yearly item needs periods: {input: an input in months or years}.")
            return
        if not self.keys(periods, path + ["periods"], {"input"}, {"at_most", "after"}):
            return
        entry = self.input_ref(periods["input"], path + ["periods", "input"], ("integer",), "期数", "periods.input")
        if entry is not None and entry.get("unit") not in ("months", "years") or \
                entry is not None and per == "year" and entry.get("unit") == "months":
            self.add(path + ["periods", "input"], "期数输入项的单位必须是 months 或 years（按年计的项目用 years）。",
                     "The periods input is in months or years (years for a yearly item).")
        for key in ("at_most", "after"):
            if key in periods:
                figure = self.figure_ref(periods[key], path + ["periods", key], ("months", "years"), "期限", "A limit")
                value = self.value_of(figure) if figure is not None else None
                if value is not None:
                    in_periods = value * 12 if (per == "month" and figure["unit"] == "years") else \
                        value / 12 if (per == "year" and figure["unit"] == "months") else value
                    if in_periods != in_periods.to_integral_value() or (key == "at_most" and in_periods == 0):
                        self.add(path + ["periods", key], "期限必须是整数个期数（按年计的项目用整年）。",
                                 "A limit is a whole number of periods (whole years for a yearly item).")
        part = item.get("part_period")
        if part is not None:
            if per != "month" or "after" in periods:
                self.add(path + ["part_period"], "part_period 只用于按月计、没有 after 的项目。",
                         "part_period is for a monthly item without after.")
            elif self.keys(part, path + ["part_period"], {"days_input", "days_in_period"}):
                days = self.input_ref(part["days_input"], path + ["part_period", "days_input"], ("integer",),
                                      "天数", "days_input")
                if days is not None and days.get("unit") not in ("days", "working_days"):
                    self.add(path + ["part_period", "days_input"], "天数输入项的单位必须是 days 或 working_days。",
                             "The days input is in days or working_days.")
                figure = self.figure_ref(part["days_in_period"], path + ["part_period", "days_in_period"], ("days",),
                                         "每月天数", "days_in_period")
                if days is not None and figure is not None and self.value_of(figure) is not None and \
                        (not _number(days.get("max")) or days["max"] >= self.value_of(figure)):
                    self.add(path + ["part_period", "days_input"],
                             f"不满1个月的天数最多是{self.value_of(figure) - 1}：请给「{days['id']}」写 max。",
                             f"A part month has at most {self.value_of(figure) - 1} days: give “{days['id']}” that max.")

    def money(self, reference, path, what_zh, what_en):
        figure = self.figure_ref(reference, path, tuple(units.MONEY), what_zh, what_en)
        return self.value_of(figure) if figure is not None else None

    def shape_fixed(self, shape, path, per):
        if self.keys(shape, path, {"amount"}):
            return self.money(shape["amount"], path + ["amount"], "金额", "amount")
        return None

    def shape_per_unit(self, shape, path, per):
        if not self.keys(shape, path, {"count", "amount"}, {"count_at_most"}):
            return None
        count = shape["count"]
        first = None
        if isinstance(count, dict) and set(count) == {"input"}:
            first = self.input_ref(count["input"], path + ["count", "input"], ("integer",), "人数", "count")
        elif isinstance(count, dict) and set(count) == {"sum"} and isinstance(count["sum"], list) and len(count["sum"]) >= 2:
            entries = [self.input_ref(n, path + ["count", "sum", i], ("integer",), "人数", "count")
                       for i, n in enumerate(count["sum"])]
            first = entries[0]
            if all(e is not None for e in entries) and len({repr(e.get("unit")) for e in entries}) != 1:
                self.add(path + ["count", "sum"], "相加的输入项单位必须相同。", "The inputs added up have one unit.")
        else:
            self.add(path + ["count"], "count 写作 {input: 输入项} 或 {sum: [输入项, 输入项]}。",
                     "count is {input: an input} or {sum: [an input, another]}.")
        if "count_at_most" in shape:
            figure = self.figure_ref(shape["count_at_most"], path + ["count_at_most"], units.FIGURE_UNITS,
                                     "数量上限", "count_at_most")
            if figure is not None and first is not None and units.factor(figure["unit"], first.get("unit")) is None:
                self.add(path + ["count_at_most"], "数量上限的单位和人数输入项不一致。",
                         "count_at_most is not in the count's unit.")
        return self.money(shape["amount"], path + ["amount"], "单价", "amount")

    def shape_rate_of(self, shape, path, per):
        if not self.keys(shape, path, {"input", "rate"}):
            return None
        self.input_ref(shape["input"], path + ["input"], ("amount",), "比例的基数", "rate_of.input")
        rate = shape["rate"]
        if isinstance(rate, dict):
            self.figure_ref(rate, path + ["rate"], ("percent",), "比例", "rate")
        elif not (type(rate) is int and rate == 1):
            self.add(path + ["rate"], "比例引用一个百分比数字 {figure: 编号}；只有全额可以直接写 1。",
                     "rate names a percent figure {figure: id}; only the whole amount may be written 1.")
        return None

    def shape_tiers(self, shape, path, per):
        if not self.keys(shape, path, {"pick", "levels"}):
            return None
        if shape["pick"] not in ("highest", "each_level_once"):
            self.add(path + ["pick"], "pick 只能是 highest 或 each_level_once。", "pick is highest or each_level_once.")
        levels = shape["levels"]
        if not isinstance(levels, list) or not levels:
            self.add(path + ["levels"], "至少要有一档。", "There must be one level or more.")
            return None
        seen = {}
        for index, level in enumerate(levels):
            where = path + ["levels", index]
            if not self.keys(level, where, {"id", "label", "when", "amount"}):
                continue
            if self.ident(level["id"], where + ["id"], seen):
                seen[level["id"]] = level
            self.text(level["label"], where + ["label"])
            if not isinstance(level["when"], list) or not level["when"]:
                self.add(where + ["when"], "每一档都要有条件。", "Each level has conditions.")
            else:
                self.conditions(level["when"], where + ["when"])
            self.money(level["amount"], where + ["amount"], "金额", "amount")
        return None

    # --- the rest -----------------------------------------------------------------------------

    def one_of(self):
        groups = self.spec.get("one_of")
        if groups is None:
            return
        if not isinstance(groups, list):
            self.add(["one_of"], "one_of 是一个列表。", "one_of is a list.")
            return
        used = set()
        for index, group in enumerate(groups):
            path = ["one_of", index]
            if not self.keys(group, path, {"items"}, {"quote"}):
                continue
            names = group["items"]
            if not isinstance(names, list) or len(names) < 2 or len(set(map(str, names))) != len(names):
                self.add(path + ["items"], "就高不重复的一组至少要有两个不同的项目。", "A group names two different items or more.")
                continue
            for position, name in enumerate(names):
                if name not in getattr(self, "item_ids", {}):
                    self.add(path + ["items", position], f"没有编号为「{name}」的项目。", f"There is no item “{name}”.")
                elif name in used:
                    self.add(path + ["items", position], f"项目「{name}」已在另一组中。", f"Item “{name}” is in another group.")
                used.add(name)
            if "quote" in group and (not isinstance(group["quote"], str) or not group["quote"].strip()):
                self.add(path + ["quote"], "quote 是条款原文。", "quote is the clause's words.")

    def top(self):
        if not self.keys(self.spec, [], TOP_REQUIRED, TOP_OPTIONAL):
            return False
        self.ident(self.spec["id"], ["id"], {})
        if not isinstance(self.spec["clause"], str) or not self.spec["clause"]:
            self.add(["clause"], "clause 是条款编号。", "clause is the clause id.")
        for key in ("title", "summary", "applicant"):
            self.text(self.spec[key], [key])
        if self.spec.get("eligible_verdict") is not None:
            self.text(self.spec["eligible_verdict"], ["eligible_verdict"])
        notes = self.spec.get("notes")
        if notes is not None and not isinstance(notes, list):
            self.add(["notes"], "notes 是一个列表。", "notes is a list.")
        for index, note in enumerate(notes if isinstance(notes, list) else []):
            self.text(note, ["notes", index])
        return True

    def examples(self):
        examples = self.spec.get("examples")
        if examples is None:
            return
        if not isinstance(examples, list):
            self.add(["examples"], "examples 是一个列表。", "examples is a list.")
            return
        for index, example in enumerate(examples):
            path = ["examples", index]
            if self.keys(example, path, {"inputs", "total_yuan"}, {"eligible"}):
                if not isinstance(example["inputs"], dict) or not _number(example["total_yuan"]) \
                        or type(example["total_yuan"]) is bool:
                    self.add(path, "例子写作 {inputs: {…}, total_yuan: 数字}。", "An example is {inputs: {…}, total_yuan: a number}.")

    def run(self):
        if not isinstance(self.spec, dict):
            self.add([], "计算器必须是一个对象。", "A calculator is an object.")
            return self.found
        if not self.top():
            return self.found
        self.figures_()
        self.inputs_()
        self.conditions(self.spec.get("conditions"), ["conditions"])
        self.items_()
        self.one_of()
        self.examples()
        return self.found


def problems(spec):
    """Located bilingual problems of a calculator spec; [] when the engine can run it."""
    return _Checker(spec).run()
