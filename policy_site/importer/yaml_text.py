"""Draft data files as staff read them: keys in a fixed order, Chinese text as block scalars, comments
where a person has something to do.

PyYAML (the project's YAML library) writes every value, so quoting and escaping are always its own;
this module only puts the pieces together: a :class:`Mapping` is a list of :class:`Entry` (key, value,
comment lines above it), written one entry at a time, and a :class:`Items` list of such mappings is a
YAML sequence whose items can carry comments too. :func:`dump` checks that the text it returns reads
back as exactly the data it was given (:class:`NotWritable` otherwise), so a file is never written
half-right.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

_BREAKS = str.maketrans({"\r": " ", "\n": " ", "\x85": " ", "\u2028": " ", "\u2029": " "})
"""Line breaks YAML knows: a comment never holds one (it would end the comment)."""


class Block(str):
    """A text written as a literal block scalar (``|-``) where YAML allows it (PyYAML quotes it otherwise)."""


class _Dumper(yaml.SafeDumper):
    pass


class _Top(dict):
    """The one-entry mapping an entry is written as: always in block style (``key: value``), whatever the value."""


_Dumper.add_representer(Block, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style="|"))
_Dumper.add_representer(_Top, lambda dumper, value: dumper.represent_mapping(
    "tag:yaml.org,2002:map", value, flow_style=False))


@dataclass
class Entry:
    key: str
    value: Any
    comments: list[str] = field(default_factory=list)   # lines above the entry, without "# "


@dataclass
class Mapping:
    entries: list[Entry]
    trailing: list[str] = field(default_factory=list)   # comment lines after the last entry


@dataclass
class Items:
    """A sequence of mappings that carry comments (the clauses of a section)."""

    mappings: list[Mapping]


class NotWritable(ValueError):
    """The text would not read back as the data (a bug, never the source's fault): nothing is written."""


def dump(document: Mapping, header: list[str] = ()) -> str:
    """The YAML text of ``document`` with ``header`` comment lines on top."""
    lines = [_comment(text, 0) for text in header]
    lines += _mapping(document, 0)
    text = "\n".join(lines) + "\n"
    if yaml.safe_load(text) != _plain(document):
        raise NotWritable("the YAML text does not read back as the data")
    return text


def _mapping(mapping: Mapping, indent: int) -> list[str]:
    lines: list[str] = []
    for entry in mapping.entries:
        lines += [_comment(text, indent) for text in entry.comments]
        if isinstance(entry.value, Items):
            if not entry.value.mappings:
                lines.append(" " * indent + _scalar_entry(entry.key, []))
                continue
            lines.append(" " * indent + f"{entry.key}:")
            for item in entry.value.mappings:
                lines += _item(item, indent)
        elif isinstance(entry.value, Mapping):
            lines.append(" " * indent + f"{entry.key}:")
            lines += _mapping(entry.value, indent + 2)
        else:
            lines += [" " * indent + line for line in _scalar_entry(entry.key, entry.value).split("\n")]
    lines += [_comment(text, indent) for text in mapping.trailing]
    return lines


def _item(mapping: Mapping, indent: int) -> list[str]:
    """One sequence item: ``- key: value`` then its other entries indented under it."""
    inner = _mapping(mapping, indent + 2)
    for index, line in enumerate(inner):
        if not line.lstrip().startswith("#"):
            inner[index] = " " * indent + "- " + line[indent + 2:]
            break
    return inner


def _scalar_entry(key: str, value: Any) -> str:
    text = yaml.dump(_Top({key: value}), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                     default_flow_style=None)
    return text.rstrip("\n")


def _comment(text: str, indent: int) -> str:
    return " " * indent + ("# " + text.translate(_BREAKS)).rstrip()


def _plain(value: Any) -> Any:
    """The data a :class:`Mapping` stands for, as YAML reads it back (dates as dates, a Block as its text)."""
    if isinstance(value, Mapping):
        return {entry.key: _plain(entry.value) for entry in value.entries}
    if isinstance(value, Items):
        return [_plain(item) for item in value.mappings]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Block):
        return str(value)
    return value
