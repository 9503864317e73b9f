"""The data date: the day the site's statements ("expired on …") are made as of.

It comes from ``SOURCE_DATE_EPOCH`` when set, else from the date of the last
git commit, never from the clock, so two builds of one commit are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path


def data_date(repo_dir: Path) -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=repo_dir, capture_output=True,
                             text=True, check=True).stdout.strip()
        if out:
            return dt.datetime.fromtimestamp(int(out), tz=dt.timezone.utc).date()
    except (OSError, subprocess.CalledProcessError):
        pass
    # Not a git checkout and no SOURCE_DATE_EPOCH: a fixed, visible fallback rather than the clock.
    return dt.date(1970, 1, 1)
