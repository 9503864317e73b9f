"""mkdocs plugin ``policy-atomic`` (top-level mkdocs.yml only): the whole site, every language, is
built into a staging folder beside ``site_dir`` and swapped in only once all of it succeeded; on
any failure or interruption the staged site is dropped and the previous site stays byte-identical
(``staging``). In ``mkdocs serve`` it empties ``site_dir`` before each build instead."""

from __future__ import annotations

import logging
import os
import shutil
import signal
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

from . import projects
from .staging import Staging, os_reason

log = logging.getLogger("mkdocs.plugins.policy_site")

UNCHANGED = "previous site is unchanged"  # every failure message that says so says it with these words


def unchanged(final: Path | None) -> str:
    """What became of the previous site, in both languages."""
    if final is None:  # stopped before it knew where to write
        return "没有改动任何文件 / no file was changed"
    if final.exists():
        return f"之前的网站（{final}）保持不变 / the {UNCHANGED} ({final})"
    return f"没有写出任何文件（{final} 不存在）/ nothing was written ({final} does not exist)"


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C, so that the staged build is removed


def empty_folder(folder: Path) -> None:
    if folder.is_dir():
        for child in folder.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def strict_mode_failed(config) -> bool:
    """mkdocs --strict aborts right after on_post_build when anything was logged as a warning."""
    counter = next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)), None)
    return bool(config.strict and counter is not None and counter.get_counts())


def say_failed(error: BaseException, final: Path | None) -> None:
    """What went wrong, and what became of the previous site; no traceback for a full disk."""
    if getattr(error, "site_changed", False):
        return  # staging.PublishError: its message says what became of the previous site
    if isinstance(error, OSError):  # a full disk, no permission: what happened, then no traceback
        why_zh, why_en = os_reason(error)
        log.error(f"写入失败：{why_zh}（{error.filename}）/ Writing failed: {why_en} ({error.filename})")
    if UNCHANGED not in str(error):  # the data's messages (errors.DataErrors) already say it
        log.error(f"构建失败 / The build failed: {unchanged(final)}")
    if isinstance(error, OSError):
        raise Abort("构建失败 / The build failed.") from None


class AtomicBuildPlugin(BasePlugin):
    serving = False
    final_dir: Path | None = None
    staging: Staging | None = None
    outcome: str | None = None  # "written" or "failed" once a build got that far
    _config = None
    _signals: dict = {}

    def on_startup(self, command, dirty):
        self.serving = command == "serve"
        self.outcome = None
        if not self.serving:  # a service manager's stop, a closed terminal
            self._signals = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGHUP)
                             if signal.getsignal(signum) == signal.SIG_DFL}  # not under nohup

    @event_priority(100)  # before the policy-site plugin, which may stop the build on the data's mistakes
    def on_config(self, config):
        self.final_dir = Path(os.path.abspath(config.site_dir))
        self._config = config
        return config

    @event_priority(100)  # before the projects plugin builds the other languages into site_dir
    def on_pre_build(self, config):
        if self.serving:
            projects.forget_finished_builds(config)
            empty_folder(Path(config.site_dir))
            return
        self.staging = Staging.begin(self.final_dir)
        config.site_dir = str(self.staging.staging)  # the projects plugin puts en/ below it

    @event_priority(-100)  # after every other plugin (search writes its index, precompress its copies)
    def on_post_build(self, config):
        if self.staging is None or strict_mode_failed(config):
            return  # strict: mkdocs aborts right after this event; on_build_error drops the staged site
        self.staging.swap()
        published = self.staging.published()  # where it went (through a link, into a mount point), and how
        self.staging = None
        self.outcome = "written"
        config.site_dir = str(self.final_dir)
        log.info(published)

    def on_build_error(self, error):
        if self.serving:
            return
        self.outcome = "failed"
        self._drop_staging()
        say_failed(error, self.final_dir)

    def on_shutdown(self):
        for signum, handler in self._signals.items():
            signal.signal(signum, handler)
        self._signals = {}
        if not self.serving and self.outcome is None:
            # Neither written nor failed: interrupted (Ctrl-C, SIGTERM), perhaps before staging began.
            self._drop_staging()
            log.error(f"构建被中断 / The build was interrupted: {unchanged(self.final_dir)}")

    def _drop_staging(self):
        """Stop the other languages' builds if they still run, and delete the staged site."""
        if self.staging is None or self.staging.swapped:
            self.staging = None
            return
        projects.stop_running_builds(self._config)
        self.staging.discard()
        self.staging = None
