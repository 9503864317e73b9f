"""The calculator pages in Chromium: Python (Pyodide) in the page gives what CPython gives.

For every calculator in both languages: a worked example typed into the form gives the
total CPython's ``calculators.calculate`` gives for the inputs the form sends, and a negative
number is refused by the Python contract and marked on its field. Also: a URL query fills the
form and computes without a click; one worker survives Material's instant navigation; a
clause page downloads nothing of Pyodide; with Save-Data nothing loads until the visitor asks.
Every test fails if any request leaves 127.0.0.1 or a page throws (see conftest.py).
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

import calculators
from calculators import InputError
from policy_site.build.pyodide_runtime import build_runtime
from tests.browser_support import follow_link, page_requests, wait_state

REPO = Path(__file__).resolve().parents[2]
LANGS = ("zh", "en")
IDS = list(calculators.CALCULATORS)

# Records every value data-state takes on a result element, so a test sees "busy" and then
# "done" even when Python answers within a millisecond.
STATE_LOG = """
(id) => {
  const el = document.querySelector(`[data-result-for="${id}"]`);
  if (!el.__stateLog) {
    el.__stateLog = [];
    new MutationObserver(() => el.__stateLog.push(el.dataset.state))
      .observe(el, {attributes: true, attributeFilter: ["data-state"]});
  }
  el.__stateLog.length = 0;
}
"""


# --- what the form should send --------------------------------------------------------------


def _parameter_defaults() -> dict[str, Decimal]:
    from policy_site.build.build_inputs import load_site_inputs

    site = load_site_inputs(REPO / "policy_data")
    out = {}
    for meta in calculators.CALCULATORS.values():
        for f in meta["fields"]:
            if f["default_parameter"] and (found := site.parameter_default(f["default_parameter"])):
                out[f["default_parameter"]] = found[1].value
    return out


PARAMETERS = _parameter_defaults()


def _json_number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def _text(value) -> str:
    """What a visitor types for a value (and what the URL query holds)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if not isinstance(value, float) else repr(value)


def _shown(field: dict, values: dict, fields: dict) -> bool:
    rule = field["applies_when"]
    if not rule:
        return True
    parent = fields[rule["field"]]
    return _shown(parent, values, fields) and values.get(parent["name"]) in rule["values"]


def form_inputs(calc_id: str, typed: dict) -> dict:
    """The inputs the form sends after ``typed`` is entered into a fresh form: its defaults
    (the parameter's stored value included), the typed values, only fields that are shown, and
    every shown checkbox (true or false)."""
    meta = calculators.CALCULATORS[calc_id]
    fields = {f["name"]: f for f in meta["fields"]}
    values = {}
    for f in meta["fields"]:
        default = f["default"]
        if f["default_parameter"] in PARAMETERS:
            default = _json_number(PARAMETERS[f["default_parameter"]])
        if f["type"] == "bool" and default is None:
            default = False
        values[f["name"]] = typed.get(f["name"], default)
    return {name: value for name, value in values.items()
            if value is not None and _shown(fields[name], values, fields)}


def example_for(calc_id: str) -> dict:
    """The calculator's eligible worked example with the most inputs."""
    meta = calculators.CALCULATORS[calc_id]
    eligible = [e for e in meta["examples"] if calculators.calculate(calc_id, form_inputs(calc_id, e))["eligible"]]
    assert eligible, f"{calc_id} has no eligible worked example"
    return max(eligible, key=len)


def invalid_field(calc_id: str, example: dict) -> str:
    """A number field shown for the example; -1 is below the minimum of every one of them."""
    meta = calculators.CALCULATORS[calc_id]
    sent = form_inputs(calc_id, example)
    for f in meta["fields"]:
        if f["type"] in ("int", "number") and f["name"] in sent:
            return f["name"]
    raise AssertionError(f"{calc_id} has no number field")


# --- driving a page -------------------------------------------------------------------------


def calculator_url(site, lang: str, calc_id: str) -> str:
    return site.page(lang, f"calculators/{calc_id}/")


