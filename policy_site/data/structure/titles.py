"""Titles: the notice's title (from the line that holds 关于 to the one that ends in 通知, joined when
wrapped) and the document's own title (the words between 关于印发 and 的通知, without 《》)."""

from __future__ import annotations

import re

from .lines import Line, is_sentence

NOTICE_END = "通知"
MAX_WRAPPED_LINES = 4
"""A notice's title wraps over at most this many lines; beyond that, 关于 is in a sentence, not a title."""

_WRAPPED = re.compile(r"关于印发(?P<title>.+?)的通知$")
_QUOTES = str.maketrans("", "", "《》〈〉")


def notice_title(lines: list[Line], start: int) -> tuple[str, int] | None:
    """The notice's title beginning at ``lines[start]`` (which holds 关于) and the index of its last line;
    None when no line ending in 通知 closes it within a few lines of words without sentence punctuation."""
    if "关于" not in lines[start].text:
        return None
    joined = ""
    for index in range(start, min(start + MAX_WRAPPED_LINES, len(lines))):
        text = lines[index].text
        if is_sentence(text):
            return None
        joined += text
        if text.endswith(NOTICE_END):
            return joined, index
    return None


def document_title(title: str) -> str | None:
    """广州市人力资源和社会保障局广州市财政局关于印发广州市就业见习基地管理办法的通知 → 广州市就业见习基地管理办法;
    《…关于印发〈X〉的通知》 → X; None when the title does not wrap another document (no 关于印发 … 的通知)."""
    match = _WRAPPED.search(title.strip().removeprefix("《").removesuffix("》"))
    if not match:
        return None
    inner = match.group("title").translate(_QUOTES).strip()
    return inner or None


def plain_title(text: str) -> str:
    """A title as the document names itself: without 《》 and 〈〉."""
    return text.translate(_QUOTES).strip()
