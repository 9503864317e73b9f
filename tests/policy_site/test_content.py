"""Issue 8 on the real built site: expired measures say so first, every clause page opens with its
summary box, whom to ask is reachable, amounts are written as readers write them, no grouped year.

Which clauses are expired is computed here from the data (validity and the build's data date),
never from a list of ids.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

import calculators
from policy_site import amounts
from policy_site.loader import load_policy
from tests.conftest import POLICY_DATA
from tests.site_build import FIXED_EPOCH

LANGS = {"zh": "", "en": "en/"}
DATA_DATE = dt.datetime.fromtimestamp(int(FIXED_EPOCH), dt.timezone.utc).date()


@pytest.fixture(scope="module")
def policy():
    return load_policy(POLICY_DATA, known_calculators=calculators.CALCULATORS)


def page(root: Path, lang: str, path: str) -> str:
    return (root / LANGS[lang] / path / "index.html").read_text(encoding="utf-8")


def content(text: str) -> str:
    """The article of a page (Material's <article>), without the navigation."""
    start = text.index('<article')
    return text[start:text.index('</article>', start)]


def expired_clauses(policy):
    return [c for c in policy.clauses if c.validity and c.validity.status(DATA_DATE) == "expired"]


def test_the_data_has_an_expired_clause(policy):
    assert expired_clauses(policy), "the checks below need at least one expired clause"


def _tag_after_link(text: str, href_end: str) -> str | None:
    """The status tag right after a link to a clause (``href`` ends with ``href_end``)."""
    m = re.search(r'href="[^"]*' + re.escape(href_end) + r'"[^>]*>[^<]*</a>\s*(<span class="policy-status[^"]*">[^<]*</span>)', text)
    return m.group(1) if m else None


@pytest.mark.parametrize("lang", LANGS)
def test_expired_clause_banner_first_on_its_page_and_its_calculators(built_site, policy, lang):
    for clause in expired_clauses(policy):
        end = clause.validity.end
        year = str(end.year)
        text = content(page(built_site, lang, f"clauses/{clause.id}"))
        banner = re.search(r'<p class="policy-banner policy-banner--expired"[^>]*>(.*?)</p>', text, re.S)
        assert banner and year in banner.group(1), clause.id
        # Under the title: nothing but the heading comes before it.
        assert text.index("policy-banner") < text.index("policy-summary") < text.index("<h2"), clause.id
        for cid in clause.calculators:
            calc = content(page(built_site, lang, f"calculators/{cid}"))
            assert 'policy-banner--expired' in calc and calc.index("policy-banner") < calc.index("<h2"), cid
            assert '"expired"' in html.unescape(calc), "the calculator's script is told the measure ended"


@pytest.mark.parametrize("lang", LANGS)
def test_status_tag_beside_every_clause_in_every_list(built_site, policy, lang):
    """Clause list, audience, agency and funding pages, the calculators index: the tag says expired
    exactly for the expired clauses, and every listed clause has a tag."""
    expired = {c.id for c in expired_clauses(policy)}
    lists = ["clauses"] + [f"audiences/{a.id}" for a in policy.audiences] + \
        [f"agencies/{a.id}" for a in policy.agencies] + [f"funding/{f.id}" for f in policy.funding_sources]
    checked = {}
    for path in lists:
        text = content(page(built_site, lang, path))
        for clause in policy.clauses:
            href = f"{clause.id}/" if path == "clauses" else f"clauses/{clause.id}/"
            if not re.search(r'href="[^"]*' + re.escape(href) + '"', text):
                continue
            tag = _tag_after_link(text, href)
            assert tag, (path, clause.id)
            assert ("policy-status--expired" in tag) == (clause.id in expired), (path, clause.id, tag)
            checked.setdefault(path, set()).add(clause.id)
    assert checked["clauses"] == {c.id for c in policy.clauses}
    for clause in expired_clauses(policy):
        for audience in clause.audiences:
            assert clause.id in checked[f"audiences/{audience}"]
        for agency in clause.lead_agencies + clause.assisting_agencies:
            assert clause.id in checked[f"agencies/{agency}"]
    calc_index = content(page(built_site, lang, "calculators"))
    for cid in calculators.CALCULATORS:
        row = re.search(r'<tr>\s*<td><a href="' + re.escape(cid) + r'/">.*?</tr>', calc_index, re.S)
        assert row, cid
        clause = next(c for c in policy.clauses if cid in c.calculators)
        assert ("policy-status--expired" in row.group(0)) == (clause.id in expired), cid


@pytest.mark.parametrize("lang", LANGS)
def test_summary_box_opens_every_clause_page(built_site, policy, lang):
    for clause in policy.clauses:
        text = content(page(built_site, lang, f"clauses/{clause.id}"))
        box = re.search(r'<section[^>]*class="policy-summary"[^>]*>(.*?)</section>', text, re.S)
        assert box, clause.id
        assert text.index("policy-summary") < text.index("<h2"), "the box comes before the first section"
        body = box.group(1)
        for audience in clause.audiences:
            assert f"audiences/{audience}/" in body, (clause.id, audience)
        assert "policy-status" in body, clause.id
        lead = policy.agency[clause.lead_agencies[0]]
        assert f"agencies/{lead.id}/" in body and (lead.full_name or lead.name)[lang] in html.unescape(re.sub(r"<[^>]+>", "", body))
        if not lead.has_contact:
            assert 'href="tel:12345"' in body, clause.id
        for cid in clause.calculators:
            assert re.search(r'class="md-button[^"]*"[^>]*href="[^"]*calculators/' + cid + '/"|href="[^"]*calculators/'
                             + cid + r'/"[^>]*class="md-button', body), (clause.id, cid)


def test_agency_pages_name_the_agency_in_full_and_how_to_reach_it(built_site, policy):
    for agency in policy.agencies:
        for lang in LANGS:
            text = content(page(built_site, lang, f"agencies/{agency.id}"))
            h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1)
            assert html.unescape(h1) == (agency.full_name or agency.name)[lang]
            tel = set(re.findall(r'href="tel:([^"]+)"', text))
            if agency.has_contact:
                assert tel <= {agency.phone}
            else:
                # Only the public hotlines: never an invented number.
                assert tel == set(agency.hotlines), agency.id


