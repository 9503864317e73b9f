"""Fixtures of the quality tests: the built site served on 127.0.0.1, one Chromium per session.

The site is the session's ``built_site`` (tests/conftest.py), served by the standard
library's http.server on a random port in a thread. Chromium is Debian's
(/usr/bin/chromium), driven by Python Playwright.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

import calculators

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

LANG_PREFIXES = {"zh": "", "en": "en/"}

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
CALCULATOR_UI = Path(__file__).resolve().parents[2] / "docs" / "assets" / "calculator"


def calculator_ui_exists() -> bool:
    return CALCULATOR_UI.is_dir() and any(CALCULATOR_UI.iterdir())


needs_calculator_ui = pytest.mark.skipif(
    not calculator_ui_exists(), reason="the browser calculator UI (docs/assets/calculator/) does not exist yet")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL (ending in '/') of the built site, served from a thread for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser):
    """``new_page(**context_options)``: a page in a fresh browser context, closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        return page

    yield make
    for context in contexts:
        context.close()


def page_url(site_url: str, lang: str, path: str) -> str:
    return site_url + LANG_PREFIXES[lang] + path
