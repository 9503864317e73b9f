// The site's service worker (written to the site root as sw.js by policy_site/build/pyodide_runtime.py,
// which fills in CONFIG; registered by docs/assets/runtime/runtime.js once a calculator is ready).
//
// - Versioned by the build: its cache is "policy-site-<version>" (the runtime's and our scripts'
//   version). On activate it moves from older releases' caches what this release still uses (the
//   runtime files whose address is unchanged, the pages, which are checked again when the site's
//   list is next read), then deletes those caches, and only caches whose names start with
//   "policy-site-" (never another cache of this origin).
// - The runtime (pyodide/...?v=<sha256>) and the scripts (assets/...?v=<hash of their contents>)
//   have content-addressed URLs: served from the cache first, so a second visit downloads none of
//   them. The calculator's worker puts the runtime it has checked into the cache itself (never this
//   worker: a new release installs on any page, maybe on Save-Data).
// - Everything else (pages, the search index, the theme) goes to the network first; the cache is
//   used only when the network fails (offline, host down). A 404 or 410 is shown, and the kept copy
//   dropped: a page a release removed is never served from the device.
// - Offline means the whole tool: once a page says the runtime is kept (and the visitor does not
//   save data), this worker keeps in the background the pages of the site's list (offline.json,
//   written by the build: home, finder, every calculator and clause page, and what they load) in
//   the visitor's language. The list's "release" hash changes whenever a listed file changes: the
//   kept pages are then fetched again (a page the host no longer has is dropped). Offline, a page
//   that is not kept shows offline.html in the page's language, which lists the kept pages.
const CONFIG = __SW_CONFIG__;
const PREFIX = "policy-site-";
const CACHE = PREFIX + CONFIG.version;
const SCOPE = new URL("./", self.location.href).href;
const LIST = new URL("offline.json", SCOPE).href;
// Cache entries of our own (never a URL the site serves): which languages are kept, and at which release.
const KEPT = (lang) => new URL(`__policy-offline/${lang}`, SCOPE).href;
const OWN = new URL("__policy-offline/", SCOPE).href;

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
    // The offline pages (a few KB): whatever happens later, offline shows something in the site's language.
    const list = await readList();
    for (const entry of Object.values(list?.langs ?? {})) await keepOne(cache, entry.offline);
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

/** An older release's cache: what this release still serves is moved into ours (the runtime files
 * whose address is the same, so the same bytes; the pages, and the marks of the languages kept, so
 * that the kept pages are checked again and kept anew with this release's list), then it goes. */
async function retire(name) {
  const cache = await caches.open(CACHE);
  const old = await caches.open(name);
  for (const request of await old.keys()) {
    const url = new URL(request.url);
    if (await cache.match(url.href)) continue;
    if (contentAddressed(url) && !CONFIG.runtime.includes(url.href.slice(SCOPE.length))) continue;
    const response = await old.match(request);
    if (response) await cache.put(url.href, response);
  }
  await caches.delete(name);
}

// --- what the site lists for offline use -----------------------------------------------------------

/** offline.json, fresh from the host (a 304 costs a few bytes), or null offline. */
async function readList() {
  try {
    const response = await fetch(LIST, { cache: "no-cache", credentials: "same-origin" });
    return response.ok ? await response.json() : null;
  } catch (error) {
    return null;
  }
}

function saveData() {
  return self.navigator?.connection?.saveData === true;
}

/** Fetch one site-relative path into the cache: a content-addressed one only if not there yet;
 * anything else revalidated. A 404 or 410 drops the kept copy. */
async function keepOne(cache, path) {
  const url = new URL(path, SCOPE);
  if (!url.href.startsWith(SCOPE)) return;
  const fixed = contentAddressed(url);
  if (fixed && (await cache.match(url.href))) return;
  try {
    const response = await fetch(url.href, { cache: fixed ? "force-cache" : "no-cache", credentials: "same-origin" });
    if (response.ok && response.type === "basic") {
      if (url.pathname.endsWith("/search/search_index.json")) await keepSearch(cache, url, response.clone());
      await cache.put(url.href, response);
    } else if (gone(response)) {
      await cache.delete(url.href);
    }
  } catch (error) {
    // offline, or the host is down: kept when next fetched
  }
}

