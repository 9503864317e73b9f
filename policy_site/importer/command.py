"""``policy-site outline``, ``policy-site import`` and ``policy-site check-document``.

    policy-site outline SOURCE.txt [--id DOC_ID] [--as-of YYYY-MM-DD]
    policy-site import SOURCE.txt --id DOC_ID [--data DIR] [--replace]
    policy-site import SOURCE.txt --id DOC_ID --json [--as-of YYYY-MM-DD]
    policy-site check-document DIR/documents/DOC_ID [--data DIR]

``outline`` and ``import --json`` print a source text's outline (JSON on stdout) and write nothing.
``import`` writes the draft data of a document into the library in DIR (default: POLICY_DATA_DIR or
policy_data): DIR/documents/DOC_ID/{source.zh.txt, document.yaml, sections/*.yaml, review.md}, whole or
not at all, checked by ``check-document`` before it is put in place; it never overwrites a document
without ``--replace``, and prints in Chinese and English what it read and what needs a person.
``check-document`` checks one document of a library against its source (every problem and warning).

Exit codes: 0 done (the outline or the report printed; notes for staff, if any, on stderr); 1 the text
cannot be read or structured, or a document has problems (each with its line number, in Chinese and
English, on stderr; nothing written); 2 the command itself cannot be done as given (an id or date that
cannot be used, a document that exists already without ``--replace``, a data folder that does not exist).
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

from ..data.dates import DataDateError, last_commit_epoch, parse_source_date_epoch
from ..data.structure.errors import TextNotStructured
from .library import SOURCE_FILE, document_dir
from .outline import DOC_ID_EXAMPLE, doc_id_problem, outline, read_document
from .writing import check_one, import_document

_SOURCE_HELP = ("原文文件（UTF-8，一段一行）的路径 / path to a source text file (UTF-8, one paragraph a line)")
_DATA_HELP = ("资料库文件夹，默认为 POLICY_DATA_DIR 或 policy_data / the library's folder, default: POLICY_DATA_DIR or "
              "policy_data")
_AS_OF_HELP = ("按哪一天判断状态（YYYY-MM-DD），默认为数据日期 / the day the status is computed on (YYYY-MM-DD); "
               "default: the source's data date (SOURCE_DATE_EPOCH, its last commit, or the file's date), "
               "never the clock")


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``outline`` and ``import`` on the ``policy-site`` parser."""
    show = sub.add_parser(
        "outline", help="原文的结构提要（JSON）/ the outline of a source text (JSON)",
        description="打印原文的结构提要（JSON），什么也不写入。SOURCE 是原文文件，或资料库中一份文档的编号。/ Print the "
                    "outline (JSON) of a source text; writes nothing. SOURCE is a source text file, or the id of a "
                    "document of the library.")
    show.add_argument("source", metavar="SOURCE.txt|DOC_ID",
                      help="原文文件，或资料库中的文档编号 / a source text file, or a library document's id")
    show.add_argument("--id", dest="doc_id", default=None,
                      help=f"文档编号，默认取文件名 / the document id, default: the file's name (e.g. {DOC_ID_EXAMPLE})")
    show.add_argument("--data", dest="data_dir", metavar="DIR", default=None, help=_DATA_HELP)
    show.add_argument("--as-of", dest="as_of", default=None, help=_AS_OF_HELP)
    bring = sub.add_parser(
        "import", help="把原文导入资料库，写成草稿数据 / import a source text into the library as draft data",
        description="把原文读成草稿数据，写入 DIR/documents/DOC_ID/（原文、document.yaml、每部分一个文件、review.md），"
                    "并说明读出了什么、哪些需要工作人员处理。已有同名文档时不覆盖，除非加 --replace。加 --json 只打印结构提要，"
                    "不写入任何文件。/ Read a source text into draft data in DIR/documents/DOC_ID/ (the source, "
                    "document.yaml, one file a section, review.md) and say what was read and what needs a person. "
                    "An existing document is never overwritten without --replace. With --json, print the outline "
                    "only and write nothing.")
    bring.add_argument("source", metavar="SOURCE.txt", help=_SOURCE_HELP)
    bring.add_argument("--id", dest="doc_id", required=True,
                       help=f"文档编号：小写字母、数字、连字符 / the document id: lowercase letters, digits, hyphens "
                            f"(e.g. {DOC_ID_EXAMPLE})")
    bring.add_argument("--data", dest="data_dir", metavar="DIR", default=None, help=_DATA_HELP)
    bring.add_argument("--replace", action="store_true",
                       help="覆盖资料库中已有的同名文档 / replace the library's document of this id")
    bring.add_argument("--json", dest="as_json", action="store_true",
                       help="打印结构提要（JSON），不写入任何文件 / print the outline (JSON) and write nothing")
    bring.add_argument("--as-of", dest="as_of", default=None, help=_AS_OF_HELP)
    examine = sub.add_parser(
        "check-document", help="检查资料库中的一份文档 / check one document of the library",
        description="按原文检查一份文档：每行原文有且只有一个位置，每条的中文与原文逐行一致，日期前后一致；"
                    "英文待补等只是提醒。/ Check one document against its source: every source line has exactly one "
                    "place, each clause's Chinese is its source lines, the dates agree; English still to write and "
                    "the like are warnings.")
    examine.add_argument("document", metavar="DIR/documents/DOC_ID",
                         help="文档文件夹，或资料库中的文档编号 / the document's folder, or its id in the library")
    examine.add_argument("--data", dest="data_dir", metavar="DIR", default=None, help=_DATA_HELP)


