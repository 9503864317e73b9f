"""Read one YAML file safely, keeping the line of every value for error messages.

Duplicate keys are rejected (PyYAML would silently keep the last one), and
nothing but plain data is constructed (safe loader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataProblem

Location = tuple[str | int, ...]
FILE_MAX_BYTES = 16_000_000
"""A data file larger than this is refused before it is parsed (the real files are below 40 KB; a field
has its own, smaller limit in the model)."""


class _AliasRefused(yaml.MarkedYAMLError):
    """An anchor (&name) or alias (*name): refused before anything is expanded (no alias bombs)."""


class _PlainLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as text (the model parses them, so a bad date is a normal
    error) and refuses anchors and aliases before composing them, so nothing is ever expanded."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _AliasRefused(problem=f"anchor or alias '{event.anchor}'", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class YamlDocument:
    """The plain data of one file and the line (1-based) where each value starts."""

    path: Path
    display_name: str
    data: Any = None
    lines: dict[Location, int] = field(default_factory=dict)
    typed: dict[Location, str] = field(default_factory=dict)
    """Unquoted values that YAML read as something other than text (1.2, 6321234, No), as written."""

    def line_of(self, location: Location) -> int:
        """The line of ``location``, or of its nearest ancestor that has one."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display_name: str) -> tuple[YamlDocument, list[DataProblem]]:
    """Parse ``path``; return the document and the problems found (never raises for bad YAML)."""
    doc = YamlDocument(path=path, display_name=display_name)
    size = path.stat().st_size
    if size > FILE_MAX_BYTES:
        return doc, [DataProblem(display_name, 1, "",
                                 f"文件太大（{size / 1e6:.0f} MB，最多 {FILE_MAX_BYTES / 1e6:.0f} MB）：是否误粘贴了大量内容？",
                                 f"The file is too large ({size / 1e6:.0f} MB, at most {FILE_MAX_BYTES / 1e6:.0f} MB): "
                                 "was something pasted in by mistake?")]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return doc, [DataProblem(display_name, 1, "", f"文件不是 UTF-8 编码（{exc.reason}）：请用 UTF-8 保存。",
                                 f"The file is not UTF-8 ({exc.reason}): save it as UTF-8.")]
    problems: list[DataProblem] = []
    try:
        loader = _PlainLoader(text)
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow (NUL, …)
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return doc, [DataProblem(display_name, line, "",
                                 f"这一行有一个不允许的不可见字符（U+{code:04X}）：请删除它（可能是从别处复制时带进来的）。",
                                 f"This line holds an invisible character that is not allowed (U+{code:04X}): delete it "
                                 "(it may have come with text copied from elsewhere).")]
    try:
        node = loader.get_single_node()
        if node is None:
            doc.data = None
        else:
            doc.lines[()] = node.start_mark.line + 1
            doc.data = _build(loader, node, (), doc, problems)
    except yaml.MarkedYAMLError as exc:
        problems.extend(syntax_problems(text, exc, display_name))
    except RecursionError:
        problems.append(DataProblem(display_name, loader.get_mark().line + 1, "", "YAML 格式错误：嵌套层数太多（如成千上万个“[”）：请检查文件内容。",
                                    "YAML syntax error: nested too deeply (thousands of '[' or similar): check the "
                                    "file's content."))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        problems.append(DataProblem(display_name, 1, "", "YAML 格式错误：请检查文件的缩进、冒号和引号。",
                                    f"YAML syntax error ({exc}): check the indentation, colons and quotes."))
    finally:
        loader.dispose()
    if not problems:
        problems.extend(DataProblem(display_name, line, "", zh, en) for line, zh, en in _slips(text))
    return doc, problems


# -- YAML syntax errors: find the line the person actually got wrong, and say what to do ------------

_FULL_WIDTH_COLON = re.compile(r"(?:^\s*(?:-\s+)?|[{,]\s*)[A-Za-z_][A-Za-z0-9_-]*\s*：")
_KEY_WITH_VALUE = re.compile(r"^(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*\s*:\s+\S")
_QUOTE_HINT = ("引号没有配对：这一行以引号（' 或 \"）开头的值缺少结尾的引号。请补上，或去掉开头的引号。",
               "Unclosed quote: a value on this line starts with a quote (' or \") that is never closed. "
               "Add the closing quote, or remove the opening one.")
_COLON_HINT = ("这一行用了中文全角冒号“：”：键后面必须是英文半角冒号“:”加一个空格，如 number: （二）。",
               "This line uses the full-width colon '：': a key must be followed by the ASCII colon ':' and a space, "
               "e.g. number: （二）.")
_TAB_HINT = ("这一行的缩进里有 Tab（制表符）：YAML 只能用空格缩进。请把 Tab 换成空格。",
             "This line is indented with a tab: YAML allows only spaces. Replace the tab with spaces.")
_ALIAS_HINT = ("数据文件中不能使用锚点（&名称）和别名（*名称）：请把内容直接写出来。",
               "Anchors (&name) and aliases (*name) are not allowed in the data files: write the content out in full.")


def _slips(text: str) -> list[tuple[int, str, str]]:
    """Lines with a typical slip that YAML may still accept: (line, zh, en).

    A full-width colon after a key (``number：（二）``) in a flow mapping or a list item parses as
    text, so it is looked for even in a file that parses.
    """
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if (match := _FULL_WIDTH_COLON.search(line)) and match.group(0).strip(" -：{,").islower():
            found.append((number, *_COLON_HINT))
    return found


