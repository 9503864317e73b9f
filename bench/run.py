"""Benchmarks of issue 4: build time, bytes a visitor downloads, calculator readiness and speed.

    .venv/bin/python bench/run.py            # everything (about 5 minutes on 2 cores)
    .venv/bin/python bench/run.py --quick    # one build of each size, fewer calculations

Prints a Markdown table and writes it to bench/results.md. Targets are printed beside the
figures (PASS/FAIL); nothing here is a test, and a FAIL does not change the exit code.

- Builds are ``mkdocs build --strict`` of the real site, and of synthetic policies with 10× and
  100× the clauses (bench/synthetic.py: made from policy_data through the real data model and
  checked with the real loader), with ``POLICY_DATA_DIR`` pointing at them.
- "Own code" is what the plugin's on_config does, timed in this process: ``load_site_inputs``
  (run once per language project, so twice a build), the calculators' browser runtime
  (``pyodide_runtime.build_runtime``, once per build process) and ``render_pages`` per language.
- Browser figures come from Debian's Chromium through Playwright, the site being served by
  http.server on 127.0.0.1. Sizes and the cold start are measured on the plain build (no
  site_url, as the README builds it). Instant navigation and the calculations are measured on
  a second build with SITE_URL=http://127.0.0.1:<port>/, served on that port: Material's
  instant navigation only follows links listed in sitemap.xml, which is empty without a
  site_url, and it rewrites the sitemap's protocol and host to the page's, but not the port.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.synthetic import make_policy  # noqa: E402
from tests.browser_support import CHROMIUM, Site, bind, launch_as_visitors_have_it, serving  # noqa: E402
from tests.site_build import FIXED_EPOCH, mkdocs_build  # noqa: E402

CLAUSE_PAGE = "clauses/1.2/"
CALCULATOR_A = "startup_loan"          # measured cold, and the page navigated from
CALCULATOR_B = "enterprise_hiring_award"  # reached by instant navigation from A
CALC_QUERY = "?enterprise_type=non_public&new_local_hires=16&new_local_graduates=10&year=2019"

TARGETS = {
    "clause_gzip_kb": 150,
    "ready_cold_s": 2.5,
    "ready_instant_s": 0.3,
    "calc_ms": 20,
    "build_ratio": 12,
}


# --- building ----------------------------------------------------------------------------------

def build(dest: Path, data_dir: Path | None = None, site_url: str | None = None) -> float:
    env = {"SITE_URL": site_url} if site_url else {}
    start = time.perf_counter()
    result = mkdocs_build(dest, data_dir=data_dir, **env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed ({dest}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def own_code(data_dir: Path, repeat: int) -> dict[str, float]:
    """Median seconds of what the plugin does in on_config, in this process: load_site_inputs,
    the calculators' browser runtime (built once per process), render_pages per language."""
    import dataclasses

    os.environ["SOURCE_DATE_EPOCH"] = FIXED_EPOCH
    from policy_site.build import pyodide_runtime
    from policy_site.build.build_inputs import load_site_inputs
    from policy_site.site.render import render_pages

    loads, runtimes, zh, en = [], [], [], []
    pages = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        site = load_site_inputs(data_dir)
        t1 = time.perf_counter()
        pyodide_runtime._build_runtime.cache_clear()
        runtime = pyodide_runtime.build_runtime(REPO, assets_dir=REPO / "docs" / "assets")
        site = dataclasses.replace(site, runtime=runtime)
        t2 = time.perf_counter()
        pages = len(render_pages(site, "zh"))
        t3 = time.perf_counter()
        render_pages(site, "en")
        t4 = time.perf_counter()
        loads.append(t1 - t0), runtimes.append(t2 - t1), zh.append(t3 - t2), en.append(t4 - t3)
    load, rt = statistics.median(loads), statistics.median(runtimes)
    rzh, ren = statistics.median(zh), statistics.median(en)
    return {"load": load, "runtime": rt, "render_zh": rzh, "render_en": ren,
            "per_build": 2 * load + rt + rzh + ren, "pages": pages}


