"""Document numbers (文号) as written: 穗人社规字〔2019〕6号, 拉政发〔2019〕40号.

The standard brackets are 〔〕. Copies from web pages sometimes have [] ［］ () （） 【】 instead:
those are read too, exactly as written (``text`` is never normalised), and say which brackets
they use so that the importer can tell staff (``standard`` is False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRACKETS = {"〔": "〕", "[": "]", "［": "］", "(": ")", "（": "）", "【": "】"}
_NUMBER = re.compile(
    r"(?P<code>[\u4e00-\u9fff]{1,20}?)"
    r"(?P<open>[〔\[［(（【])(?P<year>(?:19|20)\d\d)(?P<close>[〕\]］)）】])"
    r"(?P<serial>\d{1,4})号")


@dataclass(frozen=True)
class DocumentNumber:
    text: str          # as written: 穗人社规字〔2019〕6号
    code: str          # 穗人社规字
    year: int          # 2019
    serial: int        # 6
    brackets: str      # 〔〕

    @property
    def standard(self) -> bool:
        return self.brackets == "〔〕"


def _from_match(match: re.Match[str]) -> DocumentNumber | None:
    if _BRACKETS[match.group("open")] != match.group("close"):
        return None  # 〔2019) is a typing slip: not read as a number
    return DocumentNumber(match.group(0), match.group("code"), int(match.group("year")),
                          int(match.group("serial")), match.group("open") + match.group("close"))


_AFTER_NUMBER = re.compile(r"\s|$")


def read_number_line(text: str) -> DocumentNumber | None:
    """A line that starts a notice with its document number: the number alone, or followed by a space and more
    (穗人社规字〔2019〕6号　签发人：…); None otherwise (a sentence that begins with a number is no number line)."""
    text = text.strip()
    match = _NUMBER.match(text)
    if not match or not _AFTER_NUMBER.match(text, match.end()):
        return None
    return _from_match(match)


def find_numbers(text: str) -> list[DocumentNumber]:
    """Every document number in a sentence, in order (references such as （穗府规〔2018〕19号））."""
    found = []
    for match in _NUMBER.finditer(text):
        number = _from_match(match)
        if number:
            found.append(number)
    return found
