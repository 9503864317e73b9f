"""The finder: which measures of a policy apply to one visitor ("what applies to me?").

A small, generic evaluator. The rules (facts that may be asked, clauses with their measures
and conditions) and the visitor's answers come in as JSON-like data; nothing here knows the
plan. Conditions are evaluated with three-valued (Kleene) logic: True, False and None
(unknown). Standard library only, no I/O, deterministic: the same input gives the same JSON
in CPython and in Pyodide.

    from calculators import find, find_json
    find(rules, {"applicant": "person", "age": 20}, "2026-11-25")

In the browser the page has the rules held once (``hold_rules_json``) and each ``find_json``
request names them (see ``find_json``).

The rules' shape (written by ``policy_site.data.finder_rules`` from the validated data):

    {"applicant_fact": "applicant",
     "facts": [{"id", "type": "bool"|"integer"|"choice", "choices": [{"value", ...}],
                "min", "max", "for": [applicant values] (empty: everyone), "ask_when": test|null,
                "implies": [{"when": value, "set": {fact: value}}], "not_above": fact|null, ...}],
     "clauses": [{"clause": "2.3", "validity": {"from": "2019-01-01", "to": null} | null,
                  "measures": [{"part": "a", "for": "person", "kind": "benefit"|"obligation",
                                "conditions": [{"zh", "en", "quote", "test"}],
                                "calculators": [{"id", "inputs": {name: source}}]}]}]}

A test is one of ``{"fact", "is"}``, ``{"fact", "in"}``, ``{"fact", "at_least"/"at_most"}``
(a number or ``{"figure": "calculator.key"}``, a calculator's named figure), ``{"all": [...]}``,
``{"any": [...]}``, ``{"not": test}`` or ``{"judged_by": agency}`` (a judgement the visitor
cannot know: always unknown). A calculator input's source is ``{"value": v}``, ``{"fact": f}``
(optionally with ``"map": [{"if": v, "then": w}]``; ``w`` null or a value not listed: the
calculator does not run) or ``{"test": test}`` (its three-valued result). An input without a
source takes the fact of the same name.
"""

import json
from decimal import Decimal

from ._inputs import InputError, error
from ._money import to_json_number

APPLIES = "applies"
MAY_APPLY = "may_apply"
DOES_NOT_APPLY = "does_not_apply"


class _Contradiction(Exception):
    def __init__(self, field, zh, en):
        super().__init__(en)
        self.problem = error(field, zh, en)


# --- three-valued logic -----------------------------------------------------------------------


def _same(a, b):
    """Equality that does not confuse True with 1."""
    return type(a) is type(b) and a == b


def _and(values):
    result = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def _or(values):
    result = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def _figure(reference):
    from . import CALCULATORS

    calculator_id, _, key = reference.partition(".")
    for entry in CALCULATORS[calculator_id]["figures"]:
        if entry["key"] == key:
            return Decimal(entry["value"])
    raise KeyError(reference)


def _bound(value):
    if isinstance(value, dict):
        return _figure(value["figure"])
    return value


def evaluate(test, known):
    """The three-valued result of ``test`` on the known facts (a dict; a missing key is unknown)."""
    if "all" in test:
        return _and(evaluate(part, known) for part in test["all"])
    if "any" in test:
        return _or(evaluate(part, known) for part in test["any"])
    if "not" in test:
        inner = evaluate(test["not"], known)
        return None if inner is None else not inner
    if "judged_by" in test:
        return None
    value = known.get(test["fact"])
    if value is None:
        return None
    result = True
    if "is" in test:
        result = result and _same(value, test["is"])
    if "in" in test:
        result = result and any(_same(value, option) for option in test["in"])
    if "at_least" in test:
        result = result and value >= _bound(test["at_least"])
    if "at_most" in test:
        result = result and value <= _bound(test["at_most"])
    return bool(result)


