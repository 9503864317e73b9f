"""Counting the periods of a monthly or yearly item: limits (``at_most``), extensions (``after``),
a part month paid by days. A limit caps what is counted; it never refuses what was entered."""

from decimal import Decimal

from .fields import unit_of

PER_UNIT = {"month": "months", "year": "years"}


def _in_periods(amount, unit, per):
    """A number of months or years as a number of the item's periods (1 year = 12 months)."""
    if PER_UNIT[per] == unit:
        return amount
    if per == "month" and unit == "years":
        return amount * 12
    return amount / 12  # months on a yearly item: `problems` allows whole years only


class Counted:
    """How many periods of one item are paid, and where they lie (``start`` < period <= ``end``)."""

    def __init__(self, ctx, item):
        periods = item["periods"]
        per = item["per"]
        self.per = per
        self.input_id = periods["input"]
        entered = ctx.value(self.input_id)
        self.entered = entered
        self.asked = entered is not None
        self.requested = int(_in_periods(Decimal(entered or 0), unit_of(ctx.inputs[self.input_id]), per))
        self.after = 0
        if periods.get("after"):
            self.after = int(_in_periods(ctx.figure(periods["after"]), ctx.figure_unit(periods["after"]), per))
        self.limit = None
        if periods.get("at_most"):
            self.limit = int(_in_periods(ctx.figure(periods["at_most"]), ctx.figure_unit(periods["at_most"]), per))
        beyond_start = max(0, self.requested - self.after)
        self.count = beyond_start if self.limit is None else min(beyond_start, self.limit)
        self.end = None if self.limit is None else self.after + self.limit

    def start_in_months(self):
        return self.after * (12 if self.per == "year" else 1)

    def end_in_months(self):
        return None if self.end is None else self.end * (12 if self.per == "year" else 1)

    def cut_off(self):
        """Periods entered beyond this item's limit (0 when none)."""
        if self.end is None:
            return 0
        return max(0, self.requested - self.end)

    def has_room_for_a_part(self):
        return self.limit is None or self.count < self.limit

    def year_of(self, number):
        """The year (1, 2, …) of the item's ``number``-th counted period (1-based)."""
        index = self.after + number
        return index if self.per == "year" else (index - 1) // 12 + 1
