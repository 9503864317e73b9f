"""Build the real site with mkdocs, as the README's command does, for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXED_EPOCH = "1767225600"  # 2026-01-01: a fixed data date, so statements like "expired" are stable


def mkdocs_build(dest: Path, data_dir: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -d dest`` from the repository root; never raises on failure."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH, **env}
    if data_dir is not None:
        environ["POLICY_DATA_DIR"] = str(data_dir)
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "-d", str(dest)], cwd=REPO, env=environ,
                          capture_output=True, text=True)
