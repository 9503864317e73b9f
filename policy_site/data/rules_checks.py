"""The loader's part for calculators written as data (clauses' ``calculator_rules``).

Two entries of ``loader._Loaded.CROSS_CHECKS``:

- ``register_loaded`` (first): every valid spec goes to ``calculators.register_rules``, so that
  ``CALCULATORS`` has it for everything after (the other checks, the finder, the build, ``check``
  and ``find``); a spec the calculators package refuses is a located problem, never a traceback;
- ``check_loaded``: what needs other files: a parameter that an input offers as its default has a
  value on every date the calculator can be asked about (from the clause's first day, or the
  data date, on).
- ``register_library`` (after ``library.read_documents``): the same for the clauses of the library's
  imported documents (``documents/<id>/sections/*.yaml``): each valid spec registered, an id written
  twice anywhere in the library a problem at the second, an unknown id in ``calculators`` a problem,
  and each parameter checked from the clause's first day (its validity's, else its document's).

Each spec is checked on its own by the model (``model_rules``: the vocabulary, the references, the
quotes, the worked examples' totals).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import calculators as package
from calculators.rules import RulesCalculator, SpecError

from . import library
from .model_rules import CalculatorRules


def specs(policy: Any, ids: Any = None, documents: Any = ()) -> list[dict[str, Any]]:
    """The plain JSON specs of a policy's data calculators and its library documents' (those named in
    ``ids``, if given), in document order: what ``calculators.register_rules`` reads, in CPython and in
    the browser."""
    clauses = [*policy.clauses, *(clause for document in documents for clause in document.clauses)]
    return [spec.data(clause.id) for clause in clauses for spec in clause.calculator_rules
            if ids is None or spec.id in ids]


def _declared(loaded: Any) -> dict[str, list[tuple[Any, tuple, CalculatorRules | None]]]:
    """Every data calculator the section files write: id -> [(document, location, the valid spec or
    None), …] in file order. A spec with a mistake of its own is declared all the same: its id is never
    also called unknown in ``calculators``."""
    valid = {(doc.path, loc + ("calculator_rules", k)): spec
             for doc, loc, clause in loaded.all_clauses() for k, spec in enumerate(clause.calculator_rules)}
    found: dict[str, list[tuple[Any, tuple, CalculatorRules | None]]] = {}
    for raw in loaded.files.get("sections/*.yaml", []):
        clauses = raw.doc.data.get("clauses") if isinstance(raw.doc.data, dict) else None
        for i, clause in enumerate(clauses if isinstance(clauses, list) else ()):
            rules = clause.get("calculator_rules") if isinstance(clause, dict) else None
            for k, entry in enumerate(rules if isinstance(rules, list) else ()):
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    at = ("clauses", i, "calculator_rules", k)
                    found.setdefault(entry["id"], []).append((raw.doc, at, valid.get((raw.doc.path, at))))
    return found


def register_loaded(loaded: Any) -> None:
    """Register the data's valid specs; the ids it declares count as known calculators."""
    declared = _declared(loaded)
    good = []
    for cid, places in declared.items():
        (doc, loc, spec), *again = places
        for other_doc, other_loc, _ in again:
            loaded.report(other_doc, other_loc + ("id",),
                          f"计算器编号“{cid}”已在 {doc.display_name} 第 {doc.line_of(loc + ('id',))} 行用过：每个计算器只写一次，"
                          "请换一个编号（并同时修改本条 calculators 中的编号）。",
                          f"The calculator id '{cid}' is already written at {doc.display_name}:{doc.line_of(loc + ('id',))}: "
                          "each calculator is written once; choose another id (and change it in this clause's "
                          "calculators too).")
        if spec is None:
            continue
        clause_id = _clause_id(doc, loc)
        try:
            package.register_rules([spec.data(clause_id)])
        except SpecError as error:
            for problem in error.problems:
                loaded.report(doc, loc + tuple(problem["path"]), problem["zh"], problem["en"])
        except ValueError:
            loaded.report(doc, loc + ("id",),
                          f"编号“{cid}”已被一个用 Python 编写的计算器使用：请换一个编号（并同时修改本条 calculators 中的编号）。",
                          f"The id '{cid}' is taken by a calculator written in Python: choose another id (and change "
                          "it in this clause's calculators too).")
        else:
            good.append(cid)
    if isinstance(loaded.calculators, Mapping):
        # The Python calculators and this data's: not a data calculator another load registered.
        others = set(data_calculator_ids()) - set(good)
        loaded.calculator_meta = {cid: meta for cid, meta in package.CALCULATORS.items() if cid not in others}
    # A declared id is known even when its spec has a mistake (reported on its own, not as unknown).
    loaded.calculators = set(loaded.calculator_meta or loaded.calculators) | set(declared)


def data_calculator_ids() -> list[str]:
    """The ids of the calculators written as data that are registered now."""
    return [cid for cid, calculator in package._BY_ID.items() if isinstance(calculator, RulesCalculator)]  # noqa: SLF001


def _clause_id(doc: Any, loc: tuple) -> str:
    return doc.data["clauses"][loc[1]]["id"]


def check_loaded(loaded: Any) -> None:
    """A parameter an input offers as its default has a value from the first date the calculator
    can be asked about: the clause's first day (its validity's ``from``), or else the data date."""
    _check_parameters(loaded, [(doc, loc, clause, _first_day(clause, loaded.data_date))
                               for doc, loc, clause in loaded.all_clauses()])


