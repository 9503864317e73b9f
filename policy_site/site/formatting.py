"""Escaping of data text, one function per context, and dates as each language writes them
(amounts are ``amounts``'s).

Data text (anything read from policy_data/) reaches a page only through one of the escaping
functions below, one per context; the templates choose it with a filter (see ``render.Renderer``):

===================================  ===================  ====================================
context                              function             filter
===================================  ===================  ====================================
Markdown (a paragraph, list item,    ``markdown_text``     ``text``
heading, table cell, link text)
text of an HTML element (in a raw    ``element_text``      ``html`` (as is), ``prose`` (Chinese
HTML block, not read as Markdown)                          runs marked on the English site)
an HTML attribute value (quoted)     ``attribute``         ``attr`` (``attribute_value`` in the
                                                          theme overrides, docs/overrides/)
the page's YAML front matter         ``front_matter``      ``front_matter``
JSON in a <script> or, then through  ``json_text``         ``json``
``attr``, in an attribute
===================================  ===================  ====================================

Every attribute value from the data or the settings goes through ``attribute`` and no other
escaping (tests/unit/policy_site/test_escaping.py greps the templates and theme overrides for one).
Internal values (a state name, a class, a language code) need none, nor do internal addresses,
which come from the site map (``sitemap.SiteMap``) and are made of validated ids; the front
matter's values are stored escaped (``front_matter``) and the theme prints them as they are.

Each one shows the text exactly as typed and never lets it become markup: no HTML element or
attribute, no Markdown (emphasis, links, lists, headings, tables) and no attribute list
(``{: onclick=... }``) can come from data.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml
from markupsafe import Markup

from ..data import languages
from .ui_strings import string

# The ASCII punctuation: the only characters Markdown and its extensions (attribute lists, tables,
# admonitions, inline HTML, and those a later change might add: emoji ":x:", "~~", "==", "^^",
# autolinks) give a meaning to; only "," and ";" never mean anything and stay as they are. In
# data text each is written as a numeric character reference, which Markdown passes through
# untouched and the browser shows as the character itself. (Backslash escapes would not do:
# Markdown leaves the backslash before "$", "~" or "^" on the page.)
_ASCII_PUNCTUATION = re.compile(r"[!-+\-./:<-@\[-`{-~]")
# Line breaks would end a table row, a list item or a heading, or start a new block.
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]")
# Spaces Markdown could read as indentation (a code block) or a hard line break.
_SIGNIFICANT_SPACES = re.compile(r"^ +| +$| (?= )")

# In an attribute value: every ASCII character but letters, digits, the space and the punctuation of
# a plain URL or phone number ("-._:/?#@+,;=%"), which means nothing to Markdown inside a tag.
_ATTRIBUTE_UNSAFE = re.compile(r"[^0-9A-Za-z \-._:/?#@+,;=%\x80-\U0010ffff]")

# A run of Chinese: Han characters, with the CJK punctuation, full-width forms and digits between them.
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff](?:[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef0-9]*"
                      r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef])?")


def library_clause_label(clause: Any, lang: str, t: Callable[..., str]) -> str:
    """A library document's clause as readers name it: its number as printed in the source language
    (第十六条), else the language's "Clause 16" (``doc_clause_heading``). The plan's clauses go by their id."""
    return clause.number if languages.BY_CODE[lang].is_source else t("doc_clause_heading", id=clause.id)


def markdown_text(value: object, lang: str = "zh") -> Markup:
    """Data text for a Markdown context: shown as typed, never run or formatted.

    Every ASCII punctuation character but "," and ";" becomes a numeric character reference (``{`` -> ``&#123;``),
    so nothing in the text can open a tag, an entity, emphasis, a link, a list, a heading, a table
    cell or an attribute list, wherever the template puts it (a paragraph, a list item, a heading,
    a table cell, a link text). Line breaks become spaces: the text stays in its line.

    On a translated page (English) a Chinese word or name inside the text (a document number, a term
    quoted from the plan) is marked ``lang="zh-Hans"``, so a screen reader reads it in Chinese.
    """
    flat = _LINE_BREAKS.sub(" ", str(value))
    escaped = _ASCII_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", flat)
    escaped = _SIGNIFICANT_SPACES.sub(lambda m: "&#32;" * len(m.group()), escaped)
    return Markup(mark_chinese(escaped) if translated(lang) else escaped)


def translated(lang: str | None) -> bool:
    """A page in a language other than the source's, whose Chinese runs are marked as Chinese."""
    return lang is not None and lang != languages.SOURCE


def mark_chinese(escaped: str) -> str:
    """Wrap each run of Chinese in already-escaped English text in <span lang="zh-Hans">."""
    return _HAN_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', escaped)


def element_text(value: object, lang: str | None = None) -> Markup:
    """Data text for the content of an HTML element in a raw HTML block (which Markdown leaves alone).

    On a translated page (``lang="en"``), runs of Chinese are marked ``lang="zh-Hans"``.
    """
    escaped = html.escape(str(value), quote=True)
    return Markup(mark_chinese(escaped) if translated(lang) else escaped)


def prose(value: object, lang: str) -> Markup:
    """``element_text`` with Chinese marked on the English site."""
    return element_text(value, lang)


def html_text(value: object) -> Markup:
    """``element_text`` as is (for Chinese passages, whose element already says lang="zh-Hans")."""
    return element_text(value)


def attribute(value: object) -> Markup:
    """Data text for a double-quoted HTML attribute value, in raw HTML or in a Markdown line.

    Every ASCII character but letters, digits, the space and "-._:/?#@+,;=%" becomes a numeric
    character reference:
    the value can neither end the attribute nor, when the tag sits in a Markdown line (whose links
    and emphasis are found before inline HTML is), be cut by Markdown; tabs and line breaks are kept.
    """
    return Markup(_ATTRIBUTE_UNSAFE.sub(lambda m: f"&#{ord(m.group())};", str(value)))


def json_text(value: object) -> Markup:
    """``value`` as JSON that is safe inside a <script> element: no "</script>", "<!--" or "&" in it.

    For an attribute, pass the result through ``attribute`` as well.
    """
    dumped = json.dumps(value, ensure_ascii=False, sort_keys=True)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        dumped = dumped.replace(char, code)
    return Markup(dumped)


def front_matter(fields: Mapping[str, object]) -> Markup:
    """A page's YAML front matter block (``---`` ... ``---``), written by the YAML serializer.

    mkdocs reads it back as ``page.meta``; Material prints ``page.meta.title`` into the page's
    <title> and header as HTML, without escaping (mkdocs' Jinja has no autoescape), so each value
    is stored HTML-escaped: the browser then shows the text exactly as typed.
    """
    dumped = yaml.safe_dump(_escaped_meta(fields), allow_unicode=True, sort_keys=False, width=math.inf)
    return Markup(f"---\n{dumped}---\n")


def _escaped_meta(value: object) -> object:
    """Front-matter values: text HTML-escaped; numbers and booleans kept (e.g. ``search: {boost: 4}``)."""
    if isinstance(value, Mapping):
        return {str(key): _escaped_meta(item) for key, item in value.items()}
    if isinstance(value, (bool, int, float)):
        return value
    return html.escape(str(value), quote=True)


def date(value: dt.date, lang: str) -> str:
    """A date as the language writes it (its UI string date_format): 2026年1月1日 / 2026-01-01."""
    return string("date_format", lang).format(year=value.year, month=value.month, day=value.day)
