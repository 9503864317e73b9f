// The one Web Worker that owns Pyodide, shared by every page that runs Python: the calculators
// (calculator.js) and the finder. It lives on globalThis, so it survives Material's instant
// navigation and a second copy of this module (e.g. the English site's) reuses it.
// The runtime's parts, all in this folder: early.js (starts the worker from the page's <head>),
// this module, worker.js (the worker: download, checks, Python, the memory snapshot); the service
// worker that keeps them offline is written by the build (policy_site/build/sw.js).
//
//   const runtime = sharedRuntime();
//   startRuntime(runtime, config)        start the runtime a page's config names (config.pyodide,
//                                        relative to the page; runtime_version; runtime_manifest)
//   runtime.start(indexURL, version[, manifest])  idempotent for one version; indexURL is the site's
//                                        pyodide/ folder; manifest: the site's pyodide/runtime.json
//                                        (fetched when absent). A runtime of another version (a tab
//                                        open across a release) is stopped and this one started.
//   runtime.forPage(version)             the page's runtime version: a runtime of another version is
//                                        stopped (state "idle"), so that the page starts its own
//   runtime.state                        "idle" | "loading" | "ready" | "failed"
//   runtime.failure, runtime.reason      why it failed; reason: "network" | "stalled" | "integrity" |
//                                        "nowasm" | "start" | "file" | "updated" (the host has a newer
//                                        release than the page: only a reload helps)
//   describeFailure(runtime)             what a page says about a failure: {reason, key, help, action}
//                                        (key: the UI string runtime_failed_<reason>; help: whether
//                                        runtime_failed_help follows; action: "retry" | "reload" | null)
//   runtime.progress                     {stage: "download" | "start", loaded, total} while loading
//   runtime.hostCompresses, .hostEncoding whether (and how: "br", "gzip") the host compresses what it
//                                        sends: from this module's own download until the worker has
//                                        seen the host's answer (null: not known). A host that
//                                        compresses nothing gets the .gz copies of the wasm and the zip.
//   downloadBytes(runtime, config)       the bytes a first start downloads from this host (config:
//                                        {download_bytes (brotli), runtime_manifest (with each file's
//                                        gzip size)})
//   sizedStrings(strings, config, runtime)  the strings, with the size they state ("3.4 MB", filled in
//                                        by the build with download_bytes) made true for this host
//   runtime.startedFrom                  once ready: "snapshot" (Python restored from the snapshot made
//                                        on this device by an earlier visit) | "start" (started afresh)
//   runtime.listeners.add(fn)            fn(state) on every change, and on progress while loading
//   runtime.retry()                      after a failure: start again (reason "updated": reload the page)
//   slowLink()                           Save-Data or 2G/3G: start only when the visitor asks
//   await runtime.call(fn, requestText)  calculators.<fn>(requestText) in Python, fn one of
//                                        "calculate_json" | "find_json" | "hold_rules_json" ->
//                                        {response} | {failure} (the requests: worker.js)
//
// A watchdog ends every wait: while downloading, no byte for STALL_MS fails the start ("stalled");
// once every byte has arrived, Python has START_MS to start. Slow links keep sending bytes, so
// they never trip it; a host that stops answering, or a runtime that hangs, always does.

const RUNTIME_KEY = "__policyRuntime";
// snapshot: false starts Python afresh on every visit (the benchmark compares both; see worker.js).
const LIMITS = { stallMs: 30_000, startMs: 120_000, snapshot: true, ...(globalThis.__policyRuntimeLimits ?? {}) };


// The version of this copy of the module (its ?v=): the release of the scripts and the runtime.
const MODULE_VERSION = new URL(import.meta.url).searchParams.get("v") ?? "";

export class Runtime {
  constructor() {
    this.state = "idle"; // idle | loading | ready | failed
    this.worker = null;
    this.seq = 0;
    this.pending = new Map();
    this.listeners = new Set();
    this.failure = "";
    this.reason = "";
    this.progress = null;
    this.timer = null;
    this.args = null;
    this.startedFrom = "";
    this.hostCompresses = compressingHost();
    this.hostEncoding = null;
    /** @type {string | null} the language of the page that started it ("zh", "en"): the offline pages kept are its */
    this.language = null;
  }

  start(indexURL, version, manifest = null) {
    this.forPage(version);
    if (this.state !== "idle") return;
    this.args = [indexURL, version, manifest];
    this.progress = null;
    this.setState("loading");
    if (location.protocol === "file:") return this.fail("opened from a file: module workers need http(s)", "file");
    if (typeof WebAssembly !== "object") return this.fail("WebAssembly is not available", "nowasm");
    this.watch(LIMITS.stallMs);
    this.boot(indexURL, version, manifest).catch((error) => this.fail(String(error?.message ?? error), "network"));
  }

  /** A page of another release than the running runtime's (instant navigation keeps this object
   * across pages, and a release may come between two pages): never compute with the other
   * release's Python. The runtime stops; the page starts its own. */
  forPage(version) {
    if (!this.args || this.args[1] === version) return;
    clearTimeout(this.timer);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    for (const settle of this.pending.values()) settle({ failure: "the site was updated" });
    this.pending.clear();
    this.args = null;
    this.progress = null;
    this.failure = "";
    this.reason = "";
    this.startedFrom = "";
    this.setState("idle");
  }

