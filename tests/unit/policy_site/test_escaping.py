"""Each escaping function of policy_site/site/formatting.py, fed hostile data text in the context it is for.

The Markdown contexts are rendered by the real Python-Markdown with the extensions mkdocs.yml enables
(attribute lists, tables, admonitions, HTML with Markdown inside), the result parsed as HTML. A payload
passes when the HTML has exactly the elements and attributes that a plain word in its place gives, and
its text is the payload exactly as typed.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import get_yaml_loader

from policy_site.site import formatting
from tests.conftest import REPO

PAYLOADS = [
    "<script>window.__x=1</script>",
    "Tax <img src=x onerror=window.__x=1> bureau",
    '"quoted" <b>bold</b> & \'single\' &amp; &lt;',
    "District Finance Bureau\\Treasury \\* \\_ \\[ \\",
    "Plan {: tabindex=0 onmouseover='window.__x=1' style='color:red' }",
    "Plan {:#evil .cls onfocus=\"window.__x=1\"}",
    "{: onmouseover=window.__x=1 }",
    "[click](javascript:window.__x=1) ![img](javascript:alert(1)) <javascript:alert(1)> <http://x.test>",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "1) not a list",
    "# not a heading",
    "### not a heading ###",
    "> not a quote",
    "!!! note \"not an admonition\"",
    "    not a code block",
    "--- not a rule",
    "***",
    "US$ 5, ~300, 2^10, 50% off, a|b, #3, [x], *y*, _z_, `code`, ~~s~~, ==m==, ^^i^^, :smile:",
    "a | b | c",
    "<div markdown=\"1\">*md in html*</div>",
    "<!-- comment --> &#60;script&#62; &copy; &#x3C;",
    "line one\nline two\n\n# heading after a blank line {: onclick=window.__x=1 }",
    "tab\there, trailing spaces  ",
    "北京市“人社局”（二）：全角标点，拉萨 <i>中文</i> {: onclick=x }",
    "</p></div><script>window.__x=1</script>",
    "']\"}</title><script>window.__x=1</script>",
    "\u2028line separator\u2029 and <\u00a0>",
]

# How the templates put Markdown-context text (the `text` filter) into a page.
MARKDOWN_CONTEXTS = {
    "heading": "# {t}\n",
    "numbered heading": "## 1. {t}\n",
    "paragraph": "Intro.\n\n{t}\n\nAfter.\n",
    "list item": "- {t}\n- second\n",
    "link text": "- [{t}](page.md)\n",
    "table cells": "| a | b |\n|---|---|\n| {t} | [{t}](x.md) |\n",
    "markdown in html": '<div class="box" markdown>\n\n{t}\n\n- {t}\n\n</div>\n',
    "inline html": '- **Phone**: <a href="tel:1">{t}</a>\n',
    "admonition body": '!!! note "x"\n    {t}\n',
}


def markdown_extensions() -> list:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    return config["markdown_extensions"]


def to_html(source: str) -> str:
    extensions, configs = [], {}
    for item in markdown_extensions():
        if isinstance(item, dict):
            (name, options), = item.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(item)
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(source)


class Shape(HTMLParser):
    """The elements (tag and attribute names, in order) and the text of an HTML fragment."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[str, ...]]] = []
        self.attrs: list[dict[str, str | None]] = []
        self.text: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, tuple(sorted(name for name, _ in attrs if name != "id"))))
        self.attrs.append(dict(attrs))

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.elements.append(("<!--", ()))

    @property
    def plain_text(self) -> str:
        return " ".join("".join(self.text).split())


