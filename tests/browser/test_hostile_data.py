"""Data is never code: the real site built from data whose every free-text string is hostile.

A copy of policy_data/ has each human-readable string (names, titles, summaries, descriptions,
figures, notes, document numbers, phone, website...) replaced by a payload made of HTML tags
(<script>, <img onerror>), event attributes, quotes and backslashes, an attribute list
``{: onmouseover=... }``, Markdown links to ``javascript:``, list and heading starts and
``$ ~ ^ * _ | # [ ]``; ids, dates, enum values and numbers are kept. A second copy gets plain
words instead. Both are built with the real ``mkdocs build --strict``; then

- every HTML page of the hostile site has exactly the elements and attribute names of its plain
  twin, no ``on*`` attribute and no ``javascript:`` URL;
- every payload shown on any page is shown whole and exactly as typed;
- in Chromium, on a page of every kind in both languages, nothing runs on load, on hover or on
  focus of any element, the <title>, header and h1 show the name as typed, and so do search results.

Payload ``i`` sets ``window.__x<i>`` if any part of it ever runs.
"""

from __future__ import annotations

import html
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.browser_support import bind, start, stop
from tests.conftest import POLICY_DATA
from tests.site_build import mkdocs_build

# Keys whose strings are identifiers, enum values or cross-references, not text for people.
KEEP = {"id", "unit", "also_written_as", "hotlines"}  # hotlines: a choice of public numbers, not free text
CLAUSE_REFERENCES = {"audiences", "lead_agencies", "assisting_agencies", "funding", "calculators"}
# Clause and section numbers (（二）, 一) are the source's numbering, checked against the ids: kept.
NUMBERING = {("sections", "number"), ("clauses", "number")}
# Each payload starts with one of these, so that one of them starts every kind of text somewhere.
STARTS = ["- ", "+ ", "1. ", "# ", "* ", "> ", "| ", "!!! note ", "    ", "=== ", "<!-- ", ""]
TOKEN = "zqxj"  # in every payload (hostile and plain): a word to search for
MARK = re.compile(r"⟦(\d+)⟧")


class Payloads:
    """Hands out numbered payloads; remembers each one to check how it is shown."""

    def __init__(self, hostile: bool):
        self.hostile = hostile
        self.made: dict[int, str] = {}
        self.paths: dict[int, tuple] = {}  # where in the data each payload is

    def __call__(self, lang: str, url: bool = False, path: tuple = ()) -> str:
        i = len(self.made)
        self.paths[i] = path
        flag = f"window.__x{i}=1"
        if url:
            text = (f"https://example.org/{TOKEN}?q=⟦{i}⟧&a=\"><img/src=x/onerror={flag}>{{:onclick={flag}}}"
                    if self.hostile else f"https://example.org/{TOKEN}/⟦{i}⟧")
        elif self.hostile:
            text = (f"{STARTS[i % len(STARTS)]}⟦{i}⟧ {TOKEN} <script>{flag}</script><img src=x onerror=\"{flag}\"> "
                    f"\"q\" 's' \\ \\* & &amp; [a](javascript:{flag}) *e* _u_ `c` US$ 5 ~3 2^10 | # [ ] "
                    f"拉萨 {{: onmouseover=\"{flag}\" onfocus='{flag}' tabindex=0 }}")
            if lang == "en" and i % 3 == 0:
                text += f"\n\n# {i} {{: onclick={flag} }}"  # a blank line inside the text
        else:
            text = f"⟦{i}⟧ {TOKEN} plain words 拉萨 end"
        self.made[i] = text
        return text


def _replace(node, payloads: Payloads, path: tuple):
    """``node`` with each free-text string replaced by a payload (ids, dates, numbers kept)."""
    if isinstance(node, dict):
        return {k: node[k] if ((k in KEEP and path[:1] != ("facts",)) or path[-1:] + (k,) in NUMBERING
                               or (path[-1:] == ("clauses",) and k in CLAUSE_REFERENCES)) else _replace(v, payloads, path + (k,)) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace(v, payloads, path) for v in node]
    if isinstance(node, str):
        if (("measures" in path or "calculator_rules" in path or path[:1] == ("facts",))
                and path[-1:] not in (("zh",), ("en",))):
            # the finder's rules and the calculators written as data (ids, values, units, quotes of the
            # clause): kept; their words replaced
            return node
        return payloads("en" if path[-1:] == ("en",) else "zh", url=path[-1:] == ("website",), path=path)
    return node


