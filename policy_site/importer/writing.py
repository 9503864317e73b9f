"""``policy-site import`` writing a draft and ``policy-site check-document``: the importer's commands that
touch a library's folders (``command`` parses the arguments and reads the source)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..data.errors import format_check_report
from ..data.document_check import check_document
from .draft import draft
from .library import AlreadyThere, DOCUMENTS, document_dir, known_agencies, write_document
from .outline import Document, doc_id_problem
from .report import import_report


def import_document(source: Path, document: Document, data_dir: Path, replace: bool) -> int:
    """Write ``document`` (read from ``source``) into the library in ``data_dir``; the exit code."""
    if not data_dir.is_dir():
        _say(f"资料库文件夹 {data_dir} 不存在：请用 --data 指定资料库（含 agencies.yaml 的文件夹）。",
             f"The library folder {data_dir} does not exist: give the library (the folder with agencies.yaml) "
             "with --data.")
        return 2
    target = document_dir(data_dir, document.id)
    if target.exists() and not replace:
        _refuse(target)
        return 2
    unplaced = document.structure.unplaced
    if unplaced:
        print(f"原文有 {len(unplaced)} 行没有位置，什么也没有写入：请逐行处理后再试。\n"
              f"{len(unplaced)} line(s) of the text have no place; nothing was written: deal with each, then try "
              "again.\n" + "\n".join(note.format(str(source)) for note in sorted(document.notes)
                                      if note.line in {line.number for line in unplaced}), file=sys.stderr)
        return 1
    agencies, unreadable = known_agencies(data_dir)
    if unreadable:
        _say(f"无法读取 {unreadable}：原文中的单位都列为待添加。", f"Could not read {unreadable}: every agency the text "
             "names is listed as one to add.")
    made = draft(document, agencies)
    try:
        written = write_document(data_dir, made, source.read_bytes(), replace, verify=_verify(data_dir))
    except AlreadyThere:
        _refuse(target)
        return 2
    except NotADirectoryError:
        _say(f"{target} 已存在，但不是文件夹：请先移走它。", f"{target} exists and is not a folder: move it away first.")
        return 2
    except DraftRefused as exc:
        print("导入的草稿没有通过检查，什么也没有写入。请把这条信息和原文文件发给网站的开发人员。\n"
              "The imported draft did not pass the check; nothing was written. Please send this message and the "
              "source file to the site's developers.\n" + format_check_report(exc.problems, []), file=sys.stderr)
        return 1
    except OSError as exc:
        _say(f"无法写入 {target}（{exc.strerror or type(exc).__name__}），什么也没有写入：请检查文件夹的权限和磁盘空间。",
             f"Could not write {target} ({exc.strerror or type(exc).__name__}); nothing was written: check the "
             "folder's permissions and the free disk space.")
        return 1
    print(import_report(document, made, _shown(written)))
    return 0


class DraftRefused(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")


def _verify(data_dir: Path):
    """The check a draft passes in its staging folder before it is put in place (problems: never written)."""
    def verify(folder: Path, doc_id: str) -> None:
        problems, _warnings = check_document(folder, data_dir, doc_id)
        if problems:
            raise DraftRefused(problems)
    return verify


def check_one(document: str, data_dir: Path) -> int:
    """``policy-site check-document``: every problem and warning of one document; 1 if any problem."""
    folder = Path(document)
    if not folder.exists() and doc_id_problem(document) is None:
        folder = document_dir(data_dir, document)
    else:
        data_dir = folder.resolve().parent.parent if folder.resolve().parent.name == DOCUMENTS else data_dir
    problems, warnings = check_document(folder, data_dir)
    report = format_check_report(problems, warnings)
    if report:
        print(report, file=sys.stderr)
    if problems:
        return 1
    print(f"文档 {folder.name} 无误（{len(warnings)} 处提醒）。\n"
          f"The document {folder.name} is valid ({len(warnings)} warning(s)).")
    return 0


def _refuse(target: Path) -> None:
    _say(f"资料库中已有文档 {target.name}（{_shown(target)}），没有覆盖。要用这份原文重新导入并覆盖它（工作人员在其中所做的修改会丢失），"
         "请加 --replace；要作为另一份文档导入，请换一个 --id。",
         f"The library has a document {target.name} already ({_shown(target)}); it was not overwritten. To import "
         "this text again over it (the edits staff made there are lost), add --replace; to import it as another "
         "document, choose another --id.")


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _say(zh: str, en: str) -> None:
    print(f"{zh}\n{en}", file=sys.stderr)
