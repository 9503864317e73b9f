"""The languages configured once (policy_site/data/languages.yaml): Chinese first, each language's
punctuation used by the templates instead of tests of the language's code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy_site.data import languages
from policy_site.site.render import TEMPLATES
from policy_site.site.ui_strings import browser_language
from tests.conftest import REPO


def test_chinese_first_and_every_language_complete():
    configured = languages.load()
    assert configured[0].code == "zh" and configured[0].root == "" and configured[0].is_source
    assert [lang.code for lang in configured[:2]] == ["zh", "en"]
    for lang in configured:
        assert set(lang.punctuation) == set(languages.PUNCTUATION)
    zh, en = languages.BY_CODE["zh"], languages.BY_CODE["en"]
    assert (zh.html, zh.locale, zh.amount_style) == ("zh-Hans", "zh_Hans_CN", "wan")
    assert zh.join(["甲", "乙"]) == "甲、乙" and en.join(["A", "B"]) == "A, B"
    assert zh.paren("一") + zh.colon == "（一）：" and en.paren("a") + en.colon == " (a): "


@pytest.mark.parametrize("change, message", [
    (lambda entries: entries[::-1], "first language must be 'zh'"),
    (lambda entries: [entries[0], {**entries[1], "root": ""}], "own code and root"),
    (lambda entries: [entries[0], {**entries[1], "punctuation": {"colon": ":"}}], "punctuation needs"),
    (lambda entries: [entries[0], {**entries[1], "reviewed": "yes"}], "reviewed is true or false"),
    (lambda entries: [entries[0], {**entries[1], "amount_style": "lakh"}], "amount_style"),
])
def test_a_wrong_configuration_is_refused(tmp_path: Path, change, message):
    import yaml
    entries = yaml.safe_load(languages.CONFIG.read_text(encoding="utf-8"))
    wrong = tmp_path / "languages.yaml"
    wrong.write_text(yaml.safe_dump(change(entries), allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        languages.load(wrong)


def test_shipped_site_has_only_reviewed_languages(monkeypatch):
    monkeypatch.delenv(languages.UNREVIEWED_SWITCH, raising=False)
    assert not languages.unreviewed_on()
    assert all(lang.reviewed for lang in languages.ON)


def test_no_template_tests_the_language_code():
    """Templates use the language's punctuation and `language.is_source`, never `lang == 'zh'`."""
    offenders = [f"{path.name}: {line.strip()[:80]}"
                 for path in sorted(TEMPLATES.glob("*.j2")) if path.name != "offline.html.j2"
                 for line in path.read_text(encoding="utf-8").splitlines()
                 if re.search(r"""\blang\s*[!=]=\s*['"]""", line)]
    assert offenders == []


SCRIPTS = REPO / "docs" / "assets"


@pytest.mark.parametrize("script", ["calculator/calculator.js", "kit/dom.js", "kit/language.js", "calculator/fallback.js",
                                    "finder/finder.js", "site.js"])
def test_browser_scripts_take_the_language_from_its_configuration(script):
    """The calculator and the finder receive the language (config.language) and use its punctuation
    and amount style, never a test of the language's code."""
    text = (SCRIPTS / script).read_text(encoding="utf-8")
    assert not re.search(r"""lang(?:uage)?\s*[!=]==?\s*["'](?:zh|en)["']""", text)


def test_the_browser_gets_the_language_with_its_amount_style():
    zh, en = browser_language(languages.BY_CODE["zh"]), browser_language(languages.BY_CODE["en"])
    assert (zh["source"], zh["amount_style"], zh["wan_yuan"], zh["colon"]) == (True, "wan", "{v}万元", "：")
    assert (en["source"], en["amount_style"], en["list_separator"]) == (False, "plain", ", ")


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)(?:[:!][^}]*)?\}", text))


@pytest.mark.parametrize("lang", [lang.code for lang in languages.ALL if lang.code != "zh"])
def test_every_language_file_has_the_chinese_keys_and_placeholders(lang):
    from policy_site.site.ui_strings import read_language_file
    source, strings = read_language_file("zh"), read_language_file(lang)
    assert sorted(set(source) - set(strings)) == [], f"ui/{lang}.yaml lacks these keys"
    assert sorted(set(strings) - set(source)) == [], f"ui/{lang}.yaml has keys zh.yaml has not"
    assert {key: sorted(placeholders(strings[key])) for key in source
            if strings[key] is not None and placeholders(strings[key]) != placeholders(source[key])} == {}
    reviewed = languages.BY_CODE[lang].reviewed
    assert all(isinstance(text, str) and text.strip() for text in strings.values() if text is not None or reviewed), \
        "every string has a text (null, still to translate, only in a language not yet reviewed)"


def test_a_language_file_without_a_key_is_refused(tmp_path, monkeypatch):
    from policy_site.site import ui_strings
    for code in [lang.code for lang in languages.ALL]:
        (tmp_path / f"{code}.yaml").write_text(ui_strings.language_file(code).read_text(encoding="utf-8"), encoding="utf-8")
    en = tmp_path / "en.yaml"
    en.write_text("\n".join(line for line in en.read_text(encoding="utf-8").splitlines() if not line.startswith("home:")),
                  encoding="utf-8")
    monkeypatch.setattr(ui_strings, "UI", tmp_path)
    ui_strings._strings.cache_clear()
    try:
        with pytest.raises(KeyError, match=r"ui/en.yaml: missing \['home'\]"):
            ui_strings.load_ui_strings()
    finally:
        ui_strings._strings.cache_clear()


def test_a_pending_translation_is_the_chinese_and_is_recorded():
    from policy_site.data import translations
    from policy_site.data.model import Label
    label, meta = Label(zh="区人社局", en="District Human Resources Bureau"), translations.with_fallback({"title": {"zh": "计算", "en": "Calc"}})
    with translations.recording() as pending:
        assert label["en"] == "District Human Resources Bureau" and meta["title"]["en"] == "Calc"
        assert pending == set()
        assert label["bo"] == "区人社局" and meta["title"]["bo"] == "计算"
    assert pending == {"区人社局", "计算"}
    assert meta["title"].get("bo") is None and isinstance(meta["title"], dict)
