"""Fixtures of the calculator browser tests, on top of tests/conftest.py (the served real site,
the session's Chromium, the offline watched contexts)."""

from __future__ import annotations

import pytest

from tests.browser_support import Site, offline_context
from tests.conftest import _TRAFFIC


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
