"""The check of one document of a library (DIR/documents/<id>/), imported or written by hand.

The source text is the reference: the structure reader places every line of ``source.zh.txt``
(notice, title line, preamble, headings, clauses, annexes, footer) and each place's text in the data
must be exactly its source lines, joined with a line break. A line with no place, a clause the data
lacks or has in excess, a text that differs, a shape the reader does not find, a date that is not one
or a life that ends before it starts is a problem; what staff have still to write (English, titles,
summaries, agencies, measures) is a warning, so a fresh import passes with warnings only.

    problems, warnings = check_document(DIR / "documents" / DOC_ID)

Each finding is a :class:`~policy_site.data.errors.DataProblem` (file, line, field, zh, en), as
``policy-site check`` prints them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataProblem
from .yaml_source import YamlDocument, read_yaml
from .structure.errors import TextNotStructured
from .library_files import DOCUMENT_FILE, SECTIONS, SOURCE_FILE
from .structure.lines import Line
from .structure.reader import Structure, read_structure

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHAPES = ("chapters", "articles", "sections", "list")
_SHARED_IDS = {"lead_agencies": "agencies.yaml", "assisting_agencies": "agencies.yaml",
               "audiences": "audiences.yaml", "funding": "funding.yaml"}
_SHARED_LISTS = {"agencies.yaml": "agencies", "audiences.yaml": "audiences", "funding.yaml": "funding_sources"}


@dataclass
class _Check:
    doc_dir: Path
    data_dir: Path
    doc_id: str
    problems: list[DataProblem] = field(default_factory=list)
    warnings: list[DataProblem] = field(default_factory=list)

    def name(self, path: Path) -> str:
        try:
            return path.relative_to(self.data_dir).as_posix()
        except ValueError:
            return path.as_posix()

    def problem(self, file: str, line: int, where: str, zh: str, en: str) -> None:
        self.problems.append(DataProblem(file, line, where, zh, en))

    def warn(self, file: str, line: int, where: str, zh: str, en: str) -> None:
        self.warnings.append(DataProblem(file, line, where, zh, en))


def check_document(doc_dir: Path | str, data_dir: Path | str | None = None,
                   doc_id: str | None = None) -> tuple[list[DataProblem], list[DataProblem]]:
    """Every problem and warning of the document in ``doc_dir`` (its library: ``data_dir``, by default the
    folder above ``documents/``; its id: ``doc_id``, by default the folder's name)."""
    doc_dir = Path(doc_dir)
    data_dir = Path(data_dir) if data_dir is not None else doc_dir.parent.parent
    check = _Check(doc_dir, data_dir, doc_id or doc_dir.name)
    if not doc_dir.is_dir():
        check.problem(check.name(doc_dir), 0, "", f"找不到文档文件夹 {check.name(doc_dir)}：请检查路径。",
                      f"The document folder {check.name(doc_dir)} does not exist: check the path.")
        return check.problems, check.warnings
    structure = _source(check)
    document = _yaml(check, doc_dir / DOCUMENT_FILE)
    sections = [doc for path in sorted((doc_dir / SECTIONS).glob("*.yaml"), key=_by_number)
                if (doc := _yaml(check, path)) is not None]
    if document is not None:
        _document(check, document, structure)
    shared = _shared_ids(check)
    clauses = _sections(check, sections, shared)
    if structure is not None and all(isinstance(doc.data, dict) for doc in sections):
        _against_source(check, structure, sections, clauses)
    if sections and not any(_clause_has(clause, "measures") for _doc, _loc, clause in clauses.values()):
        check.warn(check.name(doc_dir / SECTIONS), 0, "",
                   "还没有任何措施（measures）：找政策工具暂时找不到这份文档的条款。",
                   "No measures yet: the finder cannot find this document's clauses until some are written.")
    return sorted(set(check.problems)), sorted(set(check.warnings))


def _by_number(path: Path) -> tuple[int, str]:
    return (int(path.stem), "") if path.stem.isdigit() else (10**9, path.stem)


# -- the files ------------------------------------------------------------------------------------------------

def _source(check: _Check) -> Structure | None:
    path = check.doc_dir / SOURCE_FILE
    name = check.name(path)
    if not path.is_file():
        check.problem(name, 0, "", f"缺少原文文件 {SOURCE_FILE}：每一条都要与它逐字核对。请把原文放回文档文件夹。",
                      f"The source text {SOURCE_FILE} is missing: every clause is checked against it. Put it back in "
                      "the document's folder.")
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        check.problem(name, 1, "", f"文件不是 UTF-8 编码（第 {exc.start + 1} 个字节起）：请用 UTF-8 保存。",
                      f"The file is not UTF-8 (from byte {exc.start + 1}): save it as UTF-8.")
        return None
    try:
        structure = read_structure(text)
    except TextNotStructured as exc:
        for problem in exc.problems:
            check.problem(name, problem.line, "", problem.zh, problem.en)
        return None
    for line in structure.unplaced:
        check.problem(name, line.number, "",
                      "原文的这一行没有位置（不在通知、序言、任何标题或任何一条之内）：请核对原文的编号，或把它并入相邻的一条。",
                      "This line of the source has no place (it is in no notice, preamble, heading or clause): "
                      "check the text's numbering, or join it to the clause next to it.")
    return structure


def _yaml(check: _Check, path: Path) -> YamlDocument | None:
    name = check.name(path)
    if not path.is_file():
        check.problem(name, 0, "", f"缺少 {name}：请重新导入原文（policy-site import … --replace）或恢复这个文件。",
                      f"{name} is missing: import the source again (policy-site import … --replace) or restore "
                      "the file.")
        return None
    doc, problems = read_yaml(path, name)
    check.problems += problems
    if problems:
        return None
    if not isinstance(doc.data, dict):
        check.problem(name, 1, "", "文件内容应是“键: 值”的映射：请对照导入时写出的文件检查。",
                      "The file must hold a mapping of 'key: value': compare it with the file the import wrote.")
        return None
    return doc


def _shared_ids(check: _Check) -> dict[str, set[str] | None]:
    """The ids in each shared file (None: the library has no such file, so ids are not checked)."""
    found: dict[str, set[str] | None] = {}
    for file, key in _SHARED_LISTS.items():
        path = check.data_dir / file
        if not path.is_file():
            found[file] = None
            continue
        doc, problems = read_yaml(path, file)
        items = doc.data.get(key) if isinstance(doc.data, dict) else None
        found[file] = None if problems else {item["id"] for item in items or [] if isinstance(item, dict)
                                             and isinstance(item.get("id"), str)}
    return found


# -- document.yaml --------------------------------------------------------------------------------------------

def _document(check: _Check, doc: YamlDocument, structure: Structure | None) -> None:
    data, name = doc.data, doc.display_name
    if data.get("id") != check.doc_id:
        check.problem(name, doc.line_of(("id",)), "id",
                      f"id 应与文件夹名相同（“{check.doc_id}”）：请改正其中之一。",
                      f"id must be the folder's name ('{check.doc_id}'): correct one of them.")
    days = {key: _date(check, doc, key) for key in ("signed", "in_force_from", "expires")}
    start, end = days["in_force_from"], days["expires"]
    if start and end and end < start:
        check.problem(name, doc.line_of(("expires",)), "expires",
                      f"失效日期 {end.isoformat()} 早于施行日期 {start.isoformat()}：请按原件核对两个日期。",
                      f"The document expires ({end.isoformat()}) before it takes effect ({start.isoformat()}): "
                      "check both dates against the original.")
    if days["in_force_from"] is None and days["expires"] is None and data.get("in_force_from") is None \
            and data.get("expires") is None:
        check.warn(name, doc.line_of(("in_force_from",)), "in_force_from",
                   "原文没有写明施行和失效日期：状态显示为“原文未写明日期”。有正式公布的日期时再填写。",
                   "The text gives no dates: the status shows 'no dates in the text'. Fill them in only from an "
                   "official source.")
    _pending(check, doc, ("title",), "标题", "title")
    if data.get("title") is None:
        check.warn(name, doc.line_of(("title",)), "title", "文档还没有标题：请写一个（原文没有时说明是编者所加）。",
                   "The document has no title yet: write one (say it is the editors' when the text gives none).")
    issuers = data.get("issuers") if isinstance(data.get("issuers"), list) else []
    if any(isinstance(issuer, dict) and issuer.get("zh") and not issuer.get("en") for issuer in issuers):
        check.warn(name, doc.line_of(("issuers",)), "issuers",
                   "发文机关名称的英文还没有写：英文页面暂时显示中文并提示“译文待补”。",
                   "The English of the issuers' names is not written yet: the English pages show the Chinese with a "
                   "notice that the translation is pending.")
    if not data.get("summary"):
        check.warn(name, doc.line_of(("summary",)), "summary", "摘要还没有写。", "The summary is not written yet.")
    if structure is None:
        return
    grammar = data.get("structure") if isinstance(data.get("structure"), dict) else {}
    shape = grammar.get("shape")
    if shape != structure.shape:
        check.problem(name, doc.line_of(("structure", "shape")), "structure.shape",
                      f"编号方式 structure.shape 写的是“{shape}”，但原文读出的是“{structure.shape}”（可选："
                      f"{'、'.join(_SHAPES)}）：请改正，或重新导入。",
                      f"structure.shape says '{shape}' but the source reads as '{structure.shape}' (one of "
                      f"{', '.join(_SHAPES)}): correct it, or import the text again.")
    places = (("notice", structure.notice.lines, "通知", "the notice"),
              ("title_line", [structure.title_line] if structure.title_line else [], "标题行", "the title line"),
              ("preamble", structure.preamble, "序言", "the preamble"),
              ("annexes", structure.annex_lines, "附件", "the annexes"),
              ("footer", structure.footer, "版记", "the footer"))
    for key, lines, zh, en in places:
        _same_text(check, doc, (key, "zh"), data.get(key), lines, zh, en)


def _date(check: _Check, doc: YamlDocument, key: str) -> dt.date | None:
    value = doc.data.get(key)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        check.problem(doc.display_name, doc.line_of((key,)), key,
                      f"“{value}”不是一个日期：请写成 YYYY-MM-DD（如 2019-10-09），原文没有写明时写 null。",
                      f"'{value}' is not a date: write it as YYYY-MM-DD (e.g. 2019-10-09), or null where the text "
                      "does not say.")
        return None


def _pending(check: _Check, doc: YamlDocument, location: tuple, zh: str, en: str) -> None:
    value = _at(doc.data, location)
    if isinstance(value, dict) and value.get("zh") and not value.get("en"):
        check.warn(doc.display_name, doc.line_of(location), ".".join(map(str, location)),
                   f"{zh}的英文还没有写：英文页面暂时显示中文并提示“译文待补”。",
                   f"The English of the {en} is not written yet: the English pages show the Chinese with a notice "
                   "that the translation is pending.")


def _at(data: Any, location: tuple) -> Any:
    for key in location:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


# -- sections ------------------------------------------------------------------------------------------------

_ClauseAt = tuple[YamlDocument, tuple, dict]


def _sections(check: _Check, sections: list[YamlDocument], shared: dict[str, set[str] | None]) -> dict[str, _ClauseAt]:
    clauses: dict[str, _ClauseAt] = {}
    for doc in sections:
        name = doc.display_name
        section_id = str(doc.data.get("id"))
        if section_id != doc.path.stem:
            check.problem(name, doc.line_of(("id",)), "id",
                          f"部分的 id“{section_id}”与文件名“{doc.path.name}”不一致：文件名应为 {section_id}.yaml。",
                          f"The section's id '{section_id}' does not match the file name '{doc.path.name}': the file "
                          f"should be {section_id}.yaml.")
        pending: dict[str, list[tuple[str, int]]] = {kind: [] for kind in _PENDING}
        for index, clause in enumerate(doc.data.get("clauses") or []):
            location = ("clauses", index)
            if not isinstance(clause, dict):
                check.problem(name, doc.line_of(location), f"clauses.{index}", "每一条应是“键: 值”的映射。",
                              "Each clause must be a mapping of 'key: value'.")
                continue
            clause_id = str(clause.get("id"))
            if clause_id in clauses:
                first = clauses[clause_id][0]
                check.problem(name, doc.line_of((*location, "id")), f"clauses.{index}.id",
                              f"条的 id“{clause_id}”重复（已在 {first.display_name} 中）：每条的 id 在文档内唯一。",
                              f"The clause id '{clause_id}' is used twice (also in {first.display_name}): a clause's "
                              "id is unique in its document.")
                continue
            clauses[clause_id] = (doc, location, clause)
            _shared(check, doc, location, clause, shared)
            for kind, (key, test) in _PENDING.items():
                if test(clause):
                    pending[kind].append((clause_id, doc.line_of((*location, key))))
        for kind, found in pending.items():
            if found:
                ids = "、".join(clause_id for clause_id, _line in found)
                ids_en = ", ".join(clause_id for clause_id, _line in found)
                zh, en = _PENDING_SAID[kind]
                check.warn(name, found[0][1], f"clauses.{_PENDING[kind][0]}",
                           f"{zh}（{len(found)} 条：{ids}）。", f"{en} ({len(found)} clause(s): {ids_en}).")
    return clauses


def _label(clause: dict, key: str) -> dict:
    value = clause.get(key)
    return value if isinstance(value, dict) else {}


_PENDING = {
    "text_en": ("text", lambda clause: bool(_label(clause, "text").get("zh")) and not _label(clause, "text").get("en")),
    "title": ("title", lambda clause: clause.get("title") is None),
    "title_en": ("title", lambda clause: bool(_label(clause, "title").get("zh"))
                 and not _label(clause, "title").get("en")),
    "summary": ("summary", lambda clause: not clause.get("summary")),
    "lead": ("lead_agencies", lambda clause: not clause.get("lead_agencies")),
}
"""What staff have still to write in a clause: (the key warned at, the test)."""

_PENDING_SAID = {
    "text_en": ("这些条的英文译文还没有写：英文页面暂时显示中文原文，并提示“译文待补”",
                "The English translation is not written yet: the English pages show the Chinese text with a notice "
                "that the translation is pending"),
    "title": ("这些条还没有标题：原文没有给出，请各写一个简短的标题",
              "These clauses have no title yet: the text gives none, write a short one for each"),
    "title_en": ("这些条标题的英文还没有写", "The English of these clauses' titles is not written yet"),
    "summary": ("这些条的摘要（summary）还没有写", "These clauses' summaries are not written yet"),
    "lead": ("这些条还没有牵头单位（lead_agencies）：访客看不到该找谁",
             "These clauses have no lead agency yet: visitors cannot see whom to ask"),
}


def _shared(check: _Check, doc: YamlDocument, location: tuple, clause: dict,
            shared: dict[str, set[str] | None]) -> None:
    """Every agency, audience and funding id of a clause is one the library's shared files define."""
    name = doc.display_name
    for key, file in _SHARED_IDS.items():
        known = shared.get(file)
        for index, value in enumerate(clause.get(key) or []):
            if known is not None and value not in known:
                check.problem(name, doc.line_of((*location, key, index)), _field(location, f"{key}.{index}"),
                              f"“{value}”不在 {file} 中：请先在 {file} 中加上它，或改用已有的 id。",
                              f"'{value}' is not in {file}: add it there first, or use an id it has.")


def _clause_has(clause: dict, key: str) -> bool:
    return bool(clause.get(key))


def _field(location: tuple, key: str) -> str:
    return ".".join(map(str, (*location, key)))


# -- the source as reference ---------------------------------------------------------------------------------

def _against_source(check: _Check, structure: Structure, sections: list[YamlDocument],
                    clauses: dict[str, _ClauseAt]) -> None:
    source_name = check.name(check.doc_dir / SOURCE_FILE)
    by_id = {str(doc.data.get("id")): doc for doc in sections}
    read_ids = set()
    for section in structure.sections:
        read_ids.add(section.id)
        doc = by_id.get(section.id)
        first = (section.heading_lines or [line for clause in section.clauses for line in clause.lines])[0]
        if doc is None:
            check.problem(source_name, first.number, "",
                          f"原文的第 {section.id} 部分（从这一行起）在数据中没有对应的文件 sections/{section.id}.yaml：请重新导入"
                          "或补上这个文件。",
                          f"Section {section.id} of the source (from this line) has no file sections/{section.id}.yaml "
                          "in the data: import the text again or add the file.")
            continue
        _same_text(check, doc, ("text", "zh"), doc.data.get("text"), section.heading_lines, f"第 {section.id} 部分的标题",
                   f"the heading of section {section.id}")
        for clause in section.clauses:
            found = clauses.get(clause.id)
            if found is None:
                check.problem(source_name, clause.lines[0].number, "",
                              f"原文的“{clause.label}”（第 {clause.id} 条，第 {clause.lines[0].number} 行起）在数据中找不到：请在 "
                              f"sections/{section.id}.yaml 中补上这一条。",
                              f"'{clause.label}' of the source (clause {clause.id}, from line "
                              f"{clause.lines[0].number}) is not in the data: add it to sections/{section.id}.yaml.")
                continue
            clause_doc, location, data = found
            if clause_doc is not doc:
                check.problem(clause_doc.display_name, clause_doc.line_of((*location, "id")), _field(location, "id"),
                              f"第 {clause.id} 条应在 sections/{section.id}.yaml 中（原文把它放在第 {section.id} 部分）。",
                              f"Clause {clause.id} belongs in sections/{section.id}.yaml (the source has it in "
                              f"section {section.id}).")
            _same_text(check, clause_doc, (*location, "text", "zh"), data.get("text"), clause.lines,
                       f"第 {clause.id} 条", f"clause {clause.id}")
    known = {clause.id for clause in structure.clauses}
    for clause_id, (doc, location, _data) in clauses.items():
        if clause_id not in known:
            check.problem(doc.display_name, doc.line_of((*location, "id")), _field(location, "id"),
                          f"第 {clause_id} 条在原文中没有：原文的每一行只能有一个位置。请删除这一条，或改正它的 id。",
                          f"Clause {clause_id} is not in the source: every source line has exactly one place. Delete "
                          "this clause or correct its id.")
    for section_id, doc in by_id.items():
        if section_id not in read_ids:
            check.problem(doc.display_name, doc.line_of(("id",)), "id",
                          f"原文中没有第 {section_id} 部分：请删除这个文件，或改正它的 id。",
                          f"The source has no section {section_id}: delete this file or correct its id.")


def _same_text(check: _Check, doc: YamlDocument, location: tuple, value: Any, lines: list[Line], zh: str,
               en: str) -> None:
    """``value`` ({zh: …} or None) holds exactly ``lines``, joined with a line break; else one problem, at the first
    line that differs (in the source and in the data file)."""
    name, where = doc.display_name, ".".join(map(str, location))
    text = value.get("zh") if isinstance(value, dict) else None
    written = text.rstrip("\n").split("\n") if isinstance(text, str) and text else []
    source = [line.text for line in lines]
    if written == source:
        return
    source_name = check.name(check.doc_dir / SOURCE_FILE)
    at = next((i for i, (a, b) in enumerate(zip(written, source)) if a != b), min(len(written), len(source)))
    data_line = doc.line_of(location) + (at + 1 if _block_scalar(doc, location) else 0)
    if at < len(source):
        line = lines[at]
        if at < len(written):
            ours, theirs, column = _where_they_differ(written[at], line.text)
            check.problem(name, data_line, where,
                          f"{zh}的中文与原文不一致：原文 {source_name} 第 {line.number} 行第 {column} 个字处是“{theirs}”，"
                          f"这里是“{ours}”。请从原文逐字复制。",
                          f"The Chinese of {en} differs from the source: line {line.number} of {source_name}, at "
                          f"character {column}, reads '{theirs}'; here it is '{ours}'. Copy it from the source word for word.")
        else:
            check.problem(name, data_line, where,
                          f"{zh}的中文与原文不一致：原文 {source_name} 第 {line.number} 行是“{_short(line.text)}”，"
                          "这里缺了这一行。请从原文逐字复制。",
                          f"The Chinese of {en} differs from the source: line {line.number} of {source_name} is "
                          f"'{_short(line.text)}', here that line is missing. Copy it from the source word for word.")
    else:
        check.problem(name, data_line, where,
                      f"{zh}的中文比原文多出一行（“{_short(written[at])}”）：原文的每一行只能有一个位置，请删除它。",
                      f"The Chinese of {en} has a line the source does not give it ('{_short(written[at])}'): every "
                      "source line has exactly one place; delete it.")


_BLOCK_INDICATOR = re.compile(r":\s*[|>][-+0-9]*\s*(?:#.*)?$")


def _block_scalar(doc: YamlDocument, location: tuple) -> bool:
    """Is the value at ``location`` a block scalar (``zh: |-`` with its lines below)?"""
    try:
        lines = doc.path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    at = doc.line_of(location) - 1
    return 0 <= at < len(lines) and bool(_BLOCK_INDICATOR.search(lines[at]))


def _where_they_differ(ours: str, theirs: str, before: int = 8, after: int = 16) -> tuple[str, str, int]:
    """The two texts around their first different character (…最高1600元… / …最高1500元…) and that
    character's number on the line (from 1)."""
    at = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
    start = max(0, at - before)

    def excerpt(text: str) -> str:
        shown = text[start:at + after]
        return ("…" if start else "") + (shown or "（行尾）/ (end of line)") + ("…" if len(text) > at + after else "")
    return excerpt(ours), excerpt(theirs), at + 1


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
