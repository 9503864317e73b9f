// Calculator pages: build each form from the metadata embedded in the page, run the calculator
// in Python (Pyodide, in one module worker: worker.js) and show the result.
//
// DOM contract (tests and embedding rely on it):
//   <form data-calculator="<id>" novalidate>, inputs named after the contract's fields,
//   one button[type=submit];
//   [data-result-for="<id>"] with data-state = "loading" (Python is loading) | "ready" |
//   "busy" (from a submit until the answer) | "done" (+ data-eligible, data-total-yuan) |
//   "error" (+ data-error = "input" | "load"; for "load", data-load-failure = runtime.js's reason:
//   network | stalled | integrity | nowasm | start | file), and "idle" while a visitor on a slow
//   link or with Save-Data has not pressed the download button yet.
//
// Material's instant navigation swaps the page content without reloading: the runtime lives on
// globalThis (runtime.js), so the worker survives navigation, and every new page is scanned for
// calculators (mountEvery).
//
// The modules it imports come at this script's version (the build writes ?v= into the import
// specifiers, and the pages list them as modulepreload links, so they arrive with this script).

import { formatAmount, readNumber } from "../kit/amount.js";
import { h, mountEvery, present } from "../kit/dom.js";
import { fill, Language } from "../kit/language.js";
import { addressLine, estimateLine, printButton, receiptSection, usePrintStyle } from "../kit/receipt.js";
import { describeFailure, downloadBytes, sharedRuntime, sizedStrings, slowLink, startRuntime } from "../runtime/runtime.js";

/** @param {number} bytes */
function megabytes(bytes) {
  return (bytes / 1_000_000).toFixed(1);
}

// --- one calculator on one page -----------------------------------------------------------------

class CalculatorForm extends Language {
  /**
   * @param {import("../runtime/runtime.js").Runtime} runtime
   * @param {HTMLElement} section
   * @param {any} config  what the build wrote (policy_site/site/calculator_page.py, page_config)
   */
  constructor(runtime, section, config) {
    super(config.language);
    this.runtime = runtime;
    this.section = section;
    this.config = config;
    this.calc = config.calculator;
    this.id = this.calc.id;
    this.s = sizedStrings(config.strings, config, runtime); // the download size true for this host
    this.prefix = `calc-${this.id}`;
    this.latest = 0;
    this.pendingSubmit = false;
    this.fields = new Map(this.calc.fields.map((field) => [field.name, field]));
    // The first calculator page starts Python right away, before building its form, unless the
    // visitor asked to save data: every millisecond counts towards the calculator being ready.
    runtime.forPage?.(config.runtime_version); // a runtime of another release never computes here
    if (runtime.state === "idle" && !slowLink()) this.start();
    this.build();
    const fromQuery = this.readQuery();
    this.updateVisibility();
    this.showReadBack();
    this.onRuntime = (state) => this.runtimeChanged(state);
    runtime.listeners.add(this.onRuntime);
    // A link that fills in only some of the required fields (the finder's, with what its answers
    // give) prefills them silently: no "please fill in" for fields the visitor has not touched yet.
    const complete = this.calc.fields.every((f) => !f.required || f.type === "bool" || !this.shown(f) || this.rawValue(f) !== "");
    if (fromQuery) this.carryQueryToTwin(location.search);
    if (fromQuery && complete) {
      // A shared link: compute its result and bring it into view (focus moves to the answer).
      this.pendingSubmit = true;
      this.focusOnAnswer = true;
    }
    this.runtimeChanged(runtime.state);
  }

  start() {
    startRuntime(this.runtime, this.config);
  }

  fieldId(name) {
    return `${this.prefix}-${name}`;
  }

  // --- building the form --------------------------------------------------------------------

