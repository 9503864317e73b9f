"""A located, bilingual problem in a source text, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class TextProblem:
    """One reason a text cannot be read as it is: its line (1-based, 0 for the whole text) and what to do."""

    line: int
    zh: str
    en: str

    def format(self, source_name: str = "") -> str:
        where = f"{source_name}:{self.line}" if source_name else f"line {self.line}"
        if not self.line:
            where = source_name or "text"
        return f"{where}\n    {self.zh}\n    {self.en}"


class TextNotStructured(ValueError):
    """The text's structure cannot be read: every problem found, in line order."""

    def __init__(self, problems: list[TextProblem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(p.format() for p in self.problems))

    def format(self, source_name: str = "") -> str:
        count = len(self.problems)
        head = (f"无法读出原文的结构（{count} 处问题），什么也没有写入：请逐条改正原文后再试。\n"
                f"The structure of the text cannot be read ({count} problem(s)); nothing was written: "
                "fix each one in the text, then try again.\n")
        return head + "\n".join(p.format(source_name) for p in self.problems)