def run_command(args: argparse.Namespace) -> int:
    """Run ``outline``, ``import`` or ``check-document``; the exit code. Staff never see a traceback
    (POLICY_SITE_DEBUG=1 shows it)."""
    try:
        return _run(args)
    except KeyboardInterrupt:
        _say("已中断。", "Interrupted.")
        return 130
    except BrokenPipeError:
        raise  # the reader of the output went away: policy_site.cli.main ends quietly
    except Exception as exc:  # noqa: BLE001 - never a traceback for staff
        if os.environ.get("POLICY_SITE_DEBUG"):
            raise
        _say(f"出现了意外错误：{type(exc).__name__}。请把这条信息和原文文件发给网站的开发人员。",
             f"An unexpected error occurred: {type(exc).__name__}: {exc}. Please send this message and the source "
             "file to the site's developers (POLICY_SITE_DEBUG=1 shows the details).")
        return 2


def _run(args: argparse.Namespace) -> int:
    if args.command == "check-document":
        return check_one(args.document, _data_dir(args))
    path = Path(args.source)
    if args.command == "outline" and not path.exists() and doc_id_problem(args.source) is None:
        path = document_dir(_data_dir(args), args.source) / SOURCE_FILE  # a document of the library
        if not path.is_file():
            _say(f"资料库 {_data_dir(args)} 中没有编号为 {args.source} 的文档，也没有名为 {args.source} 的原文文件：请检查编号或路径。",
                 f"The library {_data_dir(args)} has no document {args.source}, and there is no source file of that "
                 "name: check the id or the path.")
            return 1
        args.doc_id = args.doc_id or args.source
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
    if as_of is None and (args.command == "outline" or args.as_json):
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
    if args.command == "import" and not args.as_json:
        return import_document(path, document, _data_dir(args), args.replace)
    if document.notes:
        print(f"请工作人员看一下（{len(document.notes)} 处）/ For staff to look at ({len(document.notes)}):\n"
              + "\n".join(note.format(str(path)) for note in sorted(document.notes)), file=sys.stderr)
    print(json.dumps(outline(document, as_of), ensure_ascii=False, indent=2))
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir or os.environ.get("POLICY_DATA_DIR") or "policy_data")


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
    env = os.environ.get("SOURCE_DATE_EPOCH", "")
    seconds = parse_source_date_epoch(env) if env.strip() else last_commit_epoch(path.resolve().parent)
    if seconds is None:
        seconds = int(path.stat().st_mtime)
    return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date()


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
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

