"""The example library (examples/guangzhou) built on its own, as the README's two commands build it: a
library made only of ``documents/`` (no top-level document), checked with the real ``policy-site check``
and built with the real ``mkdocs build --strict`` (ONE build for the module, of a copy of the folder as
it is in the repository).

Its site is the whole bilingual site of that one document: the home lists it with its status, its
pages and its articles' pages in both languages, the four calculators written as data, the indexes,
search and the finder over its clauses; nothing names the Lhasa plan (its title, mkdocs.yml's site
name and description), and no page of a top-level document is made or linked.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.build.linkcheck import check_site as check_links
from tests.build.test_library_build import page as _page, text_of as _words
from tests.site_build import REPO, build_env, mkdocs_build

LIBRARY = REPO / "examples" / "guangzhou"
"""The folder the README's commands name (``examples/guangzhou``): built here as it is, from a copy."""
DOC_ID = "guangzhou-2019-internship-bases"
TITLE = {"": "广州市就业见习基地管理办法", "en/": "Measures of Guangzhou for the Administration of Employment Internship Bases"}
EXPIRED = {"": "已于2024年10月8日失效", "en/": "Expired on 2024-10-08"}
CALCULATORS = ("guangzhou_internship_subsidy", "guangzhou_internship_living_allowance",
               "guangzhou_retention_subsidy", "guangzhou_demonstration_base_subsidy")
POLICY_SITE = Path(sys.executable).with_name("policy-site")
ROOTS = ["", "en/"]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("example_alone") / "guangzhou"
    shutil.copytree(LIBRARY, copy)
    return copy


@pytest.fixture(scope="module")
def built(data) -> Path:
    site = data.parent / "site"
    result = mkdocs_build(site, data_dir=data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def _article(markup: str) -> str:
    return markup[markup.index("<article"):markup.index("</article>")]


def _the_plan_s_names() -> list[str]:
    """What names the Lhasa plan: its title in both languages, and the site name and description that
    mkdocs.yml and projects/en/mkdocs.yml give the plan's site."""
    title = yaml.safe_load((REPO / "policy_data" / "document.yaml").read_text(encoding="utf-8"))["title"]
    names = [title["zh"], title["en"]]
    for config in (REPO / "mkdocs.yml", REPO / "projects" / "en" / "mkdocs.yml"):
        for key in ("site_name", "site_description"):
            names += re.findall(rf"^{key}: (.+)$", config.read_text(encoding="utf-8"), re.M)
    assert len(names) == 6, names
    return names


def test_check_passes_with_warnings_only(data):
    result = subprocess.run([str(POLICY_SITE), "check", str(data)], cwd=REPO, env=build_env(), capture_output=True,
                            text=True, encoding="utf-8")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "The data is valid: 1 document(s) in the library" in result.stdout, said
    assert "problem(s)" not in said and "Traceback" not in said and "0 sections" not in said
    assert f"Library document {DOC_ID}: 5 sections, 23 clauses, status expired." in result.stdout
    assert f"文件库中的文件 {DOC_ID}：5 个部分，23 条，已失效。" in result.stdout


@pytest.mark.parametrize("root", ROOTS)
def test_home_lists_the_document_with_its_status_and_a_link_that_resolves(built, root):
    home = _page(built, root or ".")
    listing = _article(home)
    items = [item for item in re.findall(r"<li>(.*?)</li>", listing, re.S) if "data-status=" in item]
    (item,) = items
    assert TITLE[root] in _words(item) and 'data-status="expired"' in item and EXPIRED[root] in _words(item)
    (href,) = re.findall(r'<a href="([^"]+)"', item)
    assert href == f"documents/{DOC_ID}/" and (built / root / href / "index.html").is_file()
    # a heading true for the library: no document's title, the library's own words
    heading = _words(re.search(r"<h1[^>]*>(.*?)</h1>", listing, re.S).group(1))
    assert heading == ("政策文件" if not root else "Policy documents")


@pytest.mark.parametrize("root", ROOTS)
def test_the_document_and_article_16_have_pages_in_both_languages(built, root):
    assert TITLE[root] in _words(_page(built, f"{root}documents/{DOC_ID}"))
    article = _words(_page(built, f"{root}documents/{DOC_ID}/clauses/16"))
    assert TITLE[root] in article and ("第十六条" in article if not root else "Clause 16" in article)


@pytest.mark.parametrize("root", ROOTS)
def test_the_four_calculators_have_pages(built, root):
    for calculator in CALCULATORS:
        page = _page(built, f"{root}calculators/{calculator}")
        assert f'data-calculator-id="{calculator}"' in page
        assert f'href="../../documents/{DOC_ID}/clauses/' in page  # its article, in this library
    index = _page(built, f"{root}calculators")
    assert all(f'href="{calculator}/"' in index for calculator in CALCULATORS)


def test_no_page_names_the_lhasa_plan_nor_has_a_page_of_a_top_level_document(built):
    names = _the_plan_s_names()
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        text = html.unescape(path.read_text(encoding="utf-8"))
        assert not [name for name in names if name in text], path
    for root in ROOTS:
        assert not (built / root / "fulltext").exists() and not (built / root / "clauses").exists()
    # the pages' own words speak of the library's documents, not of "the plan"
    for url, plan_words in (("finder", "方案的每一条"), ("en/finder", "every clause of the plan"),
                            ("about-data", "方案"), ("en/about-data", "the plan")):
        assert plan_words not in _words(_article(_page(built, url))), url
    home = _page(built, ".")
    assert "<title>首页 - 政策文件解读</title>" in home
    assert "<title>Home - Policy documents explained</title>" in _page(built, "en")


def test_every_link_resolves(built):
    problems = check_links(built)
    assert not problems, "\n".join(map(str, problems[:20]))


@pytest.mark.parametrize("root, words", [("", ("第十六条", "见习基地")), ("en/", ("Living allowance and internship subsidy",))])
def test_search_has_the_document_s_text(built, root, words):
    docs = json.loads((built / root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(entry["text"] + " " + entry["title"] for entry in docs
                    if entry["location"].startswith(f"documents/{DOC_ID}/"))
    for word in words:
        assert word in text, word


@pytest.mark.parametrize("root", ROOTS)
def test_the_finder_asks_the_library_s_questions_over_its_clauses(built, root):
    page = _page(built, f"{root}finder")
    config = json.loads(html.unescape(re.search(r'data-finder-config="([^"]*)"', page).group(1)))
    asked = [fact["id"] for fact in yaml.safe_load((LIBRARY / "facts.yaml").read_text(encoding="utf-8"))["facts"]]
    assert [fact["id"] for fact in config["rules"]["facts"]] == asked
    # a library of one document: its clauses by their own ids (as policy-site find names them)
    assert "16" in config["clauses"] and not [ref for ref in config["clauses"] if ":" in ref]
    assert config["clauses"]["16"]["url"] == f"../documents/{DOC_ID}/clauses/16/"
    assert config["first_questions"]["q"] == "applicant"
