"""The finder as visitors meet it (visitor review 2): numbers as a phone keyboard types them, the
browser's Back steps back one question, a visible keyboard focus, "copy a link to these answers",
the results before the answers on a phone, a changed answer keeps its number, the first questions
while Python is still on its way, calculator links that open without errors, expired measures
grouped apart and never in the total (also without JavaScript), a receipt of at most three A4
pages with the date it was printed, and a clear message when the runtime cannot run.

Real build, real Chromium, real Pyodide; every request stays on 127.0.0.1 (tests/conftest.py).
"""

from __future__ import annotations

import io
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculators
from tests.browser.test_finder import DATA_DATE, RULES, answer, current_fact, finder_url, pdf_text, wait_ready
from tests.browser.test_runtime_failures import corrupt, never_answer, tampered  # noqa: F401 - a fixture
from tests.browser_support import offline_context

EXPIRED = {"applicant": "organisation", "enterprise_type": "non_public", "new_local_hires": 20,
           "new_local_graduates": 12, "hiring_year": 2020}


def query(facts) -> str:
    return "?" + "&".join(f"{k}={'' if v is None else str(v).lower() if isinstance(v, bool) else v}" for k, v in facts.items())


def answers_in_url(page) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(page.url).query, keep_blank_values=True))


def test_an_age_as_a_phone_keyboard_types_it(warm_page, site_url):
    page = warm_page
    for typed in ("３５", "35岁", "３５岁"):
        page.goto(finder_url(site_url, "zh", "?applicant=person"))
        wait_ready(page)
        box = page.locator('form[data-fact="age"] input')
        box.fill(typed)
        box.press("Enter")
        page.wait_for_selector('form[data-fact="age"]', state="detached")
        assert answers_in_url(page)["age"] == "35", typed
    # A number too long to be an age is refused with a message, never read as "Infinity".
    page.goto(finder_url(site_url, "zh", "?applicant=person"))
    wait_ready(page)
    box = page.locator('form[data-fact="age"] input')
    box.fill("9" * 400)
    box.press("Enter")
    error = page.locator(".policy-finder__error")
    error.wait_for(state="visible")
    assert "整数" in error.inner_text() and "Infinity" not in error.inner_text()
    assert "age" not in answers_in_url(page)


def test_back_steps_back_one_question(warm_page, site_url):
    page = warm_page
    page.goto(site_url)
    page.goto(finder_url(site_url, "en"))
    wait_ready(page)
    answer(page, "applicant", "person")
    answer(page, "age", 30)
    nxt = current_fact(page)
    assert nxt not in ("applicant", "age")
    page.go_back()
    page.wait_for_selector('form[data-fact="age"]')
    assert answers_in_url(page) == {"applicant": "person"}
    page.go_forward()
    page.wait_for_selector(f'form[data-fact="{nxt}"]')
    page.go_back()
    page.wait_for_selector('form[data-fact="age"]')
    page.go_back()
    page.wait_for_selector('form[data-fact="applicant"]')
    assert answers_in_url(page) == {}
    page.go_back()  # from the first question: out of the finder, as usual
    page.wait_for_url(site_url)


def outline(page) -> tuple[str, str]:
    return page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                         " return [s.outlineStyle + ' ' + s.outlineWidth, s.boxShadow]; })()")


def tab_to(page, selector: str, limit: int = 60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement?.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_focus_is_visible_and_results_are_one_tab_away(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "zh"))
    wait_ready(page)
    page.locator("h1").click()
    tab_to(page, 'form[data-fact="applicant"] input[type="radio"]')
    style, _ = outline(page)
    assert style.startswith("solid") and not style.endswith(" 0px"), style
    answer(page, "applicant", "person")
    page.locator("h1").click()
    tab_to(page, 'form[data-fact="age"] input')
    style, _ = outline(page)
    assert style.startswith("solid") and not style.endswith(" 0px"), style
    # "Skip to the results": the first stop of the finder, and it takes the keyboard to the results.
    page.locator("h1").click()
    tab_to(page, ".policy-finder__skip")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "policy-finder-results"


def test_copy_a_link_to_these_answers(new_context, site_url):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(finder_url(site_url, "en", "?applicant=person&age=30"))
    wait_ready(page)
    page.locator(".policy-finder__copy").click()
    page.locator(".policy-finder__copied").wait_for()
    assert "copied" in page.locator(".policy-finder__copied").inner_text()
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert answers_in_url(page) == {"applicant": "person", "age": "30"}


