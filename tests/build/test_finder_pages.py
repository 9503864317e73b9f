"""The finder's pages, built by mkdocs from the small fixture policy (the same templates and
code as the real plan): clause pages show who qualifies with the quoted words, escaped; the
finder page carries its rules and a no-JavaScript table; the home page links to it first."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

import calculators
from policy_site.data.finder_rules import finder_rules
from policy_site.data.loader import load_policy

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "fixtures" / "mini_policy"
PREFIX = {"zh": "", "en": "en/"}


def page(site: Path, lang: str, path: str) -> str:
    return (site / PREFIX[lang] / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clause_page_shows_who_qualifies(built_fixture_site, lang):
    text = page(built_fixture_site, lang, "clauses/1.1")
    block = text[text.index('data-measures-for="1.1"'):]
    block = block[:block.index("</div>")]
    assert 'data-part="a"' in block
    assert '<q lang="zh-Hans">发放救助</q>' in block
    assert ("生活困难" if lang == "zh" else "You are in hardship") in block
    assert "../../finder/" in block
    other = page(built_fixture_site, lang, "clauses/1.2")
    assert "../../calculators/enterprise_hiring_award/" in other[other.index('data-measures-for="1.2"'):]


def test_quotes_and_conditions_are_text_never_markup(built_fixture_site):
    for lang in ("zh", "en"):
        text = page(built_fixture_site, lang, "clauses/1.2")
        assert "<script>alert(1)</script>*强调*" not in text.split('data-measures-for="1.2"')[1]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;*强调*" in text
        assert "<i>" not in text and "&lt;i&gt;" in text
        assert "<b>政策</b>" not in text and "<b>not bold</b>" not in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_finder_page_carries_the_rules_and_a_table(built_fixture_site, lang):
    text = page(built_fixture_site, lang, "finder")
    config = json.loads(html.unescape(re.search(r'data-finder-config="([^"]*)"', text).group(1)))
    assert config["rules"] == finder_rules(load_policy(MINI, known_calculators=calculators.CALCULATORS))
    assert config["lang"] == lang and config["as_of"] == "2026-01-01"
    assert config["pyodide"] == ("../../pyodide/" if lang == "en" else "../pyodide/")
    assert config["clauses"]["1.1"]["text_zh"].startswith("（一）发放救助")
    assert config["strings"]["finder_continue"]
    table = text[text.index("policy-finder__table"):]
    assert 'href="../clauses/1.1/"' in table and 'href="../clauses/1.2/"' in table
    assert "<script>alert" not in table and "<i>" not in table


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_links_to_the_finder_first(built_fixture_site, lang):
    text = page(built_fixture_site, lang, "")
    article = text[text.index("<article"):]
    first = re.search(r'<a (?![^>]*headerlink)[^>]*href="([^"]+)"', article[article.index("</h1>"):])
    assert first.group(1) == "finder/"


def _predicted(tree: dict, answers: list[tuple[str, object]]):
    """What finder.js's predicted() gives: the next question, None (no more), or "beyond"."""
    node, given = tree, dict(answers)
    used = 0
    while node:
        if not node["q"]:
            return None if used == len(given) else "beyond"
        if node["q"] not in given:
            return node["q"] if used == len(given) else "beyond"
        value = given[node["q"]]
        used += 1
        if value is None:
            node = node.get("a", {}).get("")
        elif isinstance(value, bool):
            node = node.get("a", {}).get(json.dumps(value))
        elif isinstance(value, int):
            node = next((c for low, high, c in node.get("r", []) if low <= value <= high), None)
        else:
            node = node.get("a", {}).get(value)
    return "beyond"


def test_first_questions_table_agrees_with_the_engine_and_is_small():
    """The table the finder page carries (so the visitor answers while Python arrives) gives, for
    every way of answering the first questions, every integer included, what the engine asks next."""
    from policy_site.site.finder_page import first_questions

    rules = finder_rules(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS))
    as_of = "2026-01-01"
    tree = first_questions(rules, as_of)
    assert len(json.dumps(tree, separators=(",", ":"))) < 4000
    facts = {f["id"]: f for f in rules["facts"]}

    def values(fact_id):
        fact = facts[fact_id]
        if fact["type"] == "bool":
            return [True, False, None]
        if fact["type"] == "choice":
            return [c["value"] for c in fact["choices"]] + ([None] if fact_id != rules["applicant_fact"] else [])
        return list(range(fact["min"], fact["max"] + 1)) + [None]

    checked = 0

    def walk(answers, depth):
        nonlocal checked
        engine = calculators.find(rules, dict(answers), as_of)["next_question"]
        assert _predicted(tree, answers) == engine, answers
        checked += 1
        if engine is None or depth == 0:
            return
        for value in values(engine):
            walk([*answers, (engine, value)], depth - 1)

    walk([], 2)
    assert checked > 100
