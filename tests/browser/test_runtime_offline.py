"""Offline and instant on the second visit (the service worker, policy_site/build/sw.js).

- After one visit to a calculator page, the calculators work with the network off.
- A second visit asks the server for none of the runtime.
- Offline after one calculator means the whole tool in the visitor's language: home, finder, every
  calculator and clause page (kept by the service worker in the background); any other page shows
  the offline page, which lists them.
- A release (built once per module from a copy of the repository: a calculator constant and
  finder.js changed, one calculator page withdrawn) reaches returning visitors: the new calculator
  runs, the new finder.js is loaded, the withdrawn page is a 404 (never the kept copy), a tab open
  across the release never computes with the old Python, and a download started in such a tab says
  that the site was updated (reload), not that the network failed.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.browser_support import QuietHandler, QuietServer, wait_state
from tests.site_build import FIXED_EPOCH

REPO = Path(__file__).resolve().parents[2]
CALC = "startup_loan"
REQUEST = json.dumps({"id": CALC, "inputs": {"applicant_type": "individual"}})


class LoggingServer:
    """Serves ``root`` (switchable) on 127.0.0.1 and records every path asked for."""

    def __init__(self, root: Path):
        self.root = root
        self.paths: list[str] = []
        outer = self

        class Handler(QuietHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(outer.root), **kwargs)

            def do_GET(self):  # noqa: N802
                outer.paths.append(self.path)
                super().do_GET()

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def runtime_requests(self) -> list[str]:
        """The runtime's files asked for, by name (without the query; a file's .gz copy, which the
        worker fetches from this host as it compresses nothing, counts as the file)."""
        return [p.split("?")[0].removesuffix(".gz") for p in self.paths if p.startswith("/pyodide/")]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def logged(calc_site):
    server = LoggingServer(calc_site.root)
    yield server
    server.close()


KEPT = """async () => {
    for (const name of await caches.keys()) {
      const urls = (await (await caches.open(name)).keys()).map((r) => r.url);
      if (urls.some((u) => u.includes('/pyodide/pyodide.asm.wasm?v=')) && urls.some((u) => u.includes('/search/search_index.json'))
          && urls.some((u) => u.includes('/assets/javascripts/bundle.'))) return true;
    }
    return false; }"""


def wait_until_kept(page, timeout: float = 30):
    """The service worker controls the page and holds the runtime (put there by the calculator's
    worker) and what the page loaded. (Polled here: wait_for_function does not await a promise.)"""
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=30_000)
    deadline = time.monotonic() + timeout
    while not page.evaluate(KEPT):
        assert time.monotonic() < deadline, "the service worker did not keep the runtime and the page"
        page.wait_for_timeout(200)


def compute(page) -> dict:
    answer = page.evaluate("(request) => globalThis.__policyRuntime.call('calculate_json', request)", REQUEST)
    return json.loads(answer["response"])["result"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calculators_work_offline_after_one_visit(logged, new_context, lang):
    context = new_context()
    page = context.new_page()
    page.goto(logged.url + ("en/" if lang == "en" else "") + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    wait_until_kept(page)
    page.close()

    context.set_offline(True)
    page = context.new_page()

    page.goto(logged.url + ("en/" if lang == "en" else "") + f"calculators/{CALC}/?applicant_type=individual")
    assert wait_state(page, CALC, "done", "error", timeout=60_000) == "done"
    assert compute(page)["max_loan_yuan"] == 150000
    context.set_offline(False)


def test_second_visit_asks_the_server_for_no_runtime(logged, new_context):
    context = new_context()
    page = context.new_page()
    page.goto(logged.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    first = logged.runtime_requests()
    assert first.count("/pyodide/pyodide.asm.wasm") == 1, first
    assert {p.removeprefix("/pyodide/") for p in first} == set(json.loads((logged.root / "pyodide" / "runtime.json").read_text())["files"])
    wait_until_kept(page)
    page.close()

    logged.paths.clear()
    page = context.new_page()
    page.goto(logged.url + "calculators/loan_guarantee_reward/")
    assert wait_state(page, "loan_guarantee_reward", "ready", "error", timeout=60_000) == "ready"
    assert logged.runtime_requests() == []
    assert not [p for p in logged.paths if p.startswith(("/assets/runtime/", "/assets/kit/", "/assets/calculator/"))]


def _copy_repo(dest: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", ".venv", "node_modules", "site", ".cache", ".git", ".pytest_cache",
                                    ".hypothesis", "*.egg-info")
    dest.mkdir()
    for name in ("calculators", "policy_site", "policy_data", "docs", "projects", "tests"):
        shutil.copytree(REPO / name, dest / name, ignore=ignore)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(REPO / name, dest / name)
    (dest / "node_modules").symlink_to(REPO / "node_modules")
    return dest


def _build(repo: Path, out: Path, site_url: str):
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": FIXED_EPOCH, "SITE_URL": site_url,
               "PYTHONPATH": str(repo)}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "-d", str(out)], cwd=repo, env=environ,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


WITHDRAWN = "temporary_assistance"  # a calculator page the release no longer has
FINDER_MARK = 'globalThis.__finderRelease = "B";'


class Release:
    """The session's server (instant navigation follows the links of its site's sitemap, so both
    releases are built for its address), switched between release A (the session's site) and B."""

    def __init__(self, site, new_root: Path):
        self.site, self.old_root, self.new_root, self.url = site, site.root, new_root, site.url
        self.handler = site.server.RequestHandlerClass

    def serve(self, root: Path):
        self.site.server.RequestHandlerClass = functools.partial(QuietHandler, directory=str(root))

    def old(self):
        self.serve(self.old_root)

    def new(self):
        self.serve(self.new_root)

    def restore(self):
        self.site.server.RequestHandlerClass = self.handler


@pytest.fixture(scope="module")
def built_release(calc_site, tmp_path_factory) -> Path:
    """Release B, built once for the session server's address: startup_loan's individual limit
    160,000 instead of 150,000, finder.js marked, and the calculator WITHDRAWN removed from the built
    site, as a release that withdrew it leaves the host."""
    tmp = tmp_path_factory.mktemp("release")
    repo = _copy_repo(tmp / "repo")
    source = repo / "calculators" / "startup_loan.py"
    text = source.read_text(encoding="utf-8")
    assert 'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")' in text
    source.write_text(text.replace('INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")',
                                   'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("160000")'), encoding="utf-8")
    finder = repo / "docs" / "assets" / "finder" / "finder.js"
    finder.write_text(finder.read_text(encoding="utf-8") + "\n" + FINDER_MARK + "\n", encoding="utf-8")
    new_site = tmp / "site2"
    _build(repo, new_site, calc_site.url)
    for prefix in ("", "en/"):
        shutil.rmtree(new_site / prefix / "calculators" / WITHDRAWN)
    return new_site


@pytest.fixture
def release(calc_site, built_release):
    """Release A served at first; ``release.new()`` puts B in its place (same address)."""
    switch = Release(calc_site, built_release)
    switch.old()
    yield switch
    switch.restore()


def kept_language(page, lang: str, timeout: float = 90):
    """Wait until the service worker has kept the site's list of pages in ``lang`` (its mark)."""
    script = """async (lang) => {
        const mark = new URL(`__policy-offline/${lang}`, new URL('/', location.href)).href;
        for (const name of await caches.keys()) if (await (await caches.open(name)).match(mark)) return true;
        return false; }"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, lang):
        assert time.monotonic() < deadline, f"the service worker did not keep the {lang} pages"
        page.wait_for_timeout(300)


def offline_page_links(page) -> list[str]:
    assert page.locator("#__offline").count() == 1, page.content()[:500]
    return page.eval_on_selector_all(".offline-pages a", "links => links.map((a) => a.href)")


def test_the_whole_tool_works_offline_after_one_calculator(logged, new_context):
    """One calculator used online; the service worker then keeps in the background the home page,
    the finder, every calculator and clause page in that language: offline, they open and work.
    Another page shows the offline page in the site's language, listing them."""
    context = new_context()
    page = context.new_page()
    page.goto(logged.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    wait_until_kept(page)
    kept_language(page, "zh")
    page.close()

    context.set_offline(True)
    page = context.new_page()
    page.goto(logged.url)
    assert page.title().startswith("首页")
    page.goto(logged.url + "clauses/1.2/")
    assert page.locator("h1").first.inner_text().startswith("1.2")
    page.goto(logged.url + "finder/?applicant=person")
    page.wait_for_selector('[data-finder-state="ready"]', timeout=60_000)
    assert page.locator("[data-clause][data-status]").count() > 0
    page.goto(logged.url + "calculators/temporary_assistance/")
    assert wait_state(page, "temporary_assistance", "ready", "error", timeout=60_000) == "ready"
    assert compute(page)["max_loan_yuan"] == 150000

    # A page that is not kept: the offline page, in its language, whose links work offline.
    response = page.goto(logged.url + "agencies/")
    assert response.status == 503
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    links = offline_page_links(page)
    assert logged.url + "finder/" in links and logged.url + "clauses/1.2/" in links
    assert logged.url + "calculators/temporary_assistance/" in links
    page.click('.offline-pages a[href="clauses/2.3/"]')
    page.wait_for_url(logged.url + "clauses/2.3/")
    assert page.locator("h1").first.inner_text().startswith("2.3")
    page.goto(logged.url + "en/agencies/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert logged.url + "en/finder/" in offline_page_links(page)
    context.set_offline(False)


def test_a_new_release_reaches_a_returning_visitor(release, new_context):
    server = release
    context = new_context()
    page = context.new_page()
    page.goto(server.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    assert compute(page)["max_loan_yuan"] == 150000
    wait_until_kept(page)
    kept_language(page, "zh")
    page.goto(server.url + "finder/?applicant=person")
    page.wait_for_selector('[data-finder-state="ready"]', timeout=60_000)
    assert page.evaluate("globalThis.__finderRelease") is None
    old_caches = page.evaluate("caches.keys()")
    page.close()

    server.new()  # the release: same address, new files
    page = context.new_page()
    page.goto(server.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    assert compute(page)["max_loan_yuan"] == 160000
    wait_until_kept(page)
    deadline = time.monotonic() + 30
    while set(page.evaluate("caches.keys()")) & set(old_caches):
        assert time.monotonic() < deadline, "the old release's cache was not deleted"
        page.wait_for_timeout(200)
    names = page.evaluate("caches.keys()")
    assert len([n for n in names if n.startswith("policy-site-")]) == 1, names

    # A release that changed finder.js reaches the visitor who has the old one kept.
    page.goto(server.url + "finder/?applicant=person")
    page.wait_for_selector('[data-finder-state="ready"]', timeout=60_000)
    assert page.evaluate("globalThis.__finderRelease") == "B"

    # The withdrawn calculator: the host's 404, never the copy kept on the device, online or off.
    response = page.goto(server.url + f"calculators/{WITHDRAWN}/")
    assert response.status == 404
    assert page.locator(f'[data-result-for="{WITHDRAWN}"]').count() == 0
    page.close()

    # Offline, the new release's calculator is the one that runs; the withdrawn page is not there.
    context.set_offline(True)
    page = context.new_page()
    page.goto(server.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    assert compute(page)["max_loan_yuan"] == 160000
    page.goto(server.url + f"calculators/{WITHDRAWN}/")
    assert page.locator("#__offline").count() == 1
    assert page.locator(f'[data-result-for="{WITHDRAWN}"]').count() == 0
    context.set_offline(False)


def test_a_tab_open_across_a_release_never_computes_with_the_old_python(release, new_context):
    """Instant navigation keeps the page's scripts and the runtime across pages: a page of the new
    release reached that way restarts the runtime at its own release, and computes with it."""
    server = release
    page = new_context().new_page()
    page.goto(server.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    assert compute(page)["max_loan_yuan"] == 150000
    page.evaluate("window.__sameDocument = true")

    server.new()
    page.evaluate("""() => { const link = document.createElement('a');
        link.href = new URL('../loan_guarantee_reward/', location.href).href;
        document.body.append(link); link.click(); link.remove(); }""")
    page.wait_for_url("**/calculators/loan_guarantee_reward/")
    assert wait_state(page, "loan_guarantee_reward", "ready", "error", timeout=60_000) == "ready"
    assert page.evaluate("window.__sameDocument") is True  # instant navigation: the same document
    assert compute(page)["max_loan_yuan"] == 160000


def test_a_download_started_after_a_release_says_the_site_was_updated(release, new_context):
    """A visitor who saves data opens a calculator page (nothing downloads); the host then gets a new
    release; pressing the download button must say that the site was updated and offer a reload
    (a retry can never succeed: the old runtime is gone from the host)."""
    server = release
    context = new_context()
    context.add_init_script("Object.defineProperty(navigator.connection, 'saveData', {get: () => true});")
    page = context.new_page()
    page.goto(server.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "idle", "error", timeout=30_000) == "idle"
    page.evaluate("window.__sameDocument = true")

    server.new()
    page.click(".policy-calc__load")
    assert wait_state(page, CALC, "error", "ready", timeout=60_000) == "error"
    result = page.locator(f'[data-result-for="{CALC}"]')
    assert result.get_attribute("data-load-failure") == "updated"
    assert "本站已经更新" in page.locator(".policy-calc__status").first.inner_text()
    button = page.locator(".policy-calc__retry")
    assert button.inner_text() == "刷新页面"
    button.click()
    page.wait_for_function("window.__sameDocument !== true")  # reloaded: the new release's page


def test_a_damaged_copy_in_the_cache_is_fetched_again(logged, new_context):
    """The worker reads the wasm from the release's cache on a later visit and checks it again: a
    copy that fails the check is deleted and fetched from the host once, and the calculator works."""
    context = new_context()
    page = context.new_page()
    page.goto(logged.url + f"calculators/{CALC}/")
    assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
    wait_until_kept(page)
    page.evaluate("""async () => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (!request.url.includes('/pyodide/pyodide.asm.wasm?v=')) continue;
            const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
            bytes[bytes.length >> 1] ^= 0xff;
            await cache.put(request, new Response(bytes, {headers: {'Content-Type': 'application/wasm'}}));
          }
        } }""")
    page.close()
    logged.paths.clear()
    page = context.new_page()
    page.goto(logged.url + f"calculators/{CALC}/?applicant_type=individual")
    assert wait_state(page, CALC, "done", "error", timeout=60_000) == "done"
    assert compute(page)["max_loan_yuan"] == 150000
    assert logged.runtime_requests() == ["/pyodide/pyodide.asm.wasm"]