def make_policy(dest: Path, hostile: bool) -> Payloads:
    """A copy of policy_data/ at ``dest`` with every free-text string replaced."""
    shutil.copytree(POLICY_DATA, dest, ignore=shutil.ignore_patterns("schema"))
    payloads = Payloads(hostile)
    load = lambda name: yaml.safe_load((dest / name).read_text(encoding="utf-8"))  # noqa: E731
    dump = lambda name, data: (dest / name).write_text(  # noqa: E731
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
    lines: dict[str, str] = {}  # a line of source.zh.txt -> the same line in the copy

    document = load("document.yaml")
    new_document = _replace(document, payloads, ("document",))
    lines[document["preamble"]["zh"]] = new_document["preamble"]["zh"]
    dump("document.yaml", new_document)

    agencies = load("agencies.yaml")
    new_agencies = _replace(agencies, payloads, ("agencies",))
    for old, new in zip(agencies["agencies"], new_agencies["agencies"]):
        # The clauses' Chinese text keeps naming each agency as the source does.
        new["also_written_as"] = [*old.get("also_written_as", []), old["name"]["zh"]]
    first = new_agencies["agencies"][0]  # one agency with every contact detail, to render them all
    first.update(address={"zh": payloads("zh"), "en": payloads("en")}, phone=payloads("zh"),
                 hours={"zh": payloads("zh"), "en": payloads("en")}, website=payloads("zh", url=True))
    dump("agencies.yaml", new_agencies)

    for name in ("audiences.yaml", "funding.yaml", "glossary.yaml"):
        dump(name, _replace(load(name), payloads, (name,)))
    if (dest / "facts.yaml").exists():  # the finder's questions
        dump("facts.yaml", _replace(load("facts.yaml"), payloads, ("facts",)))
    for path in sorted((dest / "parameters").glob("*.yaml")):
        name = path.relative_to(dest).as_posix()
        dump(name, _replace(load(name), payloads, ("parameters",)))

    for path in sorted((dest / "sections").glob("*.yaml")):
        name = path.relative_to(dest).as_posix()
        section = load(name)
        new_section = _replace(section, payloads, ("sections",))
        lines[section["number"] + "、" + section["title"]["zh"]] = new_section["number"] + "、" + new_section["title"]["zh"]
        for old, new in zip(section["clauses"], new_section["clauses"]):
            # The Chinese text still starts with the number and title, and holds each figure as written.
            rest = old["text"]["zh"].removeprefix(old["number"] + old["title"]["zh"])
            new["text"]["zh"] = (new["number"] + new["title"]["zh"] + new["text"]["zh"] + rest
                                 + "".join(f["value"]["zh"] for f in new.get("figures", [])))
            lines[old["text"]["zh"]] = new["text"]["zh"]
        dump(name, new_section)

    source = (dest / "source.zh.txt").read_text(encoding="utf-8").split("\n")
    (dest / "source.zh.txt").write_text("\n".join(lines.get(line, line) for line in source), encoding="utf-8")
    return payloads


class Page(HTMLParser):
    """A built page: its elements (tag, attribute names) in order, its attributes, its visible text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.parts: list[str] = []
        self._skip = 0
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs))))
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return words("".join(self.parts))


def words(value: str) -> str:
    return " ".join(value.split())


def shown_payloads(text: str, payloads: Payloads) -> tuple[set[int], list[str]]:
    """The payloads shown whole in ``text``, and every place where one is shown cut or changed."""
    whole, broken = set(), []
    for match in MARK.finditer(text):
        i = int(match.group(1))
        expected = words(payloads.made[i])
        start = match.start() - expected.index(match.group())
        if text[start:start + len(expected)] == expected:
            whole.add(i)
        else:
            broken.append(f"payload {i}: expected {expected!r}, shown {text[max(start, 0):start + len(expected)]!r}")
    return whole, broken


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The hostile and the plain site, built side by side; the hostile one served.

    Both are built for the address the hostile one is served from, as a deployment is: Material's
    instant navigation (which swaps the title, header and content in place) is then on."""
    base = tmp_path_factory.mktemp("hostile")
    (base / "hostile").mkdir()
    site = bind(base / "hostile")
    built = {}

    def build(kind: str):
        data = base / f"{kind}_data"
        payloads = make_policy(data, hostile=kind == "hostile")
        result = mkdocs_build(base / kind, data_dir=data, SITE_URL=site.url)
        built[kind] = (payloads, result)

    threads = [threading.Thread(target=build, args=(kind,)) for kind in ("hostile", "plain")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for kind, (_, result) in built.items():
        assert result.returncode == 0, f"{kind}: {result.stdout}{result.stderr}"
    start(site)
    yield {"hostile": built["hostile"][0], "plain": built["plain"][0], "root": base, "site": site}
    stop(site)


def html_pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def test_every_free_text_string_of_the_data_was_replaced(sites):
    data = sites["root"] / "hostile_data"
    payloads = sites["hostile"]
    assert len(payloads.made) > 300
    for path in data.rglob("*.yaml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            # Every Chinese string left is a clause's text (which still holds the source's words),
            # a clause or section number, an agency's other spelling, or a finder condition's quote of the clause.
            if re.search(r"[\u4e00-\u9fff]", line) and "⟦" not in line:
                assert re.match(r"\s*(-\s+)?(number|- |also_written_as|quote)", line) or line.strip().startswith("- "), \
                    f"{path.name}: {line}"


def test_no_element_or_attribute_comes_from_data(sites):
    hostile_root, plain_root = sites["root"] / "hostile", sites["root"] / "plain"
    pages = html_pages(hostile_root)
    assert pages == html_pages(plain_root)
    assert len(pages) > 100
    for name in pages:
        hostile = Page((hostile_root / name).read_text(encoding="utf-8"))
        plain = Page((plain_root / name).read_text(encoding="utf-8"))
        assert hostile.elements == plain.elements, f"{name}: elements differ from the plain build"
        handlers = [a for a in hostile.attributes if a[1].startswith("on")]
        assert handlers == [], f"{name}: {handlers}"
        scripts = [a for a in hostile.attributes if a[1] in ("href", "src", "action", "formaction", "data")
                   and re.sub(r"[\x00-\x20]", "", a[2]).lower().startswith("javascript:")]
        assert scripts == [], f"{name}: {scripts}"


def test_every_payload_is_shown_whole_and_as_typed(sites):
    root, payloads = sites["root"] / "hostile", sites["hostile"]
    seen = set()
    for name in html_pages(root):
        whole, broken = shown_payloads(Page((root / name).read_text(encoding="utf-8")).text, payloads)
        assert broken == [], f"{name}: {broken[:3]}"
        seen |= whole
    # Every string of the data appears somewhere (a string shown nowhere would be content lost), but
    # the document's issuer (no page shows it yet) and a parameter reference's title (shown when the
    # reference has no number, and by the calculator's script: see the Chromium test).
    missing = sorted(i for i in set(payloads.made) - seen
                     if payloads.paths[i][:2] != ("document", "issuer") and payloads.paths[i][-3:-1] != ("reference", "title")
                     and payloads.paths[i][:1] != ("facts",)  # the finder's questions: shown by its script
                     and payloads.paths[i][-4:-1] != ("calculator_rules", "inputs", "help"))  # the form's: by the calculator's
    assert missing == [], [payloads.made[i][:60] for i in missing[:5]]


def page_kinds(sites) -> list[str]:
    """A page of every kind: each index page, a clause with figures and a calculator, the agency
    with every contact detail, an audience, a funding source, a calculator with a parameter's default."""
    data = sites["root"] / "hostile_data"
    first = lambda name, key: yaml.safe_load((data / name).read_text(encoding="utf-8"))[key][0]["id"]  # noqa: E731
    return ["", "fulltext/", "clauses/", "clauses/2.3/", "clauses/1.1/", "agencies/",
            f"agencies/{first('agencies.yaml', 'agencies')}/", "audiences/",
            f"audiences/{first('audiences.yaml', 'audiences')}/", "funding/",
            f"funding/{first('funding.yaml', 'funding_sources')}/", "funding/unstated/", "glossary/",
            "about-data/", "calculators/", "calculators/internship_subsidy/"]


RAN = "Object.keys(window).filter(k => k.startsWith('__x'))"
DISTURB = """() => {
  for (const el of document.querySelectorAll('body *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus', 'focusin', 'pointerover', 'click'])
      if (type !== 'click' || !el.closest('a, button, input, label, form, [href]'))
        el.dispatchEvent(new (type.startsWith('focus') ? FocusEvent : MouseEvent)(type, {bubbles: true}));
    if (el.focus) el.focus();
  }
  const bad = [];
  for (const el of document.querySelectorAll('*'))
    for (const a of el.attributes)
      if (a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
  const body = document.body.cloneNode(true);
  body.querySelectorAll('script, style, noscript').forEach(e => e.remove());
  const topic = document.querySelector('.md-header__topic[data-md-component="header-topic"] .md-ellipsis');
  return {bad, text: body.textContent, title: document.title,
          h1: document.querySelector('article h1')?.textContent ?? '', topic: topic?.textContent ?? ''};
}"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_chromium_nothing_runs_and_names_show_as_typed(sites, new_context, lang):
    site, payloads = sites["site"], sites["hostile"]
    page = new_context().new_page()
    for name in page_kinds(sites):
        page.goto(site.page(lang, name), wait_until="load")
        assert page.evaluate(RAN) == [], f"{lang} {name}: ran on load"
        seen = page.evaluate(DISTURB)
        assert page.evaluate(RAN) == [], f"{lang} {name}: ran on hover or focus"
        assert seen["bad"] == [], f"{lang} {name}: {seen['bad'][:3]}"
        whole, broken = shown_payloads(words(seen["text"]), payloads)
        assert broken == [], f"{lang} {name}: {broken[:3]}"
        assert whole or name == "calculators/", f"{lang} {name}: no data text shown"  # (that one: calculators/ only)
        h1 = words(seen["h1"])
        if re.fullmatch(r"(agencies|audiences|funding)/[a-z_]+/", name) and name != "funding/unstated/":
            # A page named after data: the <title> and the header say the name as typed.
            name_shown = shown_payloads(h1, payloads)[0]
            assert name_shown, f"{lang} {name}: h1 {h1!r}"
            assert words(seen["title"]).startswith(h1 + " - "), f"{lang} {name}: <title> {seen['title']!r}"
            assert words(seen["topic"]) == h1, f"{lang} {name}: header {seen['topic']!r}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_results_show_data_as_typed_and_run_nothing(sites, new_context, lang):
    site, payloads = sites["site"], sites["hostile"]
    page = new_context().new_page()
    page.goto(site.page(lang, ""), wait_until="load")
    box = page.locator("input.md-search__input")
    box.evaluate("el => el.focus()")
    box.fill(TOKEN)
    box.press("End")  # Material's search reacts to key-up
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.wait_for_timeout(300)
    page.evaluate(DISTURB)
    assert page.evaluate(RAN) == []
    results = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__article h1, .md-search-result__article h2')]
                                     .map(e => e.textContent)""")
    assert results
    whole = set()
    for title in results:
        # (The Chinese index separates words with zero-width spaces, which show as nothing.)
        shown, broken = shown_payloads(words(title.replace("\u200b", "")), payloads)
        assert broken == [], broken[:3]
        whole |= shown
    assert whole, results[:5]
    bad = page.evaluate("""() => [...document.querySelectorAll('.md-search-result *')].flatMap(el =>
        [...el.attributes].filter(a => a.name.startsWith('on') || /javascript:/i.test(a.value)).map(a => a.name))""")
    assert bad == []
    assert page.locator(".md-search-result img, .md-search-result script").count() == 0


def test_instant_navigation_to_a_page_named_after_data_runs_nothing(sites, new_context):
    site, payloads = sites["site"], sites["hostile"]
    page = new_context().new_page()
    page.goto(site.page("en", "agencies/"), wait_until="load")
    page.evaluate("window.__same_document = true")
    page.locator("article table a").first.click()
    page.wait_for_function("/\\/agencies\\/[a-z_]+\\/$/.test(location.pathname) && document.title.includes('\u27e6')")
    assert page.evaluate("window.__same_document") is True, "not an instant navigation"
    seen = page.evaluate(DISTURB)
    assert page.evaluate(RAN) == [] and seen["bad"] == []
    h1 = words(seen["h1"])
    assert shown_payloads(h1, payloads)[0] and shown_payloads(h1, payloads)[1] == []
    assert words(seen["title"]).startswith(h1 + " - ")
    assert words(seen["topic"]) == h1
