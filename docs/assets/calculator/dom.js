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

/** 204560 -> "20.456"; 80000 -> "8": the amount in 万 (10,000 yuan), exact, from the fen. */
function wanText(value) {
  const fen = BigInt(Math.round(Number(value) * 100));
  const whole = fen / 1000000n;
  const rest = (fen % 1000000n).toString().padStart(6, "0").replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : `${whole}`;
}

/** What a calculator form and the finder share about their page's language: `language` is the
 * language's configuration (policy_site/languages.yaml: code, source, amount_style, punctuation). */
export class Bilingual {
  constructor(language) {
    this.language = language;
    this.lang = language.code;
  }

  /** A {zh, en, …} text in this page's language (the Chinese when its translation is missing). */
  tr(value) {
    return value ? value[this.lang] ?? value.zh : "";
  }

  /** Data text for this page: on translated pages, Chinese phrases in it are marked lang="zh-Hans". */
  mixed(text) {
    return this.language.source ? text : markChinese(text);
  }

  colon() {
    return this.language.colon;
  }

  /** "（8万元）" where the language also writes large amounts in 万, else "". */
  wanNote(value) {
    if (this.language.amount_style !== "wan" || Number(value) < 10000) return "";
    return this.language.open_paren + this.language.wan_yuan.replace("{v}", wanText(value)) + this.language.close_paren;
  }
}
