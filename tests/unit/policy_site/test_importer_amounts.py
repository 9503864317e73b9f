"""Amounts as candidates for staff (policy_site/importer/amounts.py): real lines of both texts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from policy_site.importer.amounts import read_amounts
from policy_site.data.structure.lines import Line

CASES = [
    # text, (written, value, unit, per, bound, inclusive) of the candidates expected among those found
    ("且签订1年以上劳动合同的,给予8万元奖励。", [("8万元", "80000", "元", None, None, False)]),
    ("自主创业且正常经营6个月以上的,对其给予场地租金和水电费补贴,每年最高不超过1.2万元,",
     [("每年最高不超过1.2万元", "12000", "元", "每年", "at_most", False), ("6个月", "6", "个月", None, "at_least", False)]),
    ("发放探亲路费补贴,每人每年6000元,补贴时间不超过3年。",
     [("每人每年6000元", "6000", "元", "每人每年", None, False), ("不超过3年", "3", "年", None, "at_most", False)]),
    ("见习期间由就业补助资金按每月500元给予生活费补贴。", [("每月500元", "500", "元", "每月", None, False)]),
    ("由就业补助资金按每人3000元给予用人单位留用补贴。", [("每人3000元", "3000", "元", "每人", None, False)]),
    ("由市财政按本市最低工资标准的50%核拨经费补贴，每月按22个工作日计算", [("50%", "50", "%", None, None, False),
                                                    ("每月按22个工作日", "22", "个工作日", "每月", None, False)]),
    ("最长见习补贴期限不超过12个月。", [("不超过12个月", "12", "个月", None, "at_most", False)]),
    ("见习期限一般为3个月至6个月，最长不超过12个月。", [("最长不超过12个月", "12", "个月", None, "at_most", False)]),
    ("按200元/人的标准给予补贴，补贴总额最高不超过50000元，", [("200元/人", "200", "元", "/人", None, False),
                                             ("最高不超过50000元", "50000", "元", None, "at_most", False)]),
    ("见习基地连续两年每年接收就业见习人员超过50人（含50人），就业见习人员见习期满留用率达到60%以上（含60%）的，",
     [("超过50人", "50", "人", None, "at_least", True), ("达到60%", "60", "%", None, "at_least", True)]),
    ("申请的补贴不超过5万元（含本数）。", [("不超过5万元", "50000", "元", None, "at_most", True)]),
    ("组织参加3-12个月的就业见习", [("3-12个月", "12", "个月", None, None, False)]),
    ("见习单位应当每月向见习人员提供不低于本市最低工资标准80%的生活补贴。", [("80%", "80", "%", None, None, False)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_candidates(text, expected):
    found = {(a.text, str(a.value), a.unit, a.per, a.bound, a.inclusive) for a in read_amounts(Line(9, text))}
    for item in expected:
        assert item in found


@pytest.mark.parametrize("text", [
    "2019年1月1日至2020年12月31日,",
    "《广州市人民政府关于进一步促进就业的实施意见》（穗府规〔2018〕19号）",
    "广东省第十一届人民代表大会常务委员会公告第35号",
    "接收见习人员20人以上（含20人）",
])
def test_no_dates_numbers_or_repeated_thresholds(text):
    found = read_amounts(Line(1, text))
    assert all(a.unit != "年" or a.value < 100 for a in found)
    assert len(found) <= 1


def test_amounts_are_decimals_and_ranges_keep_their_low_end():
    (found,) = [a for a in read_amounts(Line(1, "组织参加3-12个月的就业见习")) if a.unit == "个月"]
    assert (found.low, found.value) == (Decimal(3), Decimal(12))
    assert isinstance(found.value, Decimal)
