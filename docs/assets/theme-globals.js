// Material for MkDocs' page-scoped storage helpers, loaded from a file instead of the theme's
// inline <script> so that the site runs under a strict Content-Security-Policy (no inline
// scripts). Same behaviour: __md_scope is the site's root (from this script's data-md-scope,
// relative to the page), and __md_get/__md_set keep values in localStorage under that scope.
/* global __md_scope */
(function () {
  const scope = document.currentScript.dataset.mdScope || ".";
  window.__md_scope = new URL(scope, location.href);
  window.__md_hash = (value) => [...value].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0);
  window.__md_get = (key, storage = localStorage, base = __md_scope) =>
    JSON.parse(storage.getItem(base.pathname + "." + key));
  window.__md_set = (key, value, storage = localStorage, base = __md_scope) => {
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // storage full or switched off: Material works without it
    }
  };
})();

// The search index on first use, not on page load. Material requests search/search_index.json
// (an XMLHttpRequest) as every page starts, for its search worker and its search.highlight; with
// a library of many documents the index outweighs the page. Its request is opened as Material
// opens it but sent only when the visitor first uses search: the search box gets focus (a click,
// a tap, Tab, or Material's keys "/", "s", "f", which focus it) or the search toggle changes
// (the magnifier on a small screen). Material waits for the index before it searches and shows
// its "initialising" placeholder meanwhile; what was typed is searched once it is in. A page
// opened from a search result (?h=..., whose words search.highlight marks) sends it at once.
// The index's address is kept in __policySearchIndex: the calculators' runtime hands it to the
// service worker with the page's files, so search works offline without having been used online.
(function () {
  const held = [];
  const indexRequests = new WeakSet();
  let used = new URL(location.href).searchParams.has("h");
  const { open, send } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    const address = new URL(String(url), location.href);
    if (/\/search\/search_index\.json$/.test(address.pathname)) {
      indexRequests.add(this);
      window.__policySearchIndex = address.href;
    }
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (used || !indexRequests.has(this)) return send.apply(this, args);
    held.push(() => send.apply(this, args));
  };
  function firstUse(event) {
    const target = event.target;
    if (!(target instanceof Element) || !target.matches('[data-md-component="search-query"], [data-md-toggle="search"]')) return;
    used = true;
    document.removeEventListener("focusin", firstUse, true);
    document.removeEventListener("change", firstUse, true);
    for (const release of held.splice(0)) release();
  }
  if (!used) {
    document.addEventListener("focusin", firstUse, true);
    document.addEventListener("change", firstUse, true);
  }
})();
