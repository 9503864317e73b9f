"""Serving a built site on 127.0.0.1 and driving Debian's Chromium, for every browser test.

Browser contexts made here can reach nothing but 127.0.0.1: everything else goes to a dead
proxy, and ``Traffic`` records each request so a test fails if one tried to leave. (Routing
every request through Playwright would do the same but switches the HTTP cache off, so every
page would download Pyodide again.)
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium as visitors have it (package chromium): bench/ measures speed with it."""
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
"""The tests' Chromium: Debian's build of the same Chromium release as a headless shell (package
chromium-headless-shell, from the same source package and version; Playwright's own default for
headless runs): the same Blink, V8 and network stack without the desktop browser's layer, which a
headless run never shows. It costs about a fifth less CPU a page (measured 8 Dec 2026, every
process of the browser counted: a calculator page 1.21 -> 0.96 s, a plain page 0.27 -> 0.20 s).
Where it is not installed (bin/setup installs it), the tests use ``CHROMIUM``."""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens there
LANG_PREFIXES = {"zh": "", "en": "en/"}


TEST_ARGS = ["--js-flags=--liftoff-only"]
"""The tests' Chromium compiles WebAssembly with V8's baseline compiler only: every fresh context
compiles Pyodide's 9 MB of wasm again, and the optimising compiler's work in the background was a
quarter of the browser tests' time (measured 7 Dec 2026: test_calculators and test_finder 122 s ->
92 s). The same wasm runs with the same meaning; only its speed differs, and speed is measured by
bench/ with the browser as visitors have it (``CHROMIUM_ARGS`` alone)."""


def chromium_for_tests() -> str:
    """The executable the tests drive: ``HEADLESS_SHELL``, or ``CHROMIUM`` where it is missing."""
    return HEADLESS_SHELL if Path(HEADLESS_SHELL).exists() else CHROMIUM


def launch(playwright):
    """The tests' Chromium: ``chromium_for_tests()`` with ``CHROMIUM_ARGS`` and ``TEST_ARGS``."""
    return playwright.chromium.launch(executable_path=chromium_for_tests(), args=[*CHROMIUM_ARGS, *TEST_ARGS])


def launch_as_visitors_have_it(playwright):
    """Debian's full Chromium with ``CHROMIUM_ARGS`` alone: what bench/ measures speed with."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                      ".json": "application/json", ".whl": "application/zip", ".zip": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A browser that drops a connection (a page closed mid-download) is not a server error.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@dataclass
class Site:
    """A folder being served: ``url`` ends with '/'."""

    root: Path
    url: str
    server: QuietServer | None = None

    def page(self, lang: str, path: str) -> str:
        return self.url + LANG_PREFIXES[lang] + path


def bind(folder: Path) -> Site:
    """Bind a server for ``folder`` on a free port of 127.0.0.1 (not serving yet: see ``start``)."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    return Site(folder, f"http://127.0.0.1:{server.server_address[1]}/", server)


def start(site: Site) -> Site:
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    return site


def stop(site: Site) -> None:
    site.server.shutdown()
    site.server.server_close()


@contextlib.contextmanager
def serving(site: Site):
    """Serve a bound ``site`` for the duration of a ``with`` block; yields its URL."""
    start(site)
    try:
        yield site.url
    finally:
        stop(site)


def wait_state(page, calc_id: str, *states: str, timeout: float = 30_000) -> str:
    """Wait until the calculator's result element is in one of ``states`` (the DOM contract); return it."""
    page.wait_for_function(
        "([id, states]) => states.includes(document.querySelector(`[data-result-for=\"${id}\"]`)?.dataset.state)",
        arg=[calc_id, list(states)], timeout=timeout, polling=20)
    return page.locator(f'[data-result-for="{calc_id}"]').get_attribute("data-state")


FOLLOW = """(url) => {
  const old = document.querySelector('[data-md-component="container"]');
  if (old) old.dataset.followedFrom = "";  // gone once the next page's content is in
  const link = document.createElement("a"); link.href = url; link.textContent = url;
  document.body.append(link); link.click(); link.remove(); }"""
ARRIVED = """() => { const c = document.querySelector('[data-md-component="container"]');
  return !!c && !("followedFrom" in c.dataset); }"""


def follow_link(page, url: str) -> None:
    """Go to ``url`` as a visitor does from a page of the site, by a link: Material's instant
    navigation takes it when the address is one of its site's (the page stays, and the calculators'
    worker with it), the browser loads it otherwise (another language's site, the first page).
    Returns once the new page's content is in (instant navigation changes the address first)."""
    here = urlsplit(page.url)
    if here.scheme in ("http", "https") and here.netloc == urlsplit(url).netloc:
        page.evaluate(FOLLOW, url)
        page.wait_for_url(url)
        page.wait_for_function(ARRIVED)
    else:
        page.goto(url)


def page_requests(context) -> list[str]:
    """Requests the context's pages and their workers make (not the service worker's copies into its cache,
    which come from the HTTP cache); filled as the context runs."""
    made: list[str] = []
    context.on("request", lambda request: made.append(request.url) if request.service_worker is None else None)
    return made


def offline_context(browser, **options):
    """A context whose requests can reach nothing but 127.0.0.1."""
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
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error.stack or error}"))

    def _request(self, request):
        url = request.url
        parts = urlsplit(url)
        self.requests.append(url)
        if parts.scheme not in ("data", "blob") and parts.hostname != "127.0.0.1":
            self.foreign.append(url)

    def reset(self):
        self.requests.clear()
        self.foreign.clear()
        self.errors.clear()

    def clear(self):
        self.requests.clear()

    def matching(self, fragment: str) -> list[str]:
        return [url for url in self.requests if fragment in url]
