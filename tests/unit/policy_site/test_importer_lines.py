"""What one line is by its own shape (policy_site/data/structure/lines.py); real lines from the two texts."""

from __future__ import annotations

import pytest

from policy_site.data.structure.lines import Kind, Line, classify, source_lines

CASES = [
    # chapters and articles (Guangzhou)
    ("第一章  总则", Kind.CHAPTER, 1, "第一章", "总则"),
    ("第三章   见习单位职责", Kind.CHAPTER, 3, "第三章", "见习单位职责"),
    ("第一条 为加强本市就业见习基地管理，切实做好青年在我市的就业见习工作，", Kind.ARTICLE, 1, "第一条", None),
    ("第二十三条 本办法自印发之日起施行，有效期5年。", Kind.ARTICLE, 23, "第二十三条", None),
    ("第二十三条\u3000本办法自印发之日起施行。", Kind.ARTICLE, 23, "第二十三条", None),
    ("（一）具有良好的社会信誉，管理规范，有从事就业见习工作的积极性；", Kind.CLAUSE, 1, "（一）", None),
    ("（九）争议的解决方式。", Kind.CLAUSE, 9, "（九）", None),
    # sections and clauses (Lhasa)
    ("一、支持企业发展稳定就业", Kind.SECTION, 1, "一、", "支持企业发展稳定就业"),
    ("六、切实加强组织实施", Kind.SECTION, 6, "六、", "切实加强组织实施"),
    ("（二）支持企业吸纳就业。2019年1月1日至2020年12月31日,", Kind.CLAUSE, 2, "（二）", None),
    ("(三)狠抓政策宣传引导。", Kind.CLAUSE, 3, "(三)", None),
    # points inside a clause (the Guangzhou annex)
    ("1.申请对象。", Kind.POINT, 1, "1.", "申请对象。"),
    ("3.就业见习示范基地补贴。", Kind.POINT, 3, "3.", None),
    ("1. 《广州市就业见习基地申请表》；", Kind.POINT, 1, "1.", None),
    ("2．申请流程。", Kind.POINT, 2, "2．", None),
    ("（1）申请对象", Kind.POINT, 1, "（1）", None),
    # annexes and footer
    ("附件：广州市就业见习基地申请程序", Kind.ANNEX, None, "", None),
    ("附件", Kind.ANNEX, None, "", None),
    ("附件1", Kind.ANNEX, None, "", None),
    ("公开方式：主动公开", Kind.FOOTER, None, "", None),
    ("抄送：省人力资源社会保障厅，市政府办公厅。", Kind.FOOTER, None, "", None),
    ("广州市人力资源和社会保障局办公室          2019年10月10日印发", Kind.FOOTER, None, "", None),
    # copies from PDF pages: spaces inside a number, ASCII brackets
    ("第 一 条  为了促进全省就业工作,制定本办法。", Kind.ARTICLE, 1, "第 一 条", None),
    ("( 一)注重普惠,重点倾斜。", Kind.CLAUSE, 1, "( 一)", None),
    ("第一章  总    则", Kind.CHAPTER, 1, "第一章", "总    则"),
    ("第一章", Kind.CHAPTER, 1, "第一章", ""),
    ("二 、鼓励创新创业带动就业", Kind.SECTION, 2, "二 、", "鼓励创新创业带动就业"),
    # text
    ("第五条所列认定条件的，经评估后由认定机关取消其见习基地资格。", Kind.TEXT, None, "", None),
    ("本办法所指就业见习人员是指离校未就业（毕业2年内）高校毕业生和16-24岁失业青年。", Kind.TEXT, None, "", None),
    ("2019年10月9日", Kind.TEXT, None, "", None),
    ("穗人社规字〔2019〕6号", Kind.TEXT, None, "", None),
    ("附表1", Kind.TEXT, None, "", None),
    ("3-12个月的就业见习", Kind.TEXT, None, "", None),
    ("1.2万元的补贴", Kind.TEXT, None, "", None),
]


@pytest.mark.parametrize(("text", "kind", "value", "label", "rest"), CASES)
def test_each_line_is_classified_by_its_shape(text, kind, value, label, rest):
    found = classify(Line(1, text))
    assert found.kind is kind
    assert found.value == value
    assert found.label == label
    if rest is not None:
        assert found.rest == rest


def test_blank_lines_are_not_places_and_numbers_are_the_files():
    lines = source_lines("第一条 甲。\n\n  \n\u3000\u3000第二条 乙。\r\n")
    assert [(line.number, line.text) for line in lines] == [(1, "第一条 甲。"), (4, "第二条 乙。")]
