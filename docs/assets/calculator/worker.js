// The one Web Worker (a module worker) that owns Pyodide for the calculator pages.
//
// Messages in:
//   {type: "init", indexURL, lockFileURL}  load Pyodide from the site's own pyodide/ folder,
//                                         then the calculators wheel by name through the site's
//                                         lock file (so its sha256 is checked)
//   {type: "call", seq, fn, request}       calculators.<fn>(request), fn in CALLABLE; request is
//                                         JSON text (for calculate_json: {"id", "inputs"})
// Messages out:
//   {type: "progress", stage}              "runtime" | "package"
//   {type: "ready"} | {type: "failed", message}
//   {type: "result", seq, response}        response: the function's JSON text
//   {type: "result", seq, failure}         Python itself failed (not an input error)
// Nothing is fetched from anywhere but indexURL.

const CALLABLE = new Set(["calculate_json", "find_json"]);

let ready = null;
let calculators = null;

async function init({ indexURL, lockFileURL }) {
  self.postMessage({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    packageBaseUrl: indexURL, // wheels next to the lock, never a CDN
    stdout: () => {},
    stderr: () => {},
  });
  self.postMessage({ type: "progress", stage: "package" });
  const errors = [];
  await pyodide.loadPackage("calculators", {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
    checkIntegrity: true,
  });
  if (!pyodide.loadedPackages.calculators) {
    throw new Error(errors.join("\n") || "the calculators package did not load");
  }
  calculators = pyodide.pyimport("calculators");
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    ready ??= init(data);
    try {
      await ready;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "call") {
    try {
      await ready;
      if (!CALLABLE.has(data.fn) || typeof calculators[data.fn] !== "function") {
        throw new Error(`no such function: ${data.fn}`);
      }
      self.postMessage({ type: "result", seq: data.seq, response: calculators[data.fn](data.request) });
    } catch (error) {
      self.postMessage({ type: "result", seq: data.seq, failure: String(error?.message ?? error) });
    }
  }
};
