"""Issue 8 in a real Chromium: money typed as Chinese readers write it, what the form reads shown
back, refusals with an example, expired results headed as such, the startup loan's headline, shared
links that bring the result into view and survive the language switch, and no amount split from
its unit on a 360 px phone."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.browser.test_calculators import open_once
from tests.browser.test_calculators import submit as submit_recorded
from tests.browser_support import wait_state

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def url(site, lang, calc_id, query=None):
    return site.page(lang, f"calculators/{calc_id}/") + ("?" + urlencode(query) if query else "")


def form(page, calc_id):
    return page.locator(f'form[data-calculator="{calc_id}"]')


def submit(page, calc_id):
    """The state the form's submit ends in; the result was written anew (it may have been there before)."""
    states = submit_recorded(page, calc_id)
    assert states, "the submit changed nothing: the result shown is the last one's"
    return states[-1]


def result(page, calc_id):
    return page.locator(f'[data-result-for="{calc_id}"]')


@pytest.mark.parametrize("typed", ["1.8万", "1.8万元", "18,000", "１８０００", "18000元"])
def test_money_typed_the_chinese_way_is_read_exactly_and_shown_back(calc_site, shared_page, typed):
    page = shared_page
    open_once(page, url(calc_site, "zh", "venue_subsidy"))  # each value typed over the last one's
    wait_state(page, "venue_subsidy", "ready", "done", "error")
    f = form(page, "venue_subsidy")
    f.locator('input[name="venue_type"][value="private"]').check()
    f.locator('[name="hardship_extension"]').set_checked(False)  # every field set: the page is the last test's
    money = f.locator('[name="annual_rent_and_utilities_yuan"]')
    assert money.get_attribute("type") == "text" and money.get_attribute("inputmode") == "decimal"
    read = page.locator("#calc-venue_subsidy-annual_rent_and_utilities_yuan-read")
    money.fill("")
    assert "18,000" not in read.inner_text()  # what the last value read is gone
    money.fill(typed)
    f.locator('[name="months_operating"]').fill("8")
    f.locator('[name="years"]').fill("3")
    assert read.inner_text() == "按 18,000 元计算"
    assert submit(page, "venue_subsidy") == "done"
    # 18,000 a year is above the 12,000 cap: 3 years of at most 12,000.
    assert result(page, "venue_subsidy").get_attribute("data-total-yuan") == "36000"
    assert "最多" in result(page, "venue_subsidy").locator(".policy-calc__amount").inner_text()


@pytest.mark.parametrize("typed", ["1,8000", "0x10", "1.5万亿", "--5", "1e5"])
def test_money_the_form_cannot_read_is_refused_with_an_example(calc_site, shared_page, typed):
    page = shared_page
    open_once(page, url(calc_site, "zh", "temporary_assistance"))  # each value typed over the last one's
    wait_state(page, "temporary_assistance", "ready", "done", "error")
    f = form(page, "temporary_assistance")
    f.locator('[name="persons"]').fill("1")
    f.locator('[name="requested_yuan_per_person"]').fill(typed)
    assert submit(page, "temporary_assistance") == "error"
    assert result(page, "temporary_assistance").get_attribute("data-error") == "input"
    message = page.locator("#calc-temporary_assistance-requested_yuan_per_person-error").inner_text()
    assert typed in message and ("18,000" in message or "18000" in message), message
    assert f.locator('[name="requested_yuan_per_person"]').input_value() == typed  # never changed


@pytest.mark.parametrize("lang, heading", [("zh", "2019年1月1日至2020年12月31日期间本可适用"),
                                           ("en", "would have applied from 2019-01-01 to 2020-12-31")])
