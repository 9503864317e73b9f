"""Search works for Chinese and English words, in the real built site, in Chromium."""

from __future__ import annotations

import pytest


def search(page, base: str, path: str, words: str) -> list[str]:
    """The results of searching ``words`` on the page ``base + path``: opened unless the page is
    already there, when the words replace the last search's (as a visitor searches again)."""
    if page.url != base + path:
        page.goto(base + path)
        page.locator("label.md-search__icon, .md-search__input").first.wait_for(state="attached")
    box = page.locator("input.md-search__input")
    box.evaluate("el => el.focus()")
    if box.input_value():  # the last search's results go first, so those waited for below are these words'
        box.fill("")
        page.wait_for_selector(".md-search-result__item", state="detached", timeout=10_000)
    box.fill(words)  # an input event and no key: every input searches (tests/browser/test_search.py)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item").all_inner_texts()


@pytest.mark.parametrize(("path", "words", "expected"), [
    ("", "创业担保贷款", "创业担保贷款"),
    ("", "见习补贴", "见习"),
    ("", "农牧民", "农牧民"),
    ("en/", "subsidy", "subsid"),
    ("en/", "housing", "housing"),
    ("en/", "internship", "internship"),
])
def test_search_finds_words_in_each_language(module_page, site_url, path, words, expected):
    results = search(module_page, site_url, path, words)
    assert results, f"no result for {words!r}"
    shown = [r.replace("\u200b", "").lower() for r in results]  # jieba marks word breaks with U+200B
    assert any(expected.lower() in r for r in shown), shown[:3]

