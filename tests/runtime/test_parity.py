"""Parity: every calculator case gives byte-identical JSON in CPython and in the trimmed Pyodide runtime.

The Pyodide side runs in Node (policy_site/build/pyodide_build.mjs ``run``), booted from the very zip the
site ships (policy_site.build.pyodide_runtime: trimmed standard library + calculators as Pyodide byte code),
in one Node process for all requests. tests/browser/test_runtime_parity.py does the same in Chromium.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import calculators
from policy_site.build.pyodide_runtime import BUILD_SCRIPT, PACKAGE, build_runtime
from policy_site.data.loader import load_policy
from policy_site.data.rules_checks import specs

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = REPO / "calculators" / "cases"
# The calculators the real data writes as data (2.2): registered first, as the site's worker does (rules.json).
DATA_RULES = json.dumps(specs(load_policy(REPO / "policy_data", known_calculators=calculators.CALCULATORS)),
                        ensure_ascii=False)


def _request(calculator_id, inputs) -> str:
    return json.dumps({"id": calculator_id, "inputs": inputs}, ensure_ascii=False, sort_keys=True)


def collect_requests() -> dict[str, str]:
    """{case key: request JSON text}: the shared case files, the metadata's examples, a few odd requests."""
    requests: dict[str, str] = {}
    for path in sorted(CASES_DIR.glob("*.json")):
        for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            requests[f"{path.stem}[{index}] {case['name']}"] = _request(path.stem, case["inputs"])
    for calculator_id, meta in calculators.CALCULATORS.items():
        for index, example in enumerate(meta.get("examples", [])):
            requests[f"{calculator_id} example {index}"] = _request(calculator_id, example)
    # Requests the browser can send that the case files may not cover.
    requests.update({
        "odd: not JSON": "{",
        "odd: unknown calculator": _request("no_such_calculator", {}),
        "odd: missing inputs": json.dumps({"id": "temporary_assistance"}),
        "odd: fractions": _request("temporary_assistance", {"persons": 3, "requested_yuan_per_person": 1234.565}),
        "odd: tiny float": _request("temporary_assistance", {"persons": 1, "requested_yuan_per_person": 1e-7}),
        "odd: float count": _request("temporary_assistance", {"persons": 2.5, "requested_yuan_per_person": 10}),
        "odd: string count": _request("temporary_assistance", {"persons": "", "requested_yuan_per_person": 10}),
        "odd: negative": _request("temporary_assistance", {"persons": -1, "requested_yuan_per_person": 10}),
        "odd: huge": _request("loan_guarantee_reward", {"new_loans_total_yuan": 999999999999.99}),
        "odd: unicode key": _request("temporary_assistance", {"人数": 1}),
        # D5: nested 10,000 deep (CPython: RecursionError; Pyodide once died of a JS stack overflow).
        "odd: nested 10000 deep": "[" * 10_000 + "]" * 10_000,
        "odd: nested object 10000 deep": '{"a":' * 10_000 + "1" + "}" * 10_000,
        "odd: brackets inside a string": _request("temporary_assistance", {"persons": "[" * 10_000}),
        "odd: 2 MB of text": _request("temporary_assistance", {"persons": "x" * 2_000_000}),
    })
    return requests


REQUESTS = collect_requests()


def run_in_node(runtime, requests: dict[str, str | tuple[str, str]], tmp: Path, fn: str = "calculate_json") -> dict:
    """Each request (``fn``'s, or an ``(fn, request)`` pair), in order, in one Pyodide."""
    node = shutil.which("node")
    assert node, "node is needed for the Pyodide parity test"
    zip_path = tmp / runtime.zip_name
    zip_path.write_bytes(runtime.files[f"pyodide/{runtime.zip_name}"])
    glue = tmp / "pyodide.asm.mjs"  # the shipped (minified) glue, not the package's own
    shipped = runtime.files["pyodide/pyodide.asm.mjs"]
    glue.write_bytes(shipped if isinstance(shipped, bytes) else shipped.read_bytes())
    job = tmp / "job.json"
    job.write_text(json.dumps({"pyodide_dir": str(REPO / "node_modules" / "pyodide"), "stdlib_zip": str(zip_path),
                               "asm_mjs": str(glue), "package": PACKAGE,
                               "requests": [{"fn": "register_rules_json", "request": DATA_RULES}]
                               + [{"fn": r[0], "request": r[1]} if isinstance(r, tuple) else {"fn": fn, "request": r}
                                  for r in requests.values()]}))
    proc = subprocess.run([node, str(BUILD_SCRIPT), "run", str(job)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    registered, *responses = out["responses"]
    assert json.loads(registered)["ok"], registered
    out["responses"] = dict(zip(requests, responses, strict=True))
    return out


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory) -> dict:
    return run_in_node(build_runtime(REPO), REQUESTS, tmp_path_factory.mktemp("pyodide_runtime"))


def test_there_are_cases():
    assert len([k for k in REQUESTS if not k.startswith(("odd:",)) and " example " not in k]) >= len(calculators.CALCULATORS)


def test_the_shipped_zip_is_what_ran(pyodide_run):
    assert pyodide_run["python_version"].startswith("3.14")
    assert pyodide_run["package_file"] == "/lib/python314.zip/calculators/__init__.pyc"


@pytest.mark.parametrize("key", list(REQUESTS))
def test_pyodide_matches_cpython(key, pyodide_run):
    expected = calculators.calculate_json(REQUESTS[key])
    assert pyodide_run["responses"][key] == expected


def test_deep_nesting_is_an_error_answer_not_a_crash(pyodide_run):
    answer = json.loads(pyodide_run["responses"]["odd: nested 10000 deep"])
    assert answer["ok"] is False and answer["errors"][0]["field"] is None
