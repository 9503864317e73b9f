"""No broken internal link or anchor anywhere in the built site (both languages).

The checker (linkcheck.py) reads the output on disk: every href/src of a, link,
script and img that stays on this site must name a file of the output (folder
URLs mean their index.html), every #fragment an id of the target page, and no
link may climb above the site root. Absolute paths ("/x") start from the site
root: with an empty site_url the site is assumed to be served at the host's root.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.build.linkcheck import SiteChecker, check_site
from tests.site_build import mkdocs_build

PUBLISHING_HOST = "https://example.org/policy/"


def test_no_broken_internal_link_or_anchor(built_site):
    checker = SiteChecker(built_site)
    links = checker.links()
    assert len(links) > 1000  # the crawl did find the pages
    problems = checker.problems()
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(map(str, problems))


def test_every_search_result_leads_to_a_page_and_anchor(built_site):
    problems = SiteChecker(built_site).search_index_problems()
    assert not problems, f"{len(problems)} broken search location(s):\n" + "\n".join(map(str, problems))


def test_links_into_the_other_language_are_marked_as_such(built_site):
    """A link from one language's pages to a page of the other is a deliberate switch, with hreflang.

    An unmarked one sends a reader to a page in a language they did not choose.
    """
    checker = SiteChecker(built_site)
    wrong = []
    for link in checker.links():
        if link.tag not in ("a", "link"):
            continue
        target, _, problem = checker.resolve(link.page, link.url)
        if problem or not target or not target.endswith(".html"):
            continue
        source_en, target_en = link.page.startswith("en/"), target.startswith("en/")
        if source_en != target_en and (link.hreflang or "").split("-")[0] != ("en" if target_en else "zh"):
            wrong.append(f"{link.page}: <{link.tag}> {link.url!r} -> {target}")
    assert not wrong, f"{len(wrong)} link(s) into the other language without hreflang:\n" + "\n".join(wrong)


def test_a_build_for_a_publishing_host_below_its_root_is_whole(tmp_path):
    """SITE_URL (the publishing host, set at build time) with a path: both languages inside the
    output folder, no broken link, canonical links to each page's own language."""
    dest = tmp_path / "out" / "site"
    result = mkdocs_build(dest, SITE_URL=PUBLISHING_HOST)
    assert result.returncode == 0, result.stdout + result.stderr
    outside = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name != "site")
    assert outside == [], f"the build wrote beside its output folder: {outside}"
    assert (dest / "en" / "index.html").is_file()
    problems = check_site(dest, site_url=PUBLISHING_HOST)
    assert not problems, f"{len(problems)} broken link(s):\n" + "\n".join(map(str, problems[:40]))
    canonical = (dest / "en" / "clauses" / "1.2" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLISHING_HOST}en/clauses/1.2/">' in canonical


# -- the checker itself, on a synthetic site ---------------------------------------------------

def _write(root: Path, rel: str, body: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")


@pytest.fixture
def synthetic_site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    _write(root, "index.html", """
        <a href="#top" id="top">ok: anchor on this page</a>
        <a href="#nowhere">broken: anchor missing here</a>
        <a href="guide/">ok: folder</a>
        <a href="guide">ok: folder without slash</a>
        <a href="guide/index.html#install">ok: file and anchor</a>
        <a href="guide/#uninstall">broken: anchor missing in target</a>
        <a href="missing/">broken: no such page</a>
        <a href="guide/?q=1#install">ok: query is ignored</a>
        <a href="/guide/">ok: absolute path from the root</a>
        <a href="../outside/">broken: above the root</a>
        <a href="mailto:someone@example.org">skipped</a>
        <a href="tel:+8612345">skipped</a>
        <a href="https://example.org/x">skipped: another host</a>
        <a href="https://site.example/guide/">ok: own host</a>
        <a href="https://site.example/nothing/">broken: own host, no page</a>
        <a href="#%E4%B8%AD">ok: percent-encoded anchor</a><h2 id="中">中</h2>
        <img src="img/logo.png"><img src="img/missing.png">
        <script src="app.js"></script>
        <link rel="stylesheet" href="style.css">
        <a href="index.html/">broken: a file is not a folder</a>
    """)
    _write(root, "guide/index.html", '<h2 id="install">Install</h2><a href="../">ok: up to home</a>'
                                    '<a href="../../">broken: two levels up</a>')
    (root / "img").mkdir()
    (root / "img" / "logo.png").write_bytes(b"\x89PNG")
    (root / "app.js").write_text("", encoding="utf-8")
    (root / "search").mkdir()
    (root / "search" / "search_index.json").write_text(
        '{"docs": [{"location": ""}, {"location": "guide/#install"}, {"location": "guide/#gone"}]}',
        encoding="utf-8")
    return root


def test_checker_reports_each_broken_link_and_nothing_else(synthetic_site):
    found = {(p.page, p.url) for p in check_site(synthetic_site, site_url="https://site.example/")}
    assert found == {
        ("index.html", "#nowhere"),
        ("index.html", "guide/#uninstall"),
        ("index.html", "missing/"),
        ("index.html", "../outside/"),
        ("index.html", "https://site.example/nothing/"),
        ("index.html", "img/missing.png"),
        ("index.html", "style.css"),
        ("index.html", "index.html/"),
        ("guide/index.html", "../../"),
        ("search/search_index.json", "guide/#gone"),
    }


def test_checker_with_a_site_url_below_the_host_root(synthetic_site):
    checker = SiteChecker(synthetic_site, site_url="https://host.example/policy/")
    assert checker.resolve("index.html", "/policy/guide/")[0] == "guide/index.html"
    assert checker.resolve("index.html", "https://host.example/policy/guide/")[0] == "guide/index.html"
    assert checker.resolve("index.html", "/guide/")[2] == "absolute path outside the site root /policy/"
