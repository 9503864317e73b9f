"""``policy-site find`` reads the answers exactly (the argument, ``@FILE`` or ``-`` for standard
input), names what it refuses, applies the browser's limit on the request, and never speaks of
building a site."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS
from calculators.finder import forget_held_rules
from policy_site.data.finder_rules import finder_rules, hold_request, page_request
from policy_site.data.loader import load_policy

REPO = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).with_name("policy-site")
ANSWERS = '{"applicant": "person", "age": 20}'


def run_find(*args: str, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "find", *args, "--as-of", "2026-11-25", "--data", str(REPO / "policy_data")],
                          capture_output=True, input=stdin, cwd=cwd)


def refused(proc: subprocess.CompletedProcess) -> dict:
    assert proc.returncode == 1 and proc.stdout == b"", proc.stderr
    assert b"Traceback" not in proc.stderr
    [error] = json.loads(proc.stderr.decode("utf-8"))["errors"]
    assert error["zh"] and error["en"]
    return error


def test_answers_from_a_file_and_from_standard_input_give_the_same_result(tmp_path):
    inline = run_find(ANSWERS)
    assert inline.returncode == 0 and json.loads(inline.stdout)["next_question"] == "employment"
    (tmp_path / "answers.json").write_text(ANSWERS, encoding="utf-8")
    assert run_find("@answers.json", cwd=tmp_path).stdout == inline.stdout
    assert run_find("-", stdin=ANSWERS.encode("utf-8")).stdout == inline.stdout


def test_answers_longer_than_a_command_line_are_read_from_standard_input():
    answers = ANSWERS[:-1] + " " * 300_000 + "}"  # far beyond what one argument may hold (128 KiB)
    proc = run_find("-", stdin=answers.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["next_question"] == "employment"


def test_a_file_name_without_at_is_explained(tmp_path):
    (tmp_path / "answers.json").write_text(ANSWERS, encoding="utf-8")
    error = refused(run_find("answers.json", cwd=tmp_path))
    assert "write @answers.json" in error["en"] and "@answers.json" in error["zh"]


def test_a_missing_answers_file_is_named(tmp_path):
    error = refused(run_find("@nothing.json", cwd=tmp_path))
    assert "nothing.json" in error["en"] and error["field"] is None


def test_a_key_given_twice_is_refused_and_named():
    error = refused(run_find('{"applicant": "person", "applicant": "organisation"}'))
    assert error["field"] == "applicant" and "given twice" in error["en"]


def test_a_number_too_long_to_read_is_named_and_out_of_range():
    error = refused(run_find('{"applicant": "person", "age": ' + "9" * 5000 + "}"))
    assert error["field"] == "age" and "out of range" in error["en"] and "not valid JSON" not in error["en"]


def test_a_wrong_data_folder_does_not_speak_of_a_site(tmp_path):
    for folder in (tmp_path / "nothing", REPO / "policy_data" / "facts.yaml"):
        proc = subprocess.run([str(CLI), "find", ANSWERS, "--data", str(folder)], capture_output=True, cwd=REPO)
        message = proc.stderr.decode("utf-8")
        assert proc.returncode == 1 and "Traceback" not in message
        assert "site" not in message and "网站" not in message, message
        assert ("does not exist" if folder.name == "nothing" else "is a file, not the data folder") in message


def nested(levels: int) -> str:
    return "[" * levels + "20" + "]" * levels


def browser_answer(rules: dict, facts) -> dict:
    """What the browser's engine answers the finder page: its rules held, then a request naming them."""
    try:
        assert json.loads(calculators.hold_rules_json(hold_request(rules))) == {"ok": True}
        return json.loads(calculators.find_json(page_request(rules, facts, "2026-11-25")))
    finally:
        forget_held_rules()


def test_the_same_request_limit_as_the_browser():
    rules = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
    # The answers sit two levels down in the page's request: request{ facts{ age
    deepest = MAX_DEPTH - 2
    for levels, too_big in ((deepest, False), (deepest + 1, True)):
        facts = json.loads('{"applicant": "person", "age": ' + nested(levels) + "}")
        browser = browser_answer(rules, facts)
        error = refused(run_find(json.dumps(facts)))
        assert ("too deeply nested" in browser["errors"][0]["en"]) is too_big
        assert ("too deeply nested" in error["en"]) is too_big
        if not too_big:
            assert error["field"] == browser["errors"][0]["field"] == "age"


def test_the_same_size_limit_as_the_browser():
    """The answers may be as long as the page's request naming the held rules allows, however large the
    rules: the rules are held once, not sent with every answer."""
    rules = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
    room = MAX_REQUEST_CHARS - len(page_request(rules, {"applicant": "person", "age": ""}, "2026-11-25"))
    assert room > MAX_REQUEST_CHARS - 1_000
    for length, too_big in ((room, False), (room + 1, True)):
        facts = {"applicant": "person", "age": "x" * length}
        browser = browser_answer(rules, facts)
        error = refused(run_find("-", stdin=json.dumps(facts).encode("utf-8")))
        assert ("too large" in browser["errors"][0]["en"]) is too_big
        assert ("too large" in error["en"]) is too_big
        if not too_big:
            assert error["field"] == browser["errors"][0]["field"] == "age"
            assert error["en"] == browser["errors"][0]["en"]


@pytest.mark.parametrize("answers", ['{"applicant": "person",', "[1]"])
def test_the_documented_errors_stay(answers):
    assert refused(run_find(answers))["field"] is None
