"""A calculator added through data alone, as the README's staff guide does it: the rent subsidy
`场地租金总额的50%…每年不超过5万元、补贴期限最长不超过3年`, the guide's own YAML block (read from
README.md: tests/readme_example.py) added as a clause to a copy of the small fixture policy (its
text added to the source too), then

- the real ``mkdocs build`` gives its page in both languages, with the form and the worked examples
  (computed by the same Python, shown without JavaScript), and ships the spec to the browser
  (``pyodide/rules.json``, listed and hashed in the runtime's manifest);
- ``policy-site check`` reports a quote that is not in the clause, an unknown input and a worked
  example whose total is wrong, each with file, line, field and a fix in both languages.

The model's own cases: tests/unit/policy_site/test_rules_model.py; the guide's messages, character for
character: tests/unit/policy_site/test_readme_rules_example.py."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readme_example import SECTION, add_to_policy
from tests.site_build import build_env, mkdocs_build

CLI = Path(sys.executable).with_name("policy-site")


def add_rent_subsidy(target: Path) -> Path:
    """A copy of the fixture policy in ``target`` with the README's rent-subsidy clause (and its source line)."""
    return add_to_policy(target)


def check(data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), "check", str(data_dir)], capture_output=True, text=True, env=build_env())


def line_of(path: Path, fragment: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


@pytest.fixture(scope="module")
def rent_data(tmp_path_factory) -> Path:
    return add_rent_subsidy(tmp_path_factory.mktemp("rent") / "policy_data")


@pytest.fixture(scope="module")
def rent_site(rent_data, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("rent_site") / "site"
    result = mkdocs_build(dest, data_dir=rent_data)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


def test_check_accepts_the_guide_example(rent_data):
    proc = check(rent_data)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("lang, root, words", [
    ("zh", "", ("每年场地租金", "申请补贴的年数", "6万元", "15万元", "场地租金总额的50%")),
    ("en", "en/", ("Rent per year", "Years claimed", "60,000", "150,000")),
])
def test_its_page_has_the_form_and_the_worked_examples(rent_site, lang, root, words):
    page = (rent_site / root / "calculators" / "rent_subsidy" / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="policy-calculator" data-calculator-id="rent_subsidy"[^>]*'
                        r'data-calculator-config="([^"]*)"', page)
    assert section, "the calculator's form"
    config = json.loads(html.unescape(section.group(1)))
    assert [f["name"] for f in config["calculator"]["fields"]] == ["annual_rent_yuan", "years"]
    assert config["lang"] == lang
    examples = re.findall(r'<div class="policy-example">(.*?)</div>', page, re.S)
    assert len(examples) == 2
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for word in words[:-1] if lang == "zh" else words:
        assert word in text, word
    clause = (rent_site / root / "clauses" / "1.3" / "index.html").read_text(encoding="utf-8")
    assert "calculators/rent_subsidy/" in clause


def test_the_browser_gets_the_spec_listed_in_the_runtime_manifest(rent_site):
    manifest = json.loads((rent_site / "pyodide" / "runtime.json").read_text(encoding="utf-8"))
    name = manifest["rules"]
    data = (rent_site / "pyodide" / name).read_bytes()
    entry = manifest["files"][name]
    assert entry["bytes"] == len(data)
    assert entry["sha256"] == base64.b64encode(hashlib.sha256(data).digest()).decode()
    specs = json.loads(data)
    assert [s["id"] for s in specs] == ["rent_subsidy"] and specs[0]["clause"] == "1.3"


def _check_after(rent_data: Path, tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    copy = tmp_path / "policy_data"
    shutil.copytree(rent_data, copy)
    path = copy / SECTION
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    proc = check(copy)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    return path, proc.stderr


RULES = "clauses[2].calculator_rules[0]"


@pytest.mark.parametrize("old, new, fragment, field, zh, en", [
    ("quote: 每年不超过5万元", "quote: 每年不超过50000元", "quote: 每年不超过50000元", f"{RULES}.figures[1].quote",
     "在本条原文（text.zh）中找不到", "is not in this clause's Chinese text"),
    ("periods: {input: years,", "periods: {input: year,", "periods: {input: year,", f"{RULES}.items[0].periods.input",
     "未知的输入项“year”", "Unknown input 'year'"),
    ("total_yuan: 150000", "total_yuan: 225000", "total_yuan: 225000", f"{RULES}.examples[1].total_yuan",
     "算出的是 150000 元", "this calculator's rules give 150000 yuan"),
], ids=["wrong quote", "unknown input", "wrong example total"])
def test_check_says_what_is_wrong_where(rent_data, tmp_path, old, new, fragment, field, zh, en):
    path, report = _check_after(rent_data, tmp_path, old, new)
    where = f"policy_data/{SECTION}:{line_of(path, fragment)}  [{field}]"
    assert where in report, report
    block = report[report.index(where):].split("\n")
    assert zh in block[1] and en in block[2], report