def words(value: str) -> str:
    """The text as a browser lays it out: runs of white space are one space."""
    return " ".join(value.split())


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("context", MARKDOWN_CONTEXTS)
def test_markdown_text_is_shown_as_typed_and_adds_no_markup(context, payload):
    template = MARKDOWN_CONTEXTS[context]
    plain = Shape(to_html(template.format(t="PLAIN")))
    hostile = Shape(to_html(template.format(t=formatting.markdown_text(payload, "zh"))))
    assert hostile.elements == plain.elements
    assert hostile.plain_text == words(plain.plain_text.replace("PLAIN", payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_text_on_the_english_site_only_adds_chinese_language_spans(payload):
    hostile = Shape(to_html(MARKDOWN_CONTEXTS["table cells"].format(t=formatting.markdown_text(payload, "en"))))
    plain = Shape(to_html(MARKDOWN_CONTEXTS["table cells"].format(t="PLAIN")))
    added = [e for e in hostile.elements if e != ("span", ("lang",))]
    assert added == plain.elements
    spans = [a for (tag, _), a in zip(hostile.elements, hostile.attrs) if tag == "span"]
    assert all(a == {"lang": "zh-Hans"} for a in spans)
    assert bool(spans) == bool(re.search(r"[\u4e00-\u9fff]", payload))
    assert hostile.plain_text == words(plain.plain_text.replace("PLAIN", payload))


def test_markdown_text_marks_each_chinese_run_once():
    out = formatting.markdown_text("Tax bureau 区税务局 (No. 国发〔2018〕39号)", "en")
    assert out.count('<span lang="zh-Hans">') == 2
    assert '<span lang="zh-Hans">区税务局</span>' in out
    assert '<span lang="zh-Hans">国发〔2018〕39号</span>' in out


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("function", [formatting.html_text, lambda v: formatting.prose(v, "zh"),
                                      lambda v: formatting.prose(v, "en")], ids=["html", "prose zh", "prose en"])
def test_element_text_in_a_raw_html_block_is_shown_as_typed(function, payload):
    template = '<div class="policy-original" lang="zh-Hans"><p>{t}</p></div>\n\n<dl><dt>{t}</dt><dd>x</dd></dl>\n'
    plain = Shape(to_html(template.format(t="PLAIN")))
    hostile = Shape(to_html(template.format(t=function(payload))))
    assert [e for e in hostile.elements if e != ("span", ("lang",))] == plain.elements
    assert hostile.plain_text == words(plain.plain_text.replace("PLAIN", payload))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_attribute_value_is_exactly_the_text(payload):
    page = Shape(to_html(f'<p class="x" data-value="{formatting.attribute(payload)}">x</p>\n\n'
                         f'- <a href="tel:{formatting.attribute(payload)}">x</a>\n'))
    assert page.elements == [("p", ("class", "data-value")), ("ul", ()), ("li", ()), ("a", ("href",))]
    assert page.attrs[0]["data-value"] == payload
    assert page.attrs[3]["href"] == "tel:" + payload


@pytest.mark.parametrize("payload", PAYLOADS)
def test_front_matter_is_yaml_that_gives_back_the_text_escaped_for_the_theme(payload):
    block = formatting.front_matter({"title": payload, "other": "x: y"})
    body, meta = get_data(block + "\n# Body\n")
    assert body.strip() == "# Body"
    assert meta == {"title": html.escape(payload), "other": "x: y"}
    # Material prints page.meta.title as it is into <title> and the header.
    shape = Shape(f"<title>{meta['title']}</title><span>{meta['title']}</span>")
    assert shape.elements == [("title", ()), ("span", ())]
    assert "".join(shape.text) == payload * 2


@pytest.mark.parametrize("payload", PAYLOADS)
def test_json_is_safe_in_a_script_and_in_an_attribute(payload):
    value = {"title": payload, "list": [payload, 1, None]}
    dumped = formatting.json_text(value)
    assert "<" not in dumped and ">" not in dumped and "&" not in dumped and "\u2028" not in dumped
    assert json.loads(dumped) == value
    page = Shape(f'<script type="application/json">{dumped}</script>'
                 f'<section data-config="{formatting.attribute(dumped)}"></section>')
    assert page.elements == [("script", ("type",)), ("section", ("data-config",))]
    assert json.loads("".join(page.text)) == value
    assert json.loads(page.attrs[1]["data-config"]) == value


# A value printed inside a double-quoted attribute ... ="…{{ value | filter }}…"
_IN_ATTRIBUTE = re.compile(r'=\s*"[^"]*?\{\{(?P<expression>(?:(?!\}\}).)*)\}\}')
_FILTERS = re.compile(r"\|\s*(\w+)")
_ESCAPING = {"attr", "attribute_value", "html", "prose", "text", "e", "escape", "forceescape", "front_matter"}


def test_attribute_values_are_escaped_by_the_one_attribute_function_only():
    """One escaping for attribute values everywhere: in our templates the `attr` filter, in the
    theme overrides (mkdocs' own Jinja) `attribute_value`; never `html`, `e` or another context's."""
    sources = [*(REPO / "policy_site" / "site" / "templates").glob("*.j2"), *(REPO / "docs" / "overrides").glob("*.html")]
    wrong = []
    for source in sorted(sources):
        for line in source.read_text(encoding="utf-8").splitlines():
            for match in _IN_ATTRIBUTE.finditer(line):
                escaping = set(_FILTERS.findall(match.group("expression"))) & _ESCAPING
                if escaping - {"attr", "attribute_value"}:
                    wrong.append(f"{source.name}: {match.group(0).strip()}")
    assert wrong == []
