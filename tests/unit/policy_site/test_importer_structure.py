"""Every line in its one place, for every shape of the contract (policy_site/data/structure/reader.py).

The small texts are built from real lines of the Guangzhou measures and the Lhasa plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_site.importer import TextNotStructured, read_structure

ART1 = "第一条 为加强本市就业见习基地管理，切实做好青年在我市的就业见习工作，制定本办法。"
ART2 = "第二条 本办法所指就业见习基地是指面向社会征集，经过市人力资源社会保障局认定的就业见习单位。"
ART2B = "本办法所指就业见习人员是指离校未就业（毕业2年内）高校毕业生和16-24岁失业青年。"
ART3 = "第三条 申请认定就业见习基地，应当符合下列条件："
ITEM1 = "（一）具有良好的社会信誉，管理规范，有从事就业见习工作的积极性；"
ITEM2 = "（二）具有见习师资力量，能根据需要在见习期间为见习人员安排见习指导和管理人员；"
ART4 = "第四条 本办法自印发之日起施行，有效期5年。"
ART5 = "第五条 上述所需资金从市级就业补助资金中安排。"
SEC1 = "一、支持企业发展稳定就业"
SEC2 = "二、鼓励创新创业带动就业"
CL1 = "（一）帮扶困难企业稳定就业岗位。建立困难企业帮扶台账。(牵头单位:区人社局)"
CL2 = "（二）支持企业吸纳就业。上述资金从就业补助资金中列支。(牵头单位:区人社局)"
CL3 = "（三）扩大就业见习补贴范围。加大就业见习扶持力度。(牵头单位:区人社局)"
PREAMBLE = "为认真贯彻落实……精神,结合我区实际,制定本实施方案。"


REPO = Path(__file__).resolve().parents[3]
GUANGZHOU = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
LHASA = REPO / "policy_data" / "source.zh.txt"


def places(structure):
    return [(p.line, p.place, p.id) for p in structure.places()]


def test_chapters_articles_and_items():
    text = "\n".join(["广州市就业见习基地管理办法", "第一章  总则", ART1, ART2, ART2B,
                      "第二章  见习基地的申请条件和程序", ART3, ITEM1, ITEM2, "申请单位应当在申请材料上加盖单位公章。", ART4])
    s = read_structure(text)
    assert s.shape == "chapters"
    assert s.title_line.number == 1
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", "总则"), ("2", "见习基地的申请条件和程序")]
    assert [(c.id, c.label, len(c.lines), [i.id for i in c.items]) for c in s.clauses] == [
        ("1", "第一条", 1, []), ("2", "第二条", 2, []), ("3", "第三条", 4, ["3.1", "3.2"]), ("4", "第四条", 1, [])]
    assert s.clauses[1].text == ART2 + "\n" + ART2B
    assert places(s) == [(1, "title", ""), (2, "heading", "1"), (3, "clause", "1"), (4, "clause", "2"),
                         (5, "clause", "2"), (6, "heading", "2"), (7, "clause", "3"), (8, "clause", "3"),
                         (9, "clause", "3"), (10, "clause", "3"), (11, "clause", "4")]


def test_a_chapters_words_on_the_next_line():
    s = read_structure("\n".join(["第一章", "总则", ART1]))
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", "总则")]
    assert places(s)[:2] == [(1, "heading", "1"), (2, "heading", "1")]


def test_articles_only_make_one_section_without_heading():
    s = read_structure("\n".join([ART1, ART2, ART2B, ART3, ITEM1, ITEM2]))
    assert s.shape == "articles"
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", None)]
    assert [c.id for c in s.clauses] == ["1", "2", "3"]
    assert s.title_line is None and s.preamble == []


def test_an_article_written_without_a_space_and_a_reference_at_a_lines_start():
    text = "\n".join(["第一条为加强本市就业见习基地管理，制定本办法。", "第五条所列认定条件另行规定。", "第二条本办法自印发之日起施行。"])
    s = read_structure(text)
    assert [(c.id, len(c.lines)) for c in s.clauses] == [("1", 2), ("2", 1)]


def test_sections_clauses_and_points():
    text = "\n".join([PREAMBLE, SEC1, CL1, "1.申请对象。", "具有良好的社会信誉。", "2.申请流程。", CL2, SEC2, CL1])
    s = read_structure(text)
    assert s.shape == "sections"
    assert [line.number for line in s.preamble] == [1]
    assert [(c.id, c.label, len(c.lines), [i.id for i in c.items]) for c in s.clauses] == [
        ("1.1", "（一）", 4, ["1.1.1", "1.1.2"]), ("1.2", "（二）", 1, []), ("2.1", "（一）", 1, [])]
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", "支持企业发展稳定就业"), ("2", "鼓励创新创业带动就业")]


def test_a_line_between_a_heading_and_its_first_clause_has_no_place_and_is_reported():
    s = read_structure("\n".join([SEC1, "各乡（镇）要高度重视。", CL1, CL2]))
    assert [line.number for line in s.unplaced] == [2]
    assert 2 not in [p.line for p in s.places()]


GROUPED_LIST = "\n".join([
    "面向单位的扶持政策",
    "一、一次性吸纳就业补贴",
    "对招用毕业年度高校毕业生的企业，按每人1500元给予一次性补贴。",
    "申领方式：登录广州人社网上办事大厅申请。",
    "二、社会保险补贴",
    "（1）招用就业困难人员；",
    "（2）签订1年以上劳动合同。",
    "面向个人的扶持政策",
    "一、求职创业补贴",
    "对符合条件的毕业生给予每人3000元补贴。",
    "二、创业担保贷款",
    "三、就业见习补贴",
])


def test_a_list_with_groups_restarting_at_one():
    s = read_structure(GROUPED_LIST)
    assert s.shape == "list"
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", "面向单位的扶持政策"), ("2", "面向个人的扶持政策")]
    assert [(c.id, c.label, len(c.lines), [i.id for i in c.items]) for c in s.clauses] == [
        ("1.1", "一、", 3, []), ("1.2", "二、", 3, ["1.2.1", "1.2.2"]),
        ("2.1", "一、", 2, []), ("2.2", "二、", 1, []), ("2.3", "三、", 1, [])]
    assert s.title_line is None and s.preamble == []
    assert places(s)[0] == (1, "heading", "1") and places(s)[7] == (8, "heading", "2")


def test_a_list_that_never_restarts_is_one_group_and_its_head_is_preamble():
    s = read_structure("\n".join([PREAMBLE, "一、一次性吸纳就业补贴", "对招用毕业年度高校毕业生的企业给予补贴。",
                                  "二、社会保险补贴"]))
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", None)]
    assert [c.id for c in s.clauses] == ["1.1", "1.2"]
    assert [line.number for line in s.preamble] == [1]


def test_annex_and_footer_boundaries():
    text = "\n".join([ART1, ART2, "附件：1.广州市就业见习基地申请程序", "2.广州市就业见习基地评估表", "附件1",
                      "广州市就业见习基地申请程序", "一、经办机构", "（一）初核机构：广州市高校毕业生就业指导中心；",
                      "附件2", "广州市就业见习基地评估表", "公开方式：主动公开", "抄送：省人力资源社会保障厅。",
                      "广州市人力资源和社会保障局办公室", "广州市人力资源和社会保障局办公室          2019年10月10日印发"])
    s = read_structure(text)
    assert [(c.id, len(c.lines)) for c in s.clauses] == [("1", 1), ("2", 1)]
    assert [line.number for line in s.annex_lines] == list(range(3, 11))
    assert [line.number for line in s.footer] == [11, 12, 13, 14]
    assert s.annexes == 2  # listed twice and given twice: counted once each
    assert s.unplaced == []


@pytest.mark.parametrize(("tail", "count"), [
    (["附件：广州市就业见习基地申请程序"], 1),
    (["附件：广州市就业见习基地申请程序", "附件", "广州市就业见习基地申请程序", "附表1", "广州市就业见习基地申请表"], 1),
    (["附件1", "甲表", "附件2", "乙表", "附件3", "丙表"], 3),
    (["公开方式：主动公开"], 0),
    (["广州市人力资源和社会保障局办公室          2019年10月10日印发"], 0),
])
def test_annexes_count_annexes_not_lines(tail, count):
    s = read_structure("\n".join([ART1, *tail]))
    assert s.annexes == count
    assert len(s.clauses[0].lines) == 1


def test_a_footer_then_an_annex():
    s = read_structure("\n".join([ART1, "抄送：省人力资源社会保障厅。", "广州市人力资源和社会保障局办公室", "附件1", "甲表"]))
    assert [line.number for line in s.footer] == [2, 3]
    assert [line.number for line in s.annex_lines] == [4, 5]


@pytest.mark.parametrize("path", [GUANGZHOU, LHASA], ids=["guangzhou", "lhasa"])
def test_every_line_of_the_two_real_texts_has_one_place(path):
    s = read_structure(path.read_text(encoding="utf-8"))
    numbers = [p.line for p in s.places()]
    assert len(numbers) == len(set(numbers))
    assert sorted(numbers + [line.number for line in s.unplaced]) == [line.number for line in s.lines]
    assert s.unplaced == []


# -- text that cannot be structured: located problems, never a traceback -------------------------------------

ERRORS = [
    ("no numbering", [PREAMBLE, "各乡（镇）要高度重视。"], [1]),
    ("an article skips", [ART1, ART2, "第五条 上述所需资金从市级就业补助资金中安排。"], [3]),
    ("第三条 after 第五条", [ART1, ART2, ART3, ART4, ART5, "第三条 上述所需资金从市级就业补助资金中安排。"], [6]),
    ("a chapter skips", ["第一章  总则", ART1, "第三章   见习单位职责", ART2], [3]),
    ("a section skips", [SEC1, CL1, "三、大力促进重点群体就业", CL1], [3]),
    ("a clause skips", [SEC1, CL1, CL3], [3]),
    ("a clause goes back", [SEC1, CL1, CL2, CL1], [4]),
    ("an item skips in an article", [ART1, "第二条 申请认定就业见习基地，应当符合下列条件：", ITEM2], [3]),
    ("a clause before the first heading", [CL1, SEC1, CL1], [1]),
    ("a list item skips", ["一、一次性吸纳就业补贴", "三、社会保险补贴"], [2]),
    ("a restart without a group heading", ["面向单位的扶持政策", "一、一次性吸纳就业补贴", "一、求职创业补贴"], [3]),
    ("two problems at once", [ART1, "第三条 甲。", "第二条 乙。"], [2, 3]),
]


@pytest.mark.parametrize(("why", "lines", "at"), ERRORS, ids=[e[0] for e in ERRORS])
def test_text_that_cannot_be_structured_is_refused_with_its_line_numbers(why, lines, at):
    with pytest.raises(TextNotStructured) as caught:
        read_structure("\n".join(lines))
    assert [p.line for p in caught.value.problems] == at
    for problem in caught.value.problems:
        assert problem.zh and problem.en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.zh)
        assert problem.en[0].isascii() and " the " in problem.en


def test_blank_lines_do_not_shift_line_numbers():
    with pytest.raises(TextNotStructured) as caught:
        read_structure("\n\n" + ART1 + "\n\n" + "第三条 甲。")
    assert [p.line for p in caught.value.problems] == [5]


def test_an_empty_text():
    with pytest.raises(TextNotStructured) as caught:
        read_structure("\n  \n")
    assert caught.value.problems[0].line == 0


def test_a_notice_that_is_itself_the_document_is_signed_at_its_end():
    text = "\n".join([
        "拉萨市人力资源和社会保障局关于做好2023年高校毕业生就业工作的通知",
        "各县（区）人力资源和社会保障局：",
        "为做好今年高校毕业生就业工作，现就有关事项通知如下：",
        SEC1, CL1, CL2,
        "本通知自印发之日起施行，有效期2年。",
        "拉萨市人力资源和社会保障局",
        "2023年8月9日",
    ])
    s = read_structure(text)
    assert s.notice.signed.isoformat() == "2023-08-09"
    assert [line.number for line in s.notice.lines] == [1, 2, 8, 9]
    assert [line.number for line in s.clauses[-1].lines] == [6, 7]
    assert [line.number for line in s.preamble] == [3]
    assert s.title_line is None


def test_a_notice_without_a_signing_date_ends_where_the_document_repeats_its_title():
    text = "\n".join([
        "关于印发《广州市就业见习基地管理办法》的通知",
        "各区人力资源和社会保障局：",
        "现将《广州市就业见习基地管理办法》印发给你们，请认真贯彻执行。",
        "广州市人力资源和社会保障局 广州市财政局",
        "广州市就业见习基地管理办法",
        ART1,
    ])
    s = read_structure(text)
    assert [line.number for line in s.notice.body] == [3]
    assert [line.number for line in s.notice.signatures] == [4]
    assert s.title_line.number == 5 and s.preamble == []
    assert s.notice.signed is None


def test_a_reference_to_an_article_inside_a_clause_does_not_change_the_shape():
    s = read_structure("\n".join([SEC1, CL1, "第五条 规定的条件，按原办法执行。", CL2]))
    assert s.shape == "sections"
    assert [(c.id, len(c.lines)) for c in s.clauses] == [("1.1", 2), ("1.2", 1)]


def test_a_title_line_then_a_preamble_without_a_notice():
    s = read_structure("\n".join(["广州市就业见习基地管理办法", "为加强本市就业见习基地管理，制定本办法。", ART1]))
    assert s.title_line.number == 1
    assert [line.number for line in s.preamble] == [2]
    assert places(s)[:2] == [(1, "title", ""), (2, "preamble", "")]


def test_points_that_do_not_run_on_stay_text_of_the_clause():
    # the Guangzhou annex read as a document: 附表：1. … 2. … after the points 1. 2. of 三（三）
    text = "\n".join(["三、申请资料", "（一）就业见习基地。", "申请就业见习基地提交材料：", "1. 《广州市就业见习基地申请表》；",
                      "2. 《广州市就业见习基地见习岗位需求信息表》；", "附表：1. 广州市就业见习基地申请表",
                      "2. 广州市就业见习基地见习岗位需求信息表", "1.《广州市就业见习示范基地申报表》；"])
    s = read_structure(text.replace("三、", "一、"))
    (clause,) = s.clauses
    assert [item.id for item in clause.items] == ["1.1.1", "1.1.2"]
    assert len(clause.lines) == 7
    assert [note.line for note in s.notes] == [7]  # a 2. after the run: said; a restart at 1. is normal nesting


def test_a_second_list_in_an_article_stays_text_and_is_said():
    s = read_structure("\n".join(["第一条 申请认定就业见习基地，应当符合下列条件：", ITEM1, ITEM2, "申请单位还应当符合下列要求：",
                                  ITEM1, ITEM2]))
    assert [item.id for item in s.clauses[0].items] == ["1.1", "1.2"]
    assert len(s.clauses[0].lines) == 6
    assert [note.line for note in s.notes] == [5]


def test_chapters_holding_clauses_without_articles():
    s = read_structure("\n".join(["第一章  总体要求", CL1, CL2, "第二章  主要措施", CL1]))
    assert s.shape == "chapters"
    assert [(sec.id, sec.heading) for sec in s.sections] == [("1", "总体要求"), ("2", "主要措施")]
    assert [(c.id, c.label) for c in s.clauses] == [("1.1", "（一）"), ("1.2", "（二）"), ("2.1", "（一）")]


def test_chapters_holding_numbered_items():
    s = read_structure("\n".join(["第一章  面向单位的扶持政策", "一、一次性吸纳就业补贴", "申领方式：登录广州人社网上办事大厅申请。",
                                  "第二章  面向个人的扶持政策", "一、求职创业补贴", "二、创业担保贷款"]))
    assert [(c.id, c.label, len(c.lines)) for c in s.clauses] == [("1.1", "一、", 2), ("2.1", "一、", 1),
                                                                  ("2.2", "二、", 1)]


def test_articles_under_section_headings_are_numbered_on():
    s = read_structure("\n".join(["一、总则", ART1, ART2, "二、附则", "第三条 本办法自印发之日起施行。"]))
    assert s.shape == "sections"
    assert [(sec.id, sec.heading, [c.id for c in sec.clauses]) for sec in s.sections] == [
        ("1", "总则", ["1", "2"]), ("2", "附则", ["3"])]


def test_a_chapter_that_skips_among_clauses_is_refused():
    with pytest.raises(TextNotStructured) as caught:
        read_structure("\n".join(["第一章  总体要求", CL1, "第三章  主要措施", CL1]))
    assert [p.line for p in caught.value.problems] == [3]


@pytest.mark.parametrize("before", ["网址：https://rsj.gz.gov.cn", "申领方式：登录广州人社网上办事大厅申请。",
                                    "（2）签订1年以上劳动合同。"])
def test_a_restart_after_an_items_own_text_is_refused_not_taken_as_a_heading(before):
    text = "\n".join(["面向单位的扶持政策", "一、一次性吸纳就业补贴", before, "一、求职创业补贴"])
    with pytest.raises(TextNotStructured) as caught:
        read_structure(text)
    assert [p.line for p in caught.value.problems] == [4]
    assert "第 3 行" in caught.value.problems[0].zh and "line 3" in caught.value.problems[0].en
