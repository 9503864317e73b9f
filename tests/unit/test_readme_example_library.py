"""The README's "The example library" checks and builds the example as tests/build/test_example_alone.py
does: its shell block is two commands, ``policy-site check`` and the strict mkdocs build with
``POLICY_DATA_DIR``, both on the folder the build test copies and builds (its ``LIBRARY``), as it is:
nothing copied or merged first, since a library may be made only of ``documents/``."""

from __future__ import annotations

import ast
import re

from tests.readme_example import readme_section
from tests.conftest import REPO

SECTION = readme_section("## The example library")
BUILD_TEST = REPO / "tests" / "build" / "test_example_alone.py"


def _commands() -> list[str]:
    found = re.search(r"```sh\n(.*?)\n```", SECTION, re.S)
    assert found, "the section's shell block"
    return [line for line in found.group(1).splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _library_of_the_build_test() -> str:
    """The build test's ``LIBRARY`` (``REPO / "examples" / "guangzhou"``) as a path from the repository."""
    tree = ast.parse(BUILD_TEST.read_text(encoding="utf-8"))
    (value,) = [node.value for node in tree.body if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "LIBRARY" for t in node.targets)]
    parts: list[str] = []
    while isinstance(value, ast.BinOp) and isinstance(value.right, ast.Constant):
        parts.insert(0, value.right.value)
        value = value.left
    assert isinstance(value, ast.Name) and value.id == "REPO" and parts, "LIBRARY = REPO / ... / ..."
    return "/".join(parts)


def test_the_readme_checks_and_builds_the_folder_the_build_test_builds():
    library = _library_of_the_build_test()
    assert library == "examples/guangzhou" and (REPO / library / "documents").is_dir()
    check, build = _commands()  # exactly two commands
    assert re.fullmatch(rf"\.venv/bin/policy-site check {re.escape(library)}", check), check
    found = re.fullmatch(r"POLICY_DATA_DIR=(\S+) (?:\S+=\S+ )*\.venv/bin/mkdocs build --strict -d \S+", build)
    assert found and found.group(1) == library, build


def test_the_build_test_checks_and_builds_that_folder_as_it_is():
    source = BUILD_TEST.read_text(encoding="utf-8")
    assert "shutil.copytree(LIBRARY, copy)" in source  # a copy of the folder, nothing merged into it
    assert '[str(POLICY_SITE), "check", str(data)]' in source
    assert "mkdocs_build(site, data_dir=data)" in source
    assert not re.search(r"policy_data|yaml\.safe_dump|\.write_text", source.split("def _the_plan_s_names")[0])


def test_the_readme_no_longer_merges_into_a_copy_of_policy_data():
    assert not [line for line in _commands() if line.startswith(("cp ", "rm ", "mkdir ", ".venv/bin/python"))]
    assert "a library may be made only of `documents/`" in SECTION.lower()
