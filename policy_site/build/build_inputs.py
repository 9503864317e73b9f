"""Gather what a build renders from: the validated policy, the calculators and the data date.

``check_site`` runs every check of the data that the build depends on, including what the
build itself computes from the data (the worked examples run the calculators with the
parameters in force on the data date); ``policy-site check`` and the build both use it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import calculators

from ..data.dates import data_date
from ..data.errors import DataErrors, DataProblem
from ..data.loader import CheckResult, check_policy
from ..site.render import Renderer, SiteInputs

log = logging.getLogger("mkdocs.plugins.policy_site")


def check_site(data_dir: Path) -> tuple[SiteInputs | None, CheckResult]:
    """The site's inputs (None if the data has a problem) and everything the checks found."""
    try:
        on = data_date(data_dir)
    except DataErrors as exc:
        return None, CheckResult(None, exc.problems, [])
    except ValueError as exc:  # a malformed SOURCE_DATE_EPOCH
        value = os.environ.get("SOURCE_DATE_EPOCH", "")
        zh, _, en = str(exc).partition("\n")  # dates.py may say it in both languages, one line each
        if not en:
            zh = (f"环境变量 SOURCE_DATE_EPOCH 的值“{value}”无效：应为 1970 年以来的秒数，如 1767225600（2026-01-01），"
                  "或者不设置它（使用最后一次提交的日期）。")
            en = (f"The environment variable SOURCE_DATE_EPOCH is not valid ('{value}': {exc}): it must be seconds "
                  "since 1970, e.g. 1767225600 (2026-01-01), or unset (the date of the last commit is used).")
        return None, CheckResult(None, [DataProblem("SOURCE_DATE_EPOCH", 0, "", zh, en)], [])
    result = check_policy(data_dir, known_calculators=calculators.CALCULATORS, data_date=on)
    if result.problems:
        return None, result
    policy = result.policy
    site = SiteInputs(
        policy=policy,
        data_date=on,
        calculators={cid: calculators.CALCULATORS[cid] for cid in  # in the documents' order (Python or data)
                     dict.fromkeys(cid for clause in (*policy.clauses, *(c for d in result.documents for c in d.clauses))
                                   for cid in clause.calculators)},
        calculate=calculators.calculate,
        documents=result.documents,
    )
    result.problems = worked_example_problems(site, result)
    return (None if result.problems else site), result


def load_site_inputs(data_dir: Path, say_warnings: bool = True) -> SiteInputs:
    """The site's inputs; raises ``DataErrors`` with every problem. Warnings are logged (not failing),
    unless ``say_warnings`` is false (the other language's build of the same data)."""
    site, result = check_site(data_dir)
    if result.problems:
        raise DataErrors(result.problems)
    for warning in result.warnings if say_warnings else ():
        log.info("%s", warning.format())
    return site


def worked_example_problems(site: SiteInputs, result: CheckResult) -> list[DataProblem]:
    """Run every worked example exactly as the build does; a failure is a data problem, never a traceback.

    The examples take their defaults from the parameters in force on the data date, so a failure
    is blamed on those values (their file and line); the checks before this one should already
    have caught it (a value outside the calculator's range).
    """
    renderer = Renderer(site, "zh")
    problems = []
    for cid, meta in site.calculators.items():
        try:
            renderer.worked_examples(cid)
        except Exception as exc:  # noqa: BLE001 - whatever it is, staff get a message, not a traceback
            detail = "; ".join(e.get("en", "") for e in getattr(exc, "errors", ()) if isinstance(e, dict)) or str(exc)
            detail_zh = "；".join(e.get("zh", "") for e in getattr(exc, "errors", ()) if isinstance(e, dict))
            used = [(f["default_parameter"], site.parameter_default(f["default_parameter"]))
                    for f in meta.get("fields", ()) if f.get("default_parameter")]
            used = [(pid, found) for pid, found in used if found]
            for pid, (start, _) in used or [("", (None, None))]:
                file, line, field = result.parameter_value_at(pid, start) if pid else (f"calculators/{cid}.py", 1, "")
                problems.append(DataProblem(
                    file, line, field,
                    f"用这里的数值计算“{cid}”计算器的示例时出错（{detail_zh or '计算失败'}）：请核对这个数值。",
                    f"Computing the worked examples of the calculator '{cid}' with this value failed ({detail}): "
                    "check the value."))
    return problems
