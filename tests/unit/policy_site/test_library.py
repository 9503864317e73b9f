"""A library of documents (policy_site/data/library.py): the top-level document plus each imported
document of DIR/documents/<id>/, read into typed objects; a fresh draft loads with warnings only;
``policy-site check`` reports each document's problems with file and line in both languages; each
document's status on the data date."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path

import calculators
import pytest

from policy_site import cli
from policy_site.build.build_inputs import check_site
from policy_site.data import library
from policy_site.data.loader import check_policy
from policy_site.data.model import Validity
from policy_site.importer import read_document
from policy_site.importer.draft import draft
from policy_site.importer.library import known_agencies, write_document
from policy_site.site import document_pages
from policy_site.site.render import Renderer
from policy_site.site.sitemap import SiteMap

REPO = Path(__file__).resolve().parents[3]
GUANGZHOU = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
GZ = "guangzhou-2019-employment-internship-bases"
DATA_DATE = dt.date(2026, 1, 1)
EPOCH_2026 = "1767225600"


def _import(data_dir: Path, source: Path, doc_id: str) -> Path:
    agencies, _problem = known_agencies(data_dir)
    document = read_document(source.read_text(encoding="utf-8"), doc_id)
    return write_document(data_dir, draft(document, agencies), source.read_bytes())


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """policy_data with the Guangzhou document imported as the importer writes it (never edited)."""
    data_dir = tmp_path_factory.mktemp("library") / "policy_data"
    shutil.copytree(REPO / "policy_data", data_dir)
    _import(data_dir, GUANGZHOU, GZ)
    return data_dir


@pytest.fixture
def library_copy(imported, tmp_path) -> Path:
    """A copy of the library that a test may edit."""
    copy = tmp_path / "policy_data"
    shutil.copytree(imported, copy)
    return copy


def _check(data_dir: Path):
    return check_policy(data_dir, known_calculators=calculators.CALCULATORS, data_date=DATA_DATE)


# -- loading ---------------------------------------------------------------------------------------------

def test_a_library_without_documents_reads_as_today():
    result = _check(REPO / "policy_data")
    assert not result.problems
    assert result.documents == ()
    assert library.document_dirs(REPO / "policy_data") == []


def test_a_fresh_import_loads_into_typed_objects(imported):
    result = _check(imported)
    assert not result.problems, [p.format() for p in result.problems]
    assert result.policy is not None and len(result.policy.clauses) == 19  # the top-level document, unchanged
    (document,) = result.documents
    meta = document.meta
    assert (document.id, meta.number, meta.draft) == (GZ, "穗人社规字〔2019〕6号", True)
    assert meta.title.zh == "广州市就业见习基地管理办法" and meta.title.en is None
    assert [i.zh for i in meta.issuers] == ["广州市人力资源和社会保障局", "广州市财政局"]
    assert (meta.signed, meta.in_force_from, meta.expires) == (dt.date(2019, 10, 9), dt.date(2019, 10, 9),
                                                               dt.date(2024, 10, 8))
    assert [(r.number, r.title.zh) for r in meta.repeals] == [("穗人社发〔2015〕27号", "广州市高校毕业生就业见习基地管理办法")]
    assert meta.annexes.count == 1 and meta.annexes.zh.startswith("附件：广州市就业见习基地申请程序\n")
    assert [s.id for s in document.sections] == ["1", "2", "3", "4", "5"]
    assert [c.id for c in document.clauses] == [str(n) for n in range(1, 24)]
    fifth = document.clauses[4]
    assert fifth.title is None and fifth.text.en is None and fifth.number == "第五条"
    assert fifth.text.zh.split("\n")[0] == "第五条 申请认定就业见习基地，应当符合下列条件："
    assert [i.id for i in fifth.items] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert document.section_of["5"].title.zh == "见习基地的申请条件和程序"


def test_staging_folders_and_review_notes_are_never_read(library_copy):
    staging = library_copy / "documents" / f".{GZ}.x.importing"
    shutil.copytree(library_copy / "documents" / GZ, staging)
    (staging / "document.yaml").write_text("id: [broken\n", encoding="utf-8")
    (library_copy / "documents" / GZ / "review.md").write_text("id: [not yaml either\n", encoding="utf-8")
    result = _check(library_copy)
    assert not result.problems, [p.format() for p in result.problems]
    assert [d.id for d in result.documents] == [GZ]


def test_a_mistake_in_a_document_file_has_its_file_and_line(library_copy):
    path = library_copy / "documents" / GZ / "document.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("expires:"))
    lines[at] = "expires: 2024-13-08"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = _check(library_copy)
    assert result.documents == ()
    found = [p for p in result.problems if p.file.endswith(f"documents/{GZ}/document.yaml")]
    assert found and found[0].line == at + 1 and found[0].field == "expires", [p.format() for p in result.problems]
    assert found[0].zh and found[0].en


def test_an_unknown_key_in_a_clause_is_a_problem_on_its_line(library_copy):
    path = library_copy / "documents" / GZ / "sections" / "2.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  summary: null\n", "  sumary: null\n", 1), encoding="utf-8")
    line = text.split("\n").index("  summary: null") + 1
    result = _check(library_copy)
    assert [(p.file.split("policy_data/")[-1], p.line) for p in result.problems] == [
        (f"documents/{GZ}/sections/2.yaml", line)]


# -- policy-site check -----------------------------------------------------------------------------------

def _run_check(data_dir: Path, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    code = cli.main(["check", str(data_dir)])
    out = capsys.readouterr()
    return code, out.err + out.out


def test_check_passes_a_fresh_import_with_warnings_in_both_languages(imported, capsys, monkeypatch):
    code, said = _run_check(imported, capsys, monkeypatch)
    assert code == 0, said
    assert f"policy_data/documents/{GZ}/sections/2.yaml:" in said
    assert "英文译文还没有写" in said and "The English translation is not written yet" in said
    assert f"Library document {GZ}: 5 sections, 23 clauses, status expired." in said


def test_check_reports_a_clause_that_differs_from_its_source_with_file_and_line(library_copy, capsys, monkeypatch):
    path = library_copy / "documents" / GZ / "sections" / "2.yaml"
    text = path.read_text(encoding="utf-8")
    old = "（三）具有符合国家规定的劳动保护和职业防护设施；"
    path.write_text(text.replace(old, "（三）具有符合国家规定的劳动保护设施；", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if old in row)
    code, said = _run_check(library_copy, capsys, monkeypatch)
    assert code == 1
    assert f"policy_data/documents/{GZ}/sections/2.yaml:{line}" in said, said
    assert "与原文不一致" in said and "differs from the source" in said


def test_the_loader_itself_refuses_a_changed_character_with_file_line_and_a_bilingual_fix(library_copy):
    """The build reads the library through the loader: a clause whose text.zh differs from its source by one
    character stops it (not only ``policy-site check``), and the draft's warnings stay warnings."""
    path = library_copy / "documents" / GZ / "sections" / "2.yaml"
    text = path.read_text(encoding="utf-8")
    old = "（三）具有符合国家规定的劳动保护和职业防护设施；"
    path.write_text(text.replace(old, "（三）具有符合国家规定的劳动保护和职业防护设施。", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if old in row)
    result = _check(library_copy)
    found = [p for p in result.problems if p.file == f"{library_copy.name}/documents/{GZ}/sections/2.yaml"]
    assert [(p.line, "与原文不一致" in p.zh, "differs from the source" in p.en) for p in found] == [(line, True, True)], \
        [p.format() for p in result.problems]
    assert result.policy is None
    assert any("English translation is not written yet" in w.en for w in result.warnings)
    site, build_result = check_site(library_copy)
    assert site is None and found[0] in build_result.problems


def test_a_fresh_import_has_no_problem_from_its_source_check(imported):
    result = _check(imported)
    assert not result.problems and any(w.file.startswith(f"policy_data/documents/{GZ}/") for w in result.warnings)



# -- status on the data date -----------------------------------------------------------------------------

D = dt.date


@pytest.mark.parametrize("start, end, on, expected", [
    (D(2019, 10, 9), D(2024, 10, 8), D(2019, 10, 8), "not_yet"),
    (D(2019, 10, 9), D(2024, 10, 8), D(2019, 10, 9), "in_force"),   # the first day is included
    (D(2019, 10, 9), D(2024, 10, 8), D(2024, 10, 8), "in_force"),   # the last day is included
    (D(2019, 10, 9), D(2024, 10, 8), D(2024, 10, 9), "expired"),
    (D(2019, 10, 9), None, D(2019, 10, 8), "not_yet"),
    (D(2019, 10, 9), None, D(2099, 1, 1), "in_force"),              # no end: open
    (None, D(2024, 10, 8), D(1900, 1, 1), "in_force"),              # no start: open
    (None, D(2024, 10, 8), D(2024, 10, 9), "expired"),
    (None, None, D(2026, 1, 1), "no_dates"),
    (D(2024, 2, 29), D(2024, 2, 29), D(2024, 2, 29), "in_force"),   # a one-day life
])
def test_status_on_the_data_date(start, end, on, expected):
    assert library.status(start, end, on) == expected


def test_a_document_s_status_is_read_from_its_own_dates(imported):
    (document,) = _check(imported).documents
    assert document.status(D(2024, 10, 8)) == "in_force"
    assert document.status(D(2024, 10, 9)) == "expired"
    assert document.status(DATA_DATE) == "expired"


def test_a_repealing_document_may_be_named_by_its_library_id():
    ref = library.LifeRef.model_validate("guangzhou-2015-internship-bases")
    assert ref.id == "guangzhou-2015-internship-bases" and ref.number is None


# -- pages -------------------------------------------------------------------------------------------------

def _site(data_dir: Path):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
        site, result = check_site(data_dir)
    assert site is not None, [p.format() for p in result.problems]
    return site


@pytest.fixture(scope="module")
def library_site(imported):
    return _site(imported)


@pytest.fixture(scope="module")
def site_of_one():
    return _site(REPO / "policy_data")


def test_the_site_map_gives_each_document_and_clause_a_page_after_the_top_level_ones(library_site, site_of_one):
    one = [p.path for p in SiteMap(site_of_one, "zh").pages]
    pages = SiteMap(library_site, "en").pages
    assert [p.path for p in pages[:len(one)]] == one  # the top-level document's pages, unchanged
    added = pages[len(one):]
    assert [p.url for p in added] == [f"documents/{GZ}/"] + [f"documents/{GZ}/clauses/{n}/" for n in range(1, 24)]
    site_map = SiteMap(library_site, "zh")
    assert site_map.link(site_map.document(GZ), site_map.home) == f"documents/{GZ}/index.md"
    assert site_map.url(site_map.document(GZ), site_map.document_clause(GZ, "5")) == "../../"


def test_a_library_of_one_has_the_home_of_today(site_of_one):
    assert "data-status" not in Renderer(site_of_one, "zh").render("index.md")


def test_the_home_of_a_library_lists_its_documents(library_site):
    home = Renderer(library_site, "zh").render("index.md")
    listing = home[home.index("## 文件库"):home.index("## 从这里开始")]
    assert re.findall(r'data-status="(\w+)"', listing) == ["no_dates", "expired"]
    assert f"](documents/{GZ}/index.md)（穗人社规字〔2019〕6号）" in listing


@pytest.mark.parametrize("start, end, on, key", [
    (D(2019, 10, 9), D(2024, 10, 8), D(2020, 1, 1), "doc_status_in_force_until"),
    (D(2019, 10, 9), None, D(2020, 1, 1), "doc_status_in_force"),
    (D(2019, 10, 9), D(2024, 10, 8), D(2019, 1, 1), "doc_status_not_yet"),
    (D(2019, 10, 9), D(2024, 10, 8), D(2025, 1, 1), "doc_status_expired"),
    (None, None, D(2025, 1, 1), "doc_status_no_dates"),
])
def test_the_status_badge_says_what_the_dates_give(library_site, start, end, on, key):
    (document,) = library_site.documents
    dated = library.LibraryDocument(document.meta.model_copy(update={"in_force_from": start, "expires": end}),
                                    document.sections)
    view = document_pages.status_view(dated, on)
    assert view.key == key and view.css == document_pages.STATUS_CLASS[view.status]


def test_a_successor_in_the_library_is_linked_both_ways(library_site):
    """A document whose ``repeals`` names another of the library by its number: the repealed one's page
    says "repealed by" with a link to it, and the successor's page links to what it repealed."""
    (document,) = library_site.documents
    successor = library.LibraryDocument(
        document.meta.model_copy(update={"id": "guangzhou-2024-internship-bases", "number": "穗人社规字〔2024〕9号",
                                         "repeals": (library.LifeRef(number="穗人社规字〔2019〕6号"),)}),
        document.sections)
    site = replace(library_site, documents=(document, successor))
    found = document_pages.related(site, document)
    assert [(r.ref.id, r.document.id) for r in found["repealed_by"]] == [(successor.id, successor.id)]
    assert [r.document.id for r in document_pages.related(site, successor)["repeals"]] == [GZ]
    page = Renderer(site, "en").render(f"documents/{GZ}/index.md")
    said = page[page.index("## Repealed by"):]
    assert said.startswith("## Repealed by\n\n- [") and "](../guangzhou-2024-internship-bases/index.md)" in said


def test_a_document_whose_id_is_not_its_folder_s_name_is_a_problem(library_copy):
    path = library_copy / "documents" / GZ / "document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"id: {GZ}\n", "id: guangzhou-2019\n", 1), encoding="utf-8")
    line = text.split("\n").index(f"id: {GZ}") + 1
    result = _check(library_copy)
    assert [(p.file.split("policy_data/")[-1], p.line, p.field) for p in result.problems] == [
        (f"documents/{GZ}/document.yaml", line, "id")]
    assert result.documents == ()


def test_a_document_folder_without_its_document_file_is_a_problem(library_copy):
    (library_copy / "documents" / GZ / "document.yaml").unlink()
    result = _check(library_copy)
    assert [(p.file, p.line) for p in result.problems] == [(f"policy_data/documents/{GZ}", 0)]
    assert "document.yaml" in result.problems[0].zh and "document.yaml" in result.problems[0].en


def test_a_clause_page_names_its_agencies_and_its_own_validity(library_site):
    (document,) = library_site.documents
    section = document.sections[1]
    fifth = section.clauses[0].model_copy(update={
        "lead_agencies": ("hrss_bureau",),
        "validity": Validity.model_validate({"from": "2019-10-09", "to": "2020-12-31"})})
    sections = (document.sections[0], section.model_copy(update={"clauses": (fifth, *section.clauses[1:])}),
                *document.sections[2:])
    site = replace(library_site, documents=(library.LibraryDocument(document.meta, sections),))
    page = Renderer(site, "en").render(f"documents/{GZ}/clauses/5.md")
    assert "(../../../agencies/hrss_bureau.md)" in page
    assert '<p class="policy-validity" data-status="expired">' in page
    plain = Renderer(library_site, "en").render(f"documents/{GZ}/clauses/5.md")
    assert "policy-validity" not in plain and "agencies/" not in plain


# -- indexes across documents ----------------------------------------------------------------------------

def _naming(site, **fields):
    """The library site with the document's clause 5 naming the given audiences, agencies and funding."""
    (document,) = site.documents
    section = document.sections[1]
    fifth = section.clauses[0].model_copy(update=fields)
    sections = (document.sections[0], section.model_copy(update={"clauses": (fifth, *section.clauses[1:])}),
                *document.sections[2:])
    return replace(site, documents=(library.LibraryDocument(document.meta, sections),))


@pytest.mark.parametrize("page, heading", [
    ("audiences/graduate.md", "## 适用于该对象的条款"),
    ("agencies/hrss_bureau.md", "## 牵头负责的条款"),
    ("agencies/finance_bureau.md", "## 协助办理的条款"),
    ("funding/employment_subsidy_fund.md", "## 由此支付的条款"),
])
def test_an_index_page_lists_the_library_clauses_that_name_it_with_their_document_and_status(
        library_site, site_of_one, page, heading):
    site = _naming(library_site, audiences=("graduate",), lead_agencies=("hrss_bureau",),
                   assisting_agencies=("finance_bureau",), funding=("employment_subsidy_fund",))
    rendered, today = Renderer(site, "zh").render(page), Renderer(site_of_one, "zh").render(page)
    entry = (f"- [第五条](../documents/{GZ}/clauses/5.md) — [广州市就业见习基地管理办法](../documents/{GZ}/index.md) "
             '<span class="policy-status policy-status--expired" data-status="expired">已于2024年10月8日失效</span>\n')
    assert entry not in today
    start = rendered.index(heading) + len(heading)
    listed = rendered[start:rendered.find("\n## ", start) % (len(rendered) + 1)]
    assert entry in listed, listed
    assert listed.index(entry) > listed.rfind("](../clauses/")  # after the top-level document's own clauses
    english = Renderer(site, "en").render(page)
    assert f"- [Clause 5](../documents/{GZ}/clauses/5.md) — [" in english and 'data-status="expired"' in english


def test_the_index_counts_include_the_library_clauses(library_site, site_of_one):
    site = _naming(library_site, audiences=("graduate",), lead_agencies=("hrss_bureau",))
    for page, link in (("audiences/index.md", "(graduate.md)"), ("agencies/index.md", "(hrss_bureau.md)")):
        row_of = lambda text: next(line for line in text.split("\n") if link in line)  # noqa: E731
        before, after = row_of(Renderer(site_of_one, "zh").render(page)), row_of(Renderer(site, "zh").render(page))
        counts = [[int(n) for n in re.findall(r"\| (\d+)", row)] for row in (before, after)]
        assert counts[1][0] == counts[0][0] + 1, (before, after)

