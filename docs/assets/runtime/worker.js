// The one Web Worker (a module worker) that owns Pyodide for the calculator and finder pages.
//
// Messages in (the init message also comes as the worker's name, and is used once):
//   {type: "init", indexURL, manifest, snapshot, controlled}
//                                          download the runtime the manifest lists (the site's
//                                          pyodide/runtime.json), check every byte against its
//                                          sha256, then start Python from those bytes (from a
//                                          snapshot made on this device, unless snapshot is false;
//                                          controlled: the service worker serves the page)
//   {type: "call", seq, fn, request}       calculators.<fn>(request), fn in CALLABLE; request is
//                                          JSON text:
//                                          calculate_json: {"id", "inputs"}
//                                          hold_rules_json: {"rules_key", "rules"}: Python prepares the
//                                            finder's rules once and holds them under that key (one set
//                                            at a time; up to calculators.bridge.MAX_RULES_CHARS)
//                                          find_json: {"rules_key", "facts", "as_of"} (the held rules;
//                                            not held: an error whose field is "rules_key", and the
//                                            page holds them and asks again: a new worker, a retry or a
//                                            restored snapshot holds none) or {"rules", "facts", "as_of"}
//                                            (the rules in the request, up to MAX_REQUEST_CHARS in all)
// Messages out:
//   {type: "progress", stage: "download", loaded, total}   bytes so far (as the manifest counts them)
//   {type: "progress", stage: "start"}                     every byte arrived and checked; Python starts
//   {type: "ready", from} | {type: "failed", reason, message}
//                                          from: "snapshot" (restored) | "start" (started afresh);
//                                          reason: network | missing (a file is 404/410) |
//                                          integrity | nowasm | start
//   {type: "host", compresses, encoding}   whether the host compresses what it sends (false: the wasm
//                                          and the zip come from their .gz copies, inflated here), and
//                                          how (its Content-Encoding: "br", "gzip"; null when unknown)
//   {type: "kept"}                         after "ready": the checked files are in the service worker's cache
//   {type: "result", seq, response}        response: the function's JSON text
//   {type: "result", seq, failure}         Python itself failed (not an input error)
// Nothing is fetched from anywhere but indexURL.

const CALLABLE = new Set(["calculate_json", "find_json", "hold_rules_json"]);
const CACHE_PREFIX = "policy-site-"; // sw.js's caches: one per release, "policy-site-<version>"
const releaseCache = (manifest) => `${CACHE_PREFIX}${manifest.version}`;
const PROGRESS_EVERY_MS = 100;
const PROBE = "pyodide.mjs"; // its answer tells whether the host compresses (see download())

let ready = null;
let calculators = null;
let checkedFiles = null; // url -> the bytes checked against the manifest, until they are kept
let failedFile = null; // the first RuntimeFailure of a runtime file (its check, or its download)

// Once a runtime file failed, this worker is finished: init() reports that failure and the page
// stops the worker. Pyodide's own reads of the file fail too, and may have nobody left to await
// them (Pyodide reads the zip before the wasm is in); such rejections are not reported again.
// Until then, every unhandled rejection is reported.
self.addEventListener("unhandledrejection", (event) => {
  if (failedFile) event.preventDefault();
});

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

/** One runtime file on its way: its bytes as they arrive, checked against the manifest's sha256
 * once the last one is in. `checked` resolves to the bytes, or rejects with a RuntimeFailure. */
class Download {
  constructor(name, expected) {
    this.name = name;
    this.expected = expected;
    this.bytes = new Uint8Array(expected.bytes);
    this.offset = 0;
    this.failure = null;
    this.settled = false; // every byte checked, or failed
    this.waiters = [];
    this.checked = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.checked.catch(() => {}); // reported through init(), not as an unhandled rejection
  }

  wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  arrived(chunk) {
    if (this.offset + chunk.length > this.bytes.length) {
      throw new RuntimeFailure("integrity", `${this.name}: more bytes than the site's manifest says`);
    }
    this.bytes.set(chunk, this.offset);
    this.offset += chunk.length;
    this.wake();
  }

