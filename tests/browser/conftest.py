"""Fixtures of the browser tests, on top of tests/conftest.py (the served real site, the session's
Chromium, the offline watched contexts): one page of each kind, a page in a fresh context, one
context and one page shared by the tests that just fill in forms."""

from __future__ import annotations

import pytest

import calculators

from tests.browser_support import LANG_PREFIXES, Site, offline_context
from tests.conftest import _TRAFFIC

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


@pytest.fixture(scope="session")
def calc_site(served_site) -> Site:
    """The real site (``mkdocs build --strict``), built once, served for the session."""
    return served_site


@pytest.fixture(scope="session")
def shared_context(chromium):
    """One context (one HTTP cache) shared by the tests that just fill in forms."""
    context = _TRAFFIC.watch_context(offline_context(chromium, viewport={"width": 1280, "height": 800}))
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_page(shared_context):
    """One page, reused: a test opens its URL only when the page is not already there."""
    return shared_context.new_page()
