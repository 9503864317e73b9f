"""The example library's data (examples/guangzhou), read directly: what a completed document must hold
beyond what ``check-document`` checks.

Every article has its English (one line for each line of the Chinese, every Arabic figure of the
Chinese kept), an editors' title and a summary in both languages, audiences and a lead agency; the
shared files are the project's shapes; the agencies are only names the text gives; the minimum wage
parameter holds only cited values; the amounts of articles 16 to 19 are the engine's specs, with no
problem the data layer's model finds in them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from policy_site.data import finder_checks, library, model
from policy_site.data.model_finder import FactsFile
from policy_site.data.yaml_source import read_yaml

REPO = Path(__file__).resolve().parents[3]
LIBRARY = REPO / "examples" / "guangzhou"
DOCUMENT = LIBRARY / "documents" / "guangzhou-2019-internship-bases"
RULES = REPO / "calculators" / "cases" / "rules"
SOURCE_TEXT = (DOCUMENT / "source.zh.txt").read_text(encoding="utf-8")


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


SECTIONS = [_yaml(path) for path in sorted((DOCUMENT / "sections").glob("*.yaml"), key=lambda p: int(p.stem))]
CLAUSES = [clause for section in SECTIONS for clause in section["clauses"]]
BY_ID = {clause["id"]: clause for clause in CLAUSES}
META = _yaml(DOCUMENT / "document.yaml")
ARABIC = re.compile(r"\d+(?:\.\d+)?")


def _figures(text: str) -> list[str]:
    return ARABIC.findall(text.replace(",", ""))


def test_every_article_of_the_text_is_there():
    assert [clause["id"] for clause in CLAUSES] == [str(n) for n in range(1, 24)]


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause["id"])
def test_every_article_is_complete(clause):
    assert clause["text"]["en"].strip()
    assert clause["title"]["zh"].strip() and clause["title"]["en"].strip()
    assert clause["summary"]["zh"].strip() and clause["summary"]["en"].strip()
    assert clause["audiences"] and clause["lead_agencies"]


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause["id"])
def test_the_english_has_a_line_for_each_line_and_keeps_every_figure(clause):
    zh_lines, en_lines = clause["text"]["zh"].split("\n"), clause["text"]["en"].split("\n")
    assert len(en_lines) == len(zh_lines)
    for zh, en in zip(zh_lines, en_lines):
        assert sorted(set(_figures(zh))) == sorted(set(_figures(zh)) & set(_figures(en))), (zh, en)


def test_the_files_are_the_library_s_document_shapes():
    """What the loader reads (policy_site.data.library): an unknown key, or a title that YAML read as two
    keys (``{zh: …, en: Review, public notice …}``), is refused here."""
    library.ImportedDocument.model_validate(META)
    for section in SECTIONS:
        library.DraftSection.model_validate(section)


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause["id"])
def test_every_text_is_in_chinese_and_english_only(clause):
    for key in ("title", "text", "summary"):
        assert set(clause[key]) == {"zh", "en"}, key


@pytest.mark.parametrize("clause", CLAUSES, ids=lambda clause: clause["id"])
def test_the_english_starts_with_the_article_s_number(clause):
    assert clause["text"]["en"].startswith(f"Article {clause['id']} ")


def test_the_document_is_complete_in_english():
    assert META["title"]["en"] and all(issuer["en"] for issuer in META["issuers"])
    assert all(entry["title"]["en"] for entry in META["repeals"] + META["implements"])
    assert META["summary"]["zh"] and META["summary"]["en"]
    for key in ("notice", "title_line", "annexes", "footer"):
        assert len(META[key]["en"].split("\n")) == len(META[key]["zh"].split("\n")), key
    for zh, en in zip(META["annexes"]["zh"].split("\n"), META["annexes"]["en"].split("\n")):
        assert zh.count("|") == en.count("|"), en  # a form's row keeps its cells
    assert META["draft"] is False
    for section in SECTIONS:
        assert section["title"]["en"] and section["text"]["en"]


def test_the_document_s_dates_are_the_text_s():
    assert (META["signed"], META["in_force_from"], META["expires"]) == (
        dt.date(2019, 10, 9), dt.date(2019, 10, 9), dt.date(2024, 10, 8))


@pytest.mark.parametrize("name, shape", [("agencies.yaml", model.AgencyFile), ("audiences.yaml", model.AudienceFile),
                                         ("funding.yaml", model.FundingFile), ("glossary.yaml", model.GlossaryFile)])
def test_the_shared_files_have_the_project_s_shapes(name, shape):
    shape.model_validate(_yaml(LIBRARY / name))


def test_every_agency_is_a_name_the_text_gives():
    for agency in _yaml(LIBRARY / "agencies.yaml")["agencies"]:
        names = [agency["name"]["zh"], *(agency.get("also_written_as") or [])]
        if agency.get("full_name"):
            names.append(agency["full_name"]["zh"])
        for name in names:
            assert name in SOURCE_TEXT, (agency["id"], name)
        assert agency["address"] is agency["phone"] is agency["hours"] is agency["website"] is None


@pytest.mark.parametrize("file, key, fields", [
    ("agencies.yaml", "agencies", ("lead_agencies", "assisting_agencies")),
    ("audiences.yaml", "audiences", ("audiences",)),
    ("funding.yaml", "funding_sources", ("funding",)),
])
def test_every_shared_entry_is_used_by_some_article(file, key, fields):
    used = {value for clause in CLAUSES for field in fields for value in clause.get(field) or []}
    defined = {entry["id"] for entry in _yaml(LIBRARY / file)[key]}
    unused = defined - used
    if file == "agencies.yaml":
        unused -= {"district_hrss_bureaus"}  # the notice's addressee: the articles give it no task
    assert used <= defined and not unused


def test_the_minimum_wage_holds_only_cited_values():
    data = _yaml(LIBRARY / "parameters" / "guangzhou_monthly_minimum_wage.yaml")
    parameter = model.Parameter.model_validate(data)
    assert parameter.id == "guangzhou_monthly_minimum_wage" and parameter.unit == "yuan_per_month"
    values = {day: (entry["value"], entry["reference"]["number"]) for day, entry in data["values"].items()}
    assert values == {dt.date(2018, 7, 1): (2100, "粤府函〔2018〕187号"), dt.date(2021, 12, 1): (2300, None),
                      dt.date(2025, 3, 1): (2500, "粤府函〔2025〕23号")}
    assert parameter.in_force(META["in_force_from"])[1].value == 2100  # the value on the document's first day
    assert parameter.in_force(META["expires"])[1].value == 2300


def test_every_cited_value_names_where_it_was_read():
    lines = (LIBRARY / "parameters" / "guangzhou_monthly_minimum_wage.yaml").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if re.fullmatch(r"  \d{4}-\d{2}-\d{2}:", line)]
    assert len(starts) == 3
    for start in starts:
        above = []
        for line in reversed(lines[:start]):
            if not line.startswith("  #"):
                break
            above.append(line)
        assert any(re.search(r"https?://\S+", line) for line in above), lines[start]


RULE_CLAUSES = {"16": "guangzhou_internship_subsidy", "17": "guangzhou_internship_living_allowance",
                "18": "guangzhou_retention_subsidy", "19": "guangzhou_demonstration_base_subsidy"}


@pytest.mark.parametrize("clause_id, calculator", RULE_CLAUSES.items())
def test_the_amounts_are_the_engine_s_specs_with_no_problem(clause_id, calculator):
    clause = BY_ID[clause_id]
    assert clause["calculators"] == [calculator]
    (written,) = clause["calculator_rules"]
    engine = json.loads((RULES / f"{calculator}.json").read_text(encoding="utf-8"))["spec"]
    assert {**written, "clause": clause_id} == engine  # the copy beside the engine's cases stays equal
    loaded = library.DraftClause.model_validate(clause)  # every quote in the article's text, the examples' totals
    assert [spec.id for spec in loaded.calculator_rules] == [calculator]


def test_only_articles_16_to_19_have_amounts():
    assert {c["id"] for c in CLAUSES if c.get("calculators") or c.get("calculator_rules")} == set(RULE_CLAUSES)


def test_every_parameter_an_amount_names_is_in_the_library():
    named = {entry["parameter"] for clause_id in RULE_CLAUSES for spec in BY_ID[clause_id]["calculator_rules"]
             for entry in spec["inputs"] if entry.get("parameter")}
    assert named == {"guangzhou_monthly_minimum_wage"}
    assert all((LIBRARY / "parameters" / f"{name}.yaml").is_file() for name in named)


def test_the_finder_s_questions_and_measures_pass_the_finder_s_own_checks():
    problems, warnings = [], []
    facts_doc, unreadable = read_yaml(LIBRARY / "facts.yaml", "facts.yaml")
    assert unreadable == []
    facts = FactsFile.model_validate(facts_doc.data)
    agencies = {agency["id"] for agency in _yaml(LIBRARY / "agencies.yaml")["agencies"]}
    finder_checks.check_facts(problems, facts_doc, facts, agencies, {}, warnings)
    sections = []
    for path in sorted((DOCUMENT / "sections").glob("*.yaml")):
        doc, unreadable = read_yaml(path, path.name)
        assert unreadable == []
        sections.append((doc, library.DraftSection.model_validate(doc.data)))
    finder_checks.check_measures(problems, sections, facts, {}, agencies)
    assert (problems, warnings) == ([], [])  # every quote in its article, every fact asked, every answer possible


def test_the_amounts_people_can_claim_have_a_measure():
    for clause_id in ("2", "4", "16", "17", "18", "19"):
        assert BY_ID[clause_id]["measures"], clause_id
