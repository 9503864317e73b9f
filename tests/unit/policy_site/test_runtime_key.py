"""The runtime's cache key (``pyodide_runtime.runtime_key``): the inputs' contents, not where they lie."""

from __future__ import annotations

import shutil

from policy_site.build import pyodide_runtime
from policy_site.build.pyodide_runtime import runtime_key
from tests.site_build import REPO, sandbox

PYODIDE = REPO / "node_modules" / "pyodide"


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


def test_the_stages_are_keyed_by_pyodide_and_the_build(tmp_path, monkeypatch):
    """What the build remembers across runtimes (``_stage_dir``: each standard-library file's .pyc,
    the modules Pyodide cannot boot without) is named by Pyodide's files, this module and the build
    script: a changed Pyodide file or build script names another folder, so nothing remembered by
    another Pyodide or build is ever used."""
    stage = pyodide_runtime._stage_dir(PYODIDE).name  # noqa: SLF001
    other = tmp_path / "node_modules" / "pyodide"
    other.mkdir(parents=True)
    for path in PYODIDE.iterdir():
        (other / path.name).symlink_to(path)
    assert pyodide_runtime._stage_dir(other).name == stage  # noqa: SLF001 - the same files: the same stages
    for name in ("python_stdlib.zip", "pyodide.asm.wasm", "pyodide-lock.json"):
        (other / name).unlink()
        (other / name).write_bytes((PYODIDE / name).read_bytes() + b"\0")
        assert pyodide_runtime._stage_dir(other).name != stage, name  # noqa: SLF001
        (other / name).unlink()
        (other / name).symlink_to(PYODIDE / name)
    script = tmp_path / "pyodide_build.mjs"
    script.write_text(pyodide_runtime.BUILD_SCRIPT.read_text(encoding="utf-8") + "\n// changed\n", encoding="utf-8")
    monkeypatch.setattr(pyodide_runtime, "BUILD_SCRIPT", script)
    assert pyodide_runtime._stage_dir(PYODIDE).name != stage  # noqa: SLF001
