"""The browser runtime the site ships: Pyodide's core, one zip of exactly the Python it needs
(byte code compiled by Pyodide's own Python), a manifest with every file's sha256; cached on disk."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from policy_site.build import pyodide_runtime as rt

REPO = Path(__file__).resolve().parents[2]
PYODIDE = REPO / "node_modules" / "pyodide"


@pytest.fixture(scope="module")
def runtime():
    return rt.build_runtime(REPO)


def _bytes(content) -> bytes:
    return content if isinstance(content, bytes) else content.read_bytes()


def test_files_are_the_core_the_zip_and_the_manifest(runtime):
    zip_name = runtime.zip_name
    assert zip_name.startswith("python-") and zip_name.endswith(".zip")
    assert sorted(runtime.files) == sorted(["pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm",
                                            f"pyodide/{zip_name}", "pyodide/runtime.json", "sw.js"])
    for name in ("pyodide.mjs", "pyodide.asm.wasm"):  # byte for byte from the pinned npm package
        assert runtime.files[f"pyodide/{name}"] == PYODIDE / name
    # Emscripten's glue, minified: smaller, and still Pyodide's (its version and entry point, by name).
    glue, original = _bytes(runtime.files["pyodide/pyodide.asm.mjs"]), (PYODIDE / "pyodide.asm.mjs").read_bytes()
    assert len(glue) < 0.9 * len(original)
    assert b"export default _createPyodideModule" in glue
    version = json.loads((PYODIDE / "package.json").read_text())["version"]
    assert version.encode() in glue
    assert "pyodide/python_stdlib.zip" not in runtime.files and "pyodide/pyodide-lock.json" not in runtime.files


def test_the_service_worker_is_versioned_by_the_build(runtime):
    sw = runtime.files["sw.js"].decode()
    config = json.loads(sw.split("const CONFIG = ", 1)[1].split(";\n", 1)[0])
    assert config["version"] == runtime.version
    # It precaches our scripts at this build's version, never the runtime: a new release's service
    # worker installs on any page, maybe on Save-Data (the calculators' worker keeps the runtime).
    assert all(p.endswith(f"?v={runtime.version}") for p in config["precache"])
    assert not [p for p in config["precache"] if p.startswith("pyodide/")]
    assert 'name.startsWith(PREFIX) && name !== CACHE' in sw  # deletes only its own older caches


def test_a_change_to_any_versioned_script_gives_a_new_version(tmp_path):
    """Pages load the calculator's and the finder's scripts and style sheets as ``?v=<version>``, and
    the service worker keeps such URLs for good: a release that changes only the finder's style
    sheet (or print.css, or finder.js) must change the version, or returning visitors never get it."""
    assets = tmp_path / "assets"
    shutil.copytree(REPO / "docs" / "assets", assets)
    versions = [rt.build_runtime(REPO, assets_dir=assets).version]
    for name in ("finder/finder.js", "finder/finder.css", "kit/print.css", "calculator/calculator.css", "kit/dom.js"):
        path = assets / name
        path.write_text(path.read_text(encoding="utf-8") + "\n/* release */\n", encoding="utf-8")
        versions.append(rt.build_runtime(REPO, assets_dir=assets).version)
    assert len(set(versions)) == len(versions), versions
    sw = json.loads(rt.build_runtime(REPO, assets_dir=assets).files["sw.js"].decode().split("const CONFIG = ", 1)[1]
                    .split(";\n", 1)[0])
    assert sorted(sw["runtime"]) == sorted(f"pyodide/{name}?v={entry['v']}"
                                           for name, entry in rt.build_runtime(REPO).manifest["files"].items())


def test_manifest_has_every_file_the_worker_runs_with_its_sha256(runtime):
    manifest = json.loads(runtime.files["pyodide/runtime.json"])
    assert manifest == runtime.manifest
    assert sorted(manifest["files"]) == sorted([*rt.CORE_FILES, runtime.zip_name])
    for name, entry in manifest["files"].items():
        data = _bytes(runtime.files[f"pyodide/{name}"])
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == base64.b64encode(hashlib.sha256(data).digest()).decode()
    assert manifest["total"] == sum(e["bytes"] for e in manifest["files"].values())
    lock = json.loads(manifest["lock"])
    assert lock["packages"] == {}
    assert lock["info"] == json.loads((PYODIDE / "pyodide-lock.json").read_text())["info"]
    assert manifest["version"] == runtime.version


def test_zip_holds_compiled_stdlib_and_calculators_only(runtime):
    with zipfile.ZipFile(BytesIO(runtime.files[f"pyodide/{runtime.zip_name}"])) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.endswith(".pyc") for n in names)
    assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}  # HTTP compresses it
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    sources = sorted(p.relative_to(REPO).with_suffix(".pyc").as_posix() for p in (REPO / "calculators").rglob("*.py")
                     if "__pycache__" not in p.parts)
    assert set(sources) <= set(names)
    stdlib = sorted(n.removesuffix(".py") + ".pyc" for n in runtime.stdlib_modules)
    assert sorted(set(names) - set(sources)) == stdlib
    # What Python imports only if it is there is left out (asyncio's ssl); what the calculators
    # import themselves never is.
    assert "ssl" in runtime.left_out and "ssl.pyc" not in names and "asyncio/__init__.pyc" in names
    assert not set(runtime.left_out) & {name.split(".")[0] for name in rt.imported_names(
        {p.as_posix(): p.read_bytes() for p in (REPO / "calculators").rglob("*.py")})}
    # What the calculators need is there; most of the standard library is not.
    for needed in ("decimal.pyc", "json/__init__.pyc", "json/decoder.pyc", "numbers.pyc", "re/__init__.pyc"):
        assert needed in names
    with zipfile.ZipFile(PYODIDE / "python_stdlib.zip") as full:
        assert len(names) < len(full.namelist()) / 3
    for absent in ("sqlite3/__init__.pyc", "email/__init__.pyc", "unittest/__init__.pyc", "tkinter/__init__.pyc"):
        assert absent not in names


def test_byte_code_is_pyodides_not_the_hosts(runtime):
    with zipfile.ZipFile(BytesIO(runtime.files[f"pyodide/{runtime.zip_name}"])) as archive:
        header = archive.read("calculators/__init__.pyc")[:16]
    # Pyodide 314 runs Python 3.14; a .pyc of the host's Python (3.12 here) has another magic number.
    assert header[:4] != importlib.util.MAGIC_NUMBER or __import__("sys").version_info[:2] == (3, 14)
    assert header[4:8] == (1).to_bytes(4, "little")  # unchecked hash-based: no timestamps


def test_a_warm_build_runs_no_node_and_gives_the_same_runtime(runtime, monkeypatch):
    rt._build_runtime.cache_clear()  # noqa: SLF001 - the on-disk cache answers now
    monkeypatch.setattr(rt, "_run_node", lambda *a, **k: pytest.fail("Node ran for a cached runtime"))
    again = rt.build_runtime(REPO)
    assert again.version == runtime.version
    assert again.files[f"pyodide/{again.zip_name}"] == runtime.files[f"pyodide/{runtime.zip_name}"]


def test_a_missing_module_stops_the_build_in_both_languages():
    with pytest.raises(rt.RuntimeBuildError) as failed:
        rt._check_run({"import_error": "Traceback ...\nModuleNotFoundError: No module named 'fractions'"}, [])  # noqa: SLF001
    message = str(failed.value)
    assert "fractions" in message and "标准库模块" in message and "standard-library module" in message


def test_imports_inside_functions_are_found():
    sources = {"calculators/x.py": b"import json\ndef f():\n    import fractions\n    from statistics import mean\n"
                                   b"    from . import y\n    from calculators import z\n"}
    assert rt.imported_names(sources) == ["fractions", "json", "statistics"]


def test_a_new_calculator_module_is_probed_and_shipped(tmp_path):
    """A copy of the repository whose calculators import one more stdlib module lazily: the trimmed
    runtime gets it (found by the build, not by a list) and the calculator runs in it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(REPO / "calculators", repo / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "node_modules").symlink_to(REPO / "node_modules")
    init = repo / "calculators" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\n\ndef _fraction_text(value):\n    import fractions\n"
                    "    return str(fractions.Fraction(value))\n", encoding="utf-8")
    built = rt.build_runtime(repo)
    assert "fractions.py" in built.stdlib_modules
    with zipfile.ZipFile(BytesIO(built.files[f"pyodide/{built.zip_name}"])) as archive:
        assert "fractions.pyc" in archive.namelist()


