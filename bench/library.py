"""Benchmark of issue 16 ("Scale"): a library of 1, 10 and 100 documents, IN ONE RUN.

    .venv/bin/python bench/library.py                   # sizes 1, 10, 100 (about 11 minutes on 2 busy cores)
    .venv/bin/python bench/library.py --sizes 1,10      # the small sizes only
    .venv/bin/python bench/library.py --skip serve      # leave out a measure (build, serve, bytes, finder)

Prints one Markdown table (figures beside their targets, never asserted: a figure over its target
changes neither the table's shape nor the exit code).

- The library of N documents is a copy of ``policy_data`` (the top-level document, so N = 1 is the
  plain data) and N - 1 documents written by the importer itself (``policy-site import``, run in this
  process), from the two texts of ``tests/fixtures/documents``, taken in turn, each made distinct: its
  own id (``doc-002`` …), the Guangzhou measures' number ``穗人社规字〔2019〕<100 + i>号``, the sample
  list's city ``示例<i>市``. The importer's drafts check clean and have no calculators. Caveat: the
  documents repeat two texts, so their search index compresses better than a hundred different texts
  would.
- Build: ``mkdocs build --strict`` of the library (``POLICY_DATA_DIR``), as tests/site_build.py runs it.
  Target: 100 documents in at most 12 times the time of 10.
- Preview rebuild: ``mkdocs serve`` itself, on the library (its own first build is not timed); one
  section file of the last document (or ``sections/1.yaml`` of the top-level document at N = 1) is
  written again with the same bytes, and the time is taken from that write to mkdocs' "Reloading
  browsers" (the rebuild done: open pages reload), and from its "Detected file changes".
- Bytes before search: a clause page (``clauses/1.2/`` and, from N = 2, ``documents/<last>/clauses/1.1/``,
  zh) opened by Debian's Chromium (Playwright) in a fresh context from a precompression-aware server
  (bench/runtime.py's ``Served``: the site's ``.br`` copies, as nginx ``brotli_static`` sends them);
  every byte the server sends until the network is idle (HTML, scripts, style sheets, fonts, JSON,
  images, the search worker): the brotli sizes. Then the search box is focused, and the search index
  that then arrives is reported on its own. Target: at most 80 KB before search, at every size.
- Finder: the finder's rules for N documents are the top-level document's rules
  (``policy_site.data.finder_rules``) with its clauses repeated N times, the copies named
  ``doc-NNN:<clause>`` (the library's naming). As the finder page does, the rules are sent to the worker
  once (``hold_rules_json``: parsed, prepared and held by Python; that one-off cost is reported), then
  one answer (a young registered unemployed person, every question answered) is timed with a request
  that names the held rules (``find_json`` on ``{"rules_key", "facts", "as_of"}``, answered in short:
  ``calculators.finder.compact_answer``, the texts the page holds in its rules left out), (a) in Chromium,
  on the built site's finder page, through the page's own runtime (``__policyRuntime.call``: the
  request's trip to the worker, Python, the answer's trip back), median of 5 after one warm-up;
  (b) in Pyodide in Node (the built site's ``pyodide/`` files and zip), inside Python, median of 5:
  the same call, and, for comparison, ``calculators.find`` on the parsed rules (the rules prepared
  for every answer, as when each request carried them; such a request is refused by ``find_json``
  above ``calculators.bridge.MAX_REQUEST_CHARS`` characters). Target: at most 150 ms at 100 documents.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.runtime import Served  # noqa: E402
from tests.browser_support import CHROMIUM, launch_as_visitors_have_it, offline_context  # noqa: E402
from tests.site_build import FIXED_EPOCH, MKDOCS, build_env, mkdocs_build  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures" / "documents"
GUANGZHOU = FIXTURES / "guangzhou-2019-employment-internship-bases.zh.txt"
SAMPLE = FIXTURES / "sample-2024-employment-policy-list.zh.txt"
CLAUSE_PAGE = "clauses/1.2/"
LIBRARY_CLAUSE = "clauses/1.1/"   # below documents/<id>/
AS_OF = "2026-01-01"               # the bench's data date (tests/site_build.py's FIXED_EPOCH)
ANSWER = {  # a young registered unemployed person who answered every question asked of them
    "applicant": "person", "age": 20, "employment": "not_working", "college_graduate": False,
    "in_college": False, "starting_business": False, "registered_unemployed": True,
    "months_since_unemployment_registration": 7, "lhasa_hukou": True, "ethnic_minority": True,
    "farmer_herder": False, "migrant_worker": False, "registered_poor": False, "veteran": "no",
    "disabled": False, "disabled_family_member": False, "low_income_family": False,
    "zero_employment_family": False, "employment_difficulty_recognised": False, "living_difficulty": False,
}
TARGETS = {"build_ratio": 12, "bytes_kb": 80, "finder_ms": 150}
RUNS = 5


# --- the library ---------------------------------------------------------------------------------

def doc_id(i: int) -> str:
    return f"doc-{i:03d}"


def source_text(i: int) -> str:
    """Document i's published text: the two fixtures in turn, each copy with its own number or city."""
    if i % 2:
        return GUANGZHOU.read_text(encoding="utf-8").replace("〔2019〕6号", f"〔2019〕{100 + i}号")
    return SAMPLE.read_text(encoding="utf-8").replace("示例市", f"示例{i}市")


