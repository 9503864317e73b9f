"""Fixtures of the calculator browser tests: the real site, built once and served on 127.0.0.1.

The site is built with ``SITE_URL`` set to the address it is served from, as a deployment
does: Material's instant navigation only follows links listed in the sitemap, which is empty
without a site_url. The server socket is bound first (random port), then the site is built,
then served from a thread.

The browser is the session's one Chromium (``chromium`` in tests/conftest.py). Every context
made here records its requests, and every test fails if any request left 127.0.0.1 or a page
raised a JavaScript error; the contexts also send everything but 127.0.0.1 to a dead proxy, so
such a request cannot succeed either. (Routing every request through Playwright would do the
same but switches the HTTP cache off, so every page would download Pyodide again.)
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_build import mkdocs_build

LANG_PREFIXES = {"zh": "", "en": "en/"}
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens there


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@dataclass
class Site:
    root: Path
    url: str  # ends with "/"

    def page(self, lang: str, path: str) -> str:
        return self.url + LANG_PREFIXES[lang] + path


@pytest.fixture(scope="session")
def calc_site(tmp_path_factory) -> Site:
    """The real site (``mkdocs build --strict``), built once, served for the session."""
    root = tmp_path_factory.mktemp("calculator_site") / "site"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    result = mkdocs_build(root, SITE_URL=url)
    assert result.returncode == 0, result.stdout + result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(root, url)
    server.shutdown()
    server.server_close()


def _offline_context(browser, **options):
    """A context whose requests can reach nothing but 127.0.0.1: everything else goes to a dead proxy."""
    return browser.new_context(proxy={"server": DEAD_PROXY, "bypass": "127.0.0.1"}, **options)


@dataclass
class Traffic:
    """Requests and page errors of the contexts a test used."""

    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def watch_context(self, context):
        context.on("request", self._request)
        context.on("page", self.watch_page)
        for page in context.pages:
            self.watch_page(page)
        return context

    def watch_page(self, page):
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))

    def _request(self, request):
        url = request.url
        parts = urlsplit(url)
        self.requests.append(url)
        if parts.scheme not in ("data", "blob") and parts.hostname != "127.0.0.1":
            self.foreign.append(url)

    def clear(self):
        self.requests.clear()

    def matching(self, fragment: str) -> list[str]:
        return [url for url in self.requests if fragment in url]


_TRAFFIC = Traffic()


@pytest.fixture(autouse=True)
def traffic():
    """This test's requests; the test fails if one left 127.0.0.1 or a page threw an error."""
    _TRAFFIC.requests.clear()
    _TRAFFIC.foreign.clear()
    _TRAFFIC.errors.clear()
    yield _TRAFFIC
    assert _TRAFFIC.foreign == [], f"requests left 127.0.0.1: {_TRAFFIC.foreign}"
    assert _TRAFFIC.errors == [], f"JavaScript errors: {_TRAFFIC.errors}"


@pytest.fixture(scope="session")
def shared_context(chromium):
    """One context (one HTTP cache) shared by the tests that just fill in forms."""
    context = _TRAFFIC.watch_context(_offline_context(chromium, viewport={"width": 1280, "height": 800}))
    context.set_default_timeout(30_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_page(shared_context):
    """One page, reused: a test opens its URL only when the page is not already there."""
    return shared_context.new_page()


@pytest.fixture
def new_context(chromium):
    """``new_context(**options)``: a fresh context (empty cache), closed after the test."""
    made = []

    def make(**options):
        context = _TRAFFIC.watch_context(_offline_context(chromium, **options))
        context.set_default_timeout(30_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
