"""The finder's rules held once (``calculators.hold_rules_json``), then named by their key in each
``find_json`` request: the same answers as requests that carry the rules, in short (what the page's
rules hold left out, ``compact_answer``), an error on ``rules_key`` whenever they are not held (so
that the page sends them again), and the size guards kept."""

from __future__ import annotations

import json

import pytest

import calculators
from calculators import bridge, find_json, hold_rules_json
from calculators.finder import compact_answer, forget_held_rules
from tests.unit.calculators.test_finder_profiles import AS_OF, PROFILES, RULES

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


def test_held_rules_answer_as_the_rules_in_the_request_in_short():
    assert hold() == {"ok": True}
    for facts in FACTS:
        full = json.loads(find_json(json.dumps({"rules": RULES, "facts": facts, "as_of": AS_OF}, ensure_ascii=False)))
        short = find_json(request(facts))
        if full["ok"]:
            assert json.loads(short) == {"ok": True, "result": compact_answer(full["result"])}
        else:
            assert json.loads(short) == full  # the same errors
        assert find_json(request(facts)) == short  # the prepared rules serve again, unchanged


def made_whole(result, rules):
    """The short answer made whole from the rules, as the finder page does (finder.js ``expand``)."""
    measures = {clause["clause"]: clause["measures"] for clause in rules["clauses"]}
    return {**result, "measures": [
        {**entry, "parts": [
            {"part": m["part"], "for": m["for"], "kind": m.get("kind", "benefit"), "status": part["status"],
             "calculators": part["calculators"], "missing": part["missing"],
             "conditions": [{"zh": c["zh"], "en": c["en"], "quote": c["quote"], "result": r}
                            for c, r in zip(m["conditions"], part["results"], strict=True)]}
            for part, m in zip(entry["parts"], measures[entry["clause"]], strict=True)]}
        for entry in result["measures"]]}


@pytest.mark.parametrize("facts", [*FACTS[:4], *(facts for facts, _ in PROFILES.values())],
                         ids=[*(f"answers-{i}" for i in range(4)), *PROFILES])
def test_the_short_answer_carries_the_full_answers_outcomes_and_the_rules_its_texts(facts):
    assert hold() == {"ok": True}
    full = calculators.find(RULES, facts, AS_OF)
    text = find_json(request(facts))
    short = json.loads(text)["result"]
    # what the page decides from: the same statuses, missing facts, calculators, next question, summary
    assert (short["as_of"], short["next_question"], short["summary"]) == \
        (full["as_of"], full["next_question"], full["summary"])
    assert [(e["clause"], e["status"], e["in_force"], e["missing"], e["calculators"]) for e in short["measures"]] \
        == [(e["clause"], e["status"], e["in_force"], e["missing"], e["calculators"]) for e in full["measures"]]
    assert [[(p["status"], p["missing"], p["calculators"], p["results"]) for p in e["parts"]]
            for e in short["measures"]] == \
        [[(p["status"], p["missing"], p["calculators"], [c["result"] for c in p["conditions"]]) for p in e["parts"]]
         for e in full["measures"]]
    # and what the page shows: the texts of the rules beside those results are the full answer's
    whole = json.loads(json.dumps(full))
    for entry in whole["measures"]:
        del entry["conditions"]  # each clause's conditions, all its parts': the page does not show them
    assert made_whole(short, RULES) == whole
    # no condition's text travels
    assert not any(c["quote"] and c["quote"] in text for clause in RULES["clauses"] for m in clause["measures"]
                   for c in m["conditions"])
    assert len(text) < len(json.dumps(full, ensure_ascii=False)) / 2


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
