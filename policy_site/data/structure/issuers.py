"""Issuing bodies: from a line of issuers or the signatures, each once, in the text's order.

Bodies on one line are separated by spaces (ASCII or full-width, any number of them); a name is
never split inside, so ``广州市人力资源和社会保障局广州市财政局`` (no space) stays one piece and
is not taken as issuers by guessing where one name ends.
"""

from __future__ import annotations

import re

from .lines import is_sentence

_SPACES = re.compile(r"[\s\u3000]+")
_BODY_ENDINGS = ("局", "厅", "委", "委员会", "会", "府", "政府", "办", "办公室", "院", "部", "署", "中心", "所",
                 "处", "科", "室", "行", "司", "团", "联", "组", "站", "队", "馆", "社", "总局")


def split_bodies(text: str) -> list[str]:
    """The bodies on one line of issuers or signatures: ``广州市人力资源和社会保障局       广州市财政局`` → both."""
    return [part for part in _SPACES.split(text.strip()) if part]


def looks_like_bodies(text: str) -> bool:
    """A line of issuers or signatures: no sentence punctuation, not a colon line, and every piece ends as the
    name of a body does (局, 厅, 委员会, 政府, 办公室 …)."""
    if not text.strip() or is_sentence(text) or text.rstrip().endswith(("：", ":")):
        return False
    parts = split_bodies(text)
    return bool(parts) and all(part.endswith(_BODY_ENDINGS) and len(part) >= 3 for part in parts)


def issuers(*groups: list[str]) -> list[str]:
    """Every body once, first occurrence first, over the groups in order (issuer line, then signatures)."""
    seen: list[str] = []
    for group in groups:
        for body in group:
            if body not in seen:
                seen.append(body)
    return seen
