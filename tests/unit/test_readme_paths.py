"""Every repository path the README names in backticks exists (or, with a ``*``, matches a file).

A path is a backticked word that starts with a folder or file tracked at the repository's top level
(``policy_site/…``, ``docs/…``, ``mkdocs.yml``); paths of the built site (``site/``), of other
repositories (``../shared/…``) and the README's placeholders (``xx``, ``<id>``, ``ID``, ``…``) are
not checked. ``policy_data``'s own files named without their folder (the editors' table) are
checked under ``policy_data/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
TOP = ("bench", "bin", "calculators", "docs", "examples", "policy_data", "policy_site", "projects", "tests",
       "mkdocs.yml", "package.json", "package-lock.json", "pyproject.toml")
PLACEHOLDER = re.compile(r"(^|/)(xx|ID|DOC_ID|SOURCE)(/|\.|$)|[<>…{}]|\.\.\.")
PATH = re.compile(r"^[A-Za-z0-9_.*/-]+$")
DATA_TABLE = re.compile(r"^\| `([^`|]+)`")


def _candidates(text: str) -> list[str]:
    found = []
    for word in re.findall(r"`([^`\n]+)`", text):
        for part in re.split(r"\s*(?:,|\+| … )\s*", word):
            part = part.strip().split(" ")[0].rstrip(".,;:")
            if PATH.match(part) and not PLACEHOLDER.search(part) and part.split("/")[0] in TOP:
                found.append(part)
    return sorted(set(found))


def _data_table_files(text: str) -> list[str]:
    """The first column of "For the people who edit the data": files inside policy_data/."""
    start = text.index("| file |", text.index("## For the people who edit the data"))
    found = []
    for line in text[start:].splitlines():
        if not line.startswith("|"):
            break
        match = DATA_TABLE.match(line)
        if match and not PLACEHOLDER.search(match.group(1)):
            found.append("policy_data/" + match.group(1).rstrip("/"))
    return found


def _exists(path: str) -> bool:
    if "*" in path:
        return any(REPO.glob(path))
    return (REPO / path.rstrip("/")).exists()


README_TEXT = README.read_text(encoding="utf-8")
PATHS = _candidates(README_TEXT)


def test_the_readme_names_paths_at_all():
    """The scan finds what it should (the test could otherwise pass on nothing)."""
    assert "policy_site/build/pyodide_runtime.py" in PATHS and len(PATHS) > 30, PATHS
    assert _candidates("`policy_site/nowhere.py` and `site/en/` and `projects/xx/mkdocs.yml`") == ["policy_site/nowhere.py"]
    assert not _exists("policy_site/nowhere.py")


@pytest.mark.parametrize("path", PATHS)
def test_every_path_the_readme_names_exists(path):
    assert _exists(path), f"README.md names `{path}`, which is not in the repository"


@pytest.mark.parametrize("path", _data_table_files(README_TEXT))
def test_every_file_of_the_editors_table_exists(path):
    assert _exists(path), f"README.md's table for editors names `{path}`, which is not in policy_data/"