  /** The worker of the page's release (all our scripts share its version). */
  workerURL(version) {
    const url = new URL("worker.js", import.meta.url);
    if (version) url.searchParams.set("v", version);
    return url.href;
  }

  async boot(indexURL, version, manifest) {
    if (!manifest) {
      const response = await fetch(new URL(`runtime.json?v=${encodeURIComponent(version)}`, indexURL));
      if (!response.ok) throw new Error(`runtime.json: HTTP ${response.status}`);
      manifest = await response.json();
    }
    if (this.state !== "loading") return;
    // The worker early.js started from the page's <head>, with what it has said so far.
    const early = globalThis.__policyEarlyWorker;
    if (early?.indexURL === indexURL && early.version === version) {
      delete globalThis.__policyEarlyWorker;
      this.worker = early.worker;
      this.worker.onmessage = ({ data }) => this.onMessage(data);
      this.worker.onerror = (event) => this.fail(event.message || "the worker did not start", "network");
      if (early.error) return this.fail(early.error, "network");
      for (const data of early.messages) this.onMessage(data);
      return;
    }
    // controlled: the service worker serves this page (and so the worker's imports) from its cache.
    const init = { type: "init", indexURL, manifest, snapshot: LIMITS.snapshot !== false,
                   controlled: Boolean(navigator.serviceWorker?.controller) };
    // Also as the worker's name, which it reads as it starts (see worker.js).
    this.worker = new Worker(this.workerURL(version), { type: "module", name: JSON.stringify(init) });
    this.worker.onmessage = ({ data }) => this.onMessage(data);
    this.worker.onerror = (event) => this.fail(event.message || "the worker did not start", "network");
    this.worker.postMessage(init);
  }

  /** (Re)arm the watchdog: fail unless something happens within `ms`. */
  watch(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const stage = this.progress?.stage === "start" ? "start" : "stalled";
      this.fail(stage === "start" ? `Python did not start within ${ms / 1000} s` : `no progress for ${ms / 1000} s`, stage);
    }, ms);
  }

  /** Once a calculator works: the site's service worker (sw.js at the site root) keeps the runtime
   * and the pages opened, for offline use and an instant second visit. Best effort: never fails a page. */
  async keepOffline() {
    if (!("serviceWorker" in navigator) || !globalThis.isSecureContext || !this.args) return;
    try {
      const registration = await navigator.serviceWorker.register(new URL("../sw.js", this.args[0]));
      // The newest one (a new release's is still installing when the page was served by the old).
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (!worker) return;
      await new Promise((resolve) => {
        if (worker.state === "activated") return resolve();
        worker.addEventListener("statechange", () => ["activated", "redundant"].includes(worker.state) && resolve());
      });
      const urls = [location.href, ...performance.getEntriesByType("resource").map((entry) => entry.name)];
      // The search index is fetched on first use (theme-globals.js): kept even if search was not used yet.
      if (globalThis.__policySearchIndex) urls.push(globalThis.__policySearchIndex);
      // The service worker then keeps, in the background, the pages of the site's list in this
      // page's language (not for a visitor who saves data).
      worker.postMessage({ type: "keep", urls, lang: this.language, saveData: navigator.connection?.saveData === true });
    } catch (error) {
      console.warn("calculator runtime: no offline copy:", error?.message ?? error);
    }
  }

  retry() {
    if (this.state !== "failed" || !this.args) return;
    if (this.reason === "updated") return location.reload();
    this.state = "idle";
    this.start(...this.args);
  }

  onMessage(data) {
    if (this.state !== "loading" && !["result", "kept", "host"].includes(data.type)) return;
    if (data.type === "host") {
      this.hostCompresses = data.compresses;
      this.hostEncoding = data.encoding;
      for (const listener of [...this.listeners]) listener(this.state);
    } else if (data.type === "progress") {
      this.progress = data;
      this.watch(data.stage === "start" ? LIMITS.startMs : LIMITS.stallMs);
      for (const listener of [...this.listeners]) listener(this.state);
    } else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.startedFrom = data.from;
      this.setState("ready");
    } else if (data.type === "kept") {
      this.keepOffline();
    } else if (data.type === "failed" && data.reason === "missing") {
      this.failMissing(data.message);
    } else if (data.type === "failed") {
      this.fail(data.message, data.reason);
    } else if (data.type === "result") {
      const settle = this.pending.get(data.seq);
      this.pending.delete(data.seq);
      if (settle) settle(data);
    }
  }

  /** A runtime file the host no longer has (404/410): if the host's runtime.json is of another
   * version than the page's, the site was updated since the page was loaded (a retry can never
   * succeed: the page must be reloaded); otherwise the host is broken ("network"). */
  async failMissing(message) {
    clearTimeout(this.timer);
    const [indexURL, version] = this.args ?? [];
    let reason = "network";
    try {
      const response = await fetch(new URL("runtime.json", indexURL), { cache: "no-store" });
      if (response.ok && (await response.json()).version !== version) reason = "updated";
    } catch (error) {
      // the host is not answering: a network failure
    }
    if (this.args?.[1] === version) this.fail(message, reason);
  }

  fail(message, reason = "start") {
    if (this.state === "failed") return;
    clearTimeout(this.timer);
    this.failure = message;
    this.reason = reason;
    console.warn("calculator runtime:", reason, message);
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.setState("failed");
    for (const settle of this.pending.values()) settle({ failure: message });
    this.pending.clear();
  }

  setState(state) {
    this.state = state;
    for (const listener of [...this.listeners]) listener(state);
  }

  /** Call `calculators.<fn>(request)` in the worker: resolves to {response} or {failure}. */
  call(fn, request) {
    const seq = ++this.seq;
    return new Promise((resolve) => {
      if (!this.worker) return resolve({ failure: this.failure || "the runtime is not running" });
      this.pending.set(seq, resolve);
      this.worker.postMessage({ type: "call", seq, fn, request });
    });
  }

  /** A calculator request (JSON text {"id", "inputs"}) -> {response} | {failure}. */
  calculate(request) {
    return this.call("calculate_json", request);
  }
}

