// A classic script inside the finder. A page opened as a file (file://) runs no module script at
// all, so finder.js never starts: this says why, in the page's language, and how to serve the site,
// with the same DOM contract ([data-finder-state="error"], data-load-failure="file"). The table of
// whom each measure serves stays below it.
(function () {
  var script = document.currentScript;
  var root = script && /** @type {HTMLElement | null} */ (script.closest(".policy-finder"));
  if (!root || location.protocol !== "file:") return;
  document.addEventListener("DOMContentLoaded", function () {
    if (root.querySelector("[data-finder-state]")) return;
    var config;
    try {
      config = JSON.parse(root.dataset.finderConfig);
    } catch (error) {
      return;
    }
    var results = document.createElement("section");
    results.className = "policy-finder__results policy-finder__fallback";
    results.dataset.finderState = "error";
    results.dataset.loadFailure = "file";
    var status = document.createElement("p");
    status.className = "policy-finder__summary";
    status.setAttribute("role", "status");
    status.textContent = config.strings.finder_failed_file;
    results.append(status);
    var noscript = root.querySelector("noscript");
    if (noscript) noscript.remove();
    root.append(results);
  });
})();
