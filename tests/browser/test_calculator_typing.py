"""What a visitor types into a calculator's number box is read exactly or refused, never changed
silently (reliability review E3, E7; ranked defect 11).

Chromium's ``<input type="number">`` drops what it cannot read as the visitor types: "1.5万"
becomes 1.5 (and 2 persons x 1.5 yuan = "3 yuan" where 30,000 was meant), "0x10" becomes 010.
A case passes when, after typing and pressing the button, either the boxes still show what was
typed and the result is what the visitor meant (computed by CPython's ``calculators.calculate``),
or the input is refused: a field marked invalid with a visible message.

Fixed by issue 8: number boxes are text inputs read by docs/assets/kit/amount.js (one
function, tested in Node by tests/js/test_amount_input.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import calculators
from tests.browser_support import wait_state

CALC = "temporary_assistance"
# (typed per field, what the visitor meant: the inputs to compute, or None when only a refusal is right)
CASES = {
    "E3 1.5万 yuan": ({"persons": "2", "requested_yuan_per_person": "1.5万"},
                     {"persons": 2, "requested_yuan_per_person": 15000}),
    "E7 0x10 persons": ({"persons": "0x10", "requested_yuan_per_person": "1000"}, None),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case", CASES)
def test_typed_text_is_read_exactly_or_refused(calc_site, shared_context, lang, case):
    typed, meant = CASES[case]
    page = shared_context.new_page()
    try:
        page.goto(calc_site.page(lang, f"calculators/{CALC}/"))
        wait_state(page, CALC, "ready", "done", "error")
        form = page.locator(f'form[data-calculator="{CALC}"]')
        for name, text in typed.items():
            box = form.locator(f'[name="{name}"]')
            box.click()
            box.press("Control+A")
            box.press("Delete")
            box.press_sequentially(text)  # typed key by key, as a visitor does
        form.locator('button[type="submit"]').click()
        state = wait_state(page, CALC, "done", "error")
        shown = {name: form.locator(f'[name="{name}"]').input_value() for name in typed}
        result = page.locator(f'[data-result-for="{CALC}"]')
        if meant is not None and state == "done":
            assert shown == typed, f"the boxes changed what was typed: {shown}"
            expected = calculators.calculate(CALC, meant)["total_yuan"]
            assert Decimal(result.get_attribute("data-total-yuan")) == Decimal(str(expected))
        else:
            assert state == "error" and result.get_attribute("data-error") == "input"
            marked = [name for name in typed if form.locator(f'[name="{name}"]').get_attribute("aria-invalid") == "true"]
            assert marked, "no field is marked"
            for name in marked:
                ids = form.locator(f'[name="{name}"]').get_attribute("aria-describedby").split()
                errors = [page.locator(f"#{i}") for i in ids if i.endswith("-error")]
                assert errors and errors[0].is_visible() and errors[0].inner_text().strip()
    finally:
        page.close()
