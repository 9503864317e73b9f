"""The finder's data checks that keep the finder working for visitors: a test that can never
hold, ``implies`` that contradict each other, a question that can never be asked, a test or a
policy larger than the browser's engine accepts, and no echoes of a file that did not load.
Each mistake is reported once, with file, line and a fix in Chinese and English."""

from __future__ import annotations

from pathlib import Path

import pytest

import calculators
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS, request_too_big
from policy_site.data.errors import DataErrors
from policy_site.data.finder_rules import browser_request, finder_rules, largest_answers
from policy_site.data.loader import check_policy, load_policy
from tests.unit.policy_site.test_finder_data import edit, line_of

SECTION = "sections/1.yaml"
IN_NEED = "test: {fact: in_need, is: true}"


def check(folder: Path):
    return check_policy(folder, known_calculators=calculators.CALCULATORS)


def only_problem(folder: Path):
    problems = check(folder).problems
    assert len(problems) == 1, "\n".join(p.format() for p in problems)
    problem = problems[0]
    assert problem.zh and problem.en and problem.line > 0
    return problem


def add_facts(folder: Path, text: str) -> None:
    with (folder / "facts.yaml").open("a", encoding="utf-8") as out:
        out.write(text)


# -- one test, one clear message --------------------------------------------------------------

@pytest.mark.parametrize("new, field, words", [
    ("test: {fact: enterprise_type, in: []}", "clauses[1].measures[0].conditions[0].test.in",
     "'in' needs at least one answer"),
    ("test: {fact: hiring_year, at_least: 2018.5}", "clauses[1].measures[0].conditions[0].test.at_least",
     "whole number (e.g. 6), not 2018.5"),
    ("test: {fact: hiring_year, at_least: true}", "clauses[1].measures[0].conditions[0].test.at_least",
     "whole number (e.g. 6), not true"),
    ("test: {fact: hiring_year, at_least: {figure: first_year}}",
     "clauses[1].measures[0].conditions[0].test.at_least.figure",
     "write calculator_id.figure_key, e.g. enterprise_hiring_award.first_year"),
    ("test: {fact: publishes, is: true, in: [false]}", "clauses[1].measures[0].conditions[0].test",
     "can never hold"),
    ("test: {fact: hiring_year, at_least: 2020, at_most: 2019}", "clauses[1].measures[0].conditions[0].test",
     "can never hold"),
    ("test: {fact: hiring_year, at_least: {figure: enterprise_hiring_award.last_year}, at_most: 2019}",
     "clauses[1].measures[0].conditions[0].test", "can never hold"),
    ("test: {fact: hiring_year, at_least: 2101}", "clauses[1].measures[0].conditions[0].test", "can never hold"),
    ("test: {fact: enterprise_type, is: state_owned, in: [non_public]}",
     "clauses[1].measures[0].conditions[0].test", "can never hold"),
])
def test_one_test_one_message(mini_copy, new, field, words):
    path = mini_copy / SECTION
    edit(path, "test: {fact: publishes, is: true}", new)
    problem = only_problem(mini_copy)
    assert problem.file == f"policy_data/{SECTION}"
    assert problem.field == field
    assert problem.line == line_of(path, new)
    assert words in problem.en
    assert "Input should" not in problem.zh + problem.en  # never pydantic's raw words


def test_tests_that_can_hold_are_accepted(mini_copy):
    edit(mini_copy / SECTION, "test: {fact: publishes, is: true}",
         "test: {all: [{fact: hiring_year, at_least: 2019, at_most: 2019}, {fact: enterprise_type, "
         "is: state_owned, in: [state_owned, non_public]}, {fact: hiring_year, in: [2019, 2030], at_most: 2020}, "
         "{fact: publishes, is: true}]}")
    assert check(mini_copy).problems == []


# -- implies -----------------------------------------------------------------------------------

QUESTIONS = """- id: farmer
  type: bool
  question: {zh: 您是农牧民吗？, en: "Are you a farmer?"}
  for: [person]
- id: migrant
  type: bool
  question: {zh: 您外出务工吗？, en: "Do you work away from home?"}
  for: [person]
  implies: [{when: true, set: {farmer: true}}]
- id: retired
  type: bool
  question: {zh: 您退休了吗？, en: "Are you retired?"}
  for: [person]
"""


def test_the_shipped_kind_of_implies_is_accepted(mini_copy):
    add_facts(mini_copy, QUESTIONS)
    assert check(mini_copy).problems == []


