// Runs calculator requests through Pyodide (Node), with the wheel the site ships.
//
//   node tests/pyodide/run_cases.mjs <runtime dir> <requests.json>
//
// <runtime dir> holds the site's pyodide-lock.json and the calculators wheel it names
// (as written into site/pyodide/); Pyodide's core files come from node_modules/pyodide.
// <requests.json> is a list of {"key", "request", "fn"?} where "request" is the JSON text given to
// calculators.<fn> ("calculate_json" by default; the finder's "find_json"). Prints one JSON object {key: response text} on stdout, plus
// "python_version" and "wheel" (what was installed). One Pyodide for all requests.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..");
const pyodideDir = path.join(repoRoot, "node_modules", "pyodide") + path.sep;

const [runtimeDir, requestsFile] = process.argv.slice(2);
if (!runtimeDir || !requestsFile) {
  console.error("usage: node run_cases.mjs <runtime dir> <requests.json>");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const requests = JSON.parse(await readFile(requestsFile, "utf8"));
const lockFile = path.resolve(runtimeDir, "pyodide-lock.json");
const lock = JSON.parse(await readFile(lockFile, "utf8"));

const errors = [];
const pyodide = await loadPyodide({
  indexURL: pyodideDir,
  lockFileURL: lockFile,
  packageBaseUrl: path.resolve(runtimeDir) + path.sep,
  stdout: (line) => console.error("[python] " + line),
  stderr: (line) => console.error("[python] " + line),
});
// Loaded by name through the site's lock, as the browser does.
await pyodide.loadPackage("calculators", {
  messageCallback: () => {},
  errorCallback: (message) => errors.push(message),
});
if (errors.length || !pyodide.loadedPackages.calculators) {
  console.error("could not load the calculators wheel: " + errors.join("\n"));
  process.exit(1);
}
const calculatorsModule = pyodide.pyimport("calculators");
const out = {
  python_version: pyodide.runPython("import sys; sys.version.split()[0]"),
  wheel: lock.packages.calculators.file_name,
  installed_from: pyodide.runPython("import calculators; calculators.__file__"),
  responses: {},
};
for (const { key, request, fn } of requests) {
  if (!["calculate_json", "find_json"].includes(fn ?? "calculate_json")) throw new Error(`no such function: ${fn}`);
  out.responses[key] = calculatorsModule[fn ?? "calculate_json"](request);
}
process.stdout.write(JSON.stringify(out));