def open_once(page, url: str):
    """Open ``url`` unless the page is already there (the page is shared between tests): by a link
    from the calculator before, as a visitor goes from one calculator to the next."""
    here = urlsplit(page.url)
    if f"{here.scheme}://{here.netloc}{here.path}" != url:
        follow_link(page, url)


def result_el(page, calc_id: str):
    return page.locator(f'[data-result-for="{calc_id}"]')


def fill(page, calc_id: str, typed: dict):
    form = page.locator(f'form[data-calculator="{calc_id}"]')
    for f in calculators.CALCULATORS[calc_id]["fields"]:  # metadata order: a choice before what depends on it
        if f["name"] not in typed:
            continue
        value = typed[f["name"]]
        control = form.locator(f'[name="{f["name"]}"]')
        if f["type"] == "choice":
            if control.first.evaluate("el => el.type") == "radio":
                form.locator(f'input[name="{f["name"]}"][value="{value}"]').check()
            else:
                control.select_option(value)
        elif f["type"] == "bool":
            control.set_checked(bool(value))
        else:
            control.fill(_text(value))


def submit(page, calc_id: str) -> list[str]:
    """Press the form's submit button; returns the states the result went through."""
    page.evaluate(STATE_LOG, calc_id)
    page.locator(f'form[data-calculator="{calc_id}"] button[type="submit"]').click()
    wait_state(page, calc_id, "done", "error")
    return page.evaluate(f'document.querySelector(\'[data-result-for="{calc_id}"]\').__stateLog')


def query_of(page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))


# --- every calculator, both languages ---------------------------------------------------------


CASES = [(lang, calc_id, kind) for lang in LANGS for calc_id in IDS for kind in ("example", "invalid")]


@pytest.mark.parametrize(("lang", "calc_id", "kind"), CASES, ids=[f"{a}-{b}-{c}" for a, b, c in CASES])
def test_calculator(calc_site, shared_page, lang, calc_id, kind):
    page = shared_page
    open_once(page, calculator_url(calc_site, lang, calc_id))
    example = example_for(calc_id)
    sent = form_inputs(calc_id, example)
    wait_state(page, calc_id, "ready", "done", "error")

    if kind == "example":
        fill(page, calc_id, example)
        states = submit(page, calc_id)
        assert states[:1] == ["busy"] and states[-1] == "done", states
        # The URL holds exactly what the form sent, under the contract's field names.
        assert query_of(page) == {name: _text(value) for name, value in sent.items()}
        expected = calculators.calculate(calc_id, sent)
        result = result_el(page, calc_id)
        assert Decimal(result.get_attribute("data-total-yuan")) == Decimal(str(expected["total_yuan"]))
        assert result.get_attribute("data-eligible") == ("true" if expected["eligible"] else "false")
        heading = result.locator("h3")
        assert heading.evaluate("el => el === document.activeElement")
        text = result.inner_text()
        for reason in expected["reasons"]:
            assert reason[lang] in text
        assert result.locator('[role="status"]').count() == 1
    else:
        name = invalid_field(calc_id, example)
        with pytest.raises(InputError) as refused:
            calculators.calculate(calc_id, {**sent, name: -1})
        assert name in [e["field"] for e in refused.value.errors]
        fill(page, calc_id, {**example, name: -1})
        states = submit(page, calc_id)
        assert states[-1] == "error", states
        result = result_el(page, calc_id)
        assert result.get_attribute("data-total-yuan") is None
        assert result.get_attribute("data-error") == "input"
        field = page.locator(f'form[data-calculator="{calc_id}"] [name="{name}"]')
        assert field.get_attribute("aria-invalid") == "true"
        assert field.evaluate("el => el === document.activeElement")
        message_ids = field.get_attribute("aria-describedby").split()
        messages = [page.locator(f"#{mid}") for mid in message_ids if mid.endswith("-error")]
        assert messages and messages[0].is_visible() and messages[0].inner_text().strip()
        # Fixing the field clears the mark on the next submit.
        fill(page, calc_id, example)
        assert submit(page, calc_id)[-1] == "done"
        assert field.get_attribute("aria-invalid") is None


