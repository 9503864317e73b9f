// The finder ("what applies to me?"): one question at a time, the results below, every answer
// worked out by calculators.find_json in the site's one Pyodide worker (../calculator/runtime.js),
// shared with the calculator pages. Nothing is sent anywhere: the answers live in the URL.
//
// DOM contract (tests rely on it):
//   [data-finder-state="loading|ready|error"]  the results container
//   [data-clause="2.3"][data-status="applies|may_apply|does_not_apply"]  one per clause
//   form[data-fact="age"]  the current question (none when no question is left)

const APP_KEY = "__policyFinderApp";
const search = new URL(import.meta.url).search;
const [{ sharedRuntime, slowLink }, { h, Bilingual }, { formatAmount }] = await Promise.all(
  ["runtime.js", "dom.js", "amount.js"].map((name) => import(new URL(`../calculator/${name}${search}`, import.meta.url).href)));

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

const STATUSES = ["applies", "may_apply", "does_not_apply"];

class Finder extends Bilingual {
  constructor(app, root, config) {
    super(config.lang);
    this.app = app;
    this.root = root;
    this.config = config;
    this.s = config.strings;
    this.rules = config.rules;
    this.facts = new Map(this.rules.facts.map((fact) => [fact.id, fact]));
    this.applicantFact = this.rules.applicant_fact;
    this.answers = this.readQuery(); // [[fact, value]], in the order answered
    this.editing = null; // a fact being changed from "check your answers"
    this.result = null;
    this.seq = 0;
    this.build();
    this.onRuntime = (state) => this.runtimeChanged(state);
    app.runtime.listeners.add(this.onRuntime);
    if (app.runtime.state === "idle") {
      if (slowLink()) this.offerDownload();
      else this.start();
    }
    this.runtimeChanged(app.runtime.state);
  }

  // --- answers and the URL ------------------------------------------------------------------

  factsObject(answers = this.answers) {
    return Object.fromEntries(answers);
  }

