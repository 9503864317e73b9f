"""The finder engine on small, made-up rules: it knows nothing of the plan.

Three-valued logic, the output's shape, bad answers, implications, dates, next_question,
and the JSON bridge the browser calls.
"""

from __future__ import annotations

import json

import pytest

from calculators import InputError, find, find_json
from calculators.finder import evaluate

RULES = {
    "applicant_fact": "who",
    "facts": [
        {"id": "who", "type": "choice", "choices": [{"value": "me"}, {"value": "firm"}], "for": [],
         "question": {"zh": "谁", "en": "Who"}},
        {"id": "old", "type": "integer", "min": 0, "max": 120, "for": ["me"]},
        {"id": "local", "type": "bool", "for": ["me"], "implies": [{"when": True, "set": {"resident": True}}]},
        {"id": "resident", "type": "bool", "for": ["me"]},
        {"id": "staff", "type": "integer", "min": 0, "max": 1000, "for": ["firm"]},
        {"id": "new_staff", "type": "integer", "min": 0, "max": 1000, "for": ["firm"], "not_above": "staff"},
        {"id": "builder", "type": "bool", "for": ["firm"]},
    ],
    "clauses": [
        {"clause": "1.1", "validity": {"from": "2019-01-01", "to": "2020-12-31"}, "measures": [
            {"part": "a", "for": "me", "conditions": [
                {"zh": "老", "en": "old", "quote": "q1", "test": {"fact": "old", "at_least": 60}},
                {"zh": "住", "en": "resident", "quote": "q2", "test": {"fact": "resident", "is": True}}]},
            {"part": "b", "for": "firm", "conditions": [
                {"zh": "员工", "en": "staff", "quote": "q3", "test": {"fact": "new_staff", "at_least": 5}}]},
            {"part": "c", "for": "firm", "kind": "obligation", "conditions": [
                {"zh": "建筑", "en": "builder", "quote": "q4", "test": {"fact": "builder", "is": True}}]},
        ]},
        {"clause": "1.2", "validity": None, "measures": [
            {"part": "a", "for": "me", "conditions": [
                {"zh": "判断", "en": "judged", "quote": "q5",
                 "test": {"any": [{"fact": "local", "is": True}, {"judged_by": "office"}]}}]},
        ]},
    ],
}


def statuses(facts, as_of="2020-01-01"):
    return {m["clause"]: m["status"] for m in find(RULES, facts, as_of)["measures"]}


@pytest.mark.parametrize("test, known, expected", [
    ({"all": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"a": True}, None),
    ({"all": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"a": False}, False),
    ({"any": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"a": True}, True),
    ({"any": [{"fact": "a", "is": True}, {"fact": "b", "is": True}]}, {"a": False}, None),
    ({"not": {"fact": "a", "is": True}}, {}, None),
    ({"not": {"fact": "a", "is": True}}, {"a": False}, True),
    ({"fact": "n", "is": 1}, {"n": True}, False),  # True is not 1
    ({"fact": "n", "at_least": 16, "at_most": 24}, {"n": 24}, True),
    ({"fact": "n", "at_least": 16, "at_most": 24}, {"n": 25}, False),
    ({"judged_by": "x"}, {}, None),
    ({"fact": "n", "at_least": {"figure": "venue_subsidy.private_min_months_operating"}}, {"n": 6}, True),
    ({"fact": "n", "at_least": {"figure": "venue_subsidy.private_min_months_operating"}}, {"n": 5}, False),
])
def test_kleene_logic(test, known, expected):
    assert evaluate(test, known) is expected


def test_output_shape_and_order():
    out = find(RULES, {"who": "me", "old": 70}, "2020-01-01")
    assert list(out) == ["as_of", "next_question", "summary", "measures"]
    entry = out["measures"][0]
    assert list(entry)[:6] == ["clause", "status", "in_force", "calculators", "conditions", "missing"]
    assert entry["conditions"] == [{"zh": "老", "en": "old", "quote": "q1", "result": True},
                                   {"zh": "住", "en": "resident", "quote": "q2", "result": None}]
    assert entry["missing"] == ["local", "resident"]
    assert out["next_question"] == "local"


