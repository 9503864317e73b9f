// The one Web Worker that owns Pyodide, shared by every page that runs Python: the calculators
// (calculator.js) and the finder. It lives on globalThis, so it survives Material's instant
// navigation and a second copy of this module (e.g. the English site's) reuses it.
//
//   const runtime = sharedRuntime();
//   runtime.start(indexURL, version[, manifest])  idempotent; indexURL is the site's pyodide/ folder;
//                                        manifest: the site's pyodide/runtime.json (fetched when absent)
//   runtime.state                        "idle" | "loading" | "ready" | "failed"
//   runtime.failure, runtime.reason      why it failed; reason: "network" | "stalled" | "integrity" |
//                                        "nowasm" | "start" | "file"
//   runtime.progress                     {stage: "download" | "start", loaded, total} while loading
//   runtime.startedFrom                  once ready: "snapshot" (Python restored from the snapshot made
//                                        on this device by an earlier visit) | "start" (started afresh)
//   runtime.listeners.add(fn)            fn(state) on every change, and on progress while loading
//   runtime.retry()                      after a failure: start again
//   slowLink()                           Save-Data or 2G/3G: start only when the visitor asks
//   await runtime.call(fn, requestText)  calculators.<fn>(requestText) in Python, fn one of
//                                        "calculate_json" | "find_json" -> {response} | {failure}
//
// A watchdog ends every wait: while downloading, no byte for STALL_MS fails the start ("stalled");
// once every byte has arrived, Python has START_MS to start. Slow links keep sending bytes, so
// they never trip it; a host that stops answering, or a runtime that hangs, always does.

const RUNTIME_KEY = "__policyRuntime";
// snapshot: false starts Python afresh on every visit (the benchmark compares both; see worker.js).
const LIMITS = { stallMs: 30_000, startMs: 120_000, snapshot: true, ...(globalThis.__policyRuntimeLimits ?? {}) };


class Runtime {
  constructor(workerURL) {
    this.workerURL = workerURL;
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
  }

  start(indexURL, version, manifest = null) {
    if (this.state !== "idle") return;
    this.args = [indexURL, version, manifest];
    this.progress = null;
    this.setState("loading");
    if (location.protocol === "file:") return this.fail("opened from a file: module workers need http(s)", "file");
    if (typeof WebAssembly !== "object") return this.fail("WebAssembly is not available", "nowasm");
    this.watch(LIMITS.stallMs);
    this.boot(indexURL, version, manifest).catch((error) => this.fail(String(error?.message ?? error), "network"));
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
    if (early?.indexURL === indexURL) {
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
    this.worker = new Worker(this.workerURL, { type: "module", name: JSON.stringify(init) });
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
      worker.postMessage({ type: "keep", urls });
    } catch (error) {
      console.warn("calculator runtime: no offline copy:", error?.message ?? error);
    }
  }

  retry() {
    if (this.state !== "failed" || !this.args) return;
    this.state = "idle";
    this.start(...this.args);
  }

  onMessage(data) {
    if (this.state !== "loading" && !["result", "kept"].includes(data.type)) return;
    if (data.type === "progress") {
      this.progress = data;
      this.watch(data.stage === "start" ? LIMITS.startMs : LIMITS.stallMs);
      for (const listener of [...this.listeners]) listener(this.state);
    } else if (data.type === "ready") {
      clearTimeout(this.timer);
      this.startedFrom = data.from;
      this.setState("ready");
    } else if (data.type === "kept") {
      this.keepOffline();
    } else if (data.type === "failed") {
      this.fail(data.message, data.reason);
    } else if (data.type === "result") {
      const settle = this.pending.get(data.seq);
      this.pending.delete(data.seq);
      if (settle) settle(data);
    }
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

function workerURL() {
  const version = new URL(import.meta.url).searchParams.get("v");
  const url = new URL("worker.js", import.meta.url);
  if (version) url.searchParams.set("v", version);
  return url.href;
}

/** Save-Data, or a 2G/3G link: pages download the runtime only when the visitor asks. */
export function slowLink() {
  const connection = navigator.connection;
  return connection?.saveData === true || ["slow-2g", "2g", "3g"].includes(connection?.effectiveType);
}

export function sharedRuntime() {
  return (globalThis[RUNTIME_KEY] ??= new Runtime(workerURL()));
}
