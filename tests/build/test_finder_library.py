"""The finder of a library of two documents, built for real (once for the run: test_example_library's build): the real plan with the
example library's document merged in (tests/build/test_example_library.py's ``_library_with_the_example``, its
questions merged into the library's one facts.yaml by id).

The finder page's rules hold the example's articles as ``DOC_ID:CLAUSE_ID``; its configuration names each result's
document (title, status badge, link) and links each article to its page in the library; the table without
JavaScript does the same; and ``policy-site find --data`` reports the articles as ``DOC_ID:CLAUSE_ID``.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import check_policy
from tests.build.test_example_library import DOC_ID, built_example_library
from tests.site_build import REPO, build_env

POLICY_SITE = Path(sys.executable).with_name("policy-site")
ARTICLES = ["2", "4", "16", "17", "18", "19"]
PREFIX = {"zh": "", "en": "en/"}
TITLE = {"zh": "广州市就业见习基地管理办法", "en": "Measures of Guangzhou for the Administration of Employment Internship Bases"}
STATUS = {"zh": "已于2024年10月8日失效", "en": "Expired on 2024-10-08"}
LABEL = {"zh": "第十六条", "en": "Clause 16"}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return built_example_library(tmp_path_factory)


@pytest.fixture(scope="module")
def built(library) -> Path:
    return library.parent / "site"


def _finder(site: Path, lang: str) -> str:
    return (site / PREFIX[lang] / "finder" / "index.html").read_text(encoding="utf-8")


def _config(site: Path, lang: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-finder-config="([^"]*)"', _finder(site, lang)).group(1)))


def _served(site: Path, lang: str, relative: str) -> Path:
    """The file a link on the finder page (``finder/``) leads to."""
    return (site / PREFIX[lang] / "finder" / relative / "index.html").resolve()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_finder_s_rules_cover_both_documents(built, library, lang):
    config = _config(built, lang)
    checked = check_policy(library, calculators.CALCULATORS)
    assert config["rules"] == finder_rules(checked.policy, checked.documents)
    refs = [c["clause"] for c in config["rules"]["clauses"]]
    assert refs[0] == "1.1" and refs[-len(ARTICLES):] == [f"{DOC_ID}:{n}" for n in ARTICLES]
    assert "internship_base" in {f["id"] for f in config["rules"]["facts"]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_result_names_its_document_and_status_and_links_its_page(built, lang):
    config = _config(built, lang)
    article = config["clauses"][f"{DOC_ID}:16"]
    assert article["label"] == LABEL[lang] and article["document"] == DOC_ID
    assert article["url"] == f"../documents/{DOC_ID}/clauses/16/"
    assert article["text_zh"].startswith("第十六条")
    assert article["validity"] == {"from": "2019-10-09", "to": "2024-10-08"}
    document = config["documents"][DOC_ID]
    assert document == {"title": TITLE[lang], "url": f"../documents/{DOC_ID}/", "status": "expired",
                        "css": "expired", "status_text": STATUS[lang]}
    plan = config["documents"][config["clauses"]["2.3"]["document"]]
    assert plan["status"] == "no_dates" and plan["url"] == "../fulltext/"
    assert config["strings"]["doc_in_document"] == ("所属文件" if lang == "zh" else "In the document")
    for url in (article["url"], document["url"], plan["url"], config["clauses"]["2.3"]["url"]):
        assert _served(built, lang, url).is_file(), url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_table_without_javascript_names_the_document_too(built, lang):
    text = _finder(built, lang)
    table = text[text.index("policy-finder__table"):]
    row = table[table.index(f'data-table-clause="{DOC_ID}:16"'):]
    row = row[:row.index("</tr>")]
    assert f'href="../documents/{DOC_ID}/clauses/16/"' in row and f"{LABEL[lang]}" in row
    assert f'data-document="{DOC_ID}"' in row and f'href="../documents/{DOC_ID}/"' in row
    assert TITLE[lang] in html.unescape(row)
    assert 'data-status="expired"' in row and STATUS[lang] in row
    assert 'data-in-force="expired"' in row


def _find(library: Path, facts: dict, *more: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(POLICY_SITE), "find", json.dumps(facts), "--data", str(library), *more], cwd=REPO,
                          env=build_env(), capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_policy_site_find_reports_library_clauses_as_doc_and_clause(library):
    result = _find(library, {"applicant": "organisation", "internship_base": True}, "--as-of", "2020-06-30")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    by_clause = {m["clause"]: m for m in answer["measures"]}
    assert [c for c in by_clause if ":" in c] == [f"{DOC_ID}:{n}" for n in ARTICLES]
    assert by_clause[f"{DOC_ID}:16"]["status"] == "applies" and by_clause[f"{DOC_ID}:16"]["in_force"] == "in_force"
    assert "1.2" in by_clause  # the top-level document's clauses keep their ids
    # On the data date the document has ended: its articles are counted apart.
    later = json.loads(_find(library, {"applicant": "organisation", "internship_base": True}).stdout)
    assert next(m for m in later["measures"] if m["clause"] == f"{DOC_ID}:16")["in_force"] == "expired"


def test_policy_site_find_on_a_library_of_one_reports_plain_ids():
    result = subprocess.run([str(POLICY_SITE), "find", '{"applicant": "organisation"}'], cwd=REPO, env=build_env(),
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    assert all(re.fullmatch(r"\d+\.\d+", m["clause"]) for m in json.loads(result.stdout)["measures"])
