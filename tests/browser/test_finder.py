"""The finder page in Chromium, in both languages: one question at a time with the keyboard,
"not sure", back, check your answers with change links, results that match CPython's engine,
answers in the URL, calculator links with the known answers filled in, the page without
JavaScript, the home and audience pages' links, axe, 360 px, and receipts printed to PDF
(a finder result and a calculator result) whose text is checked.

Every test fails if a request leaves 127.0.0.1 or a page throws (tests/conftest.py).
"""

from __future__ import annotations

import io
import json
import unicodedata
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import load_policy
from policy_site.build.pyodide_runtime import build_runtime
from tests.browser_support import wait_state
from tests.browser.axe import blocking, describe, run_axe
from tests.site_build import FIXED_EPOCH

REPO = Path(__file__).resolve().parents[2]
RULES = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
DATA_DATE = "2026-01-01"  # tests.site_build.FIXED_EPOCH
assert FIXED_EPOCH == "1767225600"
LANGS = ("zh", "en")
PREFIX = {"zh": "", "en": "en/"}


def finder_url(site_url, lang, query=""):
    return f"{site_url}{PREFIX[lang]}finder/{query}"


def wait_ready(page):
    page.wait_for_selector('[data-finder-state="ready"]', timeout=60_000)


def statuses(page) -> dict[str, str]:
    return {el.get_attribute("data-clause"): el.get_attribute("data-status")
            for el in page.locator("[data-clause][data-status]").all()}


def expected(facts) -> dict[str, str]:
    return {m["clause"]: m["status"] for m in calculators.find(RULES, facts, DATA_DATE)["measures"]}


def current_fact(page) -> str | None:
    form = page.locator("form[data-fact]")
    return form.get_attribute("data-fact") if form.count() else None


def answer(page, fact, value):
    """Answer the current question with the keyboard only."""
    page.wait_for_selector(f'form[data-fact="{fact}"]')
    form = page.locator(f'form[data-fact="{fact}"]')
    if value is None:
        form.locator("[data-not-sure]").focus()
        page.keyboard.press("Enter")
    elif isinstance(value, bool) or isinstance(value, str):
        shown = "true" if value is True else "false" if value is False else value
        form.locator(f'input[value="{shown}"]').focus()
        page.keyboard.press("Space")
        page.keyboard.press("Enter")
    else:
        form.locator("input").focus()
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
    page.wait_for_function("(fact) => !document.querySelector(`form[data-fact=\"${fact}\"]`) || "
                           "document.querySelector('.policy-finder__error:not([hidden])')", arg=fact)


@pytest.mark.parametrize("lang", LANGS)
def test_questions_one_at_a_time_match_the_engine(warm_page, site_url, lang):
    page = warm_page
    page.goto(finder_url(site_url, lang))
    wait_ready(page)
    assert current_fact(page) == "applicant"
    assert statuses(page) == expected({})
    facts = {}
    # Whatever is asked next, answered from this profile; the page asks what CPython's engine asks.
    profile = {"applicant": "person", "age": 20, "employment": "not_working", "college_graduate": None,
               "in_college": False, "starting_business": False, "registered_unemployed": True,
               "months_since_unemployment_registration": 7, "farmer_herder": None}
    for _ in range(6):
        fact = calculators.find(RULES, facts, DATA_DATE)["next_question"]
        assert current_fact(page) == fact
        value = profile.get(fact)
        answer(page, fact, value)
        facts[fact] = value
        assert statuses(page) == expected(facts), fact
    # The answers are in the URL ("not sure" as an empty value), and a reload gives the same page.
    query = dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))
    assert query["age"] == "20" and query["college_graduate"] == "" and query["employment"] == "not_working"
    before = statuses(page)
    question = current_fact(page)
    # Announced to screen readers: the new question and the counts.
    live = page.locator('.policy-finder__live[role="status"]').text_content()
    assert f"{list(before.values()).count('applies')} " in live
    assert next(f for f in RULES["facts"] if f["id"] == question)["question"][lang] in live
    assert page.evaluate("document.activeElement.closest('form')?.dataset.fact") == question
    page.reload()
    wait_ready(page)
    assert statuses(page) == before and current_fact(page) == question


