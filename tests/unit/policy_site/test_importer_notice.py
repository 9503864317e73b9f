"""The notice before a document: issuers, titles, signatures, signing date (issuers.py, titles.py, notice.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from policy_site.data.structure.issuers import issuers, looks_like_bodies, split_bodies
from policy_site.data.structure.lines import source_lines
from policy_site.data.structure.notice import read_notice
from policy_site.data.structure.titles import document_title, notice_title


@pytest.mark.parametrize(("line", "bodies"), [
    ("广州市人力资源和社会保障局       广州市财政局", ["广州市人力资源和社会保障局", "广州市财政局"]),
    ("广州市人力资源和社会保障局 广州市财政局", ["广州市人力资源和社会保障局", "广州市财政局"]),
    ("西藏自治区人力资源和社会保障厅\u3000西藏自治区财政厅\u3000西藏自治区扶贫开发办公室",
     ["西藏自治区人力资源和社会保障厅", "西藏自治区财政厅", "西藏自治区扶贫开发办公室"]),
    ("拉萨市人民政府", ["拉萨市人民政府"]),
    # never split inside a name: no space, one piece
    ("广州市人力资源和社会保障局广州市财政局", ["广州市人力资源和社会保障局广州市财政局"]),
])
def test_bodies_are_split_at_spaces_only(line, bodies):
    assert split_bodies(line) == bodies
    assert looks_like_bodies(line)


@pytest.mark.parametrize("line", [
    "各区人力资源和社会保障局：",
    "为贯彻落实《广州市人民政府关于进一步促进就业的实施意见》，现将《广州市就业见习基地管理办法》印发给你们，请认真贯彻执行。",
    "广州市就业见习基地管理办法",
    "2019年10月9日",
])
def test_lines_that_are_not_bodies(line):
    assert not looks_like_bodies(line)


def test_each_body_once_in_the_texts_order():
    assert issuers(["甲局", "乙局"], ["乙局", "丙委员会"]) == ["甲局", "乙局", "丙委员会"]


@pytest.mark.parametrize(("title", "document"), [
    ("广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知", "广州市就业见习基地管理办法"),
    ("《广州市人力资源和社会保障局 广州市财政局关于印发〈广州市就业补助资金使用管理办法〉的通知》", "广州市就业补助资金使用管理办法"),
    ("拉萨市人民政府关于印发拉萨市关于做好当前和今后一个时期促进就业工作的实施方案的通知",
     "拉萨市关于做好当前和今后一个时期促进就业工作的实施方案"),
    ("关于印发《西藏自治区就业补助资金管理办法》的通知", "西藏自治区就业补助资金管理办法"),
    ("广州市人力资源和社会保障局关于明确促进就业政策项目办理程序的通知", None),
])
def test_the_documents_own_title(title, document):
    assert document_title(title) == document


def test_a_wrapped_notice_title_is_joined():
    lines = source_lines("广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习\n基地管理办法的通知\n各区人力资源和社会保障局：")
    assert notice_title(lines, 0) == ("广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知", 1)


def test_a_sentence_with_guanyu_is_no_title():
    lines = source_lines("为贯彻落实《国务院关于做好当前和今后一个时期促进就业工作的若干意见》（国发〔2018〕39号）精神,制定本实施方案。")
    assert notice_title(lines, 0) is None


NOTICE = """穗人社规字〔2019〕6号
广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习
基地管理办法的通知
各区人力资源和社会保障局：
为贯彻落实……现将《广州市就业见习基地管理办法》印发给你们，请认真贯彻执行。执行中遇到的问题，请径向广州市人力资源和社会保障局反映。
广州市人力资源和社会保障局       广州市财政局
2019年10月9日
广州市就业见习基地管理办法
第一章  总则
"""


def test_the_guangzhou_notice():
    notice = read_notice(source_lines(NOTICE))
    assert notice.number.text == "穗人社规字〔2019〕6号"
    assert notice.issuer_line is None
    assert [line.number for line in notice.title_lines] == [2, 3]
    assert notice.addressee.number == 4
    assert [line.number for line in notice.body] == [5]
    assert [line.number for line in notice.signatures] == [6]
    assert notice.signed == dt.date(2019, 10, 9)
    assert notice.end == 7
    assert notice.signature_bodies == ["广州市人力资源和社会保障局", "广州市财政局"]
    assert notice.wrapped_title == "广州市就业见习基地管理办法"


def test_a_line_of_issuers_before_the_title_and_signatures_one_a_line():
    text = ("拉政发〔2019〕40号\n拉萨市人力资源和社会保障局 拉萨市财政局\n关于印发拉萨市就业见习管理办法的通知\n各县（区）人社局：\n"
            "现将《拉萨市就业见习管理办法》印发给你们，请遵照执行。\n拉萨市人力资源和社会保障局\n拉萨市财政局\n2023年8月9日\n"
            "第一条 为规范就业见习工作，制定本办法。")
    notice = read_notice(source_lines(text))
    assert notice.issuers_on_line == ["拉萨市人力资源和社会保障局", "拉萨市财政局"]
    assert [line.number for line in notice.signatures] == [6, 7]
    assert issuers(notice.issuers_on_line, notice.signature_bodies) == ["拉萨市人力资源和社会保障局", "拉萨市财政局"]
    assert notice.signed == dt.date(2023, 8, 9)
    assert notice.end == 8


def test_no_notice():
    notice = read_notice(source_lines("为认真贯彻落实……制定本实施方案。\n一、支持企业发展稳定就业"))
    assert (notice.end, notice.title, notice.lines) == (0, None, [])


def test_the_red_head_above_the_number_is_part_of_the_notice():
    notice = read_notice(source_lines("广州市人力资源和社会保障局文件\n" + NOTICE))
    assert notice.header_line.number == 1
    assert notice.number.text == "穗人社规字〔2019〕6号"
    assert [line.number for line in notice.lines] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert notice.end == 8
