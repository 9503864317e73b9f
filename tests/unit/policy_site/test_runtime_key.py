"""The runtime's cache key (``pyodide_runtime.runtime_key``): the inputs' contents, not where they lie."""

from __future__ import annotations

import shutil

from policy_site.build.pyodide_runtime import runtime_key
from tests.site_build import REPO, sandbox


def test_a_copy_of_the_configuration_linking_the_package_shares_the_runtime(tmp_path):
    """tests/site_build.sandbox links calculators/ and node_modules/: the same inputs, the same runtime
    (this module and the build script lie outside the copy; they once gave it a key of its own, and
    the first build of each test run in such a copy built the whole runtime again)."""
    copy = sandbox(tmp_path / "repo").parent
    assert runtime_key(copy) == runtime_key(REPO)


def test_a_changed_calculator_changes_the_key(tmp_path):
    copy = sandbox(tmp_path / "repo").parent
    (copy / "calculators").unlink()
    shutil.copytree(REPO / "calculators", copy / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    assert runtime_key(copy) == runtime_key(REPO)
    module = copy / "calculators" / "startup_loan.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert runtime_key(copy) != runtime_key(REPO)
