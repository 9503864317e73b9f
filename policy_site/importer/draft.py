"""A document read from its text, as the draft data files staff complete: document.yaml, one file a
section, and review.md (what needs a person). Pure: the caller reads the source and the library's
agencies and writes the files (``library``).

Everything in a draft comes from the text or says that it does not: a clause's ``text.zh`` is its source
lines joined with a line break; the life is what the text states (null where it says nothing); an
agency is linked only when the text's name is one the library already knows; amounts are listed, never
made into rules; English is absent and marked pending.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from .agencies import AgencyMarker
from .amounts import AmountCandidate
from ..data.structure.doc_numbers import find_numbers
from ..data.structure.errors import TextProblem
from ..data.structure.lines import Kind, Line, classify, is_sentence
from .outline import Document
from ..data.structure.reader import Clause, Section
from .yaml_text import Block, Entry, Items, Mapping

TITLE_MAX = 40
"""A clause's own title (（一）帮扶困难企业稳定就业岗位。…) is at most this many characters; longer words
before the first 。 are a sentence, not a title."""

PENDING_EN = "英文待补 / English pending"
_REFERENCE = re.compile(r"《(?P<title>(?:[^《》〈〉]|〈[^〈〉]*〉)+)》\s*[（(](?P<ref>[^（）()]+)[）)]")


@dataclass(frozen=True)
class KnownAgency:
    id: str
    names: tuple[str, ...]   # name.zh, full_name.zh, also_written_as


@dataclass
class AgencyUse:
    """A name the text gives an agency: the library's agency it is (None: a proposal for staff)."""

    name: str
    agency: str | None
    clauses: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


@dataclass
class Draft:
    doc_id: str
    shape: str
    document: Mapping
    sections: dict[str, Mapping]              # section id → sections/<id>.yaml
    review: str                               # review.md
    clauses: int = 0
    items: int = 0
    annexes: int = 0
    untitled: list[str] = field(default_factory=list)       # clause ids whose title staff write
    agencies: list[AgencyUse] = field(default_factory=list)
    amounts: list[tuple[str, AmountCandidate]] = field(default_factory=list)
    references: list[tuple[str | None, str]] = field(default_factory=list)  # (number, title) in the text
    notes: list[TextProblem] = field(default_factory=list)

    @property
    def proposals(self) -> list[AgencyUse]:
        return [use for use in self.agencies if use.agency is None]


def normal_name(name: str) -> str:
    """An agency's name as compared (never as written): ASCII brackets as full-width, no spaces."""
    return re.sub(r"\s+", "", name).replace("(", "（").replace(")", "）")


def draft(document: Document, agencies: list[KnownAgency]) -> Draft:
    """The draft data of ``document`` (read by :func:`~.outline.read_document`, with its id)."""
    if not document.id:
        raise ValueError("a draft needs the document's id")
    structure = document.structure
    known = {normal_name(name): agency.id for agency in agencies for name in agency.names}
    uses: dict[str, AgencyUse] = {}
    result = Draft(document.id, structure.shape, Mapping([]), {}, "", annexes=structure.annexes,
                   notes=sorted(document.notes))
    markers = {marker.line: marker for marker in document.agencies}
    for section in structure.sections:
        result.sections[section.id] = _section(section, markers, known, uses, document.amounts, result)
    result.agencies = list(uses.values())
    result.references = _references(document)
    result.document = _document(document, result)
    result.review = _review(document, result)
    return result


# -- document.yaml ------------------------------------------------------------------------------------------

