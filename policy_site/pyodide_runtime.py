"""The calculators' browser runtime: self-hosted Pyodide plus a wheel of ``calculators/``.

``build_runtime(repo_root)`` gives, in ``Runtime.files``, ``{site-relative uri:
Path | bytes}`` for everything under ``pyodide/`` that a calculator page downloads:

- Pyodide's core files, byte for byte from ``node_modules/pyodide`` (the npm
  package pinned in package.json / package-lock.json);
- ``calculators-<version>-py3-none-any.whl``: the ``calculators`` package only,
  its ``.py`` sources (Pyodide runs Python 3.14; a host ``.pyc`` would be
  rejected), written with fixed timestamps and sorted entries so that two builds
  of the same sources are byte-identical. The version carries a hash of the
  sources (``0.1.0+src.<hash>``), so a changed calculator gets a new file name
  and a browser never pairs a cached wheel with a newer lock file;
- ``pyodide-lock.json``: Pyodide's own lock reduced to its ``info`` and the
  wheel, with the wheel's sha256, so the browser loads it by name
  (``loadPackage("calculators")``) and checks its integrity.

Nothing is fetched from a third party, at build time or in the browser. The
result is cached per process (the projects plugin builds both languages in one).
"""

from __future__ import annotations

import base64
import hashlib
import json
import tomllib
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

PYODIDE_DIR = "pyodide"
"""The runtime's folder in the top-level (zh) site; the en site uses ``../pyodide/``."""

# What loadPyodide() fetches from indexURL (checked in pyodide.mjs / pyodide.asm.mjs
# of pyodide 314.0.7: the lock file, the asm module, the wasm and the stdlib zip).
# The source maps and pyodide.js (the classic-script build) are not needed.
CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
LOCK_FILE = "pyodide-lock.json"

PACKAGE = "calculators"
DIST_NAME = "calculators"
FALLBACK_VERSION = "0.1.0"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time leaks in
SOURCE_SUFFIXES = (".py",)


class RuntimeBuildError(Exception):
    """The runtime cannot be built (Pyodide not installed, a calculator does not compile)."""


@dataclass(frozen=True)
class Runtime:
    files: dict[str, Path | bytes]
    """Site-relative uri (``pyodide/...``) -> a file to copy or the bytes to write."""
    wheel_name: str
    download_bytes: int
    """What a visitor downloads to start a calculator (all the files above), in bytes."""
    version: str
    """A short hash of all of it, for cache-busting query strings."""

    @property
    def download_mb(self) -> str:
        return f"{self.download_bytes / 1_000_000:.1f}"


def find_repo_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding ``node_modules/pyodide`` (as Node resolves modules)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "node_modules" / "pyodide" / LOCK_FILE).is_file():
            return folder
    raise RuntimeBuildError(
        f"找不到 node_modules/pyodide（从 {start} 向上查找）；请先运行 npm ci。 / "
        f"node_modules/pyodide not found at or above {start}; run `npm ci` first."
    )


def build_runtime(repo_root: Path, assets_dir: Path | None = None) -> Runtime:
    """The runtime, rebuilt only when a source file changed (cheap to call from every build).

    ``assets_dir``, when given, is the site's ``docs/assets``: its ``calculator/`` scripts
    count towards ``version``, which cache-busts them too.
    """
    repo_root = Path(repo_root).resolve()
    watched = [repo_root / "pyproject.toml", repo_root / "node_modules" / "pyodide" / LOCK_FILE,
               *(repo_root / "node_modules" / "pyodide" / name for name in CORE_FILES)]
    watched += sorted((repo_root / PACKAGE).rglob("*.py"))
    if assets_dir is not None:
        watched += sorted(p for p in (Path(assets_dir) / "calculator").rglob("*") if p.is_file())
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else (str(p),) for p in watched)
    return _build_runtime(repo_root, Path(assets_dir) if assets_dir is not None else None, stamp)


