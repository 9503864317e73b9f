"""Chinese numerals as documents number their parts (policy_site/data/numerals.py)."""

from __future__ import annotations

import pytest

from policy_site.data.numerals import numeral, parse_numeral, parse_ordinal


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("二", 2), ("九", 9), ("十", 10), ("十一", 11), ("十二", 12), ("十九", 19), ("二十", 20),
    ("二十三", 23), ("三十", 30), ("九十九", 99), ("一百", 100), ("一百零五", 105), ("一百〇五", 105),
    ("一百一十", 110), ("一百二十三", 123), ("九百九十九", 999),
])
def test_numerals_read(text, value):
    assert parse_numeral(text) == value


@pytest.mark.parametrize("text", ["", "零", "二二", "十十", "一十二", "二十二十", "百", "两", "1", "第一", "一百五",
                                  "一千"])
def test_misprints_are_not_read_as_another_number(text):
    assert parse_numeral(text) is None


def test_every_numeral_from_1_to_999_reads_back():
    assert all(parse_numeral(numeral(n)) == n for n in range(1, 1000))


@pytest.mark.parametrize(("line", "expected"), [
    ("第二十三条 本办法自印发之日起施行，有效期5年。", (23, "条")),
    ("第一章  总则", (1, "章")),
    ("第五章  附则", (5, "章")),
    ("第十条 就业见习单位应与见习人员按照平等自愿、协商一致的原则签订见习协议。", (10, "条")),
    ("第五条所列认定条件", (5, "条")),
    ("第二节 申请", (2, "节")),
    ("第一百零一条 附则", (101, "条")),
    ("为加强本市就业见习基地管理", None),
    ("第x条", None),
])
def test_ordinals(line, expected):
    assert parse_ordinal(line) == expected