def test_an_implies_cycle_that_contradicts_itself_is_refused(mini_copy):
    add_facts(mini_copy, QUESTIONS.replace("  for: [person]\n- id: migrant",
                                           "  for: [person]\n  implies: [{when: true, set: {migrant: false}}]\n"
                                           "- id: migrant"))
    problem = only_problem(mini_copy)
    assert problem.file == "policy_data/facts.yaml"
    assert problem.line == line_of(mini_copy / "facts.yaml", "set: {migrant: false}")
    assert "'migrant' true makes 'migrant' both true and false" in problem.en
    assert "migrant: true → farmer: true → migrant: false" in problem.en
    assert "“migrant”为 true" in problem.zh


def test_two_answers_that_imply_opposite_answers_to_a_third_are_refused(mini_copy):
    add_facts(mini_copy, QUESTIONS.replace("  question: {zh: 您退休了吗？, en: \"Are you retired?\"}\n",
                                           "  question: {zh: 您退休了吗？, en: \"Are you retired?\"}\n"
                                           "  implies: [{when: true, set: {farmer: false}}]\n"))
    problem = only_problem(mini_copy)
    assert problem.line == line_of(mini_copy / "facts.yaml", "set: {farmer: false}")
    assert "'migrant' true makes 'farmer' true, but 'retired' true makes it false" in problem.en
    assert "though they never answered it" in problem.en


def test_answers_the_data_already_keeps_apart_may_imply_opposite_answers(mini_copy):
    add_facts(mini_copy, QUESTIONS.replace("  question: {zh: 您退休了吗？, en: \"Are you retired?\"}\n",
                                           "  question: {zh: 您退休了吗？, en: \"Are you retired?\"}\n"
                                           "  implies: [{when: true, set: {farmer: false, migrant: false}}]\n"))
    assert check(mini_copy).problems == []


# -- a question that can never be asked ------------------------------------------------------------

def test_a_question_whose_ask_when_contradicts_its_for_is_a_warning(mini_copy):
    edit(mini_copy / "facts.yaml", "  for: [person]\n- id: publishes",
         "  for: [person]\n  ask_when: {fact: applicant, is: organisation}\n- id: publishes")
    result = check(mini_copy)
    assert result.problems == []
    [warning] = result.warnings
    assert warning.field == "facts[1].ask_when"
    assert warning.line == line_of(mini_copy / "facts.yaml", "ask_when: {fact: applicant")
    assert "'in_need' can never be asked" in warning.en and warning.zh


def test_an_ask_when_that_can_hold_is_no_warning(mini_copy):
    edit(mini_copy / "facts.yaml", "  for: [person]\n- id: publishes",
         "  for: [person]\n  ask_when: {fact: applicant, is: person}\n- id: publishes")
    assert check(mini_copy).warnings == []


# -- what the browser's engine accepts -------------------------------------------------------------

def nested_not(times: int) -> str:
    return "test: " + "{not: " * times + "{fact: in_need, is: true}" + "}" * times


def page_request(folder: Path, wrap: int = 0) -> str:
    """What the finder page sends for this data with its longest answers; ``wrap`` more nots
    around the first condition's test (the same request, one step further than the check allows)."""
    policy = load_policy(folder, known_calculators=calculators.CALCULATORS)
    rules = finder_rules(policy)
    condition = rules["clauses"][0]["measures"][0]["conditions"][0]
    for _ in range(wrap):
        condition["test"] = {"not": condition["test"]}
    return browser_request(rules, largest_answers(policy.finder))


def test_the_depth_the_check_allows_is_the_depth_the_browser_accepts(mini_copy):
    edit(mini_copy / SECTION, IN_NEED, nested_not(MAX_DEPTH - 9))  # a test MAX_DEPTH - 8 deep
    assert check(mini_copy).problems == []
    assert not request_too_big(page_request(mini_copy))
    assert request_too_big(page_request(mini_copy, wrap=1))


def test_a_test_nested_deeper_than_the_browser_accepts_is_refused(mini_copy):
    edit(mini_copy / SECTION, IN_NEED, nested_not(MAX_DEPTH - 8))
    problem = only_problem(mini_copy)
    assert problem.field == "clauses[0].measures[0].conditions[0].test"
    assert problem.line == line_of(mini_copy / SECTION, "test: {not:")
    assert f"nests too deeply ({MAX_DEPTH - 7} levels): the finder in the browser accepts at most {MAX_DEPTH - 8}" \
        in problem.en


