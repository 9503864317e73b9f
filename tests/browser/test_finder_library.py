"""The finder of a library of two documents in Chromium: the real plan with the example library's document merged
in (tests/build/test_example_library.py's ``_library_with_the_example``), built once for the whole run (the build
tests read the same site) and served on 127.0.0.1. A visitor who answers the first question sees the example's articles among the plan's clauses, sorted as
CPython's engine sorts them, each naming its document and that document's status, and linked to its page.

Every test fails if a request leaves 127.0.0.1 or a page throws (tests/conftest.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import check_policy
from tests.browser.test_finder import DATA_DATE, answer, statuses, wait_ready
from tests.browser_support import bind, start, stop
from tests.build.test_example_library import DOC_ID, built_example_library


@pytest.fixture(scope="module")
def library_site(tmp_path_factory):
    data = built_example_library(tmp_path_factory)
    site = bind(data.parent / "site")
    checked = check_policy(data, calculators.CALCULATORS)
    yield start(site), finder_rules(checked.policy, checked.documents)
    stop(site)


def test_an_article_of_the_example_names_its_document_and_status(local_page, library_site):
    site, rules = library_site
    page = local_page
    page.goto(site.page("en", "finder/"))
    answer(page, "applicant", "organisation")
    wait_ready(page)
    expected = {m["clause"]: m["status"] for m in calculators.find(rules, {"applicant": "organisation"},
                                                                  DATA_DATE)["measures"]}
    assert f"{DOC_ID}:16" in expected and "1.2" in expected
    assert statuses(page) == expected

    card = page.locator(f'[data-clause="{DOC_ID}:16"]')
    assert card.get_attribute("data-group") == "ended"  # the document expired on 2024-10-08
    assert card.locator("h4").inner_text().startswith("Clause 16")
    document = card.locator(f'[data-document="{DOC_ID}"]')
    assert "Measures of Guangzhou for the Administration of Employment Internship Bases" in document.inner_text()
    assert document.locator('.policy-status[data-status="expired"]').inner_text() == "Expired on 2024-10-08"
    plan = page.locator('[data-clause="1.1"] [data-document=""]')
    assert plan.locator('.policy-status[data-status="no_dates"]').inner_text() == "The text gives no dates"

    card.locator("h4 a").click()
    page.wait_for_url(f"**/en/documents/{DOC_ID}/clauses/16/")
    # instant navigation changes the address before it swaps the content: wait for the clause's heading
    expect(page.locator("article.md-content__inner h1")).to_contain_text("Clause 16")
    expect(page.locator(".policy-finder__clause")).to_have_count(0)
