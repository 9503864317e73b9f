"""One visit to a calculator page, by keyboard alone, recording what the quality tests check.

``visit(page, url, calc_id)`` opens the page (by a link from the page before when that one is on the
site: ``follow_link``), waits until the calculator is ready and runs axe on the whole page; then
(keyboard only: Tab, Shift+Tab, arrows, Space, typing, Enter) it submits the untouched form (every
calculator has required fields without defaults, so this is the error state) and runs axe on the
form and its result (what a submit changes; the rest of the page is what the first run checked),
fills the form with the calculator's first example, submits it and runs axe on them again. At each
step it records the state, where the focus is and what the live regions say.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import calculators
from tests.browser_support import follow_link, wait_state

READY_TIMEOUT_MS = 90_000

DESCRIBE_FOCUS = """([id]) => {
  const el = document.activeElement;
  const form = document.querySelector(`form[data-calculator="${id}"]`);
  const result = document.querySelector(`[data-result-for="${id}"]`);
  return {
    tag: el ? el.tagName.toLowerCase() : null,
    type: el && el.type || null,
    name: el && el.getAttribute("name"),
    value: el && "value" in el ? String(el.value) : null,
    checked: el && "checked" in el ? el.checked : null,
    invalid: el ? el.getAttribute("aria-invalid") === "true" : false,
    in_form: !!(el && form && form.contains(el)),
    in_result: !!(el && result && result.contains(el)),
    text: el ? (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 200) : "",
  };
}"""

LIVE_REGIONS = """() => [...document.querySelectorAll('[aria-live]:not([aria-live="off"]), [role=status], [role=alert]')]
  .filter((el) => !el.closest(".md-search, .md-dialog, .md-header"))
  .map((el) => el.textContent.trim()).filter(Boolean)"""

FIRST_INVALID = """([id]) => {
  const form = document.querySelector(`form[data-calculator="${id}"]`);
  const el = [...form.querySelectorAll("input, select, textarea")].find((c) => c.getAttribute("aria-invalid") === "true" && !c.disabled);
  return el ? el.getAttribute("name") : null;
}"""


@dataclass
class Step:
    state: str | None = None
    error_kind: str | None = None
    total_yuan: str | None = None
    focus: dict = field(default_factory=dict)
    live: list[str] = field(default_factory=list)
    first_invalid: str | None = None
    axe: list[dict] = field(default_factory=list)


@dataclass
class Visit:
    calc_id: str
    url: str
    ready: Step = field(default_factory=Step)
    error: Step = field(default_factory=Step)
    done: Step = field(default_factory=Step)
    tabs_to_form: int | None = None
    typed: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)   # what went wrong while driving the page


def example_inputs(calc_id: str) -> dict[str, Any]:
    examples = calculators.CALCULATORS[calc_id].get("examples") or []
    return dict(examples[0]) if examples else {}


def _state(page, calc_id: str) -> dict:
    return page.evaluate("""([id]) => { const r = document.querySelector(`[data-result-for="${id}"]`);
        return r ? {state: r.dataset.state, error: r.dataset.error || null, total: r.dataset.totalYuan || null} : {}; }""",
                         [calc_id])


def _record(page, calc_id: str, step: Step, run_axe, whole_page: bool = False) -> None:
    s = _state(page, calc_id)
    step.state, step.error_kind, step.total_yuan = s.get("state"), s.get("error"), s.get("total")
    step.focus = page.evaluate(DESCRIBE_FOCUS, [calc_id])
    step.live = page.evaluate(LIVE_REGIONS)
    step.first_invalid = page.evaluate(FIRST_INVALID, [calc_id])
    step.axe = run_axe(page) if whole_page else run_axe(
        page, within=[f'form[data-calculator="{calc_id}"]', f'[data-result-for="{calc_id}"]'])


def _focused(page, calc_id: str) -> dict:
    return page.evaluate(DESCRIBE_FOCUS, [calc_id])


def _tab_into_form(page, calc_id: str, limit: int = 400) -> int | None:
    """Tab from the top of the page until the focus is in the form; the number of presses."""
    # The starting point of Tab at the top of the page (after instant navigation it would be where
    # the last page's focused element was): a first element of the body focused, then removed.
    page.evaluate("""() => { const start = document.createElement("span"); start.tabIndex = -1;
        document.body.prepend(start); start.focus(); start.remove(); window.scrollTo(0, 0); }""")
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if _focused(page, calc_id)["in_form"]:
            return presses
    return None


def _back_to_first_control(page, calc_id: str) -> None:
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        if not _focused(page, calc_id)["in_form"]:
            page.keyboard.press("Tab")
            return


def _fill_by_keyboard(page, calc_id: str, values: dict[str, Any], visit: Visit) -> bool:
    """From the form's first control, Tab through it setting each control; Enter on the submit button."""
    for _ in range(80):
        f = _focused(page, calc_id)
        if not f["in_form"]:
            visit.problems.append(f"Tab left the form before reaching its submit button (at {f})")
            return False
        name = f["name"]
        wanted = values.get(name) if name else None
        if f["tag"] == "button" and f["type"] == "submit":
            page.keyboard.press("Enter")
            return True
        if wanted is not None:
            if f["type"] == "radio":
                for _ in range(12):
                    f = _focused(page, calc_id)
                    if f["value"] == str(wanted):
                        if not f["checked"]:
                            page.keyboard.press("Space")
                        break
                    page.keyboard.press("ArrowDown")
                else:
                    visit.problems.append(f"could not choose {wanted!r} in {name} with the arrow keys")
            elif f["type"] == "checkbox":
                if bool(f["checked"]) != bool(wanted):
                    page.keyboard.press("Space")
            elif f["tag"] == "select":
                for _ in range(30):
                    if _focused(page, calc_id)["value"] == str(wanted):
                        break
                    page.keyboard.press("ArrowDown")
                else:
                    visit.problems.append(f"could not choose {wanted!r} in {name} with the arrow keys")
            else:
                page.keyboard.press("ControlOrMeta+A")
                page.keyboard.press("Delete")
                page.keyboard.type(str(wanted))
            visit.typed[name] = _focused(page, calc_id)["value"] if f["type"] != "checkbox" else _focused(page, calc_id)["checked"]
        page.keyboard.press("Tab")
    visit.problems.append("never reached the submit button")
    return False