def test_on_a_phone_the_summary_comes_before_the_answers_and_a_changed_answer_keeps_its_number(new_context, site_url):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(finder_url(site_url, "zh", "?applicant=person&age=30&employment=not_working"))
    wait_ready(page)
    summary = page.locator(".policy-finder__summary").bounding_box()
    answers = page.locator(".policy-finder__answer-list").bounding_box()
    assert summary["y"] < answers["y"]
    page.locator('[data-change="age"]').click()
    count = page.locator('form[data-fact="age"] .policy-finder__count')
    assert count.inner_text().strip() == "第 2 个问题"
    # The back-to-top pill never covers the fields: scrolling down then up does not bring it.
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -800)
    page.wait_for_timeout(500)
    assert not page.locator(".md-top").is_visible()


def test_the_first_questions_come_while_python_is_on_its_way(tampered, new_context):  # noqa: F811
    site = tampered(**{"pyodide.asm.wasm": never_answer})
    page = new_context().new_page()
    page.goto(site.page("zh", "finder/"))
    page.wait_for_selector('form[data-fact="applicant"]', timeout=10_000)
    results = page.locator("[data-finder-state]")
    assert results.get_attribute("data-finder-state") == "loading"
    # The page's own table of the first questions (worked out by the engine at build time).
    answer(page, "applicant", "person")
    assert current_fact(page) == calculators.find(RULES, {"applicant": "person"}, DATA_DATE)["next_question"] == "age"
    box = page.locator('form[data-fact="age"] input')
    box.fill("３５")
    box.press("Enter")
    page.wait_for_selector('form[data-fact="age"]', state="detached")
    facts = {"applicant": "person", "age": 35}
    assert current_fact(page) == calculators.find(RULES, facts, DATA_DATE)["next_question"]
    assert results.get_attribute("data-finder-state") == "loading"
    assert answers_in_url(page) == {"applicant": "person", "age": "35"}


def test_a_calculator_link_fills_in_what_is_known_without_errors(warm_page, site_url):
    page = warm_page
    facts = {"applicant": "organisation", "enterprise_type": "non_public", "small_micro": True}
    page.goto(finder_url(site_url, "zh", query(facts)))
    wait_ready(page)
    link = page.locator('[data-clause="2.1"] a[data-calculator-link="startup_loan"]').first
    params = dict(parse_qsl(urlsplit(link.get_attribute("href")).query))
    assert params, "the link fills in nothing"
    assert "已填入" in link.inner_text()
    link.click()
    result = page.locator('[data-result-for="startup_loan"]')
    result.wait_for()
    page.wait_for_function("document.querySelector('[data-result-for=\"startup_loan\"]').dataset.state === 'ready'",
                           timeout=60_000)
    form = page.locator('form[data-calculator="startup_loan"]')
    for name, value in params.items():
        control = form.locator(f'[name="{name}"]')
        if control.first.evaluate("el => el.type") == "radio":
            assert form.locator(f'input[name="{name}"]:checked').get_attribute("value") == value
        else:
            assert control.first.input_value() == value
    assert page.locator(".policy-calc__error:visible").count() == 0
    assert page.locator('[aria-invalid="true"]').count() == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_expired_measure_is_grouped_apart_and_not_counted(warm_page, site_url, lang):
    page = warm_page
    page.goto(finder_url(site_url, lang, query(EXPIRED)))
    wait_ready(page)
    summary = calculators.find(RULES, EXPIRED, DATA_DATE)["summary"]
    card = page.locator('[data-clause="1.2"]')
    assert card.get_attribute("data-status") == "applies"  # the engine's status, as it says it
    assert page.locator('[data-group="ended"] [data-clause="1.2"]').count() == 1
    assert page.locator('[data-group="applies"] [data-clause="1.2"]').count() == 0
    text = card.inner_text()
    assert "2019-01-01" in text and "2020-12-31" in text
    assert ("本可适用" if lang == "zh" else "Would have applied") in text
    line = page.locator(".policy-finder__summary")
    assert line.get_attribute("data-applies") == str(summary["applies"])
    assert line.get_attribute("data-may-apply") == str(summary["may_apply"])
    assert line.get_attribute("data-ended") == str(summary["ended"]) == "1"
    assert "80,000" not in line.inner_text()
    assert (f"{summary['applies']} 项适用" if lang == "zh" else f"{summary['applies']} apply") in line.inner_text()