def _check_parameters(loaded: Any, clauses: list[tuple[Any, tuple, Any, dt.date | None]]) -> None:
    parameters = {p.id: (d, p) for d, p in loaded.valid_files("parameters/*.yaml")}
    complete = not loaded.unparsed.get("parameters/*.yaml") and all(r.valid for r in loaded.files.get("parameters/*.yaml", []))
    for doc, loc, clause, first_day in clauses:
        for k, spec in enumerate(clause.calculator_rules):
            for i, entry in enumerate(spec.inputs):
                if entry.parameter is None:
                    continue
                at = loc + ("calculator_rules", k, "inputs", i, "parameter")
                found = parameters.get(entry.parameter)
                if found is None:
                    if complete:
                        loaded.report(doc, at,
                                      f"没有参数“{entry.parameter}”：请检查拼写，或先创建 parameters/{entry.parameter}.yaml"
                                      "（每个数值连同其文件号和生效日期）。",
                                      f"There is no parameter '{entry.parameter}': check the spelling, or create "
                                      f"parameters/{entry.parameter}.yaml first (each value with its document number "
                                      "and the date it applies from).")
                    continue
                _, parameter = found
                if first_day is None or parameter.in_force(first_day) is not None:
                    continue
                first = min(parameter.values)
                loaded.report(doc, at,
                              f"参数“{entry.parameter}”在 {first_day.isoformat()} 还没有数值（最早的自 {first.isoformat()} 起），"
                              f"但计算器“{spec.id}”可以被问到这一天（{_why(clause, 'zh')}）：请在 parameters/{entry.parameter}.yaml "
                              "中补上当时有效的数值及其文件号。",
                              f"The parameter '{entry.parameter}' has no value on {first_day.isoformat()} (its first "
                              f"applies from {first.isoformat()}), a date the calculator '{spec.id}' can be asked about "
                              f"({_why(clause, 'en')}): add the value in force then to parameters/{entry.parameter}.yaml, "
                              "with its document number.")


def _first_day(clause: Any, data_date: dt.date | None, document_start: dt.date | None = None) -> dt.date | None:
    if clause.validity is not None:
        return clause.validity.start
    return document_start or data_date


def _why(clause: Any, lang: str) -> str:
    if clause.validity is not None:
        return "本条自这一天起有效" if lang == "zh" else "the clause applies from that day"
    if isinstance(clause, library.DraftClause):  # a library document's clause: from its document's first day
        return "本文件自这一天起施行，或这是数据日期" if lang == "zh" else "the document applies from that day, or it is the data date"
    return "这是数据日期" if lang == "zh" else "it is the data date"


def library_clauses(loaded: Any) -> list[tuple[Any, tuple, library.DraftClause]]:
    """Every clause of the library's imported documents whose section file is valid, with its file."""
    return [(raw.doc, ("clauses", i), clause) for raw in loaded.files.get(library.SECTION_FILES, []) if raw.valid
            for i, clause in enumerate(raw.obj.clauses)]


def register_library(loaded: Any) -> None:
    """The data calculators of the library's documents, as ``register_loaded`` and ``check_loaded`` do
    for the top-level document's: ids unique across the whole library (the top-level document's
    included), each valid spec registered, every id in ``calculators`` known, each parameter with a
    value from the first day the calculator can be asked about."""
    first: dict[str, tuple[Any, tuple]] = {cid: places[0][:2] for cid, places in _declared(loaded).items()}
    clauses = library_clauses(loaded)
    for doc, loc, clause in clauses:
        for k, spec in enumerate(clause.calculator_rules):
            at = loc + ("calculator_rules", k)
            if spec.id in first:
                other_doc, other_loc = first[spec.id]
                line = other_doc.line_of(other_loc + ("id",))
                loaded.report(doc, at + ("id",),
                              f"计算器编号“{spec.id}”已在 {other_doc.display_name} 第 {line} 行用过：整个文库中每个计算器只写一次，"
                              "请换一个编号（并同时修改本条 calculators 中的编号）。",
                              f"The calculator id '{spec.id}' is already written at {other_doc.display_name}:{line}: each "
                              "calculator is written once in the whole library; choose another id (and change it in this "
                              "clause's calculators too).")
                continue
            first[spec.id] = (doc, at)
            try:
                package.register_rules([spec.data(clause.id)])
            except SpecError as error:
                for problem in error.problems:
                    loaded.report(doc, at + tuple(problem["path"]), problem["zh"], problem["en"])
            except ValueError:
                loaded.report(doc, at + ("id",),
                              f"编号“{spec.id}”已被一个用 Python 编写的计算器使用：请换一个编号（并同时修改本条 calculators 中的编号）。",
                              f"The id '{spec.id}' is taken by a calculator written in Python: choose another id (and "
                              "change it in this clause's calculators too).")
    for doc, loc, clause in clauses:
        for i, cid in enumerate(clause.calculators):
            if cid not in package.CALCULATORS and cid not in first:
                loaded.report(doc, loc + ("calculators", i),
                              f"未知的计算器编号“{cid}”：请检查拼写，或先在本条的 calculator_rules 中写出它。",
                              f"Unknown calculator id '{cid}': check the spelling, or write it in this clause's "
                              "calculator_rules first.")
    starts = {document.id: document.meta.in_force_from for document in loaded.documents}
    _check_parameters(loaded, [(doc, loc, clause, _first_day(clause, loaded.data_date,
                                                            starts.get(doc.path.parent.parent.name)))
                               for doc, loc, clause in clauses])
