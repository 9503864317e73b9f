// The finder ("what applies to me?"): one question at a time, the results below, every answer
// worked out by calculators.find_json in the site's one Pyodide worker (../runtime/runtime.js),
// shared with the calculator pages. Nothing is sent anywhere: the answers live in the URL.
//
// DOM contract (tests rely on it):
//   [data-finder-state="loading|ready|error"]  the results container
//   [data-clause="2.3"][data-status="applies|may_apply|does_not_apply"]  one per clause
//     (a library document's clause: data-clause="DOC_ID:CLAUSE_ID"; in a library of more than one
//     document each card names its document: [data-document="DOC_ID"] with its status badge,
//     .policy-status[data-status="in_force|not_yet|expired|no_dates"]; "" is the top-level document)
//   form[data-fact="age"]  the current question (none when no question is left)

// (The modules it imports come at this script's version: the build writes ?v= into the import
// specifiers, and the page lists them as modulepreload links.)

import { readNumber } from "../kit/amount.js";
import { h, mountEvery } from "../kit/dom.js";
import { fill, Language } from "../kit/language.js";
import { addressLine, estimateLine, printButton, receiptSection } from "../kit/receipt.js";
import { describeFailure, downloadBytes, sharedRuntime, slowLink, startRuntime } from "../runtime/runtime.js";

// Result groups, in the order shown: "ended" holds the clauses that apply or may apply but are
// outside their dates (expired or not yet in force) on the data date; they are never counted as
// applying, nor in the total (the engine's `summary` says so, and the page shows its figures).
const GROUPS = ["applies", "may_apply", "ended", "does_not_apply"];
const OUTSIDE_DATES = ["expired", "not_yet"];

function groupOf(entry) {
  if (entry.status !== "does_not_apply" && OUTSIDE_DATES.includes(entry.in_force)) return "ended";
  return entry.status;
}

/** The date of today on this device, as YYYY-MM-DD (the receipt's print date). */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

class Finder extends Language {
  /**
   * @param {import("../runtime/runtime.js").Runtime} runtime
   * @param {HTMLElement} root
   * @param {any} config  what the build wrote (policy_site/site/finder_page.py)
   */
  constructor(runtime, root, config) {
    super(config.language);
    this.runtime = runtime;
    this.root = root;
    this.config = config;
    this.s = config.strings;
    this.rules = config.rules;
    this.tree = config.first_questions ?? null;
    this.facts = new Map(this.rules.facts.map((fact) => [fact.id, fact]));
    this.rulesClauses = new Map(this.rules.clauses.map((clause) => [clause.clause, clause]));
    this.applicantFact = this.rules.applicant_fact;
    this.path = location.pathname;
    this.answers = this.readQuery(); // [[fact, value]], in the order answered
    this.editing = null; // a fact being changed from "check your answers"
    this.result = null; // the engine's answer for this.answers; null until Python has worked it out
    this.seq = 0;
    this.shownQuestion = undefined;
    this.build();
    // The first questions come from the table built with the page: the visitor answers while Python arrives.
    this.render({ announce: false, focus: false });
    this.onRuntime = (state) => this.runtimeChanged(state);
    runtime.listeners.add(this.onRuntime);
    if (runtime.state === "idle") {
      if (slowLink()) this.offerDownload();
      else this.start();
    }
    this.runtimeChanged(runtime.state);
  }

  // --- answers and the URL ------------------------------------------------------------------

  factsObject(answers = this.answers) {
    return Object.fromEntries(answers);
  }

  parseValue(fact, raw) {
    if (raw === "") return null;
    if (fact.type === "bool") return raw === "true" ? true : raw === "false" ? false : raw;
    if (fact.type === "integer") {
      const read = readNumber(raw, "int", fact.unit ?? null);
      return read.ok && read.value !== null ? read.value : raw;
    }
    return raw;
  }

  /** The answers the URL holds, in its order: [[fact, value]].
   * @returns {[string, any][]} */
  readQuery() {
    /** @type {[string, any][]} */
    const answers = [];
    for (const [key, raw] of new URLSearchParams(location.search)) {
      const fact = this.facts.get(key);
      if (!fact || answers.some(([k]) => k === key)) continue;
      answers.push([key, this.parseValue(fact, raw)]);
    }
    return answers;
  }

  queryURL(answers = this.answers) {
    const url = new URL(location.href);
    url.search = "";
    for (const [key, value] of answers) url.searchParams.append(key, value === null ? "" : String(value));
    return url.href;
  }

  /** The URL holds the answers. Each answered question is a history entry of its own, so the
   * browser's (or the phone's) Back steps back one question; Back from the first leaves the finder. */
  writeQuery({ push = false } = {}) {
    const href = this.queryURL();
    if (href === location.href) return;
    // Material's instant navigation keeps its scroll offset as the state: pushed entries start with none.
    if (push) history.pushState(null, "", href);
    else history.replaceState(history.state, "", href);
  }

  /** Back or Forward to another entry of this page: show the answers of that entry. */
  popped() {
    if (!this.root.isConnected || location.pathname !== this.path) return;
    this.answers = this.readQuery();
    this.editing = null;
    this.result = null;
    this.seq++;
    this.render({ announce: true, focus: true });
    if (this.runtime.state === "ready") this.refresh({ announce: false, focus: false });
  }

