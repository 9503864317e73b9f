"""The site map: every page once, every URL between pages, the twin in the other language, and
templates that ask it for every internal address instead of building one."""

from __future__ import annotations

import dataclasses
import posixpath
import re

import pytest

from policy_site.build.build_inputs import load_site_inputs
from policy_site.site.pages import CalculatorPage, ClausePage, FixedPage, Page
from policy_site.build.pyodide_runtime import build_runtime
from policy_site.site.render import TEMPLATES, render_pages
from policy_site.site.sitemap import LANGUAGE_ROOTS, SiteMap, relative_url
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site():
    runtime = build_runtime(REPO, assets_dir=REPO / "docs" / "assets")
    return dataclasses.replace(load_site_inputs(REPO / "policy_data"), runtime=runtime)


def served(lang: str, page_url: str, relative: str) -> str:
    """Where ``relative``, written on the page served at ``page_url`` of language ``lang``, points
    from the top of the whole site (zh at /, en at /en/)."""
    base = LANGUAGE_ROOTS[lang] + page_url
    target = posixpath.normpath(posixpath.join(base or ".", relative))
    target = "" if target == "." else target
    return target + "/" if relative.endswith("/") and target else target


def test_urls_between_pages_in_both_directions(site):
    pages = SiteMap(site, "zh")
    clause, calc = pages.clause("1.2"), pages.calculator("enterprise_hiring_award")
    assert pages.url(calc, clause) == "../../calculators/enterprise_hiring_award/"
    assert pages.url(clause, calc) == "../../clauses/1.2/"
    assert pages.url(pages.finder, clause) == "../../finder/"
    assert pages.url(clause, pages.finder) == "../clauses/1.2/"
    assert pages.url(pages.index("agencies"), pages.finder) == "../agencies/"
    assert pages.url(pages.home, clause) == "../../"
    assert pages.url(clause, pages.home) == "clauses/1.2/"
    assert pages.url(clause, clause) == "./"
    # Markdown links name the source file; mkdocs checks them and writes the URL.
    assert pages.link(calc, clause) == "../calculators/enterprise_hiring_award.md"
    assert pages.link(clause, calc) == "../clauses/1.2.md"
    assert pages.link(pages.index("clauses"), pages.home) == "clauses/index.md"
    assert pages.link(pages.home, pages.index("clauses")) == "../index.md"
    assert pages.link(pages.funding(None), pages.clause("1.1")) == "../funding/unstated.md"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_url_from_every_page_reaches_its_target(site, lang):
    pages = SiteMap(site, lang)
    for from_page in pages.pages:
        for target in pages.pages:
            assert served(lang, from_page.url, pages.url(target, from_page)) == served(lang, target.url, "./")
            assert posixpath.normpath(posixpath.join(posixpath.dirname(from_page.path),
                                                     pages.link(target, from_page))) == target.path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_runtime_and_the_assets_from_every_page(site, lang):
    pages = SiteMap(site, lang)
    for page in pages.pages:
        assert served(lang, page.url, pages.runtime_folder(page)) == "pyodide/"  # one copy, at the top
        assert served(lang, page.url, pages.asset("runtime/early.js", page)) == \
            LANGUAGE_ROOTS[lang] + "assets/runtime/early.js"
    assert pages.runtime_folder(pages.calculator("startup_loan")) == \
        {"zh": "../../pyodide/", "en": "../../../pyodide/"}[lang]


def test_the_twin_in_the_other_language(site):
    zh, en = SiteMap(site, "zh"), SiteMap(site, "en")
    assert zh.twin(zh.clause("1.2"), "en") == "../../en/clauses/1.2/"
    assert en.twin(en.clause("1.2"), "zh") == "../../../clauses/1.2/"
    assert zh.twin(zh.home, "en") == "en/"
    assert en.twin(en.home, "zh") == "../"
    for this, other, pages in (("zh", "en", zh), ("en", "zh", en)):
        for page in pages.pages:
            assert served(this, page.url, pages.twin(page, other)) == served(other, page.url, "./")
    with pytest.raises(ValueError):
        zh.twin(zh.home, "fr")


def test_every_generated_page_has_exactly_one_page_object(site):
    for lang in ("zh", "en"):
        pages = SiteMap(site, lang)
        paths = [page.path for page in pages.pages]
        assert len(paths) == len(set(paths))
        assert list(render_pages(site, lang)) == paths
        assert all(pages.page(page.path) is page for page in pages.pages)
        assert len({page.url for page in pages.pages}) == len(paths)
    pages = SiteMap(site, "zh")
    assert {type(p) for p in pages.pages} >= {FixedPage, ClausePage, CalculatorPage}
    assert [p.clause.id for p in pages.pages if isinstance(p, ClausePage)] == [c.id for c in site.policy.clauses]
    with pytest.raises(KeyError):
        pages.clause("99.99")


def test_page_urls_with_directory_urls():
    assert Page("index.md").url == ""
    assert Page("fulltext.md").url == "fulltext/"
    assert Page("clauses/index.md").url == "clauses/"
    assert Page("clauses/1.2.md").url == "clauses/1.2/"
    assert relative_url("", "") == "./"
    for hostile in ("clauses/<b>.md", 'agencies/a"b.md', "../x.md", "clauses/x y.md"):
        with pytest.raises(ValueError):
            Page(hostile)


# What an internal address looks like when a template builds it by hand.
HAND_BUILT = re.compile(r"""(clauses|audiences|agencies|funding|calculators|finder|pyodide|assets)/"""
                        r"""|\.\./|\.md["')]|page_path|\brel\(""")


def test_no_template_builds_an_internal_path_by_hand():
    found = []
    for template in sorted(TEMPLATES.iterdir(), key=lambda p: p.name):
        if not template.name.endswith(".j2") or template.name == "offline.html.j2":  # offline: no site pages
            continue
        source = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)  # comments
        source = re.sub(r"asset\('[\w./-]+'", "asset(", source)  # a file of assets/, through the site map
        found += [f"{template.name}: {line.strip()}" for line in source.splitlines() if HAND_BUILT.search(line)]
    assert found == []
