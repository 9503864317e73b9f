"""The finder as a visitor meets it: from no answers, answer each ``next_question`` truthfully from
a full profile until there is none; then every measure that serves the visitor is decided, except
where a judgement or a "not sure" leaves it open, and the statuses are what the plan says.

Each profile lists every fact of its kind of applicant (``None`` is "not sure"); the journey fails
if it asks a question the profile does not answer, or one of the other kind of applicant. The
same requests, step by step, are replayed in Pyodide by ``tests/runtime/test_finder_parity.py``.
"""

from __future__ import annotations

import pytest

import calculators
from tests.unit.calculators.test_finder_profiles import AS_OF, RULES

A, M, N = "applies", "may_apply", "does_not_apply"
FACTS = {f["id"]: f for f in RULES["facts"]}

PERSON = {
    "applicant": "person", "age": 30, "employment": "employed", "college_graduate": False,
    "recent_graduate": False, "in_college": False, "starting_business": False, "registered_unemployed": False,
    "months_since_unemployment_registration": 0, "business_premises": "none", "months_operating": 0,
    "lhasa_hukou": True, "from_tibet": True, "ethnic_minority": True, "job_outside_region": False,
    "farmer_herder": False, "migrant_worker": False, "months_employed": 0, "via_market_entity": False,
    "organised_outside_region": False, "registered_poor": False, "transfer": "local", "veteran": "no",
    "disabled": False, "disabled_family_member": False, "low_income_family": False,
    "zero_employment_family": False, "employment_difficulty_recognised": False, "living_difficulty": False,
}
ORGANISATION = {
    "applicant": "organisation", "enterprise_type": "non_public", "in_difficulty": False, "new_local_hires": 0,
    "new_local_graduates": 0, "hiring_year": 2026, "small_micro": False, "hosts_interns": False,
    "guarantee_fund_operator": False, "hr_agency": "no", "training_provider": False, "construction_firm": False,
}


def person(**facts):
    return {**PERSON, **facts}


def organisation(**facts):
    return {**ORGANISATION, **facts}


