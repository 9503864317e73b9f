"""Properties of the finder on the real plan (hypothesis), and its agreement with the calculators.

- answering a question never turns "applies" into "does not apply" for a measure whose
  conditions do not mention that question;
- a status never depends on the order of the answers (the whole JSON does not);
- ``next_question`` is always a question that can change some clause's status;
- every profile, valid or not, gives a result or a clear error (never a traceback);
- whenever the finder says a measure applies and its calculator can run, the calculator finds
  the visitor eligible, and the reverse.
"""

from __future__ import annotations

import itertools
import json
import os

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import calculators
from calculators import InputError
from calculators.finder import facts_in
from tests.unit.calculators.test_finder_profiles import RULES

AS_OF = "2026-11-25"
SETTINGS = settings(max_examples=80, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])
FACTS = {f["id"]: f for f in RULES["facts"]}


def find(facts):
    return calculators.find(RULES, facts, AS_OF)


def value_of(fact):
    if fact["type"] == "bool":
        return st.booleans()
    if fact["type"] == "choice":
        return st.sampled_from([c["value"] for c in fact["choices"]])
    # Integers near every threshold the conditions use, and anywhere in the range.
    near = [6, 5, 7, 15, 16, 24, 25, 39, 40, 10, 9, 30, 60, 59, 2019, 2020, 2021, 0]
    inside = [n for n in near if fact["min"] <= n <= fact["max"]]
    return st.one_of(st.sampled_from(inside or [fact["min"]]), st.integers(fact["min"], fact["max"]))


@st.composite
def profiles(draw, answered=0.6):
    """A valid set of answers: an applicant, then some of its questions answered or 'not sure'."""
    applicant = draw(st.sampled_from(["person", "organisation", None]))
    facts = {} if applicant is None else {"applicant": applicant}
    for fact in RULES["facts"][1:]:
        if applicant is not None and fact["for"] and applicant not in fact["for"]:
            continue
        if applicant is None and fact["for"]:
            continue
        kind = draw(st.sampled_from(["skip", "skip", "null", "value", "value"]))
        if kind == "null":
            facts[fact["id"]] = None
        elif kind == "value":
            facts[fact["id"]] = draw(value_of(fact))
    try:
        find(facts)
    except InputError:
        assume(False)  # contradicting answers (e.g. lhasa_hukou true, from_tibet false) are errors, tested below
    return facts


def mentioned(measure):
    return {f for c in measure["conditions"] for f in facts_in(c["test"])}


@SETTINGS
@given(profiles(), st.data())
def test_an_answer_never_excludes_a_measure_that_does_not_mention_it(facts, data):
    before = find(facts)
    open_questions = [f for f in FACTS if f not in facts and f != "applicant"
                      and (not FACTS[f]["for"] or facts.get("applicant") in FACTS[f]["for"])]
    assume(open_questions and "applicant" in facts)
    question = data.draw(st.sampled_from(open_questions))
    answer = data.draw(value_of(FACTS[question]))
    try:
        after = find({**facts, question: answer})
    except InputError:
        return  # the answer contradicts an earlier one: refused, not a result
    for clause, old, new in zip(RULES["clauses"], before["measures"], after["measures"]):
        for measure, p_old, p_new in zip(clause["measures"], old["parts"], new["parts"]):
            if p_old["status"] == "applies" and question not in mentioned(measure):
                assert p_new["status"] != "does_not_apply", (clause["clause"], measure["part"], question)


@SETTINGS
@given(profiles(), st.randoms(use_true_random=False))
def test_the_order_of_answers_changes_nothing(facts, rnd):
    items = list(facts.items())
    rnd.shuffle(items)
    assert json.dumps(find(dict(items)), ensure_ascii=False) == json.dumps(find(facts), ensure_ascii=False)


def candidates(fact):
    if fact["type"] == "bool":
        return [True, False]
    if fact["type"] == "choice":
        return [c["value"] for c in fact["choices"]]
    return sorted({fact["min"], fact["max"], *[n for n in range(fact["min"], min(fact["max"], 70) + 1)],
                   *[n for n in (2018, 2019, 2020, 2021) if fact["min"] <= n <= fact["max"]]})


@SETTINGS
@given(profiles())
def test_next_question_can_change_a_status(facts):
    out = find(facts)
    question = out["next_question"]
    if question is None:
        return
    assert question not in facts
    applicant = facts.get("applicant")
    fact = FACTS[question]
    assert not fact["for"] or applicant is None or applicant in fact["for"]
    before = decided(out)
    for value in candidates(fact):
        trial = {**facts, question: value}
        if question == "applicant":
            trial = {k: v for k, v in trial.items() if not FACTS[k]["for"] or value in FACTS[k]["for"]}
        try:
            after = decided(find(trial))
        except InputError:
            continue
        if after != before:
            return
    raise AssertionError(f"{question} cannot change any measure's or calculator's status")