@dataclass
class BuildFigures:
    label: str
    clauses: int
    times: list[float]
    own: dict[str, float]

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def bench_builds(work: Path, quick: bool) -> list[BuildFigures]:
    from policy_site.data.loader import load_policy
    import calculators

    out = []
    for label, factor, runs in (("real", 1, 3), ("10×", 10, 3), ("100×", 100, 2)):
        runs = 1 if quick else runs
        data = REPO / "policy_data" if factor == 1 else make_policy(factor, work / f"policy_{factor}x")
        clauses = len(load_policy(data, known_calculators=calculators.CALCULATORS).clauses)
        times = []
        for run in range(runs):
            times.append(build(work / f"site_{factor}x_{run}", None if factor == 1 else data))
            print(f"  build {label} #{run + 1}: {times[-1]:.2f} s", file=sys.stderr)
        own = own_code(data, repeat=1 if quick or factor == 100 else 3)
        out.append(BuildFigures(label, clauses, times, own))
    return out


# --- serving and the browser ----------------------------------------------------------------------

# Records every change of a calculator's data-state with performance.now() (ms since navigation).
STATE_RECORDER = """
window.__calcEvents = [];
const record = (el) => window.__calcEvents.push([performance.now(), el.getAttribute("data-result-for"), el.dataset.state]);
new MutationObserver((mutations) => {
  for (const m of mutations) {
    if (m.type === "attributes") { if (m.target.matches("[data-result-for]")) record(m.target); continue; }
    for (const node of m.addedNodes) {
      if (node.nodeType !== 1) continue;
      if (node.matches("[data-result-for][data-state]")) record(node);
      for (const el of node.querySelectorAll("[data-result-for][data-state]")) record(el);
    }
  }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"]});
"""


@dataclass
class Transfer:
    url: str
    status: int
    raw: int
    gz: int


@dataclass
class PageLoad:
    transfers: list[Transfer] = field(default_factory=list)

    def total(self, exclude=()) -> tuple[int, int, int]:
        kept = [t for t in self.transfers if not any(x in t.url for x in exclude)]
        return len(kept), sum(t.raw for t in kept), sum(t.gz for t in kept)


def _record_responses(context, base: str, sink: PageLoad):
    def on_response(response):
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        sink.transfers.append(Transfer(response.url.replace(base, "/"), response.status, len(body),
                                       len(gzip.compress(body, compresslevel=6, mtime=0))))
    context.on("response", on_response)


def wait_for_state(page, calc_id: str, state: str, after_ms: float = 0.0, timeout: float = 30.0) -> float:
    """performance.now() of the first recorded `state` of calc_id after `after_ms`."""
    page.wait_for_function(
        "([id, state, after]) => window.__calcEvents.some(([t, i, s]) => i === id && s === state && t >= after)",
        arg=[calc_id, state, after_ms], timeout=timeout * 1000)
    return page.evaluate(
        "([id, state, after]) => window.__calcEvents.find(([t, i, s]) => i === id && s === state && t >= after)[0]",
        [calc_id, state, after_ms])