  build() {
    this.form = h("form", { "data-calculator": this.id, novalidate: true, class: "policy-calc__form" });
    for (const field of this.calc.fields) this.form.append(this.buildField(field));
    for (const field of this.calc.fields) this.setValue(field, this.defaultValue(field));
    this.submitButton = h("button", { type: "submit", class: "md-button md-button--primary policy-calc__submit", text: this.s.calc_submit });
    this.form.append(h("div", { class: "policy-calc__actions" }, this.submitButton));
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submit();
    });
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());

    this.status = h("p", { class: "policy-calc__status", role: "status", "aria-live": "polite" });
    this.note = h("p", { class: "policy-calc__note", hidden: true });
    this.loader = h("div", { class: "policy-calc__loader", hidden: true });
    this.output = h("div", { class: "policy-calc__output", hidden: true });
    this.result = h("div", { class: "policy-calc__result", "data-result-for": this.id },
      this.status, this.note, this.loader, this.output);
    const noscript = this.section.querySelector("noscript");
    if (noscript) noscript.remove();
    this.section.append(this.form, this.result);
  }

  describedBy(field, extra = []) {
    const ids = [];
    if (field.help) ids.push(`${this.fieldId(field.name)}-help`);
    if (field.type === "int" || field.type === "number") ids.push(`${this.fieldId(field.name)}-read`);
    if (this.config.parameter_defaults?.[field.name]) ids.push(`${this.fieldId(field.name)}-source`);
    ids.push(`${this.fieldId(field.name)}-error`, ...extra);
    return ids.join(" ");
  }

  buildField(field) {
    const id = this.fieldId(field.name);
    const label = this.mixed(this.tr(field.label));
    const optional = field.required ? null : h("span", { class: "policy-calc__optional", text: " " + this.s.calc_optional });
    const help = field.help ? h("p", { id: `${id}-help`, class: "policy-calc__help" }, this.mixed(this.tr(field.help))) : null;
    const param = this.config.parameter_defaults?.[field.name];
    const source = param ? h("p", { id: `${id}-source`, class: "policy-calc__source" }, this.mixed(param.text)) : null;
    const error = h("p", { id: `${id}-error`, class: "policy-calc__error", hidden: true });
    const wrapper = h("div", { class: `policy-calc__field policy-calc__field--${field.type}`, "data-field": field.name });

    if (field.type === "choice" && field.choices.length <= 4) {
      const fieldset = h("fieldset", { id, role: "radiogroup", "aria-describedby": this.describedBy(field) },
        h("legend", {}, label, optional));
      fieldset.append(...present(help, source));
      const options = h("div", { class: "policy-calc__choices" });
      for (const choice of field.choices) {
        options.append(h("label", { class: "policy-calc__choice" },
          h("input", { type: "radio", name: field.name, value: choice.value }),
          h("span", {}, this.mixed(choice[this.lang] ?? choice.zh))));
      }
      fieldset.append(options, error);
      wrapper.append(fieldset);
    } else if (field.type === "choice") {
      const select = h("select", { id, name: field.name, "aria-describedby": this.describedBy(field) },
        h("option", { value: "", text: this.s.calc_choose }),
        field.choices.map((choice) => h("option", { value: choice.value, text: choice[this.lang] ?? choice.zh })));
      wrapper.append(...present(h("label", { for: id }, label, optional), help, source, select, error));
    } else if (field.type === "bool") {
      const box = h("input", { type: "checkbox", id, name: field.name, value: "true", "aria-describedby": this.describedBy(field) });
      wrapper.append(...present(h("div", { class: "policy-calc__check" }, box, h("label", { for: id }, label)), help, source, error));
    } else {
      // A text input (not type=number, which silently drops "万"): amount.js reads what was typed
      // exactly or refuses it, and the value used is shown back under the field.
      const input = h("input", {
        type: "text", id, name: field.name, autocomplete: "off", spellcheck: "false",
        inputmode: field.type === "int" ? "numeric" : "decimal",
        "aria-describedby": this.describedBy(field),
      });
      const unit = field.unit ? h("span", { class: "policy-calc__unit", text: this.tr(field.unit) }) : null;
      const read = h("p", { id: `${id}-read`, class: "policy-calc__read", hidden: true });
      wrapper.append(...present(h("label", { for: id }, label, optional), help, source,
        h("div", { class: "policy-calc__control" }, input, unit), read, error));
    }
    return wrapper;
  }

  defaultValue(field) {
    const param = this.config.parameter_defaults?.[field.name];
    if (param) return param.value;
    return field.default;
  }

  /** The form's controls of a field (its radio buttons, or its one input or select).
   * @param {string} name
   * @returns {HTMLInputElement[]} */
  controls(name) {
    return [...this.form.querySelectorAll(`[name="${CSS.escape(name)}"]`)].map((control) => /** @type {HTMLInputElement} */ (control));
  }

  setValue(field, value) {
    const controls = this.controls(field.name);
    if (field.type === "choice") {
      for (const control of controls) {
        if (control.type === "radio") control.checked = value !== null && value !== undefined && control.value === String(value);
        else control.value = value ?? "";
      }
    } else if (field.type === "bool") {
      controls[0].checked = value === true || value === "true";
    } else {
      controls[0].value = value === null || value === undefined ? "" : String(value);
    }
  }

  // --- what the form says -------------------------------------------------------------------

  rawValue(field) {
    const controls = this.controls(field.name);
    if (field.type === "choice") {
      const picked = controls.find((c) => (c.type === "radio" ? c.checked : true));
      return picked ? picked.value : "";
    }
    if (field.type === "bool") return controls[0].checked;
    return controls[0].value.trim();
  }

  shown(field) {
    const rule = field.applies_when;
    if (!rule) return true;
    const parent = this.fields.get(rule.field);
    if (!parent || !this.shown(parent)) return false;
    return rule.values.map(String).includes(String(this.rawValue(parent)));
  }

  updateVisibility() {
    for (const field of this.calc.fields) {
      const wrapper = /** @type {HTMLElement} */ (this.form.querySelector(`[data-field="${CSS.escape(field.name)}"]`));
      const shown = this.shown(field);
      wrapper.hidden = !shown;
      for (const control of this.controls(field.name)) control.disabled = !shown;
    }
  }

  numberKind(field) {
    if (field.type === "int") return "int";
    return field.unit && String(field.unit.zh).startsWith("元") ? "money" : "number";
  }

  /** What amount.js makes of a number field: {ok, value, text} or {ok: false, problem}. */
  readField(field) {
    return readNumber(this.rawValue(field), this.numberKind(field), field.unit);
  }

  numberError(field, raw, problem) {
    const kind = this.numberKind(field);
    const key = problem === "grouping" ? "calc_bad_grouping" : problem === "decimals" ? "calc_bad_decimals"
      : problem === "whole" ? "calc_bad_whole" : kind === "money" ? "calc_bad_money" : kind === "int" ? "calc_bad_int" : "calc_bad_number";
    const typed = raw.length > 40 ? raw.slice(0, 40) + "…" : raw;
    const label = this.tr(field.label);
    const text = `${this.language.open_quote}${label}${this.language.close_quote}${this.colon()}` + fill(this.s[key], { typed });
    return { field: field.name, zh: text, en: text };
  }

  /** Under each number field: the value the form will use ("按 18,000 元计算"). */
  showReadBack() {
    for (const field of this.calc.fields) {
      if (field.type !== "int" && field.type !== "number") continue;
      const read = document.getElementById(`${this.fieldId(field.name)}-read`);
      const raw = this.rawValue(field);
      const answer = this.readField(field);
      const kind = this.numberKind(field);
      if (!this.shown(field) || !answer.ok || answer.value === null || (kind !== "money" && raw === answer.text)) {
        read.hidden = true;
        read.textContent = "";
        continue;
      }
      const shown = kind === "int" && !field.unit ? answer.text /* a year: never grouped */ : formatAmount(answer.value, kind !== "money");
      read.textContent = kind === "money"
        ? fill(this.s.calc_read_money, { amount: shown })
        : fill(this.s.calc_read_number, { amount: shown, unit: field.unit ? this.tr(field.unit) : "" });
      read.hidden = false;
    }
  }

  /** {inputs, query, problems}: only shown and filled fields; numbers read exactly by amount.js
   * (what it cannot read is a problem, shown without asking Python), the rest judged by Python. */
  collect() {
    const inputs = {};
    const query = new URLSearchParams();
    const problems = [];
    for (const field of this.calc.fields) {
      if (!this.shown(field)) continue;
      const raw = this.rawValue(field);
      if (field.type === "bool") {
        inputs[field.name] = raw;
        query.set(field.name, raw ? "true" : "false");
        continue;
      }
      if (raw === "") continue;
      if (field.type === "choice") {
        inputs[field.name] = raw;
      } else {
        const answer = this.readField(field);
        if (!answer.ok) problems.push(this.numberError(field, raw, answer.problem));
        else if (answer.value !== null) inputs[field.name] = answer.value;
      }
      query.set(field.name, String(raw));
    }
    return { inputs, query, problems };
  }

  readQuery() {
    const params = new URLSearchParams(location.search);
    const known = this.calc.fields.filter((field) => params.has(field.name));
    if (!known.length) return false;
    // The link says exactly what was entered: start from a blank form, not from the defaults.
    for (const field of this.calc.fields) {
      const value = params.has(field.name) ? params.get(field.name) : field.type === "bool" ? false : null;
      this.setValue(field, value);
    }
    return true;
  }

  writeQuery(query) {
    const url = new URL(location.href);
    for (const field of this.calc.fields) url.searchParams.delete(field.name);
    for (const [name, value] of query) url.searchParams.set(name, value);
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
    this.carryQueryToTwin(url.search);
  }

  /** The links to this page in the other language carry the inputs, so switching language keeps
   * them (and the result, which the twin page computes again from them). */
  carryQueryToTwin(search) {
    for (const link of document.querySelectorAll(/** @type {"a"} */ (".policy-lang-switch a[hreflang], .md-select__link[hreflang]"))) {
      const target = new URL(link.href, location.href);
      if (target.pathname === location.pathname) continue; // the menu's entry for this very page
      target.search = search;
      link.href = target.href;
    }
  }

  changed() {
    this.updateVisibility();
    this.showReadBack();
    this.writeQuery(this.collect().query);
  }

  // --- the runtime --------------------------------------------------------------------------

  setState(state, extra = {}) {
    this.result.dataset.state = state;
    for (const key of ["eligible", "totalYuan", "error", "loadFailure"]) delete this.result.dataset[key];
    Object.assign(this.result.dataset, extra);
  }

  runtimeChanged(state) {
    if (!this.section.isConnected) {
      this.runtime.listeners.delete(this.onRuntime);
      return;
    }
    const busyOrAnswered = ["busy", "done", "error"].includes(this.result.dataset.state) && this.result.dataset.error !== "load";
    if (state === "idle") {
      this.setState("idle");
      this.showLoader();
    } else if (state === "loading") {
      if (this.result.dataset.state !== "loading") {
        this.setState("loading");
        this.status.textContent = this.s.calc_loading;
        this.note.textContent = this.s.calc_loading_note;
        this.note.hidden = false;
        this.announced = 0;
      }
      this.showProgress(this.runtime.progress);
    } else if (state === "ready") {
      this.note.hidden = true;
      this.loader.hidden = true;
      if (!busyOrAnswered) {
        this.setState("ready");
        this.status.textContent = this.s.calc_ready;
      }
      if (this.pendingSubmit) {
        this.pendingSubmit = false;
        this.submit({ moveFocus: this.focusOnAnswer ?? false });
      }
    } else if (state === "failed") {
      this.showFailure();
    }
  }

  /** Bytes so far on a bar and in words; the live status speaks only at each quarter and at the start of Python. */
  showProgress(progress) {
    if (!progress) return;
    const size = downloadBytes(this.runtime, this.config);
    if (!this.progressBar) {
      this.progressBar = h("progress", { class: "policy-calc__progress", max: 1000, value: 0, "aria-hidden": "true" });
      this.progressText = h("p", { class: "policy-calc__progress-text" });
      this.loader.replaceChildren(this.progressBar, this.progressText);
    }
    this.loader.hidden = false;
    if (progress.stage === "start") {
      this.progressBar.value = 1000;
      this.progressText.textContent = this.s.runtime_starting;
      if (this.announced !== "start") this.status.textContent = this.s.runtime_starting;
      this.announced = "start";
      return;
    }
    const fraction = progress.total ? Math.min(1, progress.loaded / progress.total) : 0;
    this.progressBar.value = Math.round(fraction * 1000);
    this.progressText.textContent = fill(this.s.runtime_progress, { loaded: megabytes(fraction * size), total: megabytes(size) });
    const quarter = Math.floor(fraction * 4) * 25;
    if (typeof this.announced === "number" && quarter > this.announced && quarter < 100) {
      this.announced = quarter;
      // a Calculate pressed while loading stays acknowledged above the progress
      const pending = this.pendingSubmit && this.s.runtime_pending_submit ? this.s.runtime_pending_submit + this.language.word_space : "";
      this.status.textContent = pending + fill(this.s.runtime_progress_done, { percent: quarter });
    }
  }

  /** Why the calculator cannot run, what to do, and whom to ask; the form and the worked examples stay. */
  showFailure() {
    const runtime = this.runtime;
    const failure = describeFailure(runtime);
    this.note.hidden = true;
    this.progressBar = null;
    this.setState("error", { error: "load", loadFailure: failure.reason });
    this.status.textContent = this.s[failure.key] + (failure.help ? " " + this.s.runtime_failed_help : "");
    const parts = [];
    if (this.config.agencies.length) {
      parts.push(h("p", { class: "policy-calc__ask" }, this.s.runtime_ask_agency, ...this.agencyLinks(this.config.agencies)));
    }
    if (failure.action) {
      const retry = h("button", { type: "button", class: "md-button policy-calc__retry",
                                  text: failure.action === "reload" ? this.s.runtime_reload : this.s.runtime_retry });
      retry.addEventListener("click", () => runtime.retry());
      parts.push(retry);
    }
    this.loader.replaceChildren(...parts);
    this.loader.hidden = parts.length === 0;
  }

  showLoader() {
    this.status.textContent = this.s.runtime_slow_link;
    this.loader.replaceChildren(h("button", { type: "button", class: "md-button policy-calc__load", text: this.s.runtime_download_button }));
    this.loader.firstChild.addEventListener("click", () => this.start());
    this.loader.hidden = false;
  }

  // --- computing ----------------------------------------------------------------------------

  async submit({ moveFocus = true } = {}) {
    const { inputs, query, problems } = this.collect();
    this.writeQuery(query);
    this.showReadBack();
    if (problems.length) {
      this.latest++;
      this.showErrors(problems, moveFocus);
      return;
    }
    const runtime = this.runtime;
    if (runtime.state !== "ready") {
      this.focusOnAnswer = moveFocus;
      if (runtime.state === "idle") {
        this.pendingSubmit = true;
        this.status.textContent = this.s.calc_load_first;
        this.loader.querySelector("button")?.focus();
      } else if (runtime.state === "loading") {
        this.pendingSubmit = true;
        this.status.textContent = this.s.runtime_pending_submit ?? this.s.calc_loading;
      } else {
        this.showFailure();
      }
      return;
    }
    const seq = ++this.latest;
    this.setState("busy");
    this.status.textContent = this.s.calc_busy;
    const answer = await runtime.calculate(JSON.stringify({ id: this.id, inputs }));
    if (seq !== this.latest || !this.section.isConnected) return; // a newer submit, or the page has gone
    if (answer.failure !== undefined) {
      this.setState("error", { error: "load" });
      this.status.textContent = this.s.calc_load_failed;
      return;
    }
    const response = JSON.parse(answer.response);
    if (response.ok) this.showResult(response.result, moveFocus, inputs);
    else this.showErrors(response.errors, moveFocus);
  }

  clearErrors() {
    for (const field of this.calc.fields) {
      for (const control of this.controls(field.name)) control.removeAttribute("aria-invalid");
      const group = document.getElementById(this.fieldId(field.name));
      if (group?.tagName === "FIELDSET") group.removeAttribute("aria-invalid");
      const error = document.getElementById(`${this.fieldId(field.name)}-error`);
      error.hidden = true;
      error.textContent = "";
    }
  }

  showErrors(errors, moveFocus) {
    this.clearErrors();
    let first = null;
    const list = h("ul", { class: "policy-calc__error-list" });
    for (const problem of errors) {
      const message = problem[this.lang] ?? problem.zh;
      const field = problem.field ? this.fields.get(problem.field) : null;
      if (field && this.shown(field)) {
        const controls = this.controls(field.name);
        for (const control of controls) control.setAttribute("aria-invalid", "true");
        const group = document.getElementById(this.fieldId(field.name));
        if (group?.tagName === "FIELDSET") group.setAttribute("aria-invalid", "true");
        const error = document.getElementById(`${this.fieldId(field.name)}-error`);
        if (error.textContent) error.append(" ");
        error.append(this.mixed(message));
        error.hidden = false;
        first ??= controls[0];
        const label = this.tr(field.label);
        const text = message.includes(label) ? message : `${label}${this.colon()}${message}`;
        const link = h("a", { href: `#${this.fieldId(field.name)}` }, this.mixed(text));
        link.addEventListener("click", (event) => {
          event.preventDefault();
          controls[0].focus();
        });
        list.append(h("li", {}, link));
      } else {
        list.append(h("li", {}, this.mixed(message)));
      }
    }
    const heading = h("h3", { tabindex: "-1", class: "policy-calc__heading", text: this.s.calc_errors });
    this.output.replaceChildren(h("div", { class: "policy-calc__errors" }, heading, list));
    this.output.hidden = false;
    this.setState("error", { error: "input" });
    this.status.textContent = this.s.calc_status_errors;
    if (moveFocus) (first ?? heading).focus();
  }

  /** An amount and its unit that never break apart; where the language says so, large sums also in 万元.
   * @param {number} value
   * @returns {HTMLSpanElement[]} */
  amountNode(value, { upTo = false } = {}) {
    const text = (upTo ? this.s.calc_up_to + " " : "") + this.yuan(value, this.s.calc_yuan);
    const parts = [h("span", { class: "policy-amount", text })];
    const wan = this.wanNote(value);
    if (wan) parts.push(h("span", { class: "policy-amount policy-amount--wan", text: wan }));
    return parts;
  }

  /** @param {number} value */
  amountText(value, upTo = false) {
    return (upTo ? this.s.calc_up_to + " " : "") + this.yuan(value, this.s.calc_yuan) + this.wanNote(value);
  }

  showResult(result, moveFocus, inputs = {}) {
    this.clearErrors();
    const s = this.s;
    const expired = this.config.expired;
    const heading = h("h3", { tabindex: "-1", class: "policy-calc__heading", text: s.calc_result });
    const verdictText = expired ? (result.eligible ? expired.would_have : expired.not)
      : result.eligible ? (this.config.calculator.eligible_verdict?.[this.lang] ?? s.eligible) : s.not_eligible;
    const verdict = h("p", {
      class: `policy-calc__verdict policy-calc__verdict--${result.eligible ? (expired ? "expired" : "yes") : "no"}`,
      text: verdictText,
    });
    /** @type {HTMLElement[]} */
    const parts = [heading, verdict];
    // A calculator whose answer is another amount than the total declares it (its metadata's
    // headline: the startup loan's largest loan); the total then comes second, and, when it needs
    // an input (the loan's rate), only once that input is given.
    const headline = this.calc.headline;
    const totalWaits = Boolean(headline?.total_needs) && !(Number(inputs[headline.total_needs] ?? 0) > 0);
    let statusAmount;
    if (headline && result.eligible) {
      const label = this.tr(headline.label);
      const totalLabel = this.tr(headline.total_label);
      parts.push(h("p", { class: "policy-calc__amount" },
        h("span", { text: label }), " ", h("strong", {}, ...this.amountNode(result[headline.amount]))));
      if (!totalWaits) {
        parts.push(h("p", { class: "policy-calc__amount policy-calc__amount--second" },
          h("span", { text: totalLabel }), " ", h("strong", {}, ...this.amountNode(result.total_yuan))));
      } else {
        parts.push(h("p", { class: "policy-calc__hint", text: this.tr(headline.total_missing) }));
      }
      statusAmount = `${label} ${this.amountText(result[headline.amount])}`
        + (!totalWaits ? `${this.language.semicolon}${totalLabel} ${this.amountText(result.total_yuan)}` : "");
    } else {
      parts.push(h("p", { class: "policy-calc__amount" },
        h("span", { text: s.calc_total }), " ", h("strong", {}, ...this.amountNode(result.total_yuan, { upTo: result.total_is_ceiling }))));
      statusAmount = this.amountText(result.total_yuan, result.total_is_ceiling);
    }
    if (result.items.length && !totalWaits) {
      parts.push(h("h4", { text: s.calc_items }), h("table", { class: "policy-calc__items" },
        h("tbody", {}, result.items.map((item) => h("tr", {},
          h("th", { scope: "row" }, this.mixed(item[this.lang] ?? item.zh)), h("td", {}, ...this.amountNode(item.yuan)))))));
    }
    if ((result.by_year ?? []).length > 1) {
      parts.push(h("h4", { text: s.calc_by_year }), h("table", { class: "policy-calc__years" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col", text: s.calc_year_col }),
          h("th", { scope: "col", text: s.calc_year_amount }), h("th", { scope: "col", text: s.calc_year_cumulative }))),
        h("tbody", {}, result.by_year.map((row) => h("tr", {},
          h("th", { scope: "row", text: fill(s.calc_year_n, { n: row.year }) }),
          h("td", {}, ...this.amountNode(row.yuan)), h("td", {}, ...this.amountNode(row.cumulative_yuan)))))));
    }
    // A default figure more than a year old (the stored minimum wage): say so with the result.
    for (const [name, param] of Object.entries(this.config.parameter_defaults ?? {})) {
      if (param.warning && inputs[name] !== undefined && Number(inputs[name]) === Number(param.value)) {
        parts.push(h("p", { class: "policy-calc__hint policy-calc__hint--old" }, this.mixed(param.warning)));
      }
    }
    if (result.reasons.length) {
      parts.push(h("h4", { text: s.calc_reasons }),
        h("ul", {}, result.reasons.map((reason) => h("li", {}, this.mixed(reason[this.lang] ?? reason.zh)))));
    }
    const clause = this.config.clause;
    parts.push(h("p", {}, h("strong", { text: s.clause + this.colon() }),
      h("a", { href: clause.url }, this.mixed(`${clause.id} ${clause.title}`))));
    if (this.config.agencies.length) {
      parts.push(h("p", {}, h("strong", { text: s.summary_ask + this.colon() }), ...this.agencyLinks(this.config.agencies)));
    }
    // The notes and the estimate warning are on the page once (below the form): link to them.
    parts.push(h("p", { class: "policy-calc__estimate" }, s.estimate_note + " ",
      h("a", { href: "#how-read", text: s.how_read })));
    this.output.replaceChildren(...parts);
    this.output.hidden = false;
    this.setState("done", { eligible: String(result.eligible), totalYuan: String(result.total_yuan) });
    // An expired measure: the live region says so too, not only the amount.
    this.status.textContent = fill(s.calc_status_done, { amount: statusAmount })
      + (expired ? `${this.language.word_space}${verdictText}${this.language.full_stop}` : "");
    if (moveFocus) heading.focus();
    addReceipt(this, result);
  }
}

