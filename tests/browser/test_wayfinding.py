"""The finder is in the site's menu, and an audience page names its list for what it is (visitor
review 2, item 26: the finder was reachable only from buttons; an audience page headed the
clauses that concern that audience "全部条款", all clauses)."""

from __future__ import annotations

import pytest

from policy_site.site.ui_strings import load_ui_strings
from tests.browser_support import LANG_PREFIXES
from tests.site_build import mkdocs_build

UI = load_ui_strings()
FINDER_LABEL = {"zh": "查一查哪些政策适用于我", "en": "What applies to me?"}  # as mkdocs.yml's nav says
FINDER_HEADING = UI["finder_title"]  # the finder page's own title
AUDIENCE_LIST = UI["clauses_for_audience"]
ALL_CLAUSES = UI["clauses"]


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_the_phone_menu_leads_to_the_finder_near_its_top(new_context, site_url, lang):
    page = new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True).new_page()
    page.goto(site_url + LANG_PREFIXES[lang] + "clauses/2.1/")
    page.locator('header label.md-header__button[for="__drawer"]').click()  # the menu button
    links = page.locator("nav.md-nav--primary > ul > li > a.md-nav__link")
    labels = [text.strip() for text in links.all_inner_texts()]
    assert labels.index(FINDER_LABEL[lang]) == 1, labels  # right after the home page
    links.nth(1).click()
    page.wait_for_url(site_url + LANG_PREFIXES[lang] + "finder/")
    page.locator("article h1", has_text=FINDER_HEADING[lang]).wait_for()  # instant navigation swaps the content


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_the_finder_is_in_the_sidebar_of_every_page(built_site, lang):
    for path in ("index.html", "clauses/1.2/index.html", "audiences/graduate/index.html", "glossary/index.html"):
        html = (built_site / LANG_PREFIXES[lang] / path).read_text(encoding="utf-8")
        depth = path.count("/")
        href = "../" * depth + "finder/"
        assert f'<a href="{href}" class="md-nav__link">' in html, (lang, path)


@pytest.mark.parametrize("lang", LANG_PREFIXES)
def test_an_audience_page_heads_its_list_as_that_audience_s_clauses(built_site, lang):
    html = (built_site / LANG_PREFIXES[lang] / "audiences" / "graduate" / "index.html").read_text(encoding="utf-8")
    content = html.split('<article class="md-content__inner', 1)[1]  # the page, not the menu
    assert f">{AUDIENCE_LIST[lang]}</h2>" in content
    assert f">{ALL_CLAUSES[lang]}</h2>" not in content


def test_data_without_a_finder_builds_without_its_menu_entry(mini_copy, tmp_path):
    """A policy may have no finder (no facts.yaml, no measures): the menu then names no finder page,
    and the strict build does not stop on a menu entry for a page that is not there."""
    (mini_copy / "facts.yaml").unlink()
    path = mini_copy / "sections" / "1.yaml"
    text = path.read_text(encoding="utf-8")
    second = text.index('  - id: "1.2"')
    path.write_text(text[:text.index("    measures:")] + text[second:text.index("    measures:", second)],
                    encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", data_dir=mini_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in LANG_PREFIXES:
        site = tmp_path / "site" / LANG_PREFIXES[lang]
        assert not (site / "finder").exists()
        assert FINDER_LABEL[lang] not in (site / "index.html").read_text(encoding="utf-8")
