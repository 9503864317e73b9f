"""Read one YAML file safely, keeping the line of every value for error messages.

Duplicate keys are rejected (PyYAML would silently keep the last one), and
nothing but plain data is constructed (safe loader).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DataProblem

Location = tuple[str | int, ...]


class _PlainLoader(yaml.SafeLoader):
    """Safe loader that leaves dates as text: the model parses them, so a bad date is a normal error."""


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
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return doc, [DataProblem(display_name, 1, "", f"文件不是 UTF-8 编码（{exc.reason}）：请用 UTF-8 保存。",
                                 f"The file is not UTF-8 ({exc.reason}): save it as UTF-8.")]
    loader = _PlainLoader(text)
    problems: list[DataProblem] = []
    try:
        node = loader.get_single_node()
        if node is None:
            doc.data = None
        else:
            doc.lines[()] = node.start_mark.line + 1
            doc.data = _build(loader, node, (), doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        detail = f"{exc.context or ''} {exc.problem or ''}".strip()
        problems.append(DataProblem(
            display_name, line, "",
            f"YAML 格式错误：{detail}。请检查这一行的缩进、冒号和引号。",
            f"YAML syntax error: {detail}. Check the indentation, colons and quotes on this line.",
        ))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        problems.append(DataProblem(display_name, 1, "", f"YAML 格式错误：{exc}", f"YAML syntax error: {exc}"))
    finally:
        loader.dispose()
    return doc, problems


def _build(loader: yaml.SafeLoader, node: yaml.Node, loc: Location, doc: YamlDocument,
           problems: list[DataProblem]) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                problems.append(DataProblem(doc.display_name, line, _dotted(loc), "键必须是简单的文字。",
                                            "A key must be plain text."))
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
    return loader.construct_object(node, deep=True)


def _dotted(loc: Location) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
