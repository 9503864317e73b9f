"""Dates that tell the truth (reliability review A61, A66; ranked defect 7): a malformed
SOURCE_DATE_EPOCH is a clear bilingual error, and a build from a folder without git history
and without SOURCE_DATE_EPOCH states which date it used and where from, never 1970-01-01."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from policy_site.data.dates import DataDateError, parse_source_date_epoch, resolve
from tests.conftest import MINI_POLICY
from tests.site_build import mkdocs_build


@pytest.mark.parametrize("value", ["2019-01-01", "1e9", "-5", "１２３", "12 34", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_refused_with_an_example(value):
    with pytest.raises(DataDateError) as caught:
        parse_source_date_epoch(value)
    message = str(caught.value)
    assert f"“{value}”" in message
    assert "不是有效的时间戳" in message and "not a timestamp" in message
    assert "1767225600" in message and "2026-01-01" in message


def test_a_well_formed_source_date_epoch_is_read_exactly():
    assert parse_source_date_epoch(" 1767225600\n") == 1767225600


def test_a61_build_with_a_malformed_source_date_epoch(tmp_path):
    result = mkdocs_build(tmp_path / "site", data_dir=MINI_POLICY, SOURCE_DATE_EPOCH="2019-01-01")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and "invalid literal" not in output, output
    assert "SOURCE_DATE_EPOCH is “2019-01-01”, which is not a timestamp" in output
    assert "环境变量 SOURCE_DATE_EPOCH 的值“2019-01-01”不是有效的时间戳" in output
    assert not (tmp_path / "site").exists()


def test_without_git_the_date_is_the_newest_data_file(monkeypatch, tmp_path):
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    older = dt.datetime(2024, 5, 6, 12, tzinfo=dt.timezone.utc).timestamp()
    newest = dt.datetime(2025, 3, 4, 12, tzinfo=dt.timezone.utc).timestamp()
    for path in data.rglob("*"):
        os.utime(path, (older, older))
    os.utime(data / "glossary.yaml", (newest, newest))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = resolve(data)
    assert (found.date, found.origin, found.newest_file) == (dt.date(2025, 3, 4), "files", data / "glossary.yaml")


def test_a66_build_without_git_says_which_date_it_used(tmp_path):
    """A zip download: no .git, no SOURCE_DATE_EPOCH. The build says the date and where it came
    from, in both languages, and the pages speak as of that date, not 1970-01-01."""
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    stamp = dt.datetime(2025, 3, 4, 12, tzinfo=dt.timezone.utc).timestamp()
    for path in data.rglob("*"):
        os.utime(path, (stamp, stamp))
    dest = tmp_path / "site"
    result = mkdocs_build(dest, data_dir=data, SOURCE_DATE_EPOCH=None)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Data date: 2025-03-04 (no git history and no SOURCE_DATE_EPOCH, so the newest modification " \
           "time of the data files was used" in result.stderr
    assert "数据日期：2025-03-04（没有 git 记录" in result.stderr
    for page in (dest / "about-data" / "index.html", dest / "en" / "about-data" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "2025-03-04" in text or "2025年3月4日" in text, page
        assert "1970" not in text, page
