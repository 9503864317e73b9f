"""The home page of the real plan rendered in each language with the language's punctuation (the
pages need the calculators' runtime, built by Node on a fresh clone: so not the unit tier)."""

from __future__ import annotations

import dataclasses

import pytest

from policy_site.build.build_inputs import load_site_inputs
from policy_site.build.pyodide_runtime import build_runtime
from policy_site.site.render import render_pages
from tests.conftest import REPO


@pytest.fixture(scope="module")
def site():
    runtime = build_runtime(REPO, assets_dir=REPO / "docs" / "assets")
    return dataclasses.replace(load_site_inputs(REPO / "policy_data"), runtime=runtime)


@pytest.mark.parametrize("lang, item", [
    ("zh", "- 国务院关于做好当前和今后一个时期促进就业工作的若干意见（国发〔2018〕39号，国务院）\n"),
    ("en", " (<span lang=\"zh-Hans\">国发〔2018〕39号</span>, State Council)\n"),
])
def test_each_implemented_document_is_its_own_list_item(site, lang, item):
    """The home page lists the documents the plan implements one per line, with the language's
    parentheses and comma (they once ran together into one item)."""
    home = render_pages(site, lang)["index.md"]
    assert item in home
    assert home.count("号") >= 3 and len([line for line in home.splitlines() if "号" in line and line.startswith("- ")]) == 3
