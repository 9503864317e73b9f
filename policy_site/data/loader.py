"""Load and validate a policy folder into ``model.Policy``, collecting every problem.

``check_policy`` reads every file, validates each on its own, then runs the checks across
files on whatever parsed (so four mistakes in three files give four reports), and returns
the problems and warnings with the model (None when there is a problem). ``load_policy``
returns the model or raises ``DataErrors`` listing every problem in every file, each with
file, line, field and a bilingual message. Nothing downstream re-checks the data.

The checks across files are listed in ``_Loaded.CROSS_CHECKS``; a new kind of check is one more
entry there (a method, or a function in its own module like ``source_check.check_source_text``).
A new kind of data file is one more entry in ``model.FILE_MODELS``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import finder_checks, library, model, rules_checks
from .errors import DataErrors, DataProblem
from .source_check import SOURCE_FILE, check_source_text
from .pydantic_messages import explain
from .yaml_source import YamlDocument, dotted, read_yaml

YAML_SUFFIXES = (".yaml", ".yml")
TOP_LEVEL_FILES = ("document.yaml", "sections/*.yaml", SOURCE_FILE)
"""The top-level document's files: a library without any of them is made only of ``documents/``."""
EXTRA_FILES = (SOURCE_FILE, "schema/*.schema.json", finder_checks.FACTS_FILE, *library.DOCUMENT_FILES)
"""Files of the data folder that are not YAML data files but belong there."""


@dataclass
class CheckResult:
    """What ``check_policy`` found: the model (None if any problem), the problems and the warnings."""

    policy: model.Policy | None
    problems: list[DataProblem]
    warnings: list[DataProblem]
    parameter_docs: dict[str, YamlDocument] = field(default_factory=dict)
    documents: tuple[library.LibraryDocument, ...] = ()
    """The library's imported documents (DIR/documents/<id>/), after the top-level one."""

    def parameter_value_at(self, parameter_id: str, start: dt.date) -> tuple[str, int, str]:
        """File, line and field of one dated value of a parameter (for problems found later, in the build)."""
        doc = self.parameter_docs.get(parameter_id)
        loc = ("values", start.isoformat(), "value")
        if doc is None:
            return f"parameters/{parameter_id}.yaml", 1, dotted(loc)
        return doc.display_name, doc.line_of(loc), dotted(loc)


def load_policy(data_dir: Path | str, known_calculators: Collection[str] = (),
                data_date: dt.date | None = None) -> model.Policy:
    """Read every file of the policy in ``data_dir``; raise ``DataErrors`` if anything is wrong."""
    result = check_policy(data_dir, known_calculators, data_date)
    if result.problems:
        raise DataErrors(result.problems)
    return result.policy


def check_policy(data_dir: Path | str, known_calculators: Collection[str] = (),
                 data_date: dt.date | None = None) -> CheckResult:
    """Every check of the data, every problem and warning at once.

    ``known_calculators`` is the ids of the calculators, or ``calculators.CALCULATORS`` itself:
    with the metadata, a calculator must sit on its own clause and every parameter value must be
    in the range of the calculator fields that use it. With ``data_date``, the value of each
    parameter a calculator uses must be in force on that date.
    """
    loaded = _Loaded(Path(data_dir), known_calculators, data_date)
    loaded.read_all()
    if loaded.data_dir.is_dir():
        for check in loaded.CROSS_CHECKS:
            check(loaded) if callable(check) else getattr(loaded, check)()
    policy = loaded.policy() if not loaded.problems else None
    return CheckResult(policy, sorted(set(loaded.problems)), sorted(set(loaded.warnings)),
                       {p.id: d for d, p in loaded.valid_files("parameters/*.yaml")}, loaded.documents)


@dataclass
class _Raw:
    """One data file that parsed as YAML: its document and, if it passed the model, the object."""

    doc: YamlDocument
    obj: Any = None

    @property
    def valid(self) -> bool:
        return self.obj is not None

    # Read as the pair (document, object), true only when valid: `if raw: doc, obj = raw`.
    def __bool__(self) -> bool:
        return self.valid

    def __getitem__(self, index: int) -> Any:
        return (self.doc, self.obj)[index]


