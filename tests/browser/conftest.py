"""Fixtures of the browser tests, on top of tests/conftest.py (the served real site, the session's
Chromium, the offline watched contexts): one page of each kind, a page in a fresh context, one
context and one page shared by the tests that just fill in forms, and pages in warm contexts.

A fresh context boots Pyodide from scratch on its first calculator or finder page (about 3 s of
Chromium's CPU, and the memory snapshot it then makes); a context that has booted it once restores
that snapshot (about 1.5 s) and has the runtime in its HTTP cache. Tests whose subject is not a
first visit (questions and answers, forms, receipts, wording, layout, accessibility) use a warm
context: ``warm_page`` (the desktop one, ``shared_context``), ``warm_phone_page`` (a phone's) or
``warm_new_page(**options)``. Such a context keeps what a visitor's browser keeps: the HTTP cache,
the snapshot, the service worker a calculator page registered (pages then come through it) and
Material's localStorage; a test on one opens its own URL, with its state in the query, in a page of
its own. Tests about a first visit or the context itself (what is downloaded, Save-Data, the
service worker, offline, snapshots, failures of the runtime, no JavaScript, permissions, file://,
the worker kept across instant navigation) take ``new_context`` / ``local_page``."""

from __future__ import annotations

import pytest

import calculators

from tests.browser_support import LANG_PREFIXES, Site
from tests.conftest import closed_after, watched_context

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


DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
"""The warm phone's options (a 360×740 phone, as tests/browser/test_mobile.py checks every page on)."""


@pytest.fixture(scope="session")
def warm_contexts(chromium):
    """``warm_contexts(**options)``: the session's context with these options, made on first use and
    kept until the session ends (one HTTP cache, one Pyodide snapshot, one service worker)."""
    made = {}

    def get(**options):
        key = repr(sorted(options.items()))
        if key not in made:
            made[key] = watched_context(chromium, **options)
        return made[key]

    yield get
    for context in made.values():
        context.close()


@pytest.fixture(scope="session")
def shared_context(warm_contexts):
    """One context (one HTTP cache) shared by the tests that just fill in forms, a desktop's."""
    return warm_contexts(**DESKTOP)


@pytest.fixture(scope="session")
def shared_page(shared_context):
    """One page, reused: a test opens its URL only when the page is not already there."""
    return shared_context.new_page()


@pytest.fixture(scope="module")
def module_page(shared_context):
    """One page in the session's shared desktop context, kept for a module's tests: for tests that
    each do one more thing in a page already open (a search after another), not a first visit."""
    page = shared_context.new_page()
    page.set_default_timeout(20_000)
    yield page
    page.close()


@pytest.fixture
def warm_new_page(warm_contexts):
    """``warm_new_page(**context_options)``: a new page in the session's warm context with these
    options, closed after the test (the context stays, warm, for the next)."""
    with closed_after(lambda **options: warm_contexts(**options).new_page()) as make:
        yield make


@pytest.fixture
def warm_page(warm_new_page):
    """A new page in the session's shared desktop context (``shared_context``), closed after the test."""
    return warm_new_page(**DESKTOP)


@pytest.fixture
def warm_phone_page(warm_new_page):
    """A new page in the session's warm phone context (``PHONE``), closed after the test."""
    return warm_new_page(**PHONE)
