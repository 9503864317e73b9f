"""Agencies from the text's own markers (policy_site/importer/agencies.py): real lines of the Lhasa plan."""

from __future__ import annotations

import pytest

from policy_site.importer.agencies import read_agencies, split_names
from policy_site.data.structure.lines import Line

CASES = [
    ("对确需裁员的企业,指导其依法制定裁员方案,履行法定程序。（牵头单位:区工商联、区财政局（国资委）;协办单位:各乡（镇）、总工会、"
     "区发改委、区经信局、区人社局)",
     ("区工商联", "区财政局（国资委）"), ("各乡（镇）", "总工会", "区发改委", "区经信局", "区人社局"), ()),
    ("上述资金从就业补助资金中列支。(牵头单位:区人社局;协办单位:各乡（镇）、区工商联、区财政局（国资委）)",
     ("区人社局",), ("各乡（镇）", "区工商联", "区财政局（国资委）"), ()),
    ("共同做好促进就业工作。（牵头单位：区人社局、区财政局）", ("区人社局", "区财政局"), (), ()),
    ("分级预警、分层响应、分类实施。(牵头单位:区人社局;协办单位:各乡（镇）、区财政局、区统计局)",
     ("区人社局",), ("各乡（镇）", "区财政局", "区统计局"), ()),
    ("牵头单位：市人力资源社会保障局；协办单位：市财政局、市教育局", ("市人力资源社会保障局",), ("市财政局", "市教育局"), ()),
    ("具体工作由市高校毕业生就业指导中心负责。", (), (), ("市高校毕业生就业指导中心",)),
    ("由市人力资源社会保障局负责解释。", (), (), ("市人力资源社会保障局",)),
]


@pytest.mark.parametrize(("text", "lead", "support", "in_charge"), CASES)
def test_markers(text, lead, support, in_charge):
    marker = read_agencies(Line(3, text))
    assert (marker.line, marker.lead, marker.support, marker.in_charge) == (3, lead, support, in_charge)


@pytest.mark.parametrize("text", [
    "第三条 市人力资源社会保障局是本市就业见习基地管理工作行政主管部门，负责本办法组织实施。",
    "经评估后由认定机关取消其见习基地资格。",
])
def test_lines_without_markers(text):
    assert read_agencies(Line(1, text)) is None


def test_names_are_never_split_inside_brackets():
    assert split_names("各乡（镇）、区农业农村局（科技局）、区发改委") == ["各乡（镇）", "区农业农村局（科技局）", "区发改委"]