STALE_AFTER_DAYS = 365
"""A parameter's newest value or last check older than this (before the data date) gets a warning."""


class _Loaded:
    CROSS_CHECKS: tuple = (rules_checks.register_loaded, "check_file_names", "check_references", "check_calculators",
                           "check_parameters", rules_checks.check_loaded, "check_source",
                           library.read_documents, rules_checks.register_library, "check_warnings",
                           finder_checks.check_loaded)  # the finder's: every document's measures, after both
    """The checks across files, in order; each runs on whatever parsed and validated. An entry is the
    name of a method here or a function taking this object (a check that lives in its own module);
    such a check reads ``valid_files(pattern)`` and ``all_clauses()`` and calls ``report(...)``."""

    def __init__(self, data_dir: Path, calculators: Collection[str] = (), data_date: dt.date | None = None):
        self.data_dir = data_dir
        self.calculators = calculators
        self.calculator_meta: Mapping[str, dict] = calculators if isinstance(calculators, Mapping) else {}
        self.data_date = data_date
        self.problems: list[DataProblem] = []
        self.warnings: list[DataProblem] = []
        self.files: dict[str, list[_Raw]] = {}
        self.unparsed: dict[str, list[Path]] = {}
        """Files that are not even YAML (or not a mapping), by pattern: their content is unknown."""
        self.finder: _Raw | None = None
        self.finder_unreadable = False
        self.documents: tuple[library.LibraryDocument, ...] = ()
        self.documents_only = False
        """No top-level document (no document.yaml, sections/ or source.zh.txt), one or more in documents/."""

    # -- reading -----------------------------------------------------------
    def read_all(self) -> None:
        if self.data_dir.is_file():
            self.problems.append(DataProblem(
                str(self.data_dir), 0, "", "这是一个文件，不是数据文件夹：请给出数据文件夹（其中有 document.yaml）。",
                "This is a file, not the data folder: give the folder that holds document.yaml."))
            return
        if not self.data_dir.is_dir():
            self.problems.append(DataProblem(
                str(self.data_dir), 0, "", "找不到这个数据文件夹：请检查路径（命令行中的文件夹或环境变量 POLICY_DATA_DIR）。",
                "The data folder does not exist: check the path (the folder given on the command line, or the "
                "environment variable POLICY_DATA_DIR)."))
            return
        # (a folder of documents/ without its document.yaml counts: it is told as such, and only that)
        self.documents_only = not self.top_level_parts() and bool(library.document_folders(self.data_dir))
        for pattern, cls in model.FILE_MODELS.items():
            paths = sorted(self.data_dir.glob(pattern), key=_natural_key)
            if not paths and "*" not in pattern and not (self.documents_only and pattern in TOP_LEVEL_FILES):
                library_zh, library_en = (
                    ("；如果这个文件库只收录 documents/ 中的文件，请用 policy-site import 把它们导入 documents/",
                     "; or, for a library made only of documents/, import its documents there with policy-site import")
                    if pattern == "document.yaml" else ("", ""))  # a library need not have a top-level document
                self.problems.append(DataProblem(
                    self.name(self.data_dir / pattern), 1, "", f"缺少文件 {pattern}：请在数据文件夹中创建它{library_zh}。",
                    f"The file {pattern} is missing: create it in the data folder{library_en}."))
            self.files[pattern] = []
            self.unparsed[pattern] = []
            for path in paths:
                raw = self._read_one(path, cls)
                self.files[pattern].append(raw) if raw is not None else self.unparsed[pattern].append(path)
        self._check_half_a_top_level_document()
        facts = self.data_dir / finder_checks.FACTS_FILE  # optional: the finder's questions (its own model)
        self.finder = self._read_one(facts, model.model_finder.FactsFile) if facts.is_file() else None
        self.finder_unreadable = facts.is_file() and self.finder is None
        """facts.yaml is there but is not even YAML: the measures cannot be checked against it."""
        self._check_unexpected_files()

    def _check_half_a_top_level_document(self) -> None:
        """A document.yaml without any section file is half a top-level document (sections/ without
        document.yaml, or source.zh.txt alone, is told by "document.yaml is missing")."""
        if "document.yaml" in self.top_level_parts() and not self.files["sections/*.yaml"] \
                and not self.unparsed["sections/*.yaml"]:
            self.problems.append(DataProblem(
                self.name(self.data_dir / "sections"), 1, "",
                "有 document.yaml 却没有 sections/ 中的任何部分文件：顶层文档需要两者。请补上 sections/1.yaml ……；"
                "如果这个文件库只有 documents/ 中的文件，请删除 document.yaml 和 source.zh.txt。",
                "There is a document.yaml but no section file in sections/: a top-level document needs both. Add "
                "sections/1.yaml …; if this library holds only the documents in documents/, remove document.yaml and "
                "source.zh.txt."))

    def top_level_parts(self) -> list[str]:
        """Which files of a top-level document the folder has (``document.yaml``, ``sections/``,
        ``source.zh.txt``): none in a library made only of ``documents/``."""
        return [name for name in TOP_LEVEL_FILES if (self.data_dir / name.removesuffix("/*.yaml")).exists()]

    def name(self, path: Path) -> str:
        return path.relative_to(self.data_dir.parent).as_posix()

    def _read_one(self, path: Path, cls: type[model.Model]) -> _Raw | None:
        name = self.name(path)
        doc, problems = read_yaml(path, name)
        self.problems.extend(problems)
        if problems:
            return None
        if not isinstance(doc.data, dict):
            self.problems.append(DataProblem(name, 1, "", "文件内容应为一组“键: 值”。",
                                             "The file must contain 'key: value' pairs."))
            return None
        try:
            return _Raw(doc, cls.model_validate(doc.data))
        except ValidationError as exc:
            self.problems.extend(_explain_all(exc, doc))
            return _Raw(doc)

    def _check_unexpected_files(self) -> None:
        known = {p for pattern in (*model.FILE_MODELS, *EXTRA_FILES) for p in self.data_dir.glob(pattern)}
        for path in sorted(self.data_dir.rglob("*")):
            if path in known or not path.is_file() or path.suffix.lower() not in YAML_SUFFIXES:
                continue
            name = self.name(path)
            wanted = path.with_suffix(".yaml").name
            if path.parent.name in ("sections", "parameters") and path.parent.parent == self.data_dir:
                hint_zh = f"请改名为 {wanted}（扩展名必须是小写的 .yaml）。"
                hint_en = f"rename it to {wanted} (the extension must be lower-case .yaml)."
            else:
                hint_zh, hint_en = "请移到正确的文件夹或改名。", "move it to the right folder or rename it."
            self.problems.append(DataProblem(
                name, 1, "", "这个文件不属于任何已知的数据类别，不会被读取，其中的内容也不会发布：" + hint_zh,
                "This file is not a known kind of data file: it would not be read and nothing in it would be "
                "published. " + hint_en[0].upper() + hint_en[1:]))

    def _all(self, pattern: str) -> list[tuple[YamlDocument, Any]]:
        return self.valid_files(pattern)

    def valid_files(self, pattern: str) -> list[tuple[YamlDocument, Any]]:
        """The files of ``pattern`` that passed the model."""
        return [(r.doc, r.obj) for r in self.files.get(pattern, []) if r.valid]

    def _one(self, pattern: str) -> Any:
        found = self.valid_files(pattern)
        return found[0][1] if found else None

    def _complete(self, pattern: str) -> bool:
        """Did every file of ``pattern`` parse and pass the model (so its objects are all there is)?"""
        return not self.unparsed.get(pattern) and all(r.valid for r in self.files.get(pattern, []))

    def known_ids(self, pattern: str, attr: str) -> set[str] | None:
        """The ids defined in a list file, even if the file did not pass the model (None if it did not parse):
        a reference to a defined id is never called unknown because of a mistake elsewhere in that file."""
        raws = self.files.get(pattern) or []
        if not raws:
            return None
        items = raws[0].doc.data.get(attr) if isinstance(raws[0].doc.data, dict) else None
        return {x.get("id") for x in items or () if isinstance(x, dict) and isinstance(x.get("id"), str)}

    def all_clauses(self) -> list[tuple[YamlDocument, tuple, model.Clause]]:
        """Every clause that is valid on its own, also from section files that failed as a whole."""
        found = []
        for raw in self.files.get("sections/*.yaml", []):
            if raw.valid:
                found += [(raw.doc, ("clauses", i), c) for i, c in enumerate(raw.obj.clauses)]
                continue
            items = raw.doc.data.get("clauses")
            for i, item in enumerate(items if isinstance(items, list) else ()):
                try:
                    found.append((raw.doc, ("clauses", i), model.Clause.model_validate(item)))
                except ValidationError:
                    pass  # already reported with its section
        return found

    def report(self, doc: YamlDocument, loc: tuple, zh: str, en: str, warning: bool = False) -> None:
        """A problem (or a warning) at ``loc`` of the file ``doc``, on its line."""
        (self.warnings if warning else self.problems).append(
            DataProblem(doc.display_name, doc.line_of(loc), dotted(loc), zh, en))

    # -- cross-file checks ---------------------------------------------------
    def check_file_names(self) -> None:
        """A section or parameter file is named after its id (sections/3.yaml holds section 3)."""
        for pattern, kind_zh, kind_en in (("sections/*.yaml", "部分", "section"),
                                          ("parameters/*.yaml", "参数", "parameter")):
            for doc, obj in self.valid_files(pattern):
                if doc.path.stem != obj.id:
                    wanted = f"{pattern.split('/')[0]}/{obj.id}.yaml"
                    self.report(doc, ("id",),
                                f"文件名“{doc.path.name}”与其中的{kind_zh}编号“{obj.id}”不一致：请把文件改名为 {wanted}，"
                                "或改正编号。",
                                f"The file name '{doc.path.name}' does not match the {kind_en} id '{obj.id}' in it: "
                                f"rename the file to {wanted}, or correct the id.")

    def check_references(self) -> None:
        agencies = self._items("agencies.yaml", "agencies")
        funding = self._items("funding.yaml", "funding_sources")
        audiences = self._items("audiences.yaml", "audiences")
        terms = self._items("glossary.yaml", "terms")
        self._unique(agencies, "agency", "机构")
        self._unique(funding, "funding source", "资金来源")
        self._unique(audiences, "audience", "对象")
        self._unique(terms, "term", "术语")
        self._unique([(d, (), p) for d, p in self.valid_files("parameters/*.yaml")], "parameter", "参数")
        self._unique([(d, (), s) for d, s in self.valid_files("sections/*.yaml")], "section", "部分")
        clauses = self.all_clauses()
        self._unique(clauses, "clause", "条款")

        agency_ids = self.known_ids("agencies.yaml", "agencies")
        refs = {
            "audiences": (self.known_ids("audiences.yaml", "audiences"), "audiences.yaml", "对象"),
            "lead_agencies": (agency_ids, "agencies.yaml", "机构"),
            "assisting_agencies": (agency_ids, "agencies.yaml", "机构"),
            "funding": (self.known_ids("funding.yaml", "funding_sources"), "funding.yaml", "资金来源"),
            "calculators": (set(self.calculators), "calculators/", "计算器"),
        }
        valid_agencies = {a.id: a for _, _, a in agencies}
        for doc, loc, clause in clauses:
            for name, (known, where, zh_kind) in refs.items():
                if known is None:
                    continue  # that file did not parse: its own problem is reported
                for i, ref in enumerate(getattr(clause, name)):
                    if ref not in known:
                        self.report(doc, loc + (name, i),
                                    f"未知的{zh_kind}编号“{ref}”：请检查拼写，或先在 {where} 中添加它。",
                                    f"Unknown id '{ref}': check the spelling, or add it to {where} first.")
            for i, ref in enumerate(clause.lead_agencies):
                agency = valid_agencies.get(ref)
                if agency and not any(n in clause.text.zh for n in (agency.name.zh, *agency.also_written_as)):
                    self.report(doc, loc + ("lead_agencies", i),
                                f"牵头单位“{agency.name.zh}”在本条原文中找不到：请检查编号，或在 agencies.yaml "
                                "的 also_written_as 中加上原文的写法。",
                                f"The lead agency '{agency.name.en}' is not named in this clause's Chinese text: "
                                "check the id, or add the source's spelling to also_written_as in agencies.yaml.")

    def _items(self, pattern: str, attr: str) -> list[tuple[YamlDocument, tuple, Any]]:
        return [(d, (attr, i), x) for d, obj in self.valid_files(pattern) for i, x in enumerate(getattr(obj, attr))]

    def _unique(self, items: Iterable[tuple[YamlDocument, tuple, Any]], en_kind: str, zh_kind: str) -> None:
        items = list(items)
        counts = Counter(x.id for _, _, x in items)
        for doc, loc, x in items:
            if counts[x.id] > 1:
                self.report(doc, loc + ("id",),
                            f"{zh_kind}编号“{x.id}”重复：每个编号只能用一次，请改名或删除重复项。",
                            f"The {en_kind} id '{x.id}' is used more than once: each id must be unique; "
                            "rename or remove one.")

    def check_calculators(self) -> None:
        """A calculator sits on the clause its rules were written for (its metadata's ``clause``)."""
        if not self.calculator_meta:
            return
        clauses = self.all_clauses()
        listed = {cid for _, _, c in clauses for cid in c.calculators}
        for doc, loc, clause in clauses:
            for i, cid in enumerate(clause.calculators):
                own = (self.calculator_meta.get(cid) or {}).get("clause")
                if own and own != clause.id:
                    self.report(doc, loc + ("calculators", i),
                                f"计算器“{cid}”是按第 {own} 条的规定编写的，不能放在第 {clause.id} 条：请把它移到第 {own} 条"
                                "的 calculators 中（否则页面会显示错误的条款和办理单位）。",
                                f"The calculator '{cid}' computes clause {own}, not clause {clause.id}: move it to "
                                f"clause {own}'s calculators (otherwise its page names the wrong clause and office).")
        for doc, loc, clause in clauses:
            for cid, meta in self.calculator_meta.items():
                if meta.get("clause") == clause.id and cid not in listed:
                    self.report(doc, loc + ("calculators",),
                                f"计算器“{cid}”属于本条，但没有列在 calculators 中，因此不会发布：请加上它。",
                                f"The calculator '{cid}' belongs to this clause but is not listed in calculators, "
                                "so it would not be published: add it.", warning=True)

    def check_parameters(self) -> None:
        """Every value of a parameter fits the calculator fields that use it; one is in force on the data date."""
        if not self.calculator_meta:
            return
        parameters = {p.id: (d, p) for d, p in self.valid_files("parameters/*.yaml")}
        used = {cid for _, _, c in self.all_clauses() for cid in c.calculators}
        for cid, meta in self.calculator_meta.items():
            for f in meta.get("fields", ()):
                pid = f.get("default_parameter")
                if not pid or pid not in parameters:
                    continue
                doc, parameter = parameters[pid]
                low, high = f.get("min"), f.get("max")
                for start, dated in sorted(parameter.values.items()):
                    value = dated.value
                    if (low is not None and value < Decimal(str(low))) or (high is not None and value > Decimal(str(high))):
                        label = f.get("label") or {}
                        self.report(doc, ("values", start.isoformat(), "value"),
                                    f"数值 {_plain(value)} 超出了计算器“{cid}”中“{label.get('zh', f['name'])}”"
                                    f"允许的范围（{_plain(low)} 至 {_plain(high)}）：请核对这个数字（是否多打或少打了一位？）。",
                                    f"The value {_plain(value)} is outside the range the calculator '{cid}' accepts for "
                                    f"'{label.get('en', f['name'])}' ({_plain(low)} to {_plain(high)}): check the figure "
                                    "(a digit too many or too few?).")
                if self.data_date is not None and cid in used and parameter.in_force(self.data_date) is None:
                    first = min(parameter.values)
                    self.report(doc, ("values",),
                                f"在数据日期 {self.data_date.isoformat()} 还没有生效的数值（最早的自 {first.isoformat()} 起），"
                                f"计算器“{cid}”无法使用：请补上当时有效的数值及其文件号。",
                                f"No value is in force on the data date {self.data_date.isoformat()} (the first "
                                f"applies from {first.isoformat()}), so the calculator '{cid}' has none to use: add "
                                "the value in force then, with its document number.")
        for cid in sorted(used):
            for f in (self.calculator_meta.get(cid) or {}).get("fields", ()):
                pid = f.get("default_parameter")
                if pid and pid not in parameters and self._complete("parameters/*.yaml"):
                    self.problems.append(DataProblem(
                        self.name(self.data_dir / "parameters" / f"{pid}.yaml"), 1, "",
                        f"计算器“{cid}”需要参数“{pid}”，但没有这个参数文件：请创建 parameters/{pid}.yaml。",
                        f"The calculator '{cid}' needs the parameter '{pid}', which has no file: create "
                        f"parameters/{pid}.yaml."))

    def check_source(self) -> None:
        """Every line of the source text is the preamble, a section heading or exactly one clause's text
        (a library made only of ``documents/`` has none: each document is checked against its own)."""
        if not self.documents_only:
            check_source_text(self)

    def check_warnings(self) -> None:
        """Things that are allowed but probably not meant: printed, never failing."""
        clauses = self.all_clauses()
        if self._complete("sections/*.yaml"):
            used = {a for c in (*(c for _, _, c in clauses), *(c for d in self.documents for c in d.clauses))
                    for a in (*c.lead_agencies, *c.assisting_agencies)}  # the library's documents' clauses too
            for doc, loc, agency in self._items("agencies.yaml", "agencies"):
                if agency.id not in used:
                    self.report(doc, loc + ("id",),
                                f"机构“{agency.id}”没有被任何条款引用：它的页面上不会有任何内容。不需要的话请删除它。",
                                f"The agency '{agency.id}' is named by no clause: its page would list nothing. "
                                "Remove it if it is not needed.", warning=True)
        for doc, loc, clause in clauses:
            for name in ("audiences", "lead_agencies", "assisting_agencies", "funding", "calculators"):
                ids = getattr(clause, name)
                for i, ref in enumerate(ids):
                    if ref in ids[:i]:
                        self.report(doc, loc + (name, i),
                                    f"“{ref}”在这个列表中出现了两次（页面上会重复显示）：请删除一个。",
                                    f"'{ref}' is listed twice here (the page would show it twice): remove one.",
                                    warning=True)
        self._warn_stale_parameters()
        for raws in self.files.values():
            for raw in raws:
                for loc, text in _english_texts(raw.doc.data, ()):
                    if _mostly_chinese(text):
                        self.report(raw.doc, loc,
                                    "英文（en）这一行大部分是中文：是否忘了翻译？",
                                    "This English (en) line is mostly Chinese: was the translation forgotten?",
                                    warning=True)

    def _warn_stale_parameters(self) -> None:
        """A dated parameter whose newest value, and its last check, are over a year older than the
        data date may have been raised since: say so, and how to settle it (never a guessed value)."""
        if self.data_date is None:
            return
        for doc, parameter in self.valid_files("parameters/*.yaml"):
            newest, _ = parameter.latest()
            fresh = max(d for d in (newest, parameter.last_checked) if d is not None)
            if (self.data_date - fresh).days <= STALE_AFTER_DAYS:
                continue
            checked_zh = (f"最后核对于 {parameter.last_checked.isoformat()}" if parameter.last_checked
                          else "没有记录核对日期（last_checked）")
            checked_en = (f"last checked on {parameter.last_checked.isoformat()}" if parameter.last_checked
                          else "no check is recorded (last_checked)")
            self.report(doc, ("last_checked",) if "last_checked" in (doc.data or {}) else ("values",),
                        f"最新的数值自 {newest.isoformat()} 起，{checked_zh}，比数据日期 {self.data_date.isoformat()} "
                        "早一年以上：此后可能已有调整。请查阅官方公布的文件：有新数值的，连同文件号加到 values 下；"
                        "确认没有的，把 last_checked 改为核对的日期。",
                        f"The newest value applies from {newest.isoformat()} and {checked_en}, over a year before "
                        f"the data date {self.data_date.isoformat()}: it may have been raised since. Check the "
                        "official notices: add a newer value under values with its document number, or, if there "
                        "is none, set last_checked to the date you checked.", warning=True)

    # -- result --------------------------------------------------------------
    def policy(self) -> model.Policy:
        sections = sorted((s for _, s in self.valid_files("sections/*.yaml")), key=lambda s: int(s.id))
        return model.Policy(
            document=self._one("document.yaml"),
            sections=tuple(sections),
            agencies=self._one("agencies.yaml").agencies,
            funding_sources=self._one("funding.yaml").funding_sources,
            audiences=self._one("audiences.yaml").audiences,
            terms=self._one("glossary.yaml").terms,
            parameters=tuple(p for _, p in self.valid_files("parameters/*.yaml")),
            finder=self.finder.obj if self.finder else None,
        )


