"""Correct ``lang`` everywhere: the page's language on <html>, and every passage in the other
language (a Chinese original on the English site, English on the Chinese site) marked with its own.

Checked on every HTML page of the build, from the files (no browser needed).
"""

from __future__ import annotations

import re

import pytest

from tests.build.langcheck import check_page

VALID_LANG = re.compile(r"^(zh(-Hans)?(-CN)?|en(-[A-Z]{2})?)$")


def _pages(built_site, lang):
    root = built_site / "en" if lang == "en" else built_site
    pages = sorted(p for p in root.rglob("*.html") if lang == "en" or p.relative_to(root).parts[0] != "en")
    assert len(pages) > 60
    return pages


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_html_lang_is_the_language_of_the_site(built_site, lang):
    wrong = {}
    for page in _pages(built_site, lang):
        declared = check_page(page.read_text(encoding="utf-8")).html_lang or ""
        if declared.split("-")[0] != lang:
            wrong[str(page.relative_to(built_site))] = declared
    assert not wrong, f"<html lang> is not {lang!r} on: {wrong}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_lang_attribute_is_a_valid_language_tag(built_site, lang):
    wrong = set()
    for page in _pages(built_site, lang):
        for value in re.findall(r'\slang="([^"]*)"', page.read_text(encoding="utf-8")):
            if not VALID_LANG.match(value):
                wrong.add((str(page.relative_to(built_site)), value))
    assert not wrong, sorted(wrong)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_in_the_other_language_carries_its_lang(built_site, lang):
    """Han characters under an English lang, or a run of English words under a Chinese one, are
    read by the screen reader in the wrong voice: they must sit inside an element with their lang."""
    problems = []
    for page in _pages(built_site, lang):
        for problem in check_page(page.read_text(encoding="utf-8")).problems:
            problems.append(f"{page.relative_to(built_site)}: {problem}")
    assert not problems, f"{len(problems)} passage(s) without their lang:\n" + "\n".join(problems)


def test_the_checker_sees_unmarked_passages():
    page = ('<html lang="en"><body><p>Read the original.</p><div lang="zh-Hans"><p>原文</p></div>'
            '<p>Short for 最低生活保障, the allowance.</p><p title="中文">x</p>'
            '<script>var s = "中文";</script></body></html>')
    found = check_page(page)
    assert found.html_lang == "en"
    assert [(p.where, p.lang) for p in found.problems] == [("text", "en"), ("title", "en")]
    zh = check_page('<html lang="zh"><body><p>补贴 <span>read this in English</span></p>'
                    '<p lang="en">Read this in English</p><p>PDF 文件</p></body></html>')
    assert [p.text for p in zh.problems] == ["read this in English"]
