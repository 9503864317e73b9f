"""Shared helpers for the calculator tests."""

import re
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

CASES_DIR = Path(__file__).resolve().parent / "cases"

# The plan's Chinese text. For now the seed file beside the repository
# (../shared); swap clause_text_zh() to read policy_data once it is usable.
SEED_PLAN = REPO_ROOT.parent / "shared" / "seed" / "employment-promotion-plan.zh.txt"

_NUMERALS = "一二三四五六七八九十"
_SECTION = re.compile(rf"^([{_NUMERALS}]+)、")
_ITEM = re.compile(rf"^（([{_NUMERALS}]+)）")


def _numeral(text):
    """Chinese numerals 一 to 十九 -> int (enough for section and item numbers)."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _NUMERALS.index(text[1]) + 1
    if len(text) == 1:
        return _NUMERALS.index(text) + 1
    raise ValueError(f"unsupported numeral {text!r}")


def clause_text_zh(clause_id):
    """The Chinese text of one clause ("1.2" is section 一, item （二）)."""
    if not SEED_PLAN.is_file():
        pytest.fail(f"plan text not found at {SEED_PLAN}")
    section_wanted, item_wanted = (int(part) for part in clause_id.split("."))
    section = None
    for line in SEED_PLAN.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        match = _SECTION.match(line)
        if match:
            section = _numeral(match.group(1))
            continue
        match = _ITEM.match(line)
        if match and section == section_wanted and _numeral(match.group(1)) == item_wanted:
            return line
    raise LookupError(f"clause {clause_id} not found in {SEED_PLAN}")


@pytest.fixture
def clause_text():
    return clause_text_zh
