"""The calculator forms' number reading (docs/assets/kit/amount.js), run in real Node.

Every example of issue 8 and the bad ones: a number is read exactly as typed, or refused
(never silently changed). The browser test (tests/browser) checks the form shows it back.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from decimal import Decimal

REPO = Path(__file__).resolve().parents[2]
MODULE = REPO / "docs" / "assets" / "kit" / "amount.js"
RUNNER = Path(__file__).resolve().parent / "read_numbers.mjs"

YUAN = {"zh": "元", "en": "yuan"}
YUAN_PER_YEAR = {"zh": "元/年", "en": "yuan per year"}
PEOPLE = {"zh": "人", "en": "people"}
PERCENT = {"zh": "%", "en": "%"}

# (typed, kind, unit, expected value or the problem's name)
TABLE = [
    # money, the examples: all 18,000
    ("1.8万", "money", YUAN, 18000),
    ("1.8万元", "money", YUAN, 18000),
    ("18,000", "money", YUAN, 18000),
    ("１８０００", "money", YUAN, 18000),
    ("18000元", "money", YUAN, 18000),
    # money, more ways of writing it
    ("18000", "money", YUAN, 18000),
    (" 18000 ", "money", YUAN, 18000),
    ("1.8 万元", "money", YUAN, 18000),
    ("1.8万元/年", "money", YUAN_PER_YEAR, 18000),
    ("18000元/年", "money", YUAN_PER_YEAR, 18000),
    ("¥18,000", "money", YUAN, 18000),
    ("￥18000", "money", YUAN, 18000),
    ("１．８万", "money", YUAN, 18000),
    ("１８，０００", "money", YUAN, 18000),
    ("300万", "money", YUAN, 3000000),
    ("0.35万", "money", YUAN, 3500),
    ("1.23456万", "money", YUAN, 12345.6),
    ("6187.50", "money", YUAN, 6187.5),
    ("18000 yuan", "money", YUAN, 18000),
    ("0", "money", YUAN, 0),
    ("18000。", "money", YUAN, 18000),
    # money, refused
    ("0x10", "money", YUAN, "unreadable"),
    ("1.5万亿", "money", YUAN, "unreadable"),
    ("1,8000", "money", YUAN, "grouping"),
    ("18,00", "money", YUAN, "grouping"),
    ("--5", "money", YUAN, "unreadable"),
    ("-5", "money", YUAN, "unreadable"),
    ("1e5", "money", YUAN, "unreadable"),
    ("1E5", "money", YUAN, "unreadable"),
    ("Infinity", "money", YUAN, "unreadable"),
    ("NaN", "money", YUAN, "unreadable"),
    ("一万八", "money", YUAN, "unreadable"),
    ("1.8千", "money", YUAN, "unreadable"),
    ("1.8万万", "money", YUAN, "unreadable"),
    ("18 000", "money", YUAN, "unreadable"),
    ("1.2.3", "money", YUAN, "unreadable"),
    ("1,000万", "money", YUAN, "unreadable"),
    ("18000.123", "money", YUAN, "decimals"),
    ("1.234567万", "money", YUAN, 12345.67),
    ("1.2345678万", "money", YUAN, "decimals"),
    ("1。5", "money", YUAN, "unreadable"),
    (".5", "money", YUAN, "unreadable"),
    ("1" + "0" * 30, "money", YUAN, "unreadable"),
    # counts
    ("15", "int", PEOPLE, 15),
    ("１５", "int", PEOPLE, 15),
    ("15人", "int", PEOPLE, 15),
    ("1,500", "int", PEOPLE, 1500),
    ("15。", "int", PEOPLE, 15),
    ("1.5万", "int", PEOPLE, "unreadable"),
    ("1.5", "int", PEOPLE, "whole"),
    ("2019", "int", None, 2019),
    ("２０１９", "int", None, 2019),
    # other numbers: rates and lengths
    ("4.35", "number", PERCENT, 4.35),
    ("4.35%", "number", PERCENT, 4.35),
    ("1.5", "number", {"zh": "年", "en": "years"}, 1.5),
    ("4.123456", "number", PERCENT, 4.123456),
    ("1e2", "number", PERCENT, "unreadable"),
]


def _run(cases, runner=RUNNER):
    node = shutil.which("node")
    assert node, "node is needed to test the form's number reading"
    with tempfile.TemporaryDirectory() as folder:
        cases_file = Path(folder) / "cases.json"
        cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run([node, str(runner), str(MODULE), str(cases_file)],
                              capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def answers():
    return _run([[typed, kind, unit] for typed, kind, unit, _ in TABLE])


@pytest.mark.parametrize("index", range(len(TABLE)), ids=[f"{t!r} ({k})" for t, k, _, _ in TABLE])
def test_read_exactly_or_refused(answers, index):
    typed, kind, unit, expected = TABLE[index]
    answer = answers[index]
    if isinstance(expected, str):
        assert answer == {"ok": False, "problem": expected}
    else:
        assert answer["ok"] is True, answer
        assert answer["value"] == expected and type(answer["value"]) in (int, float)
        # The value sent prints back as the same decimal digits the visitor meant.
        assert answer["text"] == format(Decimal(str(expected)), "f")


def test_empty_is_left_out():
    assert _run([["", "money", YUAN], ["   ", "int", PEOPLE]]) == [
        {"ok": True, "value": None, "text": ""}, {"ok": True, "value": None, "text": ""}]


# formatAmount(value, plain): what the calculator and finder pages write back (as Python's money filter).
WRITTEN = [
    (80000, False, "80,000"),
    (6187.5, False, "6,187.50"),
    (0, False, "0"),
    (1234567.89, False, "1,234,567.89"),
    (-1500, False, "-1,500"),
    (4.35, True, "4.35"),
    (1500, True, "1,500"),
    (12, True, "12"),
]


def test_amounts_are_written_as_the_site_writes_them():
    got = _run([[value, plain] for value, plain, _ in WRITTEN], Path(__file__).resolve().parent / "format_amounts.mjs")
    assert got == [text for _, _, text in WRITTEN]
