"""Document numbers as written (policy_site/data/structure/doc_numbers.py)."""

from __future__ import annotations

import pytest

from policy_site.data.structure.doc_numbers import find_numbers, read_number_line


@pytest.mark.parametrize(("line", "text", "code", "year", "serial", "standard"), [
    ("穗人社规字〔2019〕6号", "穗人社规字〔2019〕6号", "穗人社规字", 2019, 6, True),
    ("拉政发〔2019〕40号", "拉政发〔2019〕40号", "拉政发", 2019, 40, True),
    ("国发〔2018〕39号", "国发〔2018〕39号", "国发", 2018, 39, True),
    ("  藏人社发〔2018〕11号 ", "藏人社发〔2018〕11号", "藏人社发", 2018, 11, True),
    ("穗人社规字[2019]6号", "穗人社规字[2019]6号", "穗人社规字", 2019, 6, False),
    ("穗人社规字（2019）6号", "穗人社规字（2019）6号", "穗人社规字", 2019, 6, False),
    ("穗人社规字【2019】6号", "穗人社规字【2019】6号", "穗人社规字", 2019, 6, False),
    ("穗人社规字〔2019〕6号\u3000\u3000签发人：张三", "穗人社规字〔2019〕6号", "穗人社规字", 2019, 6, True),
])
def test_number_lines_are_read_exactly(line, text, code, year, serial, standard):
    number = read_number_line(line)
    assert (number.text, number.code, number.year, number.serial, number.standard) == \
        (text, code, year, serial, standard)


@pytest.mark.parametrize("line", [
    "穗人社规字〔2019)6号",           # brackets that do not pair: a slip, not read
    "穗人社规字〔2019〕6号文件",       # more than a number
    "穗府规〔2018〕19号文件精神要求，",  # a sentence that begins with a number
    "广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习",
    "2019年10月9日",
])
def test_lines_that_are_not_a_number(line):
    assert read_number_line(line) is None


def test_numbers_referenced_in_a_sentence_in_order():
    line = ("为贯彻落实《广州市人民政府关于进一步促进就业的实施意见》（穗府规〔2018〕19号）和《广州市人力资源和社会保障局 广州市财政局"
            "关于印发〈广州市就业补助资金使用管理办法〉的通知》（穗人社规字〔2019〕1号）有关规定，")
    assert [n.text for n in find_numbers(line)] == ["穗府规〔2018〕19号", "穗人社规字〔2019〕1号"]
    lhasa = "贴息办理流程按照（藏财金字〔2017〕37号）文件执行。"
    assert [n.text for n in find_numbers(lhasa)] == ["藏财金字〔2017〕37号"]