# name: (profile, as_of, {clause: status} for every clause that applies or may apply (others: does not
# apply), the summary expected)
JOURNEYS = {
    "Tibetan graduate working in Shanghai": (
        person(age=24, college_graduate=True, recent_graduate=True, job_outside_region=True),
        AS_OF, {"3.1": A, "4.1": A},
        {"applies": 2, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "disabled unemployed person starting a shop in private premises": (
        person(age=35, employment="not_working", disabled=True, starting_business=True, registered_unemployed=True,
               months_since_unemployment_registration=8, business_premises="private", months_operating=8),
        AS_OF, {"2.1": A, "2.2": A, "3.2": A, "3.5": A, "3.6": A, "4.1": A, "4.2": A, "5.1": A},
        {"applies": 8, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "small firm that wants a guaranteed loan": (
        organisation(small_micro=True, new_local_hires=5, new_local_graduates=0),
        AS_OF, {"2.1": M},
        {"applies": 0, "may_apply": 1, "ended": 0, "total_yuan": 0}),
    "private firm that hired twenty locals in 2020 (1.2 has ended)": (
        organisation(new_local_hires=20, new_local_graduates=12, hiring_year=2020),
        AS_OF, {"1.2": A},
        {"applies": 0, "may_apply": 0, "ended": 1, "total_yuan": 0}),
    "the same firm, asked in 2020 while 1.2 was in force": (
        organisation(new_local_hires=20, new_local_graduates=12, hiring_year=2020),
        "2020-06-30", {"1.2": A},
        {"applies": 1, "may_apply": 0, "ended": 0, "total_yuan": 80000}),
    "young unemployed person from a poor household": (
        person(age=20, employment="not_working", registered_poor=True, registered_unemployed=True,
               months_since_unemployment_registration=2),
        AS_OF, {"2.3": A, "3.2": A, "3.4": A, "3.5": A, "3.6": A, "4.1": A, "4.2": A},
        {"applies": 7, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "graduate of forty who left college long ago": (
        person(age=40, employment="not_working", college_graduate=True, recent_graduate=False,
               lhasa_hukou=False, from_tibet=False, ethnic_minority=False),
        AS_OF, {"3.1": A, "3.2": A, "3.5": A, "4.1": A, "4.2": A},
        {"applies": 5, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "migrant herder sent to work in another province": (
        person(age=45, farmer_herder=True, migrant_worker=True, months_employed=8, via_market_entity=True,
               organised_outside_region=True, lhasa_hukou=False, from_tibet=True, ethnic_minority=True),
        AS_OF, {"3.3": A, "4.1": A, "5.1": A},
        {"applies": 3, "may_apply": 0, "ended": 0, "total_yuan": 1200}),
    "retired soldier in work": (
        person(age=28, veteran="retired_soldier"),
        AS_OF, {"3.7": A, "4.1": A},
        {"applies": 2, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "person in hardship who would rather not say about disability": (
        person(age=52, employment="not_working", disabled=None, low_income_family=False, living_difficulty=True,
               lhasa_hukou=True),
        AS_OF, {"3.2": A, "3.5": A, "3.6": M, "4.1": A, "4.2": A, "5.2": A},
        {"applies": 5, "may_apply": 1, "ended": 0, "total_yuan": 0}),
    "commercial HR agency that hosts interns": (
        organisation(hr_agency="commercial_agency", hosts_interns=True),
        AS_OF, {"2.3": A, "3.3": A, "3.4": A},
        {"applies": 3, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "state-owned construction firm in difficulty": (
        organisation(enterprise_type="state_owned", in_difficulty=True, construction_firm=True),
        AS_OF, {"1.1": A},
        {"applies": 1, "may_apply": 0, "ended": 0, "total_yuan": 0}),
    "college student": (
        person(age=19, in_college=True, employment="not_working", lhasa_hukou=True),
        AS_OF, {"3.1": A, "3.2": A, "3.5": A, "4.1": A, "4.2": A},
        {"applies": 5, "may_apply": 0, "ended": 0, "total_yuan": 0}),
}


def journey(profile: dict, as_of: str) -> tuple[list[str], list[dict]]:
    """(the questions asked, in order; every result on the way). Fails on a question the profile
    does not answer, one asked twice, or one of the other kind of applicant."""
    facts: dict = {}
    asked: list[str] = []
    results = [calculators.find(RULES, facts, as_of)]
    while (question := results[-1]["next_question"]) is not None:
        assert question in profile, f"asked {question!r}, which this kind of visitor is never asked"
        assert question not in asked, f"asked {question!r} twice"
        kinds = FACTS[question]["for"]
        assert not kinds or profile["applicant"] in kinds
        asked.append(question)
        facts[question] = profile[question]
        results.append(calculators.find(RULES, facts, as_of))
        assert len(asked) <= len(FACTS)
    return asked, results


def requests() -> dict[str, tuple[dict, str]]:
    """Every request of every journey (the facts given at each step), for the Pyodide parity test."""
    out = {}
    for name, (profile, as_of, _, _) in JOURNEYS.items():
        asked, _ = journey(profile, as_of)
        for step in range(len(asked) + 1):
            out[f"journey: {name} #{step}"] = ({q: profile[q] for q in asked[:step]}, as_of)
    return out


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_a_truthful_journey_decides_every_measure_that_serves_the_visitor(name):
    profile, as_of, expected, expected_summary = JOURNEYS[name]
    asked, results = journey(profile, as_of)
    final = results[-1]
    assert {m["clause"]: m["status"] for m in final["measures"] if m["status"] != N} == expected
    assert final["summary"] == expected_summary
    not_sure = {fact for fact, value in profile.items() if value is None}
    for clause in final["measures"]:
        for part in clause["parts"]:
            # Only a "not sure" may leave a fact missing; a judgement is never missing.
            assert set(part["missing"]) <= not_sure, (clause["clause"], part["part"], part["missing"])
            if part["for"] != profile["applicant"]:
                assert part["missing"] == [] and part["calculators"] == {}
    if profile["applicant"] == "person":  # a person is never asked everything: only what can change a result
        assert len(asked) < len(profile)


def test_every_step_asks_a_question_that_is_missing_somewhere():
    for profile, as_of, _, _ in JOURNEYS.values():
        _, results = journey(profile, as_of)
        for result in results[1:-1]:
            wanted = {f for m in result["measures"] for f in m["missing"]}
            assert result["next_question"] in wanted


def test_the_clause_missing_is_the_union_of_its_parts():
    for profile, as_of, _, _ in JOURNEYS.values():
        for result in journey(profile, as_of)[1]:
            for clause in result["measures"]:
                union = {f for part in clause["parts"] for f in part["missing"]}
                assert set(clause["missing"]) == union


def test_a_clause_that_applies_still_asks_what_decides_its_other_measures():
    # 3.1 applies through (a) as soon as the visitor is a graduate; (b), the allowance, still needs
    # ethnicity, origin and a job outside the region: the finder asks them (review: a Tibetan graduate
    # working in Shanghai was never asked, and about 200,000 yuan stayed "unknown").
    asked, results = journey(JOURNEYS["Tibetan graduate working in Shanghai"][0], AS_OF)
    assert {"ethnic_minority", "job_outside_region", "from_tibet"} <= set(asked)
    allowance = next(p for m in results[-1]["measures"] if m["clause"] == "3.1" for p in m["parts"] if p["part"] == "b")
    assert allowance["status"] == A
    assert allowance["calculators"]["graduate_outside_region"]["status"] == M  # its page asks the contract


def test_the_summary_counts_an_expired_clause_apart_and_never_in_the_total():
    firm = JOURNEYS["private firm that hired twenty locals in 2020 (1.2 has ended)"][0]
    final = journey(firm, AS_OF)[1][-1]
    award = next(m for m in final["measures"] if m["clause"] == "1.2")
    assert award["status"] == A and award["in_force"] == "expired"
    assert award["calculators"]["enterprise_hiring_award"] == {"status": A, "total_yuan": 80000}
    assert final["summary"]["total_yuan"] == 0 and final["summary"]["ended"] == 1
