"""The amount of one period of an item (or of the whole, for ``per: once``), by its shape:
fixed, per_unit, rate_of, tiers. Each gives ``(amount, expression, compound)`` or None when the
item pays nothing (a count of 0, no tier level met), with the reasons why."""

from decimal import Decimal

from .._text import text
from . import conditions, units, words
from .fields import unit_of


def _rate(ctx, rate):
    if isinstance(rate, dict):
        return ctx.figure(rate), ctx.figure_text(rate)
    return Decimal(str(rate)), None


def fixed(ctx, item, shape):
    return (ctx.figure(shape["amount"]), ctx.figure_text(shape["amount"]), False), []


def per_unit(ctx, item, shape):
    count_ref = shape["count"]
    ids = [count_ref["input"]] if "input" in count_ref else list(count_ref["sum"])
    entered = [ctx.value(i) for i in ids]
    if any(v is None for v in entered):
        return None, []
    count = sum(entered)
    first = ctx.inputs[ids[0]]
    unit = unit_of(first)
    if len(ids) == 1:
        name = words.named(first["label"])
    else:
        labels = [ctx.inputs[i]["label"] for i in ids]
        name = text("「" + "」与「".join(l["zh"] for l in labels) + "」之和",
                    "the sum of “" + "” and “".join(l["en"] for l in labels) + "”")
    label = words.named(item["label"])
    if count == 0:
        return None, [text(f"{label['zh']}：{name['zh']}为0，不予补贴。",
                           f"{label['en']}: {name['en']} is 0, so nothing is paid.")]
    counted = count
    shown = units.quantity(count, unit)
    note = text("", "")
    if shape.get("count_at_most"):
        limit = ctx.figure(shape["count_at_most"]) * units.factor(ctx.figure_unit(shape["count_at_most"]), unit)
        if count > limit:
            counted = limit
            limit_text = units.quantity(limit, unit)
            note = text(f"（填写的是{shown['zh']}，最多按{limit_text['zh']}计）",
                        f" ({shown['en']} entered, at most {limit_text['en']} counted)")
            shown = limit_text
    amount = ctx.figure(shape["amount"])
    per_one = ctx.figure_text(shape["amount"])
    expression = text(f"{per_one['zh']} × {shown['zh']}{note['zh']}", f"{per_one['en']} × {shown['en']}{note['en']}")
    return (amount * counted, expression, True), []


def rate_of(ctx, item, shape):
    entry = ctx.inputs[shape["input"]]
    entered = ctx.value(shape["input"])
    if entered is None:
        return None, []
    rate, rate_text = _rate(ctx, shape["rate"])
    shown = words.value(entry, entered)
    label = entry["label"]
    if rate_text is None and rate == 1:
        expression = text(f"{label['zh']}{shown['zh']}", f"{shown['en']} ({label['en']})")
        return (entered, expression, False), []
    rate_text = rate_text or text(f"{rate}", f"{rate}")
    expression = text(f"{label['zh']}{shown['zh']} × {rate_text['zh']}",
                      f"{shown['en']} ({label['en']}) × {rate_text['en']}")
    return (entered * rate, expression, True), []


def tiers(ctx, item, shape):
    met = []
    closest = None
    for level in shape["levels"]:
        ok, reasons = conditions.check_all(ctx, level["when"], silent_branches=True)
        if ok:
            met.append(level)
        elif reasons and (closest is None or ctx.figure(level["amount"]) < ctx.figure(closest[0]["amount"])):
            closest = (level, reasons)
    label = words.named(item["label"])
    if not met:
        reasons = [text(f"{label['zh']}：未达到任何一档的条件。", f"{label['en']}: no level is reached.")]
        if closest is not None:
            level_name = words.named(closest[0]["label"])
            reasons.append(text(f"最低一档{level_name['zh']}：" + "".join(r["zh"] for r in closest[1]),
                                f"The lowest level, {level_name['en']}: " + " ".join(r["en"] for r in closest[1])))
        return None, reasons

    def named_amount(level):
        amount = ctx.figure_text(level["amount"])
        name = words.named(level["label"])
        return text(f"{name['zh']}{amount['zh']}", f"{name['en']} {amount['en']}")

    if shape["pick"] == "each_level_once":
        parts = [named_amount(level) for level in met]
        total = sum((ctx.figure(level["amount"]) for level in met), Decimal(0))
        expression = text(" + ".join(p["zh"] for p in parts), " + ".join(p["en"] for p in parts))
        reasons = []
        if len(met) > 1:
            reasons.append(text(f"{label['zh']}：不同级别叠加，每个级别计一次。",
                                f"{label['en']}: different levels add up, each level once."))
        return (total, expression, len(met) > 1), reasons
    best = met[0]
    for level in met[1:]:
        if ctx.figure(level["amount"]) > ctx.figure(best["amount"]):
            best = level
    reasons = []
    if len(met) > 1:
        others = [words.named(level["label"]) for level in met if level is not best]
        best_name = words.named(best["label"])
        reasons.append(text(
            f"{label['zh']}：同时达到" + "".join(o["zh"] for o in others) + f"的条件，按最高的一档{best_name['zh']}计，不叠加。",
            f"{label['en']}: " + ", ".join(o["en"] for o in others) + f" also reached; the highest level, "
            f"{best_name['en']}, is paid, not both."))
    return (ctx.figure(best["amount"]), named_amount(best), False), reasons


SHAPES = {"fixed": fixed, "per_unit": per_unit, "rate_of": rate_of, "tiers": tiers}


def shape_of(item):
    return next(name for name in SHAPES if name in item)


def amount(ctx, item):
    name = shape_of(item)
    return SHAPES[name](ctx, item, item[name])
