"""The calculator page of a calculator written as data in a library document's clause (examples/guangzhou,
a library made only of ``documents/``), rendered from a copy: an imported clause may have no lead agency
yet (``policy-site check`` only warns), and its calculator page must still render, saying that no one
is named rather than failing the build."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest

from policy_site.build.build_inputs import load_site_inputs
from policy_site.build.pyodide_runtime import build_runtime
from policy_site.site.render import Renderer
from tests.conftest import REPO

LIBRARY = REPO / "examples" / "guangzhou"
ARTICLES = LIBRARY.name + "/documents/guangzhou-2019-internship-bases/sections/4.yaml"
CALCULATOR = "calculators/guangzhou_internship_subsidy.md"
LEAD_OF_16 = "  lead_agencies: [public_employment_service]\n"


@pytest.fixture(scope="module")
def runtime():
    return build_runtime(REPO, assets_dir=REPO / "docs" / "assets")


@pytest.mark.parametrize("lang, none", [("zh", "无"), ("en", "None")])
def test_a_calculator_whose_clause_has_no_lead_agency_yet_still_has_its_page(tmp_path, runtime, lang, none):
    data = tmp_path / LIBRARY.name
    shutil.copytree(LIBRARY, data)
    articles = tmp_path / ARTICLES
    text = articles.read_text(encoding="utf-8")
    assert text.count(LEAD_OF_16) == 1  # article 16's, the clause of guangzhou_internship_subsidy
    articles.write_text(text.replace(LEAD_OF_16, "  lead_agencies: []\n"), encoding="utf-8")
    site = dataclasses.replace(load_site_inputs(data), runtime=runtime)  # a warning, not a problem
    page = Renderer(site, lang).render(CALCULATOR)
    (ask,) = [line for line in page.splitlines() if re.match(r"- \*\*(向谁咨询|Whom to ask)\*\*", line)]
    assert ask.endswith(none) and "tel:" not in ask


@pytest.mark.parametrize("lang, name", [("zh", "第十六条"), ("en", "Clause 16")])
def test_a_library_calculator_names_its_article_and_document_on_its_page_result_and_receipt(runtime, lang, name):
    """As a reader names the article (not ``16``), with its document on the page; the script's result line
    (``config.clause``) and the printed receipt say the same."""
    site = dataclasses.replace(load_site_inputs(LIBRARY), runtime=runtime)
    renderer = Renderer(site, lang)
    page = renderer.render(CALCULATOR)
    (line,) = [line for line in page.splitlines() if re.match(r"- \*\*(条款|Clause)\*\*", line)]
    assert f"[{name} " in line and "guangzhou-2019-internship-bases/index.md)" in line
    context = renderer.site_map.calculator("guangzhou_internship_subsidy").context(renderer)
    assert context["config"]["clause"]["id"] == name and context["receipt"]["clause"] == name
