"""A third language from configuration alone: Tibetan (bo), not yet reviewed by a speaker, built
with POLICY_SITE_UNREVIEWED_LANGUAGES=1 (one real ``mkdocs build --strict``), and absent from the
shipped build."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policy_site.data import languages
from tests.conftest import REPO
from tests.site_build import mkdocs_build

TIBETAN_NOTICE = "ཤོག་ངོས་འདིའི་ནང་དོན་ཁ་ཤས་བོད་ཡིག་ཏུ་ད་དུང་བསྒྱུར་མེད་པས། རྒྱ་ཡིག་ཐོག་སྟོན་ཡོད།"


@pytest.fixture(scope="module")
def site_with_tibetan(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bo") / "site"
    result = mkdocs_build(root, **{languages.UNREVIEWED_SWITCH: "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_tibetan_is_configured_and_off_until_reviewed():
    bo = languages.BY_CODE["bo"]
    assert (bo.html, bo.root, bo.project, bo.reviewed) == ("bo", "bo/", "projects/bo/mkdocs.yml", False)
    assert (REPO / bo.project).is_file()
    assert "bo" not in languages.CODES or languages.unreviewed_on()


def test_tibetan_pages_in_tibetan_with_chinese_content_and_the_notice(site_with_tibetan):
    home = read(site_with_tibetan / "bo" / "index.html")
    assert '<html lang="bo"' in home
    assert "འདི་ནས་འགོ་འཛུགས།" in home  # start_here, from ui/bo.yaml
    assert TIBETAN_NOTICE in home  # the data is not yet in Tibetan
    clause = read(site_with_tibetan / "bo" / "clauses" / "1.2" / "index.html")
    assert TIBETAN_NOTICE in clause
    title = re.search(r"<h1[^>]*>(.*?)</h1>", clause, re.S).group(1)
    assert re.search(r'<span lang="zh-Hans">[^<]*[\u4e00-\u9fff]', title), "the untranslated title, in Chinese, marked as such"
    # The other languages link to the Tibetan page, and it to them.
    assert 'hreflang="bo"' in read(site_with_tibetan / "clauses" / "1.2" / "index.html")
    assert 'hreflang="zh"' in clause and 'hreflang="en"' in clause


def test_a_translated_page_has_no_notice(site_with_tibetan):
    """The English site, whose data is all translated, says nothing of pending translations."""
    assert "policy-untranslated" not in read(site_with_tibetan / "en" / "clauses" / "1.2" / "index.html")
    assert "policy-untranslated" not in read(site_with_tibetan / "clauses" / "1.2" / "index.html")


def test_tibetan_font_self_hosted_for_tibetan_text_only(site_with_tibetan):
    fonts = site_with_tibetan / "bo" / "fonts"
    assert sorted(p.name for p in fonts.iterdir() if not p.name.endswith((".br", ".gz"))) == [
        "NotoSerifTibetan-Medium.ttf", "tibetan.css"]
    assert read_bytes_head(fonts / "NotoSerifTibetan-Medium.ttf") == b"\x00\x01\x00\x00"  # a TrueType font
    css = read(fonts / "tibetan.css")
    assert 'url("NotoSerifTibetan-Medium.ttf")' in css and "unicode-range: U+0F00-0FFF" in css and ":lang(bo)" in css
    assert "tibetan.css" in read(site_with_tibetan / "bo" / "index.html")
    for other in (site_with_tibetan / "index.html", site_with_tibetan / "en" / "index.html"):
        assert "tibetan.css" not in read(other) and "Tibetan" not in read(other)
    assert not list(site_with_tibetan.glob("fonts/*")) and not list(site_with_tibetan.glob("en/fonts/*"))


def read_bytes_head(path: Path) -> bytes:
    return path.read_bytes()[:4]


def test_tibetan_search_splits_at_tsheg_and_shad(site_with_tibetan):
    config = json.loads(read(site_with_tibetan / "bo" / "search" / "search_index.json"))["config"]
    words = [w for w in re.split(config["separator"], "ལས་ཁུངས། གཙོ་ངོས༎ རྩིས་ཆས༔") if w]
    assert words == ["ལས", "ཁུངས", "གཙོ", "ངོས", "རྩིས", "ཆས"]
    assert config["pipeline"] == []  # lunr's trimmer and stemmer would strip Tibetan letters


def test_shipped_build_has_no_tibetan(built_site):
    assert not (built_site / "bo").exists()
    assert 'hreflang="bo"' not in read(built_site / "index.html")
