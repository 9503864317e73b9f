"""``policy-site find``: the finder's answer for one profile, as JSON on stdout (for staff and tests)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from calculators import InputError

from .errors import DataErrors
from .finder_rules import find


def _fail(errors: list[dict]) -> int:
    print(json.dumps({"errors": errors}, ensure_ascii=False), file=sys.stderr)
    return 1


def run_find(facts_json: str, as_of: str | None, data_dir: Path) -> int:
    try:
        facts = json.loads(facts_json)
    except (ValueError, RecursionError):
        return _fail([{"field": None, "zh": "回答不是有效的 JSON，例如：'{\"applicant\": \"person\", \"age\": 20}'。",
                       "en": "The answers are not valid JSON; for example: '{\"applicant\": \"person\", \"age\": 20}'."}])
    try:
        result = find(facts, as_of, data_dir)
    except InputError as exc:
        return _fail(exc.errors)
    except DataErrors as exc:
        print(exc.format(), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback
        return _fail([{"field": None, "zh": f"出现了意外错误：{type(exc).__name__}。请把这条信息发给网站的开发人员。",
                       "en": f"An unexpected error occurred: {type(exc).__name__}: {exc}."}])
    sys.stdout.buffer.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
    return 0
