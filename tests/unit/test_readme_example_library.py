"""The README's "The example library" builds the example as tests/build/test_example_library.py does:
its shell block merges the same shared files (file and list key) as the test's ``SHARED``, and copies
the example's documents and parameters. (The block itself was run by hand: it builds; the build test
builds the same library.)"""

from __future__ import annotations

import ast
import re

from tests.readme_example import readme_section
from tests.conftest import REPO

SECTION = readme_section("## The example library")


def _script() -> str:
    found = re.search(r"```sh\n(.*?)\n```", SECTION, re.S)
    assert found, "the section's shell block"
    return found.group(1)


def _shared_of_the_build_test() -> list[tuple[str, str]]:
    tree = ast.parse((REPO / "tests" / "build" / "test_example_library.py").read_text(encoding="utf-8"))
    (value,) = [node.value for node in tree.body if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "SHARED" for t in node.targets)]
    return [tuple(pair) for pair in ast.literal_eval(value)]


def test_the_readme_merges_what_the_build_test_merges():
    merged = re.findall(r'\("([a-z_]+\.yaml)", "([a-z_]+)"\)', _script())
    assert merged and sorted(merged) == sorted(_shared_of_the_build_test())


def test_the_readme_copies_the_documents_and_parameters_and_builds_with_the_data_folder():
    script = _script()
    assert "cp -r examples/guangzhou/documents " in script
    assert "cp examples/guangzhou/parameters/*.yaml " in script
    assert re.search(r"^POLICY_DATA_DIR=(\S+) .*\.venv/bin/mkdocs build", script, re.M)
