"""A library made only of ``documents/`` (no top-level document.yaml, sections/ or source.zh.txt):
the loader reads it (``Policy.document`` None, no sections, its documents in ``CheckResult.documents``);
a folder with no document at all still says the document is missing; half a top-level document is a
problem. The real example library (examples/guangzhou) is read as it is (the loader writes nothing) or
copied and changed one way at a time."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import calculators
from policy_site.build.build_inputs import load_site_inputs
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import check_policy
from policy_site.site.render import page_paths
from tests.conftest import MINI_POLICY, REPO

LIBRARY = REPO / "examples" / "guangzhou"
DOC_ID = "guangzhou-2019-internship-bases"
ON = dt.date(2026, 12, 7)
MISSING_DOCUMENT = ("The file document.yaml is missing: create it in the data folder; or, for a library made only of "
                    "documents/, import its documents there with policy-site import.")
"""It names both ways out: a top-level document, or a library of documents only (never only the first)."""


def _check(data: Path):
    return check_policy(data, calculators.CALCULATORS, ON)


def _copy(tmp_path: Path, *leave_out: str) -> Path:
    copy = tmp_path / "guangzhou"
    shutil.copytree(LIBRARY, copy, ignore=shutil.ignore_patterns(*leave_out))
    return copy


def test_a_library_of_documents_only_loads():
    result = _check(LIBRARY)
    assert result.problems == []
    assert result.policy.document is None and result.policy.sections == () and result.policy.clauses == ()
    assert [d.id for d in result.documents] == [DOC_ID]
    assert len(result.documents[0].clauses) == 23
    assert {a.id for a in result.policy.agencies} >= {"guangzhou_hrss_bureau"}  # the shared files are read


def test_its_site_has_no_page_of_a_top_level_document():
    paths = page_paths(load_site_inputs(LIBRARY))
    assert "fulltext.md" not in paths and "clauses/index.md" not in paths
    assert not [p for p in paths if p.startswith("clauses/")]
    assert {"index.md", "finder.md", f"documents/{DOC_ID}/index.md", f"documents/{DOC_ID}/clauses/16.md",
            "calculators/guangzhou_internship_subsidy.md", "audiences/index.md"} <= set(paths)
    # the real plan keeps them
    assert {"fulltext.md", "clauses/index.md"} <= set(page_paths(load_site_inputs(REPO / "policy_data")))


def test_the_finder_names_a_lone_document_s_clauses_by_their_own_ids():
    """A library of one document reports clause ids as a library of one always has (``16``, not ``DOC:16``)."""
    result = _check(LIBRARY)
    refs = [c["clause"] for c in finder_rules(result.policy, result.documents)["clauses"]]
    assert "16" in refs and not [r for r in refs if ":" in r]


@pytest.mark.parametrize("leave_out", [(), ("documents",)])
def test_a_folder_without_any_document_still_says_the_document_is_missing(tmp_path, leave_out):
    """Nothing at all, or the example's shared files without its documents/: the problem of today."""
    data = tmp_path / "empty" if not leave_out else _copy(tmp_path, *leave_out)
    data.mkdir(exist_ok=True)
    result = _check(data)
    assert result.policy is None
    missing = [p for p in result.problems if p.en == MISSING_DOCUMENT]
    assert len(missing) == 1 and missing[0].file.endswith("/document.yaml") and "缺少文件 document.yaml" in missing[0].zh \
        and "policy-site import" in missing[0].zh
    assert any("source.zh.txt is missing" in p.en for p in result.problems)


def test_a_document_folder_without_its_document_yaml_is_told_as_such(tmp_path):
    """Only the folder's own problem: not also a top-level document.yaml and source.zh.txt 'missing',
    which would send staff to the wrong fix."""
    data = _copy(tmp_path)
    (data / "documents" / DOC_ID / "document.yaml").unlink()
    result = _check(data)
    assert result.policy is None
    assert any(f"documents/{DOC_ID} has no document.yaml" in p.en for p in result.problems)
    assert not any(p.en == MISSING_DOCUMENT or "source.zh.txt" in p.file for p in result.problems), result.problems


def test_document_yaml_without_sections_is_a_problem(tmp_path):
    data = _copy(tmp_path)
    shutil.copy(MINI_POLICY / "document.yaml", data / "document.yaml")
    shutil.copy(MINI_POLICY / "source.zh.txt", data / "source.zh.txt")
    result = _check(data)
    assert result.policy is None
    (problem,) = [p for p in result.problems if p.file.endswith("/sections")]
    assert "a top-level document needs both" in problem.en and "顶层文档需要两者" in problem.zh


@pytest.mark.parametrize("part", ["sections", "source.zh.txt"])
def test_part_of_a_top_level_document_without_document_yaml_is_a_problem(tmp_path, part):
    """sections/ or source.zh.txt alone is half a top-level document: document.yaml is missing."""
    data = _copy(tmp_path)
    (shutil.copytree if part == "sections" else shutil.copy)(MINI_POLICY / part, data / part)
    result = _check(data)
    assert result.policy is None
    assert any(p.en == MISSING_DOCUMENT for p in result.problems)
