"""What a calculator's result says in Chromium, beyond its amount (reading and visitor reviews 2):
the 2.1 reward's verdict names the judgement it depends on, and the live region after calculating an
expired measure says that it ended (not only the amount)."""

from __future__ import annotations

from urllib.parse import urlencode

from tests.browser.test_calculators import calculator_url
from tests.browser_support import wait_state


def _result(site, context, lang, calc_id, inputs):
    page = context.new_page()
    page.goto(calculator_url(site, lang, calc_id) + "?" + urlencode(inputs))
    assert wait_state(page, calc_id, "done", "error") == "done"
    return page


def test_guarantee_reward_verdict_is_if_judged_outstanding(calc_site, shared_context):
    page = _result(calc_site, shared_context, "zh", "loan_guarantee_reward", {"new_loans_total_yuan": "25000000"})
    try:
        assert page.locator(".policy-calc__verdict").inner_text() == "如获评工作成效突出"
    finally:
        page.close()


def test_live_region_says_an_expired_measure_ended(calc_site, shared_context):
    for lang, words in (("zh", "已于2020年12月31日到期"), ("en", "This measure ended on")):
        page = _result(calc_site, shared_context, lang, "enterprise_hiring_award",
                       {"enterprise_type": "non_public", "new_local_hires": "16", "new_local_graduates": "10",
                        "year": "2019"})
        try:
            status = page.locator(".policy-calc__status").inner_text()
            assert words in status, status
        finally:
            page.close()