@pytest.mark.parametrize("lang", LANGS)
def test_query_string_computes_without_a_click(calc_site, shared_context, lang):
    calc_id = "startup_loan" if lang == "zh" else "enterprise_hiring_award"
    example = example_for(calc_id)
    sent = form_inputs(calc_id, example)
    page = shared_context.new_page()
    try:
        page.goto(calculator_url(calc_site, lang, calc_id) + "?" + urlencode({k: _text(v) for k, v in sent.items()}))
        assert wait_state(page, calc_id, "done", "error") == "done"
        expected = calculators.calculate(calc_id, sent)
        assert Decimal(result_el(page, calc_id).get_attribute("data-total-yuan")) == Decimal(str(expected["total_yuan"]))
        form = page.locator(f'form[data-calculator="{calc_id}"]')
        for name, value in sent.items():
            control = form.locator(f'[name="{name}"]')
            if control.first.evaluate("el => el.type") == "radio":
                assert form.locator(f'input[name="{name}"]:checked').get_attribute("value") == value
            else:
                assert control.input_value() == _text(value)
        assert query_of(page) == {k: _text(v) for k, v in sent.items()}
    finally:
        page.close()


def _marker(page):
    return page.evaluate("window.__notReloaded === true")


def _click(page, selector: str, url_glob: str):
    page.locator(selector).first.click()
    page.wait_for_url(url_glob)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_worker_across_instant_navigation(calc_site, new_context, traffic, lang):
    """Clause page (nothing of Pyodide) -> calculator -> calculators index -> another calculator, by clicks."""
    context = new_context(viewport={"width": 1280, "height": 800})
    made = page_requests(context)
    page = context.new_page()
    page.goto(calc_site.page(lang, "clauses/2.1/"))
    page.wait_for_load_state("networkidle")
    assert traffic.matching("/pyodide/") == [] and not [u for d in ("runtime", "kit", "calculator") for u in traffic.matching(f"/assets/{d}/")]
    page.evaluate("window.__notReloaded = true")

    _click(page, 'article a[href$="calculators/startup_loan/"]', "**/calculators/startup_loan/")
    wait_state(page, "startup_loan", "ready")
    assert _marker(page), "the calculator page was loaded in full, not by instant navigation"

    _click(page, '.md-sidebar--primary a.md-nav__link[href$="calculators/"]', "**/calculators/")
    _click(page, 'article a[href$="calculators/loan_guarantee_reward/"]', "**/calculators/loan_guarantee_reward/")
    assert wait_state(page, "loan_guarantee_reward", "ready", timeout=5_000) == "ready"
    assert _marker(page), "the second calculator page was loaded in full"
    fill(page, "loan_guarantee_reward", example_for("loan_guarantee_reward"))
    assert submit(page, "loan_guarantee_reward")[-1] == "done"

    assert len([u for u in made if "/pyodide/pyodide.asm.wasm" in u]) == 1, traffic.matching("/pyodide/")
    assert len([u for u in made if "/assets/runtime/worker.js" in u]) == 1, made
    assert page.evaluate("document.querySelectorAll('form[data-calculator]').length") == 1


