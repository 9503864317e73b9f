"""The check of one library document (policy_site/data/document_check.py) on real imports: a fresh
draft passes with warnings only; each edit a person could make by mistake is one problem, with its file
and line, in Chinese and English."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from policy_site.importer import read_document
from policy_site.data.document_check import check_document
from policy_site.importer.draft import draft
from policy_site.importer.library import known_agencies, write_document

REPO = Path(__file__).resolve().parents[3]
FIXTURES = REPO / "tests" / "fixtures" / "documents"
GUANGZHOU = FIXTURES / "guangzhou-2019-employment-internship-bases.zh.txt"
LIST_SAMPLE = FIXTURES / "sample-2024-employment-policy-list.zh.txt"
LHASA = REPO / "policy_data" / "source.zh.txt"
GZ = "guangzhou-2019-employment-internship-bases"


def _import(data_dir: Path, source: Path, doc_id: str) -> Path:
    agencies, _problem = known_agencies(data_dir)
    document = read_document(source.read_text(encoding="utf-8"), doc_id)
    return write_document(data_dir, draft(document, agencies), source.read_bytes())


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A library with the shared files of policy_data and three imported documents, never edited."""
    data_dir = tmp_path_factory.mktemp("library")
    for name in ("agencies.yaml", "audiences.yaml", "funding.yaml"):
        shutil.copy(REPO / "policy_data" / name, data_dir / name)
    _import(data_dir, GUANGZHOU, GZ)
    _import(data_dir, LHASA, "district-2019-employment-plan")
    _import(data_dir, LIST_SAMPLE, "sample-2024-employment-policy-list")
    return data_dir


@pytest.fixture
def guangzhou(library, tmp_path) -> Path:
    """A copy of the imported Guangzhou document that a test may edit."""
    copy = tmp_path / "library"
    shutil.copytree(library, copy)
    return copy / "documents" / GZ


@pytest.mark.parametrize("doc_id", [GZ, "district-2019-employment-plan", "sample-2024-employment-policy-list"])
def test_a_fresh_import_passes_with_warnings_only(library, doc_id):
    problems, warnings = check_document(library / "documents" / doc_id)
    assert problems == []
    said = " ".join(w.en for w in warnings)
    assert "English translation is not written yet" in said and "No measures yet" in said
    assert all(w.file.startswith(f"documents/{doc_id}/") for w in warnings)
    assert all(w.zh and w.en for w in warnings)


def test_only_a_text_without_dates_is_warned_of_its_dates(library):
    def dated(doc_id: str) -> bool:
        return any("gives no dates" in w.en for w in check_document(library / "documents" / doc_id)[1])

    assert (dated(GZ), dated("sample-2024-employment-policy-list")) == (False, True)


def test_agencies_matched_at_import_raise_no_warning_of_a_missing_lead(library):
    _problems, warnings = check_document(library / "documents" / "district-2019-employment-plan")
    assert not any("no lead agency" in w.en for w in warnings)
    _problems, warnings = check_document(library / "documents" / GZ)
    assert any("no lead agency" in w.en for w in warnings)


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _cut_clause(path: Path, clause_id: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"- id: '{clause_id}'")
    end = text.find("\n- id: ", start + 1)
    path.write_text(text[:start] + (text[end + 1:] if end >= 0 else ""), encoding="utf-8")


def _edit_source(doc: Path) -> None:
    _replace(doc / "source.zh.txt", "第三章   见习单位职责\n", "第三章   见习单位职责\n见习单位还应注意下列事项。\n")