def compile_test(test):
    """``test`` as a function of the known facts giving exactly ``evaluate(test, known)``: the test
    read once (the held rules are prepared once, then answer many requests)."""
    if "all" in test or "any" in test:
        parts = [compile_test(part) for part in test.get("all", test.get("any"))]
        decisive = "all" not in test  # all: False decides, any: True decides

        def junction(known):
            result = decisive is False
            for part in parts:
                value = part(known)
                if value is decisive:
                    return decisive
                if value is None:
                    result = None
            return result
        return junction
    if "not" in test:
        inner = compile_test(test["not"])

        def negation(known):
            value = inner(known)
            return None if value is None else not value
        return negation
    if "judged_by" in test:
        return lambda known: None
    fact = test["fact"]
    checks = []
    if "is" in test:
        target = test["is"]
        checks.append(lambda value: _same(value, target))
    if "in" in test:
        options = test["in"]
        checks.append(lambda value: any(_same(value, option) for option in options))
    for key, above in (("at_least", True), ("at_most", False)):
        if key in test:
            raw = test[key]
            if isinstance(raw, dict):  # a calculator's figure: read when compared, as evaluate reads it
                checks.append(lambda value, raw=raw, above=above:
                              value >= _bound(raw) if above else value <= _bound(raw))
            else:
                checks.append(lambda value, raw=raw, above=above: value >= raw if above else value <= raw)

    def leaf(known):
        value = known.get(fact)
        if value is None:
            return None
        for check in checks:
            if not check(value):
                return False
        return True
    return leaf


def facts_in(test):
    """Every fact a test refers to, in order of appearance."""
    out = []
    if "all" in test or "any" in test:
        for part in test.get("all", test.get("any")):
            out += [f for f in facts_in(part) if f not in out]
    elif "not" in test:
        out = facts_in(test["not"])
    elif "fact" in test:
        out = [test["fact"]]
    return out


def _thresholds(test, fact):
    """The numbers a test compares ``fact`` with (where an integer answer can change a result)."""
    out = []
    if "all" in test or "any" in test:
        for part in test.get("all", test.get("any")):
            out += _thresholds(part, fact)
    elif "not" in test:
        out = _thresholds(test["not"], fact)
    elif test.get("fact") == fact:
        for key in ("at_least", "at_most", "is"):
            if key in test and not isinstance(test[key], bool):
                bound = _bound(test[key])
                if isinstance(bound, (int, Decimal)):
                    out.append(bound)
        for option in test.get("in", ()):
            if isinstance(option, int) and not isinstance(option, bool):
                out.append(option)
    return out


# --- the visitor's facts ----------------------------------------------------------------------


class _Rules:
    """The rules with lookups built once."""

    def __init__(self, rules):
        self.rules = rules
        self.applicant = rules["applicant_fact"]
        self.facts = rules["facts"]
        self.fact = {f["id"]: f for f in self.facts}
        self.clauses = rules["clauses"]
        self._candidates = {}
        # [clause][part][condition]: the facts each condition's test reads
        self.condition_facts = [[[set(facts_in(c["test"])) for c in m["conditions"]] for m in clause["measures"]]
                                for clause in self.clauses]
        self.readers = self._readers()
        # [clause][part]: its conditions' tests, compiled (compile_test)
        self.tests = [[[compile_test(c["test"]) for c in m["conditions"]] for m in clause["measures"]]
                      for clause in self.clauses]

    def _readers(self):
        """Fact id -> [(clause index, part index)] of the measures whose outcome can depend on it:
        their conditions' tests and their calculators' inputs read it. The applicant fact is read
        by every measure."""
        from . import CALCULATORS

        readers = {}
        for index, clause in enumerate(self.clauses):
            for part, measure in enumerate(clause["measures"]):
                read = [self.applicant, *(f for reads in self.condition_facts[index][part] for f in reads)]
                for calculator in measure.get("calculators", ()):
                    sources = calculator.get("inputs") or {}
                    meta = CALCULATORS.get(calculator["id"]) or {"fields": ()}
                    # every field, as calculator_inputs reads it (an applies_when controller is a field too)
                    for name in [f["name"] for f in meta["fields"]] + list(sources):
                        read += _input_facts(sources.get(name), name)
                for fact_id in set(read):
                    readers.setdefault(fact_id, []).append((index, part))
        return readers

    def label(self, fact_id):
        fact = self.fact.get(fact_id) or {}
        question = fact.get("question") or {}
        return question.get("zh", fact_id), question.get("en", fact_id)

    def serves(self, fact, applicant):
        return applicant is None or not fact.get("for") or applicant in fact["for"]

    def candidates(self, fact_id):
        """Values worth trying for a fact: every choice, both booleans, integers at the thresholds."""
        if fact_id not in self._candidates:
            fact = self.fact[fact_id]
            if fact["type"] == "bool":
                values = [True, False]
            elif fact["type"] == "choice":
                values = [c["value"] for c in fact["choices"]]
            else:
                low, high = fact["min"], fact["max"]
                numbers = {low, high}
                tests = [c["test"] for clause in self.clauses for m in clause["measures"]
                         for c in m["conditions"]]
                for test in tests:
                    for bound in _thresholds(test, fact_id):
                        whole = int(bound)
                        for number in (whole - 1, whole, whole + 1):
                            if low <= number <= high:
                                numbers.add(number)
                values = sorted(numbers)
            self._candidates[fact_id] = values
        return self._candidates[fact_id]


