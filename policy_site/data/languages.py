"""The site's languages, configured once in ``languages.yaml``: code, HTML tag, Babel locale, own
name, site root, punctuation and whether a speaker has reviewed its UI strings.

Chinese comes first and is required: it is the source's language, the top of the site and the text
shown where a translation is pending. The shipped site has only the reviewed languages; setting
``POLICY_SITE_UNREVIEWED_LANGUAGES=1`` turns the others on (tests, translators' previews).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import yaml

CONFIG = Path(__file__).with_name("languages.yaml")
SOURCE = "zh"  # the source's language: required everywhere, first, the fallback
UNREVIEWED_SWITCH = "POLICY_SITE_UNREVIEWED_LANGUAGES"
PUNCTUATION = ("colon", "list_separator", "semicolon", "comma", "open_paren", "close_paren",
               "full_stop", "word_space", "field_gap", "open_quote", "close_quote")
AMOUNT_STYLES = ("wan", "plain")


@dataclass(frozen=True)
class Language:
    code: str          # "zh": the folder, the key in the data and UI files
    html: str          # "zh-Hans": the HTML language tag of its pages
    locale: str        # "zh_Hans_CN": Babel's locale for its digits
    name: str          # "中文": its own name, in the language menu
    root: str          # "" / "en/": its site root from the top of the whole site
    project: str | None  # the mkdocs config that builds it through the projects plugin
    amount_style: str  # "wan": large amounts also in 万; "plain": digits only
    reviewed: bool     # a speaker of it has read its UI strings file
    punctuation: Mapping[str, str]

    def __getattr__(self, name: str) -> str:
        """``lang.colon``, ``lang.list_separator``…: the punctuation by name."""
        punctuation = self.__dict__.get("punctuation", {})
        if name in punctuation:
            return punctuation[name]
        raise AttributeError(name)

    @property
    def is_source(self) -> bool:
        """Chinese: the source's own language, whose pages quote it without a translation beside it."""
        return self.code == SOURCE

    @property
    def translated(self) -> bool:
        """Any other language: its pages show the translation with the Chinese original."""
        return self.code != SOURCE

    def join(self, items) -> str:
        """Items as one list in this language: 甲、乙 / A, B."""
        return self.list_separator.join(items)

    def paren(self, inner: str) -> str:
        """``inner`` in this language's parentheses: （…） / " (…)"."""
        return f"{self.open_paren}{inner}{self.close_paren}"


def _language(entry: dict, where: str) -> Language:
    expected = {"code", "html", "locale", "name", "root", "project", "amount_style", "reviewed", "punctuation"}
    if set(entry) != expected:
        raise ValueError(f"{where}: expected the keys {sorted(expected)}, found {sorted(entry)}")
    punctuation = entry["punctuation"]
    if set(punctuation) != set(PUNCTUATION):
        raise ValueError(f"{where}: punctuation needs exactly {list(PUNCTUATION)}, found {sorted(punctuation)}")
    if entry["amount_style"] not in AMOUNT_STYLES:
        raise ValueError(f"{where}: amount_style is one of {AMOUNT_STYLES}, not {entry['amount_style']!r}")
    if not isinstance(entry["reviewed"], bool):
        raise ValueError(f"{where}: reviewed is true or false")
    return Language(**{**entry, "punctuation": MappingProxyType(dict(punctuation))})


def load(path: Path = CONFIG) -> tuple[Language, ...]:
    """Every configured language, in order; Chinese first, codes and roots unique."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    languages = tuple(_language(entry, f"{path.name}[{i}]") for i, entry in enumerate(entries))
    codes = [lang.code for lang in languages]
    if not codes or codes[0] != SOURCE:
        raise ValueError(f"{path.name}: the first language must be {SOURCE!r}, the source's language")
    if len(set(codes)) != len(codes) or len({lang.root for lang in languages}) != len(languages):
        raise ValueError(f"{path.name}: every language needs its own code and root")
    if languages[0].root != "" or any(not lang.root.endswith("/") for lang in languages[1:]):
        raise ValueError(f"{path.name}: Chinese is at the top (root \"\"), every other in a folder (\"en/\")")
    return languages


def unreviewed_on() -> bool:
    return os.environ.get(UNREVIEWED_SWITCH, "") not in ("", "0")


ALL: tuple[Language, ...] = load()
# The languages the site is built in: the reviewed ones, or all with the switch on.
ON: tuple[Language, ...] = tuple(lang for lang in ALL if lang.reviewed or unreviewed_on())
BY_CODE: Mapping[str, Language] = MappingProxyType({lang.code: lang for lang in ALL})
CODES: tuple[str, ...] = tuple(lang.code for lang in ON)
