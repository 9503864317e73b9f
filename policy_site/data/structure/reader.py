"""Every line of a source text in its one place: notice, title, preamble, section heading, clause text,
annex or footer; or reported, with its number, as a line that has none.

The numbering grammar is read from the text itself (documents contract, "Shapes the importer reads"):

- chapters and articles (第一章, 第一条 numbered on across chapters, （一） items inside an article);
- articles only (第一条 … with no chapters: one section, id "1", heading None);
- sections and items (一、 headings followed by （一） clauses; 1./（1） points inside a clause);
- lists (一、 items with no （一） after them; where the numbering starts again at 一, the unnumbered line
  just before each 一、 is that group's heading).

A number that skips or goes back, a clause before any heading, or a text with no numbering at all
raises :class:`TextNotStructured` with every problem located; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import TextNotStructured, TextProblem
from .lines import Classified, Kind, Line, classify, is_sentence, source_lines, tight_article
from .notice import Notice, read_notice, take_closing_signatures
from ..numerals import numeral
from .titles import plain_title

_STRUCTURAL = {Kind.CHAPTER, Kind.ARTICLE, Kind.SECTION, Kind.CLAUSE}


@dataclass
class Item:
    id: str          # 5.1 for 第五条（一）, 1.2.1 for a （1） inside clause 1.2
    label: str       # （一）, （1）, 1.
    line: Line


@dataclass
class Clause:
    id: str          # 5 for 第五条, 1.2 for 一（二）, 2.7 for group 2's 七、
    label: str       # 第五条, （二）, 七、 as written
    lines: list[Line] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The clause's ``text.zh``: its lines joined with a line break."""
        return "\n".join(line.text for line in self.lines)


@dataclass
class Section:
    id: str                      # "1", "2" …
    heading: str | None          # 总则 (without its number), a group's heading as written, or None
    heading_lines: list[Line] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    line: int
    place: str       # notice, title, preamble, heading, clause, annex, footer
    id: str = ""     # the section's id for a heading, the clause's id for clause text


@dataclass
class Structure:
    shape: str                            # chapters, articles, sections, list
    lines: list[Line]
    notice: Notice
    title_line: Line | None
    preamble: list[Line]
    sections: list[Section]
    annex_lines: list[Line]
    annexes: int
    footer: list[Line]
    unplaced: list[Line]
    notes: list[TextProblem] = field(default_factory=list)  # for staff; the structure is read all the same

    @property
    def clauses(self) -> list[Clause]:
        return [clause for section in self.sections for clause in section.clauses]

    def places(self) -> list[Place]:
        """Each placed line's place, in line order (a line in ``unplaced`` has none)."""
        found = [Place(line.number, "notice") for line in self.notice.lines]
        if self.title_line:
            found.append(Place(self.title_line.number, "title"))
        found += [Place(line.number, "preamble") for line in self.preamble]
        for section in self.sections:
            found += [Place(line.number, "heading", section.id) for line in section.heading_lines]
            for clause in section.clauses:
                found += [Place(line.number, "clause", clause.id) for line in clause.lines]
        found += [Place(line.number, "annex") for line in self.annex_lines]
        found += [Place(line.number, "footer") for line in self.footer]
        return sorted(found, key=lambda place: place.line)


def read_structure(text: str) -> Structure:
    """The structure of a source text (one paragraph a line); :class:`TextNotStructured` when it has none."""
    lines = source_lines(text)
    if not lines:
        raise TextNotStructured([TextProblem(0, "原文是空的：请粘贴政策原文，一段一行。",
                                             "The text is empty: paste the policy's text, one paragraph a line.")])
    return _Reader(lines).read()


