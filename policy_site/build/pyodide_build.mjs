// Build-time helper of policy_site/build/pyodide_runtime.py, run in Node with the pinned npm Pyodide.
//
//   node pyodide_build.mjs probe   <job.json>   which standard-library files does Python need? and
//                                               their byte-code, with the package's, by Pyodide's Python
//   node pyodide_build.mjs run     <job.json>   run requests in a Pyodide booted from a given zip
//   node pyodide_build.mjs prune   <job.json>   which zips (each lacking one module) still answer alike?
//   node pyodide_build.mjs minify  <job.json>   Pyodide's JavaScript module, minified (terser)
//
// <job.json> (written by pyodide_runtime.py):
//   probe:   {pyodide_dir, package_dir, package, requests: [{fn, request}], imports: [module names],
//             sources: {arcname: source text of the package}, compiled: [stdlib paths the build has]}
//            -> stdout {"stdlib": [paths inside python_stdlib.zip], "python_version",
//                       "pyc": {arcname: base64 of the .pyc}} for the package's sources and each
//            stdlib file found that is not in `compiled` (every file but the package's loses its
//            line table: see no_locations); each .pyc is the same whatever else one process compiles
//   run:     {pyodide_dir, stdlib_zip, asm_mjs?, package, requests: [{fn, request}]}
//            (asm_mjs: a pyodide.asm.mjs to run instead of the package's own)
//            -> stdout {"responses": [text | {"failure": message}], "traceback": a formatted one}
//   prune:   {pyodide_dir, zips: {name: path}, package, requests: [{fn, request, expected}]}
//            -> stdout {"alike": [names of the zips whose Pyodide boots, formats a traceback and
//                                 gives every expected response],
//                       "unbootable": [names of the zips Pyodide does not even boot from]}
//   minify:  {source, output} -> the minified module written to output; stdout {"bytes"}
// Everything the output says is printed as one JSON document on stdout; Python's own output goes
// to stderr. Nothing is fetched from the network.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [mode, jobFile] = process.argv.slice(2);
const job = JSON.parse(await readFile(jobFile, "utf8"));
const pyodideDir = path.resolve(job.pyodide_dir) + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);

function quiet() {
  return { stdout: (line) => console.error("[python] " + line), stderr: (line) => console.error("[python] " + line) };
}

async function probe() {
  const pyodide = await loadPyodide({ indexURL: pyodideDir, ...quiet() });
  // The package is mounted read-only from the source folder, as the site will ship it.
  pyodide.FS.mkdirTree("/probe");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(job.package_dir, "..") }, "/probe");
  pyodide.globals.set("job_json", JSON.stringify(job));
  pyodide.runPython(`
import importlib, json, os, sys, traceback
job = json.loads(job_json)
sys.path.insert(0, "/probe")
package = importlib.import_module(job["package"])
# Every submodule, so that a module nobody imports yet (a new finder) is still seen.
for folder, _, names in os.walk(package.__path__[0]):
    for name in sorted(names):
        if name.endswith(".py"):
            rel = os.path.relpath(os.path.join(folder, name[:-3]), package.__path__[0]).replace(os.sep, ".")
            importlib.import_module(package.__name__ + ("" if rel == "__init__" else "." + rel.removesuffix(".__init__")))
# Every module the package's sources name in an import statement (also inside functions).
for name in job["imports"]:
    try:
        importlib.import_module(name)
    except ImportError:
        pass
# Every request through the public entry point it names (the package's *_json functions).
for item in job["requests"]:
    getattr(package, item["fn"])(item["request"])
# What the worker does when Python fails: a formatted traceback.
try:
    raise ValueError("probe")
except ValueError:
    traceback.format_exc()
zip_prefix = "/lib/python%d%d.zip/" % sys.version_info[:2]
files = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(zip_prefix):
        files.add(origin[len(zip_prefix):])
`);
  // Then their byte-code and the package's (the scan is over: what compiling imports is not counted).
  pyodide.runPython(`
import zipfile
with zipfile.ZipFile(zip_prefix.rstrip("/")) as stdlib_zip:
    sources = {name: stdlib_zip.read(name).decode("utf-8") for name in files - set(job["compiled"])}
sources |= job["sources"]
prefix, keep_lines = zip_prefix, set(job["sources"])
`);
  pyodide.runPython(COMPILE);
  return pyodide.runPython(`json.dumps({"stdlib": sorted(files), "python_version": sys.version.split()[0], "pyc": out})`);
}