def answer_candidates(rules, fact_id):
    """The answers to ``fact_id`` worth trying, as the engine tries them when it decides what is
    missing: every choice, both booleans, integers at and either side of each threshold."""
    return list(_Rules(rules).candidates(fact_id))


def _check_value(fact, value):
    """None when ``value`` is a valid answer for ``fact``, else (zh, en) saying why."""
    kind = fact["type"]
    if kind == "bool":
        if type(value) is bool:
            return None
        return "必须是 true 或 false（是或否）。", "must be true or false (yes or no)."
    if kind == "integer":
        if type(value) is not int:
            return "必须是整数。", "must be a whole number."
        if not fact["min"] <= value <= fact["max"]:
            return (f"必须在{fact['min']}到{fact['max']}之间。",
                    f"must be between {fact['min']} and {fact['max']}.")
        return None
    values = [c["value"] for c in fact["choices"]]
    if isinstance(value, str) and value in values:
        return None
    return ("必须是以下之一：" + "、".join(values) + "。",
            "must be one of: " + ", ".join(values) + ".")


def _validate(rules, facts):
    """Check the visitor's answers; raise InputError listing every problem."""
    if not isinstance(facts, dict):
        raise InputError([error(None, "回答必须是一个对象（问题编号到答案的映射）。",
                                "The answers must be an object that maps question ids to answers.")])
    problems = []
    applicant = facts.get(rules.applicant)
    valid_applicant = rules.applicant in rules.fact and applicant is not None and \
        _check_value(rules.fact[rules.applicant], applicant) is None
    for key, value in facts.items():
        fact = rules.fact.get(key) if isinstance(key, str) else None
        if fact is None:
            shown = key if isinstance(key, str) and len(key) <= 60 else str(key)[:60] + "…"
            problems.append(error(shown if isinstance(key, str) else None,
                                  f"没有编号为「{shown}」的问题。", f"There is no question “{shown}”."))
            continue
        zh_label, en_label = rules.label(key)
        if key != rules.applicant and valid_applicant and not rules.serves(fact, applicant):
            problems.append(error(key, f"「{zh_label}」不适用于所选的申请人类型（{applicant}），请删去这个回答。",
                                  f"“{en_label}” does not apply to this kind of applicant ({applicant}): "
                                  "leave it out."))
            continue
        if value is None:
            if key == rules.applicant:
                problems.append(error(key, f"「{zh_label}」必须回答，不能选“不确定”。",
                                      f"“{en_label}” must be answered: “not sure” is not an answer here."))
            continue
        wrong = _check_value(fact, value)
        if wrong:
            problems.append(error(key, f"「{zh_label}」{wrong[0]}", f"“{en_label}” {wrong[1]}"))
    if problems:
        raise InputError(problems)
    try:
        known = _known(rules, facts)
    except _Contradiction as exc:
        raise InputError([exc.problem]) from None
    return known


