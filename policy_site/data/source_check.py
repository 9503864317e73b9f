"""The Chinese source text as the reference: nothing in it is missing from the data, nothing differs.

``source.zh.txt`` holds the source one paragraph a line: the preamble, then each section heading
(``三、大力促进重点群体就业``) followed by its clauses (``（一）鼓励高校毕业生……``). Every line must
be the preamble, a heading or exactly one clause's ``text.zh``; section and clause ids follow the
source's numbering (一（二） is ``1.2``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .check_context import CheckContext
from .errors import DataProblem
from .numerals import NUMERAL, numeral, parse_numeral

SOURCE_FILE = "source.zh.txt"
"""The Chinese source text, one paragraph a line: the reference every clause is checked against."""


def check_source_text(loaded: CheckContext) -> None:
    """Report (into ``loaded``) every difference between the source text and the data that was read."""
    path = loaded.data_dir / SOURCE_FILE
    name = loaded.name(path)
    if not path.is_file():
        loaded.problems.append(DataProblem(
            name, 1, "", f"缺少原文文件 {SOURCE_FILE}：每一条都要与它逐字核对。请把原文放回数据文件夹。",
            f"The source text {SOURCE_FILE} is missing: every clause is checked against it. "
            "Put the source back in the data folder."))
        return
    try:
        source = _Source.read(path, name)
    except UnicodeDecodeError as exc:
        loaded.problems.append(DataProblem(name, 1, "", f"文件不是 UTF-8 编码（{exc.reason}）：请用 UTF-8 保存。",
                                           f"The file is not UTF-8 ({exc.reason}): save it as UTF-8."))
        return
    _SourceCheck(loaded, source).run()


_HEADING = re.compile(rf"^({NUMERAL})、(.*)$")
_CLAUSE = re.compile(rf"^（({NUMERAL})）")

chinese_numeral = numeral
"""1 → 一, 12 → 十二, 105 → 一百零五: the numeral a source writes for a section number."""

chinese_number = parse_numeral
"""一 → 1, 十二 → 12: a heading's numeral as a source writes it; None for anything else."""


@dataclass
class _Line:
    number: int  # 1-based line of the source file
    text: str
    id: str = ""  # "3" for a heading, "3.2" for a clause


@dataclass
class _Source:
    name: str
    preamble: list[_Line] = field(default_factory=list)
    headings: list[_Line] = field(default_factory=list)
    clauses: list[_Line] = field(default_factory=list)
    problems: list[DataProblem] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path, name: str) -> _Source:
        source = cls(name)
        section = item = 0
        for number, text in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if not text.strip():
                continue
            if heading := _HEADING.match(text):
                value = chinese_number(heading.group(1))
                if value != section + 1:
                    source._problem(number, f"部分编号“{heading.group(1)}”不连续：前一部分之后应是第 {section + 1} 部分。",
                                    f"The section numeral '{heading.group(1)}' breaks the sequence: section "
                                    f"{section + 1} should come next.")
                section, item = value or section + 1, 0
                source.headings.append(_Line(number, text, str(section)))
            elif clause := _CLAUSE.match(text):
                value = chinese_number(clause.group(1))
                if not section:
                    source._problem(number, "这一条出现在第一个部分标题（一、……）之前。",
                                    "This clause comes before the first section heading (一、…).")
                elif value != item + 1:
                    source._problem(number, f"条目编号“（{clause.group(1)}）”不连续：前一条之后应是第 {item + 1} 条。",
                                    f"The item numeral '（{clause.group(1)}）' breaks the sequence: item {item + 1} "
                                    "should come next.")
                item = value or item + 1
                source.clauses.append(_Line(number, text, f"{section}.{item}"))
            elif not section:
                source.preamble.append(_Line(number, text))
            else:
                source._problem(number, "这一行既不是部分标题（一、……），也不是一条（（一）……）：原文中只能有前言、部分标题和各条，"
                                        "每条一行。",
                                "This line is neither a section heading (一、…) nor a clause (（一）…): the source holds "
                                "only the preamble, the section headings and the clauses, one line each.")
        return source

    def _problem(self, line: int, zh: str, en: str) -> None:
        self.problems.append(DataProblem(self.name, line, "", zh, en))