  // --- the page -----------------------------------------------------------------------------

  build() {
    const s = this.s;
    this.live = h("p", { class: "policy-finder__live policy-visually-hidden", role: "status", "aria-live": "polite" });
    this.skip = h("button", { type: "button", class: "policy-finder__skip", text: s.finder_skip_to_results });
    this.skip.addEventListener("click", () => {
      const heading = this.results.querySelector("h2");
      heading.scrollIntoView();
      heading.focus();
    });
    this.questionArea = h("div", { class: "policy-finder__question-area" });
    this.answersArea = h("div", { class: "policy-finder__answers" });
    this.summary = h("p", { class: "policy-finder__summary" });
    this.status = h("div", { class: "policy-finder__status" });
    this.groups = {};
    const groupTitles = { applies: s.finder_group_applies, may_apply: s.finder_group_may,
      ended: s.finder_group_ended, does_not_apply: s.finder_group_not };
    for (const status of GROUPS) {
      const list = h("div", { class: "policy-finder__list" });
      const heading = h("h3", { class: "policy-finder__group-heading" });
      const group = status === "does_not_apply"
        ? h("details", { class: "policy-finder__group policy-finder__group--folded", "data-group": status, hidden: true },
          h("summary", {}, heading), list)
        : h("section", { class: "policy-finder__group", "data-group": status, hidden: true }, heading, list);
      this.groups[status] = { group, list, heading, title: groupTitles[status] };
    }
    this.groups.ended.heading.after(h("p", { class: "policy-finder__group-note", text: s.finder_group_ended_note }));
    this.obligations = h("div", { class: "policy-finder__obligations" });
    this.printButton = printButton(s.print_button);
    this.copyButton = h("button", { type: "button", class: "md-button policy-finder__copy", text: s.finder_copy_link });
    this.copyButton.addEventListener("click", () => this.copyLink());
    this.copyNote = h("p", { class: "policy-finder__copied", role: "status" });
    this.receipt = receiptSection("finder");
    this.results = h("section", { class: "policy-finder__results", "data-finder-state": "loading", "aria-labelledby": "policy-finder-results" },
      h("h2", { id: "policy-finder-results", tabindex: "-1", text: s.finder_results }),
      this.summary, this.status, this.obligations,
      ...GROUPS.map((status) => this.groups[status].group),
      h("div", { class: "policy-finder__actions" }, this.copyButton, this.printButton), this.copyNote);
    const noscript = this.root.querySelector("noscript");
    if (noscript) noscript.remove();
    this.root.querySelector(".policy-finder__fallback")?.remove();
    // The results come before "check your answers": on a phone, the summary is one short scroll away.
    this.root.append(this.live, this.skip, this.questionArea, this.results, this.answersArea, this.receipt);
    this.summary.textContent = fill(s.finder_loading, { mb: this.downloadMb() });
  }

  /** The megabytes a first start downloads from the host this page is on (brotli, gzip or the
   * .gz copies a host that compresses nothing serves: see runtime.js downloadBytes). */
  downloadMb() {
    return (downloadBytes(this.runtime, this.config) / 1_000_000).toFixed(1);
  }

  setState(state) {
    this.results.dataset.finderState = state;
  }

  start() {
    startRuntime(this.runtime, this.config);
  }

  /** Save-Data or a slow link: say how big the download is and wait for the visitor to ask. */
  offerDownload() {
    const button = h("button", { type: "button", class: "md-button policy-finder__download",
      text: fill(this.s.finder_download_button, { mb: this.downloadMb() }) });
    button.addEventListener("click", () => {
      button.remove();
      this.start();
    });
    this.summary.replaceChildren(fill(this.s.finder_slow_link, { mb: this.downloadMb() }), " ", button);
  }

  /** While Python downloads: the bytes so far (of what a compressing host sends), then "starting". */
  showProgress(progress) {
    if (this.result) return;
    if (!progress) return;
    if (progress.stage === "start") {
      this.summary.textContent = this.s.finder_starting;
      return;
    }
    const total = Number(this.downloadMb());
    const fraction = progress.total ? Math.min(1, progress.loaded / progress.total) : 0;
    this.summary.textContent = fill(this.s.finder_progress, { loaded: (fraction * total).toFixed(1), total: total.toFixed(1) });
  }

  runtimeChanged(state) {
    if (!this.root.isConnected) {
      this.runtime.listeners.delete(this.onRuntime);
      return;
    }
    if (state === "loading") {
      this.status.replaceChildren();
      if (this.results.dataset.finderState === "error") this.setState("loading");
      this.showProgress(this.runtime.progress);
    } else if (state === "ready" && !this.result) this.refresh({ announce: false, focus: false });
    else if (state === "failed") this.showFailure();
  }

