"""Shared helpers for the calculator tests."""

import functools
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

CASES_DIR = Path(__file__).resolve().parents[3] / "calculators" / "cases"


@functools.cache
def _clause_texts():
    import calculators
    from policy_site.data.loader import load_policy

    policy = load_policy(REPO_ROOT / "policy_data", calculators.CALCULATORS)
    return {c.id: c.text.zh for c in policy.clauses}


def clause_text_zh(clause_id):
    """The verbatim Chinese text of one clause, from the validated policy data."""
    return _clause_texts()[clause_id]


@pytest.fixture
def clause_text():
    return clause_text_zh