  settle(failure = null) {
    if (this.settled) return;
    this.settled = true;
    this.failure = failure;
    if (failure) {
      failedFile ??= failure;
      this.reject(failure);
    } else {
      this.resolve(this.bytes);
    }
    this.wake();
  }

  /** The bytes as a stream that Pyodide can read (and WebAssembly compile) while they arrive. It
   * ends only after the whole file matched its sha256, and fails otherwise: nothing can run
   * (a wasm module is instantiated only once its stream has ended) from bytes that were not checked. */
  body() {
    let sent = 0;
    return new ReadableStream({
      pull: async (controller) => {
        while (sent === this.offset && !this.settled) await new Promise((wake) => this.waiters.push(wake));
        if (this.failure) return controller.error(this.failure);
        if (sent < this.offset) {
          controller.enqueue(this.bytes.slice(sent, this.offset));
          sent = this.offset;
        } else {
          controller.close();
        }
      },
    }, { highWaterMark: 0 }); // nothing is copied before it is read
  }
}

/** Every file of the manifest starts downloading at once; each is checked against its sha256 as
 * soon as its last byte is in. Gives {url: Download}, keyed by the URL Pyodide asks for. */
function download(indexURL, manifest, kept, controlled) {
  const names = Object.keys(manifest.files);
  const files = new Map();
  let lastReport = 0;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < PROGRESS_EVERY_MS) return;
    lastReport = now;
    let sum = 0;
    for (const file of files.values()) sum += file.offset;
    self.postMessage({ type: "progress", stage: "download", loaded: sum, total: manifest.total });
  };
  const subtle = globalThis.crypto?.subtle;
  const sha256 = async (bytes) => base64(new Uint8Array(await subtle.digest("SHA-256", bytes)));
  const one = async (file, url) => {
    const expected = file.expected;
    const versioned = `${url}?v=${expected.v}`; // content-addressed: the service worker may keep it for good
    // The wasm and the zip reach Python only as the bytes checked here, so a later visit reads them
    // from the release's cache directly (no round trip through the service worker). Pyodide's two
    // modules are imported by URL after their check, so they are read the way the import will read
    // them: from that cache only when the service worker serves this worker (its cache-first answer
    // is the same entry), otherwise fetched (the import then gets them from the HTTP cache).
    // A cached copy is checked whole before Pyodide sees a byte of it: one that fails is deleted
    // and fetched from the host again, once.
    const cache = (file.name.endsWith(".mjs") && !controlled) || !subtle ? null : await kept;
    const cached = await cache?.match(versioned).then((hit) => hit?.arrayBuffer()).catch(() => undefined);
    if (cached) {
      const bytes = new Uint8Array(cached);
      if (bytes.length === expected.bytes && (await sha256(bytes)) === expected.sha256) {
        if (file.name === PROBE) probed(true); // no answer to read: the big files are as they come
        file.arrived(bytes);
        report();
        return;
      }
      await cache.delete(versioned).catch(() => {});
    }
    // Without SubtleCrypto (a page served over plain http from another machine), the browser
    // checks the hash itself (fetch's integrity option); otherwise we check it, while counting bytes.
    let response;
    try {
      if (subtle && expected.gz && !file.name.endsWith(".mjs") && typeof DecompressionStream === "function"
          && !(await hostCompresses)) {
        response = await packed(file, url);
      }
      response ??= await fetch(versioned, subtle ? {} : { integrity: `sha256-${expected.sha256}` });
      if (file.name === PROBE) probed(compressed(response), response.headers.get("Content-Encoding") ?? "");
    } catch (error) {
      probed(true);
      throw new RuntimeFailure(subtle ? "network" : "integrity", `${file.name}: ${error.message ?? error}`);
    }
    return read(file, response);
  };
  // A host that sends files as they are, uncompressed (python3 -m http.server, a bucket without
  // compression): the big files (the wasm, the zip) come from the copies gzipped at build time
  // beside them (<file>.gz, policy_site/precompress.py), inflated here, so the visitor downloads
  // about the gzip size on any host; the inflated bytes are checked against the sha256 like any
  // others. Which host this is, the answer for Pyodide's small module (PROBE) tells, by its
  // Content-Encoding: the big files wait for its headers (one round trip, while the modules take
  // the bandwidth), and no request is added. (Pyodide's two modules are never swapped: they are
  // imported by their URL later, which must then find them in the HTTP cache.)
  const compressed = (response) => !["", "identity"].includes(response.headers.get("Content-Encoding") ?? "");
  let encoding = null;
  /** @type {(compresses: boolean, sent?: string | null) => void} */
  let probed;
  const hostCompresses = new Promise((resolve) => (probed = (compresses, sent = null) => {
    encoding ??= sent;
    resolve(compresses);
  }));
  hostCompresses.then((compresses) => self.postMessage({ type: "host", compresses, encoding }));
  const packed = async (file, url) => {
    const response = await fetch(`${url}.gz?v=${file.expected.v}`);
    if (!response.ok) return null; // no copy on this host: the file as it is
    // A host that labels the .gz copy Content-Encoding: gzip has had the browser inflate it already.
    return compressed(response) ? response
      : new Response(response.body.pipeThrough(new DecompressionStream("gzip")), { status: 200 });
  };
  const read = async (file, response) => {
    const expected = file.expected;
    if (!response.ok) {
      // 404/410: the host does not have this release's file (the site was updated since the page
      // was loaded, or the host is broken: the page tells which from the host's runtime.json).
      const missing = response.status === 404 || response.status === 410;
      throw new RuntimeFailure(missing ? "missing" : "network", `${file.name}: HTTP ${response.status}`);
    }
    const reader = response.body.getReader();
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new RuntimeFailure("network", `${file.name}: ${error.message ?? error}`);
      }
      if (chunk.done) break;
      file.arrived(chunk.value);
      report();
    }
    if (file.offset !== file.bytes.length) {
      throw new RuntimeFailure("integrity", `${file.name}: ${file.offset} bytes instead of ${file.bytes.length}`);
    }
    if (subtle && (await sha256(file.bytes)) !== expected.sha256) {
      throw new RuntimeFailure("integrity", `${file.name}: sha256 does not match`);
    }
  };
  if (!names.includes(PROBE)) probed(true);
  for (const name of names) files.set(new URL(name, indexURL).href, new Download(name, manifest.files[name]));
  report(true);
  for (const [url, file] of files) {
    one(file, url).then(() => file.settle(), (error) => file.settle(error));
  }
  return files;
}

