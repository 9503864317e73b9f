"""`policy-site check` on every staff mistake of the reliability review, through the real command.

Each case is one probe of ``../shared/notes/reliability-review.md`` (A1-A66) in the data
checks' area: an edit of a copy of the real ``policy_data`` and the problem (or warning)
`check` must print for it: file, line, field, words in both languages. Cases that do not
interfere share one copy and one run of the command (a group), so the whole table costs a few
runs; each group also asserts its exit code, that no traceback reaches staff and that the
Chinese lines carry no untranslated parser English.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import MINI_POLICY, POLICY_DATA
from tests.site_build import FIXED_EPOCH

CLI = Path(sys.executable).with_name("policy-site")
PARSER_ENGLISH = re.compile(r"while (parsing|scanning)|expected|found|could not|mapping values", re.I)


@dataclass
class Edit:
    file: str
    old: str | None  # None: write ``new`` as the whole file; "-": delete the file
    new: str = ""


@dataclass
class Case:
    probe: str
    group: str
    edits: list[Edit]
    file: str
    at: str | int | tuple[str, int]
    """The expected line: a number; or the first line of the edited file containing this text (starting
    with it, if it starts with ^), optionally plus an offset (a block scalar's value starts on its key's line)."""
    field: str | None  # the exact field printed, "" for none, None: any
    en: str
    zh: str
    warning: bool = False


WAGE = "parameters/regional_monthly_minimum_wage.yaml"
CLAUSE_2_1_AGENCIES = "  assisting_agencies: [townships, development_and_reform_commission, tax_bureau]"
FUTURE_WAGE = ("  2099-07-01:\n    value: 9999\n    reference:\n      number: 藏政办发〔2099〕1号\n"
               "      title: {zh: 未来标准, en: Future standard}\n")
ALIAS_BOMB = "\nbomb_a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nbomb_b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"


def section_copy(source: str, target: str) -> Edit:
    return Edit(target, None, (POLICY_DATA / source).read_text(encoding="utf-8"))


def appended(file: str, text: str) -> Edit:
    """The file as shipped with ``text`` at its end (so only in a group that edits it no other way)."""
    return Edit(file, None, (POLICY_DATA / file).read_text(encoding="utf-8") + text)


def items(file: str) -> int:
    """How many items the top-level list of a shipped file has (the index of one appended to it)."""
    return sum(line.startswith("- id:") for line in (POLICY_DATA / file).read_text(encoding="utf-8").splitlines())


def cut_from(file: str, marker: str) -> Edit:
    """The file without everything from ``marker`` on (a clause deleted at the end of its section)."""
    text = (POLICY_DATA / file).read_text(encoding="utf-8")
    return Edit(file, None, text[:text.index(marker)])


CASES = [
    # -- YAML slips: one per file, each on the line to fix, with a hint (group "syntax") --------------
    Case("A1", "syntax", [Edit("sections/5.yaml", "  summary:", "   summary:")],
         "sections/5.yaml", "   summary:", "", "Wrong indentation", "缩进不对"),
    Case("A2", "syntax", [Edit("sections/1.yaml", "  audiences: [enterprise]\n  lead_agencies: [hrss_bureau]",
                               "audiences: [enterprise]\n  lead_agencies: [hrss_bureau]")],
         "sections/1.yaml", "^audiences: [enterprise]", "", "Wrong indentation", "缩进不对"),
    Case("A3", "syntax", [Edit("sections/2.yaml", "  number: （二）", "  number：（二）")],
         "sections/2.yaml", "  number：（二）", "", "full-width colon '：'", "全角冒号"),
    Case("A4", "syntax", [Edit("agencies.yaml", "    en: District Finance Bureau", "    en：District Finance Bureau")],
         "agencies.yaml", "en：District Finance Bureau", "", "full-width colon", "全角冒号"),
    Case("A5", "syntax", [Edit("sections/3.yaml", "- id: '3.2'", "- id: '3.2")],
         "sections/3.yaml", "- id: '3.2", "", "Unclosed quote", "引号没有配对"),
    Case("A6", "syntax", [Edit("audiences.yaml", "    en: Enterprises", '    en: "Enterprises')],
         "audiences.yaml", '"Enterprises', "", "Unclosed quote", "引号没有配对"),
    Case("A7", "syntax", [Edit("sections/4.yaml", "  number: （二）", "\tnumber: （二）")],
         "sections/4.yaml", "\tnumber", "", "Replace the tab with spaces", "Tab"),
    Case("A53", "syntax", [Edit("glossary.yaml", "\n- id: hukou", ALIAS_BOMB.replace("\n", "\n", 1) + "- id: hukou")],
         "glossary.yaml", "bomb_a", "", "Anchors (&name) and aliases (*name) are not allowed", "锚点"),
    Case("depth", "syntax", [Edit("funding.yaml", "funding_sources:", "deep: " + "[" * 3000 + "]" * 3000 + "\nfunding_sources:")],
         "funding.yaml", "deep: [[[", "", "nested too deeply", "嵌套层数太多"),
    Case("size", "syntax", [Edit("document.yaml", "title:", "# " + "x" * 17_000_000 + "\ntitle:")],
         "document.yaml", 1, "", "The file is too large (17 MB, at most 16 MB)", "文件太大"),
    Case("control", "syntax", [Edit("sections/6.yaml", "number: 六", "number: 六\x00")],
         "sections/6.yaml", "number: 六", "", "invisible character that is not allowed (U+0000)", "不可见字符"),
    Case("A9", "syntax", [section_copy(WAGE, "parameters/wage_copy.yaml")],  # a parameter id twice: field "id", not "id.id"
         "parameters/wage_copy.yaml", "id:", "id", "The parameter id 'regional_monthly_minimum_wage' is used more than once",
         "参数编号“regional_monthly_minimum_wage”重复"),
    Case("A9", "syntax", [], WAGE, "id:", "id", "The parameter id 'regional_monthly_minimum_wage' is used more than once", "重复"),
    # -- a number or yes/no where text is expected: "add quotes" (group "types") ---------------------
    Case("A46", "types", [Edit("sections/6.yaml", "id: '6'", "id: 6")],
         "sections/6.yaml", "id: 6", "id", 'put it in quotes, write "6"', '写成 "6"'),
    Case("A47", "types", [Edit("sections/1.yaml", "- id: '1.2'", "- id: 1.2")],
         "sections/1.yaml", "- id: 1.2", "clauses[1].id", 'put it in quotes, write "1.2"', "加上引号"),
    Case("A48", "types", [Edit("audiences.yaml", "    en: Enterprises", "    en: No")],
         "audiences.yaml", "en: No", "audiences[0].name.en", 'a yes/no value: put it in quotes, write "No"', "是非值"),
    Case("A58", "types", [Edit("agencies.yaml", "  phone: null", "  phone: 6321234")],
         "agencies.yaml", "phone: 6321234", "agencies[0].phone", 'write "6321234"', "加上引号"),
    Case("A31b", "types", [Edit(WAGE, "  2018-01-01:", "  2099-01-01:")],
         WAGE, "values:", "values", "No value is in force on the data date 2026-01-01", "还没有生效的数值"),
    # -- blank and oversized strings (group "blank") -------------------------------------------------
    Case("A24", "blank", [Edit("audiences.yaml", "    zh: 企业\n", '    zh: "   "\n')],
         "audiences.yaml", 'zh: "   "', "audiences[0].name.zh", "only white space", "只有空格"),
    Case("A25", "blank", [Edit("funding.yaml", "    zh: 就业补助资金\n", '    zh: "\\u3000"\n')],
         "funding.yaml", 'zh: "\\u3000"', "funding_sources[0].name.zh", "only white space", "只有空格"),
    Case("A23", "blank", [Edit("document.yaml", "issuer:\n  zh: 本区\n  en: the district", "issuer:\n  zh: 本区\n  en:")],
         "document.yaml", ("^issuer:", 2), "issuer.en", "is empty: fill it in", "是空的"),
    Case("A45", "blank", [Edit("glossary.yaml", "    zh: 户口登记所在地。", "    zh: " + "长" * 3_500_000 + "户口登记所在地。")],
         "glossary.yaml", "    zh: 长", "terms[0].definition.zh", "Too long: at most 5000 characters", "太长了"),
    # -- content lost or changed silently (group "numbering") ----------------------------------------
    Case("A11", "numbering", [Edit("sections/1.yaml", "- id: '1.2'", "- id: '1.5'")],
         "sections/1.yaml", "- id: '1.5'", "clauses[1].id", "must be '1.2'", "应为“1.2”"),
    Case("A12", "numbering", [Edit("sections/6.yaml", "- id: '6.1'", "- id: '6.X'"),
                              Edit("sections/6.yaml", "- id: '6.2'", "- id: '6.1'"),
                              Edit("sections/6.yaml", "- id: '6.X'", "- id: '6.2'")],
         "sections/6.yaml", "- id: '6.2'", "clauses[0].id", "must be '6.1'", "应为“6.1”"),
    Case("A12", "numbering", [], "sections/6.yaml", "- id: '6.1'", "clauses[1].id", "must be '6.2'", "应为“6.2”"),
    Case("A13", "numbering", [Edit("sections/3.yaml", "id: '3'", "id: '7'")],
         "sections/3.yaml", "id: '7'", "id", "The section id '7' does not match its clauses' ids (3.1, 3.2", "部分编号“7”"),
    Case("A50", "numbering", [Edit("sections/4.yaml", "以市场需求为导向", "以市场需要为导向")],
         "sections/4.yaml", ("以市场需要为导向", -1), "clauses[0].text.zh", "from character 23 on", "从第 23 个字起"),
    Case("A60", "numbering", [Edit("sections/2.yaml", "  calculators: [venue_subsidy]",
                                   "  calculators: [venue_subsidy, temporary_assistance]")],
         "sections/2.yaml", "temporary_assistance]", "clauses[1].calculators[1]",
         "The calculator 'temporary_assistance' computes clause 5.2, not clause 2.2", "第 5.2 条"),
    Case("A57", "numbering", [Edit("sections/2.yaml", "  calculators: [internship_subsidy]",
                                   "  calculators: [internship_subsidy, internship_subsidy]")],
         "sections/2.yaml", "[internship_subsidy, internship_subsidy]", "clauses[2].calculators[1]",
         "listed twice", "出现了两次", warning=True),
    Case("A56", "numbering", [Edit("audiences.yaml", "    en: Enterprises", "    en: 企业")],
         "audiences.yaml", "en: 企业", "audiences[0].name.en", "mostly Chinese", "大部分是中文", warning=True),
    Case("A21", "blank", [Edit("agencies.yaml", "agencies:\n", "agencies:\n- id: unused_office\n"
                                   "  name: {zh: 闲置办公室, en: Unused office}\n")],
         "agencies.yaml", "- id: unused_office", "agencies[0].id", "named by no clause", "没有被任何条款引用",
         warning=True),
    Case("A40", "numbering", [section_copy("sections/5.yaml", "sections/7.YAML")],
         "sections/7.YAML", 1, "", "Rename it to 7.yaml", "请改名为 7.yaml"),
    Case("A34", "numbering", [Edit(WAGE, "    value: 1650", "    value: 165000")],
         WAGE, "value: 165000", "values.2018-01-01.value",
         "The value 165000 is outside the range the calculator 'internship_subsidy' accepts", "超出了计算器"),
    Case("A42", "lost", [Edit("sections/3.yaml", "-")],
         "source.zh.txt", "三、大力促进重点群体就业", "", "Section 3 of the source", "原文的第 3 部分"),
    Case("A9", "lost", [section_copy("sections/6.yaml", "sections/7.yaml")],
         "sections/7.yaml", "id: '6'", "id", "The section id '6' is used more than once", "部分编号“6”重复"),
    Case("A9", "lost", [], "sections/6.yaml", "id: '6'", "id", "The section id '6' is used more than once", "重复"),
    Case("A9", "lost", [], "sections/7.yaml", "id: '6'", "id", "does not match the section id '6'", "文件名"),
    Case("A33", "lost", [Edit(WAGE, "    value: 1650", "    value: 1e999999")],
         WAGE, "value: 1e999999", "values.2018-01-01.value", "too large: it must not be above 1,000,000,000,000",
         "数值太大"),
    Case("A42b", "blank", [cut_from("sections/5.yaml", "- id: '5.2'")],
         "source.zh.txt", "^（二）保障困难群众基本生活", "", "Clause 5.2 of the source is in no data file", "原文的第 5.2 条"),
    Case("source", "types", [Edit("source.zh.txt", "-")],
         "source.zh.txt", 1, "", "The source text source.zh.txt is missing", "缺少原文文件"),
    # An id that is the name of a fixed page of the site in the same folder: one page would replace the other.
    Case("index", "lost", [appended("agencies.yaml", "- id: index\n  name: {zh: 索引局, en: Index bureau}\n")],
         "agencies.yaml", "- id: index", f"agencies[{items('agencies.yaml')}].id",
         "The id 'index' is taken by a page of the site itself (agencies/index/)", "编号“index”已被网站自己的页面"),
    Case("index", "lost", [appended("audiences.yaml", "- id: index\n  name: {zh: 索引, en: Index}\n"
                                    "  description: {zh: 说明。, en: A description.}\n")],
         "audiences.yaml", "- id: index", f"audiences[{items('audiences.yaml')}].id",
         "The id 'index' is taken by a page of the site itself (audiences/index/)", "请换一个编号"),
    Case("unstated", "lost", [appended("funding.yaml", "- id: unstated\n  name: {zh: 未写明, en: Unstated}\n"
                                       "  description: {zh: 说明。, en: A description.}\n")],
         "funding.yaml", "- id: unstated", f"funding_sources[{items('funding.yaml')}].id",
         "The id 'unstated' is taken by a page of the site itself (funding/unstated/)", "请换一个编号"),
    Case("preamble", "lost", [Edit("document.yaml", "为认真贯彻落实《国务院", "为认真贯彻《国务院")],
         "document.yaml", ("为认真贯彻《国务院", -1), "preamble.zh", "from character 6 on", "从第 6 个字起"),
    Case("heading", "lost", [Edit("sections/5.yaml", "  zh: 加强公共就业创业服务", "  zh: 加强公共就业服务")],
         "sections/5.yaml", "加强公共就业服务", "title.zh", "differs from the source (policy_data/source.zh.txt line 20)",
         "与原文"),
    # -- every problem at once --------------------------------------------------------------------------
    Case("A51", "four", [Edit("sections/1.yaml", "  number: （二）", "\tnumber: （二）")],
         "sections/1.yaml", "\tnumber", "", "tab", "Tab"),
    Case("A51", "four", [Edit("sections/2.yaml", CLAUSE_2_1_AGENCIES, CLAUSE_2_1_AGENCIES[:-1] + ", police_bureau]")],
         "sections/2.yaml", "police_bureau", "clauses[0].assisting_agencies[3]", "Unknown id 'police_bureau'", "未知的机构编号"),
    Case("A51", "four", [Edit("sections/2.yaml", "[startup_loan,", "[startup_loans,")],
         "sections/2.yaml", "startup_loans", "clauses[0].calculators[0]", "Unknown id 'startup_loans'", "未知的计算器编号"),
    Case("A51", "four", [Edit(WAGE, "    value: 1650", "    value: -1650")],
         WAGE, "value: -1650", "values.2018-01-01.value", "must not be below 0", "不能小于"),
    Case("A52", "two", [Edit("audiences.yaml", "    zh: 企业\n", '    zh: ""\n')],
         "audiences.yaml", 'zh: ""', "audiences[0].name.zh", "is empty", "是空的"),
    Case("A52", "two", [Edit("sections/2.yaml", CLAUSE_2_1_AGENCIES, CLAUSE_2_1_AGENCIES[:-1] + ", police_bureau]")],
         "sections/2.yaml", "police_bureau", "clauses[0].assisting_agencies[3]", "Unknown id 'police_bureau'", "未知"),
]
EXACT_COUNTS = {"four": 4, "two": 2}
"""Groups whose every problem is listed in the table: the command must print exactly these."""


@dataclass
class Printed:
    problems: list[tuple[str, int, str, str, str]] = field(default_factory=list)
    warnings: list[tuple[str, int, str, str, str]] = field(default_factory=list)


ENTRY = re.compile(r"^(\S[^\n]*?):(\d+)(?:  \[(.*)\])?\n    (.*)\n    (.*)$", re.M)


def parse(output: str) -> Printed:
    """The problems and warnings `check` printed, as (file, line, field, zh, en)."""
    head, _, tail = output.partition("warning(s)")
    return Printed([(m[1], int(m[2]), m[3] or "", m[4], m[5]) for m in ENTRY.finditer(head)],
                   [(m[1], int(m[2]), m[3] or "", m[4], m[5]) for m in ENTRY.finditer(tail)])


def apply(data: Path, edit: Edit) -> None:
    path = data / edit.file
    if edit.old == "-":
        path.unlink()
    elif edit.old is None:
        path.write_text(edit.new, encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        assert edit.old in text, f"the edit must find its text in {edit.file}: {edit.old!r}"
        path.write_text(text.replace(edit.old, edit.new, 1), encoding="utf-8")


def run_check(data: Path, epoch: str = FIXED_EPOCH) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    env.pop("POLICY_SITE_DEBUG", None)
    return subprocess.run([str(CLI), "check", str(data)], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def group_runs(tmp_path_factory):
    """Run `check` once per group of cases (lazily), on a copy of the real data with the group's edits."""
    runs: dict[str, tuple[Path, subprocess.CompletedProcess, Printed]] = {}

    def run(group: str):
        if group not in runs:
            data = tmp_path_factory.mktemp(f"check_{group}") / "policy_data"
            shutil.copytree(POLICY_DATA, data)
            for case in CASES:
                if case.group == group:
                    for edit in case.edits:
                        apply(data, edit)
            result = run_check(data)
            runs[group] = (data, result, parse(result.stdout + result.stderr))
        return runs[group]

    return run


