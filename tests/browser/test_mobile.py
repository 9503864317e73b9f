"""On a 360×740 phone no page scrolls sideways (tables included) and every calculator form fits.

Each kind of page in both languages, in one Chromium. A page "scrolls sideways" when the
document is wider than the viewport, or when a visible element sticks out past its right edge
without sitting in a container that scrolls or clips horizontally (Material's off-canvas
drawer sits to the left, out of view, which does not make a page scroll). Tables must fit
as well: none of the article's boxes may need sideways scrolling (Material puts each table
in one).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import CALCULATOR_IDS, LANG_PREFIXES, PAGE_KINDS, PHONE, page_url
from tests.browser_support import follow_link

STICKING_OUT = """
(root) => {
  const vw = document.documentElement.clientWidth;
  const out = [];
  for (const el of (root || document.body).querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.position === "fixed") continue;
    let a = el.parentElement, contained = false;
    while (a && a !== document.body && a !== root) {
      if (getComputedStyle(a).overflowX !== "visible") { contained = a.getBoundingClientRect().right <= vw + 1; break; }
      a = a.parentElement;
    }
    if (!contained) out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} right=${Math.round(r.right)}`);
  }
  // Tables too: Material wraps them in a box that scrolls sideways; on a phone they must fit without it.
  const scrolling = [...document.querySelectorAll("article *")].filter((el) => {
    const x = getComputedStyle(el).overflowX;
    return (x === "auto" || x === "scroll") && el.scrollWidth > el.clientWidth + 1;
  }).map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${el.scrollWidth} > ${el.clientWidth}`);
  return {scrollWidth: document.documentElement.scrollWidth, width: vw, out: out.slice(0, 10), scrolling};
}
"""


@pytest.fixture
def phone(warm_phone_page):
    """A page of the session's warm phone (conftest.PHONE: 360×740, touch): what a page looks like does not
    depend on a first visit."""
    return warm_phone_page


@pytest.fixture(scope="module")
def phone_going_on(warm_contexts):
    """One page of the warm phone kept for the module: the calculators are opened one after the other
    in it by a link (``follow_link``), as a visitor goes from one to the next."""
    page = warm_contexts(**PHONE).new_page()
    yield page
    page.close()


def _open(page, url):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url


@pytest.mark.parametrize("lang", LANG_PREFIXES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_does_not_scroll_sideways_on_a_phone(phone, site_url, lang, kind):
    _open(phone, page_url(site_url, lang, PAGE_KINDS[kind]))
    found = phone.evaluate(STICKING_OUT, None)
    assert found["scrollWidth"] <= 360, found
    assert not found["out"], found
    assert not found["scrolling"], found


@pytest.mark.parametrize("calculator", CALCULATOR_IDS)
@pytest.mark.parametrize("lang", LANG_PREFIXES)  # a language's calculators one after another
def test_calculator_fits_a_phone(phone_going_on, site_url, lang, calculator):
    phone = phone_going_on
    follow_link(phone, page_url(site_url, lang, f"calculators/{calculator}/"))
    form = phone.locator(f'form[data-calculator="{calculator}"]')
    form.wait_for(state="attached")
    found = phone.evaluate(STICKING_OUT, None)
    assert found["scrollWidth"] <= 360, found
    assert not found["out"], found
    too_wide = form.evaluate("""(form) => {
      const vw = document.documentElement.clientWidth, out = [];
      for (const el of [form, ...form.querySelectorAll("*")]) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.left < -1 || r.right > vw + 1 || r.width > vw)
          out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
      if (form.scrollWidth > form.clientWidth + 1) out.push(`form scrollWidth ${form.scrollWidth} > ${form.clientWidth}`);
      return out;
    }""")
    assert not too_wide, too_wide
