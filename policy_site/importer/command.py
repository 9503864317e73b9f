"""``policy-site outline`` and ``policy-site import``: a published text's outline, as JSON on stdout.

    policy-site outline SOURCE.txt [--id DOC_ID] [--as-of YYYY-MM-DD]
    policy-site import SOURCE.txt --id DOC_ID --json [--as-of YYYY-MM-DD]

In this version both read a source text file (UTF-8, one paragraph a line) and write nothing:
``outline DOC_ID`` for the documents of a library, and ``import`` writing draft data files, come
with the library layout. ``import`` without ``--json`` says so and exits 2.

Exit codes: 0 the outline was printed (notes for staff, if any, on stderr); 1 the text cannot be
read or structured (each problem with its line number, in Chinese and English, on stderr);
2 the command itself is wrong (an id or date that cannot be used, ``import`` without ``--json``).
``status`` is computed on ``--as-of`` or else on the source's data date (SOURCE_DATE_EPOCH, the last
commit of the checkout holding it, or the file's modification time), never on the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from .errors import TextNotStructured
from .outline import DOC_ID_EXAMPLE, doc_id_problem, outline, read_document

_SOURCE_HELP = ("原文文件（UTF-8，一段一行）的路径；本版本只接受 .txt 文件路径，按文档编号读取资料库中的文档将在资料库功能中提供 / "
                "path to a source text file (UTF-8, one paragraph a line); this version takes a .txt path only: "
                "reading a library document by its id comes with the library layout")
_AS_OF_HELP = ("按哪一天判断状态（YYYY-MM-DD），默认为数据日期 / the day the status is computed on (YYYY-MM-DD); "
               "default: the source's data date (SOURCE_DATE_EPOCH, its last commit, or the file's date), "
               "never the clock")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``outline`` and ``import`` on the ``policy-site`` parser."""
    show = sub.add_parser(
        "outline", help="原文的结构提要（JSON）/ the outline of a source text (JSON)",
        description="打印原文的结构提要（JSON），什么也不写入。/ Print the outline (JSON) of a source text; writes "
                    "nothing. This version reads a .txt file; 'outline DOC_ID' for library documents comes with the "
                    "library layout.")
    show.add_argument("source", metavar="SOURCE.txt", help=_SOURCE_HELP)
    show.add_argument("--id", dest="doc_id", default=None,
                      help=f"文档编号，默认取文件名 / the document id, default: the file's name (e.g. {DOC_ID_EXAMPLE})")
    show.add_argument("--as-of", dest="as_of", default=None, help=_AS_OF_HELP)
    bring = sub.add_parser(
        "import", help="导入原文（本版本只支持 --json 试运行）/ import a source text (this version: --json dry run only)",
        description="把原文读成数据。本版本只支持 --json：打印结构提要，不写入任何文件；写入草稿数据文件将在资料库功能中提供。/ "
                    "Read a source text into data. This version supports --json only: it prints the outline and "
                    "writes nothing; writing draft data files comes with the library layout.")
    bring.add_argument("source", metavar="SOURCE.txt", help=_SOURCE_HELP)
    bring.add_argument("--id", dest="doc_id", required=True,
                       help=f"文档编号：小写字母、数字、连字符 / the document id: lowercase letters, digits, hyphens "
                            f"(e.g. {DOC_ID_EXAMPLE})")
    bring.add_argument("--json", dest="as_json", action="store_true",
                       help="打印结构提要（JSON），不写入任何文件 / print the outline (JSON) and write nothing")
    bring.add_argument("--as-of", dest="as_of", default=None, help=_AS_OF_HELP)


