"""Agencies named by the text's own markers: （牵头单位：…；协办单位：…） and 由…负责.

Names are split at 、 and at commas outside brackets only, so 区财政局（国资委） and 各乡（镇） stay
whole. The names are candidates for staff to match to the library's agencies; nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.structure.lines import Line

_OPEN, _CLOSE = "（(", "）)"
_ROLE = re.compile(r"(牵头单位|协办单位|责任单位|配合单位)\s*[:：]")
_IN_CHARGE = re.compile(r"由([^，。；、由]{2,40}?)负责")


@dataclass(frozen=True)
class AgencyMarker:
    line: int
    lead: tuple[str, ...]          # 牵头单位 (and 责任单位)
    support: tuple[str, ...]       # 协办单位 (and 配合单位)
    in_charge: tuple[str, ...] = ()  # 由…负责


def read_agencies(line: Line) -> AgencyMarker | None:
    """The agencies one line names by its markers; None when it has none."""
    lead: list[str] = []
    support: list[str] = []
    for role, names in _roles(line.text):
        (lead if role in ("牵头单位", "责任单位") else support).extend(names)
    in_charge = [match.group(1) for match in _IN_CHARGE.finditer(line.text)]
    if not (lead or support or in_charge):
        return None
    return AgencyMarker(line.number, tuple(lead), tuple(support), tuple(in_charge))


def _roles(text: str) -> list[tuple[str, list[str]]]:
    found = []
    matches = list(_ROLE.finditer(text))
    for match in matches:
        names, _ = _until_close(text, match.end())
        found.append((match.group(1), split_names(names)))
    return found


def _until_close(text: str, start: int) -> tuple[str, int]:
    """The words from ``start`` to the end of this role: a ；/; or the bracket that closes the marker."""
    depth = 0
    for index in range(start, len(text)):
        ch = text[index]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return text[start:index], index
            depth -= 1
        elif ch in "；;。" and depth == 0:
            return text[start:index], index
    return text[start:], len(text)


def split_names(text: str) -> list[str]:
    """区人社局、区财政局（国资委）、各乡（镇） → three names; never split inside brackets."""
    names, depth, current = [], 0, ""
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if ch in "、,，" and depth == 0:
            names.append(current.strip())
            current = ""
        else:
            current += ch
    names.append(current.strip())
    return [name for name in names if name]
