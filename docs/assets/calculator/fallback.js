// A classic script inside each calculator section. A page opened as a file (file://) runs no
// module script at all, so calculator.js never starts: this says why, in the page's language, and
// how to serve the site; the worked examples and the agencies stay on the page.
(function () {
  var script = document.currentScript;
  var section = script && /** @type {HTMLElement | null} */ (script.closest("section.policy-calculator"));
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
  // (A <link rel="preload"> of the runtime here was measured: it saves about 0.03x of a phone's
  // wait, but a host whose responses the HTTP cache does not share sends the wasm twice.)

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
        if (index) ask.append(config.language.list_separator);
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
