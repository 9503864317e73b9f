"""The finder's rules held once (``calculators.hold_rules_json``), then named by their key in each
``find_json`` request: the same answers as requests that carry the rules, an error on ``rules_key``
whenever they are not held (so that the page sends them again), and the size guards kept."""

from __future__ import annotations

import json

import pytest

import calculators
from calculators import bridge, find_json, hold_rules_json
from calculators.finder import forget_held_rules
from tests.unit.calculators.test_finder_profiles import AS_OF, RULES

FACTS = [{}, {"applicant": "person"}, {"applicant": "person", "age": 20, "registered_unemployed": True},
         {"applicant": "organisation", "enterprise_type": "non_public"}, {"applicant": "person", "age": 900}]


def request(facts, key="plan", **more):
    return json.dumps({"rules_key": key, "facts": facts, "as_of": AS_OF, **more}, ensure_ascii=False)


def hold(rules=RULES, key="plan"):
    return json.loads(hold_rules_json(json.dumps({"rules_key": key, "rules": rules}, ensure_ascii=False)))


@pytest.fixture(autouse=True)
def nothing_held():
    forget_held_rules()
    yield
    forget_held_rules()


def not_held(answer):
    return answer["ok"] is False and [e["field"] for e in answer["errors"]] == ["rules_key"]


def test_held_rules_answer_as_the_rules_in_the_request():
    assert hold() == {"ok": True}
    for facts in FACTS:
        full = find_json(json.dumps({"rules": RULES, "facts": facts, "as_of": AS_OF}, ensure_ascii=False))
        assert find_json(request(facts)) == full
        assert find_json(request(facts)) == full  # the prepared rules serve again, unchanged


def test_rules_not_held_are_asked_for_by_their_key():
    assert not_held(json.loads(find_json(request({}))))
    assert hold() == {"ok": True}
    assert not_held(json.loads(find_json(request({}, key="other"))))
    assert hold(key="other") == {"ok": True}  # another page's rules replace them
    assert not_held(json.loads(find_json(request({}))))
    assert json.loads(find_json(request({}, key="other")))["ok"] is True
    calculators.register_rules_json("[]")  # the calculators' metadata may have changed: held no more
    assert not_held(json.loads(find_json(request({}, key="other"))))


def test_bad_requests_are_refused():
    assert json.loads(find_json(request({}, rules=RULES)))["ok"] is False  # rules and rules_key: not both
    for bad in ("{", "[]", json.dumps({"rules_key": "k"}), json.dumps({"rules_key": 1, "rules": RULES}),
                json.dumps({"rules_key": "k", "rules": []}), "[" * 5000 + "]" * 5000):
        answer = json.loads(hold_rules_json(bad))
        assert answer["ok"] is False and answer["errors"][0]["en"], bad
    assert json.loads(hold_rules_json(json.dumps({"rules_key": "k", "rules": {"facts": []}})))["errors"][0]["field"] \
        == "rules"


def test_held_rules_may_be_larger_than_a_request_but_not_without_limit(monkeypatch):
    big = {**RULES, "clauses": RULES["clauses"] * 60}
    text = json.dumps({"rules_key": "big", "rules": big}, ensure_ascii=False)
    assert bridge.MAX_REQUEST_CHARS < len(text) < bridge.MAX_RULES_CHARS
    assert json.loads(hold_rules_json(text)) == {"ok": True}
    assert json.loads(find_json(request({"applicant": "person"}, key="big")))["ok"] is True
    monkeypatch.setattr(bridge, "MAX_RULES_CHARS", len(text) - 1)
    assert json.loads(hold_rules_json(text))["ok"] is False
    monkeypatch.setattr(bridge, "MAX_REQUEST_CHARS", 100)
    assert json.loads(find_json(request({"applicant": "person", "age": 20, "registered_unemployed": True,
                                         "lhasa_hukou": True}, key="big")))["ok"] is False
