"""Search runs on every input, however the text reaches the box (issue 14, visitor review 2 item 1).

Material's search read the box on key-up only: text that arrives without a key (an input method's
commit, a paste from the menu, dictation) left the panel on "type to start searching". The words
here reach the box with no key event at all: inserted as an input method or dictation does
(CDP's insertText), pasted (an ``insertFromPaste`` input event), and, in Chinese, composed from
pinyin and committed. Each test waits until the search is ready before the words arrive: text
that is already in the box when the index becomes ready is searched anyway, which is why an
earlier test of this passed without the fix. The tests of a language search one after another in
one page, as a visitor searches again: the box is emptied first (without a key) and the last
results must be gone before the next words arrive.

Results must be real: a clause page whose text holds the words is among the first results. A word
that is nowhere gets Material's "no results" message. The site is served under the README's strict
Content-Security-Policy, from a context that can reach nothing but 127.0.0.1. No console error or
warning may appear (the search worker's console reaches the page's: a query that throws in the
worker is logged there as "Invalid query", a refused script as "Refused to ..."), and the server
receives no violation report.
"""

from __future__ import annotations

import re

import pytest

import calculators
from policy_site.data.loader import load_policy
from tests.browser_support import LANG_PREFIXES
from tests.browser.test_csp import served_with_csp
from tests.conftest import POLICY_DATA, watched_context

FIRST = 5  # "among the first results": result pages, in order
ZERO_WIDTH_SPACE = "\u200b"  # jieba's word breaks in the Chinese index, shown in the results

_POLICY = load_policy(POLICY_DATA, known_calculators=calculators.CALCULATORS)

WORDS = {
    "zh": ["最低工资", "创业担保贷款", "高校毕业生", "贴息"],
    "en": ["graduate", "minimum wage"],
}
NONSENSE = {"zh": "龘齉鑫", "en": "qzxvbnk"}

# Counts the search's answers: Material writes the result's meta line on each one, the first time
# once its worker is ready (it then searches the box's value, empty here).
COUNT_ANSWERS = """() => {
  window.__searchAnswers = 0;
  document.addEventListener("DOMContentLoaded", () => {
    const meta = document.querySelector(".md-search-result__meta");
    new MutationObserver(() => window.__searchAnswers++)
      .observe(meta, { childList: true, characterData: true, subtree: true });
  });
}"""


def clauses_using(lang: str, words: str) -> list[str]:
    """The ids of the clauses whose text (zh) or translation (en) holds the words."""
    if lang == "zh":
        return [c.id for c in _POLICY.clauses if words in c.text.zh]
    return [c.id for c in _POLICY.clauses if words in c.text.en.lower()]


def inserted(page, words: str) -> None:
    """As an input method's commit or dictation: one input event, no key event."""
    page.keyboard.insert_text(words)


def pasted(page, words: str) -> None:
    """As a paste from the context menu: the value changes and an insertFromPaste input event follows."""
    page.locator("input.md-search__input").evaluate(
        """(box, words) => {
          box.value = words;
          box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste", data: words }));
        }""", words)


def composed(page, words: str) -> None:
    """As a Chinese input method: pinyin composed in the box, then the chosen words committed."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.imeSetComposition", {"text": "zuidi", "selectionStart": 5, "selectionEnd": 5})
    cdp.send("Input.insertText", {"text": words})
    cdp.detach()


WAYS = {"inserted": inserted, "pasted": pasted, "composed": composed}
CASES = [(lang, words, way) for lang, words_list in WORDS.items() for words in words_list
         for way in WAYS if way != "composed" or lang == "zh"]


@pytest.fixture(scope="module")
def csp_site(built_site):
    """The built site served with the README's Content-Security-Policy; yields its URL and the
    violation reports the browser posts."""
    with served_with_csp(built_site) as served:
        yield served


@pytest.fixture
def site(csp_site):
    """The CSP site's URL; after the test, no violation was reported."""
    url, reports = csp_site
    with reports.lock:
        reports.items.clear()
    yield url
    with reports.lock:
        assert reports.items == []


