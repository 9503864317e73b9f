"""Conditions: on the whole calculator, on an item (``when``), on a tier level.

``check(ctx, condition)`` gives ``(met, reason, is_threshold)``: the reason says why the condition
is met (thresholds only) or not; ``is_threshold`` is False for a choice or yes/no that picks a branch.
An input that was not asked (its ``asked_when`` not met) makes a condition on it hold silently.
"""

from decimal import Decimal

from .._money import fmt_percent
from .._text import text
from . import words

COMPARISONS = ("at_least", "at_most", "above", "below")
_MET_ZH = {"at_least": "达到", "at_most": "未超过", "above": "超过", "below": "低于"}
_INCLUSIVE_ZH = {"at_least": "（含本数）", "at_most": "（含本数）", "above": "", "below": ""}
_NEED_ZH = {"at_least": "达到{}以上（含本数）", "at_most": "不超过{}（含本数）", "above": "超过{}（不含本数）",
            "below": "低于{}"}
_EN = {"at_least": "at least", "at_most": "at most", "above": "more than", "below": "less than"}


def comparison(condition):
    return next(key for key in COMPARISONS if key in condition)


def _holds(operator, left, right):
    if operator == "at_least":
        return left >= right
    if operator == "at_most":
        return left <= right
    if operator == "above":
        return left > right
    return left < right


def _upper_first(sentence):
    return sentence[:1].upper() + sentence[1:]


def _threshold_reason(met, operator, name, shown, bound, computed=False):
    if met:
        return text(f"{name['zh']}为{shown['zh']}，{_MET_ZH[operator]}{bound['zh']}{_INCLUSIVE_ZH[operator]}。",
                    _upper_first(f"{name['en']}: {shown['en']}, {_EN[operator]} {bound['en']}."))
    found_zh, found_en = ("按填写的数字为", "it is") if computed else ("填写的是", "entered")
    if computed:
        return text(f"{name['zh']}需{_NEED_ZH[operator].format(bound['zh'])}，{found_zh}{shown['zh']}。",
                    _upper_first(f"{name['en']} must be {_EN[operator]} {bound['en']}; {found_en} {shown['en']}."))
    return text(f"{name['zh']}需{_NEED_ZH[operator].format(bound['zh'])}，{found_zh}{shown['zh']}。",
                _upper_first(f"{name['en']} must be {_EN[operator]} {bound['en']}; {shown['en']} {found_en}."))


def _on_input(ctx, condition):
    entry = ctx.inputs[condition["input"]]
    entered = ctx.value(condition["input"])
    if entered is None:
        return True, None, False
    name = words.named(entry["label"])
    shown = words.value(entry, entered)
    if "is" in condition or "in" in condition:
        accepted = [condition["is"]] if "is" in condition else list(condition["in"])
        met = entered in accepted
        if met:
            return True, None, False
        wanted = words.expected(entry, accepted)
        return False, text(f"{name['zh']}需为“{wanted['zh']}”，填写的是“{shown['zh']}”。",
                           f"{name['en']} must be “{wanted['en']}”; “{shown['en']}” entered."), False
    operator = comparison(condition)
    bound = ctx.in_unit_of(condition[operator], condition["input"])
    met = _holds(operator, entered, bound)
    return met, _threshold_reason(met, operator, name, shown, ctx.figure_text(condition[operator])), True


def _on_ratio(ctx, condition):
    ratio = condition["ratio"]
    part, whole = ctx.value(ratio["input"]), ctx.value(ratio["of"])
    if part is None or whole is None:
        return True, None, False
    part_label = ctx.inputs[ratio["input"]]["label"]
    whole_label = ctx.inputs[ratio["of"]]["label"]
    name = text(f"「{part_label['zh']}」占「{whole_label['zh']}」的比例",
                f"the share of “{part_label['en']}” in “{whole_label['en']}”")
    operator = comparison(condition)
    bound_text = ctx.figure_text(condition[operator])
    if whole == 0:
        return False, text(f"{name['zh']}无法计算：「{whole_label['zh']}」为0。",
                           _upper_first(f"{name['en']} cannot be worked out: “{whole_label['en']}” is 0.")), True
    # Compared by multiplication, exactly: part >= share × whole.
    met = _holds(operator, part, ctx.figure(condition[operator]) * whole)
    shown = f"{fmt_percent(Decimal(part) / Decimal(whole))}%"
    return met, _threshold_reason(met, operator, name, text(shown, shown), bound_text, computed=True), True


def _on_any(ctx, condition):
    outcomes = [check(ctx, part) for part in condition["any"]]
    for met, reason, threshold in outcomes:
        if met:
            return True, reason, threshold
    unmet = [reason for _, reason, _ in outcomes if reason is not None]
    return False, text("以下条件都不满足：" + "；".join(r["zh"].rstrip("。") for r in unmet) + "。",
                       "None of these holds: " + "; ".join(r["en"].rstrip(".") for r in unmet) + "."), True


def check(ctx, condition):
    if "any" in condition:
        met, reason, threshold = _on_any(ctx, condition)
    elif "ratio" in condition:
        met, reason, threshold = _on_ratio(ctx, condition)
    else:
        met, reason, threshold = _on_input(ctx, condition)
    if not met and condition.get("reason_unmet"):
        reason = dict(condition["reason_unmet"])
    return met, reason, threshold


def check_all(ctx, conditions, silent_branches):
    """(all met, reasons). When one is not met, the reasons say only what is not met; with
    ``silent_branches`` (an item's ``when``), a choice or yes/no that picks another branch makes the
    whole list say nothing. When all are met, the reasons name the thresholds reached."""
    outcomes = [(condition, *check(ctx, condition)) for condition in conditions or []]
    unmet = [(c, reason, threshold) for c, met, reason, threshold in outcomes if not met]
    if not unmet:
        return True, [reason for _, met, reason, _ in outcomes if reason is not None]
    if silent_branches and any(not threshold and not c.get("reason_unmet") for c, _, threshold in unmet):
        return False, []
    return False, [reason for _, reason, _ in unmet if reason is not None]
