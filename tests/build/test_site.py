"""The built site, from the real mkdocs build: content, languages, hosts, escaping, safety of failed builds."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import POLICY_DATA, REPO, REPORT_ERROR_URL
from tests.site_build import mkdocs_build

ORIGINAL = re.compile(r'<div class="policy-original" lang="zh-Hans"><p>(.*?)</p></div>', re.S)
SHARED_SEED = REPO.parent / "shared" / "seed" / "employment-promotion-plan.zh.txt"


def source_lines() -> list[str]:
    return [line for line in (POLICY_DATA / "source.zh.txt").read_text(encoding="utf-8").splitlines() if line.strip()]


def html_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if p.is_file())


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed is not beside this checkout")
def test_vendored_source_is_the_seed():
    assert (POLICY_DATA / "source.zh.txt").read_bytes() == SHARED_SEED.read_bytes()


def test_every_paragraph_of_the_source_is_verbatim_in_the_full_text_page(built_site):
    page = read(built_site / "fulltext" / "index.html")
    shown = [html.unescape(p) for p in ORIGINAL.findall(page)]
    headings = [html.unescape(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page)]
    for line in source_lines():
        assert line in shown or any(line in h for h in headings), line


def test_each_clause_page_shows_its_paragraph_verbatim(built_site):
    clause_lines = [line for line in source_lines() if line.startswith("（")]
    assert len(clause_lines) == 19
    pages = sorted((built_site / "clauses").glob("*/index.html"))
    assert len(pages) == 19
    shown = {html.unescape(m) for page in pages for m in ORIGINAL.findall(read(page))}
    assert shown == set(clause_lines)


def test_every_page_has_a_twin_in_the_other_language(built_site):
    zh = {p.relative_to(built_site) for p in html_pages(built_site) if not p.relative_to(built_site).parts[0] == "en"}
    en = {p.relative_to(built_site / "en") for p in html_pages(built_site / "en")}
    assert len(zh) > 60
    assert zh == en


def test_language_switch_points_at_the_same_page(built_site):
    zh = read(built_site / "clauses" / "1.2" / "index.html")
    en = read(built_site / "en" / "clauses" / "1.2" / "index.html")
    assert re.search(r'href="\.\./\.\./en/clauses/1\.2/"\s+hreflang="en"', zh)
    assert re.search(r'href="\.\./\.\./\.\./clauses/1\.2/"\s+hreflang="zh"', en)
    assert '<html lang="zh' in zh and '<html lang="en"' in en


FOREIGN = re.compile(r"""(?:src|href|action|content)\s*=\s*["']?\s*(?:https?:)?//(?!127\.0\.0\.1|localhost)""", re.I)
CSS_FOREIGN = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?:https?:)?//""", re.I)


def test_built_html_references_no_third_party_host(built_site):
    offenders = []
    for page in html_pages(built_site):
        text = read(page)
        offenders += [f"{page.relative_to(built_site)}: {m.group(0)}" for m in FOREIGN.finditer(text)]
    for sheet in built_site.rglob("*.css"):
        text = read(sheet)
        offenders += [f"{sheet.relative_to(built_site)}: {m.group(0)}" for m in CSS_FOREIGN.finditer(text)]
    assert offenders == []


def test_the_checker_above_would_catch_a_third_party_reference():
    assert FOREIGN.search('<link href="https://fonts.googleapis.com/css">')
    assert FOREIGN.search('<script src="//cdn.example.org/x.js">')
    assert not FOREIGN.search('<a href="../clauses/1.2/">')
    assert CSS_FOREIGN.search('@import "https://fonts.googleapis.com/x"')


def test_clause_page_content(built_site):
    page = read(built_site / "en" / "clauses" / "1.2" / "index.html")
    assert "Expired on 2020-12-31" in page
    assert "District Human Resources and Social Security Bureau" in page
    assert "80,000 yuan" in page and "250,000 yuan" in page  # rendered from the calculator's constants
    assert page.count("Unofficial English translation") == 1  # the notice once per page
    assert "../../calculators/enterprise_hiring_award/" in page
    zh = read(built_site / "clauses" / "2.3" / "index.html")
    assert "原文未规定截止日期" in zh and "2019年1月1日" in zh


def test_overview_pages_exist_in_both_languages(built_site):
    for root in (built_site, built_site / "en"):
        for page in ("audiences/graduate", "agencies/hrss_bureau", "funding/employment_subsidy_fund",
                     "funding/unstated", "glossary", "about-data", "privacy", "accessibility", "calculators"):
            assert (root / page / "index.html").exists(), page
        assert (root / "404.html").exists()