@lru_cache(maxsize=4)
def _build_runtime(repo_root: Path, assets_dir: Path | None, stamp: tuple) -> Runtime:
    """Build the runtime; ``stamp`` (sizes and times of every input) only keys the cache."""
    pyodide_dir = repo_root / "node_modules" / "pyodide"
    missing = [name for name in (*CORE_FILES, LOCK_FILE) if not (pyodide_dir / name).is_file()]
    if missing:
        raise RuntimeBuildError(
            f"node_modules/pyodide 缺少文件 {missing}；请运行 npm ci。 / "
            f"node_modules/pyodide lacks {missing}; run `npm ci`."
        )
    wheel_name, wheel = build_wheel(repo_root / PACKAGE, _project_version(repo_root))
    lock = site_lock(json.loads((pyodide_dir / LOCK_FILE).read_text(encoding="utf-8")), wheel_name, wheel)
    files: dict[str, Path | bytes] = {f"{PYODIDE_DIR}/{name}": pyodide_dir / name for name in CORE_FILES}
    files[f"{PYODIDE_DIR}/{LOCK_FILE}"] = lock
    files[f"{PYODIDE_DIR}/{wheel_name}"] = wheel

    digest = hashlib.sha256()
    size = 0
    for uri in sorted(files):
        content = files[uri]
        data = content if isinstance(content, bytes) else content.read_bytes()
        size += len(data)
        digest.update(uri.encode() + b"\0" + hashlib.sha256(data).digest())
    if assets_dir is not None:  # the calculator scripts are cache-busted by the same version
        for path in sorted(p for p in (assets_dir / "calculator").rglob("*") if p.is_file()):
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return Runtime(files=files, wheel_name=wheel_name, download_bytes=size, version=digest.hexdigest()[:12])


def _project_version(repo_root: Path) -> str:
    pyproject = repo_root / "pyproject.toml"
    if pyproject.is_file():
        return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("version", FALLBACK_VERSION)
    return FALLBACK_VERSION


# --- the wheel ----------------------------------------------------------------------------------


def package_sources(package_dir: Path) -> dict[str, bytes]:
    """``{arcname: bytes}`` of the package's Python sources, sorted; no caches, no .pyc."""
    if not (package_dir / "__init__.py").is_file():
        raise RuntimeBuildError(f"{package_dir} 不是 Python 包 / is not a Python package (no __init__.py)")
    sources = {}
    for path in sorted(package_dir.rglob("*")):
        rel = path.relative_to(package_dir.parent)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix not in SOURCE_SUFFIXES:
            continue
        if any(part.startswith(".") for part in rel.parts):
            continue
        data = path.read_bytes()
        try:
            compile(data, str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise RuntimeBuildError(f"{path}:{exc.lineno}: 计算器源码无法编译 / a calculator does not compile: {exc.msg}") from None
        sources[rel.as_posix()] = data
    return sources


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(package_dir: Path, base_version: str) -> tuple[str, bytes]:
    """A pure-Python wheel of one package, byte-identical for identical sources."""
    sources = package_sources(package_dir)
    source_hash = hashlib.sha256()
    for arcname, data in sources.items():
        source_hash.update(arcname.encode() + b"\0" + hashlib.sha256(data).digest())
    version = f"{base_version}+src.{source_hash.hexdigest()[:12]}"
    dist_info = f"{DIST_NAME}-{version}.dist-info"
    meta = {
        f"{dist_info}/METADATA": (
            "Metadata-Version: 2.1\n"
            f"Name: {DIST_NAME}\n"
            f"Version: {version}\n"
            "Summary: Subsidy calculators of the employment promotion plan (pure Python, stdlib only)\n"
            "Requires-Python: >=3.12\n"
        ).encode(),
        f"{dist_info}/WHEEL": (
            "Wheel-Version: 1.0\n"
            "Generator: policy_site.pyodide_runtime\n"
            "Root-Is-Purelib: true\n"
            "Tag: py3-none-any\n"
        ).encode(),
        f"{dist_info}/top_level.txt": f"{PACKAGE}\n".encode(),
    }
    entries = {**sources, **meta}
    record_name = f"{dist_info}/RECORD"
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries.items())
    entries[record_name] = (record + f"{record_name},,\n").encode()

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():  # sources sorted, then dist-info, RECORD last
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, whatever the build machine
            info.external_attr = 0o100644 << 16
            archive.writestr(info, data, compresslevel=9)
    return f"{DIST_NAME}-{version}-py3-none-any.whl", buffer.getvalue()


# --- the lock file ------------------------------------------------------------------------------


def lock_entry(wheel_name: str, wheel: bytes) -> dict:
    """The wheel's entry in pyodide-lock.json (the fields `pyodide lockfile add-wheels` writes)."""
    version = wheel_name.split("-")[1]
    return {
        "name": DIST_NAME,
        "version": version,
        "file_name": wheel_name,
        "install_dir": "site",
        "sha256": hashlib.sha256(wheel).hexdigest(),
        "package_type": "package",
        "imports": [PACKAGE],
        "depends": [],
        "unvendored_tests": False,
    }


def site_lock(pyodide_lock: dict, wheel_name: str, wheel: bytes) -> bytes:
    """The site's lock: Pyodide's ``info`` and only our wheel (no entries for wheels the site lacks)."""
    lock = {key: value for key, value in pyodide_lock.items() if key != "packages"}
    lock["packages"] = {DIST_NAME: lock_entry(wheel_name, wheel)}
    return (json.dumps(lock, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