def expected_line(data: Path, case: Case) -> int:
    if isinstance(case.at, int):
        return case.at
    anchor, offset = (case.at, 0) if isinstance(case.at, str) else case.at
    lines = (data / case.file).read_text(encoding="utf-8").split("\n")
    if anchor.startswith("^"):
        found = [i for i, line in enumerate(lines, start=1) if line.startswith(anchor[1:])]
    else:
        found = [i for i, line in enumerate(lines, start=1) if anchor in line]
    assert found, f"{anchor!r} is not in {case.file}"
    return found[0] + offset


@pytest.mark.parametrize("case", CASES, ids=[f"{c.probe}-{c.group}-{i}" for i, c in enumerate(CASES)])
def test_check_reports_the_mistake(group_runs, case):
    data, result, printed = group_runs(case.group)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    line = expected_line(data, case)
    entries = printed.warnings if case.warning else printed.problems
    found = [e for e in entries if e[0] == f"policy_data/{case.file}" and e[1] == line
             and (case.field is None or e[2] == case.field) and case.zh in e[3] and case.en in e[4]]
    assert found, f"expected policy_data/{case.file}:{line} [{case.field}] {case.en!r}; printed:\n{output[:6000]}"
    if not case.warning:
        assert result.returncode == 1, output[:3000]


