"""Accessibility of the built site in Chromium: axe-core, keyboard use of the calculators, live regions.

- axe-core (the axe.min.js of axe-playwright-python, all of its rules) finds no serious or
  critical violation on each kind of page in both languages, and on every calculator page in
  both languages when ready, in the error state of its form and after a result.
- Every calculator is filled in and submitted with the keyboard alone; after submitting, the
  focus is on the first invalid field (errors) or in the result, and a live region says what
  happened (the amount, for a result).

Each calculator page is visited once per language (tests/browser/calcrun.py) and the tests
below read that visit's record.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import blocking, describe, run_axe
from tests.browser.calcrun import example_inputs, visit
from tests.browser.conftest import CALCULATOR_IDS, LANG_PREFIXES, PAGE_KINDS, page_url


@pytest.mark.parametrize("lang", LANG_PREFIXES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_axe_finds_no_serious_violation(warm_page, site_url, lang, kind):
    page = warm_page
    response = page.goto(page_url(site_url, lang, PAGE_KINDS[kind]), wait_until="load")
    assert response is not None and response.ok
    found = blocking(run_axe(page))  # once the page's transitions have ended (tests/browser/axe.py)
    assert not found, "\n" + describe(found)


# --- calculator pages -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def calculator_visits(shared_context, site_url):
    """{(lang, id): Visit}, each made on first use, in one page a language of the session's warm desktop
    context: a visitor going from one calculator to the next by a link (tests/browser_support.py's
    ``follow_link``: Material's instant navigation, which keeps the calculators' worker)."""
    visits, pages = {}, {}

    def get(lang, calc_id):
        if (lang, calc_id) not in visits:
            if lang not in pages:
                pages[lang] = shared_context.new_page()
                pages[lang].set_default_timeout(30_000)
            # One calculator a language is also checked whole after its result (the page scrolled).
            visits[(lang, calc_id)] = visit(pages[lang], page_url(site_url, lang, f"calculators/{calc_id}/"),
                                            calc_id, run_axe, whole_page_when_done=calc_id == CALCULATOR_IDS[0])
        return visits[(lang, calc_id)]

    yield get
    for page in pages.values():
        page.close()


CALCULATOR_CASES = [pytest.param(lang, calc_id, id=f"{lang}-{calc_id}")
                    for lang in LANG_PREFIXES for calc_id in CALCULATOR_IDS]


@pytest.mark.parametrize(("lang", "calc_id"), CALCULATOR_CASES)
@pytest.mark.parametrize("moment", ["ready", "error", "done"])
def test_axe_on_calculator_page(calculator_visits, lang, calc_id, moment):
    v = calculator_visits(lang, calc_id)
    step = getattr(v, moment)
    assert step.state == moment, f"the form never got to {moment!r} (it is {step.state!r}): {v.problems}"
    found = blocking(step.axe)
    assert not found, "\n" + describe(found)


@pytest.mark.parametrize(("lang", "calc_id"), CALCULATOR_CASES)
def test_calculator_reports_errors_to_keyboard_and_screen_reader_users(calculator_visits, lang, calc_id):
    v = calculator_visits(lang, calc_id)
    assert v.tabs_to_form is not None, f"Tab never reached the form: {v.problems}"
    assert v.ready.live, "no live region (aria-live / role=status) is on the page before the first submit"
    step = v.error
    assert step.state == "error" and step.error_kind == "input", (step.state, step.error_kind, v.problems)
    assert step.first_invalid, "no field is marked aria-invalid"
    assert step.focus["in_form"] and step.focus["invalid"] and step.focus["name"] == step.first_invalid, (
        f"after the submit the focus is not on the first invalid field {step.first_invalid!r}: {step.focus}")
    assert any(text for text in step.live), f"no live region says that the inputs need correcting: {step.live}"


@pytest.mark.parametrize(("lang", "calc_id"), CALCULATOR_CASES)
def test_calculator_can_be_filled_and_submitted_by_keyboard(calculator_visits, lang, calc_id):
    v = calculator_visits(lang, calc_id)
    assert not v.problems, v.problems
    wanted = example_inputs(calc_id)
    assert set(v.typed) == set(wanted), f"typed {v.typed}, the example has {wanted}"
    step = v.done
    assert step.state == "done", (step.state, step.error_kind, step.focus)
    assert step.focus["in_result"], f"after the submit the focus is not in the result: {step.focus}"
    total = step.total_yuan
    assert total not in (None, ""), "data-total-yuan is missing"
    whole = str(int(float(total)))
    assert any(whole in text.replace(",", "").replace(" ", "") for text in step.live), (
        f"no live region contains the amount {total}: {step.live}")
