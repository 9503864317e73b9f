"""Calculators written as data in an imported document's clauses (documents/<id>/sections/*.yaml), checked
and registered by the loader as the top-level document's are: the real example library
(examples/guangzhou, articles 16-19) copied and broken one way at a time, each mistake a problem with
its file, line, field and both languages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

import calculators
from policy_site.data.loader import check_policy

REPO = Path(__file__).resolve().parents[3]
LIBRARY = REPO / "examples" / "guangzhou"
SECTION = Path("documents") / "guangzhou-2019-internship-bases" / "sections" / "4.yaml"
SHOWN = f"guangzhou/{SECTION.as_posix()}"
ON = dt.date(2026, 12, 7)
IDS = {"16": "guangzhou_internship_subsidy", "17": "guangzhou_internship_living_allowance",
       "18": "guangzhou_retention_subsidy", "19": "guangzhou_demonstration_base_subsidy"}


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "guangzhou"
    shutil.copytree(LIBRARY, copy)
    return copy


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _library_problems(data: Path) -> list:
    """The problems found in the library's documents and parameters (the example has no top-level
    document: the two problems that says are not these)."""
    result = check_policy(data, calculators.CALCULATORS, ON)
    return [p for p in result.problems if "/documents/" in p.file or "/parameters/" in p.file]


def test_the_example_s_calculators_are_checked_and_registered(tmp_path):
    assert _library_problems(_copy(tmp_path)) == []
    for clause_id, cid in IDS.items():
        meta = calculators.CALCULATORS[cid]
        assert meta["clause"] == clause_id
    result = calculators.calculate("guangzhou_internship_subsidy", {"monthly_min_wage_yuan": 2100, "full_months": 6})
    assert result["total_yuan"] == 6300


def test_a_quote_not_in_the_article_is_a_located_problem(tmp_path):
    data = _copy(tmp_path)
    _edit(data / SECTION, "quote: 每月按22个工作日计算", "quote: 每月按21个工作日计算")
    (problem,) = _library_problems(data)
    assert problem.file == SHOWN and problem.field == "clauses[3].calculator_rules[0].figures[1].quote"
    lines = (data / SECTION).read_text(encoding="utf-8").splitlines()
    assert "每月按21个工作日计算" in lines[problem.line - 1]
    assert "本条原文" in problem.zh and "not in this clause's Chinese text" in problem.en


def test_an_id_written_twice_in_the_library_is_a_problem_at_the_second(tmp_path):
    data = _copy(tmp_path)
    _edit(data / SECTION, "guangzhou_internship_living_allowance", "guangzhou_internship_subsidy", count=2)
    (problem,) = _library_problems(data)
    assert problem.file == SHOWN and problem.field == "clauses[4].calculator_rules[0].id"
    first = (data / SECTION).read_text(encoding="utf-8").splitlines().index("  - id: guangzhou_internship_subsidy") + 1
    assert f"{SHOWN}:{first}" in problem.en and f"{SHOWN} 第 {first} 行" in problem.zh


def test_an_unknown_calculator_in_a_clause_is_a_problem(tmp_path):
    data = _copy(tmp_path)
    _edit(data / SECTION, "calculators: [guangzhou_retention_subsidy]", "calculators: [guangzhou_retention_subsidy, no_such_calc]")
    (problem,) = _library_problems(data)
    assert problem.field == "clauses[5].calculators[1]" and "no_such_calc" in problem.zh and "no_such_calc" in problem.en


def test_the_minimum_wage_needs_a_value_from_the_document_s_first_day(tmp_path):
    data = _copy(tmp_path)
    _edit(data / "parameters" / "guangzhou_monthly_minimum_wage.yaml", "  2018-07-01:", "  2019-11-01:")
    problems = [p for p in _library_problems(data) if p.file == SHOWN]
    assert [p.field for p in problems] == ["clauses[3].calculator_rules[0].inputs[0].parameter"]
    assert "2019-10-09" in problems[0].zh and "2019-10-09" in problems[0].en


@pytest.mark.parametrize("text", ["calculator_rules: []"])
def test_a_clause_may_list_no_data_calculator(tmp_path, text):
    data = _copy(tmp_path)
    _edit(data / SECTION, "  measures: []\n", f"  measures: []\n  {text}\n")
    assert _library_problems(data) == []