const TYPES = { ".wasm": "application/wasm", ".zip": "application/zip", ".mjs": "text/javascript" };

async function init({ indexURL, manifest, snapshot = true, controlled = false }) {
  if (typeof WebAssembly !== "object") throw new RuntimeFailure("nowasm", "WebAssembly is not available");
  // The release's cache, if a visit has made it (download() reads the wasm and the zip from it,
  // checking them again like any download).
  const name = releaseCache(manifest);
  const kept = globalThis.caches && manifest.version
    ? caches.has(name).then((has) => (has ? caches.open(name) : null)).catch(() => null)
    : null;
  const files = download(indexURL, manifest, kept, controlled);
  const everyByte = Promise.all([...files.values()].map((file) => file.checked)).then(() => {
    checkedFiles = new Map([...files].map(([url, file]) => [url, file.bytes]));
    self.postMessage({ type: "progress", stage: "download", loaded: manifest.total, total: manifest.total });
    self.postMessage({ type: "progress", stage: "start" });
  });
  // The wasm compiles while it arrives (compiling runs nothing, and the module is complete only
  // once its stream has ended, i.e. after its sha256 matched); Python starts meanwhile, as soon as
  // Pyodide's two modules are checked, and runs nothing before every byte it runs has been checked.
  const wasm = files.get(new URL("pyodide.asm.wasm", indexURL).href);
  /** @type {Promise<WebAssembly.Module>} */
  const compiled = WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(new Response(wasm.body(), { headers: { "Content-Type": TYPES[".wasm"] } }))
    : wasm.checked.then((bytes) => WebAssembly.compile(bytes));
  compiled.catch(() => {}); // a corrupt wasm is reported as its failed check
  // A snapshot kept by an earlier visit is read meanwhile (30 MB from the device's storage).
  const useSnapshots = snapshot && snapshots.possible(manifest);
  const stored = useSnapshots ? snapshots.stored(indexURL, manifest) : null;
  const python = start(indexURL, manifest, files, compiled, useSnapshots, stored);
  python.catch(() => {});
  return (await Promise.all([everyByte, python]))[1];
}

