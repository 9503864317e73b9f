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