class _Reader:
    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.kinds: list[Classified] = [classify(line) for line in lines]
        self.problems: list[TextProblem] = []
        self.unplaced: list[Line] = []
        self.notes: list[TextProblem] = []
        self.closed: set[str] = set()  # clauses whose run of numbered items has ended

    def problem(self, line: Line, zh: str, en: str) -> None:
        self.problems.append(TextProblem(line.number, zh, en))

    def read(self) -> Structure:
        notice = read_notice(self.lines)
        self.problems += notice.problems
        start = next((i for i in range(notice.end, len(self.lines))
                      if self.kinds[i].kind in _STRUCTURAL or tight_article(self.lines[i]) == 1), None)
        if start is None:
            at = self.lines[min(notice.end, len(self.lines) - 1)]
            raise TextNotStructured(self.problems + [TextProblem(
                at.number,
                "原文中找不到可识别的编号：正文要按“第一章”“第一条”“一、”“（一）”之一编号，每段一行。"
                "请检查粘贴的是否是完整的政策原文。",
                "No numbering the importer reads was found: the document must be numbered with 第一章, 第一条, "
                "一、 or （一）, one paragraph a line. Check that the whole text of the policy was pasted.")])
        end = next((i for i in range(start + 1, len(self.lines)) if self.kinds[i].kind in (Kind.ANNEX, Kind.FOOTER)),
                   len(self.lines))
        body = list(range(start, end))
        shape, sections, taken_before = self._body(body, notice.end)
        if sections and sections[-1].clauses:
            last = sections[-1].clauses[-1]
            if taken := take_closing_signatures(notice, last.lines):
                del last.lines[-taken:]
        head = list(range(notice.end, start - taken_before))
        title_line = self._title_line(head, notice)
        preamble = [self.lines[i] for i in head if title_line is None or self.lines[i] is not title_line]
        annex_lines, footer, annexes = self._tail(range(end, len(self.lines)))
        if self.problems:
            raise TextNotStructured(self.problems)
        return Structure(shape, self.lines, notice, title_line, preamble, sections, annex_lines, annexes, footer,
                         self.unplaced, self.notes)

    def _title_line(self, head: list[int], notice: Notice) -> Line | None:
        if not head:
            return None
        first = self.lines[head[0]]
        if notice.title is not None:
            wrapped = notice.wrapped_title
            return first if wrapped is not None and plain_title(first.text) == wrapped else None
        if self.kinds[head[0]].kind is Kind.TEXT and not is_sentence(first.text):
            return first
        return None

    # -- the body -------------------------------------------------------------------------------------------

    def _body(self, body: list[int], head_start: int) -> tuple[str, list[Section], int]:
        """The shape is decided by the first numbered line and the levels under it:

        第一章 … 第一条 / 第一条 …          → chapters (or articles only), （一） items inside articles
        一、 followed by 第一条             → articles under 一、 headings
        第一章 … （一） (no articles)        → chapters holding （一） clauses (ids 1.2)
        一、 … （一） / （一） alone          → sections and clauses (ids 1.2)
        一、 with no （一） under it        → a list, in groups where its numbering starts again at 一
        A reference at a line's start inside a clause (第五条 规定的……) never changes the shape.
        """
        first = self.kinds[body[0]].kind
        kinds = {self.kinds[i].kind for i in body}
        structural = [i for i in body if self.kinds[i].kind in _STRUCTURAL]
        if first is Kind.ARTICLE or tight_article(self.lines[body[0]]) == 1 or \
                (first is Kind.CHAPTER and Kind.ARTICLE in kinds):
            return ("chapters" if Kind.CHAPTER in kinds else "articles"), self._articles(body, Kind.CHAPTER), 0
        if first is Kind.SECTION and len(structural) > 1 and self.kinds[structural[1]].kind is Kind.ARTICLE:
            return "sections", self._articles(body, Kind.SECTION), 0
        if first is Kind.CHAPTER:
            clause_kind = Kind.CLAUSE if Kind.CLAUSE in kinds else Kind.SECTION
            return "chapters", self._sections(body, Kind.CHAPTER, clause_kind), 0
        if Kind.CLAUSE in kinds:
            return "sections", self._sections(body, Kind.SECTION, Kind.CLAUSE), 0
        return self._list(body, head_start)

    def _heading(self, kind: Classified, expected: int) -> Section:
        """A chapter or section heading checked against the numbering: its section, words without the number."""
        example = f"第{numeral(expected)}章" if kind.kind is Kind.CHAPTER else f"{numeral(expected)}、"
        self._expect(kind.line, kind.value, expected, example, "chapter" if kind.kind is Kind.CHAPTER else "section")
        return Section(str(kind.value), kind.rest or None, [kind.line])

    def _articles(self, body: list[int], heading_kind: Kind) -> list[Section]:
        sections: list[Section] = []
        has_headings = any(self.kinds[i].kind is heading_kind for i in body)
        next_article = 1
        clause: Clause | None = None
        heading_pending: Section | None = None
        for i in body:
            line, kind = self.lines[i], self.kinds[i]
            if kind.kind is heading_kind:
                section = self._heading(kind, 1 + sum(1 for known in sections if known.heading_lines))
                sections.append(section)
                heading_pending = None if kind.rest else section
                clause = None
                continue
            value = kind.value if kind.kind is Kind.ARTICLE else tight_article(line)
            if value is not None and (kind.kind is Kind.ARTICLE or value == next_article):
                self._expect(line, value, next_article, f"第{numeral(next_article)}条", "article")
                next_article = value + 1
                heading_pending = None
                if not sections:
                    if has_headings:
                        self.problem(line, "这一条出现在第一个标题（第一章 或 一、）之前：请检查编号。",
                                     "This article comes before the first heading (第一章 or 一、): check the "
                                     "numbering.")
                    sections.append(Section("1", None))
                clause = Clause(str(value), line.text[:line.text.index("条") + 1], [line])
                sections[-1].clauses.append(clause)
                continue
            if heading_pending is not None and kind.kind is Kind.TEXT and not is_sentence(line.text):
                heading_pending.heading = line.text  # 第一章 on its own line, its words on the next
                heading_pending.heading_lines.append(line)
                heading_pending = None
                continue
            if clause is None:
                self.unplaced.append(line)
                continue
            clause.lines.append(line)
            if kind.kind is Kind.CLAUSE:
                self._item(clause, line, kind, f"（{numeral(len(clause.items) + 1)}）")
        return sections

    def _sections(self, body: list[int], heading_kind: Kind, clause_kind: Kind) -> list[Section]:
        sections: list[Section] = []
        clause: Clause | None = None
        has_headings = any(self.kinds[i].kind is heading_kind for i in body)
        for i in body:
            line, kind = self.lines[i], self.kinds[i]
            if kind.kind is heading_kind:
                sections.append(self._heading(kind, 1 + sum(1 for known in sections if known.heading_lines)))
                clause = None
            elif kind.kind is clause_kind:
                if not sections:
                    if has_headings:
                        self.problem(line, "这一条出现在第一个标题（第一章 或 一、）之前：请检查编号。",
                                     "This clause comes before the first heading (第一章 or 一、): check the "
                                     "numbering.")
                    sections.append(Section("1", None))
                section = sections[-1]
                expected = len(section.clauses) + 1
                example = f"（{numeral(expected)}）" if clause_kind is Kind.CLAUSE else f"{numeral(expected)}、"
                self._expect(line, kind.value, expected, example, "clause")
                clause = Clause(f"{section.id}.{kind.value}", kind.label, [line])
                section.clauses.append(clause)
            elif clause is None:
                self.unplaced.append(line)
            else:
                clause.lines.append(line)
                if kind.kind is Kind.POINT:
                    self._point(clause, line, kind)
        return sections

    def _list(self, body: list[int], head_start: int) -> tuple[str, list[Section], int]:
        restarts = [i for i in body[1:] if self.kinds[i].kind is Kind.SECTION and self.kinds[i].value == 1]
        taken_before = 0
        first_heading: list[Line] = []
        if restarts and body[0] - 1 >= head_start and _can_head_a_group(self.kinds[body[0] - 1]):
            first_heading, taken_before = [self.lines[body[0] - 1]], 1
        sections = [Section("1", first_heading[0].text if first_heading else None, first_heading)]
        item: Clause | None = None
        for i in body:
            line, kind = self.lines[i], self.kinds[i]
            if kind.kind is Kind.SECTION:
                if kind.value == 1 and item is not None:
                    before = self.lines[i - 1]
                    if len(item.lines) < 2 or not _can_head_a_group(self.kinds[i - 1]):
                        self.problem(line, f"列表的编号从“一、”重新开始，但前一行（第 {before.number} 行）不像这一组的标题"
                                           "（标题是单独一行、不编号、不带句读和冒号的文字）：请在“一、”前面放上这一组的标题。",
                                     f"The list's numbering starts again at 一、 but the line before it (line "
                                     f"{before.number}) does not read as the group's heading (one unnumbered line "
                                     "without sentence punctuation or a colon): put the group's heading before this "
                                     "一、.")
                        group_heading = []
                    else:
                        group_heading = [item.lines.pop()]
                    sections.append(Section(str(len(sections) + 1), group_heading[0].text if group_heading else None,
                                            group_heading))
                else:
                    expected = len(sections[-1].clauses) + 1
                    self._expect(line, kind.value, expected, f"{numeral(expected)}、", "item")
                item = Clause(f"{sections[-1].id}.{kind.value}", kind.label, [line])
                sections[-1].clauses.append(item)
            elif item is None:
                self.unplaced.append(line)
            else:
                item.lines.append(line)
                if kind.kind is Kind.POINT:
                    self._point(item, line, kind)
        return "list", sections, taken_before

    def _point(self, clause: Clause, line: Line, kind: Classified) -> None:
        """A numbered point inside a clause (（1）, 1.): items of the first kind the clause uses, as long as their
        numbering runs on from 1. A point that does not run on (a second list, a list in a note) stays text of the
        clause; staff are told unless it starts again at 1."""
        paren = kind.label.startswith(("（", "("))
        if clause.items and clause.items[0].label.startswith(("（", "(")) != paren:
            return  # a point of the other kind: part of an item's text
        expected = len(clause.items) + 1
        if clause.id not in self.closed and kind.value == expected:
            clause.items.append(Item(f"{clause.id}.{kind.value}", kind.label, line))
            return
        self.closed.add(clause.id)
        if kind.value != 1:
            self.notes.append(TextProblem(
                line.number, f"第 {clause.id} 条里的编号“{kind.label}”没有接着前面的编号：这一行作为这一条的正文保留，"
                             "不算作一项。请按原件核对。",
                f"The numbering '{kind.label}' inside clause {clause.id} does not run on from the points before it: "
                "the line is kept as the clause's text, not as an item. Check it against the original."))

    def _item(self, clause: Clause, line: Line, kind: Classified, example: str) -> None:
        """An article's （一） item: numbered on from （一）; a second list that starts again at （一） stays text
        (and staff are told); a number that skips or goes back is refused."""
        expected = len(clause.items) + 1
        if clause.id in self.closed:
            return
        if kind.value == 1 and clause.items:
            self.closed.add(clause.id)
            self.notes.append(TextProblem(
                line.number, f"第 {clause.id} 条里的编号从“{kind.label}”重新开始：第二组编号作为这一条的正文保留，不算作项。",
                f"The numbering inside clause {clause.id} starts again at '{kind.label}': the second list is kept as "
                "the clause's text, not as items."))
            return
        if kind.value != expected:
            self.problem(line, f"第 {clause.id} 条里的编号“{kind.label}”不连续：这里应是第 {expected} 项"
                               f"（如 {example}）。请按原件核对编号（是否漏了一段？）。",
                         f"The numbering '{kind.label}' inside clause {clause.id} breaks the sequence: item {expected} "
                         f"should come here (as in {example}). Check the numbering against the original (is a "
                         "paragraph missing?).")
        clause.items.append(Item(f"{clause.id}.{kind.value}", kind.label, line))

    def _expect(self, line: Line, value: int, expected: int, example: str, what: str) -> None:
        if value == expected:
            return
        went = "倒退" if value < expected else "跳过了编号"
        went_en = "goes back" if value < expected else "skips"
        names = {"chapter": ("章", "chapter"), "article": ("条", "article"), "section": ("部分", "section"),
                 "clause": ("条", "clause"), "item": ("项", "item")}
        zh_name, en_name = names[what]
        label = classify(line).label or line.text[:line.text.find("条") + 1]
        self.problem(line, f"编号{went}：这一{zh_name}的编号是“{label}”，"
                           f"按顺序这里应是“{example}”。请按原件核对编号（是否漏了一段或多了一段？）。",
                     f"The numbering {went_en}: this {en_name} is numbered "
                     f"'{label}' where '{example}' should come next. Check the "
                     "numbering against the original (is a paragraph missing, or one too many?).")

    # -- after the last clause ------------------------------------------------------------------------------

    def _tail(self, tail: range) -> tuple[list[Line], list[Line], int]:
        annex: list[Line] = []
        footer: list[Line] = []
        listed = given = 0
        in_footer = False
        listing = False
        for i in tail:
            line, kind = self.lines[i], self.kinds[i]
            if kind.kind is Kind.ANNEX:
                in_footer = False
            elif kind.kind is Kind.FOOTER:
                in_footer = True
            if in_footer:
                footer.append(line)
                listing = False
                continue
            annex.append(line)
            if kind.kind is Kind.ANNEX:
                rest = line.text.strip()[2:].lstrip()
                if rest.startswith(("：", ":")):
                    names = rest[1:].strip()
                    listing = True
                    listed += 1 if names else 0
                    if names and _leading_number(names) is not None:
                        listed = max(listed, _leading_number(names) or 0)
                else:
                    listing = False
                    if not rest or rest.isdigit() or rest.rstrip("：:").isdigit():
                        given += 1
            elif listing and kind.kind is Kind.POINT:
                listed = max(listed, kind.value or 0)
            else:
                listing = False
        return annex, footer, max(listed, given)


def _can_head_a_group(kind: Classified) -> bool:
    """面向单位的扶持政策 can head a list's group; 申领方式：…, 网址：…, a sentence or a numbered line cannot."""
    text = kind.line.text
    return kind.kind is Kind.TEXT and not is_sentence(text) and not any(mark in text for mark in "：:/")


def _leading_number(text: str) -> int | None:
    digits = ""
    for ch in text:
        if not ch.isdigit():
            break
        digits += ch
    return int(digits) if digits and text[len(digits):len(digits) + 1] in (".", "．", "、") else None