def test_expired_measure_result_is_not_headed_eligible(calc_site, shared_page, lang, heading):
    page = shared_page
    query = {"enterprise_type": "non_public", "new_local_hires": "20", "new_local_graduates": "12", "year": "2020"}
    page.goto(url(calc_site, lang, "enterprise_hiring_award", query))
    assert wait_state(page, "enterprise_hiring_award", "done", "error") == "done"
    verdict = result(page, "enterprise_hiring_award").locator(".policy-calc__verdict").inner_text()
    assert heading in verdict and verdict not in ("符合条件", "Eligible")
    assert page.locator(".policy-banner--expired").first.is_visible()


def test_startup_loan_headlines_the_largest_loan_and_the_interest_only_with_a_rate(calc_site, shared_page):
    page = shared_page
    page.goto(url(calc_site, "zh", "startup_loan", {"applicant_type": "individual"}))
    assert wait_state(page, "startup_loan", "done", "error") == "done"
    amounts = result(page, "startup_loan").locator(".policy-calc__amount").all_inner_texts()
    assert len(amounts) == 1 and "最高可申请贷款" in amounts[0] and "150,000" in amounts[0] and "15万元" in amounts[0]
    headline = result(page, "startup_loan").inner_text().split("依据")[0]
    assert not re.search(r"(?<![\d,.])0\s?元", headline), headline  # never "0 元" as an answer
    page.goto(url(calc_site, "zh", "startup_loan", {"applicant_type": "individual", "annual_rate_percent": "4"}))
    assert wait_state(page, "startup_loan", "done", "error") == "done"
    amounts = result(page, "startup_loan").locator(".policy-calc__amount").all_inner_texts()
    assert len(amounts) == 2 and "18,000" in amounts[1]  # 150,000 x 4% x 3 years, at most
    years = result(page, "startup_loan").locator("table.policy-calc__years tbody tr")
    assert years.count() == 3


def test_shared_link_scrolls_to_the_result_and_the_language_switch_keeps_it(calc_site, warm_new_page):
    page = warm_new_page(**PHONE)
    query = {"interns": "10", "months": "6", "monthly_min_wage_yuan": "1650", "retained": "6"}
    page.goto(url(calc_site, "zh", "internship_subsidy", query))
    assert wait_state(page, "internship_subsidy", "done", "error") == "done"
    heading = result(page, "internship_subsidy").locator("h3")
    page.wait_for_function("el => document.activeElement === el", arg=heading.element_handle())
    box = heading.bounding_box()
    assert 0 <= box["y"] < 740, "the result is on screen"
    total = result(page, "internship_subsidy").get_attribute("data-total-yuan")
    twin = page.locator(".policy-lang-switch a[hreflang]")
    assert "interns=10" in twin.get_attribute("href")
    twin.click()
    page.wait_for_url("**/en/calculators/internship_subsidy/**")
    assert wait_state(page, "internship_subsidy", "done", "error") == "done"
    assert result(page, "internship_subsidy").get_attribute("data-total-yuan") == total
    assert form(page, "internship_subsidy").locator('[name="interns"]').input_value() == "10"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["clauses/2.1/", "clauses/1.2/", "calculators/graduate_outside_region/"])
def test_no_amount_breaks_from_its_unit_on_a_phone(calc_site, warm_new_page, lang, path):
    page = warm_new_page(**PHONE)
    page.goto(calc_site.page(lang, path))
    if path.startswith("calculators/"):
        wait_state(page, "graduate_outside_region", "ready", "done", "error")
        f = form(page, "graduate_outside_region")
        f.locator('[name="minority_graduate_from_region"]').check()
        for name, value in {"contract_years": "3", "years": "5", "local_monthly_min_wage_yuan": "2480",
                            "start_year": "2020"}.items():
            f.locator(f'[name="{name}"]').fill(value)
        assert submit(page, "graduate_outside_region") == "done"
    split = page.evaluate("""() => [...document.querySelectorAll('.policy-amount')]
        .filter(el => el.offsetParent !== null)
        .map(el => { const lines = new Set([...el.getClientRects()].map(r => Math.round(r.top)));
                     return [el.textContent, lines.size]; })""")
    assert split, "amounts are marked"
    assert [text for text, lines in split if lines > 1] == []
