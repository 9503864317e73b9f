"""An mkdocs hook (``hooks:`` in a language's mkdocs.yml): the fonts that language's pages need
and browsers seldom have, copied from the system's font packages into the site (self-hosted:
nothing is fetched from a third party). Tibetan: Noto Serif Tibetan from fonts-noto-extra, which
bin/setup installs. Only the one file the language's style sheet names is copied."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

FONTS = {"bo": Path("/usr/share/fonts/truetype/noto/NotoSerifTibetan-Medium.ttf")}
FOLDER = "fonts"


def on_files(files, config):
    font = FONTS.get(config.theme["language"])
    if font is None:
        return files
    if not font.is_file():
        raise PluginError(f"{font} is missing: the Tibetan pages need it (bin/setup installs fonts-noto-extra)")
    files.append(File.generated(config, f"{FOLDER}/{font.name}", abs_src_path=str(font)))
    return files
