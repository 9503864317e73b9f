"""The finder on the real plan: table-driven profiles with the expected status of every clause,
a profile that flips each condition of each measure, and every question used somewhere.

The rules come from ``policy_data/`` through the loader (as the site and ``policy-site find``
read them); the engine is ``calculators.find``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import load_policy

REPO = Path(__file__).resolve().parents[3]
RULES = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
AS_OF = "2026-11-25"
CLAUSES = ["1.1", "1.2", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "4.1", "4.2",
           "5.1", "5.2"]
A, M, N = "applies", "may_apply", "does_not_apply"


def find(facts, as_of=AS_OF):
    return calculators.find(RULES, facts, as_of)


def statuses(facts):
    return {m["clause"]: m["status"] for m in find(facts)["measures"]}


def part(facts, clause, name):
    entry = next(m for m in find(facts)["measures"] if m["clause"] == clause)
    return next(p for p in entry["parts"] if p["part"] == name)


YOUNG_UNEMPLOYED = {
    "applicant": "person", "age": 20, "employment": "not_working", "college_graduate": False,
    "in_college": False, "starting_business": False, "registered_unemployed": True,
    "months_since_unemployment_registration": 7, "lhasa_hukou": True, "ethnic_minority": True,
    "farmer_herder": False, "migrant_worker": False, "registered_poor": False, "veteran": "no",
    "disabled": False, "disabled_family_member": False, "low_income_family": False,
    "zero_employment_family": False, "employment_difficulty_recognised": False, "living_difficulty": False,
}
GRADUATE_TO_SHANGHAI = {
    "applicant": "person", "age": 23, "employment": "employed", "college_graduate": True, "in_college": False,
    "ethnic_minority": True, "from_tibet": True, "job_outside_region": True, "starting_business": False,
}
COMPANY_TWELVE_LOCALS = {
    "applicant": "organisation", "enterprise_type": "non_public", "new_local_hires": 12,
    "new_local_graduates": 12, "hiring_year": 2019, "in_difficulty": False, "small_micro": False,
    "guarantee_fund_operator": False, "hr_agency": "no", "training_provider": False, "construction_firm": True,
    "hosts_interns": True,
}
MIGRANT_HERDER = {
    "applicant": "person", "age": 45, "employment": "employed", "migrant_worker": True, "months_employed": 8,
    "via_market_entity": True, "organised_outside_region": True, "registered_poor": True,
    "transfer": "cross_province", "lhasa_hukou": False, "from_tibet": True, "business_premises": "none",
    "months_operating": 0, "veteran": "retired_soldier",
}
DISABLED_OLDER_JOBSEEKER = {
    "applicant": "person", "age": 50, "employment": "not_working", "lhasa_hukou": True, "disabled": None,
    "low_income_family": False, "living_difficulty": True, "in_college": False, "college_graduate": False,
    "farmer_herder": False, "registered_unemployed": True, "months_since_unemployment_registration": 2,
    "starting_business": True, "business_premises": "private", "months_operating": 6,
    "employment_difficulty_recognised": True, "disabled_family_member": False, "zero_employment_family": False,
}
HELPING_FIRM = {
    "applicant": "organisation", "enterprise_type": "state_owned", "in_difficulty": True, "new_local_hires": 60,
    "new_local_graduates": 30, "hiring_year": 2020, "small_micro": True, "guarantee_fund_operator": True,
    "hr_agency": "commercial_agency", "training_provider": True, "construction_firm": False, "hosts_interns": True,
}

PROFILES = {
    "nothing answered": ({}, dict.fromkeys(CLAUSES, M)),
    "young unemployed person": (YOUNG_UNEMPLOYED, {
        "1.1": N, "1.2": N, "2.1": N, "2.2": N, "2.3": A, "3.1": N, "3.2": A, "3.3": N, "3.4": N, "3.5": A,
        "3.6": N, "3.7": N, "4.1": A, "4.2": A, "5.1": N, "5.2": N}),
    "graduate moving to Shanghai": (GRADUATE_TO_SHANGHAI, {
        "1.1": N, "1.2": N, "2.1": N, "2.2": N, "2.3": N, "3.1": A, "3.2": N, "3.3": M, "3.4": M, "3.5": N,
        "3.6": M, "3.7": M, "4.1": A, "4.2": N, "5.1": M, "5.2": N}),
    "company that hired twelve local people": (COMPANY_TWELVE_LOCALS, {
        "1.1": N, "1.2": N, "2.1": N, "2.2": N, "2.3": A, "3.1": N, "3.2": N, "3.3": N, "3.4": N, "3.5": N,
        "3.6": N, "3.7": N, "4.1": N, "4.2": N, "5.1": N, "5.2": N}),
    "migrant herder from a poor household": (MIGRANT_HERDER, {
        "1.1": N, "1.2": N, "2.1": M, "2.2": M, "2.3": N, "3.1": M, "3.2": N, "3.3": A, "3.4": A, "3.5": N,
        "3.6": A, "3.7": A, "4.1": A, "4.2": N, "5.1": A, "5.2": N}),
    "older jobseeker, disability not said": (DISABLED_OLDER_JOBSEEKER, {
        "1.1": N, "1.2": N, "2.1": A, "2.2": A, "2.3": N, "3.1": N, "3.2": A, "3.3": N, "3.4": M, "3.5": A,
        "3.6": A, "3.7": M, "4.1": A, "4.2": A, "5.1": A, "5.2": A}),
    "state-owned firm that does everything": (HELPING_FIRM, {
        "1.1": A, "1.2": A, "2.1": M, "2.2": N, "2.3": A, "3.1": N, "3.2": N, "3.3": A, "3.4": A, "3.5": N,
        "3.6": N, "3.7": N, "4.1": N, "4.2": A, "5.1": N, "5.2": N}),
}


@pytest.mark.parametrize("name", list(PROFILES))
def test_profile_statuses_for_every_clause(name):
    facts, expected = PROFILES[name]
    assert statuses(facts) == expected


def test_clauses_listed_in_document_order_without_section_six():
    assert [m["clause"] for m in find({})["measures"]] == CLAUSES


def test_profiles_use_every_question():
    used = {k for facts, _ in PROFILES.values() for k in facts}
    used |= {k for row in FLIPS for k in row[2]} | {k for row in FLIPS for change in row[3] for k in change}
    assert {f["id"] for f in RULES["facts"]} <= used


def test_company_figures_and_calculators():
    out = find(COMPANY_TWELVE_LOCALS)
    award = next(m for m in out["measures"] if m["clause"] == "1.2")
    assert award["calculators"] == {"enterprise_hiring_award": {"status": N, "total_yuan": 0}}
    assert award["in_force"] == "expired"
    assert out["next_question"] is None
    obligation = part(COMPANY_TWELVE_LOCALS, "3.3", "d")
    assert obligation["kind"] == "obligation" and obligation["status"] == A


def test_runnable_calculators_give_their_estimates():
    out = {m["clause"]: m for m in find(MIGRANT_HERDER)["measures"]}
    assert out["3.3"]["calculators"] == {"farmer_herder_transfer": {"status": A, "total_yuan": 1200}}
    assert out["3.4"]["calculators"] == {"poverty_labor": {"status": A, "total_yuan": 1000}}
    # A calculator with inputs the finder does not ask never runs (its page decides).
    assert out["2.1"]["calculators"] == {"startup_loan": {"status": M, "total_yuan": None}}
    firm = {m["clause"]: m for m in find(HELPING_FIRM)["measures"]}
    assert firm["1.2"]["calculators"] == {"enterprise_hiring_award": {"status": A, "total_yuan": 80000}}
    assert firm["1.2"]["in_force"] == "expired"  # says both: it would apply, and it has expired


def test_judgements_keep_may_apply_and_are_never_missing():
    p = part({"applicant": "organisation", "guarantee_fund_operator": True}, "2.1", "c")
    assert p["status"] == M and p["conditions"][1]["result"] is None and p["missing"] == []
    older = part({"applicant": "person", "employment": "not_working", "lhasa_hukou": True, "disabled": False,
                  "low_income_family": False, "age": 40}, "3.5", "b")
    assert older["status"] == M
    younger = part({"applicant": "person", "employment": "not_working", "lhasa_hukou": True, "disabled": False,
                    "low_income_family": False, "age": 39}, "3.5", "b")
    assert younger["status"] == N


def test_in_force_from_the_clause_dates():
    def forces(as_of):
        return {m["clause"]: m["in_force"] for m in find({}, as_of)["measures"]}
    assert forces("2018-12-31")["1.2"] == "not_yet" and forces("2018-12-31")["2.3"] == "not_yet"
    assert forces("2020-12-31")["1.2"] == "in_force" and forces("2021-01-01")["1.2"] == "expired"
    now = forces(AS_OF)
    assert now["2.3"] == now["3.1"] == "open_ended"
    assert {c for c, v in now.items() if v != "open_ended"} == {"1.2"}


def test_next_question_order_and_kind():
    assert find({})["next_question"] == "applicant"
    assert find({"applicant": "person"})["next_question"] == "age"
    assert find({"applicant": "organisation"})["next_question"] == "enterprise_type"
    person_facts = {f["id"] for f in RULES["facts"] if "person" in f["for"]}
    facts = {"applicant": "organisation"}
    while (question := find(facts)["next_question"]) is not None:
        assert question not in person_facts
        facts[question] = None
    assert len(facts) > 5


def test_sensitive_questions_only_when_they_can_change_a_result():
    # Someone already shown to qualify for 3.6 (recognised difficulty) is not asked about disability for it;
    # disability still matters for 3.5 only when the person has no work.
    facts = {"applicant": "person", "employment": "employed", "employment_difficulty_recognised": True}
    asked = []
    while (question := find(facts)["next_question"]) is not None:
        asked.append(question)
        facts[question] = None
    assert "disabled" not in asked and "low_income_family" not in asked and "disabled_family_member" not in asked


# (clause, part, facts where the part applies, [changes that each make exactly one condition false])
FLIPS = [
    ("1.1", "a", {"applicant": "organisation", "enterprise_type": "other_enterprise", "in_difficulty": True},
     [{"enterprise_type": "not_an_enterprise"}, {"in_difficulty": False}]),
    ("1.2", "a", {"applicant": "organisation", "enterprise_type": "non_public", "new_local_hires": 15,
                  "new_local_graduates": 10, "hiring_year": 2019},
     [{"enterprise_type": "other_enterprise"}, {"new_local_hires": 14}, {"new_local_graduates": 9},
      {"hiring_year": 2021}, {"hiring_year": 2018}]),
    ("1.2", "a", {"applicant": "organisation", "enterprise_type": "state_owned", "new_local_hires": 60,
                  "new_local_graduates": 30, "hiring_year": 2020},
     [{"new_local_hires": 59}, {"new_local_graduates": 29}]),
    ("2.1", "a", {"applicant": "person", "starting_business": True}, [{"starting_business": False}]),
    ("2.1", "b", {"applicant": "organisation", "small_micro": True}, [{"small_micro": False}]),
    ("2.1", "c", {"applicant": "organisation", "guarantee_fund_operator": True}, [{"guarantee_fund_operator": False}]),
    ("2.2", "a", {"applicant": "person", "starting_business": True}, [{"starting_business": False}]),
    ("2.2", "b", {"applicant": "person", "starting_business": True, "registered_unemployed": True,
                  "business_premises": "government"},
     [{"starting_business": False}, {"registered_unemployed": False}, {"business_premises": "private"}]),
    ("2.2", "c", {"applicant": "person", "employment": "self_employed", "registered_unemployed": True,
                  "business_premises": "private", "months_operating": 6},
     [{"employment": "employed", "starting_business": False}, {"registered_unemployed": False},
      {"business_premises": "none"}, {"months_operating": 5}]),
    ("2.3", "a", {"applicant": "person", "employment": "not_working", "in_college": False, "age": 16},
     [{"employment": "employed"}, {"in_college": True}, {"age": 15, "college_graduate": False}]),
    ("2.3", "a", {"applicant": "person", "employment": "not_working", "in_college": False, "age": 30,
                  "college_graduate": True, "recent_graduate": True},
     [{"college_graduate": False}, {"recent_graduate": False}]),
    ("2.3", "b", {"applicant": "organisation", "hosts_interns": True}, [{"hosts_interns": False}]),
    ("3.1", "a", {"applicant": "person", "in_college": True}, [{"in_college": False, "college_graduate": False}]),
    ("3.1", "b", {"applicant": "person", "college_graduate": True, "in_college": False, "ethnic_minority": True,
                  "lhasa_hukou": True, "job_outside_region": True},
     [{"college_graduate": False}, {"ethnic_minority": False}, {"lhasa_hukou": False, "from_tibet": False},
      {"job_outside_region": False}]),
    ("3.2", "a", {"applicant": "person", "employment": "not_working", "farmer_herder": False},
     [{"employment": "self_employed"}, {"farmer_herder": True}]),
    ("3.2", "b", {"applicant": "person", "registered_unemployed": True, "employment": "not_working",
                  "months_since_unemployment_registration": 6},
     [{"registered_unemployed": False}, {"employment": "employed"}, {"months_since_unemployment_registration": 5}]),
    ("3.3", "a", {"applicant": "person", "farmer_herder": True}, [{"farmer_herder": False}]),
    ("3.3", "b", {"applicant": "person", "farmer_herder": True, "months_employed": 6, "via_market_entity": False,
                  "organised_outside_region": True},
     [{"farmer_herder": False}, {"months_employed": 5}, {"organised_outside_region": False}]),
    ("3.3", "c", {"applicant": "organisation", "hr_agency": "labour_broker"}, [{"hr_agency": "other_hr_agency"}]),
    ("3.3", "d", {"applicant": "organisation", "construction_firm": True}, [{"construction_firm": False}]),
    ("3.4", "a", {"applicant": "person", "registered_poor": True}, [{"registered_poor": False}]),
    ("3.4", "b", {"applicant": "person", "registered_poor": True, "transfer": "cross_prefecture"},
     [{"registered_poor": False}, {"transfer": "local"}]),
    ("3.4", "c", {"applicant": "organisation", "hr_agency": "other_hr_agency"}, [{"hr_agency": "labour_broker"}]),
    ("3.5", "a", {"applicant": "person", "employment": "not_working"}, [{"employment": "employed"}]),
    ("3.5", "b", {"applicant": "person", "employment": "not_working", "lhasa_hukou": True, "low_income_family": True},
     [{"employment": "self_employed"}, {"lhasa_hukou": False}, {"low_income_family": False, "disabled": False,
                                                                 "age": 39}]),
    ("3.6", "a", {"applicant": "person", "zero_employment_family": True},
     [{"zero_employment_family": False, "employment_difficulty_recognised": False, "low_income_family": False,
       "disabled": False, "disabled_family_member": False, "registered_poor": False}]),
    ("3.7", "a", {"applicant": "person", "veteran": "transferred_officer"}, [{"veteran": "no"}]),
    ("4.1", "a", {"applicant": "person", "age": 16}, [{"age": 15, "in_college": False}]),
    ("4.2", "a", {"applicant": "person", "employment": "not_working"}, [{"employment": "employed"}]),
    ("4.2", "b", {"applicant": "organisation", "training_provider": True}, [{"training_provider": False}]),
    ("5.1", "a", {"applicant": "person", "migrant_worker": True},
     [{"migrant_worker": False, "starting_business": False}]),
    ("5.2", "a", {"applicant": "person", "employment": "not_working", "living_difficulty": True},
     [{"employment": "employed"}, {"living_difficulty": False}]),
]


@pytest.mark.parametrize("clause, name, base, flips", FLIPS, ids=[f"{r[0]}{r[1]}-{i}" for i, r in enumerate(FLIPS)])
def test_each_condition_flips_its_measure(clause, name, base, flips):
    # A measure with a judgement only the agency can make is at best "may apply".
    judged = (clause, name) in JUDGED
    assert part(base, clause, name)["status"] == (M if judged else A)
    for change in flips:
        flipped = part({**base, **change}, clause, name)
        assert flipped["status"] == N, change
        assert False in [c["result"] for c in flipped["conditions"]]


def test_every_condition_is_flipped_somewhere():
    """Each condition of each measure is made false by some row of FLIPS, from a profile where it held."""
    flipped = set()
    for clause, name, base, flips in FLIPS:
        before = part(base, clause, name)["conditions"]
        for change in flips:
            after = part({**base, **change}, clause, name)["conditions"]
            flipped |= {(clause, name, i) for i, (b, a) in enumerate(zip(before, after)) if b["result"] and a["result"] is False}
    wanted = {(c["clause"], m["part"], i) for c in RULES["clauses"] for m in c["measures"]
              for i, cond in enumerate(m["conditions"]) if "judged_by" not in cond["test"]}
    assert wanted - flipped == set()


JUDGED = {("2.1", "b"), ("2.1", "c"), ("2.2", "a")}


def test_every_clause_and_part_has_a_row():
    rows = {(c, p) for c, p, _, _ in FLIPS}
    assert rows == {(c["clause"], m["part"]) for c in RULES["clauses"] for m in c["measures"]}