  /** Why the questions cannot be worked out, what to do, and whom to ask (as the calculator pages do). */
  showFailure() {
    const s = this.s;
    const runtime = this.runtime;
    const failure = describeFailure(runtime);
    this.setState("error");
    this.results.dataset.loadFailure = failure.reason;
    this.summary.textContent = `${s[`finder_failed_${failure.reason}`]} ${failure.help ? s.finder_failed_help : ""}`.trim();
    const parts = [];
    if (failure.action) {
      const retry = h("button", { type: "button", class: "md-button policy-finder__retry",
        text: failure.action === "reload" ? s.runtime_reload ?? s.runtime_retry : s.runtime_retry });
      retry.addEventListener("click", () => runtime.retry());
      parts.push(h("p", {}, retry));
    }
    parts.push(h("p", { class: "policy-finder__ask" }, s.finder_failed_ask, " ",
      h("a", { href: this.config.agencies_url, text: s.finder_failed_agencies })));
    this.status.replaceChildren(...parts);
  }

  /** The engine's answer for `answers`. The worker's Python holds the rules (sent once, under the
   * key the build wrote: calculators.hold_rules_json), and each request names them; a Python that
   * does not hold them (started afresh, restored from a snapshot, or given another page's rules)
   * says so (an error on "rules_key"): the rules are sent again and the request asked again. */
  async run(answers) {
    const request = JSON.stringify({ rules_key: this.config.rules_key, facts: this.factsObject(answers),
                                     as_of: this.config.as_of });
    let response = await this.ask("find_json", request);
    if (!response.failure && !response.ok && response.errors.some((e) => e.field === "rules_key")) {
      const held = await this.ask("hold_rules_json", JSON.stringify({ rules_key: this.config.rules_key, rules: this.rules }));
      if (held.failure || !held.ok) return held;
      response = await this.ask("find_json", request);
    }
    if (response.ok) this.expand(response.result);
    return response;
  }

  /** The engine answers a request that names the held rules in short (calculators.finder.compact_answer):
   * each part as its status, calculators, missing facts and its conditions' results only. The rest is
   * in the page's rules: each part is made whole from its measure (its name, "for", kind, and each
   * condition's zh, en and quote beside its result), as the engine's full answer has it. (The full
   * answer's list of each clause's conditions is not made: the page does not show it.) */
  expand(result) {
    for (const entry of result.measures) {
      const measures = this.rulesClauses.get(entry.clause).measures;
      entry.parts = entry.parts.map((part, index) => {
        const measure = measures[index];
        return { part: measure.part, for: measure.for, kind: measure.kind ?? "benefit", status: part.status,
          calculators: part.calculators, missing: part.missing,
          conditions: measure.conditions.map((c, i) => ({ zh: c.zh, en: c.en, quote: c.quote, result: part.results[i] })) };
      });
    }
    return result;
  }

  /** calculators.<fn>(request) in the worker: its parsed answer, or {failure}. */
  async ask(fn, request) {
    const answer = await this.runtime.call(fn, request);
    if (answer.failure !== undefined) return { failure: answer.failure };
    return JSON.parse(answer.response);
  }

  /** Work out the current answers; drop answers from the URL that the engine refuses. */
  async refresh({ announce = true, focus = true } = {}) {
    const seq = ++this.seq;
    announce ||= this.currentQuestion() === undefined; // the question the visitor waited for
    let response = await this.run(this.answers);
    for (let tries = 0; !response.failure && !response.ok && tries < 5; tries++) {
      const bad = new Set(response.errors.map((e) => e.field));
      this.answers = this.answers.filter(([key]) => !bad.has(key));
      if (bad.has(null)) this.answers = [];
      response = await this.run(this.answers);
    }
    if (seq !== this.seq || !this.root.isConnected) return;
    if (response.failure !== undefined || !response.ok) {
      this.showFailure();
      return;
    }
    this.result = response.result;
    this.writeQuery();
    this.render({ announce, focus });
    this.setState("ready");
  }

  withAnswer(factId, value) {
    let answers = this.answers.filter(([key]) => key !== factId);
    const index = this.answers.findIndex(([key]) => key === factId);
    if (index >= 0) answers.splice(index, 0, [factId, value]);
    else answers.push([factId, value]);
    if (factId === this.applicantFact) {
      answers = answers.filter(([key]) => {
        const fact = this.facts.get(key);
        return key === factId || !fact.for.length || fact.for.includes(value);
      });
    }
    return answers;
  }

  /** Before Python has arrived: an answer is taken if it is one of the choices or a whole number in
   * range (Python checks every answer again once it is there); else the reason, as Python says it. */
  localProblem(fact, value) {
    if (value === null || fact.type !== "integer") return null;
    if (typeof value !== "number") return this.s.finder_integer_unreadable;
    if ((fact.min !== null && value < fact.min) || (fact.max !== null && value > fact.max)) {
      return fill(this.s.finder_integer_range, { min: fact.min, max: fact.max });
    }
    return null;
  }

  /** Try an answer; keep it only if the engine accepts it, else say why on the question. */
  async answer(factId, value) {
    const fact = this.facts.get(factId);
    const answers = this.withAnswer(factId, value);
    if (this.runtime.state !== "ready") {
      const problem = this.localProblem(fact, value);
      if (problem) {
        this.showErrors([{ field: factId, zh: problem, en: problem }]);
        return;
      }
      this.seq++;
      this.commit(answers, null);
      return;
    }
    const seq = ++this.seq;
    const response = await this.run(answers);
    if (seq !== this.seq) return;
    if (response.failure !== undefined) {
      this.showFailure();
      return;
    }
    if (!response.ok) {
      this.showErrors(response.errors);
      return;
    }
    this.commit(answers, response.result);
  }