def visit(page, url: str, calc_id: str, run_axe, whole_page_when_done: bool = False) -> Visit:
    """``whole_page_when_done``: axe on the whole page after the result too (scrolled, the header's
    title shown), not only on the form and its result."""
    v = Visit(calc_id, url)
    follow_link(page, url)
    wait_state(page, calc_id, "ready", timeout=READY_TIMEOUT_MS)
    _record(page, calc_id, v.ready, run_axe, whole_page=True)

    # 1. The untouched form, submitted by keyboard: the error state.
    v.tabs_to_form = _tab_into_form(page, calc_id)
    if v.tabs_to_form is None:
        v.problems.append("Tab never reached the form")
        return v
    if not _fill_by_keyboard(page, calc_id, {}, v):
        return v
    wait_state(page, calc_id, "error", "done")
    _record(page, calc_id, v.error, run_axe)

    # 2. The first example, typed in by keyboard from the form's first control.
    _back_to_first_control(page, calc_id)
    if not _fill_by_keyboard(page, calc_id, example_inputs(calc_id), v):
        return v
    try:
        wait_state(page, calc_id, "done")
    except Exception:  # noqa: BLE001 - recorded below: the test says which state it is in
        v.problems.append(f"the example did not give a result: {_state(page, calc_id)}")
    _record(page, calc_id, v.done, run_axe, whole_page=whole_page_when_done)
    return v
