"""One error type for every problem in the data, with bilingual messages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataProblem:
    """One mistake in one data file: where it is and what to do, in both languages."""

    file: str
    line: int
    field: str
    zh: str
    en: str

    def format(self) -> str:
        where = f"{self.file}:{self.line}"
        if self.field:
            where += f"  [{self.field}]"
        return f"{where}\n    {self.zh}\n    {self.en}"


class DataErrors(Exception):
    """Raised once, after loading, with every problem found in the data."""

    def __init__(self, problems: list[DataProblem]):
        self.problems = sorted(set(problems))
        super().__init__(self.format())

    def format(self) -> str:
        count = len(self.problems)
        head = (
            f"数据中有 {count} 处错误，网站未生成，原有网站保持不变。\n"
            f"Found {count} problem(s) in the data; the site was not built and the previous site is unchanged.\n"
        )
        return head + "\n".join(p.format() for p in self.problems)