  commit(answers, result) {
    this.answers = answers;
    this.editing = null;
    this.result = result;
    this.writeQuery({ push: true });
    this.render({ announce: true, focus: true });
    if (result) this.setState("ready");
  }

  back() {
    const index = this.editing ? this.answers.findIndex(([key]) => key === this.editing) : this.answers.length;
    this.editing = index > 0 ? this.answers[index - 1][0] : null;
    this.render({ announce: true, focus: true });
  }

  /** "Copy a link to these answers": the page's address holds them; nothing is sent anywhere. */
  async copyLink() {
    const href = location.href;
    try {
      await navigator.clipboard.writeText(href);
      this.copyNote.replaceChildren(this.s.finder_copied);
    } catch {
      const field = h("input", { type: "text", readonly: true, class: "policy-finder__link", value: href,
        "aria-label": this.s.finder_copy_fallback });
      this.copyNote.replaceChildren(this.s.finder_copy_fallback, " ", field);
      field.focus();
      field.select();
    }
  }

  // --- rendering ----------------------------------------------------------------------------

  /** The next question as the table built with the page gives it for these answers (answered in
   * the order it asks them): a fact id, null (no more questions), or undefined (beyond the table). */
  predicted(answers = this.answers) {
    let node = this.tree;
    const given = new Map(answers);
    let used = 0;
    while (node) {
      if (!node.q) return used === given.size ? null : undefined;
      if (!given.has(node.q)) return used === given.size ? node.q : undefined;
      const value = given.get(node.q);
      used++;
      if (value === null) node = node.a?.[""];
      else if (typeof value === "number") node = (node.r ?? []).find(([low, high]) => low <= value && value <= high)?.[2];
      else node = node.a?.[String(value)];
    }
    return undefined;
  }

  currentQuestion() {
    if (this.editing) return this.editing;
    if (this.result) return this.result.next_question ?? null;
    return this.predicted();
  }

  render({ announce, focus }) {
    const question = this.currentQuestion();
    const key = `${question}|${this.editing ?? ""}|${this.answers.length}`;
    // The same question as before (Python has just arrived): the form stays, with what is typed in it.
    // A new one takes the keyboard's focus if the old one had it (e.g. "the next question appears…").
    const hadFocus = this.questionArea.contains(document.activeElement);
    const changed = key !== this.shownQuestion;
    if (changed || focus) this.renderQuestion(question);
    this.shownQuestion = key;
    if (changed && hadFocus) focus = true;
    this.renderAnswers();
    if (this.result) {
      this.renderResults();
      this.renderReceipt();
    } else {
      for (const status of GROUPS) this.groups[status].group.hidden = true;
      this.obligations.replaceChildren();
      this.summary.textContent = this.runtime.state === "failed" ? this.summary.textContent
        : this.answers.length ? this.s.finder_results_pending : this.summary.textContent;
    }
    if (announce) {
      const sum = this.result?.summary;
      const counts = sum ? fill(this.s.finder_announce_counts, { applies: sum.applies, may: sum.may_apply }) : "";
      this.live.textContent = question
        ? `${this.tr(this.facts.get(question).question)} ${counts}`.trim()
        : question === null ? `${this.s.finder_done} ${counts}`.trim() : this.s.finder_waiting;
    }
    if (focus) {
      const target = /** @type {HTMLElement | null} */ (this.questionArea.querySelector("[data-focus]") ?? this.results.querySelector("h2"));
      target?.focus();
    }
  }

  currentValue(factId) {
    const found = this.answers.find(([key]) => key === factId);
    return found ? found[1] : undefined;
  }

