"""The order bin/test hands the files to its workers (tests/schedule.py)."""

from __future__ import annotations

from pathlib import Path

from tests import schedule


def test_the_longest_file_first_then_the_unit_tier_then_the_rest_longest_first():
    paths = ["tests/build/test_site.py", "tests/unit/test_b.py", "tests/browser/test_accessibility.py",
             "tests/unit/test_a.py", "tests/build/test_build_atomic.py", "tests/browser/test_new_one.py"]
    assert schedule.file_order(paths) == [
        "tests/browser/test_accessibility.py",  # the longest: builds the site (and on a fresh clone the runtime)
        "tests/unit/test_b.py", "tests/unit/test_a.py",  # as collected, while the runtime is built
        "tests/build/test_build_atomic.py",  # about two minutes
        "tests/browser/test_new_one.py",  # not in the table: the browser folder's 20 s
        "tests/build/test_site.py",  # seconds
    ]


def test_the_table_is_read_from_a_durations_log():
    log = ("== slowest durations ==\n"
           "12.50s setup    tests/build/test_x.py::test_one\n"
           "2.00s call     tests/build/test_x.py::test_one\n"
           "1.00s call     tests/unit/test_y.py::test_two[a-b]\n"
           "0.40s teardown tests/build/test_x.py::test_one\n")
    assert schedule.table(log) == {"tests/build/test_x.py": 15}


def test_every_file_of_the_table_exists():
    """A renamed or removed file in the table would silently fall back to its folder's default."""
    root = Path(__file__).resolve().parents[2]
    assert [p for p in schedule.FILE_SECONDS if not (root / p).is_file()] == []


def test_the_unit_tier_never_builds_the_runtime():
    """The unit tier runs first, while another worker builds the runtime, and answers in under a
    minute on a fresh clone: a test that needs the runtime (Node on a fresh clone) is a build test."""
    unit = Path(__file__).resolve().parent
    needs = [p.relative_to(unit).as_posix() for p in sorted(unit.rglob("test_*.py"))
             if "build_runtime" in p.read_text(encoding="utf-8") and p.name != "test_schedule.py"]
    assert needs == []