/**
 * Python, from the checked files (and from the snapshot kept on this device, if any): "snapshot" | "start".
 * @param {string} indexURL
 * @param {any} manifest
 * @param {Map<string, Download>} files
 * @param {Promise<WebAssembly.Module>} compiled
 * @param {boolean} useSnapshots
 * @param {Promise<{canary: string, bytes: Uint8Array} | null> | null} storedSnapshot
 */
async function start(indexURL, manifest, files, compiled, useSnapshots, storedSnapshot) {
  const url = (name) => new URL(name, indexURL).href;
  const checked = (name) => files.get(url(name)).checked;
  // The two modules run only once their own bytes are checked; importing the same URLs then gets
  // the same bytes from the HTTP cache or the service worker (download() fetched them that way).
  await Promise.all([checked("pyodide.mjs"), checked("pyodide.asm.mjs")]);
  // Pyodide fetches the wasm and the zip itself: it gets the bytes checked here, as they arrive,
  // with the right type whatever the host says (a wasm served as application/octet-stream would hang it).
  const networkFetch = self.fetch.bind(self);
  self.fetch = (input, options) => {
    const href = input instanceof Request ? input.url : new URL(String(input), indexURL).href; // Pyodide passes URL objects
    const file = files.get(href);
    if (!file) return networkFetch(input, options);
    const type = TYPES[href.slice(href.lastIndexOf("."))] ?? "application/octet-stream";
    return Promise.resolve(new Response(file.body(), { headers: { "Content-Type": type } }));
  };
  // Pyodide instantiates the wasm from a fetch; it gets the module compiled above instead. (If that
  // compile fails for a reason other than a failed check, Pyodide would only log it and wait for
  // ever: `load` below fails at once instead.)
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  try {
    const at = (name) => `${url(name)}?v=${manifest.files[name].v}`;
    const [{ loadPyodide }, asm, stored] = await Promise.all([import(at("pyodide.mjs")), import(at("pyodide.asm.mjs")),
      storedSnapshot]);
    const never = new Promise(() => {});
    const load = (more) => Promise.race([loadPyodide({ ...options, ...more }), compiled.then(() => never)]);
    const options = {
      createPyodideModule: asm.default,
      indexURL,
      stdLibURL: url(manifest.zip),
      lockFileContents: manifest.lock,
      packageBaseUrl: indexURL, // nothing is installed; never a CDN
      stdout: () => {},
      stderr: () => {},
    };
    if (stored) {
      try {
        await snapshots.restoring(true);
        const pyodide = await load({ _loadSnapshot: stored.bytes });
        snapshots.release(stored);
        if (!snapshots.restored(pyodide, manifest)) throw new Error("Python started afresh: the snapshot was not used");
        calculators = pyodide.pyimport("calculators");
        if (snapshots.canary(calculators) !== stored.canary) throw new Error("the restored Python answers differently");
        await registerRules(calculators, checked, manifest); // again: a restored Python is the snapshot's
        await snapshots.restoring(false);
        return "snapshot";
      } catch (error) {
        console.warn("calculator runtime: the snapshot kept on this device did not restore; starting afresh:", error);
        await snapshots.forget(true);
      }
    }
    const pyodide = await load({ _makeSnapshot: useSnapshots });
    calculators = pyodide.pyimport("calculators");
    await registerRules(calculators, checked, manifest);
    // Made right after "ready" is posted, in the same task (see onmessage): no visitor's input
    // can reach Python before it, and the visitor does not wait for it.
    if (useSnapshots) snapshots.due = () => snapshots.make(pyodide, calculators, manifest);
    return "start";
  } catch (error) {
    // A file that failed its check is the reason, not what Python made of it.
    throw [...files.values()].find((file) => file.failure)?.failure ??
      new RuntimeFailure("start", String(error?.message ?? error));
  } finally {
    self.fetch = networkFetch;
    WebAssembly.instantiateStreaming = instantiateStreaming;
  }
}

