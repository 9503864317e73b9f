"""The data date: the day the site's statements ("expired on …") are made as of.

It comes, in this order, from ``SOURCE_DATE_EPOCH`` when set, from the date of the last git
commit, or (a folder without git history, e.g. a zip download) from the newest modification
time of the data files; never from the clock, so two builds of the same files are identical.
The build states which one it used (``describe``). A ``SOURCE_DATE_EPOCH`` that is not a
whole number of seconds is refused with a bilingual message (``DataDateError``).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

EXAMPLE_EPOCH = 1767225600  # 2026-01-01


class DataDateError(ValueError):
    """A malformed SOURCE_DATE_EPOCH; the message is bilingual and says what works."""


@dataclass(frozen=True)
class DataDate:
    date: dt.date
    epoch: int
    origin: str  # "SOURCE_DATE_EPOCH", "git" or "files"
    newest_file: Path | None = None

    def describe(self) -> str:
        """One bilingual line for the build output: the date and where it came from."""
        day = self.date.isoformat()
        if self.origin == "SOURCE_DATE_EPOCH":
            return (f"数据日期：{day}（来自环境变量 SOURCE_DATE_EPOCH）/ "
                    f"Data date: {day} (from SOURCE_DATE_EPOCH)")
        if self.origin == "git":
            return f"数据日期：{day}（最后一次提交的日期）/ Data date: {day} (the date of the last git commit)"
        return (f"数据日期：{day}（没有 git 记录，也没有设置 SOURCE_DATE_EPOCH，因此采用数据文件中最新的修改时间，"
                f"来自 {self.newest_file}；如需其他日期，请设置 SOURCE_DATE_EPOCH）/ "
                f"Data date: {day} (no git history and no SOURCE_DATE_EPOCH, so the newest modification time "
                f"of the data files was used, from {self.newest_file}; set SOURCE_DATE_EPOCH for another date)")


def last_commit_epoch(repo_dir: Path) -> int | None:
    """Seconds since 1970 of the last commit of the checkout holding ``repo_dir``, if any."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(out) if out.isdigit() else None


def parse_source_date_epoch(text: str) -> int:
    """The seconds in ``SOURCE_DATE_EPOCH``, or ``DataDateError`` saying what it must look like."""
    value = text.strip()
    if value.isascii() and value.isdigit():
        seconds = int(value)
        try:
            dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
            return seconds
        except (OverflowError, OSError, ValueError):
            pass
    example = dt.datetime.fromtimestamp(EXAMPLE_EPOCH, tz=dt.timezone.utc).date().isoformat()
    raise DataDateError(
        f"环境变量 SOURCE_DATE_EPOCH 的值“{text}”不是有效的时间戳：它应是自 1970-01-01（UTC）起的整秒数，"
        f"例如 {EXAMPLE_EPOCH}（即 {example}）。如要使用最后一次提交的日期，请不要设置它。\n"
        f"SOURCE_DATE_EPOCH is “{text}”, which is not a timestamp: it must be a whole number of seconds "
        f"since 1970-01-01 UTC, e.g. {EXAMPLE_EPOCH} for {example}. Unset it to use the date of the last "
        f"commit.")


def newest_file(data_dir: Path) -> tuple[int, Path] | None:
    """The newest modification time (whole seconds) among the files of ``data_dir``, and that file."""
    newest = None
    for path in Path(data_dir).rglob("*"):
        if path.is_file():
            mtime = int(path.stat().st_mtime)
            if newest is None or mtime > newest[0]:
                newest = (mtime, path)
    return newest


def resolve(data_dir: Path) -> DataDate:
    """The data date of a build of ``data_dir`` and where it comes from."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    if env.strip():
        return _dated(parse_source_date_epoch(env), "SOURCE_DATE_EPOCH")
    seconds = last_commit_epoch(data_dir)
    if seconds is not None:
        return _dated(seconds, "git")
    found = newest_file(data_dir)
    if found is None:  # no data files at all: the loader reports that; any fixed date will do meanwhile
        return _dated(0, "files")
    return _dated(found[0], "files", found[1])


def _dated(seconds: int, origin: str, path: Path | None = None) -> DataDate:
    return DataDate(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date(), seconds, origin, path)


def pin_source_date_epoch(data_dir: Path) -> DataDate:
    """Resolve the data date and set ``SOURCE_DATE_EPOCH`` to it when unset, so that mkdocs' own
    dates (the sitemap's lastmod) and the other language's build use the same date."""
    found = resolve(data_dir)
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        os.environ["SOURCE_DATE_EPOCH"] = str(found.epoch)
    return found


def data_date(repo_dir: Path) -> dt.date:
    return resolve(repo_dir).date