# -- helpers ------------------------------------------------------------------------------------

def _explain_all(exc: ValidationError, doc: YamlDocument) -> list[DataProblem]:
    """Every pydantic error of one file as bilingual problems, each on its line."""
    problems = []
    errors = exc.errors()
    blamed = [tuple(e["loc"]) for e in errors if e["type"] != "too_short"]
    for err in errors:
        base = tuple(err["loc"])
        ctx = err.get("ctx") or {}
        loc = base + tuple(ctx.get("at", ()))
        if err["type"] == "too_short" and any(b[:len(loc)] == loc for b in blamed):
            continue  # a list "too short" only because its items were invalid: the items say why
        zh, en = explain(err, doc.typed.get(base))
        if err["type"] == "extra_forbidden":
            zh, en = _suggest(loc, errors, zh, en)
        problems.append(DataProblem(doc.display_name, doc.line_of(loc), dotted(loc), zh, en))
        for more_zh, more_en, at in ctx.get("more", ()):
            problems.append(DataProblem(doc.display_name, doc.line_of(base + tuple(at)), dotted(base + tuple(at)),
                                        more_zh, more_en))
    return problems


def _suggest(loc: tuple, errors: list[dict], zh: str, en: str) -> tuple[str, str]:
    """For an unknown key, name the missing key it probably should have been (a typo)."""
    missing = [str(e["loc"][-1]) for e in errors if e["type"] == "missing" and tuple(e["loc"][:-1]) == loc[:-1]]
    close = difflib.get_close_matches(str(loc[-1]), missing, n=1)
    if close:
        return zh + f"是否应为“{close[0]}”？", en + f" Did you mean '{close[0]}'?"
    return zh, en


def _english_texts(data: Any, loc: tuple) -> Iterable[tuple[tuple, str]]:
    if isinstance(data, dict):
        if isinstance(data.get("en"), str) and "zh" in data:
            yield loc + ("en",), data["en"]
        for key, value in data.items():
            yield from _english_texts(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _english_texts(value, loc + (index,))


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _mostly_chinese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(_HAN.findall(text)) * 2 > len(letters)


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:f}" if abs(value.adjusted()) < 30 else f"{value:E}"
    return str(value)


def _natural_key(path: Path) -> tuple:
    stem = path.stem
    return (0, int(stem), "") if stem.isdigit() else (1, 0, stem)