# (what a person did, the edit, the file the problem is in, its line, words of the English message)
EDITS = [
    ("a comma made half-width in article 5",
     lambda d: _replace(d / "sections" / "2.yaml", "第五条 申请认定就业见习基地，应当", "第五条 申请认定就业见习基地,应当"),
     "sections/2.yaml", 17, ["clause 5 differs", "line 18"]),
    ("the third item of article 11 deleted",
     lambda d: _replace(d / "sections" / "3.yaml", "      （三）为见习人员购买人身意外伤害保险；\n", ""),
     "sections/3.yaml", 20, ["clause 11 differs", "line 50", "here it is"]),
    ("a line added at the end of article 23",
     lambda d: _replace(d / "sections" / "5.yaml", "同时废止。\n", "同时废止。\n      本办法由市人力资源社会保障局负责解释。\n"),
     "sections/5.yaml", 39, ["clause 23 has a line the source does not give it"]),
    ("article 12 deleted from the data",
     lambda d: _cut_clause(d / "sections" / "3.yaml", "12"),
     "source.zh.txt", 53, ["'第十二条' of the source", "sections/3.yaml"]),
    ("an article the source does not have",
     lambda d: _replace(d / "sections" / "1.yaml", "- id: '4'", "- id: '24'"),
     "sections/1.yaml", None, ["Clause 24 is not in the source"]),
    ("the same clause id twice",
     lambda d: _replace(d / "sections" / "1.yaml", "- id: '4'", "- id: '3'"),
     "sections/1.yaml", None, ["clause id '3' is used twice"]),
    ("the chapter heading retyped",
     lambda d: _replace(d / "sections" / "4.yaml", "    第四章  见习基地管理", "    第四章 见习基地管理"),
     "sections/4.yaml", 8, ["heading of section 4 differs", "line 58"]),
    ("the annexes shortened",
     lambda d: _replace(d / "document.yaml", "    附表6\n", ""),
     "document.yaml", None, ["the annexes differs"]),
    ("the notice dropped",
     lambda d: _replace(d / "document.yaml", "notice:\n  zh: |-\n    穗人社规字〔2019〕6号\n", "notice:\n  zh: |-\n"),
     "document.yaml", None, ["the notice differs", "line 1 of"]),
    ("expiry before the start",
     lambda d: _replace(d / "document.yaml", "expires: 2024-10-08", "expires: 2019-10-08"),
     "document.yaml", None, ["expires (2019-10-08) before it takes effect (2019-10-09)"]),
    ("a date that is not one",
     lambda d: _replace(d / "document.yaml", "signed: 2019-10-09", "signed: 2019-02-30"),
     "document.yaml", None, ["'2019-02-30' is not a date"]),
    ("a date typed as Chinese",
     lambda d: _replace(d / "document.yaml", "in_force_from: 2019-10-09", "in_force_from: 2019年10月9日"),
     "document.yaml", None, ["is not a date", "YYYY-MM-DD"]),
    ("the shape changed",
     lambda d: _replace(d / "document.yaml", "  shape: chapters", "  shape: articles"),
     "document.yaml", None, ["structure.shape says 'articles' but the source reads as 'chapters'"]),
    ("the folder renamed but not the id",
     lambda d: _replace(d / "document.yaml", f"id: {GZ}", "id: guangzhou-2019"),
     "document.yaml", 3, ["id must be the folder's name"]),
    ("an agency the library does not have",
     lambda d: _replace(d / "sections" / "4.yaml", "lead_agencies: []", "lead_agencies: [guangzhou_hrss]"),
     "sections/4.yaml", None, ["'guangzhou_hrss' is not in agencies.yaml"]),
    ("a section file renamed",
     lambda d: (d / "sections" / "5.yaml").rename(d / "sections" / "6.yaml"),
     "sections/6.yaml", None, ["does not match the file name"]),
    ("a paragraph added to the source between a heading and its first article",
     _edit_source, "source.zh.txt", 47, ["has no place"]),
    ("the source numbered wrongly",
     lambda d: _replace(d / "source.zh.txt", "第十二条 见习单位不得有下列行为", "第十三条 见习单位不得有下列行为"),
     "source.zh.txt", 53, ["numbering"]),
    ("the source deleted",
     lambda d: (d / "source.zh.txt").unlink(),
     "source.zh.txt", 0, ["source text source.zh.txt is missing"]),
    ("YAML broken by a full-width colon",
     lambda d: _replace(d / "sections" / "1.yaml", "number: 第一条", "number：第一条"),
     "sections/1.yaml", None, []),
]


@pytest.mark.parametrize(("what", "edit", "file", "line", "words"), EDITS, ids=[e[0] for e in EDITS])
def test_each_mistake_is_one_problem_with_its_file_and_line(guangzhou, what, edit, file, line, words):
    edit(guangzhou)
    problems, _warnings = check_document(guangzhou)
    mine = [p for p in problems if p.file == f"documents/{GZ}/{file}"]
    assert mine, [p.format() for p in problems]
    found = mine[0]
    if line is not None:
        assert found.line == line, found.format()
    for word in words:
        assert word in found.en, found.format()
    assert found.zh and found.zh != found.en


def test_the_checker_never_raises_on_a_file_that_is_no_mapping(guangzhou):
    (guangzhou / "sections" / "2.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (guangzhou / "document.yaml").write_text("", encoding="utf-8")
    problems, _warnings = check_document(guangzhou)
    assert {p.file.rsplit("/", 1)[-1] for p in problems} >= {"2.yaml", "document.yaml"}


def test_a_folder_that_does_not_exist_is_one_problem(tmp_path):
    problems, warnings = check_document(tmp_path / "documents" / "nothing-here")
    assert len(problems) == 1 and "does not exist" in problems[0].en and warnings == []


def test_a_copy_with_a_bom_crlf_and_full_width_indentation_imports_and_checks_clean(tmp_path):
    """As a text pasted from a web page into Notepad arrives: BOM, CRLF, paragraphs indented with 　　."""
    lines = LIST_SAMPLE.read_text(encoding="utf-8").splitlines()
    pasted = tmp_path / "pasted.txt"
    pasted.write_bytes(("\ufeff" + "\r\n".join(f"\u3000\u3000{line}" if line else line for line in lines) + "\r\n")
                       .encode("utf-8"))
    folder = _import(tmp_path, pasted, "pasted")
    assert (folder / "source.zh.txt").read_bytes() == pasted.read_bytes()  # the source is kept byte for byte
    problems, _warnings = check_document(folder)
    assert problems == []
    section = (folder / "sections" / "1.yaml").read_text(encoding="utf-8")
    assert "      一、一次性吸纳就业补贴\n" in section and "\r" not in section and "\u3000" not in section
