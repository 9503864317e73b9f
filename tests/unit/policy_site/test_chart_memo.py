"""chart_memo: a clause's charts are drawn once for the same inputs and code, and drawn again when any
input changes, when an entry is damaged, and when matplotlib has no font list yet."""

from __future__ import annotations

import copy

import calculators
from policy_site.site import chart_memo, charts

CLAUSE = ["enterprise_hiring_award"]  # 1.2's chart: the award by new hires


def charts_of(cache, metadata: dict, lang: str = "zh") -> tuple[list[charts.Chart], int]:
    """The clause's charts through the memo, and how many times they were drawn for it."""
    drawn = []

    def draw():
        drawn.append(1)
        return charts.charts_for_clause(CLAUSE, metadata, calculators.calculate, lang)

    inputs = charts.chart_inputs(CLAUSE, metadata, calculators.calculate, lang)
    return chart_memo.remembered(cache, inputs, draw), len(drawn)


def test_the_same_inputs_are_drawn_once_and_give_the_same_chart(tmp_path):
    first, drawn_first = charts_of(tmp_path, calculators.CALCULATORS)
    again, drawn_again = charts_of(tmp_path, calculators.CALCULATORS)
    assert (drawn_first, drawn_again) == (1, 0)
    assert again == first and first[0].svg.startswith("<svg") and isinstance(again[0].rows, tuple)
    assert len(list((tmp_path / "charts").glob("*.json"))) == 1


def test_another_language_or_figure_is_drawn_again(tmp_path):
    zh, _ = charts_of(tmp_path, calculators.CALCULATORS)
    en, drawn_en = charts_of(tmp_path, calculators.CALCULATORS, "en")
    assert drawn_en == 1 and en[0].title != zh[0].title
    changed = copy.deepcopy(dict(calculators.CALCULATORS))
    award = next(f for f in changed[CLAUSE[0]]["figures"] if f["unit"] == "yuan")
    award["value"] = str(int(award["value"]) + 10000)
    redrawn, drawn = charts_of(tmp_path, changed)
    assert drawn == 1 and redrawn[0].svg != zh[0].svg


def test_a_damaged_entry_is_drawn_again_and_replaced(tmp_path):
    first, _ = charts_of(tmp_path, calculators.CALCULATORS)
    (entry,) = (tmp_path / "charts").glob("*.json")
    entry.write_text('[{"key": "half', encoding="utf-8")
    again, drawn = charts_of(tmp_path, calculators.CALCULATORS)
    assert drawn == 1 and again == first
    assert charts_of(tmp_path, calculators.CALCULATORS)[1] == 0


def test_without_matplotlibs_font_list_or_a_cache_every_build_draws(tmp_path, monkeypatch):
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "no-fonts-listed-yet"))
    assert [charts_of(tmp_path, calculators.CALCULATORS)[1] for _ in range(2)] == [1, 1]
    assert not (tmp_path / "charts").exists()
    monkeypatch.delenv("MPLCONFIGDIR")
    assert [charts_of(None, calculators.CALCULATORS)[1] for _ in range(2)] == [1, 1]
