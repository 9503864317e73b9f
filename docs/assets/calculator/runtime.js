// The one Web Worker that owns Pyodide, shared by every page that runs Python: the calculators
// (calculator.js) and the finder. It lives on globalThis, so it survives Material's instant
// navigation and a second copy of this module (e.g. the English site's) reuses it.
//
//   const runtime = sharedRuntime();
//   runtime.start(indexURL, version)     idempotent; indexURL is the site's pyodide/ folder
//   runtime.state                        "idle" | "loading" | "ready" | "failed" (+ runtime.failure)
//   runtime.listeners.add(fn)            fn(state) on every change
//   await runtime.call(fn, requestText)  calculators.<fn>(requestText) in Python, fn one of
//                                        "calculate_json" | "find_json" -> {response} | {failure}

const RUNTIME_KEY = "__policyRuntime";


class Runtime {
  constructor(workerURL) {
    this.workerURL = workerURL;
    this.state = "idle"; // idle | loading | ready | failed
    this.worker = null;
    this.seq = 0;
    this.pending = new Map();
    this.listeners = new Set();
    this.failure = "";
  }

  start(indexURL, version) {
    if (this.state !== "idle") return;
    this.setState("loading");
    try {
      this.worker = new Worker(this.workerURL, { type: "module" });
    } catch (error) {
      this.fail(String(error));
      return;
    }
    this.worker.onmessage = ({ data }) => this.onMessage(data);
    this.worker.onerror = (event) => this.fail(event.message || "worker error");
    const lockFileURL = new URL(`pyodide-lock.json?v=${encodeURIComponent(version)}`, indexURL).href;
    this.worker.postMessage({ type: "init", indexURL, lockFileURL });
  }

  onMessage(data) {
    if (data.type === "ready") {
      this.setState("ready");
    } else if (data.type === "failed") {
      this.fail(data.message);
    } else if (data.type === "result") {
      const settle = this.pending.get(data.seq);
      this.pending.delete(data.seq);
      if (settle) settle(data);
    }
  }

  fail(message) {
    this.failure = message;
    console.error("calculator:", message);
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

export function sharedRuntime() {
  return (globalThis[RUNTIME_KEY] ??= new Runtime(workerURL()));
}
