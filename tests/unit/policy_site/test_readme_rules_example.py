"""The README's guide "How to add a calculator as data" is true: its YAML block (read from README.md,
tests/readme_example.py), added to a copy of the small fixture policy, loads with no problem and
computes the worked examples and the sentences the guide quotes; the error messages it shows are the
ones the loader gives for those mistakes (file, line, field, Chinese, English), character for
character. The same block through ``policy-site check`` and a real build: tests/build/test_rules_data.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import calculators
from policy_site.data.errors import DataErrors
from policy_site.data.loader import check_policy, load_policy
from tests.readme_example import SECTION, add_to_policy, clause_yaml, readme_section

GUIDE = readme_section("## How to add a calculator as data")


@pytest.fixture
def readme_data(tmp_path: Path) -> Path:
    return add_to_policy(tmp_path / "policy_data")


def test_the_block_is_one_clause_with_its_calculator():
    (clause,) = yaml.safe_load(clause_yaml())
    (spec,) = clause["calculator_rules"]
    assert clause["calculators"] == [spec["id"]] == ["rent_subsidy"]
    assert "每年不超过5万元、补贴期限最长不超过3年" in clause["text"]["zh"]
    assert len(spec["examples"]) >= 2


def test_it_loads_with_no_problem_and_is_registered(readme_data):
    result = check_policy(readme_data, calculators.CALCULATORS)
    assert result.problems == [], [p.format() for p in result.problems]
    assert calculators.CALCULATORS["rent_subsidy"]["clause"] == "1.3"


def test_it_computes_its_worked_examples_and_the_sentences_the_guide_quotes(readme_data):
    load_policy(readme_data, known_calculators=calculators.CALCULATORS)
    (clause,) = yaml.safe_load(clause_yaml())
    (spec,) = clause["calculator_rules"]
    for example in spec["examples"]:
        assert calculators.calculate("rent_subsidy", example["inputs"])["total_yuan"] == example["total_yuan"]
    result = calculators.calculate("rent_subsidy", {"annual_rent_yuan": 150000, "years": 4})
    assert result["total_yuan"] == 150000
    quoted = re.findall(r"^> (.+)$", GUIDE, re.M)
    assert quoted == [reason["zh"] for reason in result["reasons"]], quoted


# Each message the guide shows, and the edit of the README's block that makes it.
EDITS = {
    "figures[1].quote": ("quote: 每年不超过5万元", "quote: 每年不超过50000元"),
    "items[0].periods.input": ("periods: {input: years,", "periods: {input: year,"),
    "examples[1].total_yuan": ("  total_yuan: 150000", "  total_yuan: 225000"),
}
SHOWN = re.findall(r"^(policy_data/\S+):(\d+)  \[(.+)\]\n    (.+)\n    (.+)$", GUIDE, re.M)


def test_the_guide_shows_three_messages():
    assert len(SHOWN) == 3, SHOWN
    assert {field.split("calculator_rules[0].", 1)[1] for _, _, field, _, _ in SHOWN} == set(EDITS)


@pytest.mark.parametrize("file, line, field, zh, en", SHOWN, ids=[s[2] for s in SHOWN])
def test_each_message_the_guide_shows_is_the_one_check_gives(tmp_path, file, line, field, zh, en):
    old, new = EDITS[field.split("calculator_rules[0].", 1)[1]]
    block = clause_yaml()
    assert block.count(old) == 1, old
    data = add_to_policy(tmp_path / "policy_data", block.replace(old, new))
    with pytest.raises(DataErrors) as caught:
        load_policy(data, known_calculators=calculators.CALCULATORS)
    found = [(p.file, p.line, p.field, p.zh, p.en) for p in caught.value.problems]
    assert found == [(file, int(line), field, zh, en)], found
    assert file == f"policy_data/{SECTION}"


def test_a_rate_written_as_a_number_is_refused_as_the_guide_says(tmp_path):
    quoted = re.search(r'\("(rate is 1 \(the whole amount\) or \{figure:\s+figure_id\}, not 0\.5: [^"]*?) …"\)', GUIDE)
    assert quoted, "the guide quotes the message"
    words = re.sub(r"\s+", " ", quoted.group(1))
    data = add_to_policy(tmp_path / "policy_data", clause_yaml().replace("rate: {figure: rent_share}", "rate: 0.5"))
    with pytest.raises(DataErrors) as caught:
        load_policy(data, known_calculators=calculators.CALCULATORS)
    (problem,) = caught.value.problems
    assert problem.field.endswith("items[0].rate_of.rate") and problem.en.startswith(words), problem.format()
