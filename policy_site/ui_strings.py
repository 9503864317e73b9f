"""The fixed strings of the pages (``templates/ui/*.yaml``), read once, for the templates and for
the formatting of amounts and dates, which write units and dates as each language does."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

UI = Path(__file__).with_name("templates") / "ui"


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    strings: dict[str, dict[str, str]] = {}
    for part in sorted(UI.iterdir(), key=lambda p: p.name):
        if not part.name.endswith(".yaml"):
            continue
        for key, value in (yaml.safe_load(part.read_text(encoding="utf-8")) or {}).items():
            if key in strings:
                raise KeyError(f"UI string {key!r} is defined twice (again in ui/{part.name})")
            strings[key] = value
    return strings


def load_ui_strings() -> dict[str, dict[str, str]]:
    """Every fixed string, ``{key: {language: text}}`` (a fresh copy: callers may keep it).

    A key defined in two files is a mistake in our own templates, not in the data: it fails loudly.
    """
    return {key: dict(value) for key, value in _strings().items()}


def string(key: str, lang: str) -> str:
    """One fixed string in one language."""
    return _strings()[key][lang]
