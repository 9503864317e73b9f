// Calculator and finder pages load this from their <head> (docs/overrides/main.html): the one
// Pyodide worker (runtime.js) starts downloading the runtime while the rest of the page is still
// arriving, a round trip or more before the page's own scripts would. What to start comes from
// <meta name="policy-runtime" content="{pyodide, version, manifest}"> (pyodide: the runtime's
// folder, relative to the page). A visitor who saves data, or is on a 2G/3G link, is not
// downloaded for: the page offers the download instead (calculator.js, finder.js), and those
// scripts also start the runtime on pages reached by instant navigation (Material updates the
// <head> then, but does not run the scripts it adds there).

const { sharedRuntime, slowLink } = await import(new URL(`runtime.js${new URL(import.meta.url).search}`, import.meta.url).href);

const meta = document.querySelector('meta[name="policy-runtime"]');
if (meta && !slowLink()) {
  try {
    const { pyodide, version, manifest } = JSON.parse(meta.content);
    sharedRuntime().start(new URL(pyodide, location.href).href, version, manifest);
  } catch (error) {
    console.error("calculator runtime:", error); // the page's own script starts it instead
  }
}
