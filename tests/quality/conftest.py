"""Fixtures of the quality tests: the built site served on 127.0.0.1, one Chromium per session.

The site (``site_url``, ``built_site``), the browser (``chromium``) and the offline contexts
(``new_context``) are the session's, from tests/conftest.py.
"""

from __future__ import annotations

import pytest

import calculators

from tests.browser_support import LANG_PREFIXES

# One page of each kind (relative to a language's root); calculator pages come from CALCULATOR_IDS.
PAGE_KINDS = {
    "home": "",
    "fulltext": "fulltext/",
    "clause": "clauses/1.2/",
    "clauses-index": "clauses/",
    "audience": "audiences/graduate/",
    "agency": "agencies/hrss_bureau/",
    "funding": "funding/employment_subsidy_fund/",
    "glossary": "glossary/",
    "about-data": "about-data/",
    "calculators-index": "calculators/",
    "privacy": "privacy/",
    "accessibility": "accessibility/",
    "404": "404.html",
}
CALCULATOR_IDS = sorted(calculators.CALCULATORS)


@pytest.fixture
def new_page(new_context):
    """``new_page(**context_options)``: a page in a fresh offline context, closed after the test."""

    def make(**options):
        page = new_context(**options).new_page()
        page.set_default_timeout(20_000)
        return page

    return make


def page_url(site_url: str, lang: str, path: str) -> str:
    return site_url + LANG_PREFIXES[lang] + path
