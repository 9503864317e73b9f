"""Settings that reach every page are refused when they would break it (reliability review 2:
P2-55, P2-57, P2-59, P2-60), before anything is written; a data warning is printed once per
build, not once per language (P2-106). Real `mkdocs build --strict` runs."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI_POLICY
from tests.site_build import mkdocs_build, sandbox


def refused(tmp_path: Path, config: Path | None = None, **env: str) -> str:
    dest = tmp_path / "out" / "site"
    result = mkdocs_build(dest, data_dir=MINI_POLICY, config=config, **env)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert not dest.exists() and "nothing was written" in output, output
    assert "Traceback" not in output, output
    return output


def test_p2_59_an_email_address_without_mailto_is_refused_with_the_fix(tmp_path):
    output = refused(tmp_path, REPORT_ERROR_URL="policy@example.gov.cn")
    assert "lacks mailto: at its start" in output and "write mailto:policy@example.gov.cn" in output
    assert "请写成 mailto:policy@example.gov.cn" in output


@pytest.mark.parametrize("value", ["javascript:alert(document.domain)", "data:text/html,<b>x</b>",
                                   "ftp://example.gov.cn/", "https:example.gov.cn"])
def test_p2_57_only_http_and_mailto_links(tmp_path, value):
    output = refused(tmp_path, REPORT_ERROR_URL=value)
    assert "REPORT_ERROR_URL" in output and "http(s)://" in output


def test_p2_55_a_site_url_with_quotes_or_angle_brackets_is_refused(tmp_path):
    output = refused(tmp_path, SITE_URL='https://example.gov.cn/po"><img src=x onerror=alert(1)>/')
    assert "SITE_URL" in output and "may not contain spaces, quotes or angle brackets" in output


@pytest.mark.parametrize("name", ["site_name", "site_description"])
def test_p2_60_html_in_the_site_name_or_description_is_refused(tmp_path, name):
    config = sandbox(tmp_path / "repo")
    text = config.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(f"{name}:"))
    config.write_text(text.replace(line, f"{name}: '促进就业\"政策\" <img src=x onerror=window.__sn=1>'"),
                      encoding="utf-8")
    output = refused(tmp_path, config=config)
    assert f"{name} in mkdocs.yml" in output and "may not contain <, > or" in output


def test_p2_106_a_warning_is_printed_once_and_a_mailto_link_is_kept(tmp_path):
    data = tmp_path / "policy_data"
    shutil.copytree(MINI_POLICY, data)
    with (data / "agencies.yaml").open("a", encoding="utf-8") as out:
        out.write("  - id: unused_office\n    name: {zh: 闲置办公室, en: Unused Office}\n")
    dest = tmp_path / "site"
    result = mkdocs_build(dest, data_dir=data, REPORT_ERROR_URL="mailto:policy@example.gov.cn")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert output.count("The agency 'unused_office' is named by no clause") == 1, output
    page = html.unescape((dest / "clauses" / "1.1" / "index.html").read_text(encoding="utf-8"))
    assert 'href="mailto:policy@example.gov.cn"' in page
