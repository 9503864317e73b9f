"""The calculators' browser runtime: Pyodide's core plus one zip of exactly the Python it needs.

``build_runtime(repo_root)`` gives, in ``Runtime.files``, ``{site-relative uri: Path | bytes}``
for everything under ``pyodide/`` that a calculator page downloads:

- ``pyodide.mjs``, ``pyodide.asm.wasm``: byte for byte from ``node_modules/pyodide`` (the npm
  package pinned in package.json / package-lock.json); ``pyodide.asm.mjs``, Emscripten's glue,
  from there too, minified by terser (pinned the same way; names of functions and classes kept);
- ``python-<hash>.zip``: the standard-library modules Python really imports (found by running
  the calculators' public JSON entry points on every case in Pyodide, in Node, at build time:
  never a hand list; a module that Python imports only if it is there, such as asyncio's ``ssl``,
  is left out when every answer is the same without it) plus the ``calculators`` package, all
  byte-code compiled by Pyodide's own
  Python (a host CPython's ``.pyc`` would be rejected), docstrings stripped, the standard
  library's line tables replaced by "no location" entries (a third of the compressed zip; only the
  line numbers of its frames in a traceback are lost; the calculators keep theirs), stored uncompressed
  (HTTP compresses it), fixed timestamps: two builds of the same inputs are byte-identical;
- ``runtime.json``: the manifest, which the page also carries: each file with its size and
  sha256 (the browser checks every byte it runs against it), the total, and Pyodide's lock file
  contents (no packages: nothing is installed at run time);
- ``rules.json``, when the data has calculators written as data (``calculator_rules``): their specs,
  a file of the manifest like the others (``manifest["rules"]`` names it); the worker registers
  them (``calculators.register_rules_json``) before Python answers anything.

Before it is used, the trimmed runtime is booted in Node and every probe request must give
byte-identical JSON to CPython; a missing module stops the build with a bilingual message.
The result is cached on disk (``.cache/pyodide-runtime/<key of all inputs>/``), so a normal
build runs no Node at all, and per process. So are the stages that do not depend on the calculators:
the minified glue (``minified/``) and, in ``stages/<key of Pyodide and the build>/``, each
standard-library file's byte-code and, by the zip's standard-library files, the modules without
which Pyodide does not even boot. A runtime rebuilt for a changed calculator probes, compiles its
package, tries the modules that may be left out and checks parity again, nothing more.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

from ..data import languages, rules_checks
from .compression import compressed, memo_folder, remember

ROOTS = tuple(lang.root for lang in languages.ON)  # "" and "en/": each language's site, whose copies of our scripts are kept

PYODIDE_DIR = "pyodide"
"""The runtime's folder in the top-level (zh) site; the en site uses ``../pyodide/``."""

CORE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
MINIFIED = "pyodide.asm.mjs"  # shipped minified: the build's copy, in the cache
STDLIB_ZIP = "python_stdlib.zip"
LOCK_FILE = "pyodide-lock.json"
MANIFEST = "runtime.json"
RULES = "rules.json"
PACKAGE = "calculators"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time leaks in
BUILD_SCRIPT = Path(__file__).with_name("pyodide_build.mjs")
SERVICE_WORKER = Path(__file__).with_name("sw.js")
"""The service worker's source; written to the site root (``sw.js``: its scope is the whole site)."""
CACHE_FORMAT = "7"  # bump when the cached layout changes

# UI strings (the "runtime" section of templates/ui/<language>.yaml) that calculator pages hand to calculator.js.
UI_KEYS = ("runtime_progress", "runtime_progress_done", "runtime_starting", "runtime_slow_link",
           "runtime_download_button", "runtime_retry", "runtime_failed_network", "runtime_failed_stalled",
           "runtime_failed_integrity", "runtime_failed_nowasm", "runtime_failed_start", "runtime_failed_file",
           "runtime_failed_help", "runtime_ask_agency", "runtime_failed_updated", "runtime_reload",
           "runtime_pending_submit")

# Requests that exercise the error paths of every JSON entry point (whatever the package exports).
GENERIC_REQUESTS = ("{", "[]", "{}", "null", '{"id": 1, "inputs": {}}', "[" * 5000 + "]" * 5000)


