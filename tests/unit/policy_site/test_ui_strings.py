"""UI strings put directly before other text: by the browser scripts (P2-105: "Or ask:District") and by
the templates, which add the language's colon after a label."""

from __future__ import annotations

import yaml

from policy_site.data import languages
from policy_site.site.ui_strings import FAST_LOADER, load_ui_strings, read_language_file


def test_the_ask_label_is_followed_by_a_space_in_english():
    # calculator.js and fallback.js append the agencies' links right after this label
    label = load_ui_strings()["runtime_ask_agency"]
    assert label["en"].endswith(": ") and label["en"].strip() == "Or ask:"
    assert label["zh"].endswith("：")  # full-width colon: no space in Chinese


def test_libyaml_reads_every_language_file_as_the_pure_python_loader_does():
    assert FAST_LOADER is not yaml.SafeLoader, "PyYAML without LibYAML: the fast loader is the slow one"
    for lang in languages.ALL:
        assert read_language_file(lang.code) == read_language_file(lang.code, yaml.SafeLoader), lang.code


def test_the_summary_box_labels_end_in_no_punctuation_of_their_own():
    # clause_summary_box.md.j2 writes the language's colon right after each label ("In force?:" was read)
    strings = load_ui_strings()
    for key in ("summary_who", "summary_gives", "summary_status", "summary_ask", "summary_calculate"):
        for lang, label in strings[key].items():
            if label:
                assert label.rstrip()[-1].isalnum(), (key, lang, label)
