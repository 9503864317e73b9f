"""Build the real site with mkdocs, as the README's command does, for the tests."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
FIXED_EPOCH = "1767225600"  # 2026-01-01: a fixed data date, so statements like "expired" are stable
MKDOCS = Path(sys.executable).with_name("mkdocs")


def build_env(data_dir: Path | str | None = None, **env: str) -> dict[str, str]:
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH, **env}
    if data_dir is not None:
        environ["POLICY_DATA_DIR"] = str(data_dir)
    return {key: value for key, value in environ.items() if value is not None}


def mkdocs_build(dest: Path, data_dir: Path | str | None = None, *, cwd: Path = REPO,
                 config: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict -d dest`` from ``cwd`` (the repository root); never raises on failure.

    An ``env`` value of None removes that variable (e.g. ``SOURCE_DATE_EPOCH=None``)."""
    args = [str(MKDOCS), "build", "--strict", "-d", str(dest)]
    if config is not None:
        args += ["-f", str(config)]
    return subprocess.run(args, cwd=cwd, env=build_env(data_dir, **env), capture_output=True, text=True)


def tree_hash(folder: Path) -> str:
    """One SHA-256 over every path, file content and symlink below ``folder`` (empty folders too)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            digest.update(f"L {rel} {os.readlink(path)}\n".encode())
        elif path.is_dir():
            digest.update(f"D {rel}\n".encode())
        else:
            digest.update(f"F {rel} {path.stat().st_size}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def sandbox(target: Path) -> Path:
    """A copy of the site's configuration and hand-written pages (mkdocs.yml, projects/, docs/) in
    ``target``, using the repository's calculators, pyproject.toml and node_modules: a test can
    break a page there without touching the repository. Returns the copy's mkdocs.yml."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("projects", "docs"):
        shutil.copytree(REPO / folder, target / folder, ignore=shutil.ignore_patterns("site"))
    for name in ("calculators", "pyproject.toml", "node_modules", "policy_data"):
        (target / name).symlink_to(REPO / name)
    return target / "mkdocs.yml"


def made_once(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``name`` that ``make(folder)`` fills once for the whole test run, whichever worker
    (pytest-xdist) asks first; the others wait for it and reuse it. Tests only read it.

    Under xdist the folder is in the run's temporary folder that every worker's is in; in one process,
    in that process's own. A ``make`` that fails leaves no folder marked as made (the next one tries)."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = root / name, root / f"{name}.made"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder
