"""Shared by the test_rules_* tests: the specs of calculators/cases/rules/, their cases, and one
case checked the way tests/unit/calculators/test_cases.py checks a Python calculator's."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import InputError

RULES_DIR = Path(__file__).resolve().parents[3] / "calculators" / "cases" / "rules"
SPECIAL_KEYS = {"item_yuan", "reasons_zh_contain", "reasons_en_contain"}


def load(name):
    """``{"spec": ..., "cases": [...]}`` of calculators/cases/rules/<name>.json."""
    return json.loads((RULES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def canonical(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def check_case(run, case):
    """``run(inputs)`` -> result; the case's ``expect`` or ``error_fields`` (test_cases.py's format)."""
    assert ("expect" in case) != ("error_fields" in case), "a case has expect or error_fields"
    if "error_fields" in case:
        with pytest.raises(InputError) as info:
            run(case["inputs"])
        fields = [e["field"] for e in info.value.errors]
        assert sorted(map(canonical, fields)) == sorted(map(canonical, case["error_fields"])), info.value.errors
        assert all(e["zh"] and e["en"] for e in info.value.errors)
        return None
    result = run(case["inputs"])
    expect = case["expect"]
    for key, expected in expect.items():
        if key not in SPECIAL_KEYS:
            assert canonical(result[key]) == canonical(expected), (key, result[key])
    if "item_yuan" in expect:
        assert canonical({line["key"]: line["yuan"] for line in result["items"]}) == canonical(expect["item_yuan"])
    for lang in ("zh", "en"):
        for fragment in expect.get(f"reasons_{lang}_contain", []):
            assert any(fragment in r[lang] for r in result["reasons"]), (fragment, result["reasons"])
    total = sum((Decimal(str(line["yuan"])) for line in result["items"]), Decimal(0))
    assert total == Decimal(str(result["total_yuan"]))
    assert result["reasons"] and all(r["zh"] and r["en"] for r in result["reasons"])
    return result