def test_applicant_first_then_only_its_questions():
    assert find(RULES, {}, "2020-01-01")["next_question"] == "who"
    out = find(RULES, {}, "2020-01-01")
    assert all(m["calculators"] == {} for m in out["measures"])
    assert find(RULES, {"who": "firm"}, "2020-01-01")["next_question"] == "new_staff"


def test_statuses():
    assert statuses({"who": "me", "old": 70, "resident": True}) == {"1.1": "applies", "1.2": "may_apply"}
    assert statuses({"who": "me", "old": 59}) == {"1.1": "does_not_apply", "1.2": "may_apply"}
    assert statuses({"who": "me", "old": 70, "local": True}) == {"1.1": "applies", "1.2": "applies"}
    # An obligation never makes a clause apply.
    assert statuses({"who": "firm", "builder": True, "new_staff": 1, "staff": 2})["1.1"] == "does_not_apply"
    assert statuses({"who": "firm"}) == {"1.1": "may_apply", "1.2": "does_not_apply"}


def test_not_sure_is_unknown_and_never_asked_again():
    out = find(RULES, {"who": "me", "old": None}, "2020-01-01")
    assert "old" in out["measures"][0]["missing"]
    assert out["next_question"] == "local"
    out = find(RULES, {"who": "me", "old": None, "local": None, "resident": None}, "2020-01-01")
    assert out["next_question"] is None


def test_implied_fact_is_known_and_not_asked():
    out = find(RULES, {"who": "me", "local": True, "old": 61}, "2020-01-01")
    assert out["measures"][0]["status"] == "applies"
    assert out["next_question"] is None


@pytest.mark.parametrize("as_of, expected", [
    ("2018-12-31", "not_yet"), ("2019-01-01", "in_force"), ("2020-12-31", "in_force"), ("2021-01-01", "expired")])
def test_in_force(as_of, expected):
    out = find(RULES, {"who": "me"}, as_of)
    assert [m["in_force"] for m in out["measures"]] == [expected, "open_ended"]


@pytest.mark.parametrize("facts, field", [
    ({"who": None}, "who"),
    ({"who": "nobody"}, "who"),
    ({"who": "me", "height": 3}, "height"),
    ({"who": "me", "old": "70"}, "old"),
    ({"who": "me", "old": 70.0}, "old"),
    ({"who": "me", "old": True}, "old"),
    ({"who": "me", "old": 121}, "old"),
    ({"who": "me", "local": 1}, "local"),
    ({"who": "firm", "old": 30}, "old"),
    ({"who": "firm", "old": None}, "old"),
    ({"who": "me", "local": True, "resident": False}, "resident"),
    ({"who": "firm", "staff": 3, "new_staff": 4}, "new_staff"),
    ([], None),
])
def test_bad_answers_name_the_fact(facts, field):
    with pytest.raises(InputError) as caught:
        find(RULES, facts, "2020-01-01")
    assert caught.value.errors and caught.value.errors[0]["field"] == field
    assert all(e["zh"] and e["en"] for e in caught.value.errors)


def test_bad_date():
    with pytest.raises(InputError) as caught:
        find(RULES, {"who": "me"}, "2020-02-30")
    assert caught.value.errors[0]["field"] == "as_of"


def test_find_json_bridge():
    request = json.dumps({"rules": RULES, "facts": {"who": "me", "old": 70}, "as_of": "2020-01-01"})
    answer = json.loads(find_json(request))
    assert answer["ok"] is True
    assert answer["result"] == find(RULES, {"who": "me", "old": 70}, "2020-01-01")
    assert find_json(request) == find_json(request)
    assert json.loads(find_json("{"))["ok"] is False
    assert json.loads(find_json(json.dumps({"facts": {}})))["ok"] is False
    bad = json.loads(find_json(json.dumps({"rules": RULES, "facts": {"who": None}, "as_of": "2020-01-01"})))
    assert bad == {"ok": False, "errors": [bad["errors"][0]]} and bad["errors"][0]["field"] == "who"
