"""Pages of a library made only of ``documents/`` (examples/guangzhou), rendered without mkdocs: what
the visitor reads where the library's documents stand in for the plan (the finder's results name a
lone document's articles as a reader does, as its table without JavaScript does)."""

from __future__ import annotations

import pytest

from policy_site.build.build_inputs import load_site_inputs
from policy_site.site.finder_page import FinderView
from policy_site.site.render import Renderer
from policy_site.site.sitemap import SiteMap
from tests.conftest import REPO

LIBRARY = REPO / "examples" / "guangzhou"


@pytest.fixture(scope="module")
def site():
    return load_site_inputs(LIBRARY)


@pytest.mark.parametrize("lang, label", [("zh", "第十六条"), ("en", "Clause 16")])
def test_the_finder_s_results_name_a_lone_document_s_article_as_its_table_does(site, lang, label):
    """finder.js names a result by its ``label`` (else by its id, ``16``, which no reader knows); a
    library of one document has no document line, but its articles are still 第十六条 / Clause 16."""
    site_map = SiteMap(site, lang)
    view = FinderView(site, lang)
    config = view.page_config(site_map, site_map.finder)
    article = config["clauses"]["16"]
    assert article["label"] == label == next(e.label for e in view.entries() if e.ref == "16")
    assert "document" not in article and "documents" not in config  # one document: no document line


@pytest.mark.parametrize("lang, named", [("zh", "[第十六条 生活补贴和见习补贴]("), ("en", "[Clause 16 Living allowance and internship subsidy](")])
def test_the_calculators_index_names_a_library_clause_and_its_document(site, lang, named):
    """Not the bare id ``16``: the article as its document numbers it, and the document (the other indexes
    name each library clause's document too)."""
    index = Renderer(site, lang).render("calculators/index.md")
    line = next(line for line in index.splitlines() if "guangzhou-2019-internship-bases/clauses/16.md" in line)
    assert named in line and "guangzhou-2019-internship-bases/index.md)" in line


@pytest.mark.parametrize("lang, wrong, right", [("zh", "只在计算器程序中记录", "写在条款的数据里"),
                                                ("en", "in the calculators' code", "written as data in a clause")])
def test_about_data_does_not_say_every_amount_is_in_code(site, lang, wrong, right):
    """The library's four calculators are written as data in its articles (calculator_rules)."""
    page = Renderer(site, lang).render("about-data.md")
    assert wrong not in page and right in page
