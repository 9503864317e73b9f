// The printed receipt ("print / save as PDF") of a calculator's result and of the finder's answers:
// a section hidden on screen and shown by the print style sheet (print.css, beside this module),
// the button that prints, and the lines every receipt ends with.

import { h } from "./dom.js";

/** The print style sheet, at this release's version, once in the page's <head> (the finder's page
 * also links it from its own markup). */
export function usePrintStyle() {
  if (document.querySelector("link[data-policy-print]")) return;
  document.head.append(h("link", { rel: "stylesheet", media: "print", "data-policy-print": true,
    href: new URL(`print.css${new URL(import.meta.url).search}`, import.meta.url).href }));
}

/**
 * The section print.css shows instead of the page (data-receipt: the calculator's id, or "finder").
 * @param {string} id
 */
export function receiptSection(id) {
  return h("section", { class: "policy-receipt", hidden: true, "data-receipt": id });
}

/**
 * The button that prints the page (and so its receipt).
 * @param {string} label
 */
export function printButton(label) {
  const button = h("button", { type: "button", class: "md-button policy-print-button", text: label });
  button.addEventListener("click", () => window.print());
  return button;
}

/**
 * "Address: <this page's address>" (.policy-receipt__url, which a page may bring up to date before printing).
 * @param {string} label
 * @param {string} colon
 */
export function addressLine(label, colon) {
  return h("p", {}, `${label}${colon}`, h("span", { class: "policy-receipt__url", text: location.href }));
}

/**
 * "An estimate, not a decision": the receipt's last line.
 * @param {string} text
 */
export function estimateLine(text) {
  return h("p", { class: "policy-receipt__estimate", text });
}
