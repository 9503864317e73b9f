"""The fixed strings of the pages, one file per language (``templates/ui/zh.yaml``, ``en.yaml``…),
read once, for the templates and for the formatting of amounts and dates, which write units and
dates as each language does."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from ..data import languages
from ..data.translations import Translations, in_language

UI = Path(__file__).with_name("templates") / "ui"
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""LibYAML's safe loader when PyYAML has it (its wheels do): our own files, read by every build process,
in a fifth of the pure-Python loader's time; the same strings (a unit test reads them both ways)."""


def language_file(code: str) -> Path:
    """The UI strings file of one language: ``templates/ui/<code>.yaml`` (``{key: text}``)."""
    return UI / f"{code}.yaml"


def read_language_file(code: str, loader: type = FAST_LOADER) -> dict[str, str]:
    return yaml.load(language_file(code).read_text(encoding="utf-8"), Loader=loader) or {}  # noqa: S506 - a safe loader


@lru_cache(maxsize=1)
def _strings() -> dict[str, dict[str, str]]:
    """``{key: {language: text}}`` from every configured language's file; every file must have
    the Chinese file's keys, no more and no fewer (a mistake in our own files: it fails loudly).

    In the file of a language not yet reviewed, ``null`` marks a string still to translate: it is
    shown in Chinese, and the page says so (translations.py).
    """
    per_language = {lang.code: read_language_file(lang.code) for lang in languages.ALL}
    keys = list(per_language[languages.SOURCE])
    for lang in languages.ALL:
        strings = per_language[lang.code]
        if set(strings) != set(keys):
            missing, extra = sorted(set(keys) - set(strings)), sorted(set(strings) - set(keys))
            raise KeyError(f"ui/{lang.code}.yaml: missing {missing}, not in zh.yaml {extra}")
        pending = sorted(key for key, text in strings.items() if text is None)
        if pending and (lang.reviewed or lang.code == languages.SOURCE):
            raise KeyError(f"ui/{lang.code}.yaml: no text for {pending} (only a language not yet reviewed may wait)")
    return {key: {code: strings[key] for code, strings in per_language.items() if strings[key] is not None}
            for key in keys}


def load_ui_strings() -> dict[str, dict[str, str]]:
    """Every fixed string, ``{key: {language: text}}`` (a fresh copy: callers may keep it).

    """
    return {key: Translations(value) for key, value in _strings().items()}


def string(key: str, lang: str) -> str:
    """One fixed string in one language (its Chinese while its translation is pending)."""
    return in_language(_strings()[key], lang)


def browser_language(lang: languages.Language) -> dict[str, object]:
    """What the browser scripts know of a language (in the calculator's and finder's config)."""
    return {"code": lang.code, "html": lang.html, "source": lang.is_source, "amount_style": lang.amount_style,
            "wan_yuan": string("unit_yuan", lang.code).format(v=string("wan_number", lang.code)),
            **lang.punctuation}


def theme_languages() -> list[dict[str, object]]:
    """Every language that is on, for the theme's own pages (404.html): code, HTML tag, site
    root and that page's words in the language."""
    return [{"code": lang.code, "html": lang.html, "root": lang.root,
             **{key: string(key, lang.code) for key in ("not_found_title", "not_found_text", "not_found_home")}}
            for lang in languages.ON]
