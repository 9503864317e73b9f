"""The key figures of a clause grouped into tables a person reads at a glance.

The calculators' figures (``CALCULATORS[id]["figures"]``) are a flat list; clause 1.2's tiers
(tier x state-owned / non-public: hires, of which graduates, award) become ONE table, and every
other calculator's figures one table each. The source is said once per table, by the template.
"""

from __future__ import annotations

import re
from typing import Any

_TIER = re.compile(r"^(state_owned|non_public)_tier(\d+)_(hires|graduates)$")
_AWARD = re.compile(r"^tier(\d+)_award_yuan$")


def tier_table(figures: list[dict[str, Any]]) -> dict[str, Any] | None:
    """``{"tiers": [{"tier", "state_owned": {"hires", "graduates"}, "non_public": {...}, "award"}],
    "rest": [other figures]}`` when the figures describe award tiers, else None."""
    tiers: dict[int, dict[str, Any]] = {}
    rest = []
    for f in figures:
        if m := _TIER.match(f["key"]):
            kind, number, what = m.group(1), int(m.group(2)), m.group(3)
            tiers.setdefault(number, {"tier": number}).setdefault(kind, {})[what] = f
        elif m := _AWARD.match(f["key"]):
            tiers.setdefault(int(m.group(1)), {"tier": int(m.group(1))})["award"] = f
        else:
            rest.append(f)
    complete = [t for _, t in sorted(tiers.items())
                if {"state_owned", "non_public", "award"} <= set(t)
                and all({"hires", "graduates"} <= set(t[k]) for k in ("state_owned", "non_public"))]
    if not complete or len(complete) != len(tiers):
        return None
    return {"tiers": complete, "rest": rest}