/** The site's calculators written as data (the build's pyodide/rules.json, a file of the manifest,
 * downloaded and checked with the others) join the Python ones before Python answers anything.
 * Registering again replaces them, so a restored snapshot holds nothing stale. */
async function registerRules(calculators, checked, manifest) {
  if (!manifest.rules) return;
  const answer = JSON.parse(calculators.register_rules_json(new TextDecoder().decode(await checked(manifest.rules))));
  if (!answer.ok) throw new Error(`calculators written as data: ${answer.errors.map((e) => e.en).join(" ")}`);
}

/** A memory snapshot of Python, made on this device just after the calculators were imported (before
 * any visitor's input reached Python), and kept in the release's cache: the next visit restores it
 * instead of starting Python again. Pyodide's snapshot API is private (underscored), so:
 * - a restore must prove itself: a mark set in Python before the snapshot was made must be there
 *   (a Pyodide that ignored the option would have started afresh), and a canary answer must match
 *   the one given when it was made;
 * - any failure, or a restore that never finished (its "&restoring" mark is still there), falls back
 *   to a normal start and forgets the snapshot; after two failures in a release, none is made again;
 * - it needs the same wasm and zip, which the release's version pins (the key carries it).
 * Like the rest of Cache Storage it belongs to the site's origin: give the site an origin of its own
 * (a page of another site on the same origin can script this one anyway). */
