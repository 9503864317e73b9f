"""A data calculator's result: the whole-calculator conditions, the items, "highest, not both",
the year-by-year rows; assembled by ``_result.build`` like a Python calculator's."""

from decimal import Decimal

from .._result import build, by_year
from .._text import text
from . import conditions, items, words
from .context import Context

NOTHING_APPLIES = text("按填写的情况，没有可以计算的补贴项目。",
                       "With the answers given, no part of this support applies.")


def _identity(spec):
    return {"id": spec["id"], "clause": spec["clause"]}


def _highest_of(groups, paid):
    """Apply "highest, not both": (kept outcomes, reasons)."""
    reasons = []
    dropped = set()
    by_key = {outcome.key: outcome for outcome in paid}
    for group in groups or []:
        members = [by_key[key] for key in group["items"] if key in by_key]
        if len(members) < 2:
            continue
        best = members[0]
        for outcome in members[1:]:
            if outcome.amount > best.amount:
                best = outcome
        others = [o for o in members if o is not best]
        dropped.update(o.key for o in others)
        kept = words.named(best.item["label"])
        names = [words.named(o.item["label"]) for o in others]
        rule_zh = f"按“{group['quote']}”，" if group.get("quote") else ""
        rule_en = f" ({group['quote']})" if group.get("quote") else ""
        reasons.append(text(
            f"{rule_zh}" + "、".join(n["zh"] for n in names) + f"与{kept['zh']}不重复享受，只按较高的{kept['zh']}计。",
            f"Highest, not both{rule_en}: " + ", ".join(n["en"] for n in names)
            + f" not paid on top of {kept['en']}, the higher."))
    return [o for o in paid if o.key not in dropped], reasons


def _years(paid, total):
    """Year-by-year rows: with a yearly item, or a monthly one that runs into a second year."""
    spans_years = any(outcome.per == "month" and max(year for year, _ in outcome.payments) > 1 for outcome in paid)
    if not spans_years and not any(outcome.per == "year" for outcome in paid):
        return []
    yearly = {}
    for outcome in paid:
        for year, payment in outcome.payments:
            yearly[year] = yearly.get(year, Decimal(0)) + payment
    last = max(yearly)
    return by_year([yearly.get(year, Decimal(0)) for year in range(1, last + 1)], total)


def compute(spec, values):
    """The result of a data calculator on validated values (``_inputs.validate``)."""
    ctx = Context(spec, values)
    met, reasons = conditions.check_all(ctx, spec.get("conditions"), silent_branches=False)
    if not met:
        return build(_identity(spec), False, [], reasons)

    applicable = []
    for item in spec["items"]:
        ok, item_reasons = conditions.check_all(ctx, item.get("when"), silent_branches=True)
        reasons.extend(item_reasons)
        if ok:
            applicable.append(item)
    continued = items.continuations(ctx, applicable)
    paid = []
    for item in applicable:
        outcome, item_reasons = items.compute(ctx, item, continued)
        if outcome is not None:
            reasons.append(outcome.reason)
            if outcome.amount > 0:  # an item that comes to 0 is not paid (no line)
                paid.append(outcome)
        reasons.extend(item_reasons)
    paid, one_of_reasons = _highest_of(spec.get("one_of"), paid)
    reasons.extend(one_of_reasons)
    if not paid:
        return build(_identity(spec), False, [], reasons or [NOTHING_APPLIES])
    lines = [outcome.line() for outcome in paid]
    total = sum((line["yuan"] for line in lines), Decimal(0))
    return build(_identity(spec), True, lines, reasons,
                 total_is_ceiling=any(outcome.up_to for outcome in paid),
                 by_year=_years(paid, total))