/** Byte-code compiled by Pyodide's own Python: `out` of the globals `sources`, `prefix`, `keep_lines`. */
const COMPILE = `
import ast, base64, importlib.util, marshal

def strip_docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \\
                    and isinstance(body[0].value.value, str):
                doc = body.pop(0)
                if not body:
                    body.append(ast.copy_location(ast.Pass(), doc))
    return tree

def no_locations(code):
    # The standard library's line tables are a third of its byte-code and, once compressed, of the
    # download; its frames in a traceback lose their line numbers, nothing else changes. Each
    # entry (1 byte) marks up to 8 code units as "no location" (code 15 of the location table,
    # what the compiler writes for its own artificial instructions): tracebacks still format.
    consts = tuple(no_locations(c) if isinstance(c, type(code)) else c for c in code.co_consts)
    units, table = len(code.co_code) // 2, bytearray()
    while units > 0:
        n = min(units, 8)
        table.append(0x80 | (15 << 3) | (n - 1))
        units -= n
    return code.replace(co_linetable=bytes(table), co_consts=consts)

# At the top level, as marshal sees the code object referenced from a global (its refcount, so
# its bytes, differ when it is a function's local): {arcname: base64 of the .pyc} of sources.
out = {}
for arcname, source in sorted(sources.items()):
    filename = prefix + arcname
    tree = strip_docstrings(ast.parse(source, filename))
    code = compile(tree, filename, "exec", dont_inherit=True, optimize=0)
    if arcname not in keep_lines:
        code = no_locations(code)
    # An unchecked-hash .pyc (PEP 552, flags 0b01 with a zero hash): no timestamp, no source needed.
    header = importlib.util.MAGIC_NUMBER + (1).to_bytes(4, "little") + bytes(8)
    out[arcname] = base64.b64encode(header + marshal.dumps(code)).decode()
`;

async function run() {
  const asm = job.asm_mjs ? { createPyodideModule: (await import(pathToFileURL(path.resolve(job.asm_mjs)).href)).default } : {};
  const pyodide = await loadPyodide({ indexURL: pyodideDir, stdLibURL: path.resolve(job.stdlib_zip), ...asm, ...quiet() });
  const responses = [];
  let pkg;
  try {
    pkg = pyodide.pyimport(job.package);
  } catch (error) {
    return JSON.stringify({ import_error: String(error.message ?? error) });
  }
  for (const item of job.requests) {
    try {
      responses.push(pkg[item.fn](item.request));
    } catch (error) {
      responses.push({ failure: String(error.message ?? error) });
    }
  }
  // A failure is reported with its traceback (worker.js): it must still format through the
  // standard library's frames, whose line tables the build replaced.
  const traceback = pyodide.runPython(`
import json, traceback
try:
    json.loads("{")
except ValueError:
    text = traceback.format_exc()
text`);
  return JSON.stringify({
    traceback,
    responses,
    python_version: pyodide.runPython("import sys; sys.version.split()[0]"),
    package_file: pyodide.runPython(`import ${job.package}; ${job.package}.__file__`),
  });
}

async function prune() {
  const alike = [];
  const unbootable = [];
  for (const [name, zip] of Object.entries(job.zips)) {
    let pyodide;
    try {
      pyodide = await loadPyodide({ indexURL: pyodideDir, stdLibURL: path.resolve(zip), ...quiet() });
    } catch (error) {
      unbootable.push(name); // Pyodide's own start needs that module
      continue;
    }
    try {
      const pkg = pyodide.pyimport(job.package);
      if (!job.requests.every((item) => pkg[item.fn](item.request) === item.expected)) continue;
      pyodide.runPython(`
import json, traceback
try:
    json.loads("{")
except ValueError:
    assert "JSONDecodeError" in traceback.format_exc()`);
      alike.push(name);
    } catch (error) {
      // it needs that module
    }
  }
  return JSON.stringify({ alike, unbootable });
}

/** Emscripten's glue as Pyodide ships it is minified by name only; terser's compressor takes a
 * seventh off its brotli size. Names of functions and classes are kept (Pyodide shows them in
 * errors, and its side modules' code is evaluated in the glue's scope). Same input, same output. */
async function minify() {
  const { minify: terser } = await import("terser");
  const { writeFile } = await import("node:fs/promises");
  const source = await readFile(job.source, "utf8");
  const result = await terser(source, {
    module: true,
    compress: true,
    mangle: true,
    keep_classnames: true,
    keep_fnames: true,
    format: { comments: false },
  });
  await writeFile(job.output, result.code);
  return JSON.stringify({ bytes: Buffer.byteLength(result.code) });
}

const modes = { probe, run, prune, minify };
if (!modes[mode]) {
  console.error("usage: node pyodide_build.mjs probe|run|prune|minify <job.json>");
  process.exit(2);
}
process.stdout.write(await modes[mode]());
