"""The example library (examples/guangzhou) as staff check it: the real ``policy-site check-document``
and ``policy-site import`` in subprocesses.

The example is 广州市就业见习基地管理办法 imported from tests/fixtures/documents with the command and
completed by hand. ``check-document`` must find no problem in it (its Chinese is still the source's,
line by line; every agency, audience and funding id is the library's) and warn about nothing staff
have left to write except what the README says is not done yet; a fresh import of the same text
must give back exactly the Chinese the completed files hold.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
LIBRARY = REPO / "examples" / "guangzhou"
DOC_ID = "guangzhou-2019-internship-bases"
DOCUMENT = LIBRARY / "documents" / DOC_ID
SOURCE = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
NOT_YET_WRITTEN: tuple[str, ...] = ()
"""The warnings the example still carries (README: what is not done yet). Anything else is a regression."""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POLICY_SITE_DEBUG"}
    env["SOURCE_DATE_EPOCH"] = "1796601600"  # 2026-12-07: the data date, never the clock
    return subprocess.run([sys.executable, "-m", "policy_site.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess[str]:
    return _run(["check-document", f"examples/guangzhou/documents/{DOC_ID}"], REPO)


def test_check_document_finds_no_problem_in_the_example(checked):
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"The document {DOC_ID} is valid" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr


def test_the_only_warnings_left_are_the_ones_the_readme_names(checked):
    said = checked.stderr
    for pending in ("English translation is not written yet", "English of the title", "English of the issuers",
                    "no title yet", "clauses' titles", "summaries are not written", "summary is not written", "no lead agency", "No measures yet"):
        assert pending not in said, pending
    assert f"is valid ({len(NOT_YET_WRITTEN)} warning(s))" in checked.stdout
    for warning in NOT_YET_WRITTEN:
        assert warning in said


def test_check_document_sees_a_chinese_line_that_no_longer_matches_the_source(tmp_path):
    """The check above can fail: the same library with one figure changed in article 16's Chinese."""
    copy = tmp_path / "guangzhou"
    shutil.copytree(LIBRARY, copy)
    section = copy / "documents" / DOC_ID / "sections" / "4.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count("见习补贴期限不超过12个月。办理程序") == 1
    section.write_text(text.replace("见习补贴期限不超过12个月。办理程序", "见习补贴期限不超过24个月。办理程序"), encoding="utf-8")
    result = _run(["check-document", str(copy / "documents" / DOC_ID)], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "differs from the source" in result.stdout + result.stderr


def test_a_fresh_import_of_the_fixture_gives_the_example_s_chinese(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(LIBRARY / "agencies.yaml", library / "agencies.yaml")
    result = _run(["import", str(SOURCE), "--id", DOC_ID, "--data", str(library)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = library / "documents" / DOC_ID
    assert (fresh / "source.zh.txt").read_bytes() == (DOCUMENT / "source.zh.txt").read_bytes() == SOURCE.read_bytes()
    for n in range(1, 6):
        imported = yaml.safe_load((fresh / "sections" / f"{n}.yaml").read_text(encoding="utf-8"))
        completed = yaml.safe_load((DOCUMENT / "sections" / f"{n}.yaml").read_text(encoding="utf-8"))
        assert completed["text"]["zh"] == imported["text"]["zh"]
        assert [(c["id"], c["number"], c["text"]["zh"], c["items"]) for c in completed["clauses"]] == \
            [(c["id"], c["number"], c["text"]["zh"], c["items"]) for c in imported["clauses"]]
    imported = yaml.safe_load((fresh / "document.yaml").read_text(encoding="utf-8"))
    completed = yaml.safe_load((DOCUMENT / "document.yaml").read_text(encoding="utf-8"))
    for key in ("id", "number", "signed", "in_force_from", "expires", "structure"):
        assert completed[key] == imported[key], key
    for key in ("title", "notice", "title_line", "annexes", "footer"):
        assert completed[key]["zh"] == imported[key]["zh"], key
