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


def _limit_note(ctx, counted):
    unit = PER_UNIT[counted.per]
    if counted.limit is None:
        return text("", "")
    limit = units.quantity(counted.limit, unit)
    if counted.after:
        after = units.quantity(counted.after, unit)
        return text(f"（{after['zh']}之后，最长{limit['zh']}）",
                    f" (after the first {after['en']}, at most {counted.limit})")
    return text(f"（最长{limit['zh']}）", f" (at most {counted.limit})")


def _suffix(item, counted=None, days=0, days_unit=None):
    parts = []
    if counted is not None:
        periods = units.quantity(counted.count, PER_UNIT[counted.per])
        if days:
            part = units.quantity(days, days_unit)
            periods = text(f"{periods['zh']}又{part['zh']}", f"{periods['en']} and {part['en']}") \
                if counted.count else part
        parts.append(periods)
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
    base, expression, compound = found
    cap = ctx.figure(item["cap"]) if item.get("cap") else None
    base, sentence, compound = _capped(item, base, cap, expression, compound)
    payment = round_yuan(base)

    if per == "once":
        amount = payment
        item_label = text(label["zh"] + _suffix(item)["zh"], label["en"] + _suffix(item)["en"])
        reason = text(f"{name['zh']}：{sentence['zh']}。", f"{name['en']}: {sentence['en']}.")
        return Outcome(item, item_label, amount, [(1, amount)], reason), reasons

    counted = Counted(ctx, item)
    if not counted.asked:
        return None, reasons
    unit = PER_UNIT[per]
    payments = [(counted.year_of(n), payment) for n in range(1, counted.count + 1)]
    days, days_unit, part_days = 0, None, None
    part = item.get("part_period")
    if part:
        days = ctx.value(part["days_input"]) or 0
        days_unit = ctx.inputs[part["days_input"]].get("unit") or "days"
        if days and counted.has_room_for_a_part():
            in_period = ctx.figure(part["days_in_period"])
            payments.append((counted.year_of(counted.count + 1), round_yuan(payment * days / in_period)))
            part_days = text(f"{days}/{in_period}{units.COUNTS[days_unit][0]}",
                             f"{days}/{in_period} {units.COUNTS[days_unit][2]}")
        elif days:
            limit = units.quantity(counted.limit, unit)
            extra = units.quantity(days, days_unit)
            reasons.append(text(f"{name['zh']}：已按最长{limit['zh']}计，另填的{extra['zh']}不予补贴。",
                                f"{name['en']}: the limit of {limit['en']} is reached, so the further {extra['en']} "
                                f"are not paid."))
            days = 0
    if not payments:
        return None, reasons

    before_cap = sum((p for _, p in payments), Decimal(0))
    amount, payments, all_cap_text = _cap_in_all(ctx, item, before_cap, payments)
    payment_text = units.quantity(payment, _PAYMENT_UNIT[per])
    head = sentence
    if compound:
        head = text(f"{sentence['zh']}；{payment_text['zh']}", f"{sentence['en']}; {payment_text['en']}")
    segments = []
    if counted.count:
        count_text = units.quantity(counted.count, unit)
        note = _limit_note(ctx, counted)
        segments.append(text(f" × {count_text['zh']}{note['zh']}", f" × {count_text['en']}{note['en']}"))
    if part_days is not None:
        if counted.count:
            segments.append(text(f" + {payment_text['zh']} × {part_days['zh']}",
                                 f" + {payment_text['en']} × {part_days['en']}"))
        else:
            segments.append(text(f" × {part_days['zh']}", f" × {part_days['en']}"))
    total_text = _yuan(before_cap)
    reason = text(f"{name['zh']}：{head['zh']}" + "".join(s["zh"] for s in segments)
                  + f" = {total_text['zh']}{all_cap_text['zh']}。",
                  f"{name['en']}: {head['en']}" + "".join(s["en"] for s in segments)
                  + f" = {total_text['en']}{all_cap_text['en']}.")

    beyond = counted.cut_off()
    if beyond and (counted.input_id, counted.end_in_months()) not in continued:
        end = units.quantity(counted.end, unit)
        entered_entry = ctx.inputs[counted.input_id]
        entered = words.value(entered_entry, counted.entered)
        verb_zh, verb_en = ("不再免收", "waived") if item.get("waived") else ("不予补贴", "paid")
        reasons.append(text(f"{name['zh']}：超过{end['zh']}的部分{verb_zh}（填写的是{entered['zh']}）。",
                            f"{name['en']}: {units.COUNTS[unit][2]} beyond the first {counted.end} are not "
                            f"{verb_en} ({entered['en']} entered)."))
    item_label = text(label["zh"] + _suffix(item, counted, days, days_unit)["zh"],
                      label["en"] + _suffix(item, counted, days, days_unit)["en"])
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
