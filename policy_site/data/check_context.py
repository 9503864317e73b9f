"""What a check across files gets from the loader (``loader._Loaded`` is one): the files read,
where to report, and the names and ids it needs. A check in its own module (``source_check``,
``finder_checks``) is written against this, never against the loader's internals."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any, Protocol

from .errors import DataProblem
from .model import Clause
from .yaml_source import YamlDocument


class CheckContext(Protocol):
    data_dir: Path
    calculators: Collection[str]
    calculator_meta: Mapping[str, dict]
    problems: list[DataProblem]
    warnings: list[DataProblem]
    files: dict[str, list[Any]]
    """Every file read, by pattern: each has ``doc`` (the YamlDocument), ``valid`` and ``obj``."""
    unparsed: dict[str, list[Path]]
    """Files that are not even YAML (or not a mapping), by pattern."""
    finder: Any
    """facts.yaml as read (None when there is none)."""
    finder_unreadable: bool
    documents: tuple[Any, ...]
    """The library's imported documents (``library.read_documents``): each a ``library.LibraryDocument``."""

    def name(self, path: Path) -> str:
        """A data file's name as messages show it (relative to the data folder's parent)."""

    def valid_files(self, pattern: str) -> list[tuple[YamlDocument, Any]]:
        """The files of ``pattern`` that passed the model."""

    def known_ids(self, pattern: str, attr: str) -> set[str] | None:
        """The ids a list file defines, even if it failed the model (None if it did not parse)."""

    def all_clauses(self) -> list[tuple[YamlDocument, tuple, Clause]]:
        """Every clause that is valid on its own."""

    def report(self, doc: YamlDocument, loc: tuple, zh: str, en: str, warning: bool = False) -> None:
        """A problem (or a warning) at ``loc`` of the file ``doc``, on its line."""