@pytest.mark.parametrize("group", sorted({c.group for c in CASES}))
def test_no_parser_english_in_chinese_lines_and_every_problem_has_a_fix(group_runs, group):
    _, result, printed = group_runs(group)
    assert printed.problems or printed.warnings, result.stderr[:3000]
    for file, line, field_name, zh, en in printed.problems + printed.warnings:
        assert not PARSER_ENGLISH.search(zh), (file, line, zh)
        assert re.search(r"[\u4e00-\u9fff]", zh) and re.search(r"[A-Za-z]{3}", en), (file, line, zh, en)
    if group in EXACT_COUNTS:
        assert len(printed.problems) == EXACT_COUNTS[group], result.stderr


def test_a_section_id_that_differs_from_its_clauses_is_reported_once(group_runs):
    _, _, printed = group_runs("numbering")
    assert [p for p in printed.problems if p[0] == "policy_data/sections/3.yaml"] == [
        p for p in printed.problems if p[0] == "policy_data/sections/3.yaml" and p[2] == "id"]
    assert len([p for p in printed.problems if p[0] == "policy_data/sections/3.yaml"]) == 1


def test_a_deleted_section_is_reported_once_not_clause_by_clause(group_runs):
    _, _, printed = group_runs("lost")
    assert len([p for p in printed.problems if p[0] == "policy_data/source.zh.txt"]) == 1


