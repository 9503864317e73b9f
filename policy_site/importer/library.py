"""A library's folders as the importer reads and writes them (see /work/notes/library-layout.md):

    DIR/agencies.yaml                       shared: the agencies a draft's names are matched to
    DIR/documents/<doc-id>/source.zh.txt    the published text, byte for byte
    DIR/documents/<doc-id>/document.yaml    the document as a whole (title, life, structure, the lines
                                            outside its sections)
    DIR/documents/<doc-id>/sections/<n>.yaml
    DIR/documents/<doc-id>/review.md        what needs a person (never read by the build)

A document folder is written whole or not at all: into a hidden folder beside it, then renamed into
place; ``--replace`` swaps the old folder out only once the new one is complete.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from ..data.library_files import AGENCIES_FILE, DOCUMENT_FILE, DOCUMENTS, REVIEW_FILE, SECTIONS, SOURCE_FILE
from .draft import Draft, KnownAgency
from .yaml_text import dump

__all__ = ["AGENCIES_FILE", "DOCUMENT_FILE", "DOCUMENTS", "REVIEW_FILE", "SECTIONS", "SOURCE_FILE", "AlreadyThere",
           "document_dir", "files", "known_agencies", "write_document"]


class AlreadyThere(FileExistsError):
    """The library has a document with this id already (and ``--replace`` was not given)."""


def document_dir(data_dir: Path, doc_id: str) -> Path:
    return data_dir / DOCUMENTS / doc_id


def known_agencies(data_dir: Path) -> tuple[list[KnownAgency], str | None]:
    """The library's agencies with every name they go by; and why they could not be read (None when they
    could, or when the library has no agencies.yaml: nothing to match, every name is a proposal)."""
    path = data_dir / AGENCIES_FILE
    if not path.is_file():
        return [], None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [], f"{path}: {type(exc).__name__}"
    found = []
    listed = data.get("agencies") if isinstance(data, dict) else None
    for agency in listed if isinstance(listed, list) else []:
        if not isinstance(agency, dict) or not isinstance(agency.get("id"), str):
            continue
        names = [_zh(agency.get("name")), _zh(agency.get("full_name")),
                 *[name for name in agency.get("also_written_as") or [] if isinstance(name, str)]]
        found.append(KnownAgency(agency["id"], tuple(name for name in names if name)))
    return found, None


def _zh(label: object) -> str | None:
    return label.get("zh") if isinstance(label, dict) and isinstance(label.get("zh"), str) else None


def files(draft: Draft) -> dict[str, str]:
    """Every file of the draft (its path inside the document's folder → its text), source excepted."""
    header = [f"草稿：policy-site import 从 {SOURCE_FILE} 读出；中文原文逐字照录，英文待补。",
              f"Draft written by policy-site import from {SOURCE_FILE}; the Chinese is verbatim, the English pending."]
    written = {DOCUMENT_FILE: dump(draft.document, header)}
    for section_id, section in draft.sections.items():
        written[f"{SECTIONS}/{section_id}.yaml"] = dump(section, header)
    written[REVIEW_FILE] = draft.review
    return written


def write_document(data_dir: Path, draft: Draft, source: bytes, replace: bool = False,
                   verify: Callable[[Path, str], None] | None = None) -> Path:
    """Write the draft's folder into ``data_dir``/documents/<id>; the folder. :class:`AlreadyThere` when it
    exists and ``replace`` is False. ``verify(folder, doc_id)`` runs on the complete folder before it is put in
    place and may raise to refuse it. On any error nothing is left behind (an old folder stays as it was)."""
    target = document_dir(data_dir, draft.doc_id)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(str(target))
    if target.exists() and not replace:
        raise AlreadyThere(str(target))
    texts = files(draft)  # every file's text before anything touches the disk
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{draft.doc_id}.", suffix=".importing", dir=target.parent))
    try:
        (staging / SOURCE_FILE).write_bytes(source)
        for name, text in texts.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        os.chmod(staging, 0o755)
        if verify is not None:
            verify(staging, draft.doc_id)
        _swap_in(staging, target, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _swap_in(staging: Path, target: Path, replace: bool) -> None:
    if not target.exists():
        os.rename(staging, target)  # fails if another import made it meanwhile: nothing is overwritten
        return
    if not replace:
        raise AlreadyThere(str(target))
    old = target.with_name(f".{target.name}.replaced")
    if old.exists():
        shutil.rmtree(old)
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