def make_library(size: int, dest: Path) -> Path:
    """policy_data and size - 1 imported documents in ``dest``; checked with the real loader."""
    from policy_site import cli

    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(REPO / "policy_data", dest)
    sources = dest.parent / f"{dest.name}-sources"
    sources.mkdir(exist_ok=True)
    for i in range(2, size + 1):
        path = sources / f"{doc_id(i)}.zh.txt"
        path.write_text(source_text(i), encoding="utf-8")
        said = io.StringIO()
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
            code = cli.main(["import", str(path), "--id", doc_id(i), "--data", str(dest)])
        if code:
            raise SystemExit(f"import of {path} failed:\n{said.getvalue()}")
    said = io.StringIO()
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        code = cli.main(["check", str(dest)])
    if code:
        raise SystemExit(f"the library of {size} does not check:\n{said.getvalue()[-3000:]}")
    return dest


def edited_file(data: Path, size: int) -> Path:
    return data / "documents" / doc_id(size) / "sections" / "1.yaml" if size > 1 else data / "sections" / "1.yaml"


# --- build and preview ---------------------------------------------------------------------------

def build(dest: Path, data: Path) -> float:
    start = time.perf_counter()
    result = mkdocs_build(dest, data)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build failed ({dest}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Serve:
    """``mkdocs serve`` on the library, its log lines read as they come, each with its arrival time."""

    def __init__(self, data: Path):
        self.lines: list[tuple[float, str]] = []
        self.changed = threading.Condition()
        self.proc = subprocess.Popen(
            [str(MKDOCS), "serve", "-a", f"127.0.0.1:{free_port()}"],
            cwd=REPO, env=build_env(data), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            with self.changed:
                self.lines.append((time.perf_counter(), line.rstrip()))
                self.changed.notify_all()

    def wait_for(self, text: str, after: int = 0, timeout: float = 900) -> tuple[float, int]:
        """(arrival time, index) of the first line from index ``after`` on that contains ``text``."""
        deadline = time.perf_counter() + timeout
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    if text in self.lines[index][1]:
                        return self.lines[index][0], index
                if self.proc.poll() is not None and not self.changed.wait(0.2):
                    tail = "\n".join(line for _, line in self.lines[-30:])
                    raise SystemExit(f"mkdocs serve ended ({self.proc.returncode}):\n{tail}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise SystemExit(f"mkdocs serve: no '{text}' within {timeout} s")
                self.changed.wait(min(left, 1.0))

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def preview_rebuild(data: Path, size: int) -> dict:
    """Seconds from one section file written again to mkdocs serve's "Reloading browsers"."""
    serve = Serve(data)
    try:
        _, ready = serve.wait_for("Serving on")
        time.sleep(1.0)  # the watcher is set up before "Serving on"; let any late event of the first build pass
        edited = edited_file(data, size)
        written = time.perf_counter()
        edited.write_bytes(edited.read_bytes())
        detected, index = serve.wait_for("Detected file changes", after=ready)
        reloaded, end = serve.wait_for("Reloading browsers", after=index)
        errors = [line for _, line in serve.lines[index:end] if line.startswith(("ERROR", "WARNING"))]
        return {"edit_to_reload": reloaded - written, "detect_to_reload": reloaded - detected, "errors": errors,
                "file": edited.relative_to(data).as_posix()}
    finally:
        serve.close()


# --- the browser ---------------------------------------------------------------------------------

@dataclass
class PageBytes:
    path: str
    log: list[tuple[str, str, int]] = field(default_factory=list)  # (path, encoding, bytes sent)
    index_after_focus: list[tuple[str, str, int]] = field(default_factory=list)
    index_raw: int = 0  # bytes of search/search_index.json itself

    @property
    def total(self) -> int:
        return sum(sent for _, _, sent in self.log)

    @property
    def index_before(self) -> bool:
        return any(path.endswith("search_index.json") for path, _, _ in self.log)

    def by_kind(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for path, _, sent in self.log:
            name = path.rsplit("/", 1)[-1]
            kind = ("html" if path.endswith("/") or name.endswith(".html") else
                    name.rsplit(".", 1)[-1] if "." in name else "other")
            kinds[kind] = kinds.get(kind, 0) + sent
        return kinds


def page_bytes(browser, served: Served, path: str) -> PageBytes:
    """Everything a fresh visitor's page loads before anyone searches; then the search box is
    focused and what that fetches is recorded apart."""
    context = offline_context(browser)
    try:
        page = context.new_page()
        served.log.clear()
        page.goto(served.url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        out = PageBytes(path, list(served.log))
        served.log.clear()
        page.locator('[data-md-component="search-query"]').focus()
        page.wait_for_load_state("networkidle")
        with contextlib.suppress(Exception):
            page.wait_for_function("document.querySelector('[data-md-component=\"search-query\"]')"
                                   ".getAttribute('placeholder') !== null", timeout=5000)
        page.wait_for_timeout(1500)
        out.index_after_focus = [entry for entry in served.log if entry[0].endswith("search_index.json")]
        if out.index_after_focus:
            out.index_raw = (served.root / out.index_after_focus[0][0].lstrip("/")).stat().st_size
        return out
    finally:
        context.close()


def finder_rules_for(size: int) -> dict:
    """The top-level document's finder rules with its clauses repeated ``size`` times (copies named
    ``doc-NNN:<clause>``, as the library names a document's clauses)."""
    import calculators
    from policy_site.data.finder_rules import clause_ref, finder_rules
    from policy_site.data.loader import load_policy

    rules = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
    top = rules["clauses"]
    copies = [{**clause, "clause": clause_ref(doc_id(i), clause["clause"])}
              for i in range(2, size + 1) for clause in top]
    return {**rules, "clauses": top + copies}


RULES_KEY = "bench"


def finder_requests(size: int) -> tuple[str, str, str]:
    """(hold_rules_json's request, find_json's request naming the held rules, find_json's request
    carrying the rules), as JSON.stringify writes them."""
    def text(payload):
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    rules = finder_rules_for(size)
    return (text({"rules_key": RULES_KEY, "rules": rules}),
            text({"rules_key": RULES_KEY, "facts": ANSWER, "as_of": AS_OF}),
            text({"rules": rules, "facts": ANSWER, "as_of": AS_OF}))


def finder_in_page(browser, served: Served, hold: str, request: str) -> dict:
    """The rules held once, then find_json through the finder page's own runtime, timed in the page (ms)."""
    context = offline_context(browser)
    try:
        page = context.new_page()
        page.goto(served.url + "finder/")
        page.wait_for_function("globalThis.__policyRuntime?.state === 'ready'", timeout=120_000, polling=50)
        # The page's own finder has answered (it had its own rules held): from now on the worker is ours.
        page.wait_for_selector('[data-finder-state="ready"]', timeout=120_000)
        return page.evaluate("""async ([hold, request, runs]) => {
            const runtime = globalThis.__policyRuntime;
            let t = performance.now();
            const held = await runtime.call("hold_rules_json", hold);
            const hold_ms = performance.now() - t;
            const times = [];
            let first = held.response && JSON.parse(held.response).ok ? null : held;
            for (let i = 0; i <= runs && !first; i++) {
              t = performance.now();
              const answer = await runtime.call("find_json", request);
              const ms = performance.now() - t;
              if (i > 0) times.push(ms);
              if (!answer.response || !JSON.parse(answer.response).ok || i === runs) first = answer;  // every one checked
            }
            const parsed = first.response ? JSON.parse(first.response) : null;
            return {times, hold_ms, ok: parsed?.ok ?? false, failure: first.failure ?? null,
                    answer_chars: first.response?.length ?? 0,
                    errors: parsed && !parsed.ok ? parsed.errors.map((e) => e.en) : [],
                    clauses: parsed?.ok ? parsed.result.measures.length : 0,
                    summary: parsed?.ok ? parsed.result.summary : null};
        }""", [hold, request, RUNS])
    finally:
        context.close()


NODE_FIND = r"""
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
const [dir, requestFile, runs] = process.argv.slice(2);
// As the site's worker starts it (docs/assets/runtime/worker.js): the minified glue, the zip and
// the lock of runtime.json, nothing fetched.
const manifest = JSON.parse(readFileSync(path.join(dir, "runtime.json"), "utf8"));
const { loadPyodide } = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
const asm = await import(pathToFileURL(path.join(dir, "pyodide.asm.mjs")).href);
const quiet = (line) => console.error("[python] " + line);
const pyodide = await loadPyodide({ createPyodideModule: asm.default, indexURL: dir + path.sep,
  stdLibURL: path.join(dir, manifest.zip), lockFileContents: manifest.lock, packageBaseUrl: dir + path.sep,
  stdout: quiet, stderr: quiet });
const calculators = pyodide.pyimport("calculators");
if (manifest.rules) {  // the site's calculators written as data, registered as the worker does
  const answer = JSON.parse(calculators.register_rules_json(readFileSync(path.join(dir, manifest.rules), "utf8")));
  if (!answer.ok) throw new Error("rules.json: " + JSON.stringify(answer));
}
pyodide.globals.set("HOLD", readFileSync(path.join(path.dirname(requestFile), "hold.json"), "utf8"));
pyodide.globals.set("REQUEST", readFileSync(requestFile, "utf8"));
pyodide.globals.set("FULL", readFileSync(path.join(path.dirname(requestFile), "full.json"), "utf8"));
pyodide.globals.set("RUNS", Number(runs));
process.stdout.write(pyodide.runPython(`
import json, time
import calculators
from calculators import bridge
from calculators.finder import compact_answer

def timed(fn, runs):
    # the ms of each of runs calls after one warm-up, and the last result
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times[1:], result

t = time.perf_counter()
held = json.loads(calculators.hold_rules_json(HOLD))
hold = (time.perf_counter() - t) * 1000
times, answer = timed(lambda: calculators.find_json(REQUEST), RUNS)
answer = json.loads(answer)
full = json.loads(FULL)
prepared, result = timed(lambda: calculators.find(full["rules"], full["facts"], full["as_of"]), 2)
assert answer["ok"] and answer["result"] == json.loads(json.dumps(compact_answer(result))), answer.get("errors")
json.dumps({"times": times, "clauses": len(result["measures"]), "summary": result["summary"],
            "hold_ok": held["ok"], "hold": hold, "hold_chars": len(HOLD), "rules_limit": bridge.MAX_RULES_CHARS,
            "chars": len(REQUEST), "full_chars": len(FULL), "limit": bridge.MAX_REQUEST_CHARS,
            "prepared_each_time": prepared})
`));
"""


def finder_in_node(site: Path, requests: tuple[str, str, str], work: Path) -> dict:
    """The rules held, then find_json in Pyodide under Node, from the built site's runtime files (ms,
    inside Python); and calculators.find with the rules prepared for every answer."""
    pyodide = site / "pyodide"
    script, request_file = work / "find.mjs", work / "request.json"
    script.write_text(NODE_FIND, encoding="utf-8")
    hold, request, full = requests
    (work / "hold.json").write_text(hold, encoding="utf-8")
    request_file.write_text(request, encoding="utf-8")
    (work / "full.json").write_text(full, encoding="utf-8")
    node = shutil.which("node") or "node"
    proc = subprocess.run([node, str(script), str(pyodide), str(request_file), str(RUNS)],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    if proc.returncode != 0:  # Node prints the minified line that threw: only the short lines say why
        said = "\n".join(line for line in proc.stderr.splitlines() if len(line) < 500)
        raise SystemExit(f"Pyodide in Node failed:\n{said[-3000:]}")
    out = json.loads(proc.stdout)
    out["prepared_each_time_ms"] = statistics.median(out.pop("prepared_each_time"))
    return out


# --- one size ------------------------------------------------------------------------------------

@dataclass
class Figures:
    size: int
    clauses: int = 0
    pages: int = 0
    build_s: float | None = None
    preview: dict | None = None
    pages_bytes: list[PageBytes] = field(default_factory=list)
    finder_page: dict | None = None
    finder_node: dict | None = None
    request_chars: int = 0


def count_clauses(data: Path) -> int:
    import calculators
    from policy_site.build.build_inputs import load_site_inputs

    calculators_before = dict(calculators.CALCULATORS)
    try:
        site = load_site_inputs(data, say_warnings=False)
        return len(site.policy.clauses) + sum(len(d.clauses) for d in site.documents)
    finally:
        calculators.CALCULATORS.clear()
        calculators.CALCULATORS.update(calculators_before)


def measure(size: int, work: Path, skip: set[str], playwright) -> Figures:
    figures = Figures(size)
    t = time.perf_counter()
    data = make_library(size, work / f"library-{size}")
    figures.clauses = count_clauses(data)
    say(f"size {size}: library made and checked in {time.perf_counter() - t:.1f} s ({figures.clauses} clauses)")
    site = work / f"site-{size}"
    if "build" not in skip or {"bytes", "finder"} - skip:
        figures.build_s = build(site, data)
        figures.pages = sum(1 for _ in site.rglob("index.html"))
        say(f"size {size}: mkdocs build {figures.build_s:.1f} s ({figures.pages} pages)")
    if "serve" not in skip:
        figures.preview = preview_rebuild(data, size)
        say(f"size {size}: preview rebuild {figures.preview['edit_to_reload']:.1f} s")
    if {"bytes", "finder"} - skip:
        served = Served(site)
        browser = launch_as_visitors_have_it(playwright)
        try:
            if "bytes" not in skip:
                paths = [CLAUSE_PAGE] + ([f"documents/{doc_id(size)}/{LIBRARY_CLAUSE}"] if size > 1 else [])
                figures.pages_bytes = [page_bytes(browser, served, path) for path in paths]
                say(f"size {size}: bytes before search " + ", ".join(f"{p.path} {kb(p.total)}" for p in figures.pages_bytes))
            if "finder" not in skip:
                requests = finder_requests(size)
                figures.request_chars = len(requests[1])
                figures.finder_page = finder_in_page(browser, served, *requests[:2])
                figures.finder_node = finder_in_node(site, requests, work)
                say(f"size {size}: finder in the page {statistics.median(figures.finder_page['times']):.1f} ms, "
                    f"engine in Node {statistics.median(figures.finder_node['times']):.1f} ms")
        finally:
            browser.close()
            served.close()
    shutil.rmtree(site, ignore_errors=True)
    return figures


# --- report --------------------------------------------------------------------------------------

def say(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def verdict(ok: bool) -> str:
    return "within" if ok else "OVER"


def finder_target(size: int, ms: float, ok: bool = True) -> str:
    if size != 100:
        return f"(≤ {TARGETS['finder_ms']} ms at 100 documents)"
    return f"≤ {TARGETS['finder_ms']} ms: {verdict(ok and ms <= TARGETS['finder_ms'])}"


def report(all_figures: list[Figures]) -> str:
    rows = ["| Documents | Measure | Figure | Target |", "| ---: | --- | --- | --- |"]
    by_size = {f.size: f for f in all_figures}
    for f in all_figures:
        n = f.size
        if f.build_s is not None:
            rows.append(f"| {n} | Build (`mkdocs build --strict`; {f.clauses} clauses, {f.pages} pages, both languages) "
                        f"| {f.build_s:.1f} s | |")
        if f.preview:
            p = f.preview
            errors = f"; errors: {' / '.join(p['errors'])}" if p["errors"] else ""
            rows.append(f"| {n} | Preview rebuild (`mkdocs serve`, `{p['file']}` written again): write → "
                        f"\"Reloading browsers\" (\"Detected file changes\" → reload){errors} "
                        f"| {p['edit_to_reload']:.1f} s ({p['detect_to_reload']:.1f} s) | |")
        for page in f.pages_bytes:
            kinds = ", ".join(f"{kind} {kb(sent)}" for kind, sent in sorted(page.by_kind().items(), key=lambda kv: -kv[1]))
            index = page.index_after_focus
            after = (f"search index on focus: {kb(index[0][2])} ({index[0][1] or 'raw'}) of {kb(page.index_raw)} raw"
                     if index else
                     "no search index fetched on focus")
            rows.append(f"| {n} | Bytes before search, `{page.path}` (zh, {len(page.log)} requests: {kinds}; "
                        f"search index before search: {'YES' if page.index_before else 'no'}; {after}) "
                        f"| {kb(page.total)} | ≤ {TARGETS['bytes_kb']} KB: "
                        f"{verdict(page.total <= TARGETS['bytes_kb'] * 1024)} |")
        if f.finder_page:
            fp = f.finder_page
            ms = statistics.median(fp["times"]) if fp["times"] else float("nan")
            outcome = (f"{fp['clauses']} clauses sorted" if fp["ok"] else
                       f"REFUSED: {'; '.join(fp['errors']) or fp['failure']}")
            rows.append(f"| {n} | Finder answer in Chromium, the finder page's runtime (`find_json` naming the held "
                        f"rules, request {f.request_chars:,} characters, answer {fp['answer_chars']:,}, "
                        f"median of {len(fp['times'])}; {outcome}; "
                        f"the rules held first, once: {fp['hold_ms']:.0f} ms) "
                        f"| {ms:.1f} ms | {finder_target(n, ms, fp['ok'])} |")
        if f.finder_node:
            fn = f.finder_node
            ms = statistics.median(fn["times"])
            refused = ("" if fn["full_chars"] <= fn["limit"] else
                       f"; `find_json` refuses such a request: over {fn['limit']:,} characters")
            rows.append(f"| {n} | Finder in Pyodide (Node), inside Python: `find_json` naming the held rules "
                        f"({fn['clauses']} clauses, median of {len(fn['times'])}); holding the rules once "
                        f"(`hold_rules_json`, {fn['hold_chars']:,} characters): {fn['hold']:.0f} ms; "
                        f"`calculators.find` with the rules prepared for every answer (as when each request "
                        f"carried them, {fn['full_chars']:,} characters{refused}): "
                        f"{fn['prepared_each_time_ms']:.0f} ms | {ms:.1f} ms | {finder_target(n, ms)} |")
    if 10 in by_size and 100 in by_size and by_size[10].build_s and by_size[100].build_s:
        ratio = by_size[100].build_s / by_size[10].build_s
        rows.append(f"| 100 / 10 | Build time ratio | {ratio:.1f} | ≤ {TARGETS['build_ratio']}: "
                    f"{verdict(ratio <= TARGETS['build_ratio'])} |")
    return "\n".join(rows)


def warm_up() -> None:
    """The calculators' browser runtime is built once for a given calculators/ and kept in
    .cache/pyodide-runtime: built here first, untimed, so that no size's build pays for it."""
    from policy_site.build import pyodide_runtime

    t = time.perf_counter()
    pyodide_runtime.build_runtime(REPO, assets_dir=REPO / "docs" / "assets")
    say(f"browser runtime ready (cached or built) in {time.perf_counter() - t:.1f} s")


def machine() -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    node = subprocess.run([shutil.which("node") or "node", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {chromium}, Node {node}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="library sizes in documents, comma-separated")
    parser.add_argument("--skip", default="", help="measures to leave out: build, serve, bytes, finder")
    parser.add_argument("--keep", type=Path, default=None, help="make the libraries in this folder and keep them")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    warm_up()
    load = os.getloadavg()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-library-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as playwright:
            figures = [measure(size, work, skip, playwright) for size in sizes]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    end_load = os.getloadavg()
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"# Library scale (issue 16)\n\nMeasured {stamp} on {machine()} with `.venv/bin/python bench/library.py "
          f"--sizes {','.join(map(str, sizes))}` in {(time.perf_counter() - started) / 60:.1f} min. Load average "
          f"{load[0]:.2f} at the start, {end_load[0]:.2f} at the end (1 min; 2 cores shared with other sessions: "
          f"the times are slower than on a quiet machine).\n\n{report(figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