def test_the_fixture_data_is_valid_without_warnings():
    result = run_check(MINI_POLICY)
    assert result.returncode == 0, result.stderr
    assert "The data is valid" in result.stdout and "数据无误" in result.stdout
    assert result.stderr == ""


def test_the_shipped_data_is_valid_with_one_warning_the_minimum_wage_may_be_out_of_date():
    """The newest minimum wage on record is from 2018 and nobody has recorded a check since: check
    says so (a warning: the site is built), and says how to settle it, never with a guessed value."""
    result = run_check(POLICY_DATA)
    assert result.returncode == 0, result.stderr
    assert "The data is valid" in result.stdout and "数据无误" in result.stdout
    printed = parse(result.stdout + result.stderr)
    assert printed.problems == []
    [(file, line, field_name, zh, en)] = printed.warnings
    assert file == f"policy_data/{WAGE}" and field_name == "last_checked"
    assert "2018-01-01" in zh and "last_checked" in zh and "文件号" in zh
    assert "2018-01-01" in en and "may have been raised since" in en and "set last_checked" in en


@pytest.mark.parametrize("edit, warned", [
    (Edit(WAGE, "last_checked: null", "last_checked: 2025-06-01"), False),  # checked within the year
    (Edit(WAGE, "last_checked: null", "last_checked: 2024-06-01"), True),   # checked, but too long ago
])
def test_a_recent_check_of_a_parameter_silences_the_warning(tmp_path, edit, warned):
    data = tmp_path / "policy_data"
    shutil.copytree(POLICY_DATA, data)
    apply(data, edit)
    result = run_check(data)  # data date 2026-01-01
    assert result.returncode == 0, result.stderr
    assert ("may have been raised since" in result.stderr) is warned
    if warned:
        assert "last checked on 2024-06-01" in result.stderr