  parseValue(fact, raw) {
    if (raw === "") return null;
    if (fact.type === "bool") return raw === "true" ? true : raw === "false" ? false : raw;
    if (fact.type === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    return raw;
  }

  readQuery() {
    const answers = [];
    for (const [key, raw] of new URLSearchParams(location.search)) {
      const fact = this.facts.get(key);
      if (!fact || answers.some(([k]) => k === key)) continue;
      answers.push([key, this.parseValue(fact, raw)]);
    }
    return answers;
  }

  writeQuery() {
    const url = new URL(location.href);
    url.search = "";
    for (const [key, value] of this.answers) url.searchParams.append(key, value === null ? "" : String(value));
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  // --- the page -----------------------------------------------------------------------------

  build() {
    const s = this.s;
    this.live = h("p", { class: "policy-finder__live policy-visually-hidden", role: "status", "aria-live": "polite" });
    this.questionArea = h("div", { class: "policy-finder__question-area" });
    this.answersArea = h("div", { class: "policy-finder__answers" });
    this.summary = h("p", { class: "policy-finder__summary" });
    this.groups = {};
    const groupTitles = { applies: s.finder_group_applies, may_apply: s.finder_group_may, does_not_apply: s.finder_group_not };
    for (const status of STATUSES) {
      const list = h("div", { class: "policy-finder__list" });
      const heading = h("h3", { class: "policy-finder__group-heading" });
      const group = status === "does_not_apply"
        ? h("details", { class: "policy-finder__group", "data-group": status }, h("summary", {}, heading), list)
        : h("section", { class: "policy-finder__group", "data-group": status }, heading, list);
      this.groups[status] = { group, list, heading, title: groupTitles[status] };
    }
    this.obligations = h("div", { class: "policy-finder__obligations" });
    this.printButton = h("button", { type: "button", class: "md-button policy-print-button", text: s.print_button });
    this.printButton.addEventListener("click", () => window.print());
    this.receipt = h("section", { class: "policy-receipt", hidden: true, "data-receipt": "finder" });
    this.results = h("section", { class: "policy-finder__results", "data-finder-state": "loading", "aria-labelledby": "policy-finder-results" },
      h("h2", { id: "policy-finder-results", text: s.finder_results }),
      this.summary, this.obligations,
      ...STATUSES.map((status) => this.groups[status].group),
      h("div", { class: "policy-finder__actions" }, this.printButton));
    const noscript = this.root.querySelector("noscript");
    if (noscript) noscript.remove();
    this.root.append(this.live, this.questionArea, this.answersArea, this.results, this.receipt);
    this.summary.textContent = fill(s.finder_loading, { mb: this.config.download_mb });
  }

  setState(state) {
    this.results.dataset.finderState = state;
  }

  start() {
    this.app.start(this.config);
  }

  /** Save-Data or a slow link: say how big the download is and wait for the visitor to ask. */
  offerDownload() {
    const button = h("button", { type: "button", class: "md-button policy-finder__download",
      text: fill(this.s.finder_download_button, { mb: this.config.download_mb }) });
    button.addEventListener("click", () => {
      button.remove();
      this.start();
    });
    this.summary.replaceChildren(fill(this.s.finder_slow_link, { mb: this.config.download_mb }), " ", button);
  }

  /** While Python downloads: the bytes so far (of what a compressing host sends), then "starting". */
  showProgress(progress) {
    if (!progress) return;
    if (progress.stage === "start") {
      this.summary.textContent = this.s.finder_starting;
      return;
    }
    const total = Number(this.config.download_mb);
    const fraction = progress.total ? Math.min(1, progress.loaded / progress.total) : 0;
    this.summary.textContent = fill(this.s.finder_progress, { loaded: (fraction * total).toFixed(1), total: total.toFixed(1) });
  }

  runtimeChanged(state) {
    if (!this.root.isConnected) {
      this.app.runtime.listeners.delete(this.onRuntime);
      return;
    }
    if (state === "loading") this.showProgress(this.app.runtime.progress);
    else if (state === "ready" && !this.result) this.refresh({ announce: false, focus: false });
    else if (state === "failed") {
      this.setState("error");
      this.summary.textContent = this.s.finder_load_failed;
    }
  }

  async run(answers) {
    const request = JSON.stringify({ rules: this.rules, facts: this.factsObject(answers), as_of: this.config.as_of });
    const answer = await this.app.runtime.call("find_json", request);
    if (answer.failure !== undefined) return { failure: answer.failure };
    return JSON.parse(answer.response);
  }

  /** Work out the current answers; drop answers from the URL that the engine refuses. */
  async refresh({ announce = true, focus = true } = {}) {
    const seq = ++this.seq;
    let response = await this.run(this.answers);
    for (let tries = 0; !response.failure && !response.ok && tries < 5; tries++) {
      const bad = new Set(response.errors.map((e) => e.field));
      this.answers = this.answers.filter(([key]) => !bad.has(key));
      if (bad.has(null)) this.answers = [];
      response = await this.run(this.answers);
    }
    if (seq !== this.seq || !this.root.isConnected) return;
    if (response.failure !== undefined || !response.ok) {
      this.setState("error");
      this.summary.textContent = this.s.finder_load_failed;
      return;
    }
    this.result = response.result;
    this.writeQuery();
    this.render({ announce, focus });
    this.setState("ready");
  }

  /** Try an answer; keep it only if the engine accepts it, else say why on the question. */
  async answer(factId, value) {
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
    const seq = ++this.seq;
    const response = await this.run(answers);
    if (seq !== this.seq) return;
    if (response.failure !== undefined) {
      this.setState("error");
      this.summary.textContent = this.s.finder_load_failed;
      return;
    }
    if (!response.ok) {
      this.showErrors(response.errors);
      return;
    }
    this.answers = answers;
    this.editing = null;
    this.result = response.result;
    this.writeQuery();
    this.render({ announce: true, focus: true });
  }

  back() {
    const index = this.editing ? this.answers.findIndex(([key]) => key === this.editing) : this.answers.length;
    this.editing = index > 0 ? this.answers[index - 1][0] : null;
    this.render({ announce: true, focus: true });
  }

  // --- rendering ----------------------------------------------------------------------------

  currentQuestion() {
    if (this.editing) return this.editing;
    return this.result?.next_question ?? null;
  }

  counts() {
    const c = { applies: 0, may_apply: 0, does_not_apply: 0 };
    for (const entry of this.result.measures) c[entry.status] += 1;
    return c;
  }

  render({ announce, focus }) {
    this.renderQuestion();
    this.renderAnswers();
    this.renderResults();
    this.renderReceipt();
    const c = this.counts();
    const question = this.currentQuestion();
    if (announce) {
      this.live.textContent = question
        ? fill(this.s.finder_announce, { question: this.tr(this.facts.get(question).question), applies: c.applies, may: c.may_apply })
        : fill(this.s.finder_announce_done, { applies: c.applies, may: c.may_apply });
    }
    if (focus) {
      const target = this.questionArea.querySelector("[data-focus]") ?? this.results.querySelector("h2");
      target?.focus();
    }
  }

  currentValue(factId) {
    const found = this.answers.find(([key]) => key === factId);
    return found ? found[1] : undefined;
  }

  renderQuestion() {
    const s = this.s;
    const factId = this.currentQuestion();
    if (!factId) {
      this.questionArea.replaceChildren(h("p", { class: "policy-finder__done", tabindex: "-1", "data-focus": true, text: s.finder_done }),
        this.answers.length ? this.backLink() : "");
      return;
    }
    const fact = this.facts.get(factId);
    const id = `finder-q-${factId}`;
    const number = this.answers.filter(([key]) => key !== factId).length + 1;
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

  readControl(fact, form) {
    if (fact.type === "integer") {
      const raw = form.querySelector("input").value.trim();
      if (raw === "") return undefined;
      return /^-?\d+$/.test(raw) ? Number(raw) : raw; // typed text: Python says why, with an example
    }
    const picked = form.querySelector("input:checked");
    if (!picked) return undefined;
    if (fact.type === "bool") return picked.value === "true";
    return picked.value;
  }

  showErrors(errors) {
    const form = this.questionArea.querySelector("form");
    if (!form) return;
    const error = form.querySelector(".policy-finder__error");
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
    return `${value}${fact.unit ? (this.lang === "zh" ? "" : " ") + this.tr(fact.unit) : ""}`;
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

  calculatorLink(calcId, run) {
    const calc = this.config.calculators[calcId];
    if (!calc) return null;
    const url = new URL(calc.url, location.href);
    for (const [name, value] of Object.entries(run?.inputs ?? {})) {
      if (calc.fields.includes(name)) url.searchParams.set(name, String(value));
    }
    const relative = calc.url + url.search;
    return h("a", { href: relative }, this.mixed(fill(this.s.finder_open_calculator, { title: calc.title })));
  }

  inForce(entry) {
    const clause = this.config.clauses[entry.clause];
    const v = clause.validity ?? {};
    const key = `finder_in_force_${entry.in_force}`;
    return h("p", { class: `policy-finder__in-force policy-finder__in-force--${entry.in_force}`, "data-in-force": entry.in_force,
      text: fill(this.s[key], { start: v.from ?? "", end: v.to ?? "" }) });
  }

  conditionItem(condition, measureCondition) {
    const s = this.s;
    const label = condition.result === true ? s.finder_condition_met : condition.result === false ? s.finder_failed_condition : s.finder_condition_unknown;
    const judged = [];
    const walk = (test) => {
      if (!test) return;
      if (test.judged_by) judged.push(test.judged_by);
      for (const part of test.all ?? test.any ?? []) walk(part);
      if (test.not) walk(test.not);
    };
    walk(measureCondition?.test);
    return h("li", { "data-result": String(condition.result) },
      h("span", { class: "policy-finder__mark", text: `${label}${this.colon()}` }), this.mixed(this.tr(condition)),
      h("br"), h("q", { lang: "zh-Hans", class: "policy-finder__quote", text: condition.quote }),
      ...judged.map((a) => h("span", { class: "policy-finder__judged" }, " ", this.mixed(fill(s.finder_decided_by, { agency: this.config.agencies[a] ?? a })))));
  }

  clauseCard(entry) {
    const s = this.s;
    const clause = this.config.clauses[entry.clause];
    const rulesClause = this.rules.clauses.find((c) => c.clause === entry.clause);
    const applicant = this.result && this.factsObject()[this.applicantFact];
    const card = h("article", { class: "policy-finder__clause", "data-clause": entry.clause, "data-status": entry.status });
    card.append(h("h4", {}, h("a", { href: clause.url }, this.mixed(`${entry.clause} ${clause.title}`))));
    card.append(this.inForce(entry));
    entry.parts.forEach((part, index) => {
      const measure = rulesClause.measures[index];
      if (measure.kind !== "benefit") return;
      if (applicant && part.for !== applicant) return;
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
          this.mixed(part.missing.map((f) => this.tr(this.facts.get(f).question)).join(this.lang === "zh" ? "；" : "; "))));
      }
      for (const note of measure.notes ?? []) box.append(h("p", { class: "policy-finder__note" }, this.mixed(this.tr(note))));
      for (const calcId of measure.calculators.map((c) => c.id)) {
        const run = part.calculators[calcId];
        const link = this.calculatorLink(calcId, run);
        if (run && run.total_yuan !== null && run.status !== "does_not_apply") {
          box.append(h("p", { class: "policy-finder__estimate", "data-estimate": String(run.total_yuan) },
            h("strong", { text: fill(s.finder_estimate, { amount: fill(s.calc_yuan ?? "{amount}", { amount: formatAmount(run.total_yuan) }) }) })));
        }
        if (link && part.status !== "does_not_apply") box.append(h("p", {}, link));
      }
      card.append(box);
    });
    const kinds = [...new Set(rulesClause.measures.filter((m) => m.kind === "benefit").map((m) => m.for))];
    if (applicant && !kinds.includes(applicant)) {
      const labels = kinds.map((kind) => this.rules.facts.find((f) => f.id === this.applicantFact)
        .choices.find((c) => c.value === kind)?.[this.lang] ?? kind);
      card.append(h("p", { class: "policy-finder__for", "data-reason": "for" },
        h("strong", { text: s.measures_for + this.colon() }), this.mixed(labels.join(this.lang === "zh" ? "、" : ", "))));
    }
    const lead = clause.lead.map((a) => h("a", { href: a.url }, this.mixed(a.name)));
    card.append(h("p", { class: "policy-finder__lead" }, h("strong", { text: s.finder_lead + this.colon() }),
      ...lead.flatMap((link, i) => (i ? [this.lang === "zh" ? "、" : ", ", link] : [link]))));
    return card;
  }

  obligationCards() {
    const applicant = this.factsObject()[this.applicantFact];
    const cards = [];
    for (const entry of this.result.measures) {
      const rulesClause = this.rules.clauses.find((c) => c.clause === entry.clause);
      entry.parts.forEach((part, index) => {
        const measure = rulesClause.measures[index];
        if (measure.kind !== "obligation" || part.status === "does_not_apply" || part.for !== applicant) return;
        cards.push(h("div", { class: "policy-finder__obligation", "data-obligation": entry.clause, "data-status": part.status },
          h("p", {}, h("strong", { text: this.s.finder_obligation + this.colon() }), this.mixed(this.tr(measure.offer)), " ",
            h("a", { href: this.config.clauses[entry.clause].url, text: entry.clause })),
          h("ul", {}, part.conditions.map((c, i) => this.conditionItem(c, measure.conditions[i])))));
      });
    }
    return cards;
  }

  total() {
    let cents = 0;
    let any = false;
    for (const entry of this.result.measures) {
      for (const part of entry.parts) {
        for (const run of Object.values(part.calculators)) {
          if (run.status === "applies" && run.total_yuan !== null) {
            cents += Math.round(Number(run.total_yuan) * 100);
            any = true;
          }
        }
      }
    }
    return any ? cents / 100 : null;
  }

  renderResults() {
    const s = this.s;
    const c = this.counts();
    const total = this.total();
    this.summary.replaceChildren(fill(s.finder_summary, { applies: c.applies, may: c.may_apply }), " ",
      total === null ? s.finder_summary_no_total
        : fill(s.finder_summary_total, { amount: fill(s.calc_yuan ?? "{amount}", { amount: formatAmount(total) }) }));
    this.summary.dataset.applies = String(c.applies);
    this.summary.dataset.mayApply = String(c.may_apply);
    this.summary.dataset.total = total === null ? "" : String(total);
    for (const status of STATUSES) {
      const group = this.groups[status];
      const entries = this.result.measures.filter((entry) => entry.status === status);
      group.heading.textContent = `${group.title} (${entries.length})`;
      group.list.replaceChildren(...entries.map((entry) => this.clauseCard(entry)));
      group.group.hidden = entries.length === 0;
    }
    this.obligations.replaceChildren(...this.obligationCards());
  }

  renderReceipt() {
    const s = this.s;
    const cited = this.result.measures.filter((entry) => entry.status !== "does_not_apply");
    const answers = h("dl", {}, this.answers.flatMap(([key, value]) => [
      h("dt", {}, this.mixed(this.tr(this.facts.get(key).question))), h("dd", {}, this.mixed(this.answerText(key, value)))]));
    this.receipt.replaceChildren(
      h("h2", { text: `${s.print_heading}${this.colon()}${document.title}` }),
      h("h3", { text: s.print_inputs }), answers,
      h("h3", { text: s.print_clause_texts }),
      ...cited.map((entry) => h("div", { class: "policy-receipt__clause" },
        h("p", {}, h("strong", { text: entry.clause })),
        h("p", { lang: "zh-Hans", text: this.config.clauses[entry.clause].text_zh }))),
      h("p", { text: `${s.print_data_date}${this.colon()}${this.config.as_of}` }),
      h("p", {}, `${s.print_address}${this.colon()}`, h("span", { class: "policy-receipt__url", text: location.href })),
      h("p", { class: "policy-receipt__estimate", text: s.print_estimate }));
  }
}

class App {
  constructor(runtime) {
    this.runtime = runtime;
    this.seen = new WeakSet();
    this.subscribed = false;
  }

  start(config) {
    this.runtime.start(new URL(config.pyodide, location.href).href, config.runtime_version, config.runtime_manifest ?? null);
  }

  scan(root = document) {
    for (const element of root.querySelectorAll(".policy-finder[data-finder-config]")) {
      if (this.seen.has(element)) continue;
      this.seen.add(element);
      try {
        new Finder(this, element, JSON.parse(element.dataset.finderConfig));
      } catch (error) {
        console.error("finder:", error);
      }
    }
  }
}

// Printing opens every folded part, so the printout shows the whole result.
if (!globalThis.__policyPrintHook) {
  globalThis.__policyPrintHook = true;
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll(".policy-finder details")) details.open = true;
  });
}

const app = (globalThis[APP_KEY] ??= new App(sharedRuntime()));
app.scan(document);
if (!app.subscribed && typeof window.document$?.subscribe === "function") {
  app.subscribed = true;
  window.document$.subscribe(() => app.scan(document));
}
