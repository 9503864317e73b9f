"""The swap itself, on real folders and real mounts (as root in the sandbox; skipped where
mounting is not allowed): a mount that /proc did not show when the build began is found by the
rename it refuses (EBUSY), and a swap of entries that fails halfway is undone."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from policy_site.build.staging import PublishError, Staging
from tests.build.test_build_atomic import mounted


def staged(final: Path) -> Staging:
    staging = Staging.begin(final)
    (staging.staging / "en").mkdir()
    (staging.staging / "index.html").write_text("new")
    (staging.staging / "en" / "index.html").write_text("new en")
    return staging


def test_a_mount_made_after_the_build_began_is_published_entry_by_entry(tmp_path):
    final = tmp_path / "out" / "site"
    final.mkdir(parents=True)
    volume = tmp_path / "volume"
    volume.mkdir()
    (volume / "stale.html").write_text("old")
    staging = staged(final)
    assert not staging.in_place  # a plain folder when the build began
    with mounted("bind", final, source=volume):
        staging.swap()
        assert sorted(os.listdir(final)) == ["en", "index.html"]
        assert (final / "en" / "index.html").read_text() == "new en"
    assert staging.in_place and "is a mount point, which cannot be replaced in one step" in staging.published()
    assert sorted(os.listdir(volume)) == ["en", "index.html"]
    assert sorted(p.name for p in final.parent.iterdir()) == ["site"]  # the staging folder is gone


def test_a_swap_of_entries_that_fails_halfway_is_undone(tmp_path):
    final = tmp_path / "out" / "site"
    volume = tmp_path / "volume"
    volume.mkdir()
    for name in ("a.html", "b.html", "c.html"):
        (volume / name).write_text(f"old {name}")
    with mounted("bind", final, source=volume):
        staging = staged(final)
        assert staging.in_place
        proc = subprocess.run(["chattr", "+i", str(volume / "b.html")], capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"chattr +i is not possible here ({proc.stderr.strip()})")
        try:
            with pytest.raises(PublishError) as caught:
                staging.swap()  # a.html moves aside, b.html cannot: a.html comes back
        finally:
            subprocess.run(["chattr", "-i", str(volume / "b.html")], check=True)
        staging.discard()
        assert not caught.value.site_changed
        assert "Nothing was changed: the previous site is unchanged" in str(caught.value)
        assert "原有网站保持不变" in str(caught.value)
        assert sorted(os.listdir(final)) == ["a.html", "b.html", "c.html"]
        assert (final / "a.html").read_text() == "old a.html"
