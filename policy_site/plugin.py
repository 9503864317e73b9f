"""The mkdocs plugin: validate the data, then add the generated pages to the build.

Each event does one thing:
- ``on_config`` loads and validates the data and renders every page, so that a
  mistake stops the build before mkdocs (or the projects plugin) writes anything;
- ``on_pre_build`` empties the output folder of the top-level build (the
  projects plugin switches mkdocs' own cleaning off), only once the data passed;
- ``on_files`` adds the rendered pages, the shared assets, the data downloads and
  (top-level only) the calculators' Pyodide runtime;
- ``on_env`` lets page-relative links through mkdocs' ``url`` filter untouched;
- ``on_page_context`` points the language switch at this page's twin;
- ``on_serve`` rebuilds when a data file, an asset or a calculator changes.
Nothing is written into ``docs/``.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

import calculators

from . import downloads, pyodide_runtime, search_terms
from .build_inputs import load_site_inputs
from .dates import pin_source_date_epoch
from .errors import DataErrors
from .render import LANGS, render_pages

# Each language's name in the header menu, marked with its own language for screen readers.
LANGUAGE_NAMES = {code: Markup(f'<span lang="{tag}">{name}</span>')
                  for code, tag, name in (("zh", "zh-Hans", "中文"), ("en", "en", "English"))}


class PageRelativeUrl(str):
    """A link already relative to the page it is on: the `url` template filter leaves it as it is."""


class PolicySiteConfig(Config):
    data_dir = c.Type(str, default="policy_data")
    """Folder of the policy data, relative to this mkdocs.yml."""
    assets_dir = c.Type(str, default="docs/assets")
    """Browser assets shared by both languages, relative to this mkdocs.yml; copied to assets/."""
    language = c.Choice(LANGS, default="zh")
    twin_root = c.Type(str, default="en/")
    """Where the other language's site root is, relative to this site's root."""
    report_error_url = c.Type(str, default="")
    """Link target of "report an error" (mailto: or https:); hidden when empty."""
    clean_site_dir = c.Type(bool, default=False)
    """Empty site_dir before building (set on the top-level project only)."""


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    serving = False

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        base = Path(config.config_file_path).parent
        self.data_dir = (base / self.config.data_dir).resolve()
        self.assets_dir = (base / self.config.assets_dir).resolve()
        pin_source_date_epoch(self.data_dir)
        try:
            site = load_site_inputs(self.data_dir)
        except DataErrors as exc:
            raise PluginError("\n" + exc.format()) from None
        self.runtime = self._pyodide_runtime(config)
        self.site = dataclasses.replace(site, runtime=self.runtime)
        self.pages = render_pages(self.site, self.config.language)
        config.extra["report_error_url"] = self.config.report_error_url
        self._search_user_dict(config, base)
        clashes = [p for p in self.pages if (Path(config.docs_dir) / p).exists()]
        if clashes:
            raise PluginError(f"docs/ 中的文件与生成的页面重名 / Files in docs/ clash with generated pages: {clashes}")
        return config

    def _search_user_dict(self, config, base: Path) -> None:
        """Write the glossary's terms where the search plugin's ``jieba_dict_user`` option points
        (this plugin's on_config runs before the search plugin's, which loads the file)."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        option = getattr(getattr(search, "config", None), "jieba_dict_user", None)
        if search is not None and option:
            path = (base / option).resolve()
            search_terms.write_user_dict(self.site.policy, path)
            search.config.jieba_dict_user = str(path)

    @event_priority(100)  # before the projects plugin builds the other language into site_dir
    def on_pre_build(self, config):
        if self.serving:
            # The projects plugin rebuilds the other language only when its own folder changes;
            # the data is shared, so forget its finished builds and let it build them again.
            projects = config.plugins.get("material/projects") or config.plugins.get("projects")
            builder = getattr(projects, "builder", None)
            if builder is not None:
                builder.pool_jobs.clear()
        site_dir = Path(config.site_dir)
        if self.config.clean_site_dir and site_dir.is_dir():
            for child in site_dir.iterdir():
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()

    def on_files(self, files: Files, config) -> Files:
        generated: dict[str, str | bytes | Path] = dict(self.pages)
        generated |= {"assets/" + p.relative_to(self.assets_dir).as_posix(): p
                      for p in sorted(self.assets_dir.rglob("*")) if p.is_file()}
        generated |= downloads.data_files(self.site)
        if self.config.language == "zh":  # one copy, in the top-level site; en pages use ../pyodide/
            generated |= self.runtime.files
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
        return env

    def on_page_context(self, context, page, config, nav):
        this = self.config.language
        other = "en" if this == "zh" else "zh"
        to_root = "../" * page.url.count("/")
        twin = PageRelativeUrl(to_root + self.config.twin_root + page.url)
        config.extra["alternate"] = [
            {"name": LANGUAGE_NAMES[this], "link": PageRelativeUrl("./"), "lang": this},
            {"name": LANGUAGE_NAMES[other], "link": twin, "lang": other},
        ]
        context["policy_twin_url"] = twin
        context["policy_other_lang"] = other
        return context

    def on_serve(self, server, config, builder):
        server.watch(str(self.data_dir))
        server.watch(str(self.assets_dir))
        server.watch(str(Path(calculators.__file__).parent))
        return server