def test_a_changed_calculator_is_rebuilt_from_the_stages_the_first_build_left(runtime, tmp_path, monkeypatch):
    """A calculators-only change (a limit raised) rebuilds the runtime with what does not depend on
    the calculators taken from .cache/pyodide-runtime/stages, which the repository's runtime left:
    the probe compiles the package alone, the prune boots no zip Pyodide cannot boot from, nothing is
    minified; and the runtime is the one a cold build gives: it passed the parity check with the new
    answers, with the repository's standard-library byte-code and modules left out."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copytree(REPO / "calculators", repo / "calculators", ignore=shutil.ignore_patterns("__pycache__"))
    (repo / "node_modules").symlink_to(REPO / "node_modules")
    source = repo / "calculators" / "startup_loan.py"
    text = source.read_text(encoding="utf-8")
    assert 'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")' in text
    source.write_text(text.replace('INDIVIDUAL_MAX_LOAN_YUAN = Decimal("150000")',
                                   'INDIVIDUAL_MAX_LOAN_YUAN = Decimal("170000")'), encoding="utf-8")
    shutil.rmtree(rt.cache_root(PYODIDE) / rt.runtime_key(repo), ignore_errors=True)  # rebuilt on every run
    jobs = {}
    run_node = rt._run_node  # noqa: SLF001

    def recorded(mode, job, work):
        jobs[mode] = (job, run_node(mode, job, work))
        return jobs[mode][1]

    monkeypatch.setattr(rt, "_run_node", recorded)
    built = rt.build_runtime(repo)

    probe, found = jobs["probe"]
    assert set(found["stdlib"]) <= set(probe["compiled"]), "the standard library was compiled again"
    assert sorted(found["pyc"]) == sorted(probe["sources"]) == sorted(rt.package_sources(repo / "calculators"))
    memo = rt._stage_dir(PYODIDE) / "unbootable" / f"{rt._digest(found['stdlib'])}.json"  # noqa: SLF001
    unbootable = json.loads(memo.read_text(encoding="utf-8"))
    assert "encodings" in unbootable and not set(unbootable) & set(jobs["prune"][0]["zips"])
    assert set(jobs["prune"][1]["alike"]) == set(built.left_out)
    assert "minify" not in jobs
    assert any("170000" in answer for answer in jobs["run"][1]["responses"] if isinstance(answer, str))

    assert built.left_out == runtime.left_out and built.stdlib_modules == runtime.stdlib_modules
    with zipfile.ZipFile(BytesIO(built.files[f"pyodide/{built.zip_name}"])) as new, \
            zipfile.ZipFile(BytesIO(runtime.files[f"pyodide/{runtime.zip_name}"])) as old:
        assert new.namelist() == old.namelist()
        changed = [name for name in new.namelist() if new.read(name) != old.read(name)]
    assert changed == ["calculators/startup_loan.pyc"]


def test_the_build_never_reads_the_tests_folder():
    """The calculators' cases are data the build needs (the runtime's probe runs them): they live
    beside the package, and no module of the generator names the tests folder as a path."""
    import ast

    import calculators
    from policy_site.build.pyodide_runtime import _case_files

    cases = _case_files(REPO)
    # one file of cases for each calculator the real data uses (Python or written as data), and the specs
    # written as data beside them (calculators/cases/rules) with theirs
    assert {p.stem for p in cases if p.parent.name == "cases"} == set(calculators.CALCULATORS)
    assert {p.stem for p in cases if p.parent.name == "rules"} >= {"venue_subsidy", "example_rent_subsidy"}
    assert all(p.relative_to(REPO).parts[:2] == ("calculators", "cases") for p in cases)
    for path in sorted((REPO / "policy_site").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        strings = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
        docstrings = {ast.get_docstring(n, clean=False) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}
        paths = [s for s in strings if s not in docstrings and (s == "tests" or s.startswith("tests/"))]
        assert not paths, f"{path.relative_to(REPO)} names {paths}"
