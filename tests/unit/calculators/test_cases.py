"""Table-driven calculator cases from ``calculators/cases/<calculator_id>.json``.

Each case is plain JSON (the same files are replayed through Pyodide):

- ``name``: unique within the file; ``inputs``: any JSON value;
- optional ``calculator``: the id to call instead of the file's (for
  unknown-id cases);
- either ``expect``: output keys whose values must be equal as JSON
  (``80000`` and ``80000.0`` differ), plus these checks:
    - ``item_yuan``: ``{item key: yuan}`` for exactly the result's items,
    - ``reasons_zh_contain`` / ``reasons_en_contain``: texts that must each
      appear in one of the reasons;
- or ``error_fields``: the ``field`` of every InputError entry (null for a
  whole-input error), compared as a multiset.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from calculators import CALCULATORS, InputError, calculate

CASES_DIR = Path(__file__).resolve().parents[3] / "calculators" / "cases"
SPECIAL_KEYS = {"item_yuan", "reasons_zh_contain", "reasons_en_contain"}


def _load_cases():
    params = []
    for path in sorted(CASES_DIR.glob("*.json")):
        calculator_id = path.stem
        cases = json.loads(path.read_text(encoding="utf-8"))
        for case in cases:
            params.append(pytest.param(calculator_id, case, id=f"{calculator_id}: {case['name']}"))
    return params


CASES = _load_cases()


def _canonical(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def test_every_calculator_has_a_case_file():
    assert sorted(path.stem for path in CASES_DIR.glob("*.json")) == sorted(CALCULATORS)


def test_case_names_are_unique():
    ids = [param.id for param in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("file_id, case", CASES)
def test_case(file_id, case):
    calculator_id = case.get("calculator", file_id)
    assert ("expect" in case) != ("error_fields" in case), "a case has expect or error_fields"

    if "error_fields" in case:
        with pytest.raises(InputError) as info:
            calculate(calculator_id, case["inputs"])
        errors = info.value.errors
        assert sorted(map(_canonical, (e["field"] for e in errors))) == sorted(
            map(_canonical, case["error_fields"])
        ), errors
        for entry in errors:
            assert set(entry) == {"field", "zh", "en"}
            assert entry["zh"] and entry["en"]
        return

    result = calculate(calculator_id, case["inputs"])
    expect = case["expect"]
    for key, expected in expect.items():
        if key in SPECIAL_KEYS:
            continue
        assert key in result, f"no output key {key!r}"
        assert _canonical(result[key]) == _canonical(expected), key

    if "item_yuan" in expect:
        actual = {line["key"]: line["yuan"] for line in result["items"]}
        assert _canonical(actual) == _canonical(expect["item_yuan"])
    for lang in ("zh", "en"):
        for fragment in expect.get(f"reasons_{lang}_contain", []):
            assert any(fragment in r[lang] for r in result["reasons"]), (fragment, result["reasons"])

    # Whatever the case checks, the items add up to the total.
    total = sum((Decimal(str(line["yuan"])) for line in result["items"]), Decimal(0))
    assert total == Decimal(str(result["total_yuan"]))