class RuntimeBuildError(Exception):
    """The runtime cannot be built (Pyodide not installed, a calculator does not compile, a module is missing)."""


@dataclass(frozen=True)
class Runtime:
    files: dict[str, Path | bytes]
    """Site-relative uri (``pyodide/...``) -> a file to copy or the bytes to write."""
    manifest: dict
    """What the browser checks and loads: ``{"version", "files": {name: {"bytes", "sha256"}}, "zip", "total", "lock"}``."""
    download_bytes: int
    """What a visitor downloads to start a calculator, brotli-compressed as a precompressing host sends it."""
    version: str
    """A short hash of all of it, for cache-busting query strings."""
    stdlib_modules: tuple[str, ...] = field(default=())
    """The standard-library files in the zip (paths inside Pyodide's python_stdlib.zip)."""
    left_out: tuple[str, ...] = field(default=())
    """Top-level standard-library modules Python imported only if present, left out of the zip."""
    ui_keys: tuple[str, ...] = UI_KEYS
    plain_download_bytes: int = 0
    """What a visitor downloads from a host that compresses nothing: the worker fetches the gzip copies
    of the wasm and the zip (``<file>.gz``) and inflates them; Pyodide's two modules come as they are."""

    @property
    def download_mb(self) -> str:
        return f"{self.download_bytes / 1_000_000:.1f}"

    @property
    def plain_download_mb(self) -> str:
        return f"{self.plain_download_bytes / 1_000_000:.1f}"

    @property
    def zip_name(self) -> str:
        return self.manifest["zip"]


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


def build_runtime(repo_root: Path, assets_dir: Path | None = None, rules: bytes | None = None) -> Runtime:
    """The runtime, rebuilt only when an input changed (cheap to call from every build).

    ``assets_dir``, when given, is the site's ``docs/assets``: the scripts of its versioned folders
    (``VERSIONED_ASSETS``) count towards ``version``, which cache-busts them too.
    """
    # ``rules``: the data calculators' specs (``rules_file``), shipped as rules.json; part of ``version``.
    repo_root = Path(repo_root).resolve()
    watched = [*_input_files(repo_root)]
    if assets_dir is not None:
        watched += _versioned_assets(Path(assets_dir))
    stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else (str(p),) for p in watched)
    return _build_runtime(repo_root, Path(assets_dir) if assets_dir is not None else None, stamp, rules)


