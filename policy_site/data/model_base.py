"""The building blocks of the model: bounded strings and ids, a text in every configured language,
and validation errors whose message the loader shows in both languages."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model
from pydantic_core import PydanticCustomError

from . import languages
from .translations import in_language

# Size limits per kind of string, far above the real data (longest: a name 65, a title 216, a
# paragraph 949, a clause's English text 2,400 characters), so that a paste gone wrong (a whole
# file in one field, a 10 MB string) is an error and not a 30 MB search index.
LINE_MAX = 500
"""A name, a title, a label, a number as printed, a phone number."""
PARAGRAPH_MAX = 5_000
"""A summary, a description, a definition, the preamble."""
CLAUSE_TEXT_MAX = 20_000
"""A clause's whole text (the source's longest clause: 506 characters, its translation 2,400)."""
NOT_BLANK = r"\S"
"""At least one character that is not white space (U+3000, the full-width space, is white space too)."""


def _string(max_length: int) -> type[str]:
    return Annotated[str, StringConstraints(min_length=1, max_length=max_length, pattern=NOT_BLANK)]


NonEmpty = _string(LINE_MAX)
Paragraph = _string(PARAGRAPH_MAX)
ClauseTextString = _string(CLAUSE_TEXT_MAX)
Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
SectionId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*$", max_length=4)]
ClauseId = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]*\.[1-9][0-9]*$", max_length=9)]


def bilingual_error(zh: str, en: str, at: tuple[str | int, ...] = ()) -> PydanticCustomError:
    """A validation error whose message the loader shows in both languages.

    ``at`` is the path, below the validated object, of the value to blame (for the line number).
    """
    return PydanticCustomError("bilingual", "{en}", {"zh": zh, "en": en, "at": at})


def bilingual_errors(issues: list[tuple[str, str, tuple[str | int, ...]]]) -> PydanticCustomError:
    """Several problems of one object at once (``(zh, en, at)`` each): the loader reports every one."""
    zh, en, at = issues[0]
    return PydanticCustomError("bilingual", "{en}", {"zh": zh, "en": en, "at": at, "more": tuple(issues[1:])})


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, populate_by_name=True)


class _Translated(Model):
    def __getitem__(self, lang: str) -> str:
        """The text in ``lang``; its Chinese while the translation is pending (translations.py)."""
        return in_language(self, lang)


def _text_model(name: str, doc: str, string: Any, zh: str, en: str, base: type[Model] = _Translated) -> Any:
    """A text in every configured language: Chinese (the source) and English required, as the
    shipped data has them; every other language (languages.yaml) optional, its pages showing the
    Chinese with a notice until the translation is written."""
    others = {lang.code: (string | None, Field(default=None, exclude_if=lambda text: text is None,
                                               description=f"{lang.name} ({lang.code}), optional"))
              for lang in languages.ALL if lang.code not in ("zh", "en")}
    return create_model(name, __base__=base, __doc__=doc, __module__=__name__,
                        zh=(string, Field(description=zh)), en=(string, Field(description=en)), **others)


Text = _text_model("Text", "A human-readable paragraph in both languages (a summary, a description).",
                   Paragraph, "Chinese / 中文", "English / 英文")
Label = _text_model("Label", "A short human-readable string in both languages: a name, a title, a label.",
                    NonEmpty, "Chinese / 中文", "English / 英文", base=Text)
ClauseText = _text_model("ClauseText", "A clause's whole text: the Chinese verbatim from the source, the English translation.",
                         ClauseTextString, "Chinese, verbatim from source.zh.txt / 中文，与原文逐字一致",
                         "English (unofficial translation) / 英文（非官方译文）", base=Text)
