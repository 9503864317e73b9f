"""One item of a data calculator: its shape's amount, the cap per period, the periods counted,
the part month, the cap in all; its line in the result, its payments year by year, its reasons."""

from decimal import Decimal

from .._money import round_yuan
from .._text import text
from . import shapes, units, words
from .periods import PER_UNIT, Counted

_PER_ZH = {"once": "", "month": "每月", "year": "每年"}
_PER_EN = {"once": "", "month": " a month", "year": " a year"}
_PAYMENT_UNIT = {"once": "yuan", "month": "yuan_per_month", "year": "yuan_per_year"}


class Outcome:
    """A paid item: ``amount`` (rounded Decimal), ``payments`` [(year, Decimal)], its result line."""

    def __init__(self, item, label, amount, payments, reason):
        self.key = item["id"]
        self.item = item
        self.label = label
        self.amount = amount
        self.payments = payments
        self.reason = reason
        self.up_to = bool(item.get("up_to"))
        self.per = item.get("per", "once")

    def line(self):
        return {"key": self.key, "zh": self.label["zh"], "en": self.label["en"], "yuan": self.amount}


def _yuan(amount):
    return units.quantity(amount, "yuan")


def _capped(item, base, cap, expression, compound):
    """The shape's amount with the cap per period applied, and the sentence so far."""
    per = item.get("per", "once")
    sentence = expression
    if compound:
        shown = units.quantity(base, _PAYMENT_UNIT[per])
        sentence = text(f"{expression['zh']} = {shown['zh']}", f"{expression['en']} = {shown['en']}")
    if cap is not None and base > cap:
        cap_text = _yuan(cap)
        sentence = text(f"{sentence['zh']}，超过{_PER_ZH[per]}最高{cap_text['zh']}，按{cap_text['zh']}计",
                        f"{sentence['en']}, above the cap of {cap_text['en']}{_PER_EN[per]}, so {cap_text['en']} "
                        f"is counted")
        return cap, sentence, True
    return base, sentence, compound


def _limit_note(counted):
    unit = PER_UNIT[counted.per]
    if counted.limit is None:
        return text("", "")
    limit = units.quantity(counted.limit, unit)
    if counted.after:
        after = units.quantity(counted.after, unit)
        return text(f"（{after['zh']}之后，最长{limit['zh']}）",
                    f" (after the first {after['en']}, at most {counted.limit})")
    return text(f"（最长{limit['zh']}）", f" (at most {counted.limit})")


def _suffix(item, counted=None, days=0, days_unit=None, each=None):
    parts = []
    if counted is not None:
        periods = units.quantity(counted.count, PER_UNIT[counted.per])
        if days:
            part = units.quantity(days, days_unit)
            periods = text(f"{periods['zh']}又{part['zh']}", f"{periods['en']} and {part['en']}") \
                if counted.count else part
        parts.append(periods)
    if each is not None:
        parts.append(each)
    if item.get("up_to"):
        parts.append(text("最多", "at most"))
    if item.get("waived"):
        parts.append(text("不是现金", "not cash"))
    if not parts:
        return text("", "")
    return text("（" + "，".join(p["zh"] for p in parts) + "）", " (" + ", ".join(p["en"] for p in parts) + ")")


def _cap_in_all(ctx, item, amount, payments):
    """``cap_in_all``: the item's amount, its payments cut where the cap is reached, a clause."""
    if not item.get("cap_in_all"):
        return amount, payments, text("", "")
    cap = ctx.figure(item["cap_in_all"])
    if amount <= cap:
        return amount, payments, text("", "")
    kept, running = [], Decimal(0)
    for year, payment in payments:
        payment = min(payment, cap - running)
        running += payment
        kept.append((year, payment))
    cap_text = _yuan(cap)
    return cap, kept, text(f"，超过最高{cap_text['zh']}，按{cap_text['zh']}计",
                           f", above the cap of {cap_text['en']} in all, so {cap_text['en']} is paid")


def _for_each(ctx, item, name, reasons):
    """``for_each``: (how many, their text, None) or (None, None, True) when the item pays nothing."""
    each = item.get("for_each")
    if not each:
        return 1, None, False
    entry = ctx.inputs[each["input"]]
    count = ctx.value(each["input"])
    if count is None:
        return None, None, True
    unit = entry.get("unit")
    shown = units.quantity(count, unit)
    if count == 0:
        who = words.named(entry["label"])
        reasons.append(text(f"{name['zh']}：{who['zh']}为0，不予补贴。", f"{name['en']}: {who['en']} is 0, so nothing is paid."))
        return None, None, True
    if each.get("at_most"):
        limit = ctx.figure(each["at_most"]) * units.factor(ctx.figure_unit(each["at_most"]), unit)
        if count > limit:
            limit_text = units.quantity(limit, unit)
            return limit, text(f"{limit_text['zh']}（填写的是{shown['zh']}，最多按{limit_text['zh']}计）",
                               f"{limit_text['en']} ({shown['en']} entered, at most {limit_text['en']} counted)"), False
    return count, shown, False