def _known(rules, facts):
    """The answers that are known (not null) plus every fact they imply; raise _Contradiction."""
    known = {k: v for k, v in facts.items() if v is not None}
    implied_by = {}
    changed = True
    while changed:
        changed = False
        for fact in rules.facts:
            value = known.get(fact["id"])
            if value is None:
                continue
            for rule in fact.get("implies", ()):
                if not _same(value, rule["when"]):
                    continue
                for target, target_value in rule["set"].items():
                    if target not in known:
                        known[target] = target_value
                        implied_by[target] = fact["id"]
                        changed = True
                    elif not _same(known[target], target_value):
                        source = implied_by.get(target)
                        zh_t, en_t = rules.label(target)
                        zh_s, en_s = rules.label(fact["id"])
                        raise _Contradiction(
                            target,
                            f"「{zh_t}」的回答与「{zh_s}」的回答矛盾：" +
                            (f"后者意味着前者应为 {json.dumps(target_value)}。" if source is None else
                             "两者不能同时成立。"),
                            f"The answer to “{en_t}” contradicts the answer to “{en_s}”, which means it is "
                            f"{json.dumps(target_value)}.",
                        )
    for fact in rules.facts:
        limit = fact.get("not_above")
        if limit and isinstance(known.get(fact["id"]), int) and isinstance(known.get(limit), int):
            if known[fact["id"]] > known[limit]:
                zh_a, en_a = rules.label(fact["id"])
                zh_b, en_b = rules.label(limit)
                raise _Contradiction(fact["id"], f"「{zh_a}」不能多于「{zh_b}」。",
                                     f"“{en_a}” cannot be more than “{en_b}”.")
    return known


# --- statuses -----------------------------------------------------------------------------------


def _measure_status(rules, measure, known, tests=None):
    """(status, [condition results]) of a measure; ``tests``: its conditions' tests compiled
    (``_Rules.tests``), else they are evaluated as they are."""
    applicant = known.get(rules.applicant)
    results = [evaluate(c["test"], known) for c in measure["conditions"]] if tests is None else \
        [test(known) for test in tests]
    if applicant is not None and applicant != measure["for"]:
        return DOES_NOT_APPLY, results
    if any(r is False for r in results):
        return DOES_NOT_APPLY, results
    if applicant is not None and all(r is True for r in results):
        return APPLIES, results
    return MAY_APPLY, results


def _clause_status(part_statuses, measures):
    benefits = [s for s, m in zip(part_statuses, measures) if m.get("kind", "benefit") == "benefit"]
    if any(s == APPLIES for s in benefits):
        return APPLIES
    if all(s == DOES_NOT_APPLY for s in benefits):
        return DOES_NOT_APPLY
    return MAY_APPLY


def _statuses(rules, known):
    """[(clause status, [part statuses], [each part's condition results])] in document order."""
    out = []
    for index, clause in enumerate(rules.clauses):
        parts = [_measure_status(rules, m, known, tests) for m, tests in zip(clause["measures"], rules.tests[index])]
        statuses = [status for status, _ in parts]
        out.append((_clause_status(statuses, clause["measures"]), statuses, [results for _, results in parts]))
    return out


def _askable(rules, fact, known, applicant):
    """Whether a fact may be asked (and so be missing): it serves this kind of visitor and its
    "ask when" is not false (an "ask when" left unknown does not hold it back)."""
    if not rules.serves(fact, applicant):
        return False
    return fact.get("ask_when") is None or evaluate(fact["ask_when"], known) is not False


def _serves(measure, applicant):
    return applicant is None or measure["for"] == applicant


