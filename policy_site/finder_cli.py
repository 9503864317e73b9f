"""``policy-site find``: the finder's answer for one profile, as JSON on stdout (for staff and tests).

The answers are one JSON object: given as the argument itself (the documented form), read from a
file with ``@FILE``, or from standard input with ``-`` (for answers too long for a command line).
They are read exactly: a key written twice or a number too long to read is refused, naming it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import calculators
from calculators import InputError

from .data.dates import data_date
from .data.errors import DataErrors, format_check_report
from .data.finder_rules import finder_rules, request_refusal
from .data.loader import check_policy

EXAMPLE = "'{\"applicant\": \"person\", \"age\": 20}'"


class _Refused(Exception):
    """The answers cannot be read as they are; ``errors`` says why, naming the field."""

    def __init__(self, errors: list[dict]):
        super().__init__(errors)
        self.errors = errors


def _error(field: str | None, zh: str, en: str) -> dict:
    return {"field": field, "zh": zh, "en": en}


def _fail(errors: list[dict]) -> int:
    print(json.dumps({"errors": errors}, ensure_ascii=False), file=sys.stderr)
    return 1


class _Unreadable:
    """An integer too long for Python to read (more than 4300 digits): kept aside to be named."""

    def __init__(self, digits: str):
        self.digits = digits


def _read_int(text: str) -> int | _Unreadable:
    try:
        return int(text)
    except ValueError:  # CPython's limit on the digits of an integer
        return _Unreadable(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, value in pairs:
        if key in seen:
            raise _Refused([_error(key, f"回答中“{key}”写了两次：每个问题只能回答一次，请删除一个。",
                                   f"“{key}” is given twice in the answers: answer each question once; remove one.")])
        seen.add(key)
        if isinstance(value, _Unreadable):
            digits = len(value.digits.lstrip("-"))
            raise _Refused([_error(key, f"“{key}”的数字有 {digits:,} 位，超出了范围：请写出问题允许范围内的整数。",
                                   f"The number given for “{key}” ({digits:,} digits) is out of range: give a whole "
                                   "number within the question's range.")])
    return dict(pairs)


def _text(argument: str) -> str:
    """The answers' JSON text: the argument itself, ``@FILE``'s content, or standard input (``-``)."""
    if argument == "-":
        data, where_zh, where_en = sys.stdin.buffer.read(), "标准输入", "standard input"
    elif argument.startswith("@"):
        path = Path(argument[1:])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _Refused([_error(None, f"无法读取回答文件“{path}”：{exc.strerror or exc}。",
                                   f"Cannot read the answers file “{path}”: {exc.strerror or exc}.")]) from None
        where_zh, where_en = f"文件“{path}”", f"the file “{path}”"
    else:
        return argument
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused([_error(None, f"{where_zh}不是 UTF-8 文本。", f"{where_en[0].upper()}{where_en[1:]} is not "
                               "UTF-8 text.")]) from None


def read_answers(argument: str) -> Any:
    """The answers as they were written, or ``_Refused`` naming what is wrong."""
    text = _text(argument)
    try:
        return json.loads(text, parse_int=_read_int, object_pairs_hook=_object)
    except (ValueError, RecursionError):
        pass
    if argument not in ("-",) and not argument.startswith("@") and Path(argument).is_file():
        raise _Refused([_error(None, f"“{argument}”是一个文件名：要读取文件中的回答，请写成 @{argument}；"
                                     f"也可以直接写回答，例如：{EXAMPLE}。",
                               f"“{argument}” is a file name: to read the answers from that file, write @{argument}; "
                               f"or give the answers themselves, e.g. {EXAMPLE}.")])
    raise _Refused([_error(None, f"回答不是有效的 JSON，例如：{EXAMPLE}（也可以用 @文件名 或 - 从文件或标准输入读取）。",
                           f"The answers are not valid JSON; for example: {EXAMPLE} (or @FILE, or - for standard "
                           "input).")])

def find(facts: Any, as_of: dt.date | str | None = None, data_dir: Path | str = "policy_data") -> dict[str, Any]:
    """What applies to a visitor with these answers, from the library in ``data_dir``: every document's
    clauses, a library document's named ``DOC_ID:CLAUSE_ID`` when the library has more than one
    document (the top-level document's as always, ``1.2``).

    Raises ``DataErrors`` for a mistake in the data and ``calculators.InputError`` for bad answers.
    """
    data_dir = Path(data_dir)
    checked = check_policy(data_dir, known_calculators=calculators.CALCULATORS)
    if checked.problems:
        raise DataErrors(checked.problems)
    rules = finder_rules(checked.policy, checked.documents)
    if rules is None:
        raise InputError([{
            "field": None, "zh": "这份政策数据没有问题文件（facts.yaml），无法查询。",
            "en": "This policy has no questions file (facts.yaml): nothing to find."}])
    if as_of is None:
        as_of = data_date(data_dir)
    if isinstance(as_of, dt.date):
        as_of = as_of.isoformat()
    refusal = request_refusal(rules, facts, as_of)  # the same limit as the browser
    if refusal is not None:
        raise refusal
    return calculators.find(rules, facts, as_of)


def run_find(facts_argument: str, as_of: str | None, data_dir: Path) -> int:
    try:
        facts = read_answers(facts_argument)
    except _Refused as exc:
        return _fail(exc.errors)
    try:
        result = find(facts, as_of, data_dir)
    except InputError as exc:
        return _fail(exc.errors)
    except DataErrors as exc:
        print(format_check_report(exc.problems, []), file=sys.stderr)  # nothing is built here: no word of a site
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback
        return _fail([_error(None, f"出现了意外错误：{type(exc).__name__}。请把这条信息发给网站的开发人员。",
                             f"An unexpected error occurred: {type(exc).__name__}: {exc}.")])
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
    return 0