def test_without_javascript_the_table_marks_expired_and_fits_a_phone(new_context, site_url):
    page = new_context(java_script_enabled=False, viewport={"width": 390, "height": 844}).new_page()
    page.goto(finder_url(site_url, "zh"))
    row = page.locator('.policy-finder__table tr[data-table-clause="1.2"]').first
    assert row.get_attribute("data-in-force") == "expired"
    assert "已于 2020-12-31 到期" in row.inner_text()
    assert page.locator('.policy-finder__table tr[data-table-clause="2.1"]').first.get_attribute("data-in-force") == "open_ended"
    # No sideways scrolling of the table on a phone: every row fits the screen as it is.
    table = page.locator(".policy-finder__table table")
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    rights = page.evaluate("[...document.querySelectorAll('.policy-finder__table td')]"
                           ".map((td) => td.getBoundingClientRect().right)")
    assert rights and max(rights) <= 390


def test_organisation_sees_no_unknown_obligation_and_plain_disclosures(warm_page, site_url):
    page = warm_page
    page.goto(finder_url(site_url, "zh", "?applicant=organisation&enterprise_type=non_public"))
    wait_ready(page)
    assert page.locator(".policy-finder__obligation").count() == 0
    # "不适用 (N)" is a plain disclosure: no note box, no icon.
    summary = page.locator('details[data-group="does_not_apply"] > summary')
    assert summary.evaluate("el => getComputedStyle(el, '::before').display") == "none"
    assert summary.evaluate("el => getComputedStyle(el.parentElement).boxShadow") == "none"
    page.goto(finder_url(site_url, "zh", "?applicant=organisation&enterprise_type=non_public&construction_firm=true"))
    wait_ready(page)
    assert page.locator('.policy-finder__obligation[data-obligation="3.3"]').count() == 1


TYPICAL = {"applicant": "person", "age": 23, "employment": "not_working", "college_graduate": True,
           "in_college": False, "recent_graduate": True, "starting_business": False,
           "registered_unemployed": True, "months_since_unemployment_registration": 7, "farmer_herder": False,
           "registered_poor": None, "veteran": "no", "disabled": False}


def test_the_receipt_fits_three_pages_answers_first_with_the_print_date(warm_page, site_url):
    from pypdf import PdfReader

    page = warm_page
    page.goto(finder_url(site_url, "zh", query(TYPICAL)))
    wait_ready(page)
    data = page.pdf(format="A4")
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages <= 3, pages
    compact = "".join(pdf_text(data).split())
    printed = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]"
                            ".map((n, i) => String(n).padStart(i ? 2 : 4, '0')).join('-'); })()")
    assert "打印日期" in compact and printed in compact and DATA_DATE in compact
    assert compact.index("您的回答") < compact.index("适用(")
    assert "您今年多少岁" in compact or "岁" in compact
    assert "这是估算,不是审批决定" in compact


def test_a_damaged_runtime_says_why_offers_retry_and_whom_to_ask(tampered, new_context):  # noqa: F811
    site = tampered(**{"pyodide.asm.wasm": corrupt})
    page = new_context().new_page()
    page.goto(site.page("zh", "finder/"))
    page.wait_for_selector('[data-finder-state="error"]', timeout=60_000)
    results = page.locator("[data-finder-state]")
    assert results.get_attribute("data-load-failure") == "integrity"
    assert "损坏" in page.locator(".policy-finder__summary").inner_text()
    assert page.locator(".policy-finder__retry").is_visible()
    assert "agencies/" in page.locator(".policy-finder__ask a").get_attribute("href")
    assert page.locator('form[data-fact="applicant"]').is_visible()  # the first question is still there


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_opened_from_a_file_it_says_it_needs_http(chromium, built_site, lang):
    context = offline_context(chromium)  # not watched: file:// requests are not requests that left 127.0.0.1
    try:
        page = context.new_page()
        page.goto((built_site / ("en" if lang == "en" else "") / "finder" / "index.html").as_uri())
        results = page.locator('[data-finder-state="error"]')
        results.wait_for()
        assert results.get_attribute("data-load-failure") == "file"
        text = results.inner_text()
        assert "http" in text and ("文件" if lang == "zh" else "opened from a file") in text
        assert page.locator(".policy-finder__table table").is_visible()
    finally:
        context.close()
