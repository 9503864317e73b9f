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
from contextlib import contextmanager
from pathlib import Path

import pytest

from policy_site.build.staging import clean_leftovers, is_mount_point
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


# -- where the site is published: through a link, into a mount point; failures to put it there ----

RENAMED = "A renamed plan"


def renamed_data(tmp_path: Path) -> Path:
    """The fixture policy with its English title changed: a build that publishes shows it."""
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    document = data / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("A sample plan", RENAMED), encoding="utf-8")
    return data


def published(site: Path) -> bool:
    return RENAMED in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_p2_98_a_symlinked_site_is_published_through_the_link(good_site, tmp_path):
    web_root = tmp_path / "www" / "site"  # what the web server serves
    shutil.copytree(good_site[0], web_root, symlinks=True)
    (web_root / "stale.html").write_text("from an older build")
    link = tmp_path / "out" / "site"
    link.parent.mkdir()
    link.symlink_to("../www/site")
    result = mkdocs_build(link, data_dir=renamed_data(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert link.is_symlink() and os.readlink(link) == "../www/site"
    assert published(web_root) and not (web_root / "stale.html").exists()
    assert sorted(p.name for p in link.parent.iterdir()) == ["site"]
    assert sorted(p.name for p in web_root.parent.iterdir()) == ["site"]
    assert f"{link} is a link to {web_root}: the new site was put there" in result.stderr


@contextmanager
def mounted(kind: str, where: Path, source: Path | None = None, size: str | None = None):
    """A real mount (as root in the sandbox); the test is skipped where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    args = ["mount", "--bind", str(source), str(where)] if kind == "bind" else \
        ["mount", "-t", "tmpfs", "-o", f"size={size}" if size else "size=256m", "tmpfs", str(where)]
    proc = subprocess.run(args, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount here ({proc.stderr.strip()})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


@pytest.mark.parametrize("kind", ["tmpfs", "bind"])  # bind: a folder of the same file system (not os.path.ismount)
def test_p2_97_a_site_on_a_mount_point_is_published(good_site, tmp_path, kind):
    volume = tmp_path / "volume"
    volume.mkdir()
    site = tmp_path / "out" / "site"
    with mounted(kind, site, source=volume):
        shutil.copytree(good_site[0], site, symlinks=True, dirs_exist_ok=True)
        (site / "stale.html").write_text("from an older build")
        result = mkdocs_build(site, data_dir=renamed_data(tmp_path))
        assert result.returncode == 0, result.stdout + result.stderr
        assert is_mount_point(site)
        assert published(site) and not (site / "stale.html").exists()
        assert not [p for p in site.iterdir() if p.name.startswith(".site.")], "a staging folder was left inside"
        assert sorted(p.name for p in site.parent.iterdir()) == ["site"]
        assert "is a mount point, which cannot be replaced in one step" in result.stderr
        assert "a visitor could have seen a mix of old and new pages" in result.stderr
        if kind == "bind":
            assert published(volume)


def test_p2_96_a_site_that_cannot_be_moved_is_unchanged_and_says_why(old_site, good_site, tmp_path):
    proc = subprocess.run(["chattr", "+i", str(old_site)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"chattr +i is not possible here ({proc.stderr.strip()})")
    try:
        result = mkdocs_build(old_site, data_dir=renamed_data(tmp_path))
    finally:
        subprocess.run(["chattr", "-i", str(old_site)], check=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Could not put the new site in place" in output and "no permission to change it" in output
    assert output.count(UNCHANGED) == 1, output
    assert_untouched(old_site, good_site, output)


def test_p2_95_a_full_disk_leaves_the_site_unchanged_without_a_traceback(good_site, tmp_path):
    size = sum(p.stat().st_size for p in good_site[0].rglob("*") if p.is_file())
    with mounted("tmpfs", tmp_path / "out", size=str(size + size // 2)):
        site = tmp_path / "out" / "site"
        shutil.copytree(good_site[0], site, symlinks=True)
        result = mkdocs_build(site, data_dir=renamed_data(tmp_path))
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "the disk is full" in output, output
        assert_untouched(site, good_site, output)
