"""The data date: the day the site's statements ("expired on …") are made as of.

It comes from ``SOURCE_DATE_EPOCH`` when set, else from the date of the last
git commit, never from the clock, so two builds of one commit are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def last_commit_epoch(repo_dir: Path) -> int | None:
    """Seconds since 1970 of the last commit of the checkout holding ``repo_dir``, if any."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return int(out) if out else None


def pin_source_date_epoch(repo_dir: Path) -> None:
    """Set ``SOURCE_DATE_EPOCH`` to the last commit when unset, so that mkdocs' own dates
    (the sitemap's lastmod, gzip headers) do not come from the clock either."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        epoch = last_commit_epoch(repo_dir)
        if epoch is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)


def data_date(repo_dir: Path) -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch else last_commit_epoch(repo_dir)
    if seconds is None:
        # Not a git checkout and no SOURCE_DATE_EPOCH: a fixed, visible fallback rather than the clock.
        return dt.date(1970, 1, 1)
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()
