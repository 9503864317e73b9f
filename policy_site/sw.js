// The site's service worker (written to the site root as sw.js by policy_site/pyodide_runtime.py,
// which fills in CONFIG; registered by docs/assets/calculator/runtime.js once a calculator is ready).
//
// - Versioned by the build: its cache is "policy-site-<version>"; on activate it fetches again the
//   pages the older versions' caches kept, then deletes those caches, and only caches whose names
//   start with "policy-site-" (never another cache of this origin).
// - The runtime (pyodide/...?v=<sha256>) and the scripts (assets/...?v=<version>) have
//   content-addressed URLs: served from the cache first, so a second visit downloads none of them.
//   The calculator's worker puts the runtime it has checked into the cache itself (never this
//   worker: a new release installs on any page, maybe on Save-Data); on install this copies the
//   scripts of the list from the HTTP cache the first visit filled.
// - Everything else (pages, the search index, the theme) goes to the network first and falls back
//   to the cache, so a visitor always gets the newest release online and every page opened before
//   offline.
const CONFIG = __SW_CONFIG__;
const PREFIX = "policy-site-";
const CACHE = PREFIX + CONFIG.version;
const SCOPE = new URL("./", self.location.href).href;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const path of CONFIG.precache) {
      const request = new Request(new URL(path, SCOPE).href, { cache: "force-cache" });
      if (await cache.match(request.url)) continue;
      try {
        const response = await fetch(request);
        if (response.ok) await cache.put(request.url, response);
      } catch (error) {
        // Offline while installing: the file is cached when it is next fetched.
      }
    }
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await retire(name);
    }
    await self.clients.claim();
  })());
});

/** An older release's cache: the pages it kept (some kept while this release was installing) are
 * kept again, as this release serves them, then the old cache is deleted. */
async function retire(name) {
  const cache = await caches.open(CACHE);
  const old = await caches.open(name);
  for (const request of await old.keys()) {
    const url = new URL(request.url);
    if (contentAddressed(url) || (await cache.match(url.href))) continue;
    try {
      const response = await fetch(url.href, { cache: "no-cache", credentials: "same-origin" });
      if (response.ok && response.type === "basic") await cache.put(url.href, response);
    } catch (error) {
      // offline: kept when next opened
    }
  }
  await caches.delete(name);
}

// From runtime.js once a calculator is ready: the page itself and what it loaded (the theme, the
// search index...), copied from the HTTP cache, so that the pages a visitor opened work offline.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep") return;
  event.waitUntil((async () => {
    const cache = await ourCache();
    if (!cache) return;
    for (const href of event.data.urls) {
      const url = new URL(href);
      url.hash = "";
      const page = url.pathname.endsWith("/") || url.pathname.endsWith(".html");
      if (page) url.search = "";
      if (!url.href.startsWith(SCOPE) || (await cache.match(url.href))) continue;
      try {
        const response = await fetch(new Request(url.href, { cache: "force-cache" }));
        if (!response.ok) continue;
        if (url.pathname.endsWith("/search/search_index.json")) await keepSearch(cache, url, response.clone());
        await cache.put(url.href, response);
      } catch (error) {
        // offline: kept when next fetched
      }
    }
  })());
});

// Material's search worker loads lunr's language support by importScripts, out of the page's sight:
// keep the files its index's languages need, so that search starts offline too.
async function keepSearch(cache, indexURL, response) {
  const langs = (await response.json())?.config?.lang ?? [];
  const names = ["min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js", "tinyseg.js",
    ...langs.map((lang) => `min/lunr.${lang}.min.js`)];
  for (const name of names) {
    const href = new URL(`../assets/javascripts/lunr/${name}`, indexURL).href;
    if (await cache.match(href)) continue;
    const file = await fetch(new Request(href, { cache: "force-cache" }));
    if (file.ok) await cache.put(href, file);
  }
}

// ?v=<hash> (the runtime, our scripts) or a hash in the name (the theme's main.57a0d79d.min.css):
// such a URL never changes its bytes.
function contentAddressed(url) {
  return url.searchParams.has("v") || /\.[0-9a-f]{8}\.min\.(js|css)$/.test(url.pathname);
}

/** Our cache, or null once a newer release has deleted it (never bring an old cache back). */
async function ourCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

async function cacheFirst(request) {
  const hit = await caches.match(request.url, { cacheName: CACHE });
  if (hit) return hit;
  const response = await fetch(request);
  const cache = await ourCache();
  if (response.ok && cache) await cache.put(request.url, response.clone());
  return response;
}

async function networkFirst(request, key) {
  let response = null;
  try {
    // Revalidated with the host (a 304 costs a few bytes): a page may not come from the HTTP
    // cache's guesswork, or a new release would meet an old page.
    response = await fetch(request.mode === "navigate" ? request.url : request,
      request.mode === "navigate" ? { cache: "no-cache", credentials: "same-origin" } : { cache: "no-cache" });
  } catch (error) {
    response = null; // offline, or the host is down
  }
  if (response?.ok) {
    const cache = await ourCache();
    if (response.type === "basic" && cache) await cache.put(key, response.clone());
    return response;
  }
  return (await caches.match(key, { cacheName: CACHE })) ?? response ?? Response.error();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!url.href.startsWith(SCOPE)) return;
  if (contentAddressed(url)) {
    event.respondWith(cacheFirst(request));
  } else {
    // Pages are kept without their query (a calculator link carries the visitor's inputs).
    const key = request.mode === "navigate" ? url.origin + url.pathname : request.url;
    event.respondWith(networkFirst(request, key));
  }
});
