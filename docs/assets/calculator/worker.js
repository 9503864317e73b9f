// The one Web Worker (a module worker) that owns Pyodide for the calculator and finder pages.
//
// Messages in:
//   {type: "init", indexURL, manifest}     download the runtime the manifest lists (the site's
//                                          pyodide/runtime.json), check every byte against its
//                                          sha256, then start Python from those bytes
//   {type: "call", seq, fn, request}       calculators.<fn>(request), fn in CALLABLE; request is
//                                          JSON text (for calculate_json: {"id", "inputs"})
// Messages out:
//   {type: "progress", stage: "download", loaded, total}   bytes so far (as the manifest counts them)
//   {type: "progress", stage: "start"}                     every byte arrived and checked; Python starts
//   {type: "ready"} | {type: "failed", reason, message}    reason: network | integrity | nowasm | start
//   {type: "kept"}                         after "ready": the checked files are in the service worker's cache
//   {type: "result", seq, response}        response: the function's JSON text
//   {type: "result", seq, failure}         Python itself failed (not an input error)
// Nothing is fetched from anywhere but indexURL.

const CALLABLE = new Set(["calculate_json", "find_json"]);
const PROGRESS_EVERY_MS = 100;

let ready = null;
let calculators = null;
let checkedFiles = null; // url -> the bytes checked against the manifest, until they are kept

class RuntimeFailure extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

function base64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Every file of the manifest, in parallel; each checked against its sha256 before anything runs. */
async function download(indexURL, manifest) {
  const names = Object.keys(manifest.files);
  const loaded = Object.fromEntries(names.map((name) => [name, 0]));
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    const sum = Object.values(loaded).reduce((a, b) => a + b, 0);
    self.postMessage({ type: "progress", stage: "download", loaded: sum, total: manifest.total });
  };
  report(true);
  const subtle = globalThis.crypto?.subtle;
  const one = async (name) => {
    const expected = manifest.files[name];
    const url = new URL(name, indexURL).href; // what Pyodide asks for
    const versioned = `${url}?v=${expected.v}`; // content-addressed: the service worker may keep it for good
    // Without SubtleCrypto (a page served over plain http from another machine), the browser
    // checks the hash itself (fetch's integrity option); otherwise we check it, while counting bytes.
    let response;
    try {
      response = await fetch(versioned, subtle ? {} : { integrity: `sha256-${expected.sha256}` });
    } catch (error) {
      throw new RuntimeFailure(subtle ? "network" : "integrity", `${name}: ${error.message ?? error}`);
    }
    if (!response.ok) throw new RuntimeFailure("network", `${name}: HTTP ${response.status}`);
    const bytes = new Uint8Array(expected.bytes);
    let offset = 0;
    const reader = response.body.getReader();
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new RuntimeFailure("network", `${name}: ${error.message ?? error}`);
      }
      if (chunk.done) break;
      if (offset + chunk.value.length > bytes.length) {
        throw new RuntimeFailure("integrity", `${name}: more bytes than the site's manifest says`);
      }
      bytes.set(chunk.value, offset);
      offset += chunk.value.length;
      loaded[name] = offset;
      report();
    }
    if (offset !== bytes.length) {
      throw new RuntimeFailure("integrity", `${name}: ${offset} bytes instead of ${bytes.length}`);
    }
    if (subtle) {
      const digest = base64(new Uint8Array(await subtle.digest("SHA-256", bytes)));
      if (digest !== expected.sha256) throw new RuntimeFailure("integrity", `${name}: sha256 does not match`);
    }
    return [url, bytes];
  };
  const files = new Map(await Promise.all(names.map(one)));
  report(true);
  return files;
}

const TYPES = { ".wasm": "application/wasm", ".zip": "application/zip", ".mjs": "text/javascript" };

async function init({ indexURL, manifest }) {
  if (typeof WebAssembly !== "object") throw new RuntimeFailure("nowasm", "WebAssembly is not available");
  const files = await download(indexURL, manifest);
  checkedFiles = files;
  self.postMessage({ type: "progress", stage: "start" });
  // Pyodide fetches the wasm and the zip itself: it gets the bytes checked above, with the right
  // type whatever the host says (a wasm served as application/octet-stream would hang it).
  const networkFetch = self.fetch.bind(self);
  self.fetch = (input, options) => {
    const url = input instanceof Request ? input.url : new URL(String(input), indexURL).href; // Pyodide passes URL objects
    const bytes = files.get(url);
    if (!bytes) return networkFetch(input, options);
    const type = TYPES[url.slice(url.lastIndexOf("."))] ?? "application/octet-stream";
    return Promise.resolve(new Response(bytes, { headers: { "Content-Type": type } }));
  };
  let pyodide;
  try {
    // The two modules were fetched and checked above; importing the same URLs now uses the
    // HTTP cache (or the service worker's).
    const at = (name) => `${new URL(name, indexURL).href}?v=${manifest.files[name].v}`;
    const { loadPyodide } = await import(at("pyodide.mjs"));
    const asm = await import(at("pyodide.asm.mjs"));
    pyodide = await loadPyodide({
      createPyodideModule: asm.default,
      indexURL,
      stdLibURL: new URL(manifest.zip, indexURL).href,
      lockFileContents: manifest.lock,
      packageBaseUrl: indexURL, // nothing is installed; never a CDN
      stdout: () => {},
      stderr: () => {},
    });
    calculators = pyodide.pyimport("calculators");
  } catch (error) {
    throw new RuntimeFailure("start", String(error?.message ?? error));
  } finally {
    self.fetch = networkFetch;
  }
}

/** The checked bytes go into the service worker's cache (sw.js), under the URLs it serves them
 * for: a second visit, or one offline, downloads none of them, and nothing is downloaded twice. */
async function keep(indexURL, manifest) {
  const files = checkedFiles;
  checkedFiles = null;
  if (!globalThis.caches || !manifest.version || !files) return false;
  const cache = await caches.open(`policy-site-${manifest.version}`);
  for (const [name, entry] of Object.entries(manifest.files)) {
    const url = new URL(name, indexURL).href;
    const versioned = `${url}?v=${entry.v}`;
    if (await cache.match(versioned)) continue;
    const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
    await cache.put(versioned, new Response(files.get(url), { headers: { "Content-Type": type } }));
  }
  return true;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    ready ??= init(data);
    try {
      await ready;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", reason: error.reason ?? "start", message: String(error?.message ?? error) });
      return;
    }
    try {
      if (await keep(data.indexURL, data.manifest)) self.postMessage({ type: "kept" });
    } catch (error) {
      // No Cache Storage here (private mode, quota): the calculator works, just not offline.
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
