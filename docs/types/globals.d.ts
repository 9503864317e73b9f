// The globals the site's browser scripts share (docs/assets), for the type checker (tsconfig.json).
// Ours, on globalThis, only where two scripts that cannot import each other meet:
//   __policyRuntime        the one Pyodide runtime of the window (runtime/runtime.js), shared by every
//                          copy of the module (the other language's, a new release's)
//   __policyEarlyWorker    the worker runtime/early.js (a classic script) started from the <head>,
//                          until runtime.js adopts it
//   __policyRuntimeLimits  the watchdog's limits and the snapshot switch, set by tests and the benchmark
//   __policyPages          the calculators and finders mounted (kit/dom.js mountEvery), per kind
//   __policySearchIndex    the search index's address, once Material asked for it (theme-globals.js,
//                          which holds the request until search is used); runtime.js has it kept offline
// Material for MkDocs': document$ (instant navigation) and __md_* (theme-globals.js, read by its bundle).

interface PolicyRuntimeLimits {
  stallMs?: number;
  startMs?: number;
  snapshot?: boolean;
}

interface PolicyEarlyWorker {
  worker: Worker;
  indexURL: string;
  version: string;
  messages: unknown[];
  error: string;
}

interface PolicyPageRegistry {
  seen: WeakSet<Element>;
  mount: (element: HTMLElement) => void;
  subscribed: boolean;
}

declare var __policyRuntime: any;
declare var __policyEarlyWorker: PolicyEarlyWorker | undefined;
declare var __policyRuntimeLimits: PolicyRuntimeLimits | undefined;
declare var __policyPages: Record<string, PolicyPageRegistry> | undefined;
declare var __policySearchIndex: string | undefined;

interface Window {
  /** Material's observable of each page, new on every instant navigation. */
  document$?: { subscribe(next: () => void): unknown };
  __md_scope: URL;
  __md_hash: (value: string) => number;
  __md_get: (key: string, storage?: Storage, base?: URL) => unknown;
  __md_set: (key: string, value: unknown, storage?: Storage, base?: URL) => void;
}
declare var __md_scope: URL;

/** The Network Information API (Chromium): Save-Data and the link's effective type. */
interface Navigator {
  connection?: { saveData?: boolean; effectiveType?: string };
}