def test_an_ask_when_nested_too_deep_is_refused(mini_copy):
    deep = "{not: " * (MAX_DEPTH - 4) + "{fact: applicant, is: person}" + "}" * (MAX_DEPTH - 4)
    edit(mini_copy / "facts.yaml", "  for: [person]\n- id: publishes",
         f"  for: [person]\n  ask_when: {deep}\n- id: publishes")
    problem = only_problem(mini_copy)
    assert problem.field == "facts[1].ask_when" and "nests too deeply" in problem.en


def test_rules_larger_than_the_browser_accepts_are_refused(mini_copy):
    note = "{zh: 说明, en: " + "x" * 4_900 + "}"
    notes = "        notes:\n" + "".join(f"          - {note}\n" for _ in range(MAX_REQUEST_CHARS // 4_900 + 1))
    edit(mini_copy / SECTION, "            test: {fact: in_need, is: true}\n",
         "            test: {fact: in_need, is: true}\n" + notes)
    problem = only_problem(mini_copy)
    assert problem.file == "policy_data/facts.yaml" and problem.field == ""
    assert "The finder's rules are too large" in problem.en and f"{MAX_REQUEST_CHARS:,}" in problem.en


def test_rules_that_fit_only_without_the_answers_are_refused(mini_copy):
    """The headroom is the longest answers a visitor can send: rules that fit alone but not with
    them are refused, as the browser would refuse them once the visitor has answered."""
    policy = load_policy(mini_copy, known_calculators=calculators.CALCULATORS)
    base = len(browser_request(finder_rules(policy), {}))
    headroom = len(browser_request(finder_rules(policy), largest_answers(policy.finder))) - base
    assert headroom > 100
    added = MAX_REQUEST_CHARS - base - headroom // 2  # the rules alone fit; with the answers they do not
    overhead = len('{"zh":"说明","en":""}') + 1  # one note, with the comma before it
    count, last = divmod(added - overhead + 1, 4_000 + overhead)  # full notes, then the last note's text
    notes = "".join(f"          - {{zh: 说明, en: {'x' * 4_000}}}\n" for _ in range(count))
    notes += f"          - {{zh: 说明, en: {'x' * last}}}\n"
    edit(mini_copy / SECTION, "            test: {fact: in_need, is: true}\n",
         "            test: {fact: in_need, is: true}\n        notes:\n" + notes)
    problems = check(mini_copy).problems
    [problem] = problems
    assert "The finder's rules are too large" in problem.en
    from policy_site.data.loader import _Loaded  # the rules as they are, past the check that refuses them
    loaded = _Loaded(mini_copy, calculators.CALCULATORS)
    loaded.read_all()
    rules = finder_rules(loaded.policy())
    assert len(browser_request(rules, {})) == MAX_REQUEST_CHARS - headroom // 2
    assert not request_too_big(browser_request(rules, {}))
    assert request_too_big(browser_request(rules, largest_answers(loaded.finder.obj)))


# -- no echoes of a file that did not load ---------------------------------------------------------

def test_a_syntax_error_in_facts_yaml_is_one_problem(mini_copy):
    edit(mini_copy / "facts.yaml", "- id: in_need\n  type: bool", "- id: in_need\n\ttype: bool")
    problem = only_problem(mini_copy)
    assert problem.file == "policy_data/facts.yaml"
    assert "no facts.yaml" not in problem.en


def test_a_duplicate_key_in_facts_yaml_is_one_problem(mini_copy):
    edit(mini_copy / "facts.yaml", "- id: in_need\n  type: bool", "- id: in_need\n  type: bool\n  type: bool")
    problem = only_problem(mini_copy)
    assert problem.file == "policy_data/facts.yaml"


def test_a_syntax_error_in_agencies_yaml_does_not_echo_judged_by(mini_copy):
    edit(mini_copy / SECTION, "            test: {fact: in_need, is: true}\n",
         "            test: {fact: in_need, is: true}\n          - zh: 财政处认定\n            en: Treasury decides\n"
         "            quote: 发放救助\n            test: {judged_by: treasury}\n")
    assert check(mini_copy).problems == []
    edit(mini_copy / "agencies.yaml", "  - id: treasury\n    name: {zh: 财政处, en: Treasury}",
         "  - id: treasury\n    name：{zh: 财政处, en: Treasury}")
    problems = check(mini_copy).problems
    assert [p.file for p in problems] == ["policy_data/agencies.yaml"], "\n".join(p.format() for p in problems)


def test_a_judged_by_typo_is_still_refused(mini_copy):
    edit(mini_copy / SECTION, "test: {fact: in_need, is: true}", "test: {judged_by: treasuri}")
    problem = only_problem(mini_copy)
    assert "Unknown agency id 'treasuri'" in problem.en
