// Small fixes to Material's header, run on every page (and again after each instant navigation).
//
// 1. Names for two header parts that have none (axe: aria-dialog-name, aria-progressbar-name).
// 2. The language menu: Material keeps the header across instant navigation, so its links would
//    still point at the first page's twin. Each page's content carries a link to its twin
//    (.policy-lang-switch); the menu is pointed at it.
const zh = document.documentElement.lang.startsWith("zh");
const names = {
  '[data-md-component="search"][role="dialog"]': zh ? "搜索" : "Search",
  '[data-md-component="progress"][role="progressbar"]': zh ? "正在载入页面" : "Loading the page",
};

function nameHeaderParts() {
  for (const [selector, name] of Object.entries(names)) {
    for (const element of document.querySelectorAll(selector)) {
      if (!element.hasAttribute("aria-label")) element.setAttribute("aria-label", name);
    }
  }
}

function pointLanguageMenuAtThisPage() {
  // One link per other language above the content; the menu's entry of this page's own language
  // (the only one without a link there) points at this page.
  const twins = new Map([...document.querySelectorAll(/** @type {"a"} */ (".policy-lang-switch a[hreflang]"))]
    .map((twin) => [twin.getAttribute("hreflang"), twin.href]));
  if (!twins.size) return;
  for (const link of document.querySelectorAll(/** @type {"a"} */ (".md-select__link[hreflang]"))) {
    link.href = twins.get(link.getAttribute("hreflang")) ?? location.href.split("#")[0];
  }
}

function onEveryPage() {
  nameHeaderParts();
  pointLanguageMenuAtThisPage();
}

if (window.document$) window.document$.subscribe(onEveryPage);
else onEveryPage();

// Material's inline script that opens a content tab named by the URL's #fragment, from a file
// (the site's Content-Security-Policy refuses inline scripts). No page has content tabs today.
function selectTabNamedByHash() {
  const target = /** @type {HTMLInputElement | null} */ (document.getElementById(decodeURIComponent(location.hash.slice(1))));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
}
selectTabNamedByHash();

// Material's search reads the box on key-up only (and on focus, and once its index is ready).
// Text that arrives without a key-up (an input method's commit, a paste from the menu, dictation,
// autofill) left the panel on "type to start searching" with the words in the box (visitor
// review 2, item 1). Each finished input is passed on as a key-up: Material then searches and
// shows the results or its "no results" message. Input inside an unfinished composition (the
// pinyin while an input method is still choosing) waits for the composition's end.
function passOnToSearch(box) {
  if (box instanceof HTMLInputElement && box.matches('[data-md-component="search-query"]')) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
}
document.addEventListener("input", (event) => {
  if (!event.isComposing) passOnToSearch(event.target);
});
document.addEventListener("compositionend", (event) => passOnToSearch(event.target));