def open_search(page, base: str, lang: str) -> None:
    """The home page, its search opened by a click (no key pressed), which fetches the index
    (tests/browser/test_search_on_demand.py); returns once the search is ready."""
    page.add_init_script(f"({COUNT_ANSWERS})()")
    page.goto(base + LANG_PREFIXES[lang])
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => window.__searchAnswers > 0", timeout=30_000)  # the worker answered


def empty_search(page) -> None:
    """The box emptied (an input event, no key) and the last words' results gone: the results waited
    for next are the next words' (and if an input without a key searched nothing, this never ends)."""
    page.locator("input.md-search__input").fill("")
    page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=10_000)


@pytest.fixture(scope="module")
def searching(chromium, csp_site):
    """``searching(lang)``: (the page, its console) for a test. One page a language, in a context that
    can reach nothing but 127.0.0.1, its search opened once (open_search) and emptied before each
    later test (empty_search), as a visitor searches again; the console holds the errors and warnings
    of the page and its workers logged during this test."""
    context = watched_context(chromium)
    pages: dict[str, object] = {}
    logged: dict[str, list[str]] = {}

    def get(lang: str):
        logged[lang] = []
        if lang not in pages:
            page = context.new_page()
            page.set_default_timeout(20_000)
            page.on("console", lambda m: logged[lang].append(f"{m.type}: {m.text}")
                    if m.type in ("error", "warning") else None)
            open_search(page, csp_site[0], lang)
            pages[lang] = page
        else:
            empty_search(pages[lang])
        return pages[lang], logged[lang]

    yield get
    context.close()


def result_pages(page) -> list[str]:
    """The result pages, in order (a page's sections are listed under it)."""
    links = page.locator(".md-search-result__item a, a.md-search-result__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))")
    pages: list[str] = []
    for href in links:
        path = re.sub(r"[?#].*$", "", href or "")
        if path not in pages:
            pages.append(path)
    return pages


def translation(page, key: str) -> str:
    return page.evaluate("(key) => JSON.parse(document.getElementById('__config').textContent).translations[key]",
                         key)


@pytest.mark.parametrize(("lang", "words", "way"), CASES, ids=[f"{lang}-{w}-{way}" for lang, w, way in CASES])
def test_words_that_arrive_without_a_key_find_the_clauses_that_use_them(searching, site, lang, words, way):
    expected = clauses_using(lang, words)
    assert expected, f"no clause uses {words!r}: the test's words are wrong"
    local_page, console = searching(lang)
    WAYS[way](local_page, words)
    local_page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    shown = [r.replace(ZERO_WIDTH_SPACE, "").lower()
             for r in local_page.locator(".md-search-result__item").all_inner_texts()]
    assert words.split()[0] in shown[0], shown[:3]  # the best result shows the words
    first = result_pages(local_page)[:FIRST]
    found = [p for p in first if (m := re.search(r"clauses/(\d+\.\d+)/", p)) and m.group(1) in expected]
    assert found, (words, expected, first)
    assert console == []


@pytest.mark.parametrize("lang", LANG_PREFIXES)
@pytest.mark.parametrize("way", ["inserted", "pasted"])
def test_words_found_nowhere_say_no_results_and_each_input_searches_again(searching, site, lang, way):
    local_page, console = searching(lang)
    meta = local_page.locator(".md-search-result__meta")
    WAYS[way](local_page, WORDS[lang][0])
    local_page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    local_page.locator("input.md-search__input").select_text()
    WAYS[way](local_page, NONSENSE[lang])  # replaces the words, again without a key
    none = translation(local_page, "search.result.none")
    assert none and none != translation(local_page, "search.result.placeholder")
    meta.filter(has_text=none).wait_for(timeout=10_000)
    assert local_page.locator(".md-search-result__item").count() == 0
    assert local_page.locator("input.md-search__input").input_value() == NONSENSE[lang]
    assert console == []
