"""The README's staff example of a calculator written as data ("How to add a calculator as data"): the
YAML block after the marker comment, read from README.md itself so that the guide and the tests
cannot drift apart. Used by tests/unit/policy_site/test_readme_rules_example.py and
tests/build/test_rules_data.py.

    clause_yaml()                 # the block: one clause, a YAML list item at column 0
    add_to_policy(folder, yaml)   # a copy of the small fixture policy with that clause (and its source line)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from tests.conftest import MINI_POLICY, REPO

README = REPO / "README.md"
MARKER = "<!-- rent-subsidy-example:"
SECTION = "sections/1.yaml"


def clause_yaml(readme: str | None = None) -> str:
    """The YAML block that follows the marker comment in the README."""
    text = README.read_text(encoding="utf-8") if readme is None else readme
    assert text.count(MARKER) == 1, f"README.md must hold the marker {MARKER!r} once"
    found = re.search(r"```yaml\n(.*?)\n```", text[text.index(MARKER):], re.S)
    assert found, "README.md: no ```yaml block after the marker"
    return found.group(1) + "\n"


def readme_section(title: str) -> str:
    """The README's text from the heading ``title`` to the next heading of level 2."""
    text = README.read_text(encoding="utf-8")
    start = text.index(title)
    end = text.find("\n## ", start + len(title))
    return text[start:end if end >= 0 else len(text)]


def add_to_policy(target: Path, block: str | None = None) -> Path:
    """A copy of tests/fixtures/mini_policy in ``target``, with the clause appended to its section 1
    (indented under ``clauses:``) and the clause's Chinese text appended to its source."""
    block = clause_yaml() if block is None else block
    (clause,) = yaml.safe_load(block)
    shutil.copytree(MINI_POLICY, target)
    section = target / SECTION
    indented = "".join("  " + line if line.strip() else line for line in block.splitlines(keepends=True))
    section.write_text(section.read_text(encoding="utf-8") + indented, encoding="utf-8")
    source = target / "source.zh.txt"
    source.write_text(source.read_text(encoding="utf-8").rstrip("\n") + "\n" + clause["text"]["zh"] + "\n",
                      encoding="utf-8")
    return target