def _calculator_outcomes(rules, measure, status, known):
    """{calculator id: (ran, status)} for the calculators of a measure that serves this visitor
    and does not (yet) fail; a measure that does not apply is settled: {}."""
    applicant = known.get(rules.applicant)
    runs = {}
    if applicant is not None and measure["for"] == applicant and status != DOES_NOT_APPLY:
        for calculator in measure.get("calculators", ()):
            run = _run_calculator(calculator, status, known)
            runs[calculator["id"]] = (run["result"] is not None, run["status"])
    return runs


def _changed_facts(known, trial_known):
    """The facts whose known value differs between the two (set, changed or dropped)."""
    return {k for k in known.keys() | trial_known.keys() if not _same(known.get(k), trial_known.get(k))}


def _missing(rules, facts, known, base):
    """For each clause: (facts missing for the clause, [facts missing for each part]).

    A fact is missing for a part when some value of it, the other answers as given, would change
    the part's status, or would let one of its calculators run or change that calculator's
    status; only for parts that serve this kind of visitor (obligations included). A clause's
    missing facts are the union of its parts'. For each value tried, only the measures that read
    a fact it changes (``_Rules.readers``), and have no false condition that reads none, are
    evaluated again: the others' outcomes are the base's."""
    applicant = known.get(rules.applicant)
    base_runs = [[_calculator_outcomes(rules, measure, status, known)
                  for measure, status in zip(clause["measures"], parts)]
                 for clause, (_, parts, _) in zip(rules.clauses, base)]
    part_missing = [[[] for _ in c["measures"]] for c in rules.clauses]
    for fact in rules.facts:
        fact_id = fact["id"]
        if fact_id in known or not _askable(rules, fact, known, applicant):
            continue
        for value in rules.candidates(fact_id):
            trial = dict(facts)
            trial[fact_id] = value
            if fact_id == rules.applicant:
                trial = {k: v for k, v in trial.items()
                         if k == fact_id or rules.serves(rules.fact[k], value)}
            try:
                trial_known = _known(rules, trial)
            except _Contradiction:
                continue
            changed_facts = _changed_facts(known, trial_known)
            affected = {at for changed in changed_facts for at in rules.readers.get(changed, ())}
            for index, part in affected:
                measure = rules.clauses[index]["measures"][part]
                if not _serves(measure, applicant) or fact_id in part_missing[index][part]:
                    continue
                if any(result is False and not reads & changed_facts
                       for result, reads in zip(base[index][2][part], rules.condition_facts[index][part])):
                    continue  # a condition false whatever the trial: the measure does not apply, as in the base
                status = _measure_status(rules, measure, trial_known, rules.tests[index][part])[0]
                changed = status != base[index][1][part]
                if not changed and base_runs[index][part]:
                    runs = _calculator_outcomes(rules, measure, status, trial_known)
                    changed = any(runs.get(cid) != outcome for cid, outcome in base_runs[index][part].items())
                if changed:
                    part_missing[index][part].append(fact_id)
    order = {fact["id"]: i for i, fact in enumerate(rules.facts)}
    clause_missing = [sorted({f for missing in parts for f in missing}, key=order.get)
                      for parts in part_missing]
    return clause_missing, part_missing


def _next_question(rules, facts, known, clause_missing):
    if rules.applicant not in facts:
        return rules.applicant
    applicant = known.get(rules.applicant)
    wanted = {f for missing in clause_missing for f in missing}
    for fact in rules.facts:
        fact_id = fact["id"]
        if fact_id in facts or fact_id in known or fact_id not in wanted:
            continue
        if _askable(rules, fact, known, applicant):
            return fact_id
    return None


def in_force(validity, as_of):
    """``not_yet`` | ``expired`` | ``open_ended`` | ``in_force`` on ``as_of`` (dates inclusive)."""
    if not validity:
        return "open_ended"
    start, end = validity.get("from"), validity.get("to")
    if start and as_of < start:
        return "not_yet"
    if end and as_of > end:
        return "expired"
    if not end:
        return "open_ended"
    return "in_force"


