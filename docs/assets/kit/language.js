// The page's language as the calculator and the finder write it: texts in the language (Chinese when
// a translation is missing), its punctuation, amounts in its style, the build's strings filled in,
// and lists of agencies. The language's configuration comes in each page's config
// (policy_site/data/languages.yaml, Language.browser): the scripts never test a language's code.

import { formatAmount, wanNumber } from "./amount.js";
import { h, markChinese } from "./dom.js";

/**
 * @typedef {object} LanguageConfig  what the build says of the page's language
 * @property {string} code
 * @property {string} html
 * @property {boolean} source        whether it is the source's language (Chinese)
 * @property {"wan" | "plain"} amount_style
 * @property {string} wan_yuan       "{v}万元"
 * @property {string} colon
 * @property {string} list_separator
 * @property {string} semicolon
 * @property {string} comma
 * @property {string} open_paren
 * @property {string} close_paren
 * @property {string} full_stop
 * @property {string} word_space
 * @property {string} field_gap
 * @property {string} open_quote
 * @property {string} close_quote
 */

/** @typedef {{zh: string, en?: string, [lang: string]: string | undefined}} Text  a text in each language */

/** @typedef {{name: string, url: string}} Agency  an agency with the link to its page */

/**
 * A string of the build with its placeholders filled: fill("{n} of {total}", {n: 1, total: 3}).
 * Placeholders without a value stay as they are; values are text, never patterns.
 * @param {string} template
 * @param {Record<string, unknown>} values
 */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** What a calculator form and the finder share about their page's language. */
export class Language {
  /** @param {LanguageConfig} language */
  constructor(language) {
    this.language = language;
    this.lang = language.code;
  }

  /**
   * A {zh, en, …} text in this page's language (the Chinese when its translation is missing).
   * @param {Partial<Text> | null | undefined} value
   * @returns {string}
   */
  tr(value) {
    return value ? value[this.lang] ?? value.zh : "";
  }

  /**
   * Data text for this page: on translated pages, Chinese phrases in it are marked lang="zh-Hans".
   * @param {string} text
   * @returns {string | DocumentFragment}
   */
  mixed(text) {
    return this.language.source ? text : markChinese(text);
  }

  colon() {
    return this.language.colon;
  }

  /**
   * "（8万元）" where the language also writes large amounts in 万, else "" (and "" for a sum with
   * fen, 12552.27: nobody writes 1.255227万元).
   * @param {number | string} value
   */
  wanNote(value) {
    if (this.language.amount_style !== "wan" || Math.abs(Number(value)) < 10000 || !Number.isInteger(Number(value))) return "";
    return this.language.open_paren + this.language.wan_yuan.replace("{v}", wanNumber(value)) + this.language.close_paren;
  }

  /**
   * An amount in yuan as the build's string `template` ("{amount}元" / "{amount} yuan") writes it.
   * @param {number | string} value
   * @param {string | undefined} template
   */
  yuan(value, template) {
    return fill(template ?? "{amount}", { amount: formatAmount(value) });
  }

  /**
   * Links to the agencies, separated as the language separates names ("甲、乙" / "A, B").
   * @param {Agency[]} agencies
   * @returns {(HTMLAnchorElement | string)[]}
   */
  agencyLinks(agencies) {
    return agencies.flatMap((agency, index) => {
      const link = h("a", { href: agency.url }, this.mixed(agency.name));
      return index ? [this.language.list_separator, link] : [link];
    });
  }
}
