"""Text in the page's language, or the Chinese while its translation is pending.

Chinese is the source and is always there; a configured language may not yet have every text
(``bo`` before its translators reach it). Where a page asks for such a text it gets the Chinese,
and the renderer, which records every such miss while it renders a page, puts a notice in the
page's language on top of it ("not yet translated: shown in Chinese").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .languages import SOURCE

_pending: ContextVar[set[str] | None] = ContextVar("pending_translations", default=None)


def in_language(value: Any, lang: str) -> str:
    """``value`` (a ``Text`` or a ``{zh, en, …}`` mapping) in ``lang``; its Chinese, recorded as
    pending, when it has none in ``lang``."""
    text = value.get(lang) if isinstance(value, Mapping) else getattr(value, lang, None)
    if text is not None:
        return text
    chinese = value[SOURCE] if isinstance(value, Mapping) else getattr(value, SOURCE)
    pending = _pending.get()
    if pending is not None:
        pending.add(chinese)
    return chinese


def translated(value: Any, lang: str) -> bool:
    """Whether ``value`` has its text in ``lang``; when not, the Chinese stands in (recorded)."""
    text = value.get(lang) if isinstance(value, Mapping) else getattr(value, lang, None)
    if text is None:
        in_language(value, lang)
    return text is not None


class Translations(dict):
    """A ``{zh, en}`` dict of the calculators' metadata that answers any other language with the
    Chinese (recorded as pending): the calculators package knows only the languages it was
    written in, and stays a leaf."""

    def __missing__(self, lang: str) -> str:
        if lang == SOURCE:
            raise KeyError(lang)
        return in_language({SOURCE: dict.__getitem__(self, SOURCE)}, lang)


def with_fallback(value: Any) -> Any:
    """``value`` with every ``{"zh": str, …}`` dict in it a ``Translations`` (the same JSON)."""
    if isinstance(value, dict):
        converted = {key: with_fallback(item) for key, item in value.items()}
        return Translations(converted) if isinstance(value.get(SOURCE), str) else converted
    if isinstance(value, list):
        return [with_fallback(item) for item in value]
    if isinstance(value, tuple):
        return tuple(with_fallback(item) for item in value)
    return value


@contextmanager
def recording() -> Iterator[set[str]]:
    """Within it, every text shown in Chinese for want of a translation is added to the set."""
    pending: set[str] = set()
    token = _pending.set(pending)
    try:
        yield pending
    finally:
        _pending.reset(token)