def _unclosed_quote(line: str) -> bool:
    """Does a quoted value start on this line and not end on it?"""
    i, n, depth = 0, len(line), 0
    value_start = True  # at the start of the line (after indentation and "- "), after ": ", in a flow
    while i < n:
        ch = line[i]
        if ch in "'\"" and value_start:
            quote, i = ch, i + 1
            while i < n:
                if line[i] == "\\" and quote == '"':
                    i += 2
                    continue
                if line[i] == quote:
                    if quote == "'" and i + 1 < n and line[i + 1] == "'":
                        i += 2
                        continue
                    break
                i += 1
            if i >= n:
                return True
            i, value_start = i + 1, False
            continue
        if ch == "#" and (i == 0 or line[i - 1] in " \t"):
            return False
        if ch in " \t":
            i += 1
            continue
        if ch in "[{" and value_start:
            depth += 1
        elif ch in "]}" and depth:
            depth -= 1
        spaced = i + 1 >= n or line[i + 1] in " \t"
        value_start = (ch in "-:?" and spaced) or (ch in "[{" and value_start) or (ch == "," and depth > 0)
        i += 1
    return False


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines(lines: list[str], before: int) -> list[int]:
    """0-based numbers of the lines above ``before`` that hold data (not blank, not a comment), nearest first."""
    return [i for i in range(min(before, len(lines)) - 1, -1, -1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#")]


def syntax_problems(text: str, exc: yaml.MarkedYAMLError, display_name: str) -> list[DataProblem]:
    """The problem for a YAML syntax error, on the line to fix, with a hint in both languages.

    PyYAML often notices a mistake a line or more after it (an unclosed quote only at the end of
    the file); the typical slips are looked for on the lines up to the one it names. The parser's
    own English words stay in the English line only.
    """
    lines = text.splitlines()
    problem = exc.problem_mark or exc.context_mark
    at = problem.line if problem else 0  # 0-based
    detail = " ".join(x for x in (exc.context, exc.problem) if x)

    def report(line0: int, zh: str, en: str, with_detail: bool = True) -> list[DataProblem]:
        suffix = f" (YAML parser: {detail}.)" if with_detail and detail else ""
        return [DataProblem(display_name, line0 + 1, "", "YAML 格式错误：" + zh, "YAML syntax error: " + en + suffix)]

    if isinstance(exc, _AliasRefused):
        return report(at, *_ALIAS_HINT, with_detail=False)
    scan_to = min(at, len(lines) - 1)
    for i in range(0, scan_to + 1):  # the first slip at or above the line the parser names
        line = lines[i]
        if _FULL_WIDTH_COLON.search(line):
            return report(i, *_COLON_HINT)
        if line[:len(line) - len(line.lstrip(" \t"))].count("\t"):
            return report(i, *_TAB_HINT)
        if _unclosed_quote(line):
            return report(i, *_QUOTE_HINT)
    if "\t" in (exc.problem or ""):
        return report(at, *_TAB_HINT)
    if exc.context and "quoted scalar" in exc.context and exc.context_mark:
        return report(exc.context_mark.line, *_QUOTE_HINT)
    if exc.context and "simple key" in exc.context and exc.context_mark:
        return report(exc.context_mark.line, "这一行的键后面缺少冒号“:”（或冒号后缺少空格）：请写成 键: 值。",
                      "A key on this line has no colon ':' after it (or no space after the colon): write key: value.")
    if "mapping values are not allowed" in (exc.problem or ""):
        return report(at, "这一行的值里有“: ”（冒号加空格），或者缩进不对：含有冒号的值请整个用引号括起来，"
                          "如 en: \"Note: …\"；否则请对照上下几行检查缩进。",
                      "A value on this line contains ': ' (a colon and a space), or the indentation is wrong: put a "
                      "value with a colon in quotes, e.g. en: \"Note: …\"; otherwise compare the indentation with the "
                      "lines around it.")
    if "expected <block end>" in (exc.problem or ""):
        above = _content_lines(lines, at)
        if above and at < len(lines) and _indent(lines[above[0]]) < _indent(lines[at]) \
                and _KEY_WITH_VALUE.match(lines[above[0]].lstrip(" ")):
            at = above[0]  # a key pulled back to the left: the next line then looks wrongly indented
        return report(at, "缩进不对：这一行与同一层的其他行没有对齐（同一层的键必须从同一列开始，只用空格）。"
                          "请对照上下几行调整缩进。",
                      "Wrong indentation: this line is not aligned with the others at its level (keys at one level "
                      "must start in the same column, spaces only). Compare with the lines around it.")
    return report(at, "请检查这一行和上一行的缩进、冒号和引号。",
                  "check the indentation, colons and quotes on this line and the one above.")


def _build(loader: yaml.SafeLoader, node: yaml.Node, loc: Location, doc: YamlDocument,
           problems: list[DataProblem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                problems.append(DataProblem(doc.display_name, line, _dotted(loc), "键必须是简单的文字（如 zh、en、id）：请检查这一行的写法。",
                                            "A key must be plain text (such as zh, en, id): check how this line is written."))
                continue
            if key in result:
                problems.append(DataProblem(
                    doc.display_name, line, _dotted(loc + (key,)),
                    f"键“{key}”重复出现（第 {doc.lines[loc + (key,)]} 行已有）：删除或合并其中一个。",
                    f"The key '{key}' appears twice (already on line {doc.lines[loc + (key,)]}): remove or merge one.",
                ))
                continue
            doc.lines[loc + (key,)] = line
            result[key] = _build(loader, value_node, loc + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item_node in enumerate(node.value):
            doc.lines[loc + (index,)] = item_node.start_mark.line + 1
            items.append(_build(loader, item_node, loc + (index,), doc, problems))
        return items
    value = loader.construct_object(node, deep=True)
    if not isinstance(value, str) and isinstance(node, yaml.ScalarNode) and node.style is None:
        doc.typed[loc] = node.value
    return value


def _dotted(loc: Location) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
