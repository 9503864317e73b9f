// Small DOM helpers shared by the calculator and finder scripts (data text only ever becomes text
// nodes or attribute values, never markup), and the page-language helpers both build with.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") el.textContent = value;
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

export const CHINESE_RUN = /[0-9]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+(?:[0-9]*[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+)*/g;

/** "Civil Code (民法典)" -> a fragment with 民法典 in <span lang="zh-Hans">, so it is read as Chinese. */
export function markChinese(value) {
  const text = String(value);
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(CHINESE_RUN)) {
    if (match.index > last) fragment.append(text.slice(last, match.index));
    fragment.append(h("span", { lang: "zh-Hans", text: match[0] }));
    last = match.index + match[0].length;
  }
  if (last < text.length) fragment.append(text.slice(last));
  return fragment;
}

/** What a calculator form and the finder share about their page's language (this.lang: "zh" | "en"). */
export class Bilingual {
  constructor(lang) {
    this.lang = lang === "en" ? "en" : "zh";
  }

  /** A {zh, en} text in this page's language (the Chinese when the English is missing). */
  tr(value) {
    return value ? value[this.lang] ?? value.zh : "";
  }

  /** Data text for this page: on English pages, Chinese phrases in it are marked lang="zh-Hans". */
  mixed(text) {
    return this.lang === "en" ? markChinese(text) : text;
  }

  colon() {
    return this.lang === "zh" ? "：" : ": ";
  }
}