const gone = (response) => response.status === 404 || response.status === 410;

let refreshing = null;
let lastChecked = 0;
const CHECK_EVERY_MS = 60_000; // a page opened online reads the list at most once a minute

/** Keep the listed pages of `langs` (and of the languages kept before), unless saving data. When
 * the list's release is not the one they were kept at, every page in the cache is fetched again
 * first (a page the host no longer has is dropped). One run at a time. */
function refresh(langs = []) {
  if (!langs.length && Date.now() - lastChecked < CHECK_EVERY_MS) return Promise.resolve();
  refreshing ??= (async () => {
    try {
      const cache = await ourCache();
      if (!cache) return;
      const wanted = new Set(langs);
      for (const request of await cache.keys()) {
        if (request.url.startsWith(OWN)) wanted.add(request.url.slice(OWN.length));
      }
      if (!wanted.size || saveData()) return; // nothing kept yet: nothing to read
      lastChecked = Date.now();
      const list = await readList();
      if (!list) return;
      for (const lang of wanted) if (!list.langs[lang]) wanted.delete(lang);
      const stale = [];
      for (const lang of wanted) {
        const mark = await cache.match(KEPT(lang));
        if (!mark || (await mark.text()) !== list.release) stale.push(lang);
      }
      if (!stale.length) return;
      const listed = new Set(stale.flatMap((lang) => [...list.langs[lang].pages, ...list.langs[lang].assets,
                                                      list.langs[lang].offline]));
      // Pages kept before (opened, or of an earlier list) are checked again.
      for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (request.url.startsWith(OWN) || contentAddressed(url)) continue;
        const path = url.href.slice(SCOPE.length);
        if (!listed.has(path)) await keepOne(cache, path);
      }
      for (const path of listed) await keepOne(cache, path);
      for (const lang of stale) await cache.put(KEPT(lang), new Response(list.release));
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// From runtime.js once a calculator's runtime is kept: the page itself and what it loaded (the theme,
// the search index...), copied from the HTTP cache, so that the pages a visitor opened work offline;
// then, unless the visitor saves data, the site's list of pages in the visitor's language.
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
    if (event.data.saveData !== true) await refresh(event.data.lang ? [event.data.lang] : []);
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

/** The page offline.html of the language of `url` (the English site is under en/), shown at `url`:
 * its links are relative to its own place, given as its <base>. */
async function offlinePage(url) {
  const lang = url.href.startsWith(new URL("en/", SCOPE).href) ? "en/" : "";
  const href = new URL(`${lang}offline.html`, SCOPE).href;
  const kept = await caches.match(href, { cacheName: CACHE });
  if (!kept) return null;
  const text = (await kept.text()).replace('<base href="./">', `<base href="${new URL("./", href).href}">`);
  return new Response(text, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function networkFirst(request, key, url) {
  const navigate = request.mode === "navigate";
  let response = null;
  try {
    // Revalidated with the host (a 304 costs a few bytes): a page may not come from the HTTP
    // cache's guesswork, or a new release would meet an old page.
    response = await fetch(navigate ? request.url : request,
      navigate ? { cache: "no-cache", credentials: "same-origin" } : { cache: "no-cache" });
  } catch (error) {
    response = null; // offline, or the host is down
  }
  if (response) {
    const cache = await ourCache();
    if (response.ok && response.type === "basic" && cache) await cache.put(key, response.clone());
    else if (gone(response) && cache) await cache.delete(key); // removed by a release: never served again
    return response;
  }
  const kept = await caches.match(key, { cacheName: CACHE });
  if (kept) return kept;
  return (navigate && (await offlinePage(url))) || Response.error();
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
    event.respondWith(networkFirst(request, key, url));
    // A page opened online: if the site's list has changed since the pages were kept, keep them anew.
    if (request.mode === "navigate") event.waitUntil(refresh().catch(() => {}));
  }
});
