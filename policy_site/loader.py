"""Load and validate a policy folder into ``model.Policy``, collecting every problem.

``load_policy`` either returns a fully valid model or raises ``DataErrors``
listing every problem in every file, each with file, line, field and a
bilingual message. Nothing downstream re-checks the data.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import finder_checks, model
from .errors import DataErrors, DataProblem
from .pydantic_messages import explain
from .yaml_source import YamlDocument, dotted, read_yaml


def load_policy(data_dir: Path | str, known_calculators: Collection[str] = ()) -> model.Policy:
    """Read every file of the policy in ``data_dir``; raise ``DataErrors`` if anything is wrong."""
    data_dir = Path(data_dir)
    loaded = _Loaded(data_dir)
    loaded.read_all()
    if not loaded.problems:
        loaded.check_references(set(known_calculators))
    if loaded.problems:
        raise DataErrors(loaded.problems)
    return loaded.policy()


class _Loaded:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.problems: list[DataProblem] = []
        self.objects: dict[str, list[tuple[YamlDocument, Any]]] = {}

    # -- reading -----------------------------------------------------------
    def read_all(self) -> None:
        if not self.data_dir.is_dir():
            self.problems.append(DataProblem(str(self.data_dir), 1, "", "找不到数据文件夹。",
                                             "The data folder does not exist."))
            return
        for pattern, cls in model.FILE_MODELS.items():
            paths = sorted(self.data_dir.glob(pattern), key=_natural_key)
            if not paths and "*" not in pattern:
                self.problems.append(DataProblem(
                    pattern, 1, "", f"缺少文件 {pattern}：请在数据文件夹中创建它。",
                    f"The file {pattern} is missing: create it in the data folder."))
            self.objects[pattern] = [r for p in paths if (r := self._read_one(p, cls)) is not None]
        facts = self.data_dir / finder_checks.FACTS_FILE  # optional: the finder's questions
        self.finder = self._read_one(facts, model.model_finder.FactsFile) if facts.is_file() else None
        self._check_unexpected_files()

    def _read_one(self, path: Path, cls: type[model.Model]) -> tuple[YamlDocument, Any] | None:
        name = path.relative_to(self.data_dir.parent).as_posix()
        doc, problems = read_yaml(path, name)
        self.problems.extend(problems)
        if problems:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(DataProblem(name, 1, "", "文件内容应为一组“键: 值”。",
                                             "The file must contain 'key: value' pairs."))
            return None
        try:
            return doc, cls.model_validate(doc.data)
        except ValidationError as exc:
            errors = exc.errors()
            blamed = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
            for err in errors:
                loc = tuple(err["loc"]) + tuple((err.get("ctx") or {}).get("at", ()))
                if err["type"] == "too_short" and any(b[:len(loc)] == loc for b in blamed):
                    continue  # a list "too short" only because its items were invalid: the items say why
                zh, en = explain(err)
                if err["type"] == "extra_forbidden":
                    zh, en = _suggest(loc, errors, zh, en)
                self.problems.append(DataProblem(name, doc.line_of(loc), dotted(loc), zh, en))
            return None

    def _check_unexpected_files(self) -> None:
        known = {p for pattern in model.FILE_MODELS for p in self.data_dir.glob(pattern)}
        known.add(self.data_dir / finder_checks.FACTS_FILE)
        for path in sorted(self.data_dir.rglob("*.y*ml")):
            if path not in known:
                name = path.relative_to(self.data_dir.parent).as_posix()
                self.problems.append(DataProblem(
                    name, 1, "", "这个文件不属于任何已知的数据类别，不会被读取：请移到正确的文件夹或改名。",
                    "This file is not a known kind of data file and would be ignored: "
                    "move it to the right folder or rename it."))

    def _all(self, pattern: str) -> list[tuple[YamlDocument, Any]]:
        return self.objects.get(pattern, [])

    def _one(self, pattern: str) -> Any:
        found = self._all(pattern)
        return found[0][1] if found else None

    # -- cross-file checks ---------------------------------------------------
    def check_references(self, calculators: set[str]) -> None:
        agencies = self._items("agencies.yaml", "agencies")
        funding = self._items("funding.yaml", "funding_sources")
        audiences = self._items("audiences.yaml", "audiences")
        terms = self._items("glossary.yaml", "terms")
        self._unique(agencies, "agency", "机构")
        self._unique(funding, "funding source", "资金来源")
        self._unique(audiences, "audience", "对象")
        self._unique(terms, "term", "术语")
        self._unique([(d, ("id",), p) for d, p in self._all("parameters/*.yaml")], "parameter", "参数")
        self._unique([(d, ("id",), s) for d, s in self._all("sections/*.yaml")], "section", "部分")
        clauses = [(d, ("clauses", i), c) for d, s in self._all("sections/*.yaml") for i, c in enumerate(s.clauses)]
        self._unique(clauses, "clause", "条款")

        agency_ids = {a.id: a for _, _, a in agencies}
        refs = {
            "audiences": ({x.id for _, _, x in audiences}, "audiences.yaml", "对象"),
            "lead_agencies": (set(agency_ids), "agencies.yaml", "机构"),
            "assisting_agencies": (set(agency_ids), "agencies.yaml", "机构"),
            "funding": ({x.id for _, _, x in funding}, "funding.yaml", "资金来源"),
            "calculators": (calculators, "calculators/", "计算器"),
        }
        self._check_finder(calculators, set(agency_ids))
        for doc, loc, clause in clauses:
            for field, (known, where, zh_kind) in refs.items():
                for i, ref in enumerate(getattr(clause, field)):
                    if ref not in known:
                        self.problems.append(DataProblem(
                            doc.display_name, doc.line_of(loc + (field, i)), dotted(loc + (field, i)),
                            f"未知的{zh_kind}编号“{ref}”：请检查拼写，或先在 {where} 中添加它。",
                            f"Unknown id '{ref}': check the spelling, or add it to {where} first."))
            for field in ("lead_agencies",):
                for i, ref in enumerate(getattr(clause, field)):
                    agency = agency_ids.get(ref)
                    if agency and not any(n in clause.text.zh for n in (agency.name.zh, *agency.also_written_as)):
                        self.problems.append(DataProblem(
                            doc.display_name, doc.line_of(loc + (field, i)), dotted(loc + (field, i)),
                            f"牵头单位“{agency.name.zh}”在本条原文中找不到：请检查编号，或在 agencies.yaml "
                            "的 also_written_as 中加上原文的写法。",
                            f"The lead agency '{agency.name.en}' is not named in this clause's Chinese text: "
                            "check the id, or add the source's spelling to also_written_as in agencies.yaml."))

    def _check_finder(self, calculators: set[str], agencies: set[str]) -> None:
        import calculators as calculator_package  # the figures and fields the measures refer to

        metadata = {cid: calculator_package.CALCULATORS[cid] for cid in calculators
                    if cid in calculator_package.CALCULATORS}
        facts = self.finder[1] if self.finder else None
        if self.finder:
            finder_checks.check_facts(self.problems, self.finder[0], facts, agencies, metadata)
        finder_checks.check_measures(self.problems, self._all("sections/*.yaml"), facts, metadata, agencies)

    def _items(self, pattern: str, attr: str) -> list[tuple[YamlDocument, tuple, Any]]:
        return [(d, (attr, i), x) for d, obj in self._all(pattern) for i, x in enumerate(getattr(obj, attr))]

    def _unique(self, items: Iterable[tuple[YamlDocument, tuple, Any]], en_kind: str, zh_kind: str) -> None:
        items = list(items)
        counts = Counter(x.id for _, _, x in items)
        for doc, loc, x in items:
            if counts[x.id] > 1:
                self.problems.append(DataProblem(
                    doc.display_name, doc.line_of(loc + ("id",)), dotted(loc + ("id",)),
                    f"{zh_kind}编号“{x.id}”重复：每个编号只能用一次，请改名或删除重复项。",
                    f"The {en_kind} id '{x.id}' is used more than once: each id must be unique; rename or remove one."))

    # -- result --------------------------------------------------------------
    def policy(self) -> model.Policy:
        sections = sorted((s for _, s in self._all("sections/*.yaml")), key=lambda s: int(s.id))
        return model.Policy(
            document=self._one("document.yaml"),
            sections=tuple(sections),
            agencies=self._one("agencies.yaml").agencies,
            funding_sources=self._one("funding.yaml").funding_sources,
            audiences=self._one("audiences.yaml").audiences,
            terms=self._one("glossary.yaml").terms,
            parameters=tuple(p for _, p in self._all("parameters/*.yaml")),
            finder=self.finder[1] if self.finder else None,
        )


def _suggest(loc: tuple, errors: list[dict], zh: str, en: str) -> tuple[str, str]:
    """For an unknown key, name the missing key it probably should have been (a typo)."""
    missing = [str(e["loc"][-1]) for e in errors if e["type"] == "missing" and tuple(e["loc"][:-1]) == loc[:-1]]
    close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
    if close:
        return zh + f"是否应为“{close[0]}”？", en + f" Did you mean '{close[0]}'?"
    return zh, en


def _natural_key(path: Path) -> tuple:
    stem = path.stem
    return (0, int(stem), "") if stem.isdigit() else (1, 0, stem)
