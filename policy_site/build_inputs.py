"""Gather what a build renders from: the validated policy, the calculators and the data date."""

from __future__ import annotations

from pathlib import Path

import calculators

from .dates import data_date
from .loader import load_policy
from .render import SiteInputs


def load_site_inputs(data_dir: Path) -> SiteInputs:
    policy = load_policy(data_dir, known_calculators=calculators.CALCULATORS)
    used = {cid for clause in policy.clauses for cid in clause.calculators}
    return SiteInputs(
        policy=policy,
        data_date=data_date(data_dir),
        calculators={cid: meta for cid, meta in calculators.CALCULATORS.items() if cid in used},
        calculate=calculators.calculate,
    )