def test_a_malformed_source_date_epoch_is_a_clear_error_not_a_traceback():  # A61
    result = run_check(POLICY_DATA, epoch="2019-01-01")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH\n" in result.stderr
    problem = parse(result.stderr).problems
    assert len(problem) == 0  # not in a file: no line number, so the entry is "SOURCE_DATE_EPOCH" alone
    zh, en = result.stderr.split("SOURCE_DATE_EPOCH\n", 1)[1].splitlines()[:2]
    assert "SOURCE_DATE_EPOCH" in zh and "2019-01-01" in zh and re.search(r"[\u4e00-\u9fff]", zh)
    assert "SOURCE_DATE_EPOCH" in en and "2019-01-01" in en and "1767225600" in en


def test_the_ids_refused_as_taken_are_the_fixed_pages_of_the_site():
    """The fixed pages of render.page_paths in the folders where data has pages of its own are
    exactly the ids the model refuses there (a new fixed page there must be refused as an id too)."""
    from policy_site.build.build_inputs import check_site
    from policy_site.data.model import Agency, Audience, FundingSource
    from policy_site.site.render import page_paths

    site, _ = check_site(MINI_POLICY)
    policy = site.policy
    for model, own in ((Agency, policy.agencies), (Audience, policy.audiences), (FundingSource, policy.funding_sources)):
        fixed = {p.split("/")[1].removesuffix(".md") for p in page_paths(site) if p.startswith(model.FOLDER + "/")}
        assert fixed - {item.id for item in own} == model.TAKEN
