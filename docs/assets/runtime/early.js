// Calculator and finder pages load this small classic script, async, at the top of their <head>,
// just after the meta element it reads (docs/overrides/main.html): it runs as soon as it is in,
// without waiting for the style sheets, before the page's body is parsed and long before the page's
// own scripts, and starts the one Pyodide worker (worker.js), so the runtime downloads (or, on a
// later visit, Python is restored) while the page is still being built. If it comes in after the
// page's own script has started the runtime, it does nothing.
// runtime.js adopts this worker, and the messages it sent meanwhile, when the page's script starts
// the runtime (Runtime.boot). What to start comes from
// <meta name="policy-runtime" content="{pyodide, version, manifest}"> (pyodide: the runtime's
// folder, relative to the page). Nothing starts for a visitor who saves data or is on a 2G/3G link
// (the page offers the download instead), nor from file://; on pages reached by instant
// navigation (Material adds the <head> elements but runs none of them) the page's script starts it.
(() => {
  const meta = /** @type {HTMLMetaElement | null} */ (document.querySelector('meta[name="policy-runtime"]'));
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  const connection = navigator.connection;
  const slow = connection?.saveData === true || ["slow-2g", "2g", "3g"].includes(connection?.effectiveType);
  if (!meta || !script || slow || location.protocol === "file:" || typeof WebAssembly !== "object") return;
  if (globalThis.__policyRuntime || globalThis.__policyEarlyWorker) return;
  try {
    const { pyodide, version, manifest } = JSON.parse(meta.content);
    const workerURL = new URL("worker.js", script.src);
    workerURL.searchParams.set("v", new URL(script.src).searchParams.get("v") ?? "");
    const indexURL = new URL(pyodide, location.href).href;
    const init = { type: "init", indexURL, manifest,
                   snapshot: (globalThis.__policyRuntimeLimits ?? {}).snapshot !== false,
                   controlled: Boolean(navigator.serviceWorker?.controller) };
    // The init message also goes as the worker's name, which it reads as it starts (see worker.js).
    const worker = new Worker(workerURL.href, { type: "module", name: JSON.stringify(init) });
    const early = { worker, indexURL, version, messages: [], error: "" };
    worker.onmessage = ({ data }) => early.messages.push(data);
    worker.onerror = (event) => {
      early.error = event.message || "the worker did not start";
    };
    worker.postMessage(init);
    globalThis.__policyEarlyWorker = early;
  } catch (error) {
    console.error("calculator runtime:", error); // the page's own script starts it instead
  }
})();
