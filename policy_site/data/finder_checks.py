"""Cross-file checks of the finder's data, reported like every other data error.

Called by the loader once every file has been read: each measure's conditions refer to
questions that exist in ``facts.yaml`` with values among their answers, quote words that are
in the clause's Chinese text, use calculator figures that exist, and feed calculators inputs
they accept.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace
from typing import Any

import calculators
from calculators.bridge import MAX_DEPTH, MAX_REQUEST_CHARS, MAX_RULES_CHARS
from calculators.finder import evaluate  # the engine's own three-valued reading

from .check_context import CheckContext
from .errors import DataProblem
from .finder_rules import finder_rules, hold_request, largest_answers, page_request
from .library import SECTION_FILES, LibraryDocument
from .model import Section
from .model_finder import Fact, FactsFile, Test
from .yaml_source import YamlDocument, dotted

FACTS_FILE = "facts.yaml"


class _Reporter:
    def __init__(self, problems: list[DataProblem], doc: YamlDocument, warnings: list[DataProblem] | None = None):
        self.problems = problems
        self.warnings = warnings if warnings is not None else []
        self.doc = doc

    def __call__(self, loc: tuple, zh: str, en: str, warning: bool = False) -> None:
        (self.warnings if warning else self.problems).append(
            DataProblem(self.doc.display_name, self.doc.line_of(loc), dotted(loc), zh, en))


def walk(test: Test, loc: tuple) -> Iterator[tuple[Test, tuple]]:
    """Every test inside ``test`` (itself first), with its path in the YAML file."""
    yield test, loc
    for name in ("all", "any"):
        for index, part in enumerate(getattr(test, name) or ()):
            yield from walk(part, loc + (name, index))
    if test.not_ is not None:
        yield from walk(test.not_, loc + ("not",))


def _figure_value(calculators: Mapping[str, dict], name: str) -> str | None:
    calc_id, _, key = name.partition(".")
    for entry in calculators.get(calc_id, {}).get("figures", ()):
        if entry["key"] == key:
            return entry["value"]
    return None


class _Context:
    def __init__(self, facts: FactsFile | None, calculators: Mapping[str, dict], agencies: set[str] | None):
        self.file = facts
        self.facts: dict[str, Fact] = {f.id: f for f in facts.facts} if facts else {}
        self.calculators = calculators
        self.agencies = agencies
        applicant = self.facts.get(facts.applicant_fact) if facts else None
        self.applicant_values = {c.value for c in applicant.choices} if applicant and applicant.type == "choice" \
            else set()

    def check_test(self, test: Test, loc: tuple, report: _Reporter, serves: str | None = None) -> None:
        for node, at in walk(test, loc):
            # agencies None: agencies.yaml did not parse; its own problem is reported, no echo here
            if node.judged_by is not None and self.agencies is not None and node.judged_by not in self.agencies:
                report(at + ("judged_by",), f"未知的机构编号“{node.judged_by}”：请使用 agencies.yaml 中的编号。",
                       f"Unknown agency id '{node.judged_by}': use an id from agencies.yaml.")
            if node.fact is None:
                continue
            fact = self.facts.get(node.fact)
            if fact is None:
                report(at + ("fact",), f"未知的问题编号“{node.fact}”：请检查拼写，或先在 {FACTS_FILE} 中添加这个问题。",
                       f"Unknown question id '{node.fact}': check the spelling, or add the question to "
                       f"{FACTS_FILE} first.")
                continue
            if serves is not None and fact.for_ and serves not in fact.for_:
                report(at + ("fact",), f"问题“{fact.id}”只问{'、'.join(fact.for_)}，不能用在面向 {serves} 的措施里。",
                       f"The question '{fact.id}' is asked only of {', '.join(fact.for_)}: it cannot be used in a "
                       f"measure for {serves}.")
            values = [(("is",), node.is_)] if node.is_ is not None else []
            values += [(("in", i), v) for i, v in enumerate(node.in_ or ())]
            for where, value in values:
                if not fact.accepts(value):
                    report(at + where, f"“{value}”不是问题“{fact.id}”的可选答案：{_answers_zh(fact)}。",
                           f"'{value}' is not a possible answer to the question '{fact.id}': {_answers_en(fact)}.")
            for name in ("at_least", "at_most"):
                bound = getattr(node, name)
                if bound is None:
                    continue
                if fact.type != "integer":
                    report(at + (name,), f"{name} 只能用于数字题；问题“{fact.id}”不是数字题，请改用 is 或 in。",
                           f"{name} works only with a number question; '{fact.id}' is not one: use is or in.")
                elif not isinstance(bound, int) and _figure_value(self.calculators, bound.figure) is None:
                    report(at + (name, "figure"),
                           f"计算器中没有名为“{bound.figure}”的数字：请写成“计算器编号.数字名”，名字见计算器的 figures。",
                           f"There is no calculator figure '{bound.figure}': write 'calculator_id.figure_key' "
                           "with a key from the calculator's figures.")
            if not self._can_hold(node, fact):
                report(at, f"这个条件永远不成立：问题“{fact.id}”没有任何答案能同时满足这里的 is、in、at_least、at_most"
                           "（它们必须同时满足）。请只保留一种比较，或改正数值。",
                       f"This test can never hold: no answer to the question '{fact.id}' meets its is, in, "
                       "at_least and at_most together (all of them must hold). Keep one comparison, or correct "
                       "the values.")

    def _number(self, bound: Any) -> int | None:
        """A threshold as a whole number (a figure's value read exactly); None if it is not one."""
        if isinstance(bound, int):
            return bound
        value = _figure_value(self.calculators, bound.figure)
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return None
        return int(number) if number.is_finite() and number == number.to_integral_value() else None

    def _can_hold(self, node: Test, fact: Fact) -> bool:
        """False only when no answer to ``fact`` meets every comparison of ``node`` (values that are not
        answers at all, or thresholds on a question that is not a number, are reported on their own)."""
        if node.is_ is not None and not fact.accepts(node.is_):
            return True
        if any(not fact.accepts(v) for v in node.in_ or ()):
            return True
        candidates: list[Any]
        if fact.type == "integer":
            low, high = fact.min, fact.max
            for name in ("at_least", "at_most"):
                bound = getattr(node, name)
                if bound is None:
                    continue
                number = self._number(bound)
                if number is None:
                    return True
                low, high = (max(low, number), high) if name == "at_least" else (low, min(high, number))
            if node.is_ is None and node.in_ is None:
                return low <= high
            candidates = [v for v in ([node.is_] if node.is_ is not None else list(node.in_)) if low <= v <= high]
        elif node.at_least is not None or node.at_most is not None:
            return True
        else:
            candidates = [True, False] if fact.type == "bool" else [c.value for c in fact.choices]
        if node.is_ is not None:
            candidates = [v for v in candidates if _same(v, node.is_)]
        if node.in_ is not None:
            candidates = [v for v in candidates if any(_same(v, w) for w in node.in_)]
        return bool(candidates)

    def check_answer(self, fact_id: str, value: Any, loc: tuple, report: _Reporter) -> None:
        fact = self.facts.get(fact_id)
        if fact is None:
            report(loc, f"未知的问题编号“{fact_id}”：请检查拼写。", f"Unknown question id '{fact_id}': check the spelling.")
        elif not fact.accepts(value):
            report(loc, f"“{value}”不是问题“{fact.id}”的可选答案：{_answers_zh(fact)}。",
                   f"'{value}' is not a possible answer to the question '{fact.id}': {_answers_en(fact)}.")


def _same(a: Any, b: Any) -> bool:
    """Equality as the engine has it: true is not 1."""
    return type(a) is type(b) and a == b


def _answers_zh(fact: Fact) -> str:
    if fact.type == "bool":
        return "只能是 true 或 false"
    if fact.type == "integer":
        return f"应为{fact.min}到{fact.max}之间的整数"
    return "可选：" + "、".join(c.value for c in fact.choices)


def _answers_en(fact: Fact) -> str:
    if fact.type == "bool":
        return "it is true or false"
    if fact.type == "integer":
        return f"it is a whole number from {fact.min} to {fact.max}"
    return "choose from " + ", ".join(c.value for c in fact.choices)


def _field_accepts(field: dict, value: Any) -> bool:
    kind = field["type"]
    if kind == "bool":
        return type(value) is bool
    if kind == "choice":
        return isinstance(value, str) and any(c["value"] == value for c in field["choices"])
    if kind == "int":
        return type(value) is int
    return type(value) in (int, float)


def check_facts(problems: list[DataProblem], doc: YamlDocument, facts: FactsFile, agencies: set[str] | None,
                calculators: Mapping[str, dict], warnings: list[DataProblem] | None = None) -> None:
    report = _Reporter(problems, doc, warnings)
    ctx = _Context(facts, calculators, agencies)
    first: dict[str, int] = {}
    for index, fact in enumerate(facts.facts):
        loc = ("facts", index)
        if fact.id in first:
            line = doc.line_of(("facts", first[fact.id], "id"))
            report(loc + ("id",),
                   f"问题编号“{fact.id}”已在 {doc.display_name} 第 {line} 行用过：文库中所有文档共用这一个问题文件，"
                   "每个编号只能用一次。如果两处问的是同一件事，请删除这一处（各文档的措施都用那一个问题）；如果不是，"
                   "请给这个问题换一个编号，并同时修改用到它的措施（measures 中的 fact）。",
                   f"The question id '{fact.id}' is already used at {doc.display_name}:{line}: every document of the "
                   "library shares this one questions file, so each id is used once. If both ask the same thing, "
                   "remove this one (every document's measures then use that question); if not, give this question "
                   "another id and change it in the measures that use it (their fact).")
        else:
            first[fact.id] = index
        for i, who in enumerate(fact.for_):
            if who not in ctx.applicant_values:
                report(loc + ("for", i), f"“{who}”不是问题“{facts.applicant_fact}”的选项。",
                       f"'{who}' is not a choice of the question '{facts.applicant_fact}'.")
        if fact.ask_when is not None:
            ctx.check_test(fact.ask_when, loc + ("ask_when",), report)
        for i, rule in enumerate(fact.implies):
            if not fact.accepts(rule.when):
                report(loc + ("implies", i, "when"), f"“{rule.when}”不是这个问题的可选答案：{_answers_zh(fact)}。",
                       f"'{rule.when}' is not a possible answer to this question: {_answers_en(fact)}.")
            for target, value in rule.set.items():
                ctx.check_answer(target, value, loc + ("implies", i, "set", target), report)
        if fact.not_above is not None:
            other = ctx.facts.get(fact.not_above)
            if other is None or other.type != "integer" or fact.type != "integer":
                report(loc + ("not_above",), "not_above 要写另一个数字题的编号，且本题也是数字题。",
                       "not_above names another number question, and this question must be a number too.")
    applicant = ctx.facts.get(facts.applicant_fact)
    if applicant is None or applicant.type != "choice" or applicant.for_:
        report(("applicant_fact",), f"第一个问题“{facts.applicant_fact}”必须是面向所有人的选择题（申请人类型）。",
               f"The first question '{facts.applicant_fact}' must be a choice question asked of everyone "
               "(the kind of applicant).")
        return
    _check_implications(facts, report)
    _check_never_asked(facts, ctx, report)


def _shown(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _implied(facts: FactsFile, start: str, value: Any) -> tuple[dict[str, tuple[Any, list]], list[tuple]]:
    """Every answer that answering ``start`` with ``value`` implies, as the engine applies ``implies``
    (each with the chain of rules that led to it: (fact index, rule index, target)), and every
    conflict met on the way: (target, (value, chain), (other value, chain))."""
    index = {f.id: (i, f) for i, f in enumerate(facts.facts)}
    known: dict[str, tuple[Any, list]] = {start: (value, [])}
    conflicts = []
    queue = [start]
    while queue:
        fact_id = queue.pop(0)
        if fact_id not in index:
            continue
        i, fact = index[fact_id]
        value, chain = known[fact_id]
        for r, rule in enumerate(fact.implies):
            if not _same(value, rule.when):
                continue
            for target, target_value in rule.set.items():
                step = chain + [(i, r, target)]
                if target not in known:
                    known[target] = (target_value, step)
                    queue.append(target)
                elif not _same(known[target][0], target_value):
                    conflicts.append((target, known[target], (target_value, step)))
    return known, conflicts


def _chain_text(facts: FactsFile, start: str, value: Any, chain: list) -> str:
    words = [f"{start}: {_shown(value)}"]
    for i, r, target in chain:
        words.append(f"{target}: {_shown(facts.facts[i].implies[r].set[target])}")
    return " → ".join(words)


def _check_implications(facts: FactsFile, report: _Reporter) -> None:
    """``implies`` may not contradict itself: an answer that implies, through other questions, another
    answer to itself or two answers to one question; nor may two answers that can be given together
    imply different answers to a third question (the finder would then blame the visitor for a
    question they never answered)."""
    starts = [(f, r, rule) for f in facts.facts for r, rule in enumerate(f.implies)]
    closures = {}
    reported: set = set()
    for fact, _, rule in starts:
        key = (fact.id, _shown(rule.when))
        if key in closures:
            continue
        known, conflicts = _implied(facts, fact.id, rule.when)
        closures[key] = (fact, rule.when, known)
        for target, (first, first_chain), (second, second_chain) in conflicts:
            i, r, _ = second_chain[-1]
            loc = ("facts", i, "implies", r, "set", target)
            if loc in reported:
                continue
            reported.add(loc)
            one = _chain_text(facts, fact.id, rule.when, first_chain)
            two = _chain_text(facts, fact.id, rule.when, second_chain)
            report(loc, f"implies 互相矛盾：回答“{fact.id}”为 {_shown(rule.when)} 时，会推出“{target}”既是 "
                        f"{_shown(first)} 又是 {_shown(second)}（{one}；{two}）。请改正或删除其中一条 implies。",
                   f"The implies contradict each other: answering '{fact.id}' {_shown(rule.when)} makes '{target}' "
                   f"both {_shown(first)} and {_shown(second)} ({one}; {two}). Correct or remove one of these implies.")
    entries = list(closures.values())
    for a, (fact_a, value_a, known_a) in enumerate(entries):
        for fact_b, value_b, known_b in entries[a + 1:]:
            if fact_a.id == fact_b.id or (fact_a.for_ and fact_b.for_ and not set(fact_a.for_) & set(fact_b.for_)):
                continue  # two answers to one question, or questions for different applicants: never together
            if (fact_b.id in known_a and not _same(known_a[fact_b.id][0], value_b)) or \
                    (fact_a.id in known_b and not _same(known_b[fact_a.id][0], value_a)):
                continue  # the data already says these two answers exclude each other
            for target in known_a.keys() & known_b.keys():
                (first, chain_a), (second, chain_b) = known_a[target], known_b[target]
                if _same(first, second):
                    continue
                i, r, _ = chain_b[-1]
                loc = ("facts", i, "implies", r, "set", target)
                if loc in reported:
                    continue
                reported.add(loc)
                one = _chain_text(facts, fact_a.id, value_a, chain_a)
                two = _chain_text(facts, fact_b.id, value_b, chain_b)
                report(loc, f"implies 互相矛盾：“{fact_a.id}”为 {_shown(value_a)} 推出“{target}”是 {_shown(first)}，"
                            f"而“{fact_b.id}”为 {_shown(value_b)} 推出它是 {_shown(second)}（{one}；{two}）。"
                            f"同时这样回答的人会被告知“{target}”的回答矛盾，而这个问题他们没有回答过。请改正其中一条；"
                            f"如果这两个回答本来就不能同时成立，请在“{fact_a.id}”的 implies 中直接写出“{fact_b.id}”的答案。",
                       f"The implies contradict each other: '{fact_a.id}' {_shown(value_a)} makes '{target}' "
                       f"{_shown(first)}, but '{fact_b.id}' {_shown(value_b)} makes it {_shown(second)} ({one}; {two}). "
                       f"A visitor who gives both answers would be told their answer to '{target}' is contradictory, "
                       f"though they never answered it. Correct one of them; if the two answers cannot both be true, "
                       f"say so directly: set '{fact_b.id}' in the implies of '{fact_a.id}'.")


def _check_never_asked(facts: FactsFile, ctx: _Context, report: _Reporter) -> None:
    """A warning for a question whose ``ask_when`` is false for every kind of applicant it is for."""
    for index, fact in enumerate(facts.facts):
        if fact.ask_when is None:
            continue
        kinds = list(fact.for_) or sorted(ctx.applicant_values)
        try:
            never = all(evaluate(fact.ask_when.data(), {facts.applicant_fact: kind}) is False for kind in kinds)
        except Exception:  # noqa: BLE001 - a test the other checks refuse (a figure that does not exist)
            continue
        if never and kinds:
            report(("facts", index, "ask_when"),
                   f"问题“{fact.id}”永远不会被问到：它只问 {'、'.join(kinds)}，而对他们来说 ask_when 总是不成立。"
                   "请改正 ask_when 或 for。",
                   f"The question '{fact.id}' can never be asked: it is for {', '.join(kinds)}, and its ask_when "
                   "is false for them. Correct ask_when or for.", warning=True)


def check_measures(problems: list[DataProblem], sections: list[tuple[YamlDocument, Section]],
                   facts: FactsFile | None, calculators: Mapping[str, dict], agencies: set[str]) -> None:
    ctx = _Context(facts, calculators, agencies)
    for doc, section in sections:
        report = _Reporter(problems, doc)
        for c_index, clause in enumerate(section.clauses):
            if not clause.measures:
                continue
            base = ("clauses", c_index, "measures")
            if facts is None:
                report(base, f"写了 measures 但数据文件夹中没有 {FACTS_FILE}：请先建立问题文件。",
                       f"There are measures but no {FACTS_FILE} in the data folder: create the questions file first.")
                continue
            parts = Counter(m.part for m in clause.measures)
            for m_index, measure in enumerate(clause.measures):
                loc = base + (m_index,)
                if parts[measure.part] > 1:
                    report(loc + ("part",), f"本条中 part “{measure.part}”重复：请用 a、b、c… 依次编号。",
                           f"The part '{measure.part}' is used twice in this clause: number them a, b, c ….")
                if measure.for_ not in ctx.applicant_values:
                    report(loc + ("for",), f"“{measure.for_}”不是问题“{facts.applicant_fact}”的选项："
                           f"可选 {'、'.join(sorted(ctx.applicant_values))}。",
                           f"'{measure.for_}' is not a choice of the question '{facts.applicant_fact}': choose from "
                           f"{', '.join(sorted(ctx.applicant_values))}.")
                for k, condition in enumerate(measure.conditions):
                    if condition.quote not in clause.text.zh:
                        report(loc + ("conditions", k, "quote"),
                               f"引文“{condition.quote}”在本条原文（text.zh）中找不到：请从原文一字不差地复制。",
                               f"The quote '{condition.quote}' is not in this clause's Chinese text (text.zh): "
                               "copy the words exactly from the source.")
                    ctx.check_test(condition.test, loc + ("conditions", k, "test"), report, serves=measure.for_)
                for k, calc in enumerate(measure.calculators):
                    _check_calculator(ctx, calc, clause.calculators, measure.for_, loc + ("calculators", k), report)
                for k, calc in enumerate(measure.calculators):
                    same = [m for m in clause.measures if m.for_ == measure.for_
                            and any(c.id == calc.id for c in m.calculators)]
                    if len(same) > 1 and same[0] is not measure:
                        report(loc + ("calculators", k, "id"),
                               f"本条中面向 {measure.for_} 的措施已经用了计算器“{calc.id}”：每种申请人只能用一次。",
                               f"The calculator '{calc.id}' is already used by a measure for {measure.for_} in this "
                               "clause: once per kind of applicant.")


def _check_calculator(ctx: _Context, calc, clause_calculators: tuple[str, ...], serves: str, loc: tuple,
                      report: _Reporter) -> None:
    meta = ctx.calculators.get(calc.id)
    if meta is None:
        report(loc + ("id",), f"没有名为“{calc.id}”的计算器：请检查拼写。",
               f"There is no calculator called '{calc.id}': check the spelling.")
        return
    # (When the clause's own list has an unknown id, that typo is reported already: do not echo it here.)
    if calc.id not in clause_calculators and all(c in ctx.calculators for c in clause_calculators):
        report(loc + ("id",), f"计算器“{calc.id}”不在本条的 calculators 列表中：请先把它加到本条的 calculators。",
               f"The calculator '{calc.id}' is not in this clause's calculators: add it there first.")
    fields = {f["name"]: f for f in meta["fields"]}
    for name, source in calc.inputs.items():
        at = loc + ("inputs", name)
        field = fields.get(name)
        if field is None:
            report(at, f"计算器“{calc.id}”没有输入项“{name}”：可用的有 {'、'.join(fields)}。",
                   f"The calculator '{calc.id}' has no input '{name}': it has {', '.join(fields)}.")
            continue
        if source.value is not None and not _field_accepts(field, source.value):
            report(at + ("value",), f"“{source.value}”不是计算器输入项“{name}”可接受的值。",
                   f"'{source.value}' is not a value the calculator input '{name}' accepts.")
        if source.test is not None:
            ctx.check_test(source.test, at + ("test",), report, serves=serves)
            if field["type"] != "bool":
                report(at + ("test",), f"test 的结果是“是/否”，只能给是/否类型的输入项；“{name}”不是。",
                       f"A test gives yes or no, so it can feed only a yes/no input; '{name}' is not one.")
        if source.fact is not None:
            fact = ctx.facts.get(source.fact)
            if fact is None:
                report(at + ("fact",), f"未知的问题编号“{source.fact}”：请检查拼写。",
                       f"Unknown question id '{source.fact}': check the spelling.")
                continue
            for i, entry in enumerate(source.map or ()):
                if not fact.accepts(entry.if_):
                    report(at + ("map", i, "if"), f"“{entry.if_}”不是问题“{fact.id}”的可选答案。",
                           f"'{entry.if_}' is not a possible answer to the question '{fact.id}'.")
                if entry.then is not None and not _field_accepts(field, entry.then):
                    report(at + ("map", i, "then"), f"“{entry.then}”不是计算器输入项“{name}”可接受的值。",
                           f"'{entry.then}' is not a value the calculator input '{name}' accepts.")
            if source.map is None:
                _check_same_kind(fact, field, at + ("fact",), report)
    for name, field in fields.items():
        if name not in calc.inputs and name in ctx.facts:
            _check_same_kind(ctx.facts[name], field, loc + ("id",), report)


def _check_same_kind(fact: Fact, field: dict, at: tuple, report: _Reporter) -> None:
    """A fact that feeds a calculator input as it is must give values the input accepts."""
    ok = {
        "bool": field["type"] == "bool",
        "integer": field["type"] in ("int", "number")
        and (field["min"] is None or fact.min >= field["min"]) and (field["max"] is None or fact.max <= field["max"]),
        "choice": field["type"] == "choice"
        and {c.value for c in fact.choices} <= {c["value"] for c in field["choices"] or ()},
    }[fact.type]
    if not ok:
        report(at, f"问题“{fact.id}”的答案不能直接作为计算器输入项“{field['name']}”：请在 inputs 中用 map 对应。",
               f"The answers to '{fact.id}' cannot feed the calculator input '{field['name']}' as they are: "
               "map them under inputs.")


# How deep a test sits in what the finder page sends (the rules it has the engine hold,
# ``finder_rules.hold_request``): the objects and lists around it. A test's own depth adds to these; the sum may not pass MAX_DEPTH.
_TEST_DEPTH_ABOVE = {
    "condition": 8,   # request{ rules{ clauses[ clause{ measures[ measure{ conditions[ condition{ test
    "ask_when": 4,    # request{ rules{ facts[ fact{ ask_when
    "input": 10,      # request{ rules{ clauses[ clause{ measures[ measure{ calculators[ calc{ inputs{ source{ test
}


def json_depth(value: Any) -> int:
    """How many objects and lists nest in ``value`` (a scalar: 0)."""
    depth, level = 0, [(value, 1)]
    while level:
        node, d = level.pop()
        if isinstance(node, dict):
            depth = max(depth, d)
            level += [(v, d + 1) for v in node.values()]
        elif isinstance(node, (list, tuple)):
            depth = max(depth, d)
            level += [(v, d + 1) for v in node]
    return depth


def _check_depth(test: Test, kind: str, loc: tuple, report: _Reporter) -> None:
    limit = MAX_DEPTH - _TEST_DEPTH_ABOVE[kind]
    depth = json_depth(test.data())
    if depth > limit:
        report(loc, f"这个条件嵌套太深（{depth} 层）：网页中的查询最多接受 {limit} 层，否则每位访客都会看到“无法加载”。"
                    "请简化它（例如 not: {not: X} 就是 X，all 里的 all 可以合并）。",
               f"This test nests too deeply ({depth} levels): the finder in the browser accepts at most {limit} here, "
               "or it fails to load for every visitor. Simplify it (not: {not: X} is X; an all inside an all can be "
               "merged).")


def check_limits(problems: list[DataProblem], facts_doc: YamlDocument, facts: FactsFile,
                 sections: list[tuple[YamlDocument, Section]],
                 documents: tuple[LibraryDocument, ...] = (), library_sections: list[tuple[YamlDocument, Any]] = ()
                 ) -> None:
    """What the page sends the browser's engine must be within its limits (``calculators.bridge``):
    no test nested deeper; the rules it has the engine hold once (``hold_request``: the rules of the
    whole library, the top-level document's clauses and every library document's) no longer than
    ``MAX_RULES_CHARS``; and each request naming them, with the longest answers a visitor can give
    (``page_request``), no longer than ``MAX_REQUEST_CHARS``."""
    facts_report = _Reporter(problems, facts_doc)
    for index, fact in enumerate(facts.facts):
        if fact.ask_when is not None:
            _check_depth(fact.ask_when, "ask_when", ("facts", index, "ask_when"), facts_report)
    for doc, section in [*sections, *library_sections]:
        report = _Reporter(problems, doc)
        for c_index, clause in enumerate(section.clauses):
            for m_index, measure in enumerate(clause.measures):
                loc = ("clauses", c_index, "measures", m_index)
                for k, condition in enumerate(measure.conditions):
                    _check_depth(condition.test, "condition", loc + ("conditions", k, "test"), report)
                for k, calc in enumerate(measure.calculators):
                    for name, source in calc.inputs.items():
                        if source.test is not None:
                            _check_depth(source.test, "input", loc + ("calculators", k, "inputs", name, "test"),
                                         report)
    clauses = sorted((c for _, s in sections for c in s.clauses), key=lambda c: tuple(map(int, c.id.split("."))))
    rules = finder_rules(SimpleNamespace(finder=facts, clauses=clauses), documents)
    rules_size = len(hold_request(rules))
    if rules_size > MAX_RULES_CHARS:
        facts_report(
            (), f"查询规则太大：网页交给计算引擎保存的规则（整个文件库所有文件的措施）有 {rules_size:,} 个字符，"
                f"超过了网页中的查询能接受的 {MAX_RULES_CHARS:,} 个，每位访客都会看到“无法加载”。"
                "请缩短措施中的文字（offer、条件、notes），或减少 measures。",
            f"The finder's rules are too large: the rules the page has the engine hold (the measures of every "
            f"document in the library) are {rules_size:,} characters, above the {MAX_RULES_CHARS:,} the finder in "
            "the browser accepts, so it would fail to load for every visitor. Shorten the measures' texts (offer, "
            "conditions, notes) or have fewer measures.")
    size = len(page_request(rules, largest_answers(facts)))
    if size > MAX_REQUEST_CHARS:
        facts_report(
            (), f"回答太长：网页带着访客能给出的最长回答向计算引擎发出的请求有 {size:,} 个字符，"
                f"超过了网页中的查询能接受的 {MAX_REQUEST_CHARS:,} 个，回答了这些问题的访客会看到“无法加载”。"
                "请缩短问题的 id 和选项的 value，或减少问题。",
            f"The answers are too long: the request the page sends the engine with the longest answers a visitor "
            f"can give is {size:,} characters, above the {MAX_REQUEST_CHARS:,} the finder in the browser accepts, "
            "so a visitor who gave them would see it fail. Shorten the questions' ids and the choices' values, or "
            "have fewer questions.")


def check_loaded(loaded: CheckContext) -> None:
    """The loader's cross-file check for the finder (an entry of ``loader._Loaded.CROSS_CHECKS``)."""
    metadata = dict(loaded.calculator_meta) or {cid: calculators.CALCULATORS[cid] for cid in loaded.calculators
                                                if cid in calculators.CALCULATORS}
    # None when agencies.yaml did not parse: its own problem is reported, and no agency is called unknown
    agencies = loaded.known_ids("agencies.yaml", "agencies")
    raw = loaded.finder
    if loaded.finder_unreadable or (raw is not None and not raw.valid):
        return  # facts.yaml's own problems are reported; checking the measures against it would only echo them
    facts = raw.obj if raw is not None else None
    if raw is not None:
        check_facts(loaded.problems, raw.doc, facts, agencies, metadata, loaded.warnings)
    sections = loaded.valid_files("sections/*.yaml")
    # The library's documents (read by library.read_documents, their data calculators registered by
    # rules_checks.register_library, both before this check): their measures are checked as the
    # top-level document's, against the library's one facts.yaml, quotes against their own text.zh.
    library_sections = loaded.valid_files(SECTION_FILES)
    metadata.update({cid: calculators.CALCULATORS[cid] for _, section in library_sections
                     for clause in section.clauses for cid in clause.calculators
                     if cid not in metadata and cid in calculators.CALCULATORS})
    count = len(loaded.problems)
    check_measures(loaded.problems, [*sections, *library_sections], facts, metadata, agencies)
    if raw is not None and len(loaded.problems) == count:
        check_limits(loaded.problems, raw.doc, facts, sections, loaded.documents, library_sections)