def _document(document: Document, result: Draft) -> Mapping:
    structure = document.structure
    life = document.life
    source_lines = {line.number: line.text for line in structure.lines}
    life_said = [f"原文第 {n} 行 / source line {n}: {source_lines[n]}" for n in life.lines if n in source_lines]
    if life.in_force_from is None and life.expires is None:
        life_said.append("原文没有写明施行和失效日期：留空，不要猜 / the text gives no dates: left empty, never guessed")
    title = document.title
    first_clause = structure.clauses[0] if structure.clauses else None
    item = next((clause.items[0] for clause in structure.clauses if clause.items), None)
    heading = next((section.heading_lines[0] for section in structure.sections if section.heading_lines
                    and classify(section.heading_lines[0]).kind in (Kind.CHAPTER, Kind.SECTION)), None)
    grammar = Mapping([
        Entry("shape", structure.shape),
        Entry("headings", classify(heading).label if heading else None),
        Entry("clauses", first_clause.label if first_clause else None),
        Entry("items", item.label if item else None),
    ])
    entries = [
        Entry("id", document.id),
        Entry("draft", True, ["草稿：工作人员补全并核对后改为 false / a draft: staff set false once it is complete "
                              "and checked"]),
        Entry("title", _zh(title) if title else None,
              [f"title.en: {PENDING_EN}"] if title else
              ["原文没有标题：请写一个（说明是编者所加）/ the text gives no title: write one (say it is the editors')"]),
        Entry("number", document.number),
        Entry("issuers", [_zh(name) for name in document.issuers],
              [f"issuers[].en: {PENDING_EN}"] if document.issuers else []),
        Entry("signed", document.signed),
        Entry("in_force_from", life.in_force_from, life_said),
        Entry("expires", life.expires),
        Entry("implements", [], ["它落实的文件：候选见 review.md / the documents it implements: candidates in "
                                 "review.md"]),
        Entry("repeals", [_repealed(r.number, r.title) for r in life.repeals]),
        Entry("repealed_by", [], ["废止它的文件（如有）/ the document that repealed it, if any"]),
        Entry("structure", grammar, ["编号方式，由导入时读出 / the numbering, as read by import"]),
        Entry("notice", _text(structure.notice.lines), _where("通知 / notice", structure.notice.lines)),
        Entry("title_line", _text([structure.title_line] if structure.title_line else [])),
        Entry("preamble", _text(structure.preamble), _where("序言 / preamble", structure.preamble)),
        Entry("annexes", None if not structure.annex_lines else Mapping([
            Entry("count", structure.annexes), Entry("zh", Block(_joined(structure.annex_lines)))]),
            _where("附件 / annexes", structure.annex_lines)),
        Entry("footer", _text(structure.footer), _where("版记 / footer", structure.footer)),
        Entry("summary", None, ["摘要待写 / summary to write: {zh: …, en: …}"]),
    ]
    return Mapping(entries)


def _zh(text: str) -> dict[str, str]:
    return {"zh": text}


def _repealed(number: str | None, title: str | None) -> dict:
    return {"number": number, "title": _zh(title) if title else None}


