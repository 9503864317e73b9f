"""Charts drawn at build time as SVG with matplotlib, from the calculators' own figures and results.

Text stays text (``svg.fonttype: none``) so Chinese is drawn with the reader's fonts; every chart has
a title and a description inside the SVG (``<title>``, ``<desc>``) and the same numbers as a table
on the page; no script is shipped. A fixed ``svg.hashsalt`` and no date in the metadata make two
builds give the same bytes.

Charts (one per clause that needs a picture):
- 1.2: the award by new hires, one step line per kind of enterprise;
- a calculator with a yearly cap (its one ``yuan_per_year`` figure: 2.2) and a worked example over
  several years: the amount year by year, with the cap;
- 3.1: the allowances accumulated year by year for the calculator's worked example.
"""

from __future__ import annotations

import html
import io
import re
import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from . import amounts
from .figures import tier_table

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "policy-site",
    "svg.id": None,
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"],
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,
}
COLOURS = ("#3949ab", "#c25e00", "#2e7d32")


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG and the table with the same numbers."""

    key: str
    title: str
    description: str
    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    """Shown under the chart's title: where an assumed figure comes from (3.1's example wage)."""


def _svg(draw: Callable[[Any], None], title: str, description: str, key: str) -> str:
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt

    with matplotlib.rc_context(_RC):
        fig, ax = plt.subplots(figsize=(6.4, 3.6))
        try:
            draw(ax)
            fig.tight_layout()
            out = io.StringIO()
            fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
        finally:
            plt.close(fig)
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]  # no XML declaration or DOCTYPE inside a page
    svg = re.sub(r"\n\s*\n", "\n", svg)  # no blank line: the page's Markdown must leave it alone
    head_end = svg.index(">") + 1
    opening = svg[:head_end]
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening, count=2)  # scales with the page
    ident = f"policy-chart-{key}"
    opening = opening[:-1] + f' role="img" aria-labelledby="{ident}-title {ident}-desc" class="policy-chart__svg">'
    return (opening + f'<title id="{ident}-title">{html.escape(title)}</title>'
            f'<desc id="{ident}-desc">{html.escape(description)}</desc>' + svg[head_end:])


def _label(lang: str, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def _yuan_axis(ax, lang: str) -> None:
    from matplotlib.ticker import FuncFormatter

    if lang == "zh":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{amounts.wan(Decimal(str(v)).quantize(Decimal(1)))}万"))
        ax.set_ylabel("元")
    else:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: amounts.digits(Decimal(str(v)).quantize(Decimal(1)), "en")))
        ax.set_ylabel("yuan")


def hiring_award_chart(calc: dict, lang: str) -> Chart | None:
    """1.2: award (y) by new hires (x), a step line per kind of enterprise."""
    tiers = tier_table(calc["figures"])
    if not tiers:
        return None
    kinds = (("state_owned", _label(lang, "国有企业", "State-owned")), ("non_public", _label(lang, "非公企业", "Non-public")))
    title = _label(lang, "企业吸纳就业奖励：新增人数与奖励", "Hiring award: new hires and the award")
    description = _label(
        lang,
        "阶梯图：横轴是当年新增拉萨市户籍就业人数，纵轴是奖励金额；国有企业和非公企业各一条线。"
        "每一档还要求其中拉萨籍高校毕业生达到一定人数，见下表。",
        "Step chart: new hires with Lhasa household registration in the year across, the award up; one "
        "line for state-owned and one for non-public enterprises. Each tier also needs a number of "
        "Lhasa college graduates among them, in the table below.")

    def draw(ax):
        for colour, (kind, name) in zip(COLOURS, kinds):
            xs, ys = [0], [0]
            for tier in tiers["tiers"]:
                xs.append(int(Decimal(tier[kind]["hires"]["value"])))
                ys.append(int(Decimal(tier["award"]["value"])))
            top = int(Decimal(tiers["tiers"][-1]["state_owned"]["hires"]["value"])) * 1.15
            xs.append(top)
            ys.append(ys[-1])
            ax.step(xs, ys, where="post", color=colour, label=name, linewidth=2)
        ax.set_xlabel(_label(lang, "当年新增拉萨市户籍就业人数（人）", "New Lhasa-registered hires in the year"))
        _yuan_axis(ax, lang)
        ax.set_ylim(bottom=0)
        ax.set_xlim(left=0)
        ax.legend(frameon=False, loc="lower right")
        ax.set_title(title)

    # Its numbers are the clause page's tier table (tier x kind of enterprise), shown just above.
    return Chart("hiring_award_tiers", title, description, _svg(draw, title, description, "hiring_award_tiers"), (), ())


def _yearly_chart(key: str, result: dict, lang: str, title: str, description: str,
                  cap: Decimal | None = None, cumulative: bool = False) -> Chart | None:
    rows_data = result.get("by_year") or []
    if not rows_data:
        return None
    years = [row["year"] for row in rows_data]
    values = [Decimal(str(row["cumulative_yuan" if cumulative else "yuan"])) for row in rows_data]

    def draw(ax):
        names = [_label(lang, f"第{y}年", f"Year {y}") for y in years]
        bars = ax.bar(names, [float(v) for v in values], color=COLOURS[0], width=0.6)
        for bar, value in zip(bars, values):
            ax.annotate(amounts.money_text(value, lang).split("（")[0], (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
        if cap is not None:
            ax.axhline(float(cap), color=COLOURS[1], linestyle="--", linewidth=1.5,
                       label=_label(lang, f"每年上限 {amounts.figure_text(cap, 'yuan', 'zh')}", f"Cap: {amounts.figure_text(cap, 'yuan', 'en')} a year"))
            ax.legend(frameon=False, loc="lower right")
        _yuan_axis(ax, lang)
        ax.set_ylim(0, float(max(values + ([cap] if cap else []))) * 1.2)
        ax.set_title(title)

    columns = (_label(lang, "年度", "Year"), _label(lang, "当年", "That year"), _label(lang, "累计", "Running total"))
    rows = tuple((_label(lang, f"第{row['year']}年", f"Year {row['year']}"), amounts.money_text(row["yuan"], lang),
                  amounts.money_text(row["cumulative_yuan"], lang)) for row in rows_data)
    return Chart(key, title, description, _svg(draw, title, description, key), columns, rows)


def yearly_chart(calc: dict, calculate: Callable, lang: str) -> Chart | None:
    """A calculator whose metadata has one yearly figure in money (a cap a year: 2.2's, or a calculator
    written as data like it) and a worked example paid over several years: that example's amount year
    by year (the example with the most years), the yearly figure as a dashed line."""
    caps = [f for f in calc["figures"] if f["unit"] == "yuan_per_year"]
    if len(caps) != 1:
        return None
    paid = [(n, e, calculate(calc["id"], e)) for n, e in enumerate(calc["examples"], start=1)]
    paid = [(n, e, r) for n, e, r in paid if r["eligible"] and len(r["by_year"]) > 1]
    if not paid:
        return None
    number, example, result = max(paid, key=lambda p: len(p[2]["by_year"]))  # the first of the longest
    cap = Decimal(caps[0]["value"])
    name = calc["title"][lang]
    most = result["total_is_ceiling"]
    title = _label(lang, f"{name}：逐年{'最多可得' if most else '金额'}", f"{name}: {'the most' if most else 'the amount'} each year")
    inputs = _label(lang, "，", ", ").join(_input_text(f, example[f["name"]], lang) for f in calc["fields"]
                                           if f["name"] in example)
    cap_zh, cap_en = amounts.figure_text(cap, "yuan", "zh"), amounts.figure_text(cap, "yuan", "en")
    description = _label(
        lang, f"柱状图：以下面第{number}个算例（{inputs}）为例，每年{'最多' if most else ''}可得的金额；虚线是每年{cap_zh}的上限。",
        f"Bar chart: for worked example {number} below ({inputs}), the {'most' if most else 'amount'} paid each year; "
        f"the dashed line is the cap of {cap_en} a year.")
    return _yearly_chart(f"{calc['id']}_by_year", result, lang, title, description, cap=cap)


def _input_text(field: dict, value: object, lang: str) -> str:
    """One input of a worked example in a sentence: 「租赁的场地类型：非政府投资建设的场地（摊位）」."""
    if field["type"] == "choice":
        shown = next(c[lang] for c in field["choices"] if c["value"] == value)
    elif field["type"] == "bool":
        shown = _label(lang, "是" if value else "否", "yes" if value else "no")
    else:
        shown = amounts.plain(amounts.input_value(value, field, lang))
    return _label(lang, f"{field['label'][lang]}：{shown}", f"{field['label'][lang]}: {shown}")


def graduate_chart(calc: dict, calculate: Callable, lang: str) -> Chart | None:
    """3.1: the allowances accumulated year by year (the worked example over 5 years)."""
    example = max((e for e in calc["examples"] if calculate(calc["id"], e)["eligible"]),
                  key=lambda e: e.get("years", 0), default=None)
    if example is None:
        return None
    result = calculate(calc["id"], example)
    wage = Decimal(str(example["local_monthly_min_wage_yuan"]))
    title = _label(lang, "高校毕业生区外就业补贴：逐年累计", "Graduates working outside the region: allowances added up year by year")
    description = _label(
        lang, f"柱状图：以算例（就业地月最低工资{amounts.money_text(wage, 'zh')}，这是算例假设的数字，"
              f"不是任何地方的实际标准）为例，安家、生活、住房和探亲路费补贴逐年累计的金额。",
        f"Bar chart: for the worked example (a local minimum wage of {amounts.money_text(wage, 'en')} a month, "
        f"a figure assumed for the example, not any place's actual rate), the settlement, living, "
        f"housing and family-visit allowances added up year by year.")
    chart = _yearly_chart("graduate_allowances_cumulative", result, lang, title, description, cumulative=True)
    note = _label(
        lang, f"图中假设就业地月最低工资标准为每月{amounts.money_text(wage, 'zh')}：这是本站为举例选的数字，"
              f"不是任何地方的实际标准。各地标准不同，请用计算器填入就业所在地的标准。",
        f"The chart assumes a local minimum wage of {amounts.money_text(wage, 'en')} a month: a figure this "
        f"site chose for the example, not any place's actual rate. Rates differ from place to place: "
        f"use the calculator with the rate where the graduate works.")
    return dataclasses.replace(chart, note=note)


def chart_inputs(clause_calculators: list[str], calculators: dict, calculate: Callable | None,
                 lang: str) -> list:
    """Everything ``charts_for_clause`` draws from, for the same arguments: the language, each
    calculator's metadata and the results of its worked examples (chart_memo's key)."""
    def result(cid: str, example: dict) -> object:
        try:
            return calculate(cid, example)
        except ValueError as refused:  # an example written to be refused (calculators.InputError)
            return f"refused: {refused}"

    return [lang, [(cid, calculators[cid], None if calculate is None else
                    [result(cid, example) for example in calculators[cid].get("examples", [])])
                   for cid in clause_calculators]]


def charts_for_clause(clause_calculators: list[str], calculators: dict, calculate: Callable | None,
                      lang: str) -> list[Chart]:
    """The charts of a clause, from its calculators (none when the build has no calculator runner)."""
    out: list[Chart] = []
    for cid in clause_calculators:
        calc = calculators[cid]
        chart = None
        if cid == "enterprise_hiring_award":
            chart = hiring_award_chart(calc, lang)
        elif calculate is not None and cid == "graduate_outside_region":
            chart = graduate_chart(calc, calculate, lang)
        elif calculate is not None:
            chart = yearly_chart(calc, calculate, lang)
        if chart is not None:
            out.append(chart)
    return out
