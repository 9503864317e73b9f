"""Offline and instant on the second visit (the service worker, policy_site/sw.js).

- After one visit to a calculator page, the calculators work with the network off.
- A second visit asks the server for none of the runtime.
- A new release replaces the old cache: the site is built again from a copy of the repository with a
  changed calculator constant and served at the same address; the browser that knew the old release
  runs the new calculator, and only the new release's cache is left.
"""

from __future__ import annotations

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
        return [p for p in self.paths if p.startswith("/pyodide/")]

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
    first = [p.split("?")[0] for p in logged.runtime_requests()]
    assert first.count("/pyodide/pyodide.asm.wasm") == 1, first
    assert {p.removeprefix("/pyodide/") for p in first} == set(json.loads((logged.root / "pyodide" / "runtime.json").read_text())["files"])
    wait_until_kept(page)
    page.close()

    logged.paths.clear()
    page = context.new_page()
    page.goto(logged.url + "calculators/loan_guarantee_reward/")
    assert wait_state(page, "loan_guarantee_reward", "ready", "error", timeout=60_000) == "ready"
    assert logged.runtime_requests() == []
    assert not [p for p in logged.paths if p.startswith("/assets/calculator/")]


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


def test_a_new_release_replaces_the_old_cache(calc_site, new_context, tmp_path):
    server = LoggingServer(calc_site.root)
    try:
        repo = _copy_repo(tmp_path / "repo")
        source = repo / "calculators" / "startup_loan.py"
        text = source.read_text(encoding="utf-8")
        assert 'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")' in text
        source.write_text(text.replace('INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")',
                                       'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("160000")'), encoding="utf-8")
        new_site = tmp_path / "site2"
        _build(repo, new_site, server.url)

        context = new_context()
        page = context.new_page()
        page.goto(server.url + f"calculators/{CALC}/")
        assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
        assert compute(page)["max_loan_yuan"] == 150000
        wait_until_kept(page)
        old_caches = page.evaluate("caches.keys()")
        page.close()

        server.root = new_site  # the release: same address, new files
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
        page.close()

        # And offline, the new release's calculator is the one that runs.
        context.set_offline(True)
        page = context.new_page()
        page.goto(server.url + f"calculators/{CALC}/")
        assert wait_state(page, CALC, "ready", "error", timeout=60_000) == "ready"
        assert compute(page)["max_loan_yuan"] == 160000
        context.set_offline(False)
    finally:
        server.close()


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
    assert [p.split("?")[0] for p in logged.runtime_requests()] == ["/pyodide/pyodide.asm.wasm"]
