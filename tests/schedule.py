"""The order in which the test files reach pytest-xdist's workers (``bin/test``: ``--dist=loadfile
--no-loadscope-reorder``, so a worker is handed whole files in this order, the next one whenever it
is nearly done).

- First, the file that takes longest: its first test builds the site, and on a fresh clone the
  Pyodide runtime with it (about 90 s, one core).
- Then the unit tier: it needs no build, so the other worker runs it meanwhile instead of waiting
  for the runtime.
- Then every other file, longest first, so that the run does not end with one worker on a long
  file while the other has nothing left (longest-processing-time-first scheduling).

The seconds are a file's setup and call times from one whole run (``bin/test --durations=0``, 8
Dec 2026, 2 cores); a file not listed counts as its folder's ``DEFAULT_SECONDS``. They only order
the run: a stale table makes it slower, never wrong. To renew it::

    bin/test --durations=0 -q > /tmp/durations.log
    .venv/bin/python -m tests.schedule /tmp/durations.log
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

FILE_SECONDS: dict[str, int] = {
    "tests/browser/test_accessibility.py": 165,
    "tests/runtime/test_runtime.py": 74,
    "tests/browser/test_runtime_offline.py": 62,
    "tests/browser/test_calculators.py": 61,
    "tests/build/test_build_atomic.py": 58,
    "tests/browser/test_hostile_data.py": 50,
    "tests/browser/test_runtime_failures.py": 46,
    "tests/browser/test_finder.py": 40,
    "tests/browser/test_csp.py": 34,
    "tests/browser/test_finder_visitor.py": 31,
    "tests/build/test_reproducible.py": 28,
    "tests/browser/test_runtime_snapshot.py": 26,
    "tests/browser/test_visitor_first.py": 17,
    "tests/browser/test_finder_library.py": 16,
    "tests/browser/test_mobile.py": 15,
    "tests/build/test_build_preview.py": 14,
    "tests/unit/policy_site/test_finder_checks.py": 13,
    "tests/build/test_check_cli.py": 12,
    "tests/build/test_languages_tibetan.py": 12,
    "tests/build/test_added_language.py": 10,
    "tests/build/test_library_build.py": 10,
    "tests/build/test_links.py": 10,
    "tests/build/test_finder_data_cli.py": 9,
    "tests/build/test_check_build.py": 9,
    "tests/build/test_importer_cli.py": 9,
    "tests/build/test_finder_cli.py": 8,
    "tests/build/test_rules_data.py": 8,
    "tests/unit/calculators/test_finder_properties.py": 8,
    "tests/build/test_build_settings.py": 7,
    "tests/unit/calculators/test_properties.py": 7,
    "tests/build/test_example_alone.py": 7,
    "tests/unit/policy_site/test_escaping.py": 7,
    "tests/browser/test_language_switch.py": 6,
    "tests/unit/policy_site/test_library.py": 6,
    "tests/runtime/test_finder_library_parity.py": 6,
    "tests/build/test_site.py": 5,
    "tests/unit/calculators/test_finder_incremental.py": 5,
    "tests/browser/test_search_on_demand.py": 5,
    "tests/browser/test_wayfinding.py": 5,
    "tests/browser/test_runtime_plain_host.py": 5,
    "tests/browser/test_calculator_typing.py": 5,
    "tests/browser/test_search.py": 5,
    "tests/runtime/test_finder_parity.py": 4,
    "tests/js/test_typecheck.py": 4,
    "tests/unit/policy_site/test_finder_library.py": 4,
    "tests/build/test_charts.py": 4,
    "tests/unit/policy_site/test_rules_model.py": 3,
    "tests/unit/policy_site/test_chart_memo.py": 3,
    "tests/browser/test_search_glossary.py": 3,
}
DEFAULT_SECONDS = {"browser": 20, "runtime": 20, "build": 10, "js": 5, "unit": 1}
"""A file missing from FILE_SECONDS, by its folder under tests/."""

FIRST_TIER = "unit"
"""Run right after the longest file, while the runtime is being built."""


def seconds(path: str) -> int:
    """The expected seconds of one test file (``tests/<folder>/<file>.py``)."""
    if path in FILE_SECONDS:
        return FILE_SECONDS[path]
    parts = path.split("/")
    return DEFAULT_SECONDS.get(parts[1], 10) if len(parts) > 2 else 10


def file_order(paths: list[str]) -> list[str]:
    """``paths`` (relative, ``tests/…``) in the order the workers should take them."""
    by_cost = sorted(paths, key=lambda p: (-seconds(p), p))
    if not by_cost:
        return []
    first, rest = by_cost[0], by_cost[1:]
    early = [p for p in paths if p.split("/")[1:2] == [FIRST_TIER] and p != first]
    return [first, *early, *(p for p in rest if p not in early)]


def order(items: list, root: Path) -> None:
    """Sort pytest's ``items`` in place: files in ``file_order``, each file's tests as collected."""
    def rel(item) -> str:
        try:
            return item.path.resolve().relative_to(root).as_posix()
        except ValueError:
            return item.path.as_posix()

    files = list(dict.fromkeys(rel(item) for item in items))
    rank = {path: index for index, path in enumerate(file_order(files))}
    items.sort(key=lambda item: rank[rel(item)])  # stable: a file's own order is kept


def table(log: str) -> dict[str, int]:
    """Seconds per file (3 s or more) from the ``--durations=0`` lines of a pytest log."""
    totals: dict[str, float] = defaultdict(float)
    for match in re.finditer(r"^([0-9.]+)s (?:setup|call|teardown) +(tests/[^:\s]+)::", log, re.M):
        totals[match.group(2)] += float(match.group(1))
    return {path: round(total) for path, total in sorted(totals.items(), key=lambda kv: -kv[1]) if total >= 3}


if __name__ == "__main__":
    for path, secs in table(Path(sys.argv[1]).read_text(encoding="utf-8")).items():
        print(f'    "{path}": {secs},')
