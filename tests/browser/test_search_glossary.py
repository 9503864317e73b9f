"""Chinese search finds the plan's own terms: each glossary term, searched in Chromium on the real
built site, brings up a clause that uses it among the first results (issue 8).

The terms reach jieba's user dictionary through the search plugin's own option (jieba_dict_user),
written from the glossary at each build (policy_site/site/search_terms.py)."""

from __future__ import annotations

import json
import re

import pytest

import calculators
from policy_site.data.loader import load_policy
from policy_site.site.search_terms import glossary_words
from tests.conftest import POLICY_DATA
from tests.browser.test_search_languages import search

FIRST = 10  # "among the first results"

_POLICY = load_policy(POLICY_DATA, known_calculators=calculators.CALCULATORS)
# Glossary entries that are one term (an entry such as "区 / 我区 / 区外 / 自治区" explains a family
# of words; its words go into the dictionary too, checked by the first test).
SINGLE_TERMS = [t.term.zh for t in _POLICY.terms if "/" not in t.term.zh]
TERMS = [(word, [c.id for c in _POLICY.clauses if word in c.text.zh]) for word in SINGLE_TERMS]


def test_the_user_dictionary_holds_every_glossary_term(built_site):
    words = glossary_words(_POLICY)
    assert "最低工资标准" in words and "创业担保贷款" in words and "就业见习" in words
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tokens = {token for doc in docs for token in re.split(r"[\u200b\s]+", re.sub(r"<[^>]+>", " ", doc["text"]))}
    for word in words:
        if any(word in c.text.zh for c in _POLICY.clauses):
            # Kept whole by jieba: the word is one token of the index (U+200B marks word breaks).
            assert word in tokens, word


@pytest.mark.parametrize(("word", "clause_ids"), [t for t in TERMS if t[1]], ids=[t[0] for t in TERMS if t[1]])
def test_each_glossary_term_finds_a_clause_that_uses_it(module_page, site_url, word, clause_ids):
    results = search(module_page, site_url, "", word)  # one page, searched again for each term
    links = module_page.locator(".md-search-result__item a, a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    pages = []  # the result pages in order (a page's sections are listed under it)
    for href in links:
        path = re.sub(r"[?#].*$", "", href or "")
        if path not in pages:
            pages.append(path)
    first = pages[:FIRST]
    found = [h for h in first if (m := re.search(r"clauses/(\d+\.\d+)/", h)) and m.group(1) in clause_ids]
    assert found, (word, clause_ids, first, results[:3])
