"""`policy-site`: commands for the people who edit the data.

    policy-site check [FOLDER]     every check the build runs; print every problem and warning; exit 1 if any problem
    policy-site schema [FOLDER]    write the JSON Schemas of the data files (default: policy_data/schema)
    policy-site find FACTS_JSON [--as-of YYYY-MM-DD] [--data DIR]
                                   what applies to a visitor with these answers (JSON on stdout);
                                   FACTS_JSON is the answers' JSON text, @FILE to read it from a file,
                                   or - to read it from standard input
    policy-site outline SOURCE.txt|DOC_ID [--id DOC_ID] [--data DIR] [--as-of YYYY-MM-DD]
                                   the outline of a source text (JSON on stdout); writes nothing
    policy-site import SOURCE.txt --id DOC_ID [--data DIR] [--replace]
                                   the text as draft data in DIR/documents/DOC_ID/ (--json: the outline only)
    policy-site check-document DIR/documents/DOC_ID [--data DIR]
                                   one document of the library checked against its source

Staff never see a Python traceback: a data problem is printed with its file, line, field and
fix; anything unexpected is printed as one bilingual line (``POLICY_SITE_DEBUG=1`` shows the
traceback, for developers).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build.build_inputs import check_site
from .data.errors import DataErrors, format_check_report
from .data.schema import write_schemas
from .finder_cli import run_find
from .importer.command import add_commands, run_command  # outline, import, check-document


STATUS_WORDS = {"not_yet": ("尚未施行", "not yet in force"), "in_force": ("现行有效", "in force"),
                "expired": ("已失效", "expired"), "no_dates": ("原文未写施行和失效日期", "no dates in its text")}
"""A document's status on the data date (``library.status``), as ``check`` says it in each language."""


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # the reader went away (`policy-site outline … | head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # so exiting does not fail to flush
        return 1


def _main(argv: list[str] | None) -> int:
    parser = argparse.ArgumentParser(prog="policy-site", description="检查政策数据 / Check the policy data")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="校验全部数据 / validate all data")
    check.add_argument("data_dir", nargs="?", default=os.environ.get("POLICY_DATA_DIR") or "policy_data")
    schema = sub.add_parser("schema", help="生成 JSON Schema / write the JSON Schemas")
    schema.add_argument("folder", nargs="?", default="policy_data/schema")
    find = sub.add_parser("find", help="按回答查找适用的政策 / what applies to these answers")
    find.add_argument("facts_json", metavar="FACTS_JSON",
                      help="回答（JSON 文本），或 @文件名，或 -（标准输入）/ the answers as JSON text, @FILE, or - (stdin)")
    find.add_argument("--as-of", dest="as_of", default=None)
    find.add_argument("--data", dest="data_dir", default=os.environ.get("POLICY_DATA_DIR") or "policy_data")
    add_commands(sub)
    args = parser.parse_args(argv)
    if args.command in ("outline", "import", "check-document"):
        return run_command(args)
    if args.command == "find":
        return run_find(args.facts_json, args.as_of, Path(args.data_dir))

    try:
        if args.command == "schema":
            for path in write_schemas(Path(args.folder)):
                print(path)
            return 0
        return _check(Path(args.data_dir).resolve())
    except KeyboardInterrupt:
        print("已中断。/ Interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback for staff
        if os.environ.get("POLICY_SITE_DEBUG"):
            raise
        print(f"出现了意外错误：{type(exc).__name__}。请把这条信息发给网站的开发人员。\n"
              f"An unexpected error occurred: {type(exc).__name__}: {exc}. Please send this message to the "
              "site's developers (POLICY_SITE_DEBUG=1 shows the details).", file=sys.stderr)
        return 2


def _check(data_dir: Path) -> int:
    try:
        site, result = check_site(data_dir)
    except DataErrors as exc:
        print(format_check_report(exc.problems, []), file=sys.stderr)
        return 1
    report = format_check_report(result.problems, result.warnings)
    if result.problems:
        print(report, file=sys.stderr)
        return 1
    if report:
        print(report, file=sys.stderr)
    policy, on = site.policy, site.data_date.isoformat()
    if policy.document is not None:
        print(f"数据无误：{len(policy.sections)} 个部分，{len(policy.clauses)} 条（按数据日期 {on} 检查）。\n"
              f"The data is valid: {len(policy.sections)} sections, {len(policy.clauses)} clauses "
              f"(checked as of the data date {on}).")
    else:  # a library made only of documents/: each is counted below
        print(f"数据无误：文件库中有 {len(site.documents)} 个文件（按数据日期 {on} 检查）。\n"
              f"The data is valid: {len(site.documents)} document(s) in the library (checked as of the data date {on}).")
    for document in site.documents:
        zh, en = STATUS_WORDS[document.status(site.data_date)]
        print(f"文件库中的文件 {document.id}：{len(document.sections)} 个部分，{len(document.clauses)} 条，{zh}。\n"
              f"Library document {document.id}: {len(document.sections)} sections, {len(document.clauses)} clauses, "
              f"status {en}.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