const snapshots = {
  cache: null, // the release's Cache Storage cache
  key: "",
  failed: 0, // restores that failed in this release
  due: null, // () => make(...), once Python has started afresh
  made: null, // {bytes, canary} until kept
  CANARY: '{"id": null, "inputs": {}}', // an answer that runs the JSON, validation and message code
  MARK: "__policy_snapshot__",
  TRIES: 2,

  possible(manifest) {
    return Boolean(globalThis.caches && manifest.version);
  },

  async open(indexURL, manifest) {
    this.cache ??= await caches.open(releaseCache(manifest));
    this.key = new URL(`python-snapshot.bin?v=${manifest.version}`, indexURL).href;
  },

  /** The kept snapshot, or null (none, or the last restore of it never finished). */
  async stored(indexURL, manifest) {
    try {
      await this.open(indexURL, manifest);
      this.failed = await this.failures();
      if (await this.cache.match(`${this.key}&restoring`)) {
        await this.forget(true);
        return null;
      }
      const response = await this.cache.match(this.key);
      if (!response) return null;
      return { canary: decodeURIComponent(response.headers.get("X-Canary") ?? ""), bytes: new Uint8Array(await response.arrayBuffer()) };
    } catch (error) {
      return null; // no Cache Storage (private mode): a normal start
    }
  },

  /** Pyodide keeps a reference to the options: the 30 MB it was given are let go (detached). */
  release(stored) {
    try {
      structuredClone(stored.bytes.buffer, { transfer: [stored.bytes.buffer] });
    } catch (error) {
      // not transferable here: it is freed with the worker
    }
  },

  restored(pyodide, manifest) {
    return pyodide.globals.get(this.MARK) === manifest.version;
  },

  canary(calculators) {
    return calculators.calculate_json(this.CANARY);
  },

  async restoring(flag) {
    if (flag) await this.cache.put(`${this.key}&restoring`, new Response(""));
    else await this.cache.delete(`${this.key}&restoring`);
  },

  async failures() {
    const response = await this.cache?.match(`${this.key}&failed`).catch(() => undefined);
    return response ? Number(await response.text()) || 0 : 0;
  },

  /** The snapshot goes; failed: it did not restore (counted: after TRIES, none is made again). */
  async forget(failed = false) {
    try {
      const count = (await this.failures()) + (failed ? 1 : 0); // read again: another tab may have counted
      await this.cache?.delete(this.key);
      await this.cache?.delete(`${this.key}&restoring`);
      if (failed) await this.cache?.put(`${this.key}&failed`, new Response(String(count)));
      this.failed = count;
    } catch (error) {
      // nothing to forget
    }
  },

  /** Synchronous: nothing else runs in Python between the start and the snapshot. */
  make(pyodide, calculators, manifest) {
    try {
      if (typeof pyodide.makeMemorySnapshot !== "function") return;
      if (this.failed >= this.TRIES) return; // this device cannot restore them
      pyodide.globals.set(this.MARK, manifest.version);
      this.made = { canary: this.canary(calculators), bytes: pyodide.makeMemorySnapshot() };
    } catch (error) {
      console.warn("calculator runtime: no snapshot:", error?.message ?? error);
    }
  },

  /** After "ready": put the snapshot made by this start into the cache, and drop any other
   * release's (a release whose service worker never ran would keep its 30 MB for ever). */
  async keep() {
    const made = this.made;
    this.made = null;
    if (!made || !this.cache) return;
    await this.cache.put(this.key, new Response(made.bytes, {
      headers: { "Content-Type": "application/octet-stream", "X-Canary": encodeURIComponent(made.canary) },
    }));
    for (const name of await caches.keys()) {
      if (!name.startsWith(CACHE_PREFIX)) continue;
      const other = await caches.open(name);
      for (const request of await other.keys()) {
        if (request.url.includes("/python-snapshot.bin?") && !request.url.startsWith(this.key)) await other.delete(request);
      }
    }
  },
};

/** The checked bytes go into the service worker's cache (sw.js), under the URLs it serves them
 * for: a second visit, or one offline, downloads none of them, and nothing is downloaded twice. */
async function keep(indexURL, manifest) {
  const files = checkedFiles;
  checkedFiles = null;
  if (!globalThis.caches || !manifest.version || !files) return false;
  const cache = await caches.open(releaseCache(manifest));
  for (const [name, entry] of Object.entries(manifest.files)) {
    const url = new URL(name, indexURL).href;
    const versioned = `${url}?v=${entry.v}`;
    if (await cache.match(versioned)) continue;
    const type = TYPES[name.slice(name.lastIndexOf("."))] ?? "application/octet-stream";
    await cache.put(versioned, new Response(files.get(url), { headers: { "Content-Type": type } }));
  }
  return true;
}

// The page gives the init message twice: as this worker's name, read here as the module starts,
// and as a message, which the page's main thread hands over only once its own start-up work is
// done (0.1-0.2 s later on a second visit, a tenth of the wait). The first one starts the runtime.
try {
  const named = self.name ? JSON.parse(self.name) : null;
  if (named?.type === "init") ready = init(named);
} catch (error) {
  // not ours: the message starts it
}
ready?.catch(() => {}); // reported when the message comes

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    ready ??= init(data);
    try {
      self.postMessage({ type: "ready", from: await ready });
      // Before any "call": their handlers resume after this one (they awaited `ready` later).
      snapshots.due?.();
      snapshots.due = null;
    } catch (error) {
      self.postMessage({ type: "failed", reason: error.reason ?? "start", message: String(error?.message ?? error) });
      return;
    }
    try {
      if (await keep(data.indexURL, data.manifest)) self.postMessage({ type: "kept" });
      await snapshots.keep();
    } catch (error) {
      // No Cache Storage here (private mode, quota): the calculator works, just not offline.
    } finally {
      snapshots.made = null;
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
