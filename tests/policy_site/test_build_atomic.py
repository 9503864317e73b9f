"""A failed or interrupted build leaves the previous site byte-identical, and says so only
when that is true (reliability review A62-A65, A67; ranked defect 3).

Each case starts from a good site of the small fixture policy (built once, copied per test)
and runs the real ``mkdocs build --strict -d <dest>``, both languages, as the tests and the
README do; the tree hash covers every path and byte below the output folder.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from policy_site.staging import clean_leftovers
from tests.conftest import MINI_POLICY
from tests.site_build import MKDOCS, REPO, build_env, mkdocs_build, sandbox, tree_hash

UNCHANGED = "the previous site is unchanged"
UNCHANGED_ZH = "保持不变"


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> tuple[Path, str]:
    dest = tmp_path_factory.mktemp("good") / "site"
    result = mkdocs_build(dest, data_dir=MINI_POLICY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (dest / "index.html").is_file() and (dest / "en" / "index.html").is_file()
    return dest, tree_hash(dest)


@pytest.fixture
def old_site(good_site, tmp_path) -> Path:
    """A copy of the good site in ``<tmp>/out/site``, alone in its folder."""
    dest = tmp_path / "out" / "site"
    shutil.copytree(good_site[0], dest, symlinks=True)
    assert tree_hash(dest) == good_site[1]
    return dest


def assert_untouched(site: Path, good_site, result_output: str, traceback_allowed: bool = False) -> None:
    assert tree_hash(site) == good_site[1], "the previous site changed"
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"], "a staging folder was left behind"
    assert UNCHANGED in result_output and UNCHANGED_ZH in result_output, result_output
    assert traceback_allowed or "Traceback" not in result_output, result_output


def test_a_good_build_replaces_the_site_and_leaves_nothing_beside_it(old_site, tmp_path):
    """Also: the staging folder of a build that was killed outright (its process is gone) is
    removed by the next build."""
    (old_site / "stale.html").write_text("from an older build")
    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = old_site.parent / f".site.staging-{dead.pid}"
    (leftover / "en").mkdir(parents=True)
    (leftover / "en" / "index.html").write_text("half-written")
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    document = data / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("A sample plan", "A renamed plan"),
                        encoding="utf-8")
    result = mkdocs_build(old_site, data_dir=data)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (old_site / "stale.html").exists()
    assert "A renamed plan" in (old_site / "en" / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in old_site.parent.iterdir()) == ["site"]
    assert f"The site was written to {old_site}" in result.stderr
    assert "Data date: 2026-01-01 (from SOURCE_DATE_EPOCH)" in result.stderr  # README: which date, where from


def test_a62_relative_policy_data_dir_builds_both_languages(tmp_path):
    """POLICY_DATA_DIR relative to the folder the command runs from, for zh and for en."""
    work = tmp_path / "work"
    shutil.copytree(MINI_POLICY, work / "policy_data_v2")
    document = work / "policy_data_v2" / "document.yaml"
    title = "title: {zh: 示例方案, en: A sample plan}"  # the title only: the preamble must match the source
    assert title in document.read_text(encoding="utf-8")
    document.write_text(document.read_text(encoding="utf-8").replace(title, "title: {zh: 第二版方案, en: Plan v2}"),
                        encoding="utf-8")
    dest = tmp_path / "site"
    result = mkdocs_build(dest, data_dir="policy_data_v2", cwd=work, config=REPO / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "第二版方案" in (dest / "index.html").read_text(encoding="utf-8")
    assert "Plan v2" in (dest / "en" / "index.html").read_text(encoding="utf-8")


def test_a62_missing_policy_data_dir(old_site, good_site, tmp_path):
    result = mkdocs_build(old_site, data_dir="no_such_folder", cwd=tmp_path, config=REPO / "mkdocs.yml")
    assert result.returncode != 0
    assert_untouched(old_site, good_site, result.stdout + result.stderr)


def test_a_data_mistake(old_site, good_site, tmp_path):
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    (data / "agencies.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    result = mkdocs_build(old_site, data_dir=data)
    assert result.returncode != 0
    assert "agencies.yaml" in result.stderr
    assert_untouched(old_site, good_site, result.stdout + result.stderr)


def test_a63_hand_written_english_page_clashes(old_site, good_site, tmp_path):
    config = sandbox(tmp_path / "repo")
    (config.parent / "docs" / "en" / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    result = mkdocs_build(old_site, data_dir=MINI_POLICY, config=config)
    assert result.returncode != 0
    assert "glossary.md" in result.stderr and "clash" in result.stderr
    assert_untouched(old_site, good_site, result.stdout + result.stderr)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a64_a65_broken_link_in_a_hand_written_page(old_site, good_site, tmp_path, lang):
    config = sandbox(tmp_path / "repo")
    privacy = config.parent / "docs" / lang / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8") + "\n[Contact us](contact.md)\n", encoding="utf-8")
    result = mkdocs_build(old_site, data_dir=MINI_POLICY, config=config)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "contact.md" in output and "strict mode" in output
    assert_untouched(old_site, good_site, output)


def test_an_exception_partway_through(old_site, good_site, tmp_path):
    """A mistake in a theme template (a programmer's, so a traceback is fine) raises while the
    English site is being written into the staging folder."""
    config = sandbox(tmp_path / "repo")
    main = config.parent / "docs" / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert "{{ super() }}" in text
    main.write_text(text.replace("{{ super() }}", "{{ super() }}{{ 1 // 0 }}", 1), encoding="utf-8")
    result = mkdocs_build(old_site, data_dir=MINI_POLICY, config=config)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "ZeroDivisionError" in output
    assert_untouched(old_site, good_site, output, traceback_allowed=True)


def test_a_failure_with_no_previous_site_says_nothing_was_written(tmp_path):
    dest = tmp_path / "out" / "site"
    result = mkdocs_build(dest, data_dir=MINI_POLICY, SOURCE_DATE_EPOCH="2019-01-01")
    assert result.returncode != 0
    assert not dest.exists()
    assert not list(dest.parent.glob(".site*"))
    assert "nothing was written" in result.stderr and UNCHANGED not in result.stderr, result.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])  # SIGHUP: as SIGTERM
def test_a67_interrupted_build(old_site, good_site, signum):
    """Ctrl-C (or a service manager's SIGTERM) partway through: once both languages are being
    written into the staging folder, the real build process gets the signal."""
    process = subprocess.Popen([str(MKDOCS), "build", "--strict", "-d", str(old_site)], cwd=REPO,
                               env=build_env(MINI_POLICY), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    staging = old_site.parent / f".site.staging-{process.pid}"
    deadline = time.monotonic() + 60
    while not (staging / "en" / "index.html").exists() and process.poll() is None:
        assert time.monotonic() < deadline, "the build never wrote its staging folder"
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be interrupted"
    process.send_signal(signum)
    output, _ = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "The build was interrupted" in output
    assert_untouched(old_site, good_site, output)


def test_leftovers_of_a_killed_build_are_cleaned_or_restored(tmp_path):
    """A build killed with SIGKILL leaves its staging folder; one killed between the two renames
    of its swap leaves the previous site as .site.old-<pid>. The next build tidies both."""
    dead = subprocess.Popen(["true"])
    dead.wait()  # a process id that no longer runs
    final = tmp_path / "site"
    (tmp_path / f".site.staging-{dead.pid}" / "en").mkdir(parents=True)
    (tmp_path / f".site.old-{dead.pid}").mkdir()
    (tmp_path / f".site.old-{dead.pid}" / "index.html").write_text("previous")
    (tmp_path / f".site.staging-{os.getppid()}").mkdir()  # a build still running: left alone
    clean_leftovers(final)
    assert (final / "index.html").read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".site.staging-{os.getppid()}", "site"]
