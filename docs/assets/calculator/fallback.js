// A classic script inside each calculator section, run while the page is parsed (before
// calculator.js, a module, which runs only once the whole page is in):
// - it starts the runtime's downloads at once (<link rel="preload">), so that they run while the
//   module scripts and the worker start; the worker's own fetches then come from the HTTP cache.
//   Not on Save-Data or a 2G/3G link (there the visitor asks first), nor once the runtime runs;
// - a page opened as a file (file://) runs no module script at all: it says why, in the page's
//   language, and how to serve the site; the worked examples and the agencies stay on the page.
(function () {
  var script = document.currentScript;
  var section = script && script.closest("section.policy-calculator");
  if (!section) return;
  var config;
  try {
    config = JSON.parse(section.dataset.calculatorConfig);
  } catch (error) {
    return;
  }
  if (location.protocol === "file:") {
    document.addEventListener("DOMContentLoaded", function () { explainFile(section, config); });
    return;
  }
  var connection = navigator.connection || {};
  var slow = connection.saveData === true || ["slow-2g", "2g", "3g"].indexOf(connection.effectiveType) >= 0;
  var runtime = globalThis.__policyRuntime;
  if (slow || (runtime && runtime.state !== "idle") || typeof WebAssembly !== "object") return;
  var manifest = config.runtime_manifest;
  if (!manifest) return;
  Object.keys(manifest.files).forEach(function (name) {
    var href = new URL(config.pyodide + name + "?v=" + manifest.files[name].v, location.href).href;
    if (document.querySelector('link[rel="preload"][href="' + href + '"]')) return;
    var link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = href;
    document.head.append(link);
  });

  function explainFile(section, config) {
    if (section.querySelector("[data-result-for]")) return;
    var strings = config.strings;
    var result = document.createElement("div");
    result.className = "policy-calc__result";
    result.dataset.resultFor = config.calculator.id;
    result.dataset.state = "error";
    result.dataset.error = "load";
    result.dataset.loadFailure = "file";
    var status = document.createElement("p");
    status.className = "policy-calc__status";
    status.setAttribute("role", "status");
    status.textContent = strings.runtime_failed_file;
    result.append(status);
    if (config.agencies.length) {
      var ask = document.createElement("p");
      ask.className = "policy-calc__ask";
      ask.append(strings.runtime_ask_agency);
      config.agencies.forEach(function (agency, index) {
        if (index) ask.append(config.lang === "zh" ? "、" : ", ");
        var link = document.createElement("a");
        link.href = agency.url + "index.html";
        link.textContent = agency.name;
        ask.append(link);
      });
      result.append(ask);
    }
    var noscript = section.querySelector("noscript");
    if (noscript) noscript.remove();
    section.append(result);
  }
})();