def run_command(args: argparse.Namespace) -> int:
    """Run ``outline`` or ``import``; the exit code. Staff never see a traceback (POLICY_SITE_DEBUG=1 shows it)."""
    try:
        return _run(args)
    except KeyboardInterrupt:
        _say("已中断。", "Interrupted.")
        return 130
    except Exception as exc:  # noqa: BLE001 - never a traceback for staff
        if os.environ.get("POLICY_SITE_DEBUG"):
            raise
        _say(f"出现了意外错误：{type(exc).__name__}。请把这条信息和原文文件发给网站的开发人员。",
             f"An unexpected error occurred: {type(exc).__name__}: {exc}. Please send this message and the source "
             "file to the site's developers (POLICY_SITE_DEBUG=1 shows the details).")
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.command == "import" and not args.as_json:
        _say("本版本的 import 只能试运行：请加上 --json，打印读出的结构提要（不写入任何文件）。写入草稿数据文件需要资料库的目录结构，"
             "将在下一步提供。",
             "In this version import is a dry run only: add --json to print the outline it reads (nothing is "
             "written). Writing draft data files needs the library layout, which comes in a later step.")
        return 2
    path = Path(args.source)
    doc_id = args.doc_id if args.doc_id is not None else _id_from_name(path)
    if doc_id is not None and (problem := doc_id_problem(doc_id)):
        _say(problem.zh, problem.en)
        return 2
    as_of = _as_of(args.as_of) if args.as_of is not None else None
    if args.as_of is not None and as_of is None:
        return 2
    text = _read(path)
    if text is None:
        return 1
    if as_of is None:
        from ..data.dates import DataDateError

        try:
            as_of = _data_date(path)
        except DataDateError as exc:
            print(exc, file=sys.stderr)
            return 2
    try:
        document = read_document(text, doc_id)
    except TextNotStructured as exc:
        print(exc.format(str(path)), file=sys.stderr)
        return 1
    if document.notes:
        print(f"请工作人员看一下（{len(document.notes)} 处）/ For staff to look at ({len(document.notes)}):\n"
              + "\n".join(note.format(str(path)) for note in sorted(document.notes)), file=sys.stderr)
    print(json.dumps(outline(document, as_of), ensure_ascii=False, indent=2))
    return 0


def _id_from_name(path: Path) -> str | None:
    """guangzhou-2019-internship-bases.zh.txt → guangzhou-2019-internship-bases; None if that is no id."""
    stem = path.name.split(".")[0]
    return stem if doc_id_problem(stem) is None else None


def _as_of(text: str) -> dt.date | None:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        _say(f"--as-of 的日期“{text}”无法读取：请写成 YYYY-MM-DD，例如 2026-12-07。",
             f"The --as-of date '{text}' cannot be read: write it as YYYY-MM-DD, e.g. 2026-12-07.")
        return None


def _data_date(path: Path) -> dt.date:
    """The data date of a source file, as the build dates its data: SOURCE_DATE_EPOCH when set, else the last
    commit of the checkout holding it, else the file's own modification time; never the clock."""
    from ..data.dates import last_commit_epoch, parse_source_date_epoch

    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = parse_source_date_epoch(env) if env.strip() else last_commit_epoch(path.resolve().parent)
    if seconds is None:
        seconds = int(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        if not path.suffix and doc_id_problem(str(path)) is None:
            _say(f"找不到原文文件 {path}。本版本只读取原文文件（.txt）的路径；按文档编号读取资料库中的文档将在资料库功能中提供。",
                 f"The source file {path} does not exist. This version reads the path of a source text (.txt); "
                 "reading a library document by its id comes with the library layout.")
        else:
            _say(f"找不到原文文件 {path}：请检查路径。", f"The source file {path} does not exist: check the path.")
    except IsADirectoryError:
        _say(f"{path} 是一个文件夹：请给出原文文件（.txt）的路径。",
             f"{path} is a folder: give the path of the source text file (.txt).")
    except PermissionError:
        _say(f"没有权限读取 {path}。", f"No permission to read {path}.")
    except UnicodeDecodeError as exc:
        _say(f"{path} 不是 UTF-8 编码（第 {exc.start + 1} 个字节起）：请用 UTF-8 另存原文后再试。",
             f"{path} is not UTF-8 (from byte {exc.start + 1}): save the text as UTF-8, then try again.")
    return None


def _say(zh: str, en: str) -> None:
    print(f"{zh}\n{en}", file=sys.stderr)

