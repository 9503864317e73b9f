"""Parity: the finder gives byte-identical JSON in CPython and in the site's trimmed Pyodide runtime (Node), for the real
plan's profiles, the mini fixture policy and bad requests, through ``calculators.find_json``
as the browser worker calls it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import load_policy
from policy_site.build.pyodide_runtime import build_runtime
from tests.unit.calculators.test_finder_journeys import requests as journey_requests
from tests.unit.calculators.test_finder_profiles import FLIPS, PROFILES

REPO = Path(__file__).resolve().parents[2]


def _rules(folder: Path) -> dict:
    return finder_rules(load_policy(folder, known_calculators=calculators.CALCULATORS))


def collect_requests() -> dict[str, str]:
    real = _rules(REPO / "policy_data")
    mini = _rules(REPO / "tests" / "fixtures" / "mini_policy")

    def request(rules, facts, as_of="2026-11-25"):
        return json.dumps({"rules": rules, "facts": facts, "as_of": as_of}, ensure_ascii=False)

    requests = {f"profile: {name}": request(real, facts) for name, (facts, _) in PROFILES.items()}
    for index, (clause, part, base, flips) in enumerate(FLIPS):
        requests[f"flip {index} {clause}{part} base"] = request(real, base, "2020-06-30")
        for j, change in enumerate(flips):
            requests[f"flip {index} {clause}{part} {j}"] = request(real, {**base, **change})
    # Every step of every visitor's journey (tests/unit/calculators/test_finder_journeys.py).
    requests.update({name: request(real, facts, as_of) for name, (facts, as_of) in journey_requests().items()})
    requests.update({
        "mini: person": request(mini, {"applicant": "person", "in_need": True}, "2020-01-01"),
        "mini: enterprise": request(mini, {"applicant": "organisation", "publishes": True, "enterprise_type": "state_owned",
                                           "new_local_hires": 100, "new_local_graduates": 50, "hiring_year": 2020}),
        "mini: organisation": request(mini, {"applicant": "organisation", "publishes": None}),
        "odd: not JSON": "{",
        "odd: contradiction": request(real, {"applicant": "person", "lhasa_hukou": True, "from_tibet": False}),
        "odd: wrong kind": request(real, {"applicant": "organisation", "age": 30}),
        "odd: bad date": request(real, {}, "2026-02-30"),
        "odd: float age": request(real, {"applicant": "person", "age": 20.0}),
    })
    return requests


REQUESTS = collect_requests()


@pytest.fixture(scope="module")
def pyodide_responses(tmp_path_factory) -> dict:
    # The trimmed runtime the site ships (its stdlib modules found by the build), as the worker runs it.
    from tests.runtime.test_parity import run_in_node

    out = run_in_node(build_runtime(REPO), REQUESTS, tmp_path_factory.mktemp("pyodide_finder"), fn="find_json")
    return out["responses"]


def test_there_are_many_profiles():
    assert len(REQUESTS) > 80


@pytest.mark.parametrize("key", list(REQUESTS))
def test_pyodide_matches_cpython(key, pyodide_responses):
    assert pyodide_responses[key] == calculators.find_json(REQUESTS[key])