def bench_browser(plain_site: Site, instant_site: Site, calcs: int) -> dict:
    """Sizes and cold start on the plain build; instant navigation and calculations on the build
    with a site_url (the one instant navigation works on)."""
    from playwright.sync_api import sync_playwright

    out: dict = {}
    with serving(plain_site) as base, serving(instant_site) as instant_base, sync_playwright() as playwright:
        browser = launch_as_visitors_have_it(playwright)

        # Bytes of a clause page, zh and en: everything it loads, after load and a short idle.
        for lang, prefix in (("zh", ""), ("en", "en/")):
            context = browser.new_context()
            load = PageLoad()
            _record_responses(context, base, load)
            page = context.new_page()
            page.goto(base + prefix + CLAUSE_PAGE, wait_until="load")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            out[f"clause_{lang}"] = load
            context.close()

        # A calculator page, cold: bytes once ready and time from navigation to ready (median of 3).
        out["load_average"] = os.getloadavg()
        colds = []
        for run in range(5):
            context = browser.new_context()
            load = PageLoad()
            _record_responses(context, base, load)
            page = context.new_page()
            page.add_init_script(STATE_RECORDER)
            page.goto(base + f"calculators/{CALCULATOR_A}/")
            colds.append(wait_for_state(page, CALCULATOR_A, "ready") / 1000)
            if run == 0:
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                out["calculator"] = load
            context.close()
        out["ready_cold"] = colds

        # Instant navigation from calculator A (ready) to calculator B by clicking a link.
        base = instant_base
        context = browser.new_context()
        requests: list[str] = []
        context.on("request", lambda r: requests.append(r.url.replace(base, "/")))
        page = context.new_page()
        page.add_init_script(STATE_RECORDER)
        page.goto(base + f"calculators/{CALCULATOR_A}/")
        wait_for_state(page, CALCULATOR_A, "ready")
        page.wait_for_load_state("networkidle")
        wasm_before = sum("pyodide.asm.wasm" in u for u in requests)
        start = page.evaluate("""(href) => {
            window.__sameDocument = true;
            const a = document.createElement("a");
            a.href = href; a.textContent = "next calculator";
            document.querySelector("article").append(a);
            const t = performance.now();
            a.click();
            return t;
        }""", f"../{CALCULATOR_B}/")
        ready_at = wait_for_state(page, CALCULATOR_B, "ready", after_ms=start)
        page.wait_for_timeout(300)
        out["ready_instant"] = (ready_at - start) / 1000
        out["instant_same_document"] = bool(page.evaluate("window.__sameDocument === true"))
        out["wasm_refetched"] = sum("pyodide.asm.wasm" in u for u in requests) > wasm_before

        # Time per calculation: submits of calculator B's form, submit to data-state=done, in the page.
        page.goto(base + f"calculators/{CALCULATOR_B}/{CALC_QUERY}")
        wait_for_state(page, CALCULATOR_B, "done")
        out["calc_ms"] = page.evaluate("""async ([id, n]) => {
            const form = document.querySelector(`form[data-calculator="${id}"]`);
            const result = document.querySelector(`[data-result-for="${id}"]`);
            const hires = form.querySelector('[name="new_local_hires"]');
            const times = [];
            for (let i = 0; i < n; i++) {
              hires.value = String(15 + (i % 30));        // a different request each time
              const done = new Promise((resolve) => {
                const observer = new MutationObserver(() => {
                  if (result.dataset.state === "done" || result.dataset.state === "error") { observer.disconnect(); resolve(); }
                });
                observer.observe(result, {attributes: true, attributeFilter: ["data-state"]});
              });
              const t = performance.now();
              form.requestSubmit();
              await done;
              times.push(performance.now() - t);
            }
            return times;
        }""", [CALCULATOR_B, calcs])
        context.close()
        browser.close()
    return out


# --- report ------------------------------------------------------------------------------------