def rules_file(site: Any) -> bytes | None:
    """``rules.json`` for a build's inputs (``SiteInputs``): the specs of the data calculators its pages
    use, as ``calculators.register_rules_json`` reads them; None when it has none."""
    specs = rules_checks.specs(site.policy, site.calculators, site.documents)  # the library's documents' too
    if not specs:
        return None
    return (json.dumps(specs, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode()


VERSIONED_ASSETS = ("runtime", "kit", "calculator", "finder")
"""Folders of docs/assets whose files pages load as ``?v=<version>``: the version hashes them all, so a
release that changes any of them (only the finder's style sheet, say) gives them all a new address
(the service worker keeps ``?v=`` URLs for good)."""

PRECACHED_ASSETS = ("runtime", "kit", "calculator")
"""Folders of docs/assets the service worker keeps as it installs: the runtime's scripts, the kit and
the calculator's own (the finder's come with the site's list of pages, offline.json)."""

# A static import or re-export of one of our modules by a relative path: `import { h } from "../kit/dom.js";`
_RELATIVE_IMPORT = re.compile(r"""^((?:import|export)\b[^;"']*?\bfrom\s*)(["'])(\.\.?/[^"'?]+\.js)\2""", re.MULTILINE)


def _versioned_assets(assets_dir: Path) -> list[Path]:
    return sorted(p for folder in VERSIONED_ASSETS for p in (assets_dir / folder).rglob("*") if p.is_file())


def versioned_imports(source: str, version: str) -> str:
    """A module of the versioned folders as the site serves it: its imports of our other modules at
    this release's address (``from "../kit/dom.js?v=<version>"``), the one the page preloads, so
    that each module is loaded once, at its release's address, and kept for good by the service worker."""
    return _RELATIVE_IMPORT.sub(lambda m: f"{m[1]}{m[2]}{m[3]}?v={version}{m[2]}", source)


def site_assets(assets_dir: Path, version: str | None) -> dict[str, Path | bytes]:
    """Every file of ``assets_dir`` at its site address (``assets/...``): the scripts of the versioned
    folders that import others, with their imports versioned (``version`` None: as they are); every
    other file as it is."""
    versioned = {p for p in _versioned_assets(assets_dir) if p.suffix == ".js"} if version else set()
    files: dict[str, Path | bytes] = {}
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file()):
        source = path.read_text(encoding="utf-8") if path in versioned else None
        served = versioned_imports(source, version) if source is not None else None
        files["assets/" + path.relative_to(assets_dir).as_posix()] = served.encode() if served != source else path
    return files


def _input_files(repo_root: Path) -> list[Path]:
    pyodide_dir = repo_root / "node_modules" / "pyodide"
    files = [pyodide_dir / name for name in (*CORE_FILES, STDLIB_ZIP, LOCK_FILE)]
    files += [repo_root / "node_modules" / "terser" / "package.json"]  # its version: the minified glue
    files += [Path(__file__), BUILD_SCRIPT]
    files += _package_files(repo_root / PACKAGE)
    files += _case_files(repo_root)
    return files


def runtime_key(repo_root: Path) -> str:
    """The name of the runtime's folder in the cache: every input's content under a name that does not
    depend on where the checkout is, nor on whether this module and the build script lie inside it
    (a copy of the site's configuration that links the repository's package shares its runtime)."""
    own = {Path(__file__).resolve(): "policy_site/build/pyodide_runtime.py",
           BUILD_SCRIPT.resolve(): "policy_site/build/pyodide_build.mjs"}
    key = hashlib.sha256(CACHE_FORMAT.encode())
    for path in _input_files(repo_root):
        name = own.get(path.resolve()) or (path.relative_to(repo_root).as_posix() if path.is_relative_to(repo_root)
                                           else path.name)
        key.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return key.hexdigest()[:24]


def _package_files(package_dir: Path) -> list[Path]:
    return sorted(p for p in package_dir.rglob("*.py")
                  if "__pycache__" not in p.parts and not any(part.startswith(".") for part in p.relative_to(package_dir).parts))


def _case_files(repo_root: Path) -> list[Path]:
    """Case files whose requests the probe runs: ``calculators/cases/<calculator id>.json``
    (calculate_json) and ``calculators/cases/rules/<id>.json`` (a calculator written as data: its spec,
    registered before every other request, and its cases), data beside the package that the build
    needs (never a file under tests/)."""
    cases = repo_root / PACKAGE / "cases"
    return sorted(cases.glob("*.json")) + sorted((cases / "rules").glob("*.json"))


@lru_cache(maxsize=4)
def _build_runtime(repo_root: Path, assets_dir: Path | None, stamp: tuple, rules: bytes | None = None) -> Runtime:
    """Build the runtime; ``stamp`` (sizes and times of every input) only keys this process's cache."""
    pyodide_dir = repo_root / "node_modules" / "pyodide"
    if not (repo_root / "node_modules" / "terser" / "package.json").is_file():
        raise RuntimeBuildError("找不到 node_modules/terser；请运行 npm ci。 / node_modules/terser is missing; run `npm ci`.")
    missing = [name for name in (*CORE_FILES, STDLIB_ZIP, LOCK_FILE) if not (pyodide_dir / name).is_file()]
    if missing:
        raise RuntimeBuildError(
            f"node_modules/pyodide 缺少文件 {missing}；请运行 npm ci。 / "
            f"node_modules/pyodide lacks {missing}; run `npm ci`."
        )
    sources = package_sources(repo_root / PACKAGE)
    cache = cache_root(pyodide_dir) / runtime_key(repo_root)
    if not (cache / MANIFEST).is_file():
        with _only_one_builder(cache):  # a second build at once (serve and build, parallel tests) waits, then reuses
            if not (cache / MANIFEST).is_file():
                _build_into(repo_root, pyodide_dir, sources, cache)
    manifest = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    built = json.loads((cache / "build.json").read_text(encoding="utf-8"))

    files: dict[str, Path | bytes] = {f"{PYODIDE_DIR}/{name}": (cache if name == MINIFIED else pyodide_dir) / name
                                      for name in CORE_FILES}
    files[f"{PYODIDE_DIR}/{manifest['zip']}"] = (cache / manifest["zip"]).read_bytes()
    # The gzip copies precompress.py writes beside the big files (the wasm, the zip): their size, for
    # the worker, which fetches them from a host that compresses nothing.
    # (Of every file: a page states what a host that sends gzip sends; the worker swaps only the big ones.)
    sizes = {}
    for name in manifest["files"]:
        data = files[f"{PYODIDE_DIR}/{name}"]
        sizes[name] = gzip_size(data if isinstance(data, bytes) else data.read_bytes(), _memo(cache))
    manifest = {**manifest, "files": {name: {**entry, "gz": sizes[name]} for name, entry in manifest["files"].items()}}
    brotli_bytes = built["brotli_bytes"]
    if rules is not None:  # the data calculators' specs: checked, kept and counted like the other files
        files[f"{PYODIDE_DIR}/{RULES}"] = rules
        entry = {"bytes": len(rules), "sha256": base64.b64encode(hashlib.sha256(rules).digest()).decode(),
                 "v": hashlib.sha256(rules).hexdigest()[:16], "gz": gzip_size(rules, _memo(cache))}
        manifest = {**manifest, "rules": RULES, "files": {**manifest["files"], RULES: entry},
                    "total": manifest["total"] + len(rules)}
        brotli_bytes += brotli_size(rules, _memo(cache))
    plain_bytes = sum(entry["bytes"] if name.endswith(".mjs") else entry["gz"] for name, entry in manifest["files"].items())

    digest = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode())
    if assets_dir is not None:  # the calculator and finder scripts are cache-busted by the same version
        for path in _versioned_assets(assets_dir):
            digest.update(path.relative_to(assets_dir).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    version = digest.hexdigest()[:12]
    manifest = {**manifest, "version": version}
    files[f"{PYODIDE_DIR}/{MANIFEST}"] = (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()
    files["sw.js"] = service_worker(manifest, assets_dir)
    return Runtime(files=files, manifest=manifest, download_bytes=brotli_bytes, version=version,
                   plain_download_bytes=plain_bytes,
                   stdlib_modules=tuple(name for name in built["stdlib"] if _top(name) not in built["left_out"]),
                   left_out=tuple(built["left_out"]))


def service_worker(manifest: dict, assets_dir: Path | None) -> bytes:
    """sw.js for this build: its version, and what it copies into its cache when installed: our
    scripts, never the runtime. A new release's service worker installs when a visitor opens any
    page, maybe on Save-Data or a slow link: the runtime (3-4 MB) is kept only by the calculators'
    worker, once a calculator page has downloaded it."""
    precache = []
    if assets_dir is not None:
        scripts = sorted(p.relative_to(assets_dir).as_posix() for folder in PRECACHED_ASSETS
                         for p in (assets_dir / folder).rglob("*") if p.is_file())
        precache += [f"{prefix}assets/{name}?v={manifest['version']}" for prefix in ROOTS for name in scripts]
    # The runtime's files at their addresses: a new release's service worker keeps those of an older
    # release's cache whose address (so bytes) is unchanged, and drops the others.
    runtime = sorted(f"{PYODIDE_DIR}/{name}?v={entry['v']}" for name, entry in manifest["files"].items())
    config = json.dumps({"version": manifest["version"], "precache": precache, "runtime": runtime},
                        indent=1, sort_keys=True)
    return SERVICE_WORKER.read_text(encoding="utf-8").replace("__SW_CONFIG__", config).encode()


# --- the package ----------------------------------------------------------------------------------


def package_sources(package_dir: Path) -> dict[str, bytes]:
    """``{arcname: bytes}`` of the package's Python sources, sorted; no caches, no .pyc."""
    if not (package_dir / "__init__.py").is_file():
        raise RuntimeBuildError(f"{package_dir} 不是 Python 包 / is not a Python package (no __init__.py)")
    sources = {}
    for path in _package_files(package_dir):
        data = path.read_bytes()
        try:
            compile(data, str(path), "exec", dont_inherit=True)
        except SyntaxError as exc:
            raise RuntimeBuildError(f"{path}:{exc.lineno}: 计算器源码无法编译 / a calculator does not compile: {exc.msg}") from None
        sources[path.relative_to(package_dir.parent).as_posix()] = data
    return sources


def imported_names(sources: dict[str, bytes]) -> list[str]:
    """Every absolute module named by an import statement in the sources, also inside functions."""
    names = set()
    for data in sources.values():
        for node in ast.walk(ast.parse(data)):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(n for n in names if n.split(".")[0] != PACKAGE)


# --- the build (Node) -----------------------------------------------------------------------------

_CPYTHON_REQUESTS = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import calculators as package
generic, case_files = json.loads(sys.stdin.read())
requests = []
def add(fn, request):
    requests.append({"fn": fn, "request": request})
def dump(calculator_id, inputs):
    return json.dumps({"id": calculator_id, "inputs": inputs}, ensure_ascii=False, sort_keys=True)
rules = []
for path in case_files:
    with open(path, encoding="utf-8") as handle:
        cases = json.load(handle)
    if path.replace("\\", "/").split("/")[-2] == "rules":  # calculators/cases/rules/<id>.json: a spec, its cases
        rules.append(cases)
        continue
    if path.replace("\\", "/").split("/")[-3] == "calculators":
        calculator_id = path.replace("\\", "/").split("/")[-1][:-5]
        for case in cases:
            add("calculate_json", dump(calculator_id, case["inputs"]))
    else:
        for case in cases:
            if isinstance(case, dict) and "fn" in case and "request" in case:
                add(case["fn"], case["request"] if isinstance(case["request"], str) else json.dumps(case["request"]))
if rules:  # registered first, as the worker registers the site's: every later request may use them
    specs = json.dumps([entry["spec"] for entry in rules], ensure_ascii=False, sort_keys=True)
    requests.insert(0, {"fn": "register_rules_json", "request": specs})
    package.register_rules_json(specs)
    for entry in rules:
        for case in entry.get("cases", []):
            add("calculate_json", dump(entry["spec"]["id"], case["inputs"]))
for calculator_id, meta in package.CALCULATORS.items():
    for example in meta.get("examples", []):
        add("calculate_json", dump(calculator_id, example))
entry_points = sorted(name for name in getattr(package, "__all__", dir(package))
                      if name.endswith("_json") and callable(getattr(package, name, None)))
for fn in entry_points:
    for request in generic:
        add(fn, request)
for item in requests:
    item["expected"] = getattr(package, item["fn"])(item["request"])
print(json.dumps({"requests": requests, "entry_points": entry_points}))
"""


def _node() -> str:
    node = shutil.which("node")
    if not node:
        raise RuntimeBuildError("找不到 node；请安装 Node.js。 / node not found; install Node.js.")
    return node


def _run_node(mode: str, job: dict, workdir: Path) -> dict:
    job_file = workdir / f"{mode}.json"
    job_file.write_text(json.dumps(job), encoding="utf-8")
    proc = subprocess.run([_node(), str(BUILD_SCRIPT), mode, str(job_file)], capture_output=True, text=True,
                          timeout=600)
    if proc.returncode != 0:
        raise RuntimeBuildError(
            f"在 Node 中运行 Pyodide 失败（{mode}）/ running Pyodide in Node failed ({mode}):\n"
            + "\n".join(line[:300] for line in proc.stderr.splitlines()[-30:]))
    return json.loads(proc.stdout)


@contextlib.contextmanager
def _only_one_builder(cache: Path):
    """Hold an exclusive lock on ``<cache>.lock`` (released when the process ends, however it ends)."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    with open(cache.with_name(cache.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def cache_root(pyodide_dir: Path) -> Path:
    """``.cache/pyodide-runtime`` beside the node_modules that holds Pyodide (shared by copies that link it)."""
    return pyodide_dir.resolve().parents[1] / ".cache" / "pyodide-runtime"


def gzip_size(data: bytes, cache: Path | None = None) -> int:
    """Bytes of ``data`` as the ``.gz`` copy precompress.py writes beside it (the same memo: ``cache``
    is ``.cache/precompressed``)."""
    return len(compressed(data, cache)[".gz"])


def brotli_size(data: bytes, cache: Path | None = None) -> int:
    """Bytes of ``data`` as the ``.br`` copy precompress.py writes beside it (the same memo)."""
    return len(compressed(data, cache)[".br"])


def _memo(runtime_cache: Path) -> Path:
    """``.cache/precompressed`` for a runtime's folder ``.cache/pyodide-runtime/<key>``: the memo the
    site's compressed copies are written from, so each big file is compressed once."""
    return memo_folder(runtime_cache.parent.parent)


def _stage_dir(pyodide_dir: Path) -> Path:
    """``.cache/pyodide-runtime/stages/<key>``: what the build remembers across runtimes, keyed by
    everything but the calculators (Pyodide's files, this module, the build script)."""
    key = hashlib.sha256(CACHE_FORMAT.encode())
    for path in (*(pyodide_dir / name for name in (*CORE_FILES, STDLIB_ZIP, LOCK_FILE)), Path(__file__), BUILD_SCRIPT):
        key.update(hashlib.sha256(path.read_bytes()).digest())
    return cache_root(pyodide_dir) / "stages" / key.hexdigest()[:24]


def _digest(names: list[str]) -> str:
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:24]


def build_cache(config_dir: Path) -> Path | None:
    """``.cache`` of the repository that a mkdocs.yml in ``config_dir`` belongs to; None outside one."""
    try:
        return cache_root(find_repo_root(config_dir) / "node_modules" / "pyodide").parent
    except RuntimeBuildError:
        return None


def _build_into(repo_root: Path, pyodide_dir: Path, sources: dict[str, bytes], cache: Path) -> None:
    package_dir = (repo_root / PACKAGE).resolve()  # a linked package: Node mounts the real folder
    with tempfile.TemporaryDirectory(prefix="pyodide-runtime-") as tmp:
        work = Path(tmp)
        # 1. The requests, and what CPython answers (the package as it is on disk, not this process's).
        proc = subprocess.run([sys.executable, "-c", _CPYTHON_REQUESTS, str(package_dir.parent)],
                              input=json.dumps([GENERIC_REQUESTS, [str(p) for p in _case_files(repo_root)]]),
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeBuildError(f"计算器在 CPython 中无法运行 / the calculators fail in CPython:\n{proc.stderr[-3000:]}")
        probe = json.loads(proc.stdout)
        requests = [{"fn": r["fn"], "request": r["request"]} for r in probe["requests"]]

        # 2. Which standard-library files Python imports, in Pyodide, and the byte-code of the package
        #    and of those files, compiled by Pyodide's own Python; a standard-library file's is
        #    remembered (it depends on Pyodide and the build only), so a changed calculator
        #    compiles its package alone.
        stage = _stage_dir(pyodide_dir)  # <arcname>c: the byte-code of <arcname>
        have = sorted(p.relative_to(stage / "pyc").as_posix()[:-1] for p in (stage / "pyc").rglob("*.pyc"))
        found = _run_node("probe", {"pyodide_dir": str(pyodide_dir), "package_dir": str(package_dir),
                                    "package": PACKAGE, "requests": requests,
                                    "imports": imported_names(sources),
                                    "sources": {name: data.decode("utf-8") for name, data in sources.items()},
                                    "compiled": have}, work)
        stdlib = found["stdlib"]
        pyc = {name: base64.b64decode(data) for name, data in found["pyc"].items()}
        for name in stdlib:
            if name in pyc:
                remember(stage / "pyc" / f"{name}c", pyc[name])
            else:
                pyc[name] = (stage / "pyc" / f"{name}c").read_bytes()

        # 3. Leave out what Python imports only if it is there (asyncio's `try: import ssl`,
        #    zipfile's compressors): each module is left out in turn, and one whose absence changes
        #    no answer is dropped, all together. If they are not droppable together, none is. A
        #    module the calculators' sources import themselves always stays (a case may not reach it).
        optional = _optional_modules(pyodide_dir, pyc, sources, probe["requests"], work,
                                     stage / "unbootable" / f"{_digest(stdlib)}.json")
        bundle = _zip({name: data for name, data in pyc.items() if _top(name) not in optional})

        # 4. Pyodide's glue, minified (once per glue, terser and build script: not per package).
        glue = _minified_glue(repo_root, pyodide_dir, cache.parent / "minified", work)

        # 5. Boot the trimmed runtime (with the minified glue) and check every request against CPython.
        ran = _run_zip(pyodide_dir, bundle, requests, work)
        if optional and not _agrees(ran, probe["requests"]):
            optional, bundle = [], _zip(pyc)
            ran = _run_zip(pyodide_dir, bundle, requests, work)
        _check_run(ran, probe["requests"])
        zip_name = _zip_name(bundle)

        lock = json.loads((pyodide_dir / LOCK_FILE).read_text(encoding="utf-8"))
        lock = {key: value for key, value in lock.items() if key != "packages"} | {"packages": {}}
        files = {name: (pyodide_dir / name).read_bytes() for name in CORE_FILES} | {MINIFIED: glue, zip_name: bundle}
        manifest = {
            "zip": zip_name,
            "files": {name: {"bytes": len(data), "sha256": base64.b64encode(hashlib.sha256(data).digest()).decode(),
                             "v": hashlib.sha256(data).hexdigest()[:16]}  # the URL's ?v=: content-addressed
                      for name, data in files.items()},
            "total": sum(len(data) for data in files.values()),
            "lock": json.dumps(lock, sort_keys=True),
        }
        built = {"stdlib": stdlib, "left_out": optional, "python_version": found["python_version"],
                 "brotli_bytes": sum(brotli_size(data, _memo(cache)) for data in files.values()),
                 "requests": len(requests), "entry_points": probe["entry_points"]}
        staging = cache.with_name(cache.name + f".tmp{os.getpid()}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        (staging / zip_name).write_bytes(bundle)
        (staging / MINIFIED).write_bytes(glue)
        (staging / "build.json").write_text(json.dumps(built, indent=1), encoding="utf-8")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        try:
            staging.rename(cache)
        except OSError:  # another build made it meanwhile: theirs is the same
            shutil.rmtree(staging, ignore_errors=True)


def _top(arcname: str) -> str:
    """The top-level module (or package) a file of the zip belongs to."""
    return arcname.split("/", 1)[0].removesuffix(".py")


def _zip(pyc: dict[str, bytes]) -> bytes:
    """The runtime's zip: ``.pyc`` files, stored (HTTP compresses it), fixed dates: reproducible."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(pyc):
            info = zipfile.ZipInfo(name.removesuffix(".py") + ".pyc", date_time=ZIP_DATE)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            archive.writestr(info, pyc[name])
    return buffer.getvalue()


def _zip_name(bundle: bytes) -> str:
    return f"python-{hashlib.sha256(bundle).hexdigest()[:12]}.zip"


def _run_zip(pyodide_dir: Path, bundle: bytes, requests: list[dict], work: Path) -> dict:
    """Boot Pyodide from ``bundle``, with the minified glue in ``work``, and run the requests."""
    path = work / _zip_name(bundle)
    path.write_bytes(bundle)
    return _run_node("run", {"pyodide_dir": str(pyodide_dir), "stdlib_zip": str(path),
                             "asm_mjs": str(work / MINIFIED), "package": PACKAGE, "requests": requests}, work)


def _minified_glue(repo_root: Path, pyodide_dir: Path, memo_dir: Path, work: Path) -> bytes:
    """``pyodide.asm.mjs`` minified by terser, remembered by the bytes that make it (the glue, terser's
    version, the build script): a runtime rebuilt for a changed calculator does not minify it again."""
    key = hashlib.sha256()
    for path in (pyodide_dir / MINIFIED, repo_root / "node_modules" / "terser" / "package.json", BUILD_SCRIPT):
        key.update(hashlib.sha256(path.read_bytes()).digest())
    memo = memo_dir / f"{key.hexdigest()[:24]}.mjs"
    if memo.is_file():
        glue = memo.read_bytes()
        (work / MINIFIED).write_bytes(glue)  # where the trimmed runtime is booted from (step 5)
        return glue
    _run_node("minify", {"pyodide_dir": str(pyodide_dir), "source": str(pyodide_dir / MINIFIED),
                         "output": str(work / MINIFIED)}, work)
    glue = (work / MINIFIED).read_bytes()
    remember(memo, glue)
    return glue


def _optional_modules(pyodide_dir: Path, pyc: dict[str, bytes], sources: dict[str, bytes], requests: list[dict],
                      work: Path, unbootable_memo: Path) -> list[str]:
    """The standard-library modules (top level) without which Pyodide still boots, formats a
    traceback and gives every request CPython's answer: the ones imported only if present. Never
    the calculators' own, nor a module their sources name. Those without which Pyodide does not
    even boot are remembered in ``unbootable_memo``, named by the standard-library files of the zip:
    a boot reads none of the package, so a changed calculator boots only the others again."""
    kept = {_top(name) for name in sources} | {name.split(".")[0] for name in imported_names(sources)}
    unbootable = set(json.loads(unbootable_memo.read_text(encoding="utf-8")) if unbootable_memo.is_file() else ())
    tops = sorted({_top(name) for name in pyc} - kept - unbootable)
    zips = {}
    for top in tops:
        path = work / f"without-{top}.zip"
        path.write_bytes(_zip({name: data for name, data in pyc.items() if _top(name) != top}))
        zips[top] = str(path)
    pruned = _run_node("prune", {"pyodide_dir": str(pyodide_dir), "zips": zips, "package": PACKAGE,
                                 "requests": requests}, work)
    for path in zips.values():
        Path(path).unlink()
    if set(pruned["unbootable"]) - unbootable:
        remember(unbootable_memo, json.dumps(sorted(unbootable | set(pruned["unbootable"]))).encode())
    return sorted(pruned["alike"])


def _agrees(ran: dict, requests: list[dict]) -> bool:
    return ("import_error" not in ran and "JSONDecodeError" in ran.get("traceback", "")
            and all(got == item["expected"] for item, got in zip(requests, ran["responses"], strict=True)))


def _check_run(ran: dict, requests: list[dict]) -> None:
    if "import_error" in ran:
        _missing_module(ran["import_error"])
    if "JSONDecodeError" not in ran.get("traceback", ""):
        raise RuntimeBuildError("精简后的运行环境无法格式化 Python 的错误信息 / the trimmed runtime cannot format a "
                                f"Python traceback:\n{ran.get('traceback', '')[-500:]}")
    problems = []
    for item, got in zip(requests, ran["responses"], strict=True):
        if isinstance(got, dict):
            _missing_module(got["failure"])
            problems.append(f"{item['fn']}({item['request'][:80]}): {got['failure'][-300:]}")
        elif got != item["expected"]:
            problems.append(f"{item['fn']}({item['request'][:80]}):\n  CPython: {item['expected'][:200]}\n  Pyodide: {got[:200]}")
    if problems:
        raise RuntimeBuildError(
            "精简后的 Pyodide 运行环境与 CPython 结果不一致 / the trimmed Pyodide runtime disagrees with CPython:\n"
            + "\n".join(problems[:5]))


def _missing_module(message: str) -> None:
    marker = "No module named "
    if marker in message:
        name = message.split(marker, 1)[1].split("\n", 1)[0].strip().strip("'\"")
        raise RuntimeBuildError(
            f"计算器需要的标准库模块“{name}”不在精简后的运行环境中；请在计算器里直接 import 它（构建会自动收录）。 / "
            f"The calculators need the standard-library module '{name}', which the trimmed runtime lacks; "
            f"import it in the calculators' code (the build then includes it).\n{message[-500:]}")
