"""The finder's "missing" facts are worked out incrementally (``calculators.finder._missing`` evaluates
again only the measures that read a fact a trial answer changes): the result must be exactly that
of evaluating every measure again for every trial answer, as the engine first did.

``full_missing`` below is that first engine's ``_missing``, written out here (not imported), on the
engine's primitives. It is compared with ``calculators.find`` along many random journeys (each
step answers the question the engine asks next, sometimes "not sure", sometimes a question it did
not ask) on the real plan's rules and on the example library's (the plan with the Guangzhou
example merged in, whose calculators are written as data).

Checked to fail: with the calculator inputs left out of ``_Rules.readers`` (only the conditions'
facts indexed), the journeys on the plan with its conditions cut differ (``new_local_graduates`` no
longer missing for 1.2, whose calculator reads it); with the applicant left out, all three differ.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import calculators
from calculators import InputError, finder
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import check_policy
from tests.build.test_example_library import _library_with_the_example
from tests.unit.calculators.test_finder_profiles import RULES

AS_OF = "2026-11-25"
JOURNEYS = 12


def statuses(rules, known):
    """[[part statuses]] of every clause."""
    return [[finder._measure_status(rules, m, known)[0] for m in clause["measures"]] for clause in rules.clauses]


def full_missing(rules, facts, known, base):
    """Every measure of every clause evaluated again for every value tried of every unknown fact."""
    applicant = known.get(rules.applicant)

    def outcomes(clause, parts, facts_known):
        who = facts_known.get(rules.applicant)
        out = []
        for measure, status in zip(clause["measures"], parts):
            runs = {}
            if who is not None and measure["for"] == who and status != finder.DOES_NOT_APPLY:
                for calculator in measure.get("calculators", ()):
                    run = finder._run_calculator(calculator, status, facts_known)
                    runs[calculator["id"]] = (run["result"] is not None, run["status"])
            out.append(runs)
        return out

    base_runs = [outcomes(clause, parts, known) for clause, parts in zip(rules.clauses, base)]
    part_missing = [[[] for _ in c["measures"]] for c in rules.clauses]
    for fact in rules.facts:
        fact_id = fact["id"]
        if fact_id in known or not finder._askable(rules, fact, known, applicant):
            continue
        for value in rules.candidates(fact_id):
            trial = {**facts, fact_id: value}
            if fact_id == rules.applicant:
                trial = {k: v for k, v in trial.items() if k == fact_id or rules.serves(rules.fact[k], value)}
            try:
                trial_known = finder._known(rules, trial)
            except finder._Contradiction:
                continue
            for index, (clause, parts) in enumerate(zip(rules.clauses, statuses(rules, trial_known))):
                runs = outcomes(clause, parts, trial_known)
                for part, measure in enumerate(clause["measures"]):
                    if applicant is not None and measure["for"] != applicant:
                        continue
                    if fact_id in part_missing[index][part]:
                        continue
                    changed = parts[part] != base[index][part] or any(
                        runs[part].get(cid) != outcome for cid, outcome in base_runs[index][part].items())
                    if changed:
                        part_missing[index][part].append(fact_id)
    order = {fact["id"]: i for i, fact in enumerate(rules.facts)}
    return [sorted({f for missing in parts for f in missing}, key=order.get) for parts in part_missing], part_missing


def expected_missing(rules, facts):
    prepared = finder._Rules(rules)
    known = finder._validate(prepared, facts)
    return full_missing(prepared, facts, known, statuses(prepared, known))


def journeys(rules, seed):
    """Answer sets met along random journeys: each step answers the next question (a random candidate,
    now and then "not sure") or, now and then, another question the visitor may be asked."""
    rng = random.Random(seed)
    facts_by_id = {f["id"]: f for f in rules["facts"]}
    for _ in range(JOURNEYS):
        facts = {}
        for _ in range(40):
            yield dict(facts)
            try:
                asked = calculators.find(rules, facts, AS_OF)["next_question"]
            except InputError:
                break
            if asked is None or rng.random() < 0.2:
                who = facts.get(rules["applicant_fact"])
                open_ = [f for f in facts_by_id if f not in facts and
                         (who is None or not facts_by_id[f]["for"] or who in facts_by_id[f]["for"])]
                if not open_:
                    break
                asked = rng.choice(open_)
            value = None if asked != rules["applicant_fact"] and rng.random() < 0.1 else \
                rng.choice(finder.answer_candidates(rules, asked))
            facts[asked] = value


def library_rules() -> dict:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        checked = check_policy(_library_with_the_example(Path(folder)), calculators.CALCULATORS)
        return finder_rules(checked.policy, checked.documents)


def first_conditions_only(rules: dict) -> dict:
    """The rules with each measure's conditions cut to its first: in the plan every fact a calculator
    reads is also in its measure's conditions; here calculators read facts no condition reads
    (``farmer_herder_transfer``'s months employed, for one), and only they make them missing."""
    clauses = [{**clause, "measures": [{**m, "conditions": m["conditions"][:1]} for m in clause["measures"]]}
               for clause in rules["clauses"]]
    return {**rules, "clauses": clauses}


@pytest.mark.parametrize("which", ["plan", "plan, first conditions only", "library"])
def test_the_incremental_missing_facts_are_those_of_a_full_evaluation(which):
    rules = {"plan": RULES, "library": None, "plan, first conditions only": first_conditions_only(RULES)}[which] \
        or library_rules()
    seen = 0
    for facts in journeys(rules, seed=16):
        try:
            result = calculators.find(rules, facts, AS_OF)
        except InputError:
            continue
        clause_missing, part_missing = expected_missing(rules, facts)
        assert [m["missing"] for m in result["measures"]] == clause_missing, facts
        assert [[p["missing"] for p in m["parts"]] for m in result["measures"]] == part_missing, facts
        seen += 1
    assert seen > 100, seen  # many states, deep into the journeys