def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def report(builds: list[BuildFigures] | None, browser: dict | None) -> str:
    rows = ["| Measure | Figure | Target | |", "| --- | --- | --- | --- |"]
    if builds:
        by = {b.label: b for b in builds}
        for b in builds:
            own = b.own["per_build"]
            rows.append(f"| Build, {b.label} ({b.clauses} clauses, {b.own['pages']} pages a language) | "
                        f"best {b.best:.2f} s, median {b.median:.2f} s of {len(b.times)} | | |")
            rows.append(f"| Own code in that build (load ×2 {b.own['load']:.2f} s, browser runtime "
                        f"{b.own['runtime']:.2f} s, render zh {b.own['render_zh']:.2f} s, "
                        f"en {b.own['render_en']:.2f} s) | {own:.2f} s = {100 * own / b.best:.0f} % "
                        f"(mkdocs and the rest {100 - 100 * own / b.best:.0f} %) | | |")
        ratio = by["100×"].best / by["10×"].best
        rows.append(f"| Build 100× / 10× | {ratio:.1f} | ≤ {TARGETS['build_ratio']} | "
                    f"{verdict(ratio <= TARGETS['build_ratio'])} |")
    if browser:
        for lang in ("zh", "en"):
            load: PageLoad = browser[f"clause_{lang}"]
            n, raw, gz = load.total(exclude=("search_index.json",))
            pyodide = [t.url for t in load.transfers if "/pyodide/" in t.url]
            rows.append(f"| Clause page {lang} ({CLAUSE_PAGE}): {n} requests, without the search index | "
                        f"{kb(raw)} raw, {kb(gz)} gzip | ≤ {TARGETS['clause_gzip_kb']} KB gzip, no Pyodide "
                        f"({len(pyodide)} Pyodide requests) | "
                        f"{verdict(gz <= TARGETS['clause_gzip_kb'] * 1024 and not pyodide)} |")
            misses = [t.url for t in load.transfers if t.status >= 400]
            if misses:
                rows.append(f"| — of which failed requests ({lang}) | {len(misses)}: {', '.join(misses)} | | |")
            index = [t for t in load.transfers if "search_index.json" in t.url]
            if index:
                rows.append(f"| Search index ({lang}, loaded by every page) | {kb(index[0].raw)} raw, "
                            f"{kb(index[0].gz)} gzip | reported only | |")
        load = browser["calculator"]
        n, raw, gz = load.total(exclude=("search_index.json",))
        _, praw, pgz = PageLoad([t for t in load.transfers if "/pyodide/" in t.url]).total()
        rows.append(f"| Calculator page ({CALCULATOR_A}, once ready): {n} requests, without the search index | "
                    f"{kb(raw)} raw, {kb(gz)} gzip (Pyodide: {kb(praw)} raw, {kb(pgz)} gzip) | reported only | |")
        cold = statistics.median(browser["ready_cold"])
        rows.append(f"| Calculator ready, cold (median of {len(browser['ready_cold'])}: "
                    f"{', '.join(f'{t:.2f}' for t in browser['ready_cold'])} s) | {cold:.2f} s | "
                    f"≤ {TARGETS['ready_cold_s']} s | {verdict(cold <= TARGETS['ready_cold_s'])} |")
        inst = browser["ready_instant"]
        same = browser["instant_same_document"]
        rows.append(f"| Calculator ready after instant navigation ({'same document' if same else 'FULL RELOAD'}, "
                    f"pyodide.asm.wasm fetched again: {'yes' if browser['wasm_refetched'] else 'no'}) | {inst:.3f} s | "
                    f"≤ {TARGETS['ready_instant_s']} s, worker reused | "
                    f"{verdict(inst <= TARGETS['ready_instant_s'] and same and not browser['wasm_refetched'])} |")
        times = browser["calc_ms"]
        median = statistics.median(times)
        rows.append(f"| Calculation, submit to result (median of {len(times)}, p90 "
                    f"{sorted(times)[int(len(times) * 0.9)]:.1f} ms) | {median:.1f} ms | < {TARGETS['calc_ms']} ms | "
                    f"{verdict(median < TARGETS['calc_ms'])} |")
    return "\n".join(rows)


def breakdown(browser: dict | None) -> str:
    """Every request of the clause page (zh) and of the calculator page, largest first."""
    if not browser:
        return ""
    parts = []
    for key, title in (("clause_zh", f"Clause page zh ({CLAUSE_PAGE})"), ("calculator", f"Calculator page ({CALCULATOR_A})")):
        rows = [f"| {t.url} | {t.status} | {kb(t.raw)} | {kb(t.gz)} |"
                for t in sorted(browser[key].transfers, key=lambda t: -t.gz)]
        parts.append(f"### {title}: every request\n\n| Request | Status | Raw | gzip -6 |\n| --- | --- | --- | --- |\n"
                     + "\n".join(rows))
    return "\n\n" + "\n\n".join(parts) + "\n"


def machine() -> str:
    cpus = os.cpu_count()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return f"{cpus} cores, Python {sys.version.split()[0]}, {chromium}"


def load_note(browser: dict | None) -> str:
    if not browser:
        return ""
    one, five, _ = browser["load_average"]
    return (f" Load average when the browser measurements started: {one:.2f} (1 min), {five:.2f} (5 min);"
            " on a 2-core machine anything else running (another test suite, a build) slows the browser figures.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one build of each size, 100 calculations")
    parser.add_argument("--no-builds", action="store_true", help="skip the build timings")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurements")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results.md")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="policy-bench-") as tmp:
        work = Path(tmp)
        builds = None if args.no_builds else bench_builds(work, args.quick)
        browser = None
        if not args.no_browser:
            plain, instant = bind(work / "plain"), bind(work / "instant")
            build(plain.root)
            build(instant.root, site_url=instant.url)
            browser = bench_browser(plain, instant, calcs=100 if args.quick else 200)
    table = report(builds, browser)
    stamp = time.strftime("%Y-%m-%d", time.gmtime())
    text = (f"# Benchmarks\n\nMeasured {stamp} on {machine()} with `.venv/bin/python bench/run.py`"
            f"{' --quick' if args.quick else ''}.{load_note(browser)}\n\n{table}\n{breakdown(browser)}")
    if not (args.no_builds or args.no_browser):
        args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