GROUPED_YEAR = re.compile(r"(?<![\d,.])(1[89]|2[01]),\d{3}(?![\d,])(?!\s*(元|yuan|人|people))")


def test_no_year_is_grouped_anywhere(built_site):
    offenders = []
    for path in sorted(built_site.rglob("*.html")):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        for m in GROUPED_YEAR.finditer(text):
            value = int(m.group(0).replace(",", ""))
            if 1900 <= value <= 2100:
                offenders.append((path.relative_to(built_site), text[max(0, m.start() - 30):m.end() + 10]))
    assert not offenders, offenders[:5]


def test_worked_example_years_are_plain(built_site):
    text = page(built_site, "en", "calculators/enterprise_hiring_award")
    assert '<span class="policy-amount">2019</span>' in text or '<span class="policy-amount">2020</span>' in text


@pytest.mark.parametrize("value, lang, expected", [
    (80000, "zh", "80,000元（8万元）"),
    (6187.5, "zh", "6,187.50元"),
    (204560, "zh", "204,560元（20.456万元）"),
    (3000000, "en", "3,000,000 yuan"),
    (Decimal("5.4"), "en", "5.40 yuan"),
])
def test_money(value, lang, expected):
    assert amounts.money_text(value, lang) == expected


@pytest.mark.parametrize("value, unit, lang, expected", [
    ("80000", "yuan", "zh", "8万元"),
    ("12000", "yuan_per_year", "zh", "每年1.2万元"),
    ("3000000", "yuan", "zh", "300万元"),
    ("8000", "yuan_per_person", "zh", "每人8000元"),
    ("80000", "yuan", "en", "80,000 yuan"),
    ("0.25", "percent", "zh", "25%"),
    ("2019", "calendar_year", "en", "2019"),
    ("2019", "calendar_year", "zh", "2019年"),
])
def test_plan_figures(value, unit, lang, expected):
    assert amounts.figure_text(value, unit, lang) == expected


def test_every_amount_is_kept_with_its_unit():
    assert str(amounts.money(80000, "zh")).count('<span class="policy-amount">') == 2
    assert str(amounts.figure("80000", "yuan", "en")) == '<span class="policy-amount">80,000 yuan</span>'
