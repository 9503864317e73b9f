"""The site runs under the strict Content-Security-Policy the README gives hosts, with zero
violations (reliability review F4), and its 404 page works under a sub-path (F2).

The built site is served by a small http.server that sends the README's header (plus a
``report-uri``, so that violations inside workers are counted too). Every kind of page, in both
languages, is opened in Chromium; on the home page a search is run and on a calculator page a
calculation. Violations are counted three ways: ``securitypolicyviolation`` events, console
messages, and reports posted to the server. All three must stay at 0.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from tests.browser.test_calculators import example_for, fill
from tests.browser_support import LANG_PREFIXES, QuietHandler, QuietServer, wait_state
from tests.conftest import REPO
from tests.browser.conftest import PAGE_KINDS

README_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
                 "style-src 'self' 'unsafe-inline'; img-src 'self' data:")  # the words
REPORT_PATH = "/__csp-report"
MORE_KINDS = {"audiences-index": "audiences/", "agencies-index": "agencies/", "funding-index": "funding/",
              "missing (404)": "no/such/page/"}
CALCULATOR = "temporary_assistance"

WATCH = """() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation",
    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
}"""


class Reports:
    def __init__(self):
        self.items: list[str] = []
        self.lock = threading.Lock()


def make_handler(reports: Reports, root: Path):
    class CSPHandler(QuietHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", f"{README_POLICY}; report-uri {REPORT_PATH}")
            super().end_headers()

        def do_POST(self):  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
            if self.path == REPORT_PATH:
                with reports.lock:
                    reports.items.append(body)
            self.send_response(204)
            self.end_headers()

        def send_error(self, code, message=None, explain=None):
            # As a static host does: the site's 404.html, at the address that was not found.
            if code != 404:
                return super().send_error(code, message, explain)
            body = (root / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return CSPHandler


@contextlib.contextmanager
def served_with_csp(root):
    """``root`` served on 127.0.0.1 with the README's Content-Security-Policy: (its URL, the
    violation reports the browser posts)."""
    reports = Reports()
    server = QuietServer(("127.0.0.1", 0), functools.partial(make_handler(reports, root), directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", reports
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def csp_server(built_site):
    with served_with_csp(built_site) as served:
        yield served


class Violations:
    def __init__(self, page):
        self.events: list[str] = []
        self.console: list[str] = []
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text or "Refused to" in text:
            self.console.append(text)

    def collect(self, page, where: str):
        self.events += [f"{where}: {item}" for item in page.evaluate("() => window.__csp || []")]


def visit_all(page, base: str, lang: str, reports: Reports) -> tuple[Violations, int]:
    seen = Violations(page)
    page.add_init_script(f"({WATCH})()")
    visited = 0
    kinds = {**PAGE_KINDS, **MORE_KINDS, "calculator": f"calculators/{CALCULATOR}/"}
    for kind, path in kinds.items():
        url = base + LANG_PREFIXES[lang] + path
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == (404 if kind.startswith("missing") else 200), url
        page.wait_for_load_state("networkidle")
        if kind == "home":
            box = page.locator("input.md-search__input")  # as tests/browser/test_search_languages.py does
            box.evaluate("el => el.focus()")
            box.fill("创业担保贷款" if lang == "zh" else "subsidy")
            box.press("End")  # Material's search reacts to key-up
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        if kind == "calculator":
            wait_state(page, CALCULATOR, "ready", timeout=90_000)
            fill(page, CALCULATOR, example_for(CALCULATOR))
            page.locator(f'form[data-calculator="{CALCULATOR}"] button[type="submit"]').click()
            assert wait_state(page, CALCULATOR, "done", "error") == "done"
        seen.collect(page, kind)
        visited += 1
    page.wait_for_timeout(500)  # reports are posted asynchronously
    return seen, visited


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_every_page_kind_runs_under_the_strict_policy(csp_server, new_context, lang):
    base, reports = csp_server
    with reports.lock:
        reports.items.clear()
    page = new_context().new_page()
    seen, visited = visit_all(page, base, lang, reports)
    assert visited == len(PAGE_KINDS) + len(MORE_KINDS) + 1
    assert seen.events == [], seen.events
    assert seen.console == [], seen.console
    assert reports.items == [], [json.loads(item) for item in reports.items]


def test_the_counters_see_a_violation(tmp_path, new_context):
    """The same server and counters catch an inline script: the test above can fail."""
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title><script>window.ran = 1</script>",
                                         encoding="utf-8")
    (tmp_path / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    reports = Reports()
    server = QuietServer(("127.0.0.1", 0), functools.partial(make_handler(reports, tmp_path),
                                                             directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = new_context().new_page()
        seen = Violations(page)
        page.add_init_script(f"({WATCH})()")
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
        seen.collect(page, "inline")
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.ran") is None
        assert len(seen.events) == 1 and seen.console and len(reports.items) == 1
    finally:
        server.shutdown()
        server.server_close()


def test_404_page_works_under_a_sub_path_at_any_depth(tmp_path, new_context):
    """F2: the site published at /policy/ (SITE_URL says so); a missing page three levels down
    shows the 404 page styled, with both home links leading to the real home pages."""
    from tests.site_build import mkdocs_build

    public = tmp_path / "public"
    reports = Reports()
    server = QuietServer(("127.0.0.1", 0), functools.partial(make_handler(reports, public / "policy"),
                                                             directory=str(public)))
    base = f"http://127.0.0.1:{server.server_address[1]}/policy/"
    result = mkdocs_build(public / "policy", data_dir=REPO / "tests" / "fixtures" / "mini_policy", SITE_URL=base)
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = new_context().new_page()
        page.add_init_script(f"({WATCH})()")
        response = page.goto(base + "a/b/c/missing/", wait_until="load")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "404"
        assert page.evaluate("() => getComputedStyle(document.querySelector('header')).backgroundColor") \
            == "rgb(63, 81, 181)"  # the inline style applied
        links = {a.get_attribute("hreflang"): a.get_attribute("href") for a in page.locator("main a").all()}
        assert links == {"zh-Hans": "/policy/", "en": "/policy/en/"}
        for lang, expected in (("zh-Hans", "示例方案"), ("en", "A sample plan")):
            page.goto(base + "a/b/c/missing/")
            page.locator(f'main a[hreflang="{lang}"]').click()
            page.wait_for_load_state("load")
            assert expected in page.content()
        assert page.evaluate("() => window.__csp") == [] and reports.items == []
    finally:
        server.shutdown()
        server.server_close()
    shutil.rmtree(public)


def test_no_inline_script_in_any_built_page(built_site):
    inline = []
    for path in built_site.rglob("*.html"):
        for attributes in re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", path.read_text(encoding="utf-8")):
            if "application/json" not in attributes:  # data, not run
                inline.append(str(path.relative_to(built_site)))
    assert inline == []


def test_the_readme_and_the_built_headers_file_give_this_policy(built_site):
    from policy_site.build.hosting import CONTENT_SECURITY_POLICY

    assert CONTENT_SECURITY_POLICY == README_POLICY
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{README_POLICY}" always;' in readme  # nginx
    assert f"/*\n  Content-Security-Policy: {README_POLICY}\n" in readme  # _headers
    assert (built_site / "_headers").read_text(encoding="utf-8") == f"/*\n  Content-Security-Policy: {README_POLICY}\n"