# --- calculators --------------------------------------------------------------------------------


def _input_facts(source, name):
    """The facts a calculator input reads (as ``_input_value`` reads them)."""
    if source is None:
        return [name]
    if "value" in source:
        return []
    if "test" in source:
        return facts_in(source["test"])
    return [source["fact"]]


def _input_value(source, name, known):
    """The calculator input's value from the facts; None when unknown or when it does not run."""
    if source is None:
        return known.get(name)
    if "value" in source:
        return source["value"]
    if "test" in source:
        return evaluate(source["test"], known)
    value = known.get(source["fact"])
    if value is None or "map" not in source:
        return value
    for entry in source["map"]:
        if _same(value, entry["if"]):
            return entry.get("then")
    return None


def calculator_inputs(calculator, known):
    """(inputs known from the facts, does every input of the calculator come from them)."""
    from . import CALCULATORS

    meta = CALCULATORS[calculator["id"]]
    sources = calculator.get("inputs") or {}
    inputs = {}
    complete = True
    for field in meta["fields"]:
        rule = field["applies_when"]
        if rule is not None:
            controller = inputs.get(rule["field"])
            if controller is None or controller not in rule["values"]:
                if controller is None:
                    complete = False
                continue
        value = _input_value(sources.get(field["name"]), field["name"], known)
        if value is None:
            complete = False
        else:
            inputs[field["name"]] = value
    return inputs, complete


def _run_calculator(calculator, measure_status, known):
    from . import calculate

    inputs, complete = calculator_inputs(calculator, known)
    result = None
    if complete:
        try:
            result = calculate(calculator["id"], inputs)
        except InputError:
            result = None
    if measure_status == DOES_NOT_APPLY or (result is not None and not result["eligible"]):
        status = DOES_NOT_APPLY
    elif measure_status == APPLIES and result is not None and result["eligible"]:
        status = APPLIES
    else:
        status = MAY_APPLY
    return {
        "status": status,
        "total_yuan": result["total_yuan"] if result is not None else None,
        "inputs": inputs,
        "result": result,
    }


# --- the answer ---------------------------------------------------------------------------------


def _condition(condition, result):
    return {"zh": condition["zh"], "en": condition["en"], "quote": condition["quote"], "result": result}


