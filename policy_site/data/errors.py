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
        where = f"{self.file}:{self.line}" if self.line else self.file  # line 0: not in a file (a setting)
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


def format_check_report(problems: list[DataProblem], warnings: list[DataProblem]) -> str:
    """What ``policy-site check`` prints: every problem, then every warning (warnings do not fail)."""
    parts = []
    if problems:
        count = len(problems)
        parts.append(f"数据中有 {count} 处错误：请逐条改正后再运行检查。\n"
                     f"Found {count} problem(s) in the data: fix each one, then run the check again.\n"
                     + "\n".join(p.format() for p in sorted(set(problems))))
    if warnings:
        count = len(warnings)
        parts.append(f"提醒 {count} 处（不影响生成网站，但请看一下）：\n"
                     f"{count} warning(s) (the site can still be built, but please have a look):\n"
                     + "\n".join(p.format() for p in sorted(set(warnings))))
    return "\n\n".join(parts)
