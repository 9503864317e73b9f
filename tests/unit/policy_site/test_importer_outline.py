"""The outline of a real document, as the documents contract shows it (policy_site/importer/outline.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from policy_site.importer import outline, read_document
from policy_site.importer.outline import doc_id_problem, status

REPO = Path(__file__).resolve().parents[3]
GUANGZHOU = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
LHASA = REPO / "policy_data" / "source.zh.txt"
D = dt.date

# The contract's example (shared/spec/documents.md), the parts it shows.
CONTRACT = {
    "id": "guangzhou-2019-internship-bases",
    "number": "穗人社规字〔2019〕6号",
    "title": "广州市就业见习基地管理办法",
    "issuers": ["广州市人力资源和社会保障局", "广州市财政局"],
    "signed": "2019-10-09",
    "in_force_from": "2019-10-09",
    "expires": "2024-10-08",
    "repeals": [{"number": "穗人社发〔2015〕27号", "title": "广州市高校毕业生就业见习基地管理办法"}],
    "status": "expired",
    "annexes": 1,
    "unplaced_lines": [],
}
KEYS = ["id", "number", "title", "issuers", "signed", "in_force_from", "expires", "repeals", "status", "sections",
        "annexes", "unplaced_lines"]


@pytest.fixture(scope="module")
def guangzhou():
    return read_document(GUANGZHOU.read_text(encoding="utf-8"), "guangzhou-2019-internship-bases")


def test_the_guangzhou_outline_is_the_contracts_example(guangzhou):
    found = outline(guangzhou, D(2026, 12, 7))
    assert list(found) == KEYS
    assert {key: found[key] for key in CONTRACT} == CONTRACT
    first, second = found["sections"][:2]
    assert (first["id"], first["heading"]) == ("1", "总则")
    assert first["clauses"][:2] == [{"id": "1", "label": "第一条", "lines": 1, "items": []},
                                    {"id": "2", "label": "第二条", "lines": 2, "items": []}]
    assert (second["id"], second["heading"]) == ("2", "见习基地的申请条件和程序")
    assert second["clauses"][0] == {"id": "5", "label": "第五条", "lines": 6, "items": ["5.1", "5.2", "5.3", "5.4", "5.5"]}
    assert json.loads(json.dumps(found, ensure_ascii=False)) == found


def test_the_guangzhou_outline_is_complete_and_consistent(guangzhou):
    found = outline(guangzhou, D(2026, 12, 7))
    sections = found["sections"]
    assert [(s["id"], s["heading"]) for s in sections] == [
        ("1", "总则"), ("2", "见习基地的申请条件和程序"), ("3", "见习单位职责"), ("4", "见习基地管理"), ("5", "附则")]
    clauses = [c for s in sections for c in s["clauses"]]
    assert [c["id"] for c in clauses] == [str(n) for n in range(1, 24)]
    assert [len(s["clauses"]) for s in sections] == [4, 6, 2, 9, 2]
    items = {c["id"]: c["items"] for c in clauses if c["items"]}
    assert items == {"5": [f"5.{n}" for n in range(1, 6)], "6": ["6.1", "6.2", "6.3"], "7": ["7.1", "7.2", "7.3"],
                     "10": [f"10.{n}" for n in range(1, 10)], "11": [f"11.{n}" for n in range(1, 6)],
                     "12": [f"12.{n}" for n in range(1, 5)]}
    # lines 9 to 73 are the headings and articles: every one counted once
    assert sum(c["lines"] for c in clauses) + len(sections) == 73 - 9 + 1
    structure = guangzhou.structure
    assert structure.clauses[-1].lines[-1].number == 73      # the last article stops before the annex
    assert [line.number for line in structure.footer] == [162]
    assert [line.number for line in structure.notice.lines] == [1, 2, 3, 4, 5, 6, 7]
    assert structure.title_line.number == 8


@pytest.mark.parametrize(("day", "expected"), [
    (D(2019, 10, 8), "not_yet"), (D(2019, 10, 9), "in_force"), (D(2024, 10, 8), "in_force"),
    (D(2024, 10, 9), "expired"), (D(2026, 12, 7), "expired"),
])
def test_the_status_is_on_the_given_day(guangzhou, day, expected):
    assert outline(guangzhou, day)["status"] == expected


@pytest.mark.parametrize(("start", "end", "day", "expected"), [
    (None, None, D(2026, 1, 1), "no_dates"),
    (D(2023, 9, 8), None, D(2023, 9, 7), "not_yet"),
    (D(2023, 9, 8), None, D(2099, 1, 1), "in_force"),
    (None, D(2025, 12, 31), D(2000, 1, 1), "in_force"),
    (None, D(2025, 12, 31), D(2025, 12, 31), "in_force"),
    (None, D(2025, 12, 31), D(2026, 1, 1), "expired"),
])
def test_status_with_open_sides(start, end, day, expected):
    assert status(start, end, day) == expected


def test_the_lhasa_plan_is_read_as_sections_and_clauses():
    document = read_document(LHASA.read_text(encoding="utf-8"), "employment-promotion-plan")
    found = outline(document, D(2026, 12, 7))
    assert (found["number"], found["title"], found["issuers"], found["signed"]) == (None, None, [], None)
    assert (found["in_force_from"], found["expires"], found["repeals"], found["status"]) == (None, None, [], "no_dates")
    assert (found["annexes"], found["unplaced_lines"]) == (0, [])
    assert len(found["sections"]) == 6
    ids = [c["id"] for s in found["sections"] for c in s["clauses"]]
    assert len(ids) == 19
    data_ids = []
    for path in sorted((REPO / "policy_data" / "sections").glob("*.yaml")):
        data_ids += [clause["id"] for clause in yaml.safe_load(path.read_text(encoding="utf-8"))["clauses"]]
    assert ids == data_ids
    assert all(c["lines"] == 1 and c["items"] == [] for s in found["sections"] for c in s["clauses"])
    assert [line.number for line in document.structure.preamble] == [1]


def test_the_lhasa_plans_agency_markers_and_amounts_are_read():
    document = read_document(LHASA.read_text(encoding="utf-8"))
    assert len(document.agencies) == 19
    first = document.agencies[0]
    assert (first.line, first.lead) == (3, ("区工商联", "区财政局（国资委）"))
    written = {(a.line, a.text) for a in document.amounts}
    assert {(4, "8万元"), (4, "15万元"), (4, "25万元"), (10, "每人8000元")} <= written


@pytest.mark.parametrize(("doc_id", "ok"), [
    ("guangzhou-2019-internship-bases", True), ("lhasa", True), ("a1", True),
    ("Guangzhou", False), ("guangzhou_2019", False), ("-guangzhou", False), ("guangzhou-", False), ("广州", False),
    ("", False), ("a--b", False), ("a b", False),
])
def test_document_ids(doc_id, ok):
    problem = doc_id_problem(doc_id)
    assert (problem is None) == ok
    if problem:
        assert "guangzhou-2019-internship-bases" in problem.zh and "guangzhou-2019-internship-bases" in problem.en


SELF_CONTAINED = "\n".join([
    "拉人社发[2023]12号",
    "拉萨市人力资源和社会保障局关于做好2023年高校毕业生就业工作的通知",
    "各县（区）人力资源和社会保障局：",
    "一、支持企业吸纳就业",
    "（一）对招用高校毕业生的企业给予每人3000元补贴。（牵头单位：区人社局；协办单位：区财政局）",
    "（二）本通知自印发之日起施行，有效期2年。",
    "拉萨市人力资源和社会保障局",
    "2023年8月9日",
])


def test_a_self_contained_notice_is_dated_from_its_closing_signature():
    document = read_document(SELF_CONTAINED, "lhasa-2023-graduates")
    found = outline(document, D(2024, 1, 1))
    assert found["title"] == "拉萨市人力资源和社会保障局关于做好2023年高校毕业生就业工作的通知"
    assert (found["number"], found["issuers"]) == ("拉人社发[2023]12号", ["拉萨市人力资源和社会保障局"])
    assert (found["signed"], found["in_force_from"], found["expires"], found["status"]) == (
        "2023-08-09", "2023-08-09", "2025-08-08", "in_force")
    assert [c["lines"] for s in found["sections"] for c in s["clauses"]] == [1, 1]
    # the brackets are kept as written and staff are told
    assert [note.line for note in document.notes] == [1]
    assert "[]" in document.notes[0].zh and "[]" in document.notes[0].en
    assert [(m.lead, m.support) for m in document.agencies] == [(("区人社局",), ("区财政局",))]


def test_an_unplaced_line_is_listed_and_explained():
    document = read_document("一、支持企业发展稳定就业\n各乡（镇）要高度重视。\n（一）帮扶困难企业稳定就业岗位。")
    assert outline(document, D(2024, 1, 1))["unplaced_lines"] == [2]
    assert [note.line for note in document.notes] == [2]


def test_a_notice_listing_its_annex_before_the_signatures_with_ascii_punctuation():
    text = "\n".join([
        "云南省财政厅关于印发《云南省就业专项资金管理办法》的通知",
        "各州(市)财政局、人力资源和社会保障局:",
        "经省人民政府同意,现将《云南省就业专项资金管理办法》印发给你们,请认真贯彻执行。",
        "附件:云南省就业专项资金管理办法",
        "云南省财政厅   云南省人力资源和社会保障厅",
        "2013年9月4日",
        "云南省就业专项资金管理办法",
        "第一章  总    则",
        "第一条  为了促进全省就业工作,制定本办法。",
        "第二条  资金使用范围:",
        "( 一)就业见习补贴。",
        "(二)职业培训补贴。",
        "第二章  附    则",
        "第三条  本办法自2013年10月1日起施行,有效期五年。",
    ])
    document = read_document(text, "yunnan-2013-employment-fund")
    found = outline(document, D(2026, 1, 1))
    assert (found["title"], found["issuers"], found["signed"]) == (
        "云南省就业专项资金管理办法", ["云南省财政厅", "云南省人力资源和社会保障厅"], "2013-09-04")
    assert (found["in_force_from"], found["expires"], found["status"]) == ("2013-10-01", "2018-09-30", "expired")
    assert [line.number for line in document.structure.notice.body] == [3, 4]
    assert [(s["heading"], [c["id"] for c in s["clauses"]]) for s in found["sections"]] == [
        ("总    则", ["1", "2"]), ("附    则", ["3"])]
    assert found["sections"][0]["clauses"][1]["items"] == ["2.1", "2.2"]
    assert (found["annexes"], found["unplaced_lines"]) == (0, [])


def test_the_lhasa_plan_as_read_equals_the_hand_made_data_line_by_line():
    """What the source check compares today (preamble, section numbers and titles, clause texts) is what the
    importer reads: the reading layer can take over the check for this shape without changing its verdicts."""
    structure = read_document(LHASA.read_text(encoding="utf-8")).structure
    document = yaml.safe_load((REPO / "policy_data" / "document.yaml").read_text(encoding="utf-8"))
    assert "\n".join(line.text for line in structure.preamble) == document["preamble"]["zh"]
    for section in structure.sections:
        data = yaml.safe_load((REPO / "policy_data" / "sections" / f"{section.id}.yaml").read_text(encoding="utf-8"))
        assert (section.heading, section.heading_lines[0].text.partition("、")[0]) == (data["title"]["zh"],
                                                                                       data["number"])
        assert [(c.id, c.label, c.text) for c in section.clauses] == [
            (c["id"], c["number"], c["text"]["zh"]) for c in data["clauses"]]