// --- receipts: "print / save as PDF" (kit/receipt.js) -------------------------------------------

/**
 * @param {CalculatorForm} form
 * @param {any} result
 */
function addReceipt(form, result) {
  const holder = /** @type {HTMLElement | null} */ (form.section.querySelector("[data-receipt-config]"));
  if (!holder) return;
  const config = JSON.parse(holder.dataset.receiptConfig);
  const s = config.strings;
  usePrintStyle();
  const colon = form.colon();
  const inputs = h("dl", {});
  for (const field of form.calc.fields) {
    if (!form.shown(field)) continue;
    const raw = form.rawValue(field);
    if (raw === "") continue;
    const shown = field.type === "bool" ? (raw ? s.yes : s.no)
      : field.type === "choice" ? form.tr(field.choices.find((c) => c.value === raw)) || raw : raw;
    inputs.append(h("dt", {}, form.mixed(form.tr(field.label))), h("dd", {}, form.mixed(String(shown))));
  }
  const receipt = receiptSection(result.calculator);
  receipt.append(
    h("p", { class: "policy-receipt__heading" }, h("strong", { text: s.print_heading })),
    h("p", {}, h("strong", { text: s.print_inputs })), inputs,
    h("p", {}, h("strong", { text: s.print_clause_texts })), h("p", {}, h("strong", { text: config.clause })),
    h("p", { lang: "zh-Hans", text: config.text_zh }),
    h("p", { text: `${s.print_data_date}${colon}${config.data_date}` }),
    addressLine(s.print_address, colon),
    estimateLine(s.print_estimate));
  form.output.append(h("p", {}, printButton(s.print_button)), receipt);
}

// --- every calculator on every page ------------------------------------------------------------

mountEvery("calculator", "section.policy-calculator[data-calculator-config]", (section) => {
  new CalculatorForm(sharedRuntime(), section, JSON.parse(section.dataset.calculatorConfig));
});
