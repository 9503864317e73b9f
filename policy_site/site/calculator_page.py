"""What a calculator page's browser script reads (docs/assets/calculator/calculator.js), built
here beside the finder's (``finder_page.page_config``); the template only serialises it.

- ``page_config``: the calculator's metadata, the runtime's folder, version and manifest, each
  parameter default with the sentence that says where it comes from, the page's strings, the
  clause and its lead agencies with their links, and what to say when the clause has expired;
- ``receipt_config``: what the printed receipt needs beyond the form.

Links come from the site map, relative to the calculator page.
"""

from __future__ import annotations

from typing import Any, Callable

from . import amounts, formatting
from ..data.model import Clause, Validity

# Strings the script shows as they are.
PLAIN_STRINGS = (
    "calc_submit", "calc_loading", "calc_ready", "calc_save_data", "calc_load_first", "calc_load_failed",
    "calc_busy", "calc_result", "calc_total", "calc_items", "calc_reasons", "calc_errors",
    "calc_status_errors", "calc_choose", "calc_optional", "calc_clause_link", "how_read", "estimate_note",
    "apply_to", "summary_ask", "clause", "eligible", "not_eligible")
# Strings with placeholders that the script fills: the placeholders are kept as they are.
TEMPLATE_STRINGS = (
    "calc_read_money", "calc_read_number", "calc_bad_money", "calc_bad_grouping", "calc_bad_decimals",
    "calc_bad_whole", "calc_bad_int", "calc_bad_number", "calc_up_to", "calc_by_year", "calc_year_n",
    "calc_year_amount", "calc_year_cumulative", "calc_year_col")
# A parameter value checked longer ago than this is shown with a warning.
OLD_DEFAULT_DAYS = 365

Translate = Callable[..., str]  # render.Renderer.t: a UI string of this language, filled


def calculator_clause(site: Any, calc_id: str) -> Clause:
    """The clause a calculator implements (the first one that names it). A clause of one of the library's
    documents without a validity of its own has its document's life as its validity."""
    return calculator_home(site, calc_id)[0]


def calculator_home(site: Any, calc_id: str) -> tuple[Any, Any]:
    """The clause a calculator implements and the library document it is in (None: the top-level one)."""
    if calc_id in site.clauses_by["calculator"]:
        return site.clauses_by["calculator"][calc_id][0], None
    document, clause = next((d, c) for d in site.documents for c in d.clauses if calc_id in c.calculators)
    if clause.validity is None and document.meta.in_force_from is not None:
        life = Validity.model_validate({"from": document.meta.in_force_from, "to": document.meta.expires})
        clause = clause.model_copy(update={"validity": life})
    return clause, document


def clause_page(site: Any, calc_id: str, site_map: Any) -> Any:
    """The page of the clause a calculator implements (a top-level clause's, or a library document's)."""
    clause, document = calculator_home(site, calc_id)
    return site_map.clause(clause.id) if document is None else site_map.document_clause(document.id, clause.id)


def clause_name(site: Any, calc_id: str, lang: str, t: Translate) -> str:
    """The calculator's clause as a reader names it: a top-level clause by its id (``1.2``), a library
    document's by its number (``第十六条``) or ``Clause 16``, as its own page and the finder name it."""
    clause, document = calculator_home(site, calc_id)
    if document is None:
        return clause.id
    return formatting.library_clause_label(clause, lang, t)


def page_config(site: Any, lang: str, calc_id: str, site_map: Any, page: Any, t: Translate) -> dict[str, Any]:
    """What calculator.js reads, for the calculator page ``page`` in language ``lang``."""
    calc = site.calculators[calc_id]
    clause = calculator_clause(site, calc_id)
    runtime = site.runtime
    config: dict[str, Any] = {
        "calculator": {key: calc[key] for key in ("id", "clause", "title", "fields", "notes", "eligible_verdict", "headline")},
        "lang": lang,
        "pyodide": site_map.runtime_folder(page),
        "runtime_version": runtime.version,
        "download_bytes": runtime.download_bytes,
        "runtime_manifest": runtime.manifest,
        "parameter_defaults": _parameter_defaults(site, lang, calc, t),
        "clause": {"id": clause_name(site, calc_id, lang, t), "title": clause.title[lang] if clause.title else "",
                   "url": site_map.url(clause_page(site, calc_id, site_map), page)},
        "strings": _strings(runtime, t),
    }
    validity = clause.validity
    if validity and validity.end and validity.status(site.data_date) == "expired":
        start, end = formatting.date(validity.start, lang), formatting.date(validity.end, lang)
        config["expired"] = {"would_have": t("calc_would_have", start=start, end=end),
                             "not": t("calc_expired_not", end=end)}
    config["agencies"] = [{"name": (site.policy.agency[a].full_name or site.policy.agency[a].name)[lang],
                           "url": site_map.url(site_map.agency(a), page)} for a in clause.lead_agencies]
    return config