def decided(out):
    """What an answer can change: every measure's status, and whether each calculator ran and its status."""
    return [(p["status"], {cid: (run["result"] is not None, run["status"]) for cid, run in p["calculators"].items()})
            for m in out["measures"] for p in m["parts"]]


ANYTHING = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 3000) | st.floats(allow_nan=True) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5)


@SETTINGS
@given(st.dictionaries(st.sampled_from(list(FACTS) + ["unknown_question"]), ANYTHING, max_size=8) | ANYTHING)
def test_every_profile_gives_a_result_or_a_clear_error(facts):
    try:
        out = find(facts)
    except InputError as exc:
        assert exc.errors
        for problem in exc.errors:
            assert set(problem) == {"field", "zh", "en"} and problem["zh"] and problem["en"]
            assert problem["field"] is None or problem["field"] in FACTS or isinstance(facts, dict)
        return
    json.dumps(out, allow_nan=False)
    assert [m["status"] in ("applies", "may_apply", "does_not_apply") for m in out["measures"]]


# --- agreement with the calculators ---------------------------------------------------------------


def grid(**axes):
    names = list(axes)
    for values in itertools.product(*axes.values()):
        yield dict(zip(names, values))


def parts_with(out, calculator_id):
    for entry in out["measures"]:
        for p in entry["parts"]:
            if calculator_id in p["calculators"]:
                yield entry["clause"], p


def check_agreement(facts, calculator_id, inputs):
    """The finder's part and the calculator (run here on the same answers, mapped by hand) agree."""
    try:
        out = find(facts)
    except InputError:
        return 0
    (clause, p), = list(parts_with(out, calculator_id))
    run = p["calculators"][calculator_id]
    result = calculators.calculate(calculator_id, inputs) if inputs is not None else None
    if result is None:
        assert run["total_yuan"] is None and run["status"] != "applies"
        return 0
    assert run["total_yuan"] == result["total_yuan"]
    if p["status"] == "applies":
        assert result["eligible"], (facts, result["reasons"])
        assert run["status"] == "applies"
    if result["eligible"]:
        assert p["status"] == "applies", (facts, p["conditions"])
    else:
        assert run["status"] == "does_not_apply"
    return 1


def test_enterprise_hiring_award_agrees():
    ran = 0
    for facts in grid(enterprise_type=["state_owned", "non_public", "other_enterprise", "not_an_enterprise"],
                      new_local_hires=[0, 14, 15, 16, 24, 25, 59, 60, 99, 100, 160],
                      new_local_graduates=[0, 9, 10, 14, 15, 29, 30, 50, 80],
                      hiring_year=[2018, 2019, 2020, 2021]):
        inputs = None
        if facts["enterprise_type"] in ("state_owned", "non_public"):
            inputs = {"enterprise_type": facts["enterprise_type"], "new_local_hires": facts["new_local_hires"],
                      "new_local_graduates": facts["new_local_graduates"], "year": facts["hiring_year"]}
            if facts["new_local_graduates"] > facts["new_local_hires"]:
                inputs = None
        ran += check_agreement({"applicant": "organisation", **facts}, "enterprise_hiring_award", inputs)
    assert ran > 500


def test_farmer_herder_transfer_agrees_for_workers():
    ran = 0
    for facts in grid(months_employed=[0, 5, 6, 7, 24], via_market_entity=[True, False, None],
                      organised_outside_region=[True, False, None], farmer_herder=[True]):
        complete = None not in facts.values()
        inputs = {"role": "worker", "months_employed": facts["months_employed"],
                  "via_market_entity": facts["via_market_entity"],
                  "organised_outside_region": facts["organised_outside_region"]} if complete else None
        ran += check_agreement({"applicant": "person", **facts}, "farmer_herder_transfer", inputs)
    assert ran == 20


def test_poverty_labor_agrees_for_workers():
    ran = 0
    for transfer, poor in itertools.product(["local", "cross_prefecture", "cross_province"], [True]):
        ran += check_agreement({"applicant": "person", "registered_poor": poor, "transfer": transfer},
                               "poverty_labor", {"role": "worker", "transfer": transfer})
    assert ran == 3


def test_a_calculator_that_runs_never_beats_its_measure():
    # Not a farmer or herder: the measure does not apply, whatever the calculator would say.
    out = find({"applicant": "person", "farmer_herder": False, "months_employed": 12, "via_market_entity": True,
                "organised_outside_region": False})
    (_, p), = list(parts_with(out, "farmer_herder_transfer"))
    assert p["status"] == "does_not_apply"
    assert p["calculators"]["farmer_herder_transfer"]["status"] == "does_not_apply"
    assert p["calculators"]["farmer_herder_transfer"]["total_yuan"] == 200
