"""The finder's data checks that keep the finder working for visitors: a test that can never
hold, ``implies`` that contradict each other, a question that can never be asked, a test or a
policy larger than the browser's engine accepts, and no echoes of a file that did not load.
Each mistake is reported once, with file, line and a fix in Chinese and English."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

import calculators
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS, MAX_RULES_CHARS, request_too_big
from policy_site.data.errors import DataErrors
from policy_site.data.finder_checks import check_limits
from policy_site.data.finder_rules import finder_rules, hold_request, largest_answers, page_request
from policy_site.data.loader import _Loaded, check_policy, load_policy
from policy_site.data.model_finder import FactsFile
from tests.unit.policy_site.test_finder_data import edit, line_of

REPO = Path(__file__).resolve().parents[3]
MINI = REPO / "tests" / "fixtures" / "mini_policy"
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


def held_rules(folder: Path, wrap: int = 0) -> str:
    """The rules the finder page has the engine hold for this data; ``wrap`` more nots around the
    first condition's test (the same rules, one step further than the check allows)."""
    policy = load_policy(folder, known_calculators=calculators.CALCULATORS)
    rules = finder_rules(policy)
    condition = rules["clauses"][0]["measures"][0]["conditions"][0]
    for _ in range(wrap):
        condition["test"] = {"not": condition["test"]}
    return hold_request(rules)


def test_the_depth_the_check_allows_is_the_depth_the_browser_accepts(mini_copy):
    edit(mini_copy / SECTION, IN_NEED, nested_not(MAX_DEPTH - 9))  # a test MAX_DEPTH - 8 deep
    assert check(mini_copy).problems == []
    assert not request_too_big(held_rules(mini_copy), MAX_RULES_CHARS)
    assert request_too_big(held_rules(mini_copy, wrap=1), MAX_RULES_CHARS)


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


def read(folder: Path) -> _Loaded:
    """The data as the check reads it (every file, before the cross-file checks)."""
    loaded = _Loaded(folder, calculators.CALCULATORS)
    loaded.read_all()
    return loaded


def limits(loaded: _Loaded, sections: list) -> list:
    """The size checks on a library whose top-level document has these sections."""
    problems = []
    check_limits(problems, loaded.finder.doc, loaded.finder.obj, sections)
    return problems


def held_size(loaded: _Loaded, sections: list) -> int:
    clauses = [clause for _, section in sections for clause in section.clauses]
    return len(hold_request(finder_rules(SimpleNamespace(finder=loaded.finder.obj, clauses=clauses))))


def test_a_library_of_a_hundred_documents_passes():
    """The plan's measures a hundred times over: rules far larger than one request may be, held once."""
    plan = read(REPO / "policy_data")
    sections = plan.valid_files("sections/*.yaml") * 100
    assert MAX_REQUEST_CHARS < held_size(plan, sections) < MAX_RULES_CHARS
    assert limits(plan, sections) == []


def test_rules_larger_than_the_browser_holds_are_refused(tmp_path, mini_copy):
    """Rules of exactly MAX_RULES_CHARS characters as the page sends them are accepted; one more is
    refused, as the browser's engine refuses them (the plan's measures many times over, and the mini
    policy's with one note long enough to reach the limit)."""
    plain = read(REPO / "policy_data").valid_files("sections/*.yaml")
    notes = 8  # of at most 5,000 characters each: together longer than a copy of the plan's measures

    @functools.cache
    def padded(length: int) -> list:
        """The mini policy with ``notes`` notes of ``length`` characters in all."""
        folder = tmp_path / f"padded-{length}" / "policy_data"
        shutil.copytree(mini_copy, folder)
        texts = ["x" * (length // notes + (i < length % notes)) for i in range(notes)]
        edit(folder / SECTION, "            test: {fact: in_need, is: true}\n",
             "            test: {fact: in_need, is: true}\n        notes:\n" +
             "".join(f"          - {{zh: 说明, en: {text}}}\n" for text in texts))
        return read(folder).valid_files("sections/*.yaml")

    mini = read(mini_copy)
    per_copy = held_size(mini, plain * 2) - held_size(mini, plain)
    copies = (MAX_RULES_CHARS - held_size(mini, padded(notes))) // per_copy
    length = notes + MAX_RULES_CHARS - held_size(mini, padded(notes) + plain * copies)
    fits = padded(length) + plain * copies
    held = hold_request(finder_rules(SimpleNamespace(finder=mini.finder.obj,
                                                     clauses=[c for _, s in fits for c in s.clauses])))
    assert len(held) == MAX_RULES_CHARS and not request_too_big(held, MAX_RULES_CHARS)  # the browser holds them
    assert limits(mini, fits) == []
    [problem] = limits(mini, padded(length + 1) + plain * copies)
    assert problem.file == "policy_data/facts.yaml" and problem.field == ""
    assert "The finder's rules are too large" in problem.en
    assert f"{MAX_RULES_CHARS + 1:,} characters, above the {MAX_RULES_CHARS:,}" in problem.en
    assert f"{MAX_RULES_CHARS + 1:,} 个字符" in problem.zh and f"{MAX_RULES_CHARS:,} 个" in problem.zh


def test_answers_longer_than_a_request_may_be_are_refused(mini_copy):
    """The longest answers a visitor can give, in the request that names the held rules: at most
    MAX_REQUEST_CHARS characters. (Ids are at most 64 characters: here, the mini policy's questions
    and many more yes/no questions with the longest ids, just enough to fit, then one more.)"""
    mini = read(mini_copy)
    sections = mini.valid_files("sections/*.yaml")
    data = mini.finder.obj.model_dump(by_alias=True, exclude_none=True)

    def with_questions(count: int) -> FactsFile:
        more = ({"id": f"q{i:063d}", "type": "bool", "question": {"zh": "问题", "en": "A question"}, "for": ["person"]}
                for i in range(count))
        return FactsFile.model_validate({**data, "facts": [*data["facts"], *more]})

    def request_size(facts: FactsFile) -> int:
        rules = finder_rules(SimpleNamespace(finder=facts, clauses=[c for _, s in sections for c in s.clauses]))
        return len(page_request(rules, largest_answers(facts)))

    per_question = request_size(with_questions(1)) - request_size(with_questions(0))
    count = (MAX_REQUEST_CHARS - request_size(with_questions(0))) // per_question
    fits = with_questions(count)
    assert MAX_REQUEST_CHARS - per_question < request_size(fits) <= MAX_REQUEST_CHARS
    problems = []
    check_limits(problems, mini.finder.doc, fits, sections)
    assert problems == []
    over = with_questions(count + 1)
    check_limits(problems, mini.finder.doc, over, sections)
    [problem] = problems
    assert problem.file == "policy_data/facts.yaml" and problem.field == ""
    assert f"The answers are too long: the request the page sends the engine with the longest answers a visitor " \
           f"can give is {request_size(over):,} characters, above the {MAX_REQUEST_CHARS:,}" in problem.en
    assert f"{request_size(over):,} 个字符" in problem.zh and "请缩短问题的 id" in problem.zh


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