def test_the_page_sends_its_rules_again_when_python_holds_others(warm_page, site_url):
    """The worker's Python holds one set of rules (the page's, sent once): given another page's, the
    finder's next request is told its own are not held, sends them again and answers from them."""
    page = warm_page
    page.goto(finder_url(site_url, "en", "?applicant=person"))
    wait_ready(page)
    key = page.evaluate("JSON.parse(document.querySelector('[data-finder-config]').dataset.finderConfig).rules_key")
    ask = "([fn, request]) => globalThis.__policyRuntime.call(fn, request).then((a) => JSON.parse(a.response))"
    facts = {"rules_key": key, "facts": {"applicant": "person"}, "as_of": DATA_DATE}
    assert page.evaluate(ask, ["find_json", json.dumps(facts)])["ok"] is True  # the page's rules are held
    others = {**RULES, "clauses": RULES["clauses"][:1]}
    assert page.evaluate(ask, ["hold_rules_json", json.dumps({"rules_key": "other", "rules": others})]) == {"ok": True}
    refused = page.evaluate(ask, ["find_json", json.dumps(facts)])
    assert [e["field"] for e in refused["errors"]] == ["rules_key"]
    answer(page, "age", 20)
    wait_ready(page)
    assert statuses(page) == expected({"applicant": "person", "age": 20})
    assert page.evaluate(ask, ["find_json", json.dumps(facts)])["ok"] is True


def test_not_sure_back_and_change(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "en", "?applicant=person&age=30"))
    wait_ready(page)
    assert current_fact(page) == "employment"
    answer(page, "employment", None)  # not sure: never asked again
    nxt = current_fact(page)
    assert nxt not in ("employment", "age", None)
    assert "employment=" in page.url
    page.locator(".policy-finder__back").click()
    assert current_fact(page) == "employment"
    answer(page, "employment", "not_working")
    assert "employment=not_working" in page.url
    # "Check your answers": change who is asking; answers for a person are dropped.
    page.locator('[data-change="applicant"]').click()
    assert current_fact(page) == "applicant"
    answer(page, "applicant", "organisation")
    query = dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))
    assert query == {"applicant": "organisation"}
    assert current_fact(page) == "enterprise_type"
    assert statuses(page) == expected({"applicant": "organisation"})


def test_a_refused_answer_says_why_and_is_not_kept(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "zh", "?applicant=person"))
    wait_ready(page)
    form = page.locator('form[data-fact="age"]')
    form.locator("input").fill("二十")
    form.locator("input").press("Enter")
    error = page.locator(".policy-finder__error")
    error.wait_for(state="visible")
    assert "整数" in error.inner_text()
    assert "age" not in page.url
    assert form.locator("input").get_attribute("aria-invalid") == "true"


def test_estimates_summary_and_calculator_links(local_page, site_url, traffic):
    page = local_page
    facts = {"applicant": "person", "farmer_herder": True, "months_employed": 7, "via_market_entity": True,
             "organised_outside_region": True, "registered_poor": True, "transfer": "cross_province"}
    query = "?" + "&".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in facts.items())
    page.goto(finder_url(site_url, "zh", query))
    wait_ready(page)
    assert statuses(page) == expected(facts)
    card = page.locator('[data-clause="3.3"]')
    assert card.get_attribute("data-status") == "applies"
    assert card.locator("[data-estimate]").get_attribute("data-estimate") == "1200"
    assert page.locator(".policy-finder__summary").get_attribute("data-total") == "2200"
    assert "2,200元" in page.locator(".policy-finder__summary").inner_text()
    link = card.locator('a[href*="calculators/farmer_herder_transfer/"]')
    params = dict(parse_qsl(urlsplit(link.get_attribute("href")).query))
    assert params == {"role": "worker", "months_employed": "7", "via_market_entity": "true",
                      "organised_outside_region": "true"}
    # The calculator opens with those answers and computes the same amount, in the same worker:
    # instant navigation keeps the page, so Python is not loaded again.
    traffic.clear()
    link.click()
    assert wait_state(page, "farmer_herder_transfer", "done", "error") == "done"
    assert traffic.matching("pyodide.asm.wasm") == [] and traffic.matching("calculators-") == []
    assert page.locator('[data-result-for="farmer_herder_transfer"]').get_attribute("data-total-yuan") == "1200"
    # Does-not-apply results are folded, each with the condition that failed.
    page.go_back()
    wait_ready(page)
    folded = page.locator('details[data-group="does_not_apply"]')
    assert folded.get_attribute("open") is None
    cards = folded.locator("[data-clause]").all()
    assert cards
    for card in cards:
        assert card.locator('li[data-result="false"], [data-reason="for"]').count() >= 1


def test_expired_clause_says_so(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "en", "?applicant=organisation&enterprise_type=non_public&new_local_hires=20"
                                         "&new_local_graduates=12&hiring_year=2020"))
    wait_ready(page)
    card = page.locator('[data-clause="1.2"]')
    assert card.get_attribute("data-status") == "applies"
    assert card.locator("[data-in-force]").get_attribute("data-in-force") == "expired"
    assert "2020-12-31" in card.inner_text()
    assert card.locator("[data-estimate]").get_attribute("data-estimate") == "80000"


