"""The mkdocs plugin: validate the data, then add the generated pages to the build.

Each event does one thing:
- ``on_config`` loads and validates the data and renders every page, so that a
  mistake stops the build before mkdocs (or the projects plugin) writes anything;
- ``on_pre_build`` (top-level project) points the whole build, both languages, at a
  staging folder beside the output folder (``staging``); ``on_post_build`` swaps it in
  once everything succeeded, and ``on_build_error``/``on_shutdown`` drop it on any
  failure or interruption, so the previous site stays byte-identical;
- ``on_files`` adds the rendered pages, the shared assets, the data downloads and
  (top-level only) the calculators' Pyodide runtime;
- ``on_env`` lets page-relative links through mkdocs' ``url`` filter untouched;
- ``on_page_context`` points the language switch at this page's twin;
- ``on_serve`` rebuilds when a data file, an asset or a calculator changes, and while
  a rebuild fails, answers every page of the preview with the error (``preview``).
Nothing is written into ``docs/``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import signal
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import CountHandler

import calculators

from . import downloads, hosting, preview, pyodide_runtime, site_settings
from ..site import formatting, search_terms, ui_strings
from ..data import languages
from .build_inputs import load_site_inputs
from ..data.dates import DataDateError, pin_source_date_epoch
from ..data.errors import DataErrors
from ..site.render import LANGS, render_pages
from ..site.sitemap import twin_url
from .staging import Staging
from .staging import os_reason as staging_reason

# Each language's name in the header menu, marked with its own language for screen readers.
LANGUAGE_NAMES = {lang.code: Markup(f'<span lang="{lang.html}">{lang.name}</span>') for lang in languages.ALL}


log = logging.getLogger("mkdocs.plugins.policy_site")

UNCHANGED = "previous site is unchanged"  # every failure message that says so says it with these words


def _unchanged(final: Path | None) -> str:
    if final is None:  # stopped before it knew where to write
        return "没有改动任何文件 / no file was changed"
    if final.exists():
        return f"之前的网站（{final}）保持不变 / the {UNCHANGED} ({final})"
    return f"没有写出任何文件（{final} 不存在）/ nothing was written ({final} does not exist)"


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds like Ctrl-C, so that the staged build is removed


class PageRelativeUrl(str):
    """A link already relative to the page it is on: the `url` template filter leaves it as it is."""


class PolicySiteConfig(Config):
    data_dir = c.Type(str, default="policy_data")
    """Folder of the policy data, relative to this mkdocs.yml. The environment variable
    POLICY_DATA_DIR, when set, wins: relative to the folder the command is run from, or absolute."""
    assets_dir = c.Type(str, default="docs/assets")
    """Browser assets shared by both languages, relative to this mkdocs.yml; copied to assets/."""
    language = c.Choice(LANGS, default="zh")
    twin_root = c.Type(str, default="en/")
    """Where the other language's site root is, relative to this site's root."""
    report_error_url = c.Type(str, default="")
    """Link target of "report an error" (mailto: or https:); hidden when empty."""
    atomic_build = c.Type(bool, default=False)
    """Top-level project only: build the whole site (every project) into a staging folder beside
    site_dir and swap it in only when all of it succeeded; in `mkdocs serve`, empty site_dir."""


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    serving = False
    final_dir: Path | None = None
    site = None
    staging: Staging | None = None
    preview_error: BaseException | None = None
    build_error: BaseException | None = None
    outcome: str | None = None  # "written" or "failed" once a build got that far
    _signals: dict = {}

    def on_startup(self, command, dirty):
        self.serving = command == "serve"
        self.outcome = None
        if self.config.atomic_build and not self.serving:  # a service manager's stop, a closed terminal
            self._signals = {signum: signal.signal(signum, _terminate) for signum in (signal.SIGTERM, signal.SIGHUP)
                             if signal.getsignal(signum) == signal.SIG_DFL}  # not under nohup

    def on_config(self, config):
        base = Path(config.config_file_path).parent
        self.final_dir = Path(os.path.abspath(config.site_dir))
        problems = site_settings.settings_problems(config, self.config.report_error_url)
        if problems:  # a setting every page would carry broken (REPORT_ERROR_URL, SITE_URL, site_name)
            raise PluginError("\n" + site_settings.settings_message(problems))
        self.data_dir = self._data_dir(base)
        self.assets_dir = (base / self.config.assets_dir).resolve()
        try:
            date = pin_source_date_epoch(self.data_dir)
        except DataDateError as exc:
            raise PluginError(str(exc)) from None
        if self.config.atomic_build:  # said once, by the top-level project
            log.info(date.describe())
            languages.build_only_languages_on(config)
        self.preview_error = None
        try:
            site = load_site_inputs(self.data_dir, say_warnings=self.config.atomic_build)  # once, not per language
        except DataErrors as exc:
            if not self.serving:
                raise PluginError("\n" + exc.format()) from None
            # The preview goes on: the pages the navigation names say what is wrong (so the build
            # itself succeeds, even the first one), and every page request shows it (preview.install).
            self.preview_error = PluginError("\n" + exc.format())
            if self.config.atomic_build:  # said once, by the top-level project
                preview.terminal.error(preview.HEADLINE + "\n" + exc.format())
            self.site, self.pages = None, preview.stub_pages(config, exc.format())
            self._search_user_dict(config, base)  # an empty dictionary: the search plugin needs the file
            return config
        self.runtime = self._pyodide_runtime(config)
        self.site = dataclasses.replace(site, runtime=self.runtime)
        self.pages = render_pages(self.site, self.config.language)
        if "finder.md" not in self.pages:  # data without a finder (no facts.yaml): no menu entry for it
            config.nav = [item for item in config.nav or []
                          if not (isinstance(item, dict) and "finder.md" in item.values())]
        config.extra["report_error_url"] = self.config.report_error_url
        self._search_user_dict(config, base)
        clashes = [p for p in self.pages if (Path(config.docs_dir) / p).exists()]
        if clashes:
            raise PluginError(
                f"{config.docs_dir} 中的文件与生成的页面重名，请改名或删除：{clashes}\n"
                f"Files in {config.docs_dir} clash with generated pages; rename or remove them: {clashes}")
        return config

    def _search_user_dict(self, config, base: Path) -> None:
        """Write the glossary's terms where the search plugin's ``jieba_dict_user`` option points
        (this plugin's on_config runs before the search plugin's, which loads the file)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        option = getattr(getattr(search, "config", None), "jieba_dict_user", None)
        if search is not None and option:
            path = (base / option).resolve()
            search_terms.write_user_dict(self.site.policy if self.site else None, path)
            search.config.jieba_dict_user = str(path)

    def _data_dir(self, base: Path) -> Path:
        from_env = os.environ.get("POLICY_DATA_DIR", "").strip()
        if not from_env:
            return (base / self.config.data_dir).resolve()
        # Relative to where the command runs; made absolute for the other language's build, which
        # the projects plugin runs in a new process from its own folder.
        data_dir = Path(from_env).resolve()
        os.environ["POLICY_DATA_DIR"] = str(data_dir)
        return data_dir

    def _projects_builder(self, config):
        projects = config.plugins.get("material/projects") or config.plugins.get("projects")
        return getattr(projects, "builder", None)

    @event_priority(100)  # before the projects plugin builds the other language into site_dir
    def on_pre_build(self, config):
        if not self.config.atomic_build:
            return
        if not self.serving:
            self._config = config
            self.staging = Staging.begin(self.final_dir)
            config.site_dir = str(self.staging.staging)  # the projects plugin puts en/ below it
            return
        # The preview: the projects plugin rebuilds the other language only when its own folder
        # changes; the data is shared, so forget its finished builds and let it build them again.
        builder = self._projects_builder(config)
        if builder is not None:
            builder.pool_jobs.clear()
        site_dir = Path(config.site_dir)
        if site_dir.is_dir():
            for child in site_dir.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()

    @event_priority(-100)  # after every other plugin (search writes its index in on_post_build)
    def on_post_build(self, config):
        if self.staging is None:
            return
        counter = next((h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)), None)
        if config.strict and counter is not None and counter.get_counts():
            return  # mkdocs aborts right after this event; on_build_error drops the staged site
        self.staging.swap()
        published = self.staging.published()  # where it went (through a link, into a mount point), and how
        self.staging = None
        self.outcome = "written"
        config.site_dir = str(self.final_dir)
        log.info(published)

    def on_build_error(self, error):
        if self.serving:
            self.build_error = error  # mkdocs turns it into a bare Abort; the preview shows this one
            return
        if not self.config.atomic_build:
            return
        self.outcome = "failed"
        self._drop_staging()
        if getattr(error, "site_changed", False):
            return  # staging.PublishError: its message says what became of the previous site
        if isinstance(error, OSError):  # a full disk, no permission: what happened, then no traceback
            why_zh, why_en = staging_reason(error)
            log.error(f"写入失败：{why_zh}（{error.filename}）/ Writing failed: {why_en} ({error.filename})")
        if UNCHANGED not in str(error):  # the data's messages (errors.DataErrors) already say it
            log.error(f"构建失败 / The build failed: {_unchanged(self.final_dir)}")
        if isinstance(error, OSError):
            raise Abort("构建失败 / The build failed.") from None

    def on_shutdown(self):
        for signum, handler in self._signals.items():
            signal.signal(signum, handler)
        self._signals = {}
        if self.config.atomic_build and not self.serving and self.outcome is None:
            # Neither written nor failed: interrupted (Ctrl-C, SIGTERM), perhaps before staging began.
            self._drop_staging()
            log.error(f"构建被中断 / The build was interrupted: {_unchanged(self.final_dir)}")

    def _drop_staging(self):
        """Stop the other language's build if it still runs, and delete the staged site."""
        if self.staging is None or self.staging.swapped:
            self.staging = None
            return
        pool = getattr(self._projects_builder(self._config), "pool", None)
        if pool is not None and not isinstance(pool, type):
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()  # a worker still writing into the staging folder
            pool.shutdown(wait=True, cancel_futures=True)
        self.staging.discard()
        self.staging = None

    def on_files(self, files: Files, config) -> Files:
        generated: dict[str, str | bytes | Path] = dict(self.pages)
        # The browser scripts import one another at the release's address (?v=, as the pages load them).
        generated |= pyodide_runtime.site_assets(self.assets_dir, self.runtime.version if self.site is not None else None)
        if self.site is not None:  # None: the preview of broken data, only pages that say so
            generated |= downloads.data_files(self.site)
        if self.site is not None and self.config.language == "zh":  # one copy, in the top-level site; en pages use ../pyodide/
            generated |= self.runtime.files
            generated["_headers"] = hosting.headers_file()
        for uri, content in generated.items():
            if isinstance(content, Path):
                files.append(File.generated(config, uri, abs_src_path=str(content)))
            else:
                files.append(File.generated(config, uri, content=content))
        return files

    def _pyodide_runtime(self, config) -> pyodide_runtime.Runtime:
        """The calculators' browser runtime (Pyodide + the calculators wheel), built once per process."""
        try:
            root = pyodide_runtime.find_repo_root(Path(config.config_file_path).parent)
            return pyodide_runtime.build_runtime(root, assets_dir=self.assets_dir)
        except pyodide_runtime.RuntimeBuildError as exc:
            raise PluginError(str(exc)) from None

    def on_env(self, env, config, files):
        # mkdocs' `url` filter mangles links that climb above the site root ("../clauses/1.2/"
        # from the English site); links we have already made relative to their page pass untouched.
        url_filter = env.filters["url"]

        @pass_context
        def url_keeping_page_relative(context, value):
            return value if isinstance(value, PageRelativeUrl) else url_filter(context, value)

        env.filters["url"] = url_keeping_page_relative
        env.filters["attribute_value"] = formatting.attribute  # the one escaping of attribute values
        env.globals["policy_languages"] = ui_strings.theme_languages()  # for 404.html
        return env

    def on_page_context(self, context, page, config, nav):
        # This page first in the language menu, then its twin in each other language that is on.
        this = languages.BY_CODE[self.config.language]
        up = "../" * this.root.count("/")
        twins = [{"lang": other.code, "url": PageRelativeUrl(twin_url(page.url, up + other.root)),
                  "read_here": ui_strings.string("read_this_page_here", other.code)}
                 for other in languages.ON if other is not this]
        config.extra["alternate"] = [{"name": LANGUAGE_NAMES[this.code], "link": PageRelativeUrl("./"), "lang": this.code}] + [
            {"name": LANGUAGE_NAMES[twin["lang"]], "link": twin["url"], "lang": twin["lang"]} for twin in twins]
        context["policy_twins"] = twins
        context["policy_language"] = this
        context["policy_t"] = lambda key: ui_strings.string(key, this.code)
        return context

    def on_serve(self, server, config, builder):
        if self.config.atomic_build:
            preview.install(server, self)
        server.watch(str(self.data_dir))
        server.watch(str(self.assets_dir))
        server.watch(str(Path(calculators.__file__).parent))
        return server
