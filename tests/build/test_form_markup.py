"""The calculator pages' markup, rendered without mkdocs or a browser (fast checks of the template)."""

from __future__ import annotations

import dataclasses
import html
import json
import posixpath
import re
from pathlib import Path

import pytest

import calculators
from policy_site.build.build_inputs import load_site_inputs
from policy_site.build.pyodide_runtime import build_runtime
from policy_site.site.render import Renderer
from tests.js.test_modules import ASSETS, graph

REPO = Path(__file__).resolve().parents[2]
SECTION = re.compile(r'<section class="policy-calculator" [^>]*data-calculator-config="([^"]*)">')


@pytest.fixture(scope="module")
def runtime():
    return build_runtime(REPO, assets_dir=REPO / "docs" / "assets")


@pytest.fixture(scope="module")
def site(runtime):
    return dataclasses.replace(load_site_inputs(REPO / "policy_data"), runtime=runtime)


def _resolve(page_path: str, lang: str, relative: str) -> str:
    """Where a relative URL on a page points, from the root of the whole site (zh at /, en at /en/)."""
    url_dir = ("en/" if lang == "en" else "") + page_path.removesuffix(".md") + "/"
    return posixpath.normpath(posixpath.join(url_dir, relative)) + ("/" if relative.endswith("/") else "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_calculator_page_embeds_its_metadata_and_runtime_urls(site, runtime, lang):
    renderer = Renderer(site, lang)
    for calc_id in site.calculators:
        path = f"calculators/{calc_id}.md"
        page = renderer.render(path)
        found = SECTION.findall(page)
        assert len(found) == 1, calc_id
        config = json.loads(html.unescape(found[0]))
        assert config["calculator"]["fields"] == calculators.CALCULATORS[calc_id]["fields"]
        assert config["lang"] == lang
        assert _resolve(path, lang, config["pyodide"]) == "pyodide/"  # one copy, at the top
        assert _resolve(path, lang, config["clause"]["url"]) == ("en/" if lang == "en" else "") + f"clauses/{config['clause']['id']}/"
        assert config["download_bytes"] == runtime.download_bytes
        assert config["runtime_version"] == runtime.version
        assert f"{runtime.download_mb} MB" in config["strings"]["runtime_download_button"]
        assert config["runtime_manifest"] == runtime.manifest
        script = re.search(r'<script type="module" src="([^"?]*)\?v=([0-9a-f]+)"></script>', page)
        assert script and script.group(2) == runtime.version
        assert _resolve(path, lang, script.group(1)) == ("en/" if lang == "en" else "") + "assets/calculator/calculator.js"
        # The modules it imports are fetched with it, at the same version (no round trip each).
        assert_preloads_its_imports(page, path, lang, "calculator/calculator.js", runtime)
        # Raw HTML with no blank line inside, so Markdown passes it through untouched.
        block = page[page.index("<section class=\"policy-calculator\""):page.index("</section>")]
        assert "\n\n" not in block


def assert_preloads_its_imports(page: str, path: str, lang: str, script: str, runtime) -> None:
    """Every module the page's script imports (its whole graph) is preloaded, once, at the release's version."""
    preloads = re.findall(r'<link rel="modulepreload" href="([^"?]*)\?v=([0-9a-f]+)">', page)
    prefix = ("en/" if lang == "en" else "") + "assets/"
    found = [_resolve(path, lang, href).removeprefix(prefix) for href, _ in preloads]
    expected = {p.relative_to(ASSETS).as_posix() for p in graph(ASSETS / script)} - {script}
    assert sorted(found) == sorted(expected)
    assert {version for _, version in preloads} == {runtime.version}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_finder_page_preloads_its_imports(site, runtime, lang):
    page = Renderer(site, lang).render("finder.md")
    script = re.search(r'<script type="module" src="([^"?]*)\?v=([0-9a-f]+)"></script>', page)
    assert _resolve("finder.md", lang, script.group(1)) == ("en/" if lang == "en" else "") + "assets/finder/finder.js"
    assert_preloads_its_imports(page, "finder.md", lang, "finder/finder.js", runtime)


def test_parameter_default_is_embedded_with_its_source(site):
    for lang in ("zh", "en"):
        page = Renderer(site, lang).render("calculators/internship_subsidy.md")
        config = json.loads(html.unescape(SECTION.findall(page)[0]))
        default = config["parameter_defaults"]["monthly_min_wage_yuan"]
        date, value = site.parameter_default("regional_monthly_minimum_wage")
        assert default["value"] == str(value.value)
        assert default["date"] == date.isoformat()
        assert value.reference.number in default["text"]


def test_data_text_cannot_break_out_of_the_attribute(site):
    page = Renderer(site, "zh").render("calculators/startup_loan.md")
    attribute = SECTION.findall(page)[0]
    assert "<" not in attribute and '"' not in attribute
