"""Draft data from a real text (policy_site/importer/draft.py, yaml_text.py, library.py): every clause's
text.zh is its source lines, the life is the text's, agencies are matched by name or proposed, amounts
are listed; the files read back as that data and are written whole or not at all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from policy_site.importer import read_document
from policy_site.importer.draft import KnownAgency, clause_title, draft, normal_name
from policy_site.data.structure.lines import Line, classify
from policy_site.importer.library import AlreadyThere, files, known_agencies, write_document
from policy_site.data.structure.reader import Clause
from policy_site.importer.yaml_text import Block, Entry, Items, Mapping, dump

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "documents"
GUANGZHOU = FIXTURES / "guangzhou-2019-employment-internship-bases.zh.txt"
LIST_SAMPLE = FIXTURES / "sample-2024-employment-policy-list.zh.txt"
LHASA = REPO / "policy_data" / "source.zh.txt"
AGENCIES = REPO / "policy_data" / "agencies.yaml"


def _draft(path: Path, doc_id: str, agencies: list[KnownAgency] = ()):
    document = read_document(path.read_text(encoding="utf-8"), doc_id)
    return document, draft(document, list(agencies))


def _read_back(made) -> tuple[dict, dict[str, dict]]:
    written = files(made)
    sections = {name: yaml.safe_load(text) for name, text in written.items() if name.startswith("sections/")}
    return yaml.safe_load(written["document.yaml"]), sections


# -- the YAML text -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    Block("第五条 申请认定就业见习基地，应当符合下列条件：\n（一）具有良好的社会信誉；"),
    Block("  a paragraph that starts with spaces\nand a second line"),
    Block("单位组织机构代码 |  | 工商注册号"),
    Block("ends with spaces   "),
    Block("a line break YAML reads\u2028inside"),
    Block("tab\tinside"),
    "1.1", "5", "null", "true", "no", "2019-10-09", "#not a comment", "key: value", "'quoted'", '"double"',
    "（一）", "- a dash", "{flow}", "[list]", "*alias", "&anchor", "!tag", "%directive", "@at", "`tick`",
    "", " ", "网址：https://rsj.example.gov.cn/bsdt?a=1#top",
    None, True, 0, dt.date(2024, 2, 29), [], [{"id": "5.1", "number": "（一）"}],
])
def test_every_value_reads_back_exactly(value):
    text = dump(Mapping([Entry("value", value, ["a comment"])]))
    assert yaml.safe_load(text) == {"value": str(value) if isinstance(value, Block) else value}


def test_comments_never_break_a_file_whatever_the_source_line_holds():
    awkward = "第 3 行\nline two\rthree\u2028four\x85five: #six"
    text = dump(Mapping([Entry("a", 1, [awkward]), Entry("b", Items([Mapping([Entry("id", "1")], [awkward])]))]),
                header=[awkward])
    assert yaml.safe_load(text) == {"a": 1, "b": [{"id": "1"}]}
    assert all(line.lstrip().startswith("#") for line in text.splitlines() if "line two" in line)


def test_keys_stay_in_the_order_given_and_chinese_is_a_block():
    text = dump(Mapping([Entry("id", "5"), Entry("number", "第五条"), Entry("text", {"zh": Block("第五条 为加强管理。")})]))
    assert text.splitlines() == ["id: '5'", "number: 第五条", "text:", "  zh: |-", "    第五条 为加强管理。"]


# -- clause titles -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "title"), [
    ("（一）帮扶困难企业稳定就业岗位。建立困难企业帮扶台账，指导企业通过与职工集体协商。", "帮扶困难企业稳定就业岗位"),
    ("（二）支持企业吸纳就业。2019年1月1日至2020年12月31日,对国有企业当年新增就业人数达到60人以上的给予奖励。", "支持企业吸纳就业"),
    ("一、一次性吸纳就业补贴", "一次性吸纳就业补贴"),
    ("二、灵活就业社会保险补贴", "灵活就业社会保险补贴"),
    ("第五条 申请认定就业见习基地，应当符合下列条件：", None),
    ("第九条 就业见习单位通过我市公共就业服务机构网站统一发布就业见习岗位信息。", None),
    ("（三）由至少2名工作人员对申请单位的工作环境、见习岗位、见习工作计划等进行实地核查。", None),
    ("（一）申请材料不齐全或者不符合规定形式的，应当场出具《补正材料通知书》；", None),
    ("一、申领方式：登录网上办事大厅申请", None),
])
def test_a_clause_title_is_its_words_before_the_first_full_stop_and_articles_have_none(line, title):
    first = Line(1, line)
    assert clause_title(Clause("1", classify(first).label, [first])) == title


def test_the_titles_read_from_the_lhasa_text_are_the_ones_its_editors_wrote():
    _document, made = _draft(LHASA, "district-2019-employment-plan")
    _meta, sections = _read_back(made)
    for path in sorted((REPO / "policy_data" / "sections").glob("*.yaml")):
        edited = yaml.safe_load(path.read_text(encoding="utf-8"))
        drafted = sections[f"sections/{path.name}"]
        assert [c["title"]["zh"] for c in drafted["clauses"]] == [c["title"]["zh"] for c in edited["clauses"]]
        assert drafted["title"]["zh"] == edited["title"]["zh"]


# -- a whole document ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "doc_id"), [
    (GUANGZHOU, "guangzhou-2019-employment-internship-bases"),
    (LHASA, "district-2019-employment-plan"),
    (LIST_SAMPLE, "sample-2024-employment-policy-list"),
])
def test_the_files_give_back_every_source_line_exactly_once(path, doc_id):
    document, made = _draft(path, doc_id)
    meta, sections = _read_back(made)
    structure = document.structure
    placed: list[tuple[int, str]] = []  # (source line, text) from the files, by place

    def take(text: str | None, lines) -> None:
        got = text.split("\n") if text else []
        assert got == [line.text for line in lines]
        placed.extend((line.number, line.text) for line in lines)

    for key, lines in (("notice", structure.notice.lines), ("preamble", structure.preamble),
                       ("title_line", [structure.title_line] if structure.title_line else []),
                       ("annexes", structure.annex_lines), ("footer", structure.footer)):
        take((meta[key] or {}).get("zh"), lines)
    for section in structure.sections:
        data = sections[f"sections/{section.id}.yaml"]
        assert data["id"] == section.id
        take((data["text"] or {}).get("zh"), section.heading_lines)
        assert [c["id"] for c in data["clauses"]] == [c.id for c in section.clauses]
        for clause, written in zip(section.clauses, data["clauses"]):
            assert "en" not in written["text"]
            take(written["text"]["zh"], clause.lines)
    assert sorted(placed) == [(line.number, line.text) for line in structure.lines]


def test_guangzhou_draft_life_and_structure_are_the_texts():
    _document, made = _draft(GUANGZHOU, "guangzhou-2019-employment-internship-bases")
    meta, sections = _read_back(made)
    assert {key: meta[key] for key in ("id", "draft", "title", "number", "issuers", "signed", "in_force_from",
                                       "expires", "implements", "repeals", "repealed_by", "structure")} == {
        "id": "guangzhou-2019-employment-internship-bases", "draft": True,
        "title": {"zh": "广州市就业见习基地管理办法"}, "number": "穗人社规字〔2019〕6号",
        "issuers": [{"zh": "广州市人力资源和社会保障局"}, {"zh": "广州市财政局"}],
        "signed": dt.date(2019, 10, 9), "in_force_from": dt.date(2019, 10, 9), "expires": dt.date(2024, 10, 8),
        "implements": [], "repealed_by": [],
        "repeals": [{"number": "穗人社发〔2015〕27号", "title": {"zh": "广州市高校毕业生就业见习基地管理办法"}}],
        "structure": {"shape": "chapters", "headings": "第一章", "clauses": "第一条", "items": "（一）"}}
    assert meta["annexes"]["count"] == 1 and meta["preamble"] is None and meta["summary"] is None
    chapter2 = sections["sections/2.yaml"]
    assert (chapter2["number"], chapter2["title"], chapter2["text"]) == (
        "第二章", {"zh": "见习基地的申请条件和程序"}, {"zh": "第二章  见习基地的申请条件和程序"})
    article5 = chapter2["clauses"][0]
    assert (article5["id"], article5["number"], article5["title"]) == ("5", "第五条", None)
    assert [item["id"] for item in article5["items"]] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert made.untitled == [str(n) for n in range(1, 24)]


def test_a_text_without_dates_gets_none_and_a_signing_date_alone_dates_nothing():
    _document, made = _draft(LIST_SAMPLE, "sample-2024-employment-policy-list")
    meta, _sections = _read_back(made)
    assert (meta["signed"], meta["in_force_from"], meta["expires"], meta["number"]) == (
        dt.date(2024, 3, 1), None, None, None)
    assert "原文没有写明施行和失效日期" in files(made)["document.yaml"]


def test_agencies_are_matched_by_any_name_the_library_knows_and_the_rest_proposed():
    agencies, problem = known_agencies(AGENCIES.parent)
    assert problem is None
    without_townships = [agency for agency in agencies if agency.id != "townships"]
    _document, made = _draft(LHASA, "district-2019-employment-plan", without_townships)
    _meta, sections = _read_back(made)
    clause = sections["sections/1.yaml"]["clauses"][0]  # 牵头单位:区工商联、区财政局（国资委）;协办单位:各乡（镇）、总工会 …
    assert clause["lead_agencies"] == ["federation_of_industry_and_commerce", "finance_bureau"]
    assert clause["assisting_agencies"][:2] == ["federation_of_trade_unions", "development_and_reform_commission"]
    assert [use.name for use in made.proposals] == ["各乡（镇）"]
    assert made.proposals[0].clauses[:3] == ["1.1", "1.2", "2.1"]
    assert "各乡（镇）" in files(made)["review.md"] and "各乡（镇）" in files(made)["sections/1.yaml"]
    assert "townships" not in files(made)["sections/1.yaml"]


@pytest.mark.parametrize(("written", "known"), [
    ("区财政局(国资委)", "区财政局（国资委）"), ("区 人社局", "区人社局"), ("区人社局\u3000", "区人社局"),
])
def test_names_are_compared_without_spaces_and_with_either_brackets(written, known):
    assert normal_name(written) == normal_name(known)
    assert normal_name("区人社局") != normal_name("区人社局（就业局）")


def test_amounts_are_listed_for_staff_never_as_rules():
    _document, made = _draft(GUANGZHOU, "guangzhou-2019-employment-internship-bases")
    review = files(made)["review.md"]
    assert "| 17 | 64 | 每月500元 = 500 元（每月） |" in review
    assert "| 19 | 66 | 最高不超过50000元 = 50000 元（至多 / at most） |" in review
    section4 = files(made)["sections/4.yaml"]
    assert "#   第 65 行 / line 65: 每人3000元 = 3000 元（每人）" in section4
    assert "3000" not in str(yaml.safe_load(section4)["clauses"][5]["measures"])


# -- writing ----------------------------------------------------------------------------------------------------

def test_a_document_folder_is_written_whole_and_never_overwritten_without_replace(tmp_path):
    _document, made = _draft(GUANGZHOU, "guangzhou-2019-employment-internship-bases")
    source = GUANGZHOU.read_bytes()
    target = write_document(tmp_path, made, source)
    assert target == tmp_path / "documents" / "guangzhou-2019-employment-internship-bases"
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == [
        "document.yaml", "review.md", *[f"sections/{n}.yaml" for n in range(1, 6)], "source.zh.txt"]
    assert (target / "source.zh.txt").read_bytes() == source
    (target / "sections" / "1.yaml").write_text("edited by staff", encoding="utf-8")
    with pytest.raises(AlreadyThere):
        write_document(tmp_path, made, source)
    assert (target / "sections" / "1.yaml").read_text(encoding="utf-8") == "edited by staff"
    write_document(tmp_path, made, source, replace=True)
    assert (target / "sections" / "1.yaml").read_text(encoding="utf-8") == files(made)["sections/1.yaml"]
    assert [p.name for p in (tmp_path / "documents").iterdir()] == [target.name]  # no staging folder left


def test_a_file_where_the_folder_would_go_is_refused_and_left_as_it_is(tmp_path):
    _document, made = _draft(GUANGZHOU, "guangzhou-2019-employment-internship-bases")
    (tmp_path / "documents").mkdir()
    blocker = tmp_path / "documents" / "guangzhou-2019-employment-internship-bases"
    blocker.write_text("a file where the folder would go", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        write_document(tmp_path, made, GUANGZHOU.read_bytes(), replace=True)
    assert [p.name for p in (tmp_path / "documents").iterdir()] == [blocker.name]
    assert blocker.read_text(encoding="utf-8") == "a file where the folder would go"