def _periods(ctx, item, name, payment, reasons):
    """A monthly or yearly item for one: (payments, the sentence's periods part, Counted, days, days unit)
    or None when no period is paid."""
    per = item["per"]
    counted = Counted(ctx, item)
    if not counted.asked:
        return None
    unit = PER_UNIT[per]
    payments = [(counted.year_of(n), payment) for n in range(1, counted.count + 1)]
    segments = []
    if counted.count:
        count_text = units.quantity(counted.count, unit)
        note = _limit_note(counted)
        segments.append(text(f" × {count_text['zh']}{note['zh']}", f" × {count_text['en']}{note['en']}"))
    days, days_unit = 0, None
    part = item.get("part_period")
    if part:
        days = ctx.value(part["days_input"]) or 0
        days_unit = ctx.inputs[part["days_input"]].get("unit") or "days"
        if days and counted.has_room_for_a_part():
            in_period = ctx.figure(part["days_in_period"])
            payments.append((counted.year_of(counted.count + 1), round_yuan(payment * days / in_period)))
            fraction = text(f"{days}/{in_period}{units.COUNTS[days_unit][0]}",
                            f"{days}/{in_period} {units.COUNTS[days_unit][2]}")
            payment_text = units.quantity(payment, _PAYMENT_UNIT[per])
            if counted.count:
                segments.append(text(f" + {payment_text['zh']} × {fraction['zh']}",
                                     f" + {payment_text['en']} × {fraction['en']}"))
            else:
                segments.append(text(f" × {fraction['zh']}", f" × {fraction['en']}"))
        elif days:
            limit = units.quantity(counted.limit, unit)
            extra = units.quantity(days, days_unit)
            reasons.append(text(f"{name['zh']}：已按最长{limit['zh']}计，另填的{extra['zh']}不予补贴。",
                                f"{name['en']}: the limit of {limit['en']} is reached, so the further {extra['en']} "
                                f"are not paid."))
            days = 0
    if not payments:
        return None
    return payments, words.concat(*segments), counted, days, days_unit


def _beyond(ctx, item, name, counted, continued):
    """The reason for periods entered beyond the limit, unless another item continues after it."""
    if not counted.cut_off() or (counted.input_id, counted.end_in_months()) in continued:
        return None
    unit = PER_UNIT[counted.per]
    end = units.quantity(counted.end, unit)
    entered = words.value(ctx.inputs[counted.input_id], counted.entered)
    verb_zh, verb_en = ("不再免收", "waived") if item.get("waived") else ("不予补贴", "paid")
    return text(f"{name['zh']}：超过{end['zh']}的部分{verb_zh}（填写的是{entered['zh']}）。",
                f"{name['en']}: {units.COUNTS[unit][2]} beyond the first {counted.end} are not "
                f"{verb_en} ({entered['en']} entered).")


def compute(ctx, item, continued):
    """(Outcome or None, reasons). ``continued``: {(periods input, start in months)} of the other
    items that apply: an item that another one continues (an extension) says nothing of the
    periods beyond its own limit."""
    per = item.get("per", "once")
    label = item["label"]
    name = words.named(label)
    found, reasons = shapes.amount(ctx, item)
    if found is None:
        return None, reasons
    each, each_text, nothing = _for_each(ctx, item, name, reasons)
    if nothing:
        return None, reasons
    base, expression, compound = found
    cap = ctx.figure(item["cap"]) if item.get("cap") else None
    base, sentence, compound = _capped(item, base, cap, expression, compound)
    payment = round_yuan(base)

    counted, days, days_unit = None, 0, None
    if per == "once":
        payments = [(1, payment)]
        body = sentence
        one = payment
    else:
        found_periods = _periods(ctx, item, name, payment, reasons)
        if found_periods is None:
            return None, reasons
        payments, segments, counted, days, days_unit = found_periods
        head = sentence
        if compound:
            payment_text = units.quantity(payment, _PAYMENT_UNIT[per])
            head = text(f"{sentence['zh']}；{payment_text['zh']}", f"{sentence['en']}; {payment_text['en']}")
        one = sum((p for _, p in payments), Decimal(0))
        one_text = _yuan(one)
        body = text(f"{head['zh']}{segments['zh']} = {one_text['zh']}", f"{head['en']}{segments['en']} = {one_text['en']}")
    if each_text is not None:
        payments = [(year, amount * each) for year, amount in payments]
        one_text = _yuan(one)
        total_text = _yuan(one * each)
        body = text(f"{body['zh']}；每{units.COUNTS.get(ctx.inputs[item['for_each']['input']].get('unit'), ('人',))[0]}"
                    f"{one_text['zh']} × {each_text['zh']} = {total_text['zh']}",
                    f"{body['en']}; {one_text['en']} each × {each_text['en']} = {total_text['en']}")
    amount = sum((p for _, p in payments), Decimal(0))
    amount, payments, all_cap_text = _cap_in_all(ctx, item, amount, payments)
    reason = text(f"{name['zh']}：{body['zh']}{all_cap_text['zh']}。", f"{name['en']}: {body['en']}{all_cap_text['en']}.")
    if counted is not None:
        beyond = _beyond(ctx, item, name, counted, continued)
        if beyond is not None:
            reasons.append(beyond)
    suffix = _suffix(item, counted, days, days_unit, each_text and units.quantity(each, ctx.inputs[item["for_each"]["input"]].get("unit")))
    item_label = text(label["zh"] + suffix["zh"], label["en"] + suffix["en"])
    return Outcome(item, item_label, amount, payments, reason), reasons


def continuations(ctx, applicable):
    """{(periods input, start in months)} of the applicable items that start after a limit."""
    starts = set()
    for item in applicable:
        periods = item.get("periods")
        if periods and periods.get("after"):
            counted = Counted(ctx, item)
            starts.add((counted.input_id, counted.start_in_months()))
    return starts
