"""Atomic builds: the whole site is written into a staging folder and put in place only once
every part of it (both languages) has been built.

Where the site really is (``target``): the output folder itself, or, when the output folder is a
symbolic link (``site -> /srv/www/site``), the folder the link points to; the link stays a link.

- Ordinarily the staging folder is ``.<name>.staging-<pid>`` beside the target (the same file
  system), and the swap is two renames: the previous site is kept as ``.<name>.old-<pid>`` for the
  moment between them, with SIGINT, SIGTERM and SIGHUP held back.
- A mount point (a Docker volume, an NFS export, a disk of its own) cannot be renamed. Its staging
  folder is inside it, and its entries are swapped one by one, each by a rename: each file and
  folder changes at once, but not all together, and the message says so.

If putting the site in place fails (no permission, a full disk), everything is moved back and the
error (``PublishError``) says that the previous site is unchanged — only when that is true.
Leftovers of a build that was killed (``kill -9``, a power cut) are removed, or restored, by the
next build.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import BuildError

_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
UNCHANGED = "previous site is unchanged"  # the words the plugin looks for (plugin.UNCHANGED)


class PublishError(BuildError):
    """The built site could not be put in place; ``site_changed`` says whether the previous one was touched."""

    def __init__(self, zh: str, en: str, site_changed: bool):
        super().__init__(f"{zh}\n{en}")
        self.site_changed = site_changed


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


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def is_mount_point(path: Path) -> bool:
    """Is ``path`` a mount point (also a bind mount of a folder of the same file system)?"""
    if os.path.ismount(path):
        return True
    try:
        lines = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    real = os.path.realpath(path)
    return any(len(fields) > 4 and _unescape(fields[4]) == real for fields in (line.split() for line in lines))


def _where(final: Path) -> tuple[Path, bool]:
    """Where the site really is, and whether it must be replaced in place (a mount point)."""
    target = Path(os.path.realpath(final)) if final.is_symlink() else final
    return target, target.is_dir() and is_mount_point(target)


def _ours(name: str, entry: str) -> bool:
    """A staging, old or new folder of some build of ``name`` (never published, never moved)."""
    return re.fullmatch(rf"\.{re.escape(name)}\.(staging|old|new)-\d+", entry) is not None


def os_reason(exc: OSError) -> tuple[str, str]:
    what = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "磁盘空间不足", f"the disk is full ({what})"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限（或文件夹被设为只读、不可改）", f"no permission to change it ({what})"
    return f"系统错误（{what}）", f"a system error ({what})"


@dataclass
class Staging:
    """A build of ``final`` in progress."""

    final: Path
    staging: Path
    target: Path | None = None
    in_place: bool = False
    swapped: bool = False

    def __post_init__(self) -> None:
        if self.target is None:
            self.target = self.final

    @classmethod
    def begin(cls, final: Path) -> "Staging":
        final = Path(os.path.abspath(final))
        target, in_place = _where(final)
        target.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(final)
        home = target if in_place else target.parent
        staging = home / f".{target.name}.staging-{os.getpid()}"
        _remove(staging)
        staging.mkdir()
        return cls(final, staging, target, in_place)

    def published(self) -> str:
        """The last line of a build that succeeded: where the site went, and how."""
        line = f"网站已写入 {self.final} / The site was written to {self.final}"
        if self.target != self.final:
            line += (f"\n{self.final} 是指向 {self.target} 的链接：新网站已放到 {self.target}，链接保持不变。"
                     f"\n{self.final} is a link to {self.target}: the new site was put there; the link is unchanged.")
        if self.in_place:
            line += (f"\n{self.target} 是挂载点，不能整体替换：其中的文件和文件夹已逐项替换（每一项都是一次完成的，"
                     "但替换过程中，访客可能短暂看到新旧混合的页面）。"
                     f"\n{self.target} is a mount point, which cannot be replaced in one step: its files and folders "
                     "were replaced one by one (each in one step, but while that ran a visitor could have seen a mix "
                     "of old and new pages).")
        return line

    def swap(self) -> None:
        """Put the staged site in place of the previous one (the previous one is then deleted).

        Raises ``PublishError`` (a mkdocs ``BuildError``: a message, no traceback) when it cannot."""
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
        try:
            if self.in_place:
                self._swap_entries()
            else:
                try:
                    self._swap_folder()
                except OSError as exc:
                    if exc.errno != errno.EBUSY:  # a mount point /proc did not show: replace its contents
                        raise
                    self.in_place = True
                    self._swap_entries()
            self.swapped = True
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)

    def _swap_folder(self) -> None:
        target = self.target
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        _remove(old)
        had_previous = target.exists() or target.is_symlink()
        if had_previous:
            try:
                os.rename(target, old)
            except OSError as exc:
                if exc.errno == errno.EBUSY:
                    raise
                self._fail(exc, changed=False)
        try:
            os.rename(self.staging, target)
        except OSError as exc:
            if had_previous:
                try:
                    os.rename(old, target)  # put the previous site back
                except OSError:
                    self._fail(exc, changed=True, kept=old)
            self._fail(exc, changed=False)
        _remove(old)

    def _swap_entries(self) -> None:
        """Replace the contents of ``target`` (which cannot be renamed) entry by entry, each by a rename;
        on any failure, move everything back."""
        target, pid = self.target, os.getpid()
        old = target / f".{target.name}.old-{pid}"
        new = self.staging
        try:
            if new.parent != target:  # staged on another file system: copy it in first (renames only after)
                new = target / f".{target.name}.new-{pid}"
                _remove(new)
                shutil.copytree(self.staging, new, symlinks=True)
            _remove(old)
            old.mkdir()
        except OSError as exc:
            if new != self.staging:
                _remove(new)
            _remove(old)
            self._fail(exc, changed=False)
        moved_out, moved_in = [], []
        try:
            for entry in sorted(os.listdir(target)):
                if not _ours(target.name, entry):
                    os.rename(target / entry, old / entry)
                    moved_out.append(entry)
            for entry in sorted(os.listdir(new)):
                os.rename(new / entry, target / entry)
                moved_in.append(entry)
        except OSError as exc:
            try:
                for entry in reversed(moved_in):
                    os.rename(target / entry, new / entry)
                for entry in reversed(moved_out):
                    os.rename(old / entry, target / entry)
            except OSError:
                self._fail(exc, changed=True, kept=old)
            _remove(old)
            if new != self.staging:
                _remove(new)
            self._fail(exc, changed=False)
        _remove(old)
        _remove(new)
        if new != self.staging:
            _remove(self.staging)

    def _fail(self, exc: OSError, changed: bool, kept: Path | None = None) -> None:
        why_zh, why_en = os_reason(exc)
        where = exc.filename or self.target
        zh = f"无法把新网站放到 {self.final}：{why_zh}（{where}）。"
        en = f"Could not put the new site in place at {self.final}: {why_en} ({where})."
        if changed:
            zh += f"原有网站只移回了一部分，其余在 {kept}：请手动检查 {self.target}。"
            en += f" The previous site could be moved back only in part; the rest is in {kept}: check {self.target}."
        else:
            zh += "原有网站保持不变。"
            en += f" Nothing was changed: the {UNCHANGED}."
        raise PublishError(zh, en, changed) from None

    def discard(self) -> None:
        """Forget the staged build; the output folder was never touched."""
        if not self.swapped:
            _remove(self.staging)
            if self.in_place:
                _remove(self.target / f".{self.target.name}.new-{os.getpid()}")


def clean_leftovers(final: Path) -> list[Path]:
    """Remove the staging folders of builds of ``final`` whose process is gone; if such a build
    was killed between the two renames of its swap, put the previous site back first."""
    final = Path(os.path.abspath(final))
    target, in_place = _where(final)
    home = target if in_place else target.parent
    removed = []
    for prefix in ("old", "new", "staging"):  # restore an orphaned previous site before anything else
        for path in sorted(home.glob(f".{target.name}.{prefix}-*")):
            pid = path.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or (int(pid) != os.getpid() and _pid_alive(int(pid))):
                continue
            if prefix == "old" and not in_place and not (target.exists() or target.is_symlink()):
                os.rename(path, target)
                continue
            if prefix == "old" and in_place:  # killed while swapping entries: put back what is missing
                for entry in sorted(os.listdir(path)):
                    if not os.path.lexists(target / entry):
                        os.rename(path / entry, target / entry)
            _remove(path)
            removed.append(path)
    return removed
