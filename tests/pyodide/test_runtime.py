"""The browser runtime the site ships: deterministic wheel, lock entry with its sha256, core files."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

from policy_site import pyodide_runtime as rt

REPO = Path(__file__).resolve().parents[2]


def _fresh():
    rt._build_runtime.cache_clear()  # noqa: SLF001
    return rt.build_runtime(REPO)


def test_two_builds_are_byte_identical():
    first, second = _fresh(), _fresh()
    assert first.wheel_name == second.wheel_name
    assert first.files[f"pyodide/{first.wheel_name}"] == second.files[f"pyodide/{second.wheel_name}"]
    assert first.files["pyodide/pyodide-lock.json"] == second.files["pyodide/pyodide-lock.json"]
    assert first.version == second.version


def test_files_are_the_core_the_lock_and_the_wheel():
    runtime = rt.build_runtime(REPO)
    assert sorted(runtime.files) == sorted([
        "pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "pyodide/pyodide.asm.wasm",
        "pyodide/python_stdlib.zip", "pyodide/pyodide-lock.json", f"pyodide/{runtime.wheel_name}",
    ])
    for uri, content in runtime.files.items():
        if isinstance(content, Path):
            assert content == REPO / "node_modules" / "pyodide" / Path(uri).name
    total = sum(len(c) if isinstance(c, bytes) else c.stat().st_size for c in runtime.files.values())
    assert runtime.download_bytes == total
    assert 10_000_000 < total < 20_000_000


def test_wheel_holds_only_the_calculators_sources():
    runtime = rt.build_runtime(REPO)
    wheel = runtime.files[f"pyodide/{runtime.wheel_name}"]
    with zipfile.ZipFile(BytesIO(wheel)) as archive:
        names = archive.namelist()
        sources = sorted(str(p.relative_to(REPO).as_posix()) for p in (REPO / "calculators").rglob("*.py")
                         if "__pycache__" not in p.parts)
        assert [n for n in names if not n.startswith("calculators-")] == sources
        assert not [n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__" in n]
        for name in sources:
            assert archive.read(name) == (REPO / name).read_bytes()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        dist_info = runtime.wheel_name.removesuffix("-py3-none-any.whl") + ".dist-info"
        record = archive.read(f"{dist_info}/RECORD").decode().splitlines()
        assert len(record) == len(names)
        assert "Tag: py3-none-any" in archive.read(f"{dist_info}/WHEEL").decode()


def test_lock_names_the_wheel_with_its_sha256():
    runtime = rt.build_runtime(REPO)
    lock = json.loads(runtime.files["pyodide/pyodide-lock.json"])
    pyodide_lock = json.loads((REPO / "node_modules/pyodide/pyodide-lock.json").read_text())
    assert lock["info"] == pyodide_lock["info"]
    entry = lock["packages"]["calculators"]
    assert entry["file_name"] == runtime.wheel_name
    assert entry["sha256"] == hashlib.sha256(runtime.files[f"pyodide/{runtime.wheel_name}"]).hexdigest()
    assert list(lock["packages"]) == ["calculators"]


def test_lock_entry_matches_pyodide_build(tmp_path):
    """Our lock entry has the fields `pyodide lockfile add-wheels` (pyodide-build) writes."""
    pyodide_cli = shutil.which("pyodide") or str(Path(__import__("sys").executable).with_name("pyodide"))
    if not Path(pyodide_cli).exists():
        import pytest
        pytest.skip("pyodide-build is not installed")
    runtime = rt.build_runtime(REPO)
    wheel = tmp_path / runtime.wheel_name
    wheel.write_bytes(runtime.files[f"pyodide/{runtime.wheel_name}"])
    out = tmp_path / "lock.json"
    subprocess.run([pyodide_cli, "lockfile", "add-wheels", "--input", str(REPO / "node_modules/pyodide/pyodide-lock.json"),
                    "--output", str(out), str(wheel)], check=True, capture_output=True, cwd=tmp_path)
    theirs = json.loads(out.read_text())["packages"]["calculators"]
    ours = json.loads(runtime.files["pyodide/pyodide-lock.json"])["packages"]["calculators"]
    theirs.pop("tool", None)
    assert ours == theirs