def test_the_worker_started_from_the_head_is_the_one_used(calc_site, new_context, traffic):
    """A calculator page loaded in full starts its one worker from the <head> (early.js) and the
    page's script adopts it; the worker starts from the init it is given as its name, before (or
    without) the init message, which the page's busy main thread hands over later."""
    context = new_context()
    # Every Worker the page makes, and whether early.js made it.
    context.add_init_script("""(() => { const Base = Worker; window.__made = [];
        window.Worker = class extends Base { constructor(...args) { super(...args);
          window.__made.push({worker: this, url: String(args[0]), early: new Error().stack.includes('early.js')}); } }; })();""")
    made = page_requests(context)

    def held_back(route):
        # The page's own script comes a second late, as on a slow link or a busy phone, so early.js
        # (async, at the top of the <head>) has surely run: on a loaded machine the two otherwise
        # race, and early.js coming second does nothing (the page's script starts the worker).
        time.sleep(1)
        route.continue_()

    context.route("**/assets/calculator/calculator.js?*", held_back)
    page = context.new_page()
    page.goto(calc_site.page("zh", "calculators/temporary_assistance/"))
    assert wait_state(page, "temporary_assistance", "ready") == "ready"
    assert len([u for u in made if "/assets/runtime/worker.js" in u]) == 1, made
    assert page.evaluate("""() => { const ours = window.__made.filter((m) => m.url.includes('/assets/runtime/worker.js'));
        return ours.length === 1 && ours[0].early && ours[0].worker === globalThis.__policyRuntime.worker
          && globalThis.__policyEarlyWorker === undefined; }""")  # made from the <head>, and adopted
    request = '{"id": "temporary_assistance", "inputs": {"persons": "3"}}'
    answer = page.evaluate("""async (request) => {
        const meta = JSON.parse(document.querySelector('meta[name="policy-runtime"]').content);
        const init = {type: 'init', indexURL: new URL(meta.pyodide, location.href).href, manifest: meta.manifest,
                      snapshot: false, controlled: false};
        const script = document.querySelector('script[src*="early.js"]').src;
        const worker = new Worker(new URL('worker.js', script), {type: 'module', name: JSON.stringify(init)});
        const answer = new Promise((resolve) => { worker.onmessage = ({data}) => data.type === 'result' && resolve(data); });
        worker.postMessage({type: 'call', seq: 1, fn: 'calculate_json', request});  // no init message
        const data = await answer;
        worker.terminate();
        return data.response ?? data.failure; }""", request)
    assert answer == calculators.calculate_json(request)


def test_instant_navigation_back_to_a_visited_page(calc_site, new_context, traffic):
    """Calculator -> its clause (visited before) -> another calculator keeps the worker.

    (Material's language selector once took a link to any page visited before for a language
    switch, with per-page alternates, and followed it with a full page load.)"""
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(calc_site.page("zh", "clauses/2.1/"))
    page.evaluate("window.__notReloaded = true")
    _click(page, 'article a[href$="calculators/startup_loan/"]', "**/calculators/startup_loan/")
    wait_state(page, "startup_loan", "ready")
    _click(page, 'article a[href$="clauses/2.1/"]', "**/clauses/2.1/")
    _click(page, 'article a[href$="calculators/loan_guarantee_reward/"]', "**/calculators/loan_guarantee_reward/")
    wait_state(page, "loan_guarantee_reward", "ready")
    assert _marker(page)
    assert len(traffic.matching("/pyodide/pyodide.asm.wasm")) == 1


@pytest.mark.parametrize("lang", LANGS)
def test_clause_page_downloads_nothing_of_pyodide(calc_site, new_context, traffic, lang):
    page = new_context().new_page()
    page.goto(calc_site.page(lang, "clauses/2.3/"))  # a clause with a calculator (internship subsidy)
    page.wait_for_load_state("networkidle")
    assert page.locator('a[href$="calculators/internship_subsidy/"]').count() >= 1
    assert traffic.requests, "no requests recorded"
    assert traffic.matching("/pyodide/") == []
    assert not [u for d in ("runtime", "kit", "calculator") for u in traffic.matching(f"/assets/{d}/")]


SAVE_DATA = "Object.defineProperty(navigator, 'connection', {configurable: true, value: {saveData: true}});"
SLOW_3G = "Object.defineProperty(navigator, 'connection', {configurable: true, value: {saveData: false, effectiveType: '3g'}});"


@pytest.mark.parametrize(("lang", "connection"), [("zh", SAVE_DATA), ("en", SAVE_DATA), ("zh", SLOW_3G)],
                         ids=["zh-save-data", "en-save-data", "zh-3g"])
