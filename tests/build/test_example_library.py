"""The example library (examples/guangzhou) as staff check it: the real ``policy-site check-document``
and ``policy-site import`` in subprocesses.

The example is 广州市就业见习基地管理办法 imported from tests/fixtures/documents with the command and
completed by hand. ``check-document`` must find no problem in it (its Chinese is still the source's,
line by line; every agency, audience and funding id is the library's) and warn about nothing staff
have left to write except what the README says is not done yet; a fresh import of the same text
must give back exactly the Chinese the completed files hold.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.site_build import made_once, mkdocs_build

REPO = Path(__file__).resolve().parents[2]
LIBRARY = REPO / "examples" / "guangzhou"
DOC_ID = "guangzhou-2019-internship-bases"
DOCUMENT = LIBRARY / "documents" / DOC_ID
SOURCE = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
NOT_YET_WRITTEN: tuple[str, ...] = ()
"""The warnings the example still carries (README: what is not done yet). Anything else is a regression."""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POLICY_SITE_DEBUG"}
    env["SOURCE_DATE_EPOCH"] = "1796601600"  # 2026-12-07: the data date, never the clock
    return subprocess.run([sys.executable, "-m", "policy_site.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


@pytest.fixture(scope="module")
def checked() -> subprocess.CompletedProcess[str]:
    return _run(["check-document", f"examples/guangzhou/documents/{DOC_ID}"], REPO)


def test_check_document_finds_no_problem_in_the_example(checked):
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"The document {DOC_ID} is valid" in checked.stdout
    assert "Traceback" not in checked.stdout + checked.stderr


def test_the_only_warnings_left_are_the_ones_the_readme_names(checked):
    said = checked.stderr
    for pending in ("English translation is not written yet", "English of the title", "English of the issuers",
                    "no title yet", "clauses' titles", "summaries are not written", "summary is not written", "no lead agency", "No measures yet"):
        assert pending not in said, pending
    assert f"is valid ({len(NOT_YET_WRITTEN)} warning(s))" in checked.stdout
    for warning in NOT_YET_WRITTEN:
        assert warning in said


def test_check_document_sees_a_chinese_line_that_no_longer_matches_the_source(tmp_path):
    """The check above can fail: the same library with one figure changed in article 16's Chinese."""
    copy = tmp_path / "guangzhou"
    shutil.copytree(LIBRARY, copy)
    section = copy / "documents" / DOC_ID / "sections" / "4.yaml"
    text = section.read_text(encoding="utf-8")
    assert text.count("见习补贴期限不超过12个月。办理程序") == 1
    section.write_text(text.replace("见习补贴期限不超过12个月。办理程序", "见习补贴期限不超过24个月。办理程序"), encoding="utf-8")
    result = _run(["check-document", str(copy / "documents" / DOC_ID)], tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    said = result.stdout + result.stderr
    assert "differs from the source" in said
    # both sides shown where they differ, however far into a long line that is
    assert "at character 117, reads '…习补贴期限不超过12个月。办理程序" in said, said
    assert "here it is '…习补贴期限不超过24个月。办理程序" in said and "第 117 个字处是“…习补贴期限不超过12个月" in said, said


def test_a_fresh_import_of_the_fixture_gives_the_example_s_chinese(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    shutil.copy(LIBRARY / "agencies.yaml", library / "agencies.yaml")
    result = _run(["import", str(SOURCE), "--id", DOC_ID, "--data", str(library)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = library / "documents" / DOC_ID
    assert (fresh / "source.zh.txt").read_bytes() == (DOCUMENT / "source.zh.txt").read_bytes() == SOURCE.read_bytes()
    for n in range(1, 6):
        imported = yaml.safe_load((fresh / "sections" / f"{n}.yaml").read_text(encoding="utf-8"))
        completed = yaml.safe_load((DOCUMENT / "sections" / f"{n}.yaml").read_text(encoding="utf-8"))
        assert completed["text"]["zh"] == imported["text"]["zh"]
        assert [(c["id"], c["number"], c["text"]["zh"], c["items"]) for c in completed["clauses"]] == \
            [(c["id"], c["number"], c["text"]["zh"], c["items"]) for c in imported["clauses"]]
    imported = yaml.safe_load((fresh / "document.yaml").read_text(encoding="utf-8"))
    completed = yaml.safe_load((DOCUMENT / "document.yaml").read_text(encoding="utf-8"))
    for key in ("id", "number", "signed", "in_force_from", "expires", "structure"):
        assert completed[key] == imported[key], key
    for key in ("title", "notice", "title_line", "annexes", "footer"):
        assert completed[key]["zh"] == imported[key]["zh"], key


# -- The example library built for real (ONE build for the module) --------------------------------------------
# The build needs a top-level document (the loader reads a library made only of documents/ not yet: README of
# the example, "How to build it"), so the example is built as the second document of a library: policy_data
# copied, the example's document, its parameter and its shared entries (agencies, audiences, funding, terms)
# added; and the finder's questions: a library has one facts.yaml, so the example's questions are merged into it by
# id, a question the library already asks kept as it is (tests/build/test_finder_library.py). Its calculators
# (articles 16-19, written as data in sections/4.yaml) get their pages at the site map's calculator addresses,
# ship in the runtime's rules.json, and are linked from their clauses' pages.

CALCULATORS = {"16": "guangzhou_internship_subsidy", "17": "guangzhou_internship_living_allowance",
               "18": "guangzhou_retention_subsidy", "19": "guangzhou_demonstration_base_subsidy"}
SHARED = (("agencies.yaml", "agencies"), ("audiences.yaml", "audiences"), ("funding.yaml", "funding_sources"),
          ("glossary.yaml", "terms"), ("facts.yaml", "facts"))


def _library_with_the_example(folder: Path) -> Path:
    data = folder / "policy_data"
    shutil.copytree(REPO / "policy_data", data)
    shutil.copytree(LIBRARY / "documents", data / "documents", dirs_exist_ok=True)
    for path in (LIBRARY / "parameters").glob("*.yaml"):
        shutil.copy(path, data / "parameters" / path.name)
    for name, key in SHARED:
        merged = yaml.safe_load((data / name).read_text(encoding="utf-8"))
        have = {entry["id"] for entry in merged[key]}
        merged[key] += [e for e in yaml.safe_load((LIBRARY / name).read_text(encoding="utf-8"))[key] if e["id"] not in have]
        (data / name).write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def build_library(data: Path) -> Path:
    """The real build of a library made by ``_library_with_the_example``, into ``site`` beside it."""
    site = data.parent / "site"
    result = mkdocs_build(site, data_dir=data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def built_example_library(tmp_path_factory) -> Path:
    """The library with the example (``policy_data`` and its real build, ``site``, side by side), made
    once for the whole run and shared by the tests that only read it (this module and test_finder_library)."""
    return made_once(tmp_path_factory, "example_library",
                     lambda folder: build_library(_library_with_the_example(folder))) / "policy_data"


@pytest.fixture(scope="module")
def library_data(tmp_path_factory) -> Path:
    return built_example_library(tmp_path_factory)


@pytest.fixture(scope="module")
def built(library_data) -> Path:
    return library_data.parent / "site"


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _words(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_check_finds_no_problem_in_the_library_with_the_example(library_data):
    result = _run(["check", str(library_data)], REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    # the example's agencies are named by its clauses (counted with the library's): only the notice's
    # addressee, named by no article (examples/guangzhou/README.md), is warned about
    example_agencies = [a["id"] for a in yaml.safe_load((LIBRARY / "agencies.yaml").read_text(encoding="utf-8"))["agencies"]]
    unnamed = [a for a in example_agencies if f"The agency '{a}' is named by no clause" in result.stdout + result.stderr]
    assert unnamed == ["district_hrss_bureaus"], unnamed


@pytest.mark.parametrize("root", ["", "en/"])
def test_the_document_and_its_clauses_have_pages_in_both_languages(built, root):
    title = "Measures of Guangzhou for the Administration of Employment Internship Bases" if root else "广州市就业见习基地管理办法"
    assert title in _words(_page(built, f"{root}documents/{DOC_ID}"))
    for n in range(1, 24):
        assert title in _words(_page(built, f"{root}documents/{DOC_ID}/clauses/{n}")), n
    assert "第十六条" in _words(_page(built, f"{root}documents/{DOC_ID}/clauses/16"))


@pytest.mark.parametrize("root, heading, quote_label, part", [("", "谁可以享受", "原文", "第十六条（a）"),
                                                             ("en/", "Who qualifies", "The clause says", "Clause 16 (a)")])
def test_an_article_with_measures_says_who_qualifies_quoting_its_own_words(built, root, heading, quote_label, part):
    """The library's clause pages show their measures as the plan's do (the finder's very conditions), each
    part headed by its article as the page names it (not the bare id 16)."""
    page = _page(built, f"{root}documents/{DOC_ID}/clauses/16")
    assert 'data-measures-for="16"' in page
    text = _words(page[page.find('data-measures-for="16"'):])
    assert heading in _words(page) and quote_label in text
    first = re.search(r"<h3>(.*?)</h3>", page[page.find('data-measures-for="16"'):], re.S).group(1)
    assert _words(first).startswith(part), first
    assert "见习基地可向市公共就业服务机构提出申请" in text  # part (a)'s condition, in the article's words
    assert 'data-measures-for' not in _page(built, f"{root}documents/{DOC_ID}/clauses/1")  # no measures: no section


@pytest.mark.parametrize("root, words", [
    ("", ("在线计算", "算例", "已于2024年10月8日到期")),
    ("en/", ("Work it out", "Worked examples", "ended on 2024-10-08")),
])
@pytest.mark.parametrize("clause_id, calculator", CALCULATORS.items())
def test_articles_16_to_19_have_calculator_pages_with_form_and_worked_examples(built, root, words, clause_id, calculator):
    page = _page(built, f"{root}calculators/{calculator}")
    assert f'data-calculator-id="{calculator}"' in page  # the form's container and its configuration
    text = _words(page[page.find("<article"):page.find("</article>")])
    for expected in words:
        assert expected in text, expected
    # the clause it computes is the imported document's, linked at its address
    assert f'href="../../documents/{DOC_ID}/clauses/{clause_id}/"' in page
    # and that clause's page links back to it
    assert f'href="../../../../calculators/{calculator}/"' in _page(built, f"{root}documents/{DOC_ID}/clauses/{clause_id}")
    assert f'href="{calculator}/"' in _page(built, f"{root}calculators")


def test_the_worked_examples_are_computed_at_build_time(built):
    text = _words(_page(built, "calculators/guangzhou_internship_subsidy"))
    assert "6,300元" in text and "12,552.27元" in text
    assert "26,000 yuan" in _words(_page(built, "en/calculators/guangzhou_demonstration_base_subsidy"))


def test_the_specs_ship_in_the_runtime_s_rules_json(built):
    shipped = {spec["id"]: spec for spec in json.loads((built / "pyodide" / "rules.json").read_text(encoding="utf-8"))}
    for clause_id, calculator in CALCULATORS.items():
        assert shipped[calculator]["clause"] == clause_id
        (written,) = [spec for section in (DOCUMENT / "sections").glob("*.yaml")
                      for clause in yaml.safe_load(section.read_text(encoding="utf-8"))["clauses"]
                      for spec in clause.get("calculator_rules") or () if spec["id"] == calculator]
        assert shipped[calculator] == {**written, "clause": clause_id}