  renderQuestion(factId) {
    const s = this.s;
    if (factId === undefined) {
      // Beyond the table built with the page, before Python has arrived: the answers so far are kept.
      this.questionArea.replaceChildren(h("p", { class: "policy-finder__waiting", tabindex: "-1", "data-focus": true, text: s.finder_waiting }),
        this.answers.length ? this.backLink() : "");
      return;
    }
    if (!factId) {
      this.questionArea.replaceChildren(h("p", { class: "policy-finder__done", tabindex: "-1", "data-focus": true, text: s.finder_done }),
        this.answers.length ? this.backLink() : "");
      return;
    }
    const fact = this.facts.get(factId);
    const id = `finder-q-${factId}`;
    // A question keeps its number: a changed answer is the same question as before.
    const index = this.answers.findIndex(([key]) => key === factId);
    const number = (index >= 0 ? index : this.answers.length) + 1;
    const heading = h("h2", { class: "policy-finder__question", id: `${id}-heading`, tabindex: "-1", "data-focus": true },
      h("span", { class: "policy-finder__count", text: fill(s.finder_question_count, { n: number }) + " " }),
      this.mixed(this.tr(fact.question)));
    const describedBy = [];
    const help = fact.help ? h("p", { id: `${id}-help`, class: "policy-finder__help" }, this.mixed(this.tr(fact.help))) : null;
    if (help) describedBy.push(help.id);
    const why = fact.why ? h("details", { class: "policy-finder__why" }, h("summary", { text: s.finder_why }),
      h("p", {}, this.mixed(this.tr(fact.why)))) : null;
    const error = h("p", { id: `${id}-error`, class: "policy-finder__error", hidden: true });
    describedBy.push(error.id);
    const current = this.currentValue(factId);
    const control = this.control(fact, id, current, describedBy.join(" "));
    const form = h("form", { class: "policy-finder__form", "data-fact": factId, novalidate: true, "aria-labelledby": heading.id },
      heading, help, why, control, error,
      h("div", { class: "policy-finder__buttons" },
        h("button", { type: "submit", class: "md-button md-button--primary", text: s.finder_continue }),
        factId === this.applicantFact ? null
          : h("button", { type: "button", class: "md-button", "data-not-sure": true, text: fact.why ? s.finder_prefer_not : s.finder_not_sure })));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const value = this.readControl(fact, form);
      if (value === undefined) {
        this.showErrors([{ field: factId, zh: this.s.finder_choose_answer, en: this.s.finder_choose_answer }]);
        return;
      }
      if (typeof value === "object" && value?.problem) {
        this.showErrors([{ field: factId, zh: value.problem, en: value.problem }]);
        return;
      }
      this.answer(factId, value);
    });
    form.querySelector("[data-not-sure]")?.addEventListener("click", () => this.answer(factId, null));
    this.questionArea.replaceChildren(form, this.answers.length || this.editing ? this.backLink() : "");
  }

  backLink() {
    // A button, not a link: Material's instant navigation would take over a link to "#".
    const button = h("button", { type: "button", class: "policy-finder__back", text: this.s.finder_back });
    button.addEventListener("click", () => this.back());
    return h("p", {}, button);
  }

  control(fact, id, current, describedBy) {
    if (fact.type === "integer") {
      const input = h("input", { type: "text", inputmode: "numeric", id: `${id}-input`, name: fact.id, autocomplete: "off",
        "aria-describedby": describedBy, "aria-labelledby": `${id}-heading`, value: typeof current === "number" ? String(current) : "" });
      const unit = fact.unit ? h("span", { class: "policy-finder__unit", text: this.tr(fact.unit) }) : null;
      return h("div", { class: "policy-finder__control" }, input, unit);
    }
    const options = fact.type === "bool"
      ? [{ value: "true", label: this.s.finder_yes }, { value: "false", label: this.s.finder_no }]
      : fact.choices.map((c) => ({ value: c.value, label: c[this.lang] ?? c.zh }));
    const group = h("div", { class: "policy-finder__choices", role: "radiogroup", "aria-labelledby": `${id}-heading`, "aria-describedby": describedBy });
    options.forEach((option, index) => {
      const checked = current !== undefined && current !== null && String(current) === option.value;
      group.append(h("label", { class: "policy-finder__choice" },
        h("input", { type: "radio", name: fact.id, value: option.value, id: `${id}-${index}`, checked }),
        h("span", {}, this.mixed(option.label))));
    });
    return group;
  }

  /** The answer in the form: undefined when none, {problem} when the number cannot be read. Whole
   * numbers are read by the calculators' one number reader: "３５", "35岁", "35 years" are 35. */
  readControl(fact, form) {
    if (fact.type === "integer") {
      const raw = form.querySelector("input").value;
      if (raw.trim() === "") return undefined;
      const read = readNumber(raw, "int", fact.unit ?? null);
      if (!read.ok || read.value === null) return { problem: fill(this.s.finder_integer_unreadable, {}) };
      const range = this.localProblem(fact, read.value);
      return range ? { problem: range } : read.value;
    }
    const picked = form.querySelector("input:checked");
    if (!picked) return undefined;
    if (fact.type === "bool") return picked.value === "true";
    return picked.value;
  }

  showErrors(errors) {
    const form = this.questionArea.querySelector("form");
    if (!form) return;
    const error = /** @type {HTMLElement} */ (form.querySelector(".policy-finder__error"));
    error.replaceChildren(...errors.map((e) => this.mixed((e[this.lang] ?? e.zh) + " ")));
    error.hidden = false;
    for (const input of form.querySelectorAll("input")) input.setAttribute("aria-invalid", "true");
    this.live.textContent = `${this.s.finder_errors}${this.colon()}${error.textContent}`;
    form.querySelector("input")?.focus();
  }

  answerText(factId, value) {
    const fact = this.facts.get(factId);
    if (value === null) return fact.why ? this.s.finder_prefer_not : this.s.finder_not_sure;
    if (fact.type === "bool") return value ? this.s.finder_yes : this.s.finder_no;
    if (fact.type === "choice") return fact.choices.find((c) => c.value === value)?.[this.lang] ?? String(value);
    return `${value}${fact.unit ? this.language.word_space + this.tr(fact.unit) : ""}`;
  }

  renderAnswers() {
    if (!this.answers.length) {
      this.answersArea.replaceChildren();
      return;
    }
    const list = h("dl", { class: "policy-finder__answer-list" });
    for (const [key, value] of this.answers) {
      const change = h("button", { type: "button", class: "policy-finder__change", "data-change": key },
        this.s.finder_change, h("span", { class: "md-visually-hidden policy-visually-hidden" }, " ", this.mixed(this.tr(this.facts.get(key).question))));
      change.addEventListener("click", () => {
        this.editing = key;
        this.render({ announce: true, focus: true });
      });
      list.append(h("div", { class: "policy-finder__answer" },
        h("dt", {}, this.mixed(this.tr(this.facts.get(key).question))),
        h("dd", {}, this.mixed(this.answerText(key, value)), " ", change)));
    }
    const again = h("button", { type: "button", class: "md-button", text: this.s.finder_start_again });
    again.addEventListener("click", () => {
      this.answers = [];
      this.editing = null;
      this.refresh({ announce: true, focus: true });
    });
    this.answersArea.replaceChildren(h("h2", { text: this.s.finder_check_answers }), list, again);
  }

  /** A link to the calculator with every input the answers give, under the calculator's field names
   * (the engine's inputs for this part); the label says "filled in" only when something is. */
  calculatorLink(calcId, run) {
    const calc = this.config.calculators[calcId];
    if (!calc) return null;
    const url = new URL(calc.url, location.href);
    for (const [name, value] of Object.entries(run?.inputs ?? {})) {
      if (calc.fields.includes(name) && value !== null) url.searchParams.set(name, String(value));
    }
    const filled = [...url.searchParams.keys()].length > 0;
    const relative = calc.url + url.search;
    return h("a", { href: relative, "data-calculator-link": calcId },
      this.mixed(fill(filled ? this.s.finder_open_calculator : this.s.finder_open_calculator_blank, { title: calc.title })));
  }

  /** The clause as a reader names it ("2.3", "第十六条", "Clause 16") and its title. */
  clauseName(entry) {
    const clause = this.config.clauses[entry.clause];
    return `${clause.label ?? entry.clause} ${clause.title}`.trim();
  }

  /** In a library of more than one document: the clause's document, linked, and its status badge
   * (the words and class of the document pages' badge); null in a library of one. */
  documentLine(entry) {
    const key = this.config.clauses[entry.clause].document;
    const doc = key === undefined ? null : this.config.documents?.[key];
    if (!doc) return null;
    return h("p", { class: "policy-finder__document", "data-document": key },
      h("strong", { text: this.s.doc_in_document + this.colon() }), h("a", { href: doc.url }, this.mixed(doc.title)), " ",
      h("span", { class: `policy-status policy-status--${doc.css}`, "data-status": doc.status, text: doc.status_text }));
  }

  validity(entry) {
    const v = this.config.clauses[entry.clause].validity ?? {};
    return { start: v.from ?? "", end: v.to ?? "" };
  }

  inForce(entry) {
    const ended = groupOf(entry) === "ended";
    const key = ended ? `finder_would_have_applied_${entry.in_force}` : `finder_in_force_${entry.in_force}`;
    return h("p", { class: `policy-finder__in-force policy-finder__in-force--${entry.in_force}`, "data-in-force": entry.in_force,
      text: fill(this.s[key], this.validity(entry)) });
  }

  judges(measureCondition) {
    const judged = [];
    const walk = (test) => {
      if (!test) return;
      if (test.judged_by) judged.push(test.judged_by);
      for (const part of test.all ?? test.any ?? []) walk(part);
      if (test.not) walk(test.not);
    };
    walk(measureCondition?.test);
    return judged;
  }

  mark(condition) {
    const s = this.s;
    return condition.result === true ? s.finder_condition_met : condition.result === false ? s.finder_failed_condition : s.finder_condition_unknown;
  }

  conditionItem(condition, measureCondition) {
    const s = this.s;
    return h("li", { "data-result": String(condition.result) },
      h("span", { class: "policy-finder__mark", text: `${this.mark(condition)}${this.colon()}` }), this.mixed(this.tr(condition)),
      h("br"), h("q", { lang: "zh-Hans", class: "policy-finder__quote", text: condition.quote }),
      ...this.judges(measureCondition).map((a) => h("span", { class: "policy-finder__judged" }, " ",
        this.mixed(fill(s.finder_decided_by, { agency: this.config.agencies[a] ?? a })))));
  }

  applicant() {
    return this.factsObject()[this.applicantFact];
  }

  /** [part, measure] of the clause's benefits that serve this visitor (all while `applicant` is unknown). */
  benefitParts(entry) {
    const rulesClause = this.rulesClauses.get(entry.clause);
    const applicant = this.applicant();
    return entry.parts.map((part, index) => [part, rulesClause.measures[index]])
      .filter(([part, measure]) => measure.kind === "benefit" && (!applicant || part.for === applicant));
  }

  clauseCard(entry) {
    const s = this.s;
    const clause = this.config.clauses[entry.clause];
    const rulesClause = this.rulesClauses.get(entry.clause);
    const applicant = this.applicant();
    const ended = groupOf(entry) === "ended";
    const card = h("article", { class: "policy-finder__clause", "data-clause": entry.clause, "data-status": entry.status,
      "data-group": groupOf(entry) });
    card.append(h("h4", {}, h("a", { href: clause.url }, this.mixed(this.clauseName(entry)))));
    const documentLine = this.documentLine(entry);
    if (documentLine) card.append(documentLine);
    card.append(this.inForce(entry));
    for (const [part, measure] of this.benefitParts(entry)) {
      const box = h("div", { class: "policy-finder__part", "data-part": part.part, "data-status": part.status });
      box.append(h("p", { class: "policy-finder__offer" }, h("strong", {}, this.mixed(this.tr(measure.offer)))));
      const conditions = entry.status === "does_not_apply" && part.status === "does_not_apply"
        ? part.conditions.map((c, i) => [c, i]).filter(([c]) => c.result === false)
        : part.conditions.map((c, i) => [c, i]);
      if (conditions.length) {
        box.append(h("ul", { class: "policy-finder__conditions" },
          conditions.map(([c, i]) => this.conditionItem(c, measure.conditions[i]))));
      }
      if (part.missing.length && part.status === "may_apply") {
        box.append(h("p", { class: "policy-finder__missing" }, h("strong", { text: s.finder_still_unknown + this.colon() }),
          this.mixed(part.missing.map((f) => this.tr(this.facts.get(f).question)).join(this.language.semicolon))));
      }
      for (const note of measure.notes ?? []) box.append(h("p", { class: "policy-finder__note" }, this.mixed(this.tr(note))));
      for (const calcId of measure.calculators.map((c) => c.id)) {
        const run = part.calculators[calcId];
        if (run && run.total_yuan !== null && run.status !== "does_not_apply") {
          const amount = this.yuan(run.total_yuan, s.calc_yuan);
          box.append(h("p", { class: "policy-finder__estimate", "data-estimate": String(run.total_yuan) },
            h("strong", { text: fill(ended ? s.finder_estimate_ended : s.finder_estimate, { amount }) })));
        }
        const link = this.calculatorLink(calcId, run);
        if (link && part.status !== "does_not_apply") box.append(h("p", {}, link));
      }
      card.append(box);
    }
    const kinds = [...new Set(rulesClause.measures.filter((m) => m.kind === "benefit").map((m) => m.for))];
    if (applicant && !kinds.includes(applicant)) {
      card.append(h("p", { class: "policy-finder__for", "data-reason": "for" },
        h("strong", { text: s.measures_for + this.colon() }), this.mixed(kinds.map((kind) => this.applicantLabel(kind)).join(this.language.list_separator))));
    }
    card.append(h("p", { class: "policy-finder__lead" }, h("strong", { text: s.finder_lead + this.colon() }),
      ...this.agencyLinks(clause.lead)));
    return card;
  }

  applicantLabel(kind) {
    return this.facts.get(this.applicantFact).choices.find((c) => c.value === kind)?.[this.lang] ?? kind;
  }

  /** Obligations that bind this visitor: shown at the top only once they do (an "unknown" one is
   * asked about by the questions instead). */
  obligationCards() {
    const applicant = this.applicant();
    const cards = [];
    for (const entry of this.result.measures) {
      const rulesClause = this.rulesClauses.get(entry.clause);
      entry.parts.forEach((part, index) => {
        const measure = rulesClause.measures[index];
        if (measure.kind !== "obligation" || part.status !== "applies" || part.for !== applicant) return;
        cards.push(h("div", { class: "policy-finder__obligation", "data-obligation": entry.clause, "data-status": part.status },
          h("p", {}, h("strong", { text: this.s.finder_obligation + this.colon() }), this.mixed(this.tr(measure.offer)), " ",
            h("a", { href: this.config.clauses[entry.clause].url, text: this.config.clauses[entry.clause].label ?? entry.clause })),
          h("ul", {}, part.conditions.map((c, i) => this.conditionItem(c, measure.conditions[i])))));
      });
    }
    return cards;
  }

  /** The summary line: exactly the engine's `summary` (counts, clauses outside their dates, total). */
  summaryText() {
    const s = this.s;
    const sum = this.result.summary;
    const amount = this.yuan(sum.total_yuan, s.calc_yuan);
    return [
      fill(s.finder_summary, { applies: sum.applies, may: sum.may_apply }),
      sum.ended ? fill(s.finder_summary_ended, { ended: sum.ended }) : "",
      Number(sum.total_yuan) > 0 ? fill(s.finder_summary_total, { amount }) : s.finder_summary_no_total,
    ].filter(Boolean).join(this.language.word_space);
  }

  renderResults() {
    const sum = this.result.summary;
    this.summary.textContent = this.summaryText();
    this.summary.dataset.applies = String(sum.applies);
    this.summary.dataset.mayApply = String(sum.may_apply);
    this.summary.dataset.ended = String(sum.ended);
    this.summary.dataset.total = Number(sum.total_yuan) > 0 ? String(sum.total_yuan) : "";
    this.status.replaceChildren();
    for (const status of GROUPS) {
      const group = this.groups[status];
      const entries = this.result.measures.filter((entry) => groupOf(entry) === status);
      group.heading.textContent = `${group.title} (${entries.length})`;
      group.list.replaceChildren(...entries.map((entry) => this.clauseCard(entry)));
      group.group.hidden = entries.length === 0;
    }
    this.obligations.replaceChildren(...this.obligationCards());
  }

  /** The printed receipt: the answers first, then the results in short (each condition on one line;
   * a clause that does not apply in one line), the words of the clauses that apply or may apply,
   * the print date beside the data date, the address, and "an estimate, not a decision". */
  renderReceipt() {
    const s = this.s;
    const sep = this.language.semicolon;
    const answers = h("dl", { class: "policy-receipt__answers" }, this.answers.flatMap(([key, value]) => [
      h("dt", {}, this.mixed(this.tr(this.facts.get(key).question))), h("dd", {}, this.mixed(this.answerText(key, value)))]));
    const section = (status) => {
      const entries = this.result.measures.filter((entry) => groupOf(entry) === status);
      if (!entries.length) return [];
      const title = this.groups[status].title;
      if (status === "does_not_apply") {
        return [h("h3", { text: `${title} (${entries.length})` }), h("ul", { class: "policy-receipt__short" }, entries.map((entry) => {
          const failed = [...new Set(this.benefitParts(entry)
            .flatMap(([part]) => part.conditions.filter((c) => c.result === false).map((c) => this.tr(c))))];
          const why = failed.length ? failed.join(sep) : `${s.measures_for}${this.colon()}${[...new Set(entry.parts.map((p) => this.applicantLabel(p.for)))].join(this.language.list_separator)}`;
          return h("li", {}, this.mixed(`${this.receiptName(entry)}${this.colon()}${why}`));
        }))];
      }
      return [h("h3", { text: `${title} (${entries.length})` }), ...entries.map((entry) => {
        const box = h("div", { class: "policy-receipt__result" },
          h("p", {}, h("strong", {}, this.mixed(this.receiptName(entry))), " ",
            this.inForce(entry).textContent));
        for (const [part, measure] of this.benefitParts(entry)) {
          if (part.status === "does_not_apply") continue;
          const lines = part.conditions.map((c) => `${this.mark(c)}${this.colon()}${this.tr(c)}`);
          const estimates = Object.values(part.calculators).filter((run) => run.total_yuan !== null && run.status !== "does_not_apply")
            .map((run) => fill(status === "ended" ? s.finder_estimate_ended : s.finder_estimate,
              { amount: this.yuan(run.total_yuan, s.calc_yuan) }));
          const offer = this.tr(measure.offer).replace(/[。.]$/, "");
          box.append(h("p", {}, h("em", {}, this.mixed(offer)), lines.length ? this.colon() : "",
            this.mixed(lines.join(sep)), ...estimates.map((e) => [" ", h("strong", { text: e })])));
        }
        return box;
      })];
    };
    const cited = this.result.measures.filter((entry) => ["applies", "may_apply"].includes(groupOf(entry)));
    this.printDate = h("span", { class: "policy-receipt__printed", text: today() });
    this.receipt.replaceChildren(
      h("h2", { text: `${s.print_heading}${this.colon()}${document.title}` }),
      h("p", { class: "policy-receipt__dates" }, `${s.print_date}${this.colon()}`, this.printDate,
        this.language.field_gap, `${s.print_data_date}${this.colon()}${this.config.as_of}`),
      h("h3", { text: s.print_inputs }), answers,
      h("h3", { text: s.print_results }),
      h("p", { class: "policy-receipt__summary", text: this.summaryText() }),
      ...GROUPS.flatMap(section),
      cited.length ? h("h3", { text: s.print_clause_texts }) : "",
      ...cited.map((entry) => h("div", { class: "policy-receipt__clause" },
        h("p", {}, h("strong", { text: this.receiptName(entry, false) }), " ", h("span", { lang: "zh-Hans", text: this.config.clauses[entry.clause].text_zh })))),
      addressLine(s.print_address, this.colon()),
      estimateLine(s.print_estimate));
  }

  /** A clause on the receipt: as today ("2.3 title"); in a library of more than one document, with its
   * document and that document's status in brackets. */
  receiptName(entry, withTitle = true) {
    const clause = this.config.clauses[entry.clause];
    const name = withTitle ? this.clauseName(entry) : (clause.label ?? entry.clause);
    const doc = clause.document === undefined ? null : this.config.documents?.[clause.document];
    if (!doc) return name;
    return `${name}${this.language.open_paren}${doc.title}${this.colon()}${doc.status_text}${this.language.close_paren}`;
  }

  /** Just before printing: the date of printing (the page may have stayed open since yesterday). */
  beforePrint() {
    if (this.printDate) this.printDate.textContent = today();
    const url = this.receipt.querySelector(".policy-receipt__url");
    if (url) url.textContent = location.href;
  }
}

// --- the finder on every page ---------------------------------------------------------------------

/** @type {Finder | null} the finder on the page now */
let current = null;
let hooked = false;

mountEvery("finder", ".policy-finder[data-finder-config]", (element) => {
  current = new Finder(sharedRuntime(), element, JSON.parse(element.dataset.finderConfig));
  // Once per window (the first copy of this module mounts every finder): Back and Forward between
  // the finder's own entries, and the print date.
  if (hooked) return;
  hooked = true;
  window.addEventListener("popstate", () => current?.popped());
  window.addEventListener("beforeprint", () => current?.root.isConnected && current.beforePrint());
});
