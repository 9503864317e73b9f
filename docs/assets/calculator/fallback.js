// A classic script beside calculator.js (a module). Browsers run no module script from a page
// opened as a file (file://), so there calculator.js never starts: this says why, in the page's
// language, and how to serve the site; the worked examples and the agencies stay on the page.
(function () {
  if (location.protocol !== "file:") return;
  for (const section of document.querySelectorAll("section.policy-calculator")) {
    if (section.querySelector("[data-result-for]")) continue;
    let config;
    try {
      config = JSON.parse(section.dataset.calculatorConfig);
    } catch (error) {
      continue;
    }
    const strings = config.strings;
    const result = document.createElement("div");
    result.className = "policy-calc__result";
    result.dataset.resultFor = config.calculator.id;
    result.dataset.state = "error";
    result.dataset.error = "load";
    result.dataset.loadFailure = "file";
    const status = document.createElement("p");
    status.className = "policy-calc__status";
    status.setAttribute("role", "status");
    status.textContent = strings.runtime_failed_file;
    result.append(status);
    if (config.agencies.length) {
      const ask = document.createElement("p");
      ask.className = "policy-calc__ask";
      ask.append(strings.runtime_ask_agency);
      config.agencies.forEach(function (agency, index) {
        if (index) ask.append(config.lang === "zh" ? "、" : ", ");
        const link = document.createElement("a");
        link.href = agency.url + "index.html";
        link.textContent = agency.name;
        ask.append(link);
      });
      result.append(ask);
    }
    const noscript = section.querySelector("noscript");
    if (noscript) noscript.remove();
    section.append(result);
  }
})();
