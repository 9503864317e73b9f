"""`policy-site`: commands for the people who edit the data.

    policy-site check              validate all data; print every problem; exit 1 if any
    policy-site schema [FOLDER]    write the JSON Schemas of the data files (default: policy_data/schema)
    policy-site find FACTS_JSON [--as-of YYYY-MM-DD] [--data DIR]
                                   what applies to a visitor with these answers (JSON on stdout)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import calculators

from .errors import DataErrors
from .loader import load_policy
from .schema import write_schemas


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policy-site", description="检查政策数据 / Check the policy data")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="校验全部数据 / validate all data")
    check.add_argument("data_dir", nargs="?", default="policy_data")
    schema = sub.add_parser("schema", help="生成 JSON Schema / write the JSON Schemas")
    schema.add_argument("folder", nargs="?", default="policy_data/schema")
    find = sub.add_parser("find", help="按回答查找适用的政策 / what applies to these answers")
    find.add_argument("facts_json")
    find.add_argument("--as-of", dest="as_of", default=None)
    find.add_argument("--data", dest="data_dir", default="policy_data")
    args = parser.parse_args(argv)

    if args.command == "find":
        from .finder_cli import run_find

        return run_find(args.facts_json, args.as_of, Path(args.data_dir))
    if args.command == "schema":
        for path in write_schemas(Path(args.folder)):
            print(path)
        return 0
    try:
        policy = load_policy(Path(args.data_dir), known_calculators=calculators.CALCULATORS)
    except DataErrors as exc:
        print(exc.format(), file=sys.stderr)
        return 1
    print(f"数据无误：{len(policy.sections)} 个部分，{len(policy.clauses)} 条。\n"
          f"The data is valid: {len(policy.sections)} sections, {len(policy.clauses)} clauses.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