def test_data_downloads_are_valid_json_of_the_whole_policy(built_site):
    import json
    data = json.loads(read(built_site / "data" / "policy.json"))
    assert len([c for s in data["sections"] for c in s["clauses"]]) == 19
    schema = json.loads(read(built_site / "data" / "schema" / "sections.schema.json"))
    assert "clauses" in schema["properties"]


def test_shipped_json_schema_is_up_to_date():
    import json
    from policy_site.data.schema import schemas
    for name, schema in schemas().items():
        shipped = json.loads((POLICY_DATA / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert shipped == schema, f"run `policy-site schema` to refresh policy_data/schema/{name}.schema.json"


def test_fixture_policy_builds_through_the_same_code(built_fixture_site):
    page = read(built_fixture_site / "clauses" / "1.1" / "index.html")
    assert "（一）发放救助。" in page
    assert not (built_fixture_site / "clauses" / "1.2" / "index.html").read_text(encoding="utf-8").count("policy-original") == 0


def test_html_in_data_is_shown_as_text_never_run(built_fixture_site):
    zh = read(built_fixture_site / "clauses" / "1.2" / "index.html")
    en = read(built_fixture_site / "en" / "clauses" / "1.2" / "index.html")
    for page in (zh, en):
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "<img src=x" not in page
    assert "<img src=x onerror=alert(1)>" in html.unescape(zh)  # as text: the page has no such element
    assert "<em>not emphasis</em>" not in en and "<em>not emphasis</em>" in html.unescape(en)
    assert "*强调*" in zh  # Markdown in data is not interpreted either


def _snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_data_error_stops_the_build_and_leaves_the_previous_site_untouched(built_fixture_site, mini_copy, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_fixture_site, site)
    before = _snapshot(site)
    section = mini_copy / "sections" / "1.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("lead_agencies: [treasury]",
                                                                   "lead_agencies: [treasurer]"), encoding="utf-8")
    result = mkdocs_build(site, data_dir=mini_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "policy_data/sections/1.yaml:38" in output
    assert "Unknown id 'treasurer'" in output and "未知的机构编号" in output
    assert _snapshot(site) == before


def test_check_command_reports_every_problem(mini_copy):
    import subprocess
    import sys
    (mini_copy / "audiences.yaml").write_text("audiences:\n  - id: everyone\n    nam: {zh: 所有人, en: Everyone}\n",
                                              encoding="utf-8")
    cli = Path(sys.executable).with_name("policy-site")
    result = subprocess.run([str(cli), "check", str(mini_copy)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "policy_data/audiences.yaml:3" in result.stderr
    assert "Did you mean 'name'?" in result.stderr and "是否应为“name”" in result.stderr
    ok = subprocess.run([str(cli), "check", str(POLICY_DATA)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr


def test_report_an_error_link_is_configurable(built_site, built_fixture_site):
    configured = read(built_fixture_site / "en" / "glossary" / "index.html")
    links = re.findall(r'<p class="policy-report">\s*<a href="([^"<>]*)">Report an error</a>', configured)
    assert [html.unescape(link) for link in links] == [REPORT_ERROR_URL]  # as set, in one attribute
    assert "报告错误" in read(built_fixture_site / "clauses" / "1.1" / "index.html")
    assert "policy-report" not in read(built_site / "clauses" / "1.2" / "index.html")  # not configured: hidden


def test_every_english_page_says_the_translation_is_unofficial(built_site):
    for page in html_pages(built_site / "en"):
        if page.name == "index.html" and "pyodide" not in page.parts:
            assert "Unofficial English translation" in read(page), page


def test_agency_contact_details_are_shown_only_when_present(built_fixture_site):
    with_phone = read(built_fixture_site / "en" / "agencies" / "labour_office" / "index.html")
    assert 'href="tel:0000-0000000"' in with_phone
    without = read(built_fixture_site / "en" / "agencies" / "treasury" / "index.html")
    # No contact in the data: only the public hotlines (never an invented number), said plainly.
    assert set(re.findall(r'href="tel:([^"]+)"', without)) <= {"12333", "12345"}
    assert "The source gives no contact details" in without


def test_audience_pages_lead_to_the_calculators_of_their_clauses(built_site):
    page = read(built_site / "en" / "audiences" / "graduate" / "index.html")
    assert "Check what you can claim" in page
    assert "../../calculators/graduate_outside_region/" in page
    clauses = read(built_site / "clauses" / "index.html")
    assert "../calculators/startup_loan/" in clauses and "../calculators/loan_guarantee_reward/" in clauses
