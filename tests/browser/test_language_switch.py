"""The language switch lands on the same page in the other language, in Chromium."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("start", "twin"), [
    ("clauses/1.2/", "en/clauses/1.2/"),
    ("en/clauses/1.2/", "clauses/1.2/"),
    ("en/agencies/hrss_bureau/", "agencies/hrss_bureau/"),
    ("", "en/"),
])
def test_header_language_selector_opens_the_twin_page(local_page, site_url, start, twin):
    failed: list[str] = []
    local_page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    local_page.goto(site_url + start)
    other = "en" if not start.startswith("en/") else "zh"
    local_page.locator(".md-header__option .md-select").hover()
    local_page.locator(f'.md-select__link[hreflang="{other}"]').click()
    local_page.wait_for_url(site_url + twin)
    assert local_page.locator("html").get_attribute("lang").startswith(other)
    assert failed == []


def test_link_above_the_content_opens_the_twin_page(local_page, site_url):
    local_page.goto(site_url + "fulltext/")
    local_page.locator(".policy-lang-switch a").click()
    local_page.wait_for_url(site_url + "en/fulltext/")


def test_language_menu_follows_instant_navigation(local_page, site_url):
    local_page.goto(site_url + "clauses/1.2/")
    local_page.evaluate("window.__sameDocument = true")
    local_page.locator(".md-nav__link", has_text="名词解释").first.click()
    local_page.wait_for_url(site_url + "glossary/")
    assert local_page.evaluate("window.__sameDocument === true"), "Material's instant navigation did not happen"
    local_page.locator(".md-header__option .md-select").hover()
    link = local_page.locator('.md-select__link[hreflang="en"]')
    assert link.locator("[lang]").get_attribute("lang") == "en"  # the name is read in its own language
    link.click()
    local_page.wait_for_url(site_url + "en/glossary/")


def test_header_parts_have_accessible_names(local_page, site_url):
    local_page.goto(site_url + "en/")
    assert local_page.locator('[data-md-component="search"]').get_attribute("aria-label") == "Search"
    assert local_page.locator('[data-md-component="progress"]').get_attribute("aria-label") == "Loading the page"
