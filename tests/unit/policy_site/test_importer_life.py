"""Dates and a document's life as its text says them (data/structure/dates.py, importer/life.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from policy_site.data.structure.dates import NotADate, read_date, read_date_line, term_end
from policy_site.importer.life import Repealed, read_life
from policy_site.data.structure.lines import Line

D = dt.date


@pytest.mark.parametrize(("text", "expected"), [
    ("2019年10月9日", D(2019, 10, 9)),
    ("2023年8月9日", D(2023, 8, 9)),
    ("二〇一九年十月九日", D(2019, 10, 9)),
    ("二〇二三年八月三十一日", D(2023, 8, 31)),
    ("2019 年 1 月 1 日", D(2019, 1, 1)),
])
def test_date_lines(text, expected):
    assert read_date_line(text) == expected


@pytest.mark.parametrize("text", ["2019年10月9日印发", "广州市财政局", "2019年10月", "（盖章） 年 月 日"])
def test_lines_that_are_not_a_date_alone(text):
    assert read_date_line(text) is None


def test_a_date_that_does_not_exist_is_refused_not_moved():
    with pytest.raises(NotADate):
        read_date("自2023年2月30日起施行")


@pytest.mark.parametrize(("start", "years", "end"), [
    (D(2023, 9, 8), 3, D(2026, 9, 7)),
    (D(2019, 10, 9), 5, D(2024, 10, 8)),
    (D(2020, 1, 1), 2, D(2021, 12, 31)),
    (D(2024, 2, 29), 1, D(2025, 2, 28)),
    (D(2024, 2, 29), 4, D(2028, 2, 28)),
    (D(2023, 3, 1), 1, D(2024, 2, 29)),
])
def test_a_term_ends_the_day_before_the_same_date_n_years_on(start, years, end):
    assert term_end(start, years) == end


LIFE = [
    # (lines, signed, in_force_from, expires)
    (["本办法自2023年9月8日起施行，有效期3年。"], None, D(2023, 9, 8), D(2026, 9, 7)),
    (["第二十三条 本办法自印发之日起施行，有效期5年。"], D(2019, 10, 9), D(2019, 10, 9), D(2024, 10, 8)),
    (["本通知自印发之日起实施，有效期至2025年12月31日。"], D(2023, 1, 5), D(2023, 1, 5), D(2025, 12, 31)),
    (["本办法自2024年2月29日起施行，有效期1年。"], None, D(2024, 2, 29), D(2025, 2, 28)),
    (["本办法有效期为五年，自2021年7月1日起施行。"], None, D(2021, 7, 1), D(2026, 6, 30)),
    (["本方案有效期自2022年1月1日至2024年12月31日。"], None, D(2022, 1, 1), D(2024, 12, 31)),
    (["有效期至2025年12月31日。"], None, None, D(2025, 12, 31)),
    # the Lhasa plan: dates of measures, not of the document's life
    (["（二）支持企业吸纳就业。2019年1月1日至2020年12月31日,对国有企业当年新增拉萨市户籍就业人数达到60人以上,"], None,
     None, None),
    (["加大就业见习扶持力度,2019年1月1日起,实施青年见习计划,"], None, None, None),
    # terms and starts of something else than the document
    (["经认定的就业见习基地，认定资格有效期3年。"], None, None, None),
    (["自2020年1月1日起执行新的补贴标准。"], None, None, None),
    (["第二十三条 本办法自2020年1月1日起施行。就业见习基地认定资格有效期3年。"], None, D(2020, 1, 1), None),
    # a signing date alone does not date a document's life
    (["为贯彻落实……现将《广州市就业见习基地管理办法》印发给你们，请认真贯彻执行。"], D(2019, 10, 9), None, None),
]


@pytest.mark.parametrize(("texts", "signed", "start", "end"), LIFE)
def test_life(texts, signed, start, end):
    life = read_life([Line(n, text) for n, text in enumerate(texts, start=10)], signed)
    assert (life.in_force_from, life.expires) == (start, end)


def test_from_the_signing_date_without_one_is_left_empty_and_said():
    life = read_life([Line(7, "本办法自印发之日起施行，有效期5年。")], None)
    assert (life.in_force_from, life.expires) == (None, None)
    assert {note.line for note in life.notes} == {7}
    assert all(note.zh and note.en for note in life.notes)


def test_repealed_documents_with_title_and_number():
    text = ("第二十三条 本办法自印发之日起施行，有效期5年。《广州市人力资源和社会保障局 广州市财政局关于印发〈广州市高校毕业生"
            "就业见习基地管理办法〉的通知》（穗人社发〔2015〕27号）同时废止。")
    life = read_life([Line(73, text)], D(2019, 10, 9))
    assert life.repeals == [Repealed("穗人社发〔2015〕27号", "广州市高校毕业生就业见习基地管理办法")]


@pytest.mark.parametrize(("text", "repeals"), [
    ("《广州市就业见习管理暂行办法》（穗人社发〔2012〕3号）和《关于印发〈广州市见习补贴办法〉的通知》（穗人社规字〔2016〕2号）同时废止。",
     [Repealed("穗人社发〔2012〕3号", "广州市就业见习管理暂行办法"),
      Repealed("穗人社规字〔2016〕2号", "广州市见习补贴办法")]),
    ("原《拉萨市就业补助资金管理办法》同时废止。", [Repealed(None, "拉萨市就业补助资金管理办法")]),
    ("（拉政发〔2016〕12号）同时废止。", [Repealed("拉政发〔2016〕12号", None)]),
    ("本办法自印发之日起施行。", []),
])
def test_repeals(text, repeals):
    assert read_life([Line(1, text)], None).repeals == repeals


def test_a_term_of_something_else_is_not_the_documents():
    life = read_life([Line(5, "经认定的就业见习基地，认定资格有效期3年。")], None)
    assert (life.term_years, life.notes, life.lines) == (None, [], [])
