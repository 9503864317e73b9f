"""The calculator page's browser configuration (policy_site/site/calculator_page.py), built in Python
from the real data: each parameter default with the sentence that says where it comes from, the
next value on record, the warning of a value nobody checked for a year, the expired clause's
wording, and the links to the clause and its agencies from the site map."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from policy_site.site import calculator_page
from policy_site.build.build_inputs import load_site_inputs
from policy_site.build.pyodide_runtime import build_runtime
from policy_site.site.render import Renderer
from policy_site.site.sitemap import SiteMap
from tests.conftest import REPO

WAGE = "parameters/regional_monthly_minimum_wage.yaml"
NUMBER = "      number: 藏政办发〔2018〕2号\n"
NEXT_VALUE = """
  2027-01-01:
    value: 1800.5
    reference:
      title:
        zh: 下一个标准的文件
        en: The next standard's document
"""


@pytest.fixture(scope="module")
def runtime():
    return build_runtime(REPO, assets_dir=REPO / "docs" / "assets")


@pytest.fixture(autouse=True)
def data_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01


def site_from(tmp_path, runtime, edit=None):
    data = tmp_path / "policy_data"
    shutil.copytree(REPO / "policy_data", data)
    if edit:
        path = data / WAGE
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return dataclasses.replace(load_site_inputs(data), runtime=runtime)


def config(site, lang, calc_id="internship_subsidy"):
    pages = SiteMap(site, lang)
    return calculator_page.page_config(site, lang, calc_id, pages, pages.calculator(calc_id), Renderer(site, lang).t)


def test_a_default_says_its_source_and_warns_when_nobody_checked_it_for_a_year(tmp_path, runtime):
    site = site_from(tmp_path, runtime)  # last_checked: null, the value set in 2018
    zh = config(site, "zh")["parameter_defaults"]["monthly_min_wage_yuan"]
    assert zh["value"] == "1650" and zh["date"] == "2018-01-01" and zh["reference"] == "藏政办发〔2018〕2号"
    assert "藏政办发〔2018〕2号《西藏自治区人民政府办公厅" in zh["text"] and "2018年1月1日" in zh["text"]
    assert zh["warning"] and "2018年1月1日" in zh["warning"]
    en = config(site, "en")["parameter_defaults"]["monthly_min_wage_yuan"]
    assert "藏政办发〔2018〕2号 (Notice of the General Office" in en["text"] and "2018-01-01" in en["text"]
    assert en["warning"]


def test_the_next_value_on_record_is_told_and_a_recent_check_silences_the_warning(tmp_path, runtime):
    site = site_from(tmp_path, runtime, lambda text: text.replace("last_checked: null", "last_checked: 2025-12-01")
                     .rstrip("\n") + NEXT_VALUE)
    for lang, joined, amount, date in (("zh", "新标准。已公布", "1,800.50元", "2027年1月1日"),
                                        ("en", "instead. A new figure", "1,800.50 yuan", "2027-01-01")):
        default = config(site, lang)["parameter_defaults"]["monthly_min_wage_yuan"]
        assert default["value"] == "1650"  # never a value not yet in force
        assert joined in default["text"] and amount in default["text"] and date in default["text"]
        assert default["warning"] is None


def test_a_document_without_a_number_is_named_by_its_title(tmp_path, runtime):
    site = site_from(tmp_path, runtime, lambda text: text.replace(NUMBER, ""))
    zh = config(site, "zh")["parameter_defaults"]["monthly_min_wage_yuan"]
    assert zh["reference"] is None and "：《西藏自治区人民政府办公厅" in zh["text"]
    en = config(site, "en")["parameter_defaults"]["monthly_min_wage_yuan"]
    assert "set by Notice of the General Office" in en["text"]


def test_an_expired_clause_and_the_links_to_its_page_and_agencies(tmp_path, runtime):
    site = site_from(tmp_path, runtime)
    for lang in ("zh", "en"):
        expired = config(site, lang, "enterprise_hiring_award")  # clause 1.2 ended before the data date
        clause = next(c for c in site.policy.clauses if c.id == expired["clause"]["id"])
        assert clause.validity.status(site.data_date) == "expired"
        end = "2020年12月31日" if lang == "zh" else "2020-12-31"
        assert end in expired["expired"]["not"] and end in expired["expired"]["would_have"]
        assert expired["clause"]["url"] == f"../../clauses/{clause.id}/"
        assert [a["url"] for a in expired["agencies"]] == [f"../../agencies/{a}/" for a in clause.lead_agencies]
        assert expired["pyodide"] == {"zh": "../../pyodide/", "en": "../../../pyodide/"}[lang]
        assert "expired" not in config(site, lang, "startup_loan")
