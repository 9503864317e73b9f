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
from policy_site.site import amounts
from policy_site.data.loader import load_policy
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
        row = re.search(r'<li>(?:(?!</li>).)*href="' + re.escape(cid) + r'/"(?:(?!</li>).)*</li>', calc_index, re.S)
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
    (Decimal("12552.27"), "zh", "12,552.27元"),  # with fen: no 万 form of six decimals
    (-20000, "zh", "-20,000元（-2万元）"),
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


# ---- reading review 2 and visitor review 2: what the pages say ----

def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def summary_box(root: Path, lang: str, clause_id: str) -> str:
    text = content(page(root, lang, f"clauses/{clause_id}"))
    return plain(re.search(r'<section[^>]*class="policy-summary"[^>]*>(.*?)</section>', text, re.S).group(1))


@pytest.mark.parametrize("lang", LANGS)
def test_at_a_glance_says_what_each_clause_gives(built_site, policy, lang):
    """F4, F7, F12, F14, F18, F23, visitor #10: the box names the clause's benefit (its `gives:` lines),
    not the loan ceilings alone, the calculator's summary or half the benefit."""
    for clause in policy.clauses:
        box = summary_box(built_site, lang, clause.id)
        for line in clause.gives:
            assert line[lang] in box, (clause.id, line[lang])
    zh = {cid: summary_box(built_site, "zh", cid) for cid in ("2.1", "2.2", "2.3", "3.1", "5.2")}
    if lang == "zh":
        assert "利息由财政全额贴息" in zh["2.1"] and "贷款本身要归还" in zh["2.1"]
        assert "3年内免收场地租金和水电费" in zh["2.2"] and "失业人员自主创业" in zh["2.2"]
        assert "估算" not in zh["2.3"] and "用人单位" in zh["2.3"] and "提高25%" in zh["2.3"]
        assert "每月生活补贴和住房补贴" in zh["3.1"] and "（每人每年） 每年" not in zh["3.1"]
        assert "临时生活救助每人每年不超过5000元" in zh["5.2"]
        assert "就业困难人员" not in zh["5.2"] and "生活困难群众" in zh["5.2"]


def test_agency_lines_name_agencies_as_the_clause_writes_them(built_site):
    """F25, F22: 区财政局 where the clause writes 区财政局, 国税局 where it writes 国税局."""
    def line(clause_id, label):
        text = plain(content(page(built_site, "zh", f"clauses/{clause_id}")))
        return re.search(label + r"：([^\n]*)", text).group(1)
    assert line("2.1", "牵头单位") == "区财政局"
    assert "区财政局（国资委）" in line("2.3", "协办单位")
    assets = line("3.5", "协办单位")
    assert "、国税局" in assets and "区国税局" not in assets and "国资委" not in assets


def test_tax_bureau_gives_12366(built_site):
    """F27: the tax bureau's page offers the taxpayer hotline it names."""
    text = content(page(built_site, "zh", "agencies/tax_bureau"))
    assert 'href="tel:12366"' in text


@pytest.mark.parametrize("lang", LANGS)
def test_old_minimum_wage_is_the_latest_on_record_not_the_one_in_force(built_site, policy, lang):
    """F13: a value older than a year, never checked since, is 'the latest recorded here', not 'in
    force on the data date'; the page says nobody checked and whom to ask."""
    param = policy.parameter["regional_monthly_minimum_wage"]
    start, _ = param.latest()
    assert param.last_checked is None and (DATA_DATE - start).days > 365
    text = plain(content(page(built_site, lang, "about-data")))
    if lang == "zh":
        assert "本站记录的最近数值是自2018年1月1日起执行的" in text and "本站没有核对过" in text
        assert "12333" in text and "有效的数值" not in text
    else:
        assert "The latest figure recorded here is" in text and "has not checked" in text
        assert "Value in force on the data date" not in text
    calc = html.unescape(content(page(built_site, lang, "calculators/internship_subsidy")))
    assert ("本站没有核对" if lang == "zh" else "this site has not checked") in calc


@pytest.mark.parametrize("lang", LANGS)
def test_all_clauses_page_explains_its_badges(built_site, policy, lang):
    """Visitor #14: a legend says in plain words what each badge means, with how many of each."""
    text = content(page(built_site, lang, "clauses"))
    legend = re.search(r'<section[^>]*class="policy-status-legend"[^>]*>(.*?)</section>', text, re.S)
    assert legend and text.index("policy-status-legend") < text.index("<h2")
    body = plain(legend.group(1))
    counts = [int(n) for n in re.findall(r"[（(](\d+)(?:条)?[)）]", body)]
    assert sum(counts) == len(policy.clauses)
    if lang == "en":
        assert "the measure has ended" in body and "in force as far as the text says" in body
        assert "nothing in it says the measure has ended" in body


