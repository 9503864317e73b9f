"""Atomic builds: the whole site is written into a staging folder beside the output folder
and swapped in only once every part of it (both languages) has been built.

The staging folder is ``.<name>.staging-<pid>`` beside ``<name>`` (the same file system, so
the swap is two renames); the previous site is kept as ``.<name>.old-<pid>`` for the moment
between them, with SIGINT, SIGTERM and SIGHUP held back. Leftovers of a build that was killed
(``kill -9``, a power cut) are removed, or restored, by the next build.
"""

from __future__ import annotations

import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink(missing_ok=True)


@dataclass
class Staging:
    """A build of ``final`` in progress."""

    final: Path
    staging: Path
    swapped: bool = False

    @classmethod
    def begin(cls, final: Path) -> "Staging":
        final = Path(os.path.abspath(final))
        final.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(final)
        staging = final.parent / f".{final.name}.staging-{os.getpid()}"
        _remove(staging)
        staging.mkdir()
        return cls(final, staging)

    def swap(self) -> None:
        """Put the staged site in place of the previous one (the previous one is then deleted)."""
        old = self.final.parent / f".{self.final.name}.old-{os.getpid()}"
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
        try:
            _remove(old)
            had_previous = self.final.exists() or self.final.is_symlink()
            if had_previous:
                os.rename(self.final, old)
            try:
                os.rename(self.staging, self.final)
            except OSError:
                if had_previous:
                    os.rename(old, self.final)  # put the previous site back
                raise
            self.swapped = True
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        _remove(old)

    def discard(self) -> None:
        """Forget the staged build; the output folder was never touched."""
        if not self.swapped:
            _remove(self.staging)


def clean_leftovers(final: Path) -> list[Path]:
    """Remove the staging folders of builds of ``final`` whose process is gone; if such a build
    was killed between the two renames of its swap, put the previous site back first."""
    removed = []
    for prefix in ("old", "staging"):  # restore an orphaned previous site before anything else
        for path in sorted(final.parent.glob(f".{final.name}.{prefix}-*")):
            pid = path.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or (int(pid) != os.getpid() and _pid_alive(int(pid))):
                continue
            if prefix == "old" and not (final.exists() or final.is_symlink()):
                os.rename(path, final)
                continue
            _remove(path)
            removed.append(path)
    return removed
