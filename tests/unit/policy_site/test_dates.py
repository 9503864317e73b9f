"""The data date comes from SOURCE_DATE_EPOCH or the last commit, never from the clock."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from policy_site.data.dates import data_date, resolve


def test_source_date_epoch_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")
    assert data_date(tmp_path) == dt.date(2021, 1, 1)


def test_last_commit_date_without_source_date_epoch(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2001-02-03T12:00:00Z", "GIT_COMMITTER_DATE": "2001-02-03T12:00:00Z",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    (tmp_path / "f").write_text("x")
    subprocess.run(["git", "add", "f"], cwd=tmp_path, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True, env=env)
    assert data_date(tmp_path) == dt.date(2001, 2, 3)
    # The build prints this line (README: it says which date it used and where from).
    assert resolve(tmp_path).describe() == ("数据日期：2001-02-03（最后一次提交的日期）/ "
                                            "Data date: 2001-02-03 (the date of the last git commit)")


def test_build_dates_are_pinned_to_the_last_commit(monkeypatch, tmp_path):
    from policy_site.data.dates import last_commit_epoch, pin_source_date_epoch
    from tests.conftest import REPO

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pin_source_date_epoch(REPO)
    assert os.environ["SOURCE_DATE_EPOCH"] == str(last_commit_epoch(REPO))