@pytest.mark.parametrize("lang", LANGS)
def test_worked_example_results_are_lists(built_site, lang):
    """Visitor #22: the items and reasons of a worked example are a list, not one run-on line."""
    text = content(page(built_site, lang, "calculators/graduate_outside_region"))
    example = re.search(r'<div class="policy-example">(.*?)</div>', text, re.S).group(1)
    assert "<ul>" in example and example.count("<li>") == 5
    assert "\n- " not in example


def test_guarantee_reward_example_reads_if_judged_outstanding(built_site):
    """2.1-C6: "如获评工作成效突出 · 最多…", not "符合条件"."""
    for lang, verdict in (("zh", "如获评工作成效突出 · 最多"), ("en", "If the work is judged outstanding · Up to")):
        text = plain(content(page(built_site, lang, "calculators/loan_guarantee_reward")))
        assert verdict in text, lang


@pytest.mark.parametrize("lang", LANGS)
def test_graduate_chart_says_its_wage_is_an_example(built_site, lang):
    """Visitor #11: the 3.1 chart's 2,280 a month is a figure chosen by this site."""
    text = plain(content(page(built_site, lang, "clauses/3.1")))
    assert ("这是本站为举例选的数字" if lang == "zh" else "a figure this site chose for the example") in text


def test_calculator_index_is_a_list_that_mentions_rent(built_site):
    """Visitor #20: no squeezed table on a phone; the premises support is findable as 房租."""
    text = content(page(built_site, "zh", "calculators"))
    assert "<table" not in text
    entry = re.search(r'<li>(?:(?!</li>).)*href="venue_subsidy/"(?:(?!</li>).)*</li>', text, re.S).group(0)
    assert "房租" in plain(entry)


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_say_how_to_cite_and_that_no_licence_is_stated(built_site, lang):
    """Visitor #28: never an invented licence."""
    text = plain(content(page(built_site, lang, "about-data")))
    if lang == "zh":
        assert "引用时请写明" in text and "没有声明任何许可协议" in text
    else:
        assert "When citing" in text and "state no licence" in text


def test_home_page_does_not_claim_every_measure_has_assisting_agencies(built_site):
    """F26: 6.1 names no assisting agency."""
    text = plain(content(page(built_site, "zh", "")))
    assert "多数还列明了协办单位" in text and "都列明了牵头单位和协办单位" not in text


def _conditions(policy, clause_id, part):
    clause = next(c for c in policy.clauses if c.id == clause_id)
    return next(m for m in clause.measures if m.part == part)


def test_condition_quotes_contain_what_they_assert(policy):
    """F28: each quote carries the words of its condition; F19, F21, F2: readings say so."""
    b33 = _conditions(policy, "3.3", "b")
    farmer = next(c for c in b33.conditions if c.zh == "是农牧民")
    assert "农牧民" in farmer.quote
    channel = next(c for c in b33.conditions if c.zh.startswith("通过人力资源服务机构"))
    assert "市场主体实现就业" in channel.quote and "对组织到区外就业" in channel.quote
    b34 = _conditions(policy, "3.4", "b")
    assert all("跨地（市）" not in text for text in [b34.offer.zh] + [c.zh for c in b34.conditions])
    transfer = next(f for f in policy.finder.facts if f.id == "transfer")
    assert [c.zh.split("：")[0] for c in transfer.choices][1:] == ["跨地（区）", "跨省"]  # the clause's own words
    assert "贫困人口" in next(c for c in b34.conditions if c.zh == "家庭是建档立卡贫困户").quote
    b35 = _conditions(policy, "3.5", "b")
    assert next(c for c in b35.conditions if c.zh == "目前没有工作").quote == "我区的各类失业人员"
    a41 = _conditions(policy, "4.1", "a")
    assert "本站" in a41.conditions[0].zh and "16" in a41.conditions[0].zh
    d33 = _conditions(policy, "3.3", "d")
    assert "原文没有写明" in d33.offer.zh
    a12 = _conditions(policy, "1.2", "a")
    assert all("人数以社保记录为准" not in n.zh for n in a12.notes)
    c21 = _conditions(policy, "2.1", "c")
    assert any("方案未写明由谁认定" in c.zh for c in c21.conditions)


def test_a_judgement_the_plan_assigns_to_no_one_is_not_given_a_judge(built_site):
    """F5: the plan does not say who judges 工作成效突出: the page sends the reader to ask, it does
    not name a judge."""
    zh = page(built_site, "zh", "clauses/2.1")
    en = page(built_site, "en", "clauses/2.1")
    assert "认定，本站无法判断" not in zh.replace("要由有关部门认定，本站无法判断", "")
    assert "这一条件要由有关部门认定，本站无法判断；请向区财政局" in zh
    assert "decides this condition" not in en and "An agency has to decide this condition" in en
