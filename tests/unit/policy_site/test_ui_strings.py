"""UI strings that the browser scripts put directly before other text (P2-105: "Or ask:District")."""

from __future__ import annotations

from policy_site.site.ui_strings import load_ui_strings


def test_the_ask_label_is_followed_by_a_space_in_english():
    # calculator.js and fallback.js append the agencies' links right after this label
    label = load_ui_strings()["runtime_ask_agency"]
    assert label["en"].endswith(": ") and label["en"].strip() == "Or ask:"
    assert label["zh"].endswith("：")  # full-width colon: no space in Chinese
