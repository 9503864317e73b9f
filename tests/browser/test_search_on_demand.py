"""The search index is fetched when the visitor first uses search, not when a page loads (issue 16,
"Scale": with a library of many documents the index outweighs the page; docs/assets/theme-globals.js).

A clause page, opened and left idle, has requested no search/search_index.json; once the search box
gets focus the index arrives and a search finds the clause that uses the words. A page opened from
a search result (``?h=``, whose words Material's search.highlight marks) needs the index at once and
gets it. The site is the real build, served on 127.0.0.1 to a context that can reach nothing else.
"""

from __future__ import annotations

import pytest

from tests.browser_support import LANG_PREFIXES, page_requests

INDEX = "search/search_index.json"
WORDS = {"zh": "创业担保贷款", "en": "guarantee"}


def index_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if url.split("?")[0].endswith(INDEX)]


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_a_page_fetches_the_search_index_only_when_the_search_box_is_used(local_page, site_url, lang):
    page = local_page
    requests = page_requests(page.context)  # this test's context only (not traffic: a warm context's
    # service worker may be keeping the site's files, the search index among them, meanwhile)
    page.goto(site_url + LANG_PREFIXES[lang] + "clauses/1.2/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # well past the moment Material used to request it
    assert any("/assets/javascripts/bundle." in url for url in requests)  # Material did start
    assert index_requests(requests) == []

    box = page.locator("input.md-search__input")
    box.focus()
    box.fill(WORDS[lang])  # an input event: searched once the index is in (tests/browser/test_search.py)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert index_requests(requests) == [site_url + LANG_PREFIXES[lang] + INDEX]
    shown = " ".join(page.locator(".md-search-result__item").all_inner_texts()).replace("\u200b", "").lower()
    assert WORDS[lang].lower() in shown


def test_a_page_opened_from_a_search_result_fetches_the_index_at_once_and_marks_the_words(local_page, site_url):
    page = local_page
    requests = page_requests(page.context)
    page.goto(site_url + "clauses/1.2/?h=高校毕业生")  # words of clause 1.2
    page.locator("article mark").first.wait_for(timeout=15_000)  # search.highlight needs the index
    assert len(index_requests(requests)) == 1