def _joined(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def _text(lines: list[Line]) -> dict[str, Block] | None:
    return {"zh": Block(_joined(lines))} if lines else None


def _where(what: str, lines: list[Line]) -> list[str]:
    return [f"{what}：{span(lines)}"] if lines else []


def span(lines: list[Line]) -> str:
    """原文第 18–23 行 / source lines 18–23 (or one line)."""
    first, last = lines[0].number, lines[-1].number
    if first == last:
        return f"原文第 {first} 行 / source line {first}"
    return f"原文第 {first}–{last} 行 / source lines {first}–{last}"


# -- sections/<id>.yaml -------------------------------------------------------------------------------------

def _section(section: Section, markers: dict[int, AgencyMarker], known: dict[str, str],
             uses: dict[str, AgencyUse], amounts: list[AmountCandidate], result: Draft) -> Mapping:
    heading = section.heading_lines[0] if section.heading_lines else None
    kind = classify(heading) if heading else None
    number = kind.label if kind and kind.kind in (Kind.CHAPTER, Kind.SECTION) else None
    clauses = [_clause(clause, markers, known, uses, amounts, result) for clause in section.clauses]
    return Mapping([
        Entry("id", section.id),
        Entry("number", number),
        Entry("title", _zh(section.heading) if section.heading else None),
        Entry("text", _text(section.heading_lines)),
        Entry("clauses", Items(clauses)),
    ])


def clause_title(clause: Clause) -> str | None:
    """（一）帮扶困难企业稳定就业岗位。… → 帮扶困难企业稳定就业岗位; 一、一次性创业资助 → 一次性创业资助: the words
    before the first 。 when they are short and no sentence, and more follows them. Articles (第五条 …) have no
    title of their own: None, and staff write one."""
    if classify(clause.lines[0]).kind is Kind.ARTICLE or clause.label.startswith("第"):
        return None
    rest = clause.lines[0].text[len(clause.label):].strip()
    words, stop, after = rest.partition("。")
    if stop and not after.strip() and len(clause.lines) == 1:
        return None  # one sentence and nothing else: the clause's text, not its title
    if not words or len(words) > TITLE_MAX or is_sentence(words) or "：" in words or ":" in words:
        return None
    return words


def _clause(clause: Clause, markers: dict[int, AgencyMarker], known: dict[str, str],
            uses: dict[str, AgencyUse], amounts: list[AmountCandidate], result: Draft) -> Mapping:
    title = clause_title(clause)
    result.clauses += 1
    result.items += len(clause.items)
    if title is None:
        result.untitled.append(clause.id)
    lead: list[str] = []
    support: list[str] = []
    proposals: list[str] = []
    numbers = {line.number for line in clause.lines}
    for line_number in sorted(numbers & markers.keys()):
        marker = markers[line_number]
        for role, names in (("lead", marker.lead), ("support", marker.support), ("in_charge", marker.in_charge)):
            for name in names:
                use = uses.setdefault(name, AgencyUse(name, known.get(normal_name(name))))
                if clause.id not in use.clauses:
                    use.clauses.append(clause.id)
                if line_number not in use.lines:
                    use.lines.append(line_number)
                if use.agency is None:
                    proposals.append(f"{name}（第 {line_number} 行 / line {line_number}）")
                elif role == "lead" and use.agency not in lead:
                    lead.append(use.agency)
                elif role == "support" and use.agency not in support and use.agency not in lead:
                    support.append(use.agency)
    found = [amount for amount in amounts if amount.line in numbers]
    result.amounts += [(clause.id, amount) for amount in found]
    trailing = []
    if proposals:
        trailing.append("原文提到、agencies.yaml 中还没有的单位（见 review.md）/ agencies the text names that "
                        "agencies.yaml lacks (see review.md): " + "；".join(dict.fromkeys(proposals)))
    if found:
        trailing.append("金额候选（供计算器参考，不是规则）/ amount candidates (for calculators; not rules):")
        trailing += [f"  第 {a.line} 行 / line {a.line}: {describe_amount(a)}" for a in found]
    entries = [
        Entry("id", clause.id),
        Entry("number", clause.label),
        Entry("title", _zh(title) if title else None,
              [] if title else ["标题待写：原文这一条没有标题 / title to write: the text gives this clause none"]),
        Entry("text", {"zh": Block(clause.text)},
              [span(clause.lines)]),
        Entry("items", [{"id": item.id, "number": item.label} for item in clause.items],
              [f"text.en: {PENDING_EN}"]),
        Entry("summary", None),
        Entry("audiences", []),
        Entry("lead_agencies", lead),
        Entry("assisting_agencies", support),
        Entry("funding", []),
        Entry("measures", []),
    ]
    return Mapping(entries, trailing)


def describe_amount(amount: AmountCandidate) -> str:
    """每人每月3000元 → 每人每月3000元 = 3000 元 (每人每月, at most …) as one line for staff."""
    value = f"{amount.low}–{amount.value}" if amount.low is not None else str(amount.value)
    said = [word for word in (amount.per,
                              {"at_most": "至多 / at most", "at_least": "至少 / at least"}.get(amount.bound or ""),
                              "含本数 / inclusive" if amount.inclusive else None) if word]
    return f"{amount.text} = {value} {amount.unit}" + (f"（{'，'.join(said)}）" if said else "")


# -- what the text refers to ---------------------------------------------------------------------------------

def _references(document: Document) -> list[tuple[str | None, str]]:
    """《title》（number） in the notice's body, the preamble and the first clause: candidates for implements."""
    structure = document.structure
    lines = [*structure.notice.body, *structure.preamble, *(structure.clauses[0].lines if structure.clauses else [])]
    found: list[tuple[str | None, str]] = []
    for line in lines:
        for match in _REFERENCE.finditer(line.text):
            numbers = find_numbers(match.group("ref"))
            entry = (numbers[0].text if numbers else None, match.group("title"))
            if entry not in found:
                found.append(entry)
    return found


# -- review.md ------------------------------------------------------------------------------------------------

def _review(document: Document, result: Draft) -> str:
    """What needs a person, in both languages, as a checklist (never read by the build)."""
    out = [f"# 待办 / To do: {document.title or result.doc_id}", "",
           f"由 `policy-site import` 写出的草稿（{result.doc_id}）。逐项处理后，可删除本文件。",
           f"A draft written by `policy-site import` ({result.doc_id}). Work through each item; this file may then "
           "be deleted.", "", "## 文档 / The document", ""]
    life = document.life
    out.append(f"- [ ] 英文标题、发文机关英文名 / English title and issuers' English names ({PENDING_EN})")
    if life.in_force_from is None and life.expires is None:
        out.append("- [ ] 原文没有写明施行和失效日期：如有正式公布的日期，按原件填写 `in_force_from` / `expires`，"
                   "否则留空 / the text gives no dates: fill in `in_force_from` / `expires` only from an official "
                   "source, else leave them empty")
    else:
        out.append(f"- [ ] 核对施行日期 {_day(life.in_force_from)} 和失效日期 {_day(life.expires)}（原文第 "
                   f"{', '.join(map(str, life.lines))} 行）/ check in force from {_day(life.in_force_from)} and "
                   f"expires {_day(life.expires)} (source line(s) {', '.join(map(str, life.lines))}) against the "
                   "original")
    out.append("- [ ] 写摘要（summary）/ write the summary")
    if result.references:
        out.append("- [ ] 它落实哪些文件（implements）？原文提到 / which documents does it implement? The text "
                   "refers to:")
        out += [f"    - 《{title}》" + (f"（{number}）" if number else "") for number, title in result.references]
    if result.untitled:
        out += ["", "## 标题 / Titles", "",
                f"- [ ] 这些条没有标题，请写 / these clauses have no title: write one: {', '.join(result.untitled)}"]
    out += ["", "## 英文 / English", "",
            f"- [ ] 每一条的 `text.en`（{result.clauses} 条）；写好之前英文页面显示中文原文和“译文待补”的提示 / "
            f"`text.en` of every clause ({result.clauses}); until then the English pages show the Chinese text with "
            "a notice that the translation is pending"]
    out += ["", "## 单位 / Agencies", ""]
    matched = [use for use in result.agencies if use.agency]
    if matched:
        out.append("已对应到 agencies.yaml / matched to agencies.yaml: "
                   + "；".join(f"{use.name} → `{use.agency}`" for use in matched))
    if result.proposals:
        out.append("")
        out.append("- [ ] agencies.yaml 中还没有这些单位：加上它们（名称照原文；英文名、全称、联系方式只按官方来源），或把这种写法加到"
                   "已有单位的 `also_written_as` / agencies.yaml lacks these: add each (name as the text writes it; "
                   "English name, full name and contacts only from an official source), or add the spelling to an "
                   "agency's `also_written_as`:")
        out += [f"    - {use.name}（条 / clauses {', '.join(use.clauses)}；行 / lines "
                f"{', '.join(map(str, use.lines))}）" for use in result.proposals]
        out += ["", "  agencies.yaml 的草稿（每个 id 请自选：小写英文字母、数字和下划线）/ drafts for agencies.yaml "
                "(choose each id: lowercase letters, digits, underscores):", "", "```yaml"]
        for use in result.proposals:
            out += ["- id: CHOOSE_AN_ID", f"  name: {{zh: {_flow(use.name)}, en: null}}", "  also_written_as: []",
                    "  address: null", "  phone: null", "  hours: null", "  website: null"]
        out.append("```")
    if not result.agencies:
        out.append("- [ ] 原文没有用“牵头单位：…”“由…负责”标出单位：请按条填写 `lead_agencies` / the text marks no "
                   "agencies (牵头单位：…, 由…负责): fill in `lead_agencies` clause by clause")
    out += ["", "## 金额候选 / Amount candidates", ""]
    if result.amounts:
        out.append("供计算器参考，不会自动变成规则 / for calculators; never made into rules by the import:")
        out.append("")
        out.append("| 条 clause | 行 line | 原文 / as written |")
        out.append("|---|---|---|")
        out += [f"| {clause} | {amount.line} | {_cell(describe_amount(amount))} |" for clause, amount in result.amounts]
    else:
        out.append("原文中没有读到金额 / no amounts found in the text.")
    out += ["", "## 人员、适用对象、措施 / Audiences, measures", "",
            "- [ ] 每条的 `audiences`、`funding`、`measures`（找政策工具用）/ each clause's `audiences`, `funding`, "
            "`measures` (for the finder)"]
    if result.notes:
        out += ["", "## 导入时的提示 / Notes from the import", ""]
        out += [f"- [ ] 第 {note.line} 行 / line {note.line}: {note.zh} / {note.en}" for note in result.notes]
    return "\n".join(out) + "\n"


def _flow(text: str) -> str:
    """A name as a YAML scalar that is safe anywhere, also inside a flow mapping: a JSON string."""
    return json.dumps(text, ensure_ascii=False)


def _cell(text: str) -> str:
    """Text in a Markdown table cell: a | of the source is not a column."""
    return text.replace("|", "\\|")


def _day(value) -> str:
    return value.isoformat() if value else "—"
