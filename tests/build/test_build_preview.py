"""`mkdocs serve` shows data errors in the browser and recovers (reliability review B1;
ranked defect 12): a real preview server on a free 127.0.0.1 port, a data file broken and
then fixed in a copy of the small fixture policy."""

from __future__ import annotations

import html
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from policy_site.data.errors import DataErrors
from policy_site.data.loader import load_policy
from tests.conftest import MINI_POLICY, POLICY_DATA
from tests.site_build import MKDOCS, build_env, sandbox


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 15) -> tuple[int, str]:
    """Status and text of ``url``; a hung request fails the test through the timeout."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(url: str, predicate, seconds: float = 90) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        try:
            last = fetch(url)
            if predicate(*last):
                return last
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            last = (0, repr(error))
        time.sleep(0.3)
    raise AssertionError(f"{url} never answered as expected; last answer: {last}")


def break_line_6(data: Path) -> tuple[str, list[str]]:
    """Put a tab in front of line 6 of sections/1.yaml; the good text and what `check` says."""
    source = data / "sections" / "1.yaml"
    good = source.read_text(encoding="utf-8")
    lines = good.splitlines(keepends=True)
    lines[5] = "\t" + lines[5]  # in front of "number:" of clause 1.1
    source.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataErrors) as caught:  # what `policy-site check` says about it
        load_policy(data)
    expected = [line.strip() for problem in caught.value.problems for line in problem.format().splitlines()]
    assert any("sections/1.yaml:6" in line for line in expected)
    return good, expected


def wage_typo(data: Path) -> tuple[str, list[str]]:
    """B3: 165000 typed for the minimum wage of 1650 (a value the calculators refuse)."""
    wage = data / "parameters" / "regional_monthly_minimum_wage.yaml"
    good = wage.read_text(encoding="utf-8")
    assert "    value: 1650\n" in good
    wage.write_text(good.replace("    value: 1650\n", "    value: 165000\n", 1), encoding="utf-8")
    line = wage.read_text(encoding="utf-8").splitlines().index("    value: 165000") + 1
    return good, [f"policy_data/parameters/regional_monthly_minimum_wage.yaml:{line}  [values.2018-01-01.value]",
                  "数值 165000 超出了计算器“internship_subsidy”", "The value 165000 is outside the range"]


def assert_error_page(status: int, text: str, expected: list[str]) -> None:
    assert status == 500
    for line in expected:
        assert html.escape(line) in text, line
    assert "Traceback" not in text
    assert "预览：网站没有生成" in text and "Preview: the site was not built" in text


@pytest.fixture
def preview(tmp_path, request):
    """``mkdocs serve`` of a sandboxed copy of the configuration and a copy of the fixture data
    (broken before the server starts when the test parametrizes it with True; with "wage", a copy
    of the real data with the B3 typo)."""
    config = sandbox(tmp_path / "repo")
    data = tmp_path / "policy_data"
    param = getattr(request, "param", False)
    shutil.copytree(POLICY_DATA if param == "wage" else MINI_POLICY, data)
    broken = wage_typo(data) if param == "wage" else break_line_6(data) if param else None
    port = free_port()
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen([str(MKDOCS), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                               cwd=config.parent, env=build_env(data), stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://127.0.0.1:{port}/", data, tmp_path / "serve.log", broken
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_b1_broken_data_shows_in_the_browser_and_the_preview_recovers(preview):
    url, data, log, _ = preview
    page = url + "clauses/1.1/"
    english = url + "en/clauses/1.1/"
    wait_for(page, lambda status, text: status == 200 and "发放救助" in text)

    good, expected = break_line_6(data)
    status, text = wait_for(page, lambda status, text: "sections/1.yaml:6" in text)
    assert_error_page(status, text, expected)
    epoch = int(re.search(r"livereload\((\d+),", text)[1])  # the page reloads itself after the fix

    status, english_text = fetch(english)  # every page, in both languages, answers the same at once
    assert status == 500 and html.escape(expected[-1]) in english_text
    status, other = fetch(url + "no/such/page/")
    assert status == 500 and "sections/1.yaml:6" in other

    (data / "sections" / "1.yaml").write_text(good, encoding="utf-8")
    status, reload_epoch = fetch(url + f"livereload/{epoch}/1", timeout=90)
    assert status == 200 and int(reload_epoch) > epoch, "the open error page would not reload"
    status, text = wait_for(page, lambda status, text: status == 200)
    assert "发放救助" in text and "sections/1.yaml" not in text
    status, english_text = wait_for(english, lambda status, text: status == 200)
    assert "Paying assistance" in english_text
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("preview", [True], indirect=True, ids=["broken at start"])
def test_b1_preview_started_on_broken_data_shows_the_error_then_the_site(preview):
    url, data, log, (good, expected) = preview
    page = url + "clauses/1.1/"
    status, text = wait_for(url, lambda status, text: status != 0)
    assert_error_page(status, text, expected)
    assert_error_page(*fetch(url + "en/"), expected)
    (data / "sections" / "1.yaml").write_text(good, encoding="utf-8")
    status, text = wait_for(page, lambda status, text: status == 200)
    assert "发放救助" in text
    assert "Paying assistance" in wait_for(url + "en/clauses/1.1/", lambda status, text: status == 200)[1]
    assert "Traceback" not in log.read_text(encoding="utf-8")


@pytest.mark.parametrize("preview", ["wage"], indirect=True, ids=["wage typo at start"])
def test_b3_a_value_the_calculators_refuse_shows_in_the_browser_not_a_traceback(preview):
    """B3: 165000 for the minimum wage used to print a traceback in the terminal and hang the
    preview; it is a data mistake like any other, with its file, line and fix on every page."""
    url, data, log, (good, expected) = preview
    status, text = wait_for(url, lambda status, text: status != 0)
    assert_error_page(status, text, expected)
    assert_error_page(*fetch(url + "en/calculators/internship_subsidy/"), expected)
    assert "Traceback" not in log.read_text(encoding="utf-8")