def test_without_javascript_a_table_and_every_clause(new_context, site_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(finder_url(site_url, "zh"))
    table = page.locator(".policy-finder__table table")
    assert table.count() == 1
    hrefs = {a.get_attribute("href") for a in table.locator("a").all()}
    for clause in RULES["clauses"]:
        assert any(f"clauses/{clause['clause']}/" in h for h in hrefs), clause["clause"]
    assert page.locator("noscript").count() >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_linked_first_from_home_and_from_audience_pages(warm_page, site_url, lang):
    page = warm_page
    page.goto(f"{site_url}{PREFIX[lang]}")
    first = page.locator("article a.md-button").first
    assert first.get_attribute("href").rstrip("/").endswith("finder")
    first_link = page.evaluate("[...document.querySelectorAll('article a:not(.headerlink)')]"
                               ".find((a) => !a.closest('.policy-lang-switch')).getAttribute('href')")
    assert "finder" in first_link
    page.goto(f"{site_url}{PREFIX[lang]}audiences/youth/")
    assert page.locator('article a.md-button[href*="finder"]').count() == 1


@pytest.mark.parametrize("lang", LANGS)
def test_accessible_and_fits_a_phone(warm_new_page, site_url, lang):
    page = warm_new_page(viewport={"width": 360, "height": 740})
    page.goto(finder_url(site_url, lang, "?applicant=person&age=45&employment=not_working"))
    wait_ready(page)
    page.locator('details[data-group="does_not_apply"] summary').click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    violations = blocking(run_axe(page))
    assert violations == [], describe(violations)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    # Chromium's PDF fonts map some Han characters to Kangxi radicals (⽤ for 用): NFKC folds them back.
    return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_finder_receipt_prints_to_pdf(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "zh", "?applicant=person&farmer_herder=true&months_employed=7"
                                         "&via_market_entity=true&organised_outside_region=false"))
    wait_ready(page)
    assert page.locator(".policy-print-button").is_visible()
    text = pdf_text(page.pdf())
    compact = "".join(text.split())
    assert "回执" in compact and "您的回答" in compact
    assert "这份工作您累计做了多少个月" in compact and "7个月" in compact  # an answer
    assert "3.3" in compact and "对通过经营性人力资源服务机构" in compact  # the clause's Chinese text
    assert DATA_DATE in compact
    assert "这是估算,不是审批决定" in compact  # (full-width commas folded by NFKC)
    assert urlsplit(page.url).path in text.replace("\n", "")
    assert "搜索" not in compact and "全部条款" not in compact  # no search box, no navigation


def test_calculator_receipt_prints_to_pdf(warm_page, site_url):
    page = warm_page
    page.goto(f"{site_url}en/calculators/poverty_labor/?role=worker&transfer=cross_province")
    assert wait_state(page, "poverty_labor", "done", "error") == "done"
    button = page.locator(".policy-print-button")
    assert button.is_visible() and button.inner_text() == "Print / save as PDF"
    text = pdf_text(page.pdf())
    flat = " ".join(text.split())
    assert "What you entered" in flat and "Receipt" in flat
    assert "1,000" in flat  # the result
    assert "3.4" in flat and "做好建档立卡贫困劳动力就业帮扶" in "".join(text.split())
    assert DATA_DATE in flat
    assert "An estimate, not a decision; the lead agency decides." in flat
    assert "Search" not in flat


SAVE_DATA = "Object.defineProperty(navigator, 'connection', {configurable: true, value: {saveData: true}});"


@pytest.mark.parametrize("lang", LANGS)
def test_save_data_waits_for_the_visitor(new_context, site_url, traffic, lang):
    """On Save-Data (or 2G/3G) the finder says how big the download is from this host (one that
    compresses nothing: the .gz copies and Pyodide's modules) and loads nothing until asked."""
    context = new_context()
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    page.goto(finder_url(site_url, lang))
    button = page.locator(".policy-finder__download")
    button.wait_for()
    runtime = build_runtime(REPO)
    mb = runtime.plain_download_mb  # this test server compresses nothing: the size true for it
    assert mb != runtime.download_mb
    assert button.inner_text() == (f"下载并开始（{mb} MB）" if lang == "zh" else f"Download and start ({mb} MB)")
    page.wait_for_timeout(1000)
    assert traffic.matching("/pyodide/") == [] and traffic.matching("worker.js") == []
    assert page.locator('[data-finder-state="loading"]').count() == 1

    button.focus()
    page.keyboard.press("Enter")
    wait_ready(page)
    assert current_fact(page) == "applicant"
    assert len(traffic.matching("/pyodide/pyodide.asm.wasm")) == 1
