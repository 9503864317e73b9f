"""What the policy-site plugin adds to one language's build: the data loaded and validated, every
page rendered (so a mistake stops the build before mkdocs or the projects plugin writes anything),
the shared assets, the data downloads and, in the top-level build, the calculators' Pyodide runtime.
Nothing is written into ``docs/``."""

from __future__ import annotations

import dataclasses
import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..data import languages
from ..data.dates import DataDateError, pin_source_date_epoch
from ..data.errors import DataErrors
from ..site import search_terms, ui_strings
from ..site.render import SiteInputs, render_pages
from ..site.sitemap import OPTIONAL_PAGES
from . import downloads, hosting, jieba_dictionary, preview, projects, pyodide_runtime, site_settings
from .build_inputs import load_site_inputs

log = logging.getLogger("mkdocs.plugins.policy_site")


@dataclasses.dataclass
class Generated:
    """One language's generated part of the site."""

    language: str
    data_dir: Path
    assets_dir: Path
    pages: dict[str, str]
    site: SiteInputs | None = None
    """None in the preview of broken data: only pages that say what is wrong."""
    runtime: pyodide_runtime.Runtime | None = None
    preview_error: PluginError | None = None
    cache: Path | None = None
    """The repository's ``.cache`` (compiled templates are kept there); None outside a repository."""


def is_top_level(language: str) -> bool:
    """The language at the top of the whole site (Chinese): its build says what is said once."""
    return languages.BY_CODE[language].root == ""


def generate(options, config, serving: bool) -> Generated:
    """Validate the settings and the data, then render every page of ``options.language``;
    ``options`` is the policy-site plugin's configuration."""
    base = Path(config.config_file_path).parent
    cache = pyodide_runtime.build_cache(base)
    problems = site_settings.settings_problems(config, options.report_error_url)
    if problems:  # a setting every page would carry broken (REPORT_ERROR_URL, SITE_URL, site_name)
        raise PluginError("\n" + site_settings.settings_message(problems))
    data_dir = _data_dir(base, options.data_dir)
    assets_dir = (base / options.assets_dir).resolve()
    top = is_top_level(options.language)
    try:
        date = pin_source_date_epoch(data_dir)
    except DataDateError as exc:
        raise PluginError(str(exc)) from None
    if top:  # said once, by the top-level project
        log.info(date.describe())
        projects.build_only_languages_on(config)
    try:
        inputs = load_site_inputs(data_dir, say_warnings=top)  # once, not per language
    except DataErrors as exc:
        if not serving:
            raise PluginError("\n" + exc.format()) from None
        # The preview goes on: the pages the navigation names say what is wrong (so the build
        # itself succeeds, even the first one), and every page request shows it (preview.install).
        if top:  # said once, by the top-level project
            preview.terminal.error(preview.HEADLINE + "\n" + exc.format())
        _prepare_search(config, base, None)  # an empty dictionary: the search plugin needs the file
        return Generated(options.language, data_dir, assets_dir, preview.stub_pages(config, exc.format()),
                         preview_error=PluginError("\n" + exc.format()), cache=cache)
    _name_a_library(config, inputs, options.language)
    runtime = _pyodide_runtime(config, assets_dir, pyodide_runtime.rules_file(inputs))  # with the data calculators
    site = dataclasses.replace(inputs, runtime=runtime)
    pages = render_pages(site, options.language, cache)
    missing = set(OPTIONAL_PAGES) - set(pages)  # no finder (no facts.yaml), no top-level document: no menu entry
    if missing and config.nav:
        config.nav = [item for item in config.nav if not (isinstance(item, dict) and missing & set(item.values()))]
    config.extra["report_error_url"] = options.report_error_url
    _prepare_search(config, base, site.policy)
    clashes = [p for p in pages if (Path(config.docs_dir) / p).exists()]
    if clashes:
        raise PluginError(
            f"{config.docs_dir} 中的文件与生成的页面重名，请改名或删除：{clashes}\n"
            f"Files in {config.docs_dir} clash with generated pages; rename or remove them: {clashes}")
    return Generated(options.language, data_dir, assets_dir, pages, site, runtime, cache=cache)


def _name_a_library(config, site: SiteInputs, language: str) -> None:
    """mkdocs.yml names the site after the top-level document (the plan); a library made only of
    ``documents/`` has none, so its site takes a neutral name and description, in its language."""
    if site.policy.document is not None:
        return
    config.site_name = ui_strings.string("library_site_name", language)
    config.site_description = ui_strings.string("library_site_description", language)
    problems = (site_settings.text_setting_problems("site_name", config.site_name)
                + site_settings.text_setting_problems("site_description", config.site_description))
    if problems:  # our own strings: the theme writes them into the page as they are
        raise PluginError("\n" + site_settings.settings_message(problems))


def add_files(generated: Generated, files: Files, config) -> Files:
    """The rendered pages, the shared assets, the data downloads and (top level) the runtime."""
    content: dict[str, str | bytes | Path] = dict(generated.pages)
    # The browser scripts import one another at the release's address (?v=, as the pages load them).
    version = generated.runtime.version if generated.runtime is not None else None
    content |= pyodide_runtime.site_assets(generated.assets_dir, version)
    if generated.site is not None:
        content |= downloads.data_files(generated.site)
    if generated.runtime is not None and is_top_level(generated.language):  # one copy; en pages use ../pyodide/
        content |= generated.runtime.files
        content["_headers"] = hosting.headers_file()
    for uri, item in content.items():
        if isinstance(item, Path):
            files.append(File.generated(config, uri, abs_src_path=str(item)))
        else:
            files.append(File.generated(config, uri, content=item))
    return files


def _prepare_search(config, base: Path, policy) -> None:
    """Ready Material's search plugin, whose on_config runs after the policy-site plugin's: jieba's
    dictionary read (jieba_dictionary), and the glossary's terms written where the plugin's
    ``jieba_dict_user`` option points, which it then loads."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None:
        return
    jieba_dictionary.preload()
    option = getattr(getattr(search, "config", None), "jieba_dict_user", None)
    if option:
        path = (base / option).resolve()
        search_terms.write_user_dict(policy, path)
        search.config.jieba_dict_user = str(path)


def _data_dir(base: Path, configured: str) -> Path:
    from_env = os.environ.get("POLICY_DATA_DIR", "").strip()
    if not from_env:
        return (base / configured).resolve()
    # Relative to where the command runs; made absolute for the other language's build, which
    # the projects plugin runs in a new process from its own folder.
    data_dir = Path(from_env).resolve()
    os.environ["POLICY_DATA_DIR"] = str(data_dir)
    return data_dir


def _pyodide_runtime(config, assets_dir: Path, rules: bytes | None = None) -> pyodide_runtime.Runtime:
    """The calculators' browser runtime (Pyodide + the calculators wheel), built once per process."""
    try:
        root = pyodide_runtime.find_repo_root(Path(config.config_file_path).parent)
        return pyodide_runtime.build_runtime(root, assets_dir=assets_dir, rules=rules)
    except pyodide_runtime.RuntimeBuildError as exc:
        raise PluginError(str(exc)) from None