def test_save_data_waits_for_the_visitor(calc_site, new_context, traffic, lang, connection):
    context = new_context()
    context.add_init_script(connection)
    page = context.new_page()
    calc_id = "temporary_assistance"
    page.goto(calculator_url(calc_site, lang, calc_id))
    assert wait_state(page, calc_id, "idle") == "idle"
    page.wait_for_timeout(1000)
    assert traffic.matching("/pyodide/") == [] and traffic.matching("worker.js") == []

    button = result_el(page, calc_id).locator("button")
    runtime = build_runtime(REPO)
    # This test host compresses nothing: the page states what it sends (the .gz copies of the big files).
    assert button.inner_text() == (f"下载计算器（{runtime.plain_download_mb} MB）" if lang == "zh"
                                   else f"Download the calculator ({runtime.plain_download_mb} MB)")
    assert float(runtime.download_mb) <= 4.0  # what a precompressing host sends (brotli)
    # Calculate before loading: nothing loads, the visitor is pointed at the button.
    fill(page, calc_id, example_for(calc_id))
    page.locator(f'form[data-calculator="{calc_id}"] button[type="submit"]').click()
    page.wait_for_timeout(300)
    assert result_el(page, calc_id).get_attribute("data-state") == "idle"
    assert button.evaluate("el => el === document.activeElement")
    assert traffic.matching("/pyodide/") == []

    button.click()
    # The calculation asked for before loading runs once Python is ready.
    assert wait_state(page, calc_id, "done", "error") == "done"
    assert len(traffic.matching("/pyodide/pyodide.asm.wasm")) == 1


def test_time_to_ready(calc_site, new_context, record_property):
    """Measured, not just asserted: cold (empty cache) and warm (second visit) time to "ready"."""
    context = new_context()
    times = {}
    for visit in ("cold", "warm"):
        page = context.new_page()
        start = time.perf_counter()
        page.goto(calculator_url(calc_site, "zh", "enterprise_hiring_award"))
        wait_state(page, "enterprise_hiring_award", "ready")
        times[visit] = round(time.perf_counter() - start, 2)
        times[f"{visit}_in_page"] = round(page.evaluate("performance.now()") / 1000, 2)
        page.close()
    record_property("time_to_ready_s", times)
    print(f"\ntime to ready (s): {times}")
    assert times["cold"] < 20, times


def test_runtime_is_shipped_once_with_its_manifest(calc_site):
    """One copy at the top; every file the worker runs is listed with its size and sha256.
    (A file that does not match is refused: tests/browser/test_runtime_failures.py.)"""
    import base64
    import hashlib
    import json

    from policy_site.build.build_inputs import load_site_inputs
    from policy_site.build.pyodide_runtime import rules_file

    rules = rules_file(load_site_inputs(REPO / "policy_data", say_warnings=False))  # the data's calculators
    runtime = build_runtime(REPO, assets_dir=REPO / "docs" / "assets", rules=rules)  # as the plugin builds it
    shipped = {p.relative_to(calc_site.root).as_posix() for p in (calc_site.root / "pyodide").iterdir()
               if p.suffix not in (".br", ".gz")}  # precompressed copies: tests/build/test_precompress.py
    assert shipped == {uri for uri in runtime.files if uri.startswith("pyodide/")}
    assert (calc_site.root / "sw.js").read_bytes() == runtime.files["sw.js"]
    assert not (calc_site.root / "en" / "pyodide").exists()
    manifest = json.loads((calc_site.root / "pyodide" / "runtime.json").read_text())
    assert sorted(manifest["files"]) == sorted(p.removeprefix("pyodide/") for p in shipped if not p.endswith("runtime.json"))
    for name, entry in manifest["files"].items():
        data = (calc_site.root / "pyodide" / name).read_bytes()
        assert base64.b64encode(hashlib.sha256(data).digest()).decode() == entry["sha256"]


def test_the_guard_sees_and_stops_foreign_requests(calc_site, new_context, traffic):
    """The request guard of these tests works: a request to another host is recorded and fails."""
    page = new_context().new_page()
    page.goto(calc_site.page("zh", "clauses/2.3/"))
    outcome = page.evaluate("""async () => {
      try { await fetch("http://example.org/probe", {mode: "no-cors"}); return "reached"; }
      catch (error) { return "failed"; } }""")
    assert outcome == "failed"
    assert traffic.foreign == ["http://example.org/probe"]
    traffic.foreign.clear()  # expected here; any other test fails on it