def receipt_config(site: Any, calc_id: str, t: Translate, lang: str) -> dict[str, Any]:
    """What a calculator's printed receipt needs beyond the form: its strings, the cited clause (as a
    reader names it) and its Chinese text, the data date."""
    clause = calculator_clause(site, calc_id)
    return {"clause": clause_name(site, calc_id, lang, t), "text_zh": clause.text.zh, "data_date": site.data_date.isoformat(), "strings": {
        "print_button": t("print_button"), "print_heading": t("print_heading"), "print_inputs": t("print_inputs_calc"),
        "print_clause_texts": t("print_clause_texts"), "print_data_date": t("print_data_date"),
        "print_address": t("print_address"), "print_estimate": t("print_estimate"),
        "yes": t("finder_yes"), "no": t("finder_no")}}


def _strings(runtime: Any, t: Translate) -> dict[str, str]:
    strings = {key: t(key) for key in PLAIN_STRINGS}
    strings |= {key: t(key, amount="{amount}", unit="{unit}", typed="{typed}", n="{n}") for key in TEMPLATE_STRINGS}
    strings |= {
        "calc_loading_note": t("calc_loading_note", mb=runtime.download_mb),
        "calc_load_button": t("calc_load_button", mb=runtime.download_mb),
        "calc_status_done": t("calc_status_done", amount="{amount}"),
        "calc_yuan": t("calc_yuan", amount="{amount}"),
    }
    strings |= {key: t(key, mb=runtime.download_mb, loaded="{loaded}", total="{total}", percent="{percent}")
                for key in runtime.ui_keys}
    return strings


def _parameter_defaults(site: Any, lang: str, calc: dict[str, Any], t: Translate) -> dict[str, dict[str, Any]]:
    """Each field's default from a dated parameter: its value, the date it took effect, the document
    that set it, the sentence that says so (and the next value if one is known), and a warning when
    the value was last checked over a year before the data date."""
    today = site.data_date
    defaults = {}
    for f in calc["fields"]:
        parameter_id = f.get("default_parameter")
        found = site.parameter_default(parameter_id) if parameter_id else None
        if not found:
            continue
        since, value = found
        parameter = site.policy.parameter[parameter_id]
        money = amounts.money_text(value.value, lang)
        text = t("calc_default_source", value=money, ref=_reference(value.reference, lang),
                 date=formatting.date(since, lang))
        upcoming = parameter.upcoming(today)
        if upcoming:
            (next_date, next_value), *_ = upcoming
            text += ("" if lang == "zh" else " ") + t(
                "calc_default_upcoming", value=amounts.money_text(next_value.value, lang),
                date=formatting.date(next_date, lang))
        checked = max(d for d in (since, parameter.last_checked) if d)
        defaults[f["name"]] = {
            "value": str(value.value),
            "date": since.isoformat(),
            "reference": value.reference.number,
            "text": text,
            "warning": (t("calc_old_default", value=money, date=formatting.date(since, lang))
                        if (today - checked).days > OLD_DEFAULT_DAYS else None),
        }
    return defaults


def _reference(reference: Any, lang: str) -> str:
    """The document that set a value: its number, then its title (in 《》 on Chinese pages, in brackets
    on English ones); without a number, its title alone."""
    title = reference.title[lang]
    if reference.number:
        return reference.number + (f"《{title}》" if lang == "zh" else f" ({title})")
    return title if lang == "en" else f"《{title}》"
