"""The finder across a library of documents: the real plan (policy_data) with the example library's document
(examples/guangzhou) merged in, as tests/build/test_example_library.py assembles it, facts.yaml included (one
questions file for the whole library, merged by id).

The rules hold every document's clauses with measures: the top-level document's with their plain ids, then the
library document's as ``DOC_ID:CLAUSE_ID``, with its life as their dates; the finder's checks run on them
(quotes against the article's own text, questions that exist); a library of one gives the rules it always did;
and a question id written twice in the library's facts.yaml is a problem with its file, line and a fix.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import check_policy, load_policy
from policy_site.finder_cli import find
from tests.build.test_example_library import DOC_ID, LIBRARY, _library_with_the_example

REPO = Path(__file__).resolve().parents[3]
ON = dt.date(2026, 12, 7)
ARTICLES = ["2", "4", "16", "17", "18", "19"]
"""The example's articles with measures, in the document's order."""
SECTION_4 = Path("documents") / DOC_ID / "sections" / "4.yaml"


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return _library_with_the_example(tmp_path_factory.mktemp("finder_library"))


@pytest.fixture(scope="module")
def checked(library):
    result = check_policy(library, calculators.CALCULATORS, ON)
    assert result.problems == [], [p.format() for p in result.problems[:5]]
    return result


@pytest.fixture(scope="module")
def rules(checked) -> dict:
    return finder_rules(checked.policy, checked.documents)


def _copy(library: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "policy_data"
    shutil.copytree(library, copy)
    return copy


def test_the_merged_facts_keep_the_library_s_questions_and_add_the_example_s(library):
    merged = [f["id"] for f in yaml.safe_load((library / "facts.yaml").read_text(encoding="utf-8"))["facts"]]
    real = [f["id"] for f in yaml.safe_load((REPO / "policy_data" / "facts.yaml").read_text(encoding="utf-8"))["facts"]]
    example = [f["id"] for f in yaml.safe_load((LIBRARY / "facts.yaml").read_text(encoding="utf-8"))["facts"]]
    assert merged[:len(real)] == real and len(merged) == len(set(merged))
    assert set(merged) == set(real) | set(example)
    assert {"age", "college_graduate", "registered_unemployed"} <= set(real) & set(example)  # shared by id


def test_the_rules_hold_every_document_s_clauses_named_by_document(checked, rules):
    top = [c.id for c in checked.policy.clauses if c.measures]
    assert [c["clause"] for c in rules["clauses"]] == top + [f"{DOC_ID}:{n}" for n in ARTICLES]
    assert {f["id"] for f in rules["facts"]} >= {"internship_base", "on_internship", "kept_on_intern"}
    library_clauses = [c for c in rules["clauses"] if c["clause"].startswith(f"{DOC_ID}:")]
    # Its clauses have no dates of their own: the document's life stands for them.
    assert all(c["validity"] == {"from": "2019-10-09", "to": "2024-10-08"} for c in library_clauses)
    (article_16,) = [c for c in library_clauses if c["clause"] == f"{DOC_ID}:16"]
    assert [(m["part"], m["for"], m["kind"]) for m in article_16["measures"]] == \
        [("a", "organisation", "benefit"), ("b", "organisation", "obligation"), ("c", "person", "benefit")]
    assert article_16["measures"][0]["conditions"][0]["quote"] == "见习基地可向市公共就业服务机构提出申请"


def test_a_library_of_one_gives_the_rules_it_always_did(checked):
    real = load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS)
    assert finder_rules(checked.policy) == finder_rules(checked.policy, ()) != finder_rules(checked.policy,
                                                                                          checked.documents)
    assert finder_rules(real)["clauses"] == finder_rules(checked.policy)["clauses"]


def test_the_engine_sorts_the_example_s_articles_with_the_plan_s(checked, rules):
    answer = calculators.find(rules, {"applicant": "organisation", "internship_base": True}, "2020-06-30")
    by_clause = {m["clause"]: m for m in answer["measures"]}
    assert by_clause[f"{DOC_ID}:16"]["status"] == "applies" and by_clause[f"{DOC_ID}:16"]["in_force"] == "in_force"
    assert by_clause[f"{DOC_ID}:17"]["status"] == "does_not_apply"  # for a person only
    assert by_clause[f"{DOC_ID}:19"]["status"] == "may_apply"
    assert by_clause[f"{DOC_ID}:19"]["missing"] == ["fifty_interns_two_years", "retention_sixty_percent"]
    assert answer["summary"]["applies"] >= 1 and answer["summary"]["ended"] == 0
    # On the data date the document has ended: the article is "ended", never counted as applying.
    later = calculators.find(rules, {"applicant": "organisation", "internship_base": True}, ON.isoformat())
    entry = next(m for m in later["measures"] if m["clause"] == f"{DOC_ID}:16")
    assert (entry["status"], entry["in_force"]) == ("applies", "expired")
    plan_alone = calculators.find(finder_rules(checked.policy), {"applicant": "organisation", "internship_base": True},
                                  ON.isoformat())["summary"]
    ending = sum(1 for m in answer["measures"] if m["clause"].startswith(DOC_ID) and m["status"] != "does_not_apply")
    assert ending == 4
    assert later["summary"] == {**plan_alone, "ended": plan_alone["ended"] + ending}


def test_the_example_s_questions_are_asked_once_the_plan_s_are_settled(rules):
    facts = {"applicant": "organisation"}
    asked = []
    while (question := calculators.find(rules, facts, "2020-06-30")["next_question"]) is not None:
        asked.append(question)
        facts[question] = None  # "not sure" to everything: every question that matters is asked once
    assert "internship_base" in asked and "registered_in_guangzhou" in asked
    assert len(asked) == len(set(asked))


def test_policy_site_find_names_library_clauses_by_document(library):
    answer = find({"applicant": "person", "on_internship": True}, "2020-06-30", library)
    clauses = [m["clause"] for m in answer["measures"]]
    assert f"{DOC_ID}:16" in clauses and "2.3" in clauses and "16" not in clauses
    assert next(m for m in answer["measures"] if m["clause"] == f"{DOC_ID}:16")["status"] == "applies"
    only_plan = find({"applicant": "person"}, "2020-06-30", REPO / "policy_data")
    assert all(":" not in m["clause"] for m in only_plan["measures"])


def test_a_library_measure_s_quote_is_checked_against_its_article(library, tmp_path):
    data = _copy(library, tmp_path)
    section = data / SECTION_4
    text = section.read_text(encoding="utf-8")
    assert text.count("quote: 见习基地可向市公共就业服务机构提出申请") == 1
    section.write_text(text.replace("quote: 见习基地可向市公共就业服务机构提出申请", "quote: 见习基地可向市人社局提出申请"),
                       encoding="utf-8")
    (problem,) = check_policy(data, calculators.CALCULATORS, ON).problems
    assert problem.file.endswith(SECTION_4.as_posix()) and problem.field == "clauses[3].measures[0].conditions[0].quote"
    assert "见习基地可向市人社局提出申请" in section.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert "本条原文" in problem.zh and "not in this clause's Chinese text" in problem.en


def test_a_library_measure_needs_the_library_s_questions(library, tmp_path):
    """Without the example's questions merged into facts.yaml its measures name questions the library lacks."""
    data = _copy(library, tmp_path)
    shutil.copy(REPO / "policy_data" / "facts.yaml", data / "facts.yaml")
    problems = check_policy(data, calculators.CALCULATORS, ON).problems
    assert problems and all(f"documents/{DOC_ID}/sections/" in p.file for p in problems)
    unknown = {p.field: p for p in problems}
    problem = unknown["clauses[3].measures[0].conditions[0].test.fact"]
    assert "internship_base" in problem.zh and "Unknown question id 'internship_base'" in problem.en
    assert "internship_base" in (data / SECTION_4).read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_a_question_id_written_twice_in_the_library_is_a_problem_with_a_fix(library, tmp_path):
    """Merged by appending instead of by id: each question the plan already asks is a clash, at the second,
    naming the first's line, in both languages, saying what to do."""
    data = _copy(library, tmp_path)
    merged = yaml.safe_load((REPO / "policy_data" / "facts.yaml").read_text(encoding="utf-8"))
    merged["facts"] += yaml.safe_load((LIBRARY / "facts.yaml").read_text(encoding="utf-8"))["facts"]
    (data / "facts.yaml").write_text(yaml.safe_dump(merged, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = [p for p in check_policy(data, calculators.CALCULATORS, ON).problems if p.file.endswith("facts.yaml")]
    clashes = {p.field: p for p in problems if "already used" in p.en}
    lines = (data / "facts.yaml").read_text(encoding="utf-8").splitlines()
    ids = [i for i, fact in enumerate(merged["facts"]) if fact["id"] == "age"]
    assert len(ids) == 2
    problem = clashes[f"facts[{ids[1]}].id"]
    first = next(n for n, line in enumerate(lines, 1) if line == "- id: age")
    assert lines[problem.line - 1].endswith("id: age") and problem.line > first
    assert f"facts.yaml:{first}" in problem.en and f"facts.yaml 第 {first} 行" in problem.zh
    assert "give this question another id" in problem.en and "换一个编号" in problem.zh
    assert f"facts[{ids[0]}].id" not in clashes  # the first is not blamed
    assert {"applicant", "age", "college_graduate", "registered_unemployed"} <= \
        {merged["facts"][int(field[6:field.index("]")])]["id"] for field in clashes}
