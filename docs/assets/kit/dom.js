// DOM helpers shared by the calculator and finder scripts: data text only ever becomes text nodes
// or attribute values, never markup; and the one way a page script finds its parts on every page.

/**
 * An element with attributes ({text} sets its text) and children; null, undefined and false are skipped.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...any} children  nodes, text, arrays of them; null, undefined and false are left out
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") el.textContent = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

/**
 * The nodes that are there (not null, undefined or false).
 * @param {...(Node | null | undefined | false)} nodes
 * @returns {Node[]}
 */
export function present(...nodes) {
  return /** @type {Node[]} */ (nodes.filter((node) => node !== null && node !== undefined && node !== false));
}

export const CHINESE_RUN = /[0-9]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+(?:[0-9]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+)*/g;

/**
 * "Civil Code (民法典)" -> a fragment with 民法典 in <span lang="zh-Hans">, so it is read as Chinese.
 * @param {unknown} value
 */
export function markChinese(value) {
  const text = String(value);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(CHINESE_RUN)) {
    const index = match.index ?? 0;
    if (index > last) fragment.append(text.slice(last, index));
    fragment.append(h("span", { lang: "zh-Hans", text: match[0] }));
    last = index + match[0].length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}

/**
 * Call `mount(element)` for every element matching `selector`, on this page and on every page
 * Material's instant navigation brings (its document$), each element once. Once per window and
 * kind: a second copy of the calling module (the other language's, or a new release's reached by
 * instant navigation) finds the first one's registry and mounts with the first one's `mount`.
 * A mount that throws is logged; the page keeps what it shows without the script.
 * @param {string} kind        "calculator" | "finder": the registry's key, and the log's prefix
 * @param {string} selector
 * @param {(element: HTMLElement) => void} mount
 */
export function mountEvery(kind, selector, mount) {
  const registry = (globalThis.__policyPages ??= {});
  const entry = (registry[kind] ??= { seen: new WeakSet(), mount, subscribed: false });
  const scan = () => {
    for (const element of document.querySelectorAll(selector)) {
      if (entry.seen.has(element)) continue;
      entry.seen.add(element);
      try {
        entry.mount(/** @type {HTMLElement} */ (element));
      } catch (error) {
        console.error(`${kind}:`, error);
      }
    }
  };
  scan();
  if (!entry.subscribed && typeof window.document$?.subscribe === "function") {
    entry.subscribed = true;
    window.document$.subscribe(scan);
  }
}
