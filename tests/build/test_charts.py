"""Charts (policy_site/site/charts.py): SVG drawn at build time, text as text, titled and described,
the same numbers as a table on the page, no script, and the same bytes on every build."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest

from tests.conftest import REPO

CHART_PAGES = {  # clause -> the chart it shows (issue 8: at least these three)
    "1.2": "hiring_award_tiers",
    "2.2": "venue_subsidy_by_year",
    "3.1": "graduate_allowances_cumulative",
}
LANGS = {"zh": "", "en": "en/"}

RENDER = """
import hashlib, calculators
from policy_site.data.loader import check_policy
from policy_site.site import charts
check_policy("policy_data", calculators.CALCULATORS)  # registers 2.2's calculator, written as data
for lang in ("zh", "en"):
    for clause_calcs in (["enterprise_hiring_award"], ["venue_subsidy"], ["graduate_outside_region"]):
        for c in charts.charts_for_clause(clause_calcs, calculators.CALCULATORS, calculators.calculate, lang):
            print(lang, c.key, hashlib.sha256(c.svg.encode()).hexdigest())
"""


def _render_in_a_new_process() -> str:
    proc = subprocess.run([sys.executable, "-c", RENDER], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_two_builds_draw_the_same_bytes():
    first, second = _render_in_a_new_process(), _render_in_a_new_process()
    assert first == second and len(first.splitlines()) == 6, (first, second)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("clause_id, key", CHART_PAGES.items())
def test_chart_on_the_clause_page_is_described_and_tabled(built_site, lang, clause_id, key):
    page = (built_site / LANGS[lang] / "clauses" / clause_id / "index.html").read_text(encoding="utf-8")
    figure = re.search(r'<figure class="policy-chart" id="' + key + r'">(.*?)</figure>', page, re.S)
    assert figure, (clause_id, key)
    svg = figure.group(1)
    assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="policy-chart-' + key + '-title policy-chart-' + key + '-desc"', svg)
    title = re.search(r'<title id="policy-chart-' + key + r'-title">([^<]+)</title>', svg)
    desc = re.search(r'<desc id="policy-chart-' + key + r'-desc">([^<]+)</desc>', svg)
    assert title and desc and len(desc.group(1)) > 30
    assert "<script" not in svg and "<image" not in svg
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts, "text stays text (svg.fonttype none), not paths"
    if key == "hiring_award_tiers":
        # Its numbers are the tier table just above it (tier x kind of enterprise).
        before = page[:figure.start()]
        table = re.findall(r'<table class="policy-tiers">(.*?)</table>', before, re.S)
        assert table
        cells = re.sub(r"<[^>]+>", " ", html.unescape(table[-1]))
        for number in ("60人", "30人", "15人", "10人", "160人", "80人", "40人", "25人", "8万元", "25万元") if lang == "zh" \
                else ("60 people", "160 people", "40 people", "80,000 yuan", "250,000 yuan"):
            assert number in cells, number
    else:
        # The same numbers as a table right after the chart.
        after = page[figure.end():]
        table = re.search(r"<table>(.*?)</table>", after, re.S)
        assert table and after.index("<table>") < after.index("<h2")


def test_no_charting_script_is_shipped(built_site):
    names = [p.name.lower() for p in built_site.rglob("*.js")]
    assert not [n for n in names if any(lib in n for lib in ("chart", "plotly", "d3", "vega", "echarts"))]