/** What a page says when the runtime failed: the UI string runtime_failed_<reason> (for a reason
 * this module does not know, "start"), whether runtime_failed_help follows it, and the button it
 * offers: "retry" (runtime.retry()), "reload" (runtime.retry() reloads the page) or none. The
 * calculator pages and the finder say the same. */
export function describeFailure(runtime) {
  const known = ["network", "stalled", "integrity", "nowasm", "start", "file", "updated"];
  const reason = known.includes(runtime.reason) ? runtime.reason : "start";
  const final = ["nowasm", "file"].includes(reason);
  return { reason, key: `runtime_failed_${reason}`, help: !final && reason !== "updated",
           action: final ? null : reason === "updated" ? "reload" : "retry" };
}

/** Whether the host compresses what it sends, as this module's own download tells (before any runtime
 * file is asked for); null when it cannot tell (the service worker or a cache served it). */
function compressingHost() {
  if (navigator.serviceWorker?.controller) return null;
  const entry = /** @type {PerformanceResourceTiming | undefined} */ (performance.getEntriesByName?.(import.meta.url)?.[0]);
  if (!entry?.decodedBodySize || !entry.encodedBodySize) return null;
  return entry.encodedBodySize < entry.decodedBodySize;
}

/** What a first start downloads from the host the page is on: the brotli figure the build states,
 * unless the host is known to send gzip (every file's .gz size) or nothing compressed (the worker
 * then fetches the .gz copies of the big files; Pyodide's two modules come as they are). */
export function downloadBytes(runtime, config) {
  const files = Object.entries(config.runtime_manifest?.files ?? {});
  if (!files.length || !files.every(([, file]) => file.gz)) return config.download_bytes;
  if (runtime.hostCompresses === false) {
    return files.reduce((sum, [name, file]) => sum + (name.endsWith(".mjs") ? file.bytes : file.gz), 0);
  }
  if (runtime.hostEncoding === "gzip") return files.reduce((sum, [, file]) => sum + file.gz, 0);
  return config.download_bytes;
}

/** The page's strings with the download size they state (the build writes config.download_bytes
 * as "3.4 MB") replaced by the size that is true for this host. */
export function sizedStrings(strings, config, runtime) {
  const mb = (bytes) => `${(bytes / 1_000_000).toFixed(1)} MB`;
  const stated = mb(config.download_bytes);
  const size = mb(downloadBytes(runtime, config));
  if (size === stated) return strings;
  return Object.fromEntries(Object.entries(strings).map(([key, text]) =>
    [key, typeof text === "string" ? text.replaceAll(stated, size) : text]));
}

/** Save-Data, or a 2G/3G link: pages download the runtime only when the visitor asks. */
export function slowLink() {
  const connection = navigator.connection;
  return connection?.saveData === true || ["slow-2g", "2g", "3g"].includes(connection?.effectiveType);
}

/** The window's one runtime (made by the first copy of this module that asks).
 * @returns {Runtime} */
export function sharedRuntime() {
  return (globalThis[RUNTIME_KEY] ??= new Runtime());
}

/**
 * Start the runtime of a page's config: its runtime folder (relative to the page), version and manifest.
 * A module function, not a method: the runtime may be an older copy's (a tab open across a release).
 * @param {Runtime} runtime
 * @param {{pyodide: string, runtime_version: string, runtime_manifest?: object | null, language?: {code: string}}} config
 */
export function startRuntime(runtime, config) {
  runtime.language = config.language?.code ?? runtime.language;
  runtime.start(new URL(config.pyodide, location.href).href, config.runtime_version, config.runtime_manifest ?? null);
}

// A page of a new release reached without a reload (instant navigation) loads this module again,
// at its own version: a runtime of the old release, which the pages' long-lived scripts keep using,
// is stopped here, so that the new page starts its own.
if (MODULE_VERSION) globalThis[RUNTIME_KEY]?.forPage?.(MODULE_VERSION);
