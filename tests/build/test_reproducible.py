"""Two builds of the same commit give byte-identical site/ trees.

Pair 1: with the same SOURCE_DATE_EPOCH (tests/site_build.py's fixed one).
Pair 2: without SOURCE_DATE_EPOCH, where the data date comes from the last commit's date.
The builds go to different folders, so nothing may depend on the output path either.
(Without SOURCE_DATE_EPOCH mkdocs dates sitemap.xml.gz by the clock's day: two builds
that straddle midnight UTC would differ there, which is mkdocs' doing, not ours.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_build import REPO, mkdocs_build


def tree_digest(root: Path) -> dict[str, str]:
    """{path relative to root: sha256} of every file (symlinks followed) under root."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    out = [f"only in the first build: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in the second build: {p}" for p in sorted(b.keys() - a.keys())]
    out += [f"differs: {p}" for p in sorted(a.keys() & b.keys()) if a[p] != b[p]]
    return out


def build_without_source_date_epoch(dest: Path) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    environ["NO_MKDOCS_2_WARNING"] = "1"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "-d", str(dest)], cwd=REPO, env=environ,
                          capture_output=True, text=True)


def test_two_builds_with_the_same_source_date_epoch_are_identical(tmp_path):
    # Two fresh builds back to back (not the session's built_site, made minutes earlier from a
    # work tree that may have changed since).
    first, second = tmp_path / "one" / "site", tmp_path / "elsewhere" / "deeper" / "site"
    for dest in (first, second):
        result = mkdocs_build(dest)
        assert result.returncode == 0, result.stdout + result.stderr
    first_files, second_files = tree_digest(first), tree_digest(second)
    assert len(first_files) > 100
    diff = differences(first_files, second_files)
    assert not diff, f"{len(diff)} difference(s):\n" + "\n".join(diff)


def test_two_builds_without_source_date_epoch_are_identical(tmp_path):
    trees = []
    for name in ("one", "two"):
        dest = tmp_path / name / "site"
        result = build_without_source_date_epoch(dest)
        assert result.returncode == 0, result.stdout + result.stderr
        trees.append(tree_digest(dest))
    diff = differences(*trees)
    assert not diff, f"{len(diff)} difference(s):\n" + "\n".join(diff)
    # The data date shown is the last commit's, not the clock's.
    committed = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=REPO, capture_output=True, text=True)
    if committed.returncode != 0 or not committed.stdout.strip():
        pytest.skip("not a git checkout: the data date falls back to a fixed day")
    day = dt.datetime.fromtimestamp(int(committed.stdout), tz=dt.timezone.utc).date().isoformat()
    home = (tmp_path / "one" / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert f"Data date: {day}" in home


def test_differences_are_reported_by_file(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for folder, body in (("a", "1"), ("b", "2")):
        (tmp_path / folder / "same.txt").write_text("x")
        (tmp_path / folder / "changed.txt").write_text(body)
    (tmp_path / "a" / "gone.txt").write_text("x")
    assert differences(tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")) == [
        "only in the first build: gone.txt", "differs: changed.txt"]
