"""What the build computes from the data, through the real `mkdocs build --strict`.

- A31: a parameter value dated in the future is shown as announced, with its date, and never
  used before it (the calculator's default and the worked examples keep the value in force).
- A34: a value the calculators cannot take (a typo, 165000 for 1650) stops the build with the
  file, line, field and a fix in both languages, like `check`; no traceback; the previous site
  stays byte-identical.
"""

from __future__ import annotations

import hashlib
import html
import shutil
from pathlib import Path

from tests.conftest import POLICY_DATA
from tests.build.test_check_cli import FUTURE_WAGE, WAGE, run_check
from tests.site_build import mkdocs_build


def _snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_future_value_is_announced_never_used_and_a_bad_value_stops_the_build_cleanly(tmp_path):
    data = tmp_path / "policy_data"
    shutil.copytree(POLICY_DATA, data)
    wage = data / WAGE
    wage.write_text(wage.read_text(encoding="utf-8") + FUTURE_WAGE, encoding="utf-8")
    assert run_check(data).returncode == 0  # announcing a future value is not a mistake

    site = tmp_path / "site"
    built = mkdocs_build(site, data_dir=data)  # data date 2026-01-01
    assert built.returncode == 0, built.stdout + built.stderr
    calc = html.unescape((site / "calculators" / "internship_subsidy" / "index.html").read_text(encoding="utf-8"))
    assert "123,750" in calc and "749,925" not in calc  # worked examples with 1,650, not 9,999
    assert "默认值1,650元" in calc and "已公布的新标准9,999元自2099年7月1日起执行" in calc
    calc_en = html.unescape((site / "en" / "calculators" / "internship_subsidy" / "index.html").read_text(encoding="utf-8"))
    assert "Default 1,650 yuan" in calc_en and "A new figure of 9,999 yuan applies from 2099-07-01" in calc_en
    about_en = html.unescape((site / "en" / "about-data" / "index.html").read_text(encoding="utf-8"))
    assert "The latest figure recorded here is 1,650 yuan a month, from 2018-01-01" in about_en
    assert "Announced, not yet in force: 9,999 yuan a month from 2099-07-01" in about_en
    about = html.unescape((site / "about-data" / "index.html").read_text(encoding="utf-8"))
    assert "已公布、尚未生效：自 2099年7月1日 起" in about

    before = _snapshot(site)
    wage.write_text(wage.read_text(encoding="utf-8").replace("value: 1650", "value: 165000"), encoding="utf-8")
    failed = mkdocs_build(site, data_dir=data)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "Traceback" not in output
    line = wage.read_text(encoding="utf-8").splitlines().index("    value: 165000") + 1
    assert f"policy_data/{WAGE}:{line}  [values.2018-01-01.value]" in output, output
    assert "The value 165000 is outside the range the calculator 'internship_subsidy' accepts" in output
    assert "数值 165000 超出了计算器“internship_subsidy”" in output
    assert _snapshot(site) == before


def test_a_worked_example_that_fails_is_a_data_problem_on_the_value_it_used():
    """The last safety net: if a value the checks let through still made a worked example fail,
    the build reports the parameter's file and line in both languages (never a traceback)."""
    import dataclasses

    from policy_site.build.build_inputs import check_site, worked_example_problems
    from policy_site.data.model import DatedValue

    site, result = check_site(POLICY_DATA)
    wage = site.policy.parameter["regional_monthly_minimum_wage"]
    start, dated = wage.in_force(site.data_date)
    broken = DatedValue.model_construct(value=dated.value * 1000, reference=dated.reference)  # unchecked on purpose
    parameters = tuple(p.model_copy(update={"values": {**p.values, start: broken}}) if p is wage else p
                       for p in site.policy.parameters)
    policy = site.policy.model_copy(update={"parameters": parameters})
    policy.__dict__.pop("parameter", None)  # the cached index by id
    problems = worked_example_problems(dataclasses.replace(site, policy=policy), result)
    assert [(p.file, p.field) for p in problems] == [(f"policy_data/{WAGE}", f"values.{start.isoformat()}.value")]
    line = (POLICY_DATA / WAGE).read_text(encoding="utf-8").splitlines().index("    value: 1650") + 1
    assert problems[0].line == line
    assert "internship_subsidy" in problems[0].en and "must be between 0 and 100,000" in problems[0].en
    assert "计算器的示例时出错" in problems[0].zh and "必须在0到100,000之间" in problems[0].zh