def _parse_date(value):
    """``YYYY-MM-DD`` of a day that exists (no clock, no datetime: the package reads nothing)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
        year, month, day = value[:4], value[5:7], value[8:]
        if (year + month + day).isdigit() and (year + month + day).isascii():
            y, m, d = int(year), int(month), int(day)
            leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
            days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            if 1 <= m <= 12 and 1 <= d <= days[m - 1]:
                return value
    raise InputError([error("as_of", "日期应写成 年-月-日，如 2026-11-25。",
                            "The date must be written YYYY-MM-DD, e.g. 2026-11-25.")])


def find(rules, facts, as_of):
    """Sort every clause with measures into applies / may_apply / does_not_apply for ``facts``.

    ``as_of`` is a date text (YYYY-MM-DD). Returns a JSON-serialisable dict; raises InputError
    (``.errors``: ``{"field", "zh", "en"}``) for bad answers.
    """
    as_of = _parse_date(as_of)
    return _find(_Rules(rules), facts, as_of)


def _find(r, facts, as_of, compact=False):
    """``find`` on prepared rules and a checked ``as_of`` (``_parse_date``); ``compact``: the answer
    ``compact_answer`` describes, made directly."""
    known = _validate(r, facts)
    applicant = known.get(r.applicant)
    base = _statuses(r, known)
    clause_missing, part_missing = _missing(r, facts, known, base)
    entries = []
    for index, clause in enumerate(r.clauses):
        parts = []
        clause_calculators = {}
        clause_conditions = []
        for part_index, measure in enumerate(clause["measures"]):
            status, results = base[index][1][part_index], base[index][2][part_index]
            calcs = {}
            if applicant is not None and measure["for"] == applicant:
                for calculator in measure.get("calculators", ()):
                    run = _run_calculator(calculator, status, known)
                    calcs[calculator["id"]] = run
                    clause_calculators.setdefault(
                        calculator["id"], {"status": run["status"], "total_yuan": run["total_yuan"]})
            if compact:
                parts.append({"status": status, "calculators": calcs, "results": results,
                              "missing": part_missing[index][part_index]})
                continue
            conditions = [_condition(c, res) for c, res in zip(measure["conditions"], results)]
            if applicant is None or measure["for"] == applicant:
                clause_conditions += conditions
            parts.append({
                "part": measure["part"],
                "for": measure["for"],
                "kind": measure.get("kind", "benefit"),
                "status": status,
                "calculators": calcs,
                "conditions": conditions,
                "missing": part_missing[index][part_index],
            })
        entry = {
            "clause": clause["clause"],
            "status": base[index][0],
            "in_force": in_force(clause.get("validity"), as_of),
            "calculators": clause_calculators,
        }
        if not compact:
            entry["conditions"] = clause_conditions
        entry["missing"] = clause_missing[index]
        entry["parts"] = parts
        entries.append(entry)
    return {
        "as_of": as_of,
        "next_question": _next_question(r, facts, known, clause_missing),
        "summary": summary(entries),
        "measures": entries,
    }


def compact_answer(answer):
    """The compact form of ``find``'s answer, as ``find_json`` gives it for a request that names the
    held rules (the finder page, which has the rules): every clause entry without its
    ``conditions``, every part as ``{"status", "calculators", "results", "missing"}``, where
    ``results`` are its conditions' results in the rules' order (their zh, en and quote are the
    rules' own), and its ``part``, ``for`` and ``kind`` are the rules' measure's. Everything else
    is as in the full answer, in the same order."""
    return {**answer, "measures": [
        {**{k: v for k, v in entry.items() if k not in ("conditions", "parts")},
         "parts": [{"status": part["status"], "calculators": part["calculators"],
                    "results": [c["result"] for c in part["conditions"]], "missing": part["missing"]}
                   for part in entry["parts"]]}
        for entry in answer["measures"]]}


def summary(entries):
    """``{"applies", "may_apply", "ended", "total_yuan"}`` over the clauses by their status: a clause
    that applies or may apply outside its validity (expired or not yet) counts in ``ended`` only;
    the total adds the calculators that ran with status ``applies`` on clauses in force."""
    counts = {APPLIES: 0, MAY_APPLY: 0, "ended": 0}
    total = Decimal(0)
    for entry in entries:
        if entry["status"] == DOES_NOT_APPLY:
            continue
        if entry["in_force"] in ("expired", "not_yet"):
            counts["ended"] += 1
            continue
        counts[entry["status"]] += 1
        for run in entry["calculators"].values():
            if run["status"] == APPLIES and run["total_yuan"] is not None:
                total += Decimal(str(run["total_yuan"]))
    return {"applies": counts[APPLIES], "may_apply": counts[MAY_APPLY], "ended": counts["ended"],
            "total_yuan": to_json_number(total)}


def _dump(payload):
    return json.dumps(payload, ensure_ascii=False, allow_nan=False)


def _failure(errors):
    return _dump({"ok": False, "errors": errors})


def _parse(request_json, max_chars):
    """(request, None) or (None, failure JSON): the size and depth guard first (deep nesting
    overflows Pyodide's stack before CPython's recursion limit: refused first, in both)."""
    from .bridge import request_too_big

    if not isinstance(request_json, (str, bytes, bytearray)):
        return None, _failure([error(None, "请求必须是 JSON 文本。", "The request must be JSON text.")])
    text = request_json.decode("utf-8", "replace") if isinstance(request_json, (bytes, bytearray)) else request_json
    if request_too_big(text, max_chars):
        return None, _failure([error(None, "请求过大或嵌套过深。", "The request is too large or too deeply nested.")])
    try:
        return json.loads(request_json), None
    except (ValueError, RecursionError):
        return None, _failure([error(None, "请求不是有效的 JSON。", "The request is not valid JSON.")])


# The rules a page asked the engine to hold (``hold_rules_json``): (key, prepared rules), or None.
# One set at a time: a page with other rules replaces them. Python started afresh (a new worker,
# a retry, a restored snapshot, made before any request) holds none.
_held = None


def forget_held_rules():
    """Drop the held rules (their prepared lookups read the calculators' metadata)."""
    global _held
    _held = None


def hold_rules_json(request_json):
    """``{"rules_key": text, "rules": {...}}`` as JSON text in: the engine prepares the rules once
    and holds them under that key (the page's name for exactly these rules; the build writes it), so
    that ``find_json`` requests name the key instead of carrying the rules. Replaces any rules held
    before. JSON text out: ``{"ok": true}`` or ``{"ok": false, "errors": [...]}``. Its size limit
    is ``bridge.MAX_RULES_CHARS`` (the nesting limit is find_json's)."""
    global _held
    from .bridge import MAX_RULES_CHARS

    request, failure = _parse(request_json, MAX_RULES_CHARS)
    if failure:
        return failure
    if not isinstance(request, dict) or set(request) != {"rules_key", "rules"} \
            or not isinstance(request["rules_key"], str) or not isinstance(request["rules"], dict):
        return _failure([error(None, "请求必须是含有 rules_key（文本）和 rules（对象）两项的对象。",
                               "The request must be an object with exactly “rules_key” (text) and “rules” (an object).")])
    try:
        prepared = _Rules(request["rules"])
    except (KeyError, TypeError, AttributeError):
        forget_held_rules()
        return _failure([error("rules", "规则的结构不对。", "The rules are not in the finder's shape.")])
    _held = (request["rules_key"], prepared)
    return _dump({"ok": True})


def find_json(request_json):
    """One answer of the finder, JSON text in, JSON text out: ``{"ok": true, "result": {...}}``
    or ``{"ok": false, "errors": [...]}``. The request is one of

    - ``{"rules": {...}, "facts": {...}, "as_of": "YYYY-MM-DD"}``: the rules themselves (the CLI,
      the tests); the rules are prepared for this answer only;
    - ``{"rules_key": text, "facts": {...}, "as_of": "YYYY-MM-DD"}``: the rules held under that key
      (``hold_rules_json``), prepared once (the finder page). When they are not held (Python
      started afresh, or another page's rules replaced them) the answer is an error whose field is
      ``"rules_key"``: the page then sends its rules to ``hold_rules_json`` and asks again. The
      result is ``compact_answer(find(...))``: what the page already holds in its rules (the conditions'
      texts, each part's name, "for" and kind) is left out.

    Either request may have at most ``bridge.MAX_REQUEST_CHARS`` characters."""
    from .bridge import MAX_REQUEST_CHARS

    request, failure = _parse(request_json, MAX_REQUEST_CHARS)
    if failure:
        return failure
    if not isinstance(request, dict) or set(request) not in ({"rules", "facts", "as_of"},
                                                             {"rules_key", "facts", "as_of"}):
        return _failure([error(None, "请求必须是含有 rules（或 rules_key）、facts 和 as_of 三项的对象。",
                               "The request must be an object with exactly “rules” (or “rules_key”), “facts” "
                               "and “as_of”.")])
    if "rules_key" in request and (_held is None or not _same(_held[0], request["rules_key"])):
        return _failure([error("rules_key", "查询规则尚未载入，请先发送规则。",
                               "The finder's rules are not held: send them first (hold_rules_json).")])
    try:
        if "rules_key" in request:
            result = _find(_held[1], request["facts"], _parse_date(request["as_of"]), compact=True)
        else:
            result = find(request["rules"], request["facts"], request["as_of"])
    except InputError as exc:
        return _failure(exc.errors)
    return _dump({"ok": True, "result": result})
