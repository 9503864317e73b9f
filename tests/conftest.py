"""Shared test fixtures: paths of the repository, the real data and the small fixture policy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POLICY_DATA = REPO / "policy_data"
MINI_POLICY = REPO / "tests" / "fixtures" / "mini_policy"


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture policy, as ``<tmp>/policy_data``."""
    target = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, target)
    return target
