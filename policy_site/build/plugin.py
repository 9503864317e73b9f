"""mkdocs plugin ``policy-site``: each event calls one function elsewhere.

- ``on_config``: load and validate the data, render every page (``generation.generate``);
- ``on_files``: add the pages, assets, downloads and runtime (``generation.add_files``);
- ``on_env``, ``on_page_context``: what the theme's templates get (``theme``);
- ``on_serve``, ``on_build_error``: the preview, which shows a failed rebuild in the browser (``preview``).
The atomic build is its own plugin (``atomic``, ``policy-atomic``), as precompression is
(``precompress``, ``policy-precompress``).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

import calculators

from ..site.render import LANGS
from . import generation, preview, theme


class PolicySiteConfig(Config):
    data_dir = c.Type(str, default="policy_data")
    """Folder of the policy data, relative to this mkdocs.yml. The environment variable
    POLICY_DATA_DIR, when set, wins: relative to the folder the command is run from, or absolute."""
    assets_dir = c.Type(str, default="docs/assets")
    """Browser assets shared by every language, relative to this mkdocs.yml; copied to assets/."""
    language = c.Choice(LANGS, default="zh")
    twin_root = c.Type(str, default="en/")
    """Where the other language's site root is, relative to this site's root."""
    report_error_url = c.Type(str, default="")
    """Link target of "report an error" (mailto: or https:); hidden when empty."""


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    serving = False
    generated: generation.Generated | None = None
    preview_error: BaseException | None = None
    """What the preview shows instead of each page (set by on_config and by preview.install)."""
    build_error: BaseException | None = None

    @property
    def top_level(self) -> bool:
        return generation.is_top_level(self.config.language)

    def on_startup(self, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        self.generated = generation.generate(self.config, config, self.serving)
        self.preview_error = self.generated.preview_error
        return config

    def on_files(self, files: Files, config) -> Files:
        return generation.add_files(self.generated, files, config)

    def on_env(self, env, config, files):
        return theme.theme_env(env, self.generated.cache if self.generated else None)

    def on_page_context(self, context, page, config, nav):
        return theme.page_context(context, page, config, self.config.language)

    def on_build_error(self, error):
        if self.serving:
            self.build_error = error  # mkdocs turns it into a bare Abort; the preview shows this one

    def on_serve(self, server, config, builder):
        generated = self.generated
        preview.serve(server, self, [generated.data_dir, generated.assets_dir, Path(calculators.__file__).parent])
        return server
