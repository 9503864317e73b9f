"""The data model on valid data and on one fixture per kind of mistake.

Each mistake is a small edit of the fixture policy; the test asserts that the
error names the file, the line and the field, in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from policy_site.data.errors import DataErrors
from policy_site.data.loader import load_policy
from tests.conftest import MINI_POLICY, POLICY_DATA

KNOWN_CALCULATORS = {"enterprise_hiring_award"}


def test_fixture_policy_loads():
    policy = load_policy(MINI_POLICY, KNOWN_CALCULATORS)
    assert [c.id for c in policy.clauses] == ["1.1", "1.2"]
    assert policy.agency["labour_office"].phone == "0000-0000000"
    start, value = policy.parameter["sample_wage"].latest()
    assert (start.isoformat(), str(value.value)) == ("2018-01-01", "1650")


def test_real_policy_loads_whole_document():
    import calculators
    policy = load_policy(POLICY_DATA, calculators.CALCULATORS)
    assert len(policy.sections) == 6
    assert [c.id for c in policy.clauses][:3] == ["1.1", "1.2", "2.1"]
    assert len(policy.clauses) == 19
    by_id = {c.id: c for c in policy.clauses}
    assert (by_id["1.2"].validity.start.isoformat(), by_id["1.2"].validity.end.isoformat()) == ("2019-01-01", "2020-12-31")
    assert by_id["2.3"].validity.end is None and by_id["3.1"].validity.end is None
    for clause in policy.clauses:  # the calculators and the data agree on which clause each serves
        assert all(calculators.CALCULATORS[cid]["clause"] == clause.id for cid in clause.calculators)
    assert {cid for c in policy.clauses for cid in c.calculators} == set(calculators.CALCULATORS)
    # every agency has no invented contact details
    assert not any(a.has_contact for a in policy.agencies)


@dataclass
class Mistake:
    name: str
    file: str
    old: str
    new: str
    line: int
    field: str
    words_en: str
    words_zh: str


MISTAKES = [
    Mistake("unknown key (typo)", "sections/1.yaml", "    summary: {zh: 每人", "    sumary: {zh: 每人", 11, "sumary", "Did you mean 'summary'?", "未知字段"),
    Mistake("missing translation", "audiences.yaml", "name: {zh: 所有人, en: Everyone}", "name: {zh: 所有人}", 3, "name.en", "English translation", "英文翻译"),
    Mistake("empty translation", "glossary.yaml", "en: sample}", "en: ''}", 3, "term.en", "empty", "空"),
    Mistake("duplicate id", "agencies.yaml", "id: treasury", "id: labour_office", 5, "agencies[1].id", "more than once", "重复"),
    Mistake("unknown agency", "sections/1.yaml", "lead_agencies: [treasury]", "lead_agencies: [treasurer]", 38, "lead_agencies[0]", "Unknown id 'treasurer'", "未知"),
    Mistake("unknown calculator", "sections/1.yaml", "calculators: [enterprise_hiring_award]", "calculators: [enterprise_hiring_awards]", 39, "calculators[0]", "Unknown id 'enterprise_hiring_awards'", "计算器"),
    Mistake("bad date", "sections/1.yaml", "to: 2020-12-31", "to: 2020-02-31", 16, "validity.to", "valid date", "日期无效"),
    Mistake("end before start", "sections/1.yaml", "to: 2020-12-31", "to: 2018-12-31", 16, "validity.to", "end date", "结束日期"),
    Mistake("bad amount", "parameters/sample_wage.yaml", "value: 1650", "value: 1,650元", 7, "value", "amount", "金额"),
    Mistake("negative amount", "parameters/sample_wage.yaml", "value: 1650", "value: -1", 7, "value", "below 0", "小于"),
    Mistake("duplicate YAML key", "funding.yaml", "    description:", "    name: {zh: 又一个, en: again}\n    description:", 4, "name", "appears twice", "重复"),
    Mistake("YAML syntax", "document.yaml", "summary:", "summary: : :", 8, "", "YAML syntax", "格式错误"),
    Mistake("text not verbatim", "sections/1.yaml", "zh: （一）发放救助。", "zh: 发放救助。", 9, "clauses[0].text.zh", "must start with", "开头"),
    Mistake("figure not in text", "sections/1.yaml", "value: {zh: 5000元", "value: {zh: 6000元", 19, "clauses[0].figures[0].value.zh", "does not appear", "找不到"),
    Mistake("bad id format", "audiences.yaml", "id: everyone", "id: Every One", 2, "id", "Wrong format", "格式不对"),
    Mistake("lead agency not in text", "sections/1.yaml", "lead_agencies: [treasury]", "lead_agencies: [labour_office]", 38, "lead_agencies[0]", "not named", "找不到"),
]


def _apply(folder: Path, mistake: Mistake) -> None:
    path = folder / mistake.file
    text = path.read_text(encoding="utf-8")
    assert text.count(mistake.old) == 1, f"fixture edit must be unambiguous: {mistake.old!r}"
    path.write_text(text.replace(mistake.old, mistake.new), encoding="utf-8")


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.name for m in MISTAKES])
def test_each_mistake_is_reported_with_file_line_and_both_languages(mini_copy, mistake):
    _apply(mini_copy, mistake)
    with pytest.raises(DataErrors) as caught:
        load_policy(mini_copy, KNOWN_CALCULATORS)
    problems = caught.value.problems
    matching = [p for p in problems
                if p.file == f"policy_data/{mistake.file}" and p.line == mistake.line and mistake.field in p.field
                and mistake.words_en in p.en and mistake.words_zh in p.zh]
    assert matching, caught.value.format()
    assert f"policy_data/{mistake.file}:{mistake.line}" in caught.value.format()


def test_all_problems_are_reported_at_once(mini_copy):
    for mistake in (MISTAKES[0], MISTAKES[1], MISTAKES[8]):
        _apply(mini_copy, mistake)
    with pytest.raises(DataErrors) as caught:
        load_policy(mini_copy, KNOWN_CALCULATORS)
    assert {p.file for p in caught.value.problems} == {
        "policy_data/sections/1.yaml", "policy_data/audiences.yaml", "policy_data/parameters/sample_wage.yaml"}


def test_unknown_file_is_reported(mini_copy):
    (mini_copy / "sections" / "notes.yml").write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load_policy(mini_copy, KNOWN_CALCULATORS)
    assert any(p.file.endswith("notes.yml") and "not a known kind" in p.en for p in caught.value.problems)


def test_missing_required_file_is_reported(mini_copy):
    (mini_copy / "agencies.yaml").unlink()
    with pytest.raises(DataErrors) as caught:
        load_policy(mini_copy, KNOWN_CALCULATORS)
    assert any("agencies.yaml" in p.file and "missing" in p.en for p in caught.value.problems)


@pytest.mark.parametrize("number, numeral", [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三"),
                                             (100, "一百"), (105, "一百零五"), (110, "一百一十"), (600, "六百")])
def test_source_numerals_read_as_the_document_writes_them(number, numeral):
    from policy_site.data.source_check import chinese_number, chinese_numeral
    assert chinese_numeral(number) == numeral and chinese_number(numeral) == number


@pytest.mark.parametrize("numeral", ["一十", "十十", "二二", "零", "", "百"])
def test_numerals_a_document_does_not_write_are_not_numbers(numeral):
    from policy_site.data.source_check import chinese_number
    assert chinese_number(numeral) is None


@pytest.mark.parametrize("line, unclosed", [
    ("- id: '1.2", True), ("- id: '1.2'", False), ('  en: "Enterprises', True), ('name: {zh: 所有人, en: "Every}', True),
    ("en: Tom, 'the boss", False), ('en: District "Finance" Bureau', False), ("x: 'it''s'", False), ("x: 'it''s", True),
    ('x: "a\\"b"', False), ("  - 'abc", True), ("[a, 'b', c]", False), ("# 'x", False), ("x: 1 # it's", False)])
def test_an_unclosed_quote_is_found_on_its_line(line, unclosed):
    from policy_site.data.yaml_source import _unclosed_quote
    assert _unclosed_quote(line) is unclosed


def test_a_future_value_is_never_in_force_early(mini_copy):
    import datetime as dt
    wage = mini_copy / "parameters" / "sample_wage.yaml"
    text = wage.read_text(encoding="utf-8")
    assert "\nvalues:\n" in text
    wage.write_text(text.replace("\nvalues:\n", "\nvalues:\n  2099-07-01:\n    value: 9999\n    reference:\n"
                                 "      title: {zh: 未来, en: Future}\n"), encoding="utf-8")
    parameter = load_policy(mini_copy, KNOWN_CALCULATORS).parameter["sample_wage"]
    start, value = parameter.in_force(dt.date(2026, 1, 1))
    assert (start.isoformat(), str(value.value)) == ("2018-01-01", "1650")
    assert [d.isoformat() for d, _ in parameter.upcoming(dt.date(2026, 1, 1))] == ["2099-07-01"]
    assert str(parameter.in_force(dt.date(2099, 7, 1))[1].value) == "9999"
    assert parameter.in_force(dt.date(2017, 12, 31)) is None
