"""The finder's data: every mistake in facts.yaml or a clause's measures is reported with file,
line, field and a fix in Chinese and English; the JSON Schema shows the new fields. ``policy-site
find`` as a subprocess: tests/build/test_finder_data_cli.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import calculators
from policy_site.data import schema
from policy_site.data.errors import DataErrors
from policy_site.data.loader import load_policy

REPO = Path(__file__).resolve().parents[3]


def problems(folder: Path):
    with pytest.raises(DataErrors) as caught:
        load_policy(folder, known_calculators=calculators.CALCULATORS)
    return caught.value.problems


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


SECTION = "sections/1.yaml"
MISTAKES = [
    # (file, old, new, line fragment after the edit, field, words in the English message)
    (SECTION, "test: {fact: in_need, is: true}", "test: {fact: in_nede, is: true}", "in_nede",
     "clauses.0.measures.0.conditions.0.test.fact", "Unknown question id 'in_nede'"),
    (SECTION, "test: {fact: in_need, is: true}", "test: {fact: in_need, is: maybe}", "is: maybe",
     "clauses.0.measures.0.conditions.0.test.is", "not a possible answer"),
    (SECTION, "quote: 发放救助", "quote: 发放补贴", "发放补贴",
     "clauses.0.measures.0.conditions.0.quote", "is not in this clause's Chinese text"),
    (SECTION, "test: {fact: publishes, is: true}",
     "test: {fact: new_local_hires, at_least: {figure: enterprise_hiring_award.cap}}",
     "enterprise_hiring_award.cap", "clauses.1.measures.0.conditions.0.test.at_least.figure",
     "no calculator figure 'enterprise_hiring_award.cap'"),
    (SECTION, "test: {fact: in_need, is: true}", "test: {fact: in_need, at_least: 3}", "at_least: 3",
     "clauses.0.measures.0.conditions.0.test.at_least", "works only with a number question"),
    (SECTION, "year: {fact: hiring_year}", "enterprise_type: {value: many}", "value: many",
     "clauses.1.measures.0.calculators.0.inputs.enterprise_type.value", "not a value the calculator input"),
    (SECTION, "year: {fact: hiring_year}", "people: {value: 2}", "people:",
     "clauses.1.measures.0.calculators.0.inputs.people", "has no input 'people'"),
    (SECTION, "year: {fact: hiring_year}", "year: {fact: hiring_year, map: [{if: 2019, then: first}]}", "map:",
     "clauses.1.measures.0.calculators.0.inputs.year.map.0.then", "not a value the calculator input"),
    (SECTION, "for: person", "for: citizen", "for: citizen", "clauses.0.measures.0.for", "not a choice"),
    (SECTION, "test: {fact: in_need, is: true}", "test: {fact: in_need}", "test: {fact: in_need}",
     "clauses.0.measures.0.conditions.0.test.fact", "needs a comparison"),
    (SECTION, "test: {fact: in_need, is: true}", "test: {fact: publishes, is: true}", "fact: publishes",
     "clauses.0.measures.0.conditions.0.test.fact", "asked only of organisation"),
    ("facts.yaml", "- id: hiring_year\n  type: integer", "- id: hiring_year\n  type: number", "type: number",
     "facts.6.type", "must be one of"),
    ("facts.yaml", "  for: [person]\n- id: publishes", "  for: [persons]\n- id: publishes", "for: [persons]",
     "facts.1.for.0", "not a choice of the question 'applicant'"),
]


@pytest.mark.parametrize("file, old, new, fragment, field, words", MISTAKES, ids=[m[4] + ":" + m[5][:20] for m in MISTAKES])
def test_mistakes_are_reported_with_line_and_fix(mini_copy, file, old, new, fragment, field, words):
    path = mini_copy / file
    edit(path, old, new)
    found = problems(mini_copy)
    assert len(found) >= 1
    problem = found[0]
    assert problem.file == f"policy_data/{file}"
    assert problem.field.replace("[", ".").replace("]", "") == field
    assert problem.line == line_of(path, fragment)
    assert words in problem.en and problem.zh


def test_measures_without_a_questions_file(mini_copy):
    (mini_copy / "facts.yaml").unlink()
    found = problems(mini_copy)
    assert {p.field for p in found} == {"clauses[0].measures", "clauses[1].measures"}
    assert all("facts.yaml" in p.en for p in found)


def test_a_policy_without_a_finder_still_loads(mini_copy):
    (mini_copy / "facts.yaml").unlink()
    for name in ("sections/1.yaml",):
        path = mini_copy / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text[:text.index("    measures:")] + text[text.index("  - id: \"1.2\""):text.index(
            "    measures:", text.index("  - id: \"1.2\""))], encoding="utf-8")
    policy = load_policy(mini_copy, known_calculators=calculators.CALCULATORS)
    assert policy.finder is None and all(not c.measures for c in policy.clauses)


def test_every_real_quote_is_in_its_clause():
    policy = load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS)
    quotes = [(c, cond.quote) for c in policy.clauses for m in c.measures for cond in m.conditions]
    assert len(quotes) > 50
    assert all(q in c.text.zh for c, q in quotes)
    assert [c.id for c in policy.clauses if not c.measures] == ["6.1", "6.2", "6.3"]


def test_schema_shows_measures_and_facts():
    schemas = schema.schemas()
    assert "measures" in schemas["sections"]["$defs"]["Clause"]["properties"]
    assert {"Measure", "Condition", "Test"} <= set(schemas["sections"]["$defs"])
    assert "facts" in schemas["facts"]["properties"]
    shipped = json.loads((REPO / "policy_data/schema/facts.schema.json").read_text(encoding="utf-8"))
    assert shipped == schemas["facts"]