class _SourceCheck:
    """Match the data to the source: nothing in the source is missing from the data, nothing differs."""

    def __init__(self, loaded: CheckContext, source: _Source):
        self.loaded = loaded
        self.source = source
        self.section_raws = loaded.files.get("sections/*.yaml", [])
        # Section ids held by files that did not pass the model: their own problems are reported,
        # so the lines of those sections are not reported as missing too.
        self.unverified: set[str] = set()
        for raw in self.section_raws:
            if not raw.valid:
                self.unverified.add(raw.doc.path.stem)
                if isinstance(raw.doc.data.get("id"), str):
                    self.unverified.add(raw.doc.data["id"])
        for path in loaded.unparsed.get("sections/*.yaml", []):
            # not even YAML: it is probably the section its name says; if its name says none, guess nothing
            self.unverified.add(path.stem if path.stem.isdigit() else "*")

    def run(self) -> None:
        self._preamble()
        missing_sections = self._sections()
        self._clauses(missing_sections)
        self.loaded.problems += self.source.problems

    def _preamble(self) -> None:
        doc_pairs = self.loaded.valid_files("document.yaml")
        if not doc_pairs or not self.source.preamble:
            return
        doc, document = doc_pairs[0]
        expected = "\n".join(line.text for line in self.source.preamble)
        if document.preamble.zh != expected:
            self.loaded.report(doc, ("preamble", "zh"), *_differs(expected, document.preamble.zh,
                                                                  self.source.name, self.source.preamble[0].number))

    def _sections(self) -> set[str]:
        by_id = {s.id: (d, s) for d, s in self.loaded.valid_files("sections/*.yaml")}
        expected_ids = [h.id for h in self.source.headings]
        claimed: set[str] = set()
        missing: set[str] = set()
        for heading in self.source.headings:
            numeral, _, title = heading.text.partition("、")
            if heading.id in by_id:
                doc, section = by_id[heading.id]
                claimed.add(section.id)
                if section.number != numeral:
                    self.loaded.report(doc, ("number",),
                                       f"第 {section.id} 部分的编号应为“{numeral}”（原文第 {heading.number} 行），这里是“{section.number}”。",
                                       f"Section {section.id} is numbered '{numeral}' in the source (line {heading.number}), "
                                       f"not '{section.number}'.")
                if section.title.zh != title:
                    self.loaded.report(doc, ("title", "zh"), *_differs(title, section.title.zh, self.source.name,
                                                                       heading.number))
                continue
            twin = next(((d, s) for d, s in by_id.values() if s.number == numeral and s.title.zh == title), None)
            if twin:
                doc, section = twin
                claimed.add(section.id)
                self.loaded.report(doc, ("id",),
                                   f"部分编号应为“{heading.id}”：这是原文的“{numeral}、{title}”（第 {heading.number} 行），"
                                   f"编号按原文顺序（{numeral} 即 {heading.id}）。请写成 id: '{heading.id}'，文件名为 sections/{heading.id}.yaml。",
                                   f"The section id must be '{heading.id}': this is the source's '{numeral}、{title}' "
                                   f"(line {heading.number}), and ids follow the source's numbering. Write "
                                   f"id: '{heading.id}' and name the file sections/{heading.id}.yaml.")
                continue
            if heading.id in self.unverified or "*" in self.unverified:
                continue
            missing.add(heading.id)
            count = sum(1 for c in self.source.clauses if c.id.split(".")[0] == heading.id)
            self.source._problem(
                heading.number,
                f"原文的第 {heading.id} 部分“{heading.text}”（共 {count} 条）在数据中找不到，网站上会缺少这些内容："
                f"请恢复 sections/{heading.id}.yaml（是否被删除或改名了？）。",
                f"Section {heading.id} of the source, '{heading.text}' ({count} clauses), is in no data file, so the "
                f"site would lose it: restore sections/{heading.id}.yaml (was it deleted or renamed?).")
        for doc, section in by_id.values():
            if section.id not in claimed and section.id not in expected_ids:
                self.loaded.report(doc, ("id",),
                                   f"原文中没有第 {section.id} 部分（原文共 {len(expected_ids)} 个部分）：部分编号按原文的顺序，"
                                   "一 即 1。请检查编号。",
                                   f"The source has no section {section.id} (it has {len(expected_ids)}): section ids "
                                   "follow the source's numbering, 一 is 1. Check the id.")
        return missing

    def _clauses(self, missing_sections: set[str]) -> None:
        by_text = {line.text: line for line in self.source.clauses}
        by_id = {line.id: line for line in self.source.clauses}
        accounted: set[str] = set()
        for doc, loc, clause in self.loaded.all_clauses():
            line = by_text.get(clause.text.zh)
            if line is not None:
                accounted.add(line.id)
                if clause.id != line.id:
                    headings = {h.id: h.text.partition("、")[0] for h in self.source.headings}
                    section, number = headings.get(line.id.split(".")[0], ""), _CLAUSE.match(line.text).group(0)
                    self.loaded.report(doc, loc + ("id",),
                                       f"条款编号应为“{line.id}”：这一条的原文是第 {line.number} 行，即 {section}{number}，"
                                       f"编号按原文顺序（一（二）即 1.2）。请写成 id: '{line.id}'。",
                                       f"The clause id must be '{line.id}': its text is line {line.number} of the source, "
                                       f"{section}{number}, and ids follow the source's numbering (一（二） is 1.2). "
                                       f"Write id: '{line.id}'.")
            elif clause.id in by_id:
                line = by_id[clause.id]
                accounted.add(line.id)
                self.loaded.report(doc, loc + ("text", "zh"),
                                   *_differs(line.text, clause.text.zh, self.source.name, line.number))
            else:
                ids = [c.id for c in self.source.clauses if c.id.split(".")[0] == clause.id.split(".")[0]]
                have = f"{ids[0]}–{ids[-1]}" if ids else "—"
                self.loaded.report(doc, loc + ("id",),
                                   f"原文中没有第 {clause.id} 条（原文这一部分的条款为 {have}），它的原文也与原文任何一行都不一致："
                                   "请核对编号和原文（一（二）即 1.2）。",
                                   f"The source has no clause {clause.id} (this section of the source has {have}), and "
                                   "its text matches no line of the source: check the id and the text "
                                   "(一（二） is 1.2).")
        for line in self.source.clauses:
            section = line.id.split(".")[0]
            if line.id in accounted or section in missing_sections or section in self.unverified \
                    or "*" in self.unverified:
                continue
            self.source._problem(line.number,
                                 f"原文的第 {line.id} 条在数据中找不到（或其 text.zh 与这一行不一致），网站上会缺少它："
                                 f"请在 sections/{section}.yaml 中加上这一条，text.zh 逐字照录这一行。",
                                 f"Clause {line.id} of the source is in no data file (or no text.zh equals this line), "
                                 f"so the site would lose it: add it to sections/{section}.yaml with this line, verbatim, "
                                 "as its text.zh.")


def _differs(expected: str, actual: str, source_name: str, source_line: int) -> tuple[str, str]:
    """Where a copy of the source differs from it: the first differing character, with a little context."""
    at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b), min(len(expected), len(actual)))

    def around(text: str) -> str:
        start = max(0, at - 8)
        piece = text[start:at + 8].replace("\n", "⏎")
        return ("…" if start else "") + piece + ("…" if at + 8 < len(text) else "") if piece else "（空）"

    src, here = around(expected), around(actual)
    return (f"与原文（{source_name} 第 {source_line} 行）不一致，从第 {at + 1} 个字起：原文是“{src}”，这里是“{here}”。"
            "原文必须逐字照录：请从原文复制。",
            f"This differs from the source ({source_name} line {source_line}) from character {at + 1} on: the "
            f"source has '{src}', this has '{here}'. The original must be copied exactly: copy it from the source.")
