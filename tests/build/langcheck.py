"""Checks the language markup of built pages without a browser.

A reader's screen reader picks its voice from ``lang``: the page's language on
``<html lang>``, and any passage in the other language must carry its own
``lang``. Here a passage "is Chinese" when it contains Han characters and "is
English" when it contains a run of three or more English words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z']+(?:[ ,;:()-]+[A-Za-z][a-z']+){2,}")
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")
SKIPPED = {"script", "style", "template", "noscript", "svg", "math", "code", "pre"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Mislabelled:
    lang: str        # the language in force where the text is
    text: str
    where: str       # "text" or the attribute's name

    def __str__(self) -> str:
        return f"[{self.where}] lang={self.lang or '(none)'}: {self.text[:80]!r}"


def language_of(text: str) -> str | None:
    """'zh' or 'en' when the text is plainly in that language, else None."""
    if HAN.search(text):
        return "zh"
    if ENGLISH_RUN.search(text):
        return "en"
    return None


def matches(declared: str, language: str) -> bool:
    return declared.lower().split("-")[0] == language


class LangParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_lang: str | None = None
        self.stack: list[tuple[str, str, bool]] = []   # (tag, lang in force, skipped)
        self.problems: list[Mislabelled] = []

    @property
    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][2]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        lang = attributes["lang"] if attributes.get("lang") is not None else self.lang
        skipping = self.skipping or tag in SKIPPED
        if not skipping:
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self._check(attributes[name], lang, name)
        if tag not in VOID:
            self.stack.append((tag, lang, skipping))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self._check(data.strip(), self.lang, "text")

    def _check(self, text: str, lang: str, where: str) -> None:
        language = language_of(text)
        if language and not matches(lang, language):
            self.problems.append(Mislabelled(lang, text, where))


def check_page(html: str) -> LangParser:
    parser = LangParser()
    parser.feed(html)
    parser.close()
    return parser
