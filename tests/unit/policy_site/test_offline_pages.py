"""offline.json and offline.html (policy_site/site/offline_pages.py): what the service worker keeps for
offline use, and the page it shows offline in place of a page it does not keep."""

from __future__ import annotations

import json
from pathlib import Path

from policy_site.site.offline_pages import write_offline_files


def page(root: Path, path: str, title: str, body: str = "") -> None:
    target = root / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<html><head><title>{title}</title>{body}</head><body></body></html>", encoding="utf-8")


def small_site(root: Path) -> Path:
    head = ('<link rel="stylesheet" href="{up}assets/a.css"><link rel="canonical" href="{up}x/">'
            '<script src="{up}assets/calculator/early.js?v=abc"></script><link rel="alternate" href="{up}en/">')
    for prefix, name in (("", "站点"), ("en/", "Site")):
        page(root, prefix, f"Home - {name}", head.format(up=""))
        page(root, prefix + "finder", f"Finder - {name}", head.format(up="../"))
        page(root, prefix + "calculators", f"Calculators - {name}")
        page(root, prefix + "calculators/loan", f"Loan &lt;script&gt;alert(1)&lt;/script&gt; - {name}",
             head.format(up="../../"))
        for clause in ("10.1", "2.1"):
            page(root, prefix + f"clauses/{clause}", f"{clause} Clause - {name}")
        page(root, prefix + "agencies/a", f"Agency - {name}")
        (root / prefix / "assets" / "calculator").mkdir(parents=True, exist_ok=True)
        (root / prefix / "assets" / "a.css").write_text("a{}", encoding="utf-8")
        for script in ("early.js", "worker.js"):
            (root / prefix / "assets" / "calculator" / script).write_text("//", encoding="utf-8")
    return root


def test_the_list_has_home_finder_calculators_and_clauses_and_what_they_load(tmp_path):
    manifest = write_offline_files(small_site(tmp_path))
    assert manifest == json.loads((tmp_path / "offline.json").read_text(encoding="utf-8"))
    zh, en = manifest["langs"]["zh"], manifest["langs"]["en"]
    assert zh["pages"] == ["", "finder/", "calculators/", "calculators/loan/", "clauses/2.1/", "clauses/10.1/"]
    assert en["pages"][0] == "en/" and "en/agencies/a/" not in en["pages"]
    # Style sheets and scripts the pages load (not links to pages), and the calculators' worker.
    assert set(zh["assets"]) == {"assets/a.css", "assets/calculator/early.js?v=abc", "assets/calculator/worker.js?v=abc"}
    assert zh["offline"] == "offline.html" and en["offline"] == "en/offline.html"


def test_the_release_changes_when_a_listed_file_changes(tmp_path):
    site = small_site(tmp_path)
    first = write_offline_files(site)["release"]
    assert write_offline_files(site)["release"] == first
    (site / "agencies" / "a" / "index.html").write_text("changed", encoding="utf-8")  # not listed
    assert write_offline_files(site)["release"] == first
    (site / "assets" / "a.css").write_text("b{}", encoding="utf-8")
    assert write_offline_files(site)["release"] != first


def test_the_offline_page_lists_the_kept_pages_in_its_language_escaped(tmp_path):
    write_offline_files(small_site(tmp_path))
    zh = (tmp_path / "offline.html").read_text(encoding="utf-8")
    en = (tmp_path / "en" / "offline.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in zh and "离线状态" in zh and "<header>站点</header>" in zh
    assert '<html lang="en">' in en and "You are offline" in en
    assert '<a href="clauses/10.1/">10.1 Clause</a>' in en and '<a href="./">Home</a>' in en
    assert "<script>" not in zh and "Loan &lt;script&gt;alert(1)&lt;/script&gt;" in zh
    assert '<base href="./">' in zh  # the service worker sets it to this page's place when it shows it elsewhere
