"""Parity: every calculator case gives byte-identical JSON in CPython and in Pyodide.

The Pyodide side runs in Node (tests/pyodide/run_cases.mjs) with the wheel and the
lock file the site ships (policy_site.pyodide_runtime), loaded by name through the
lock, in one Node process for all requests.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import calculators
from policy_site.pyodide_runtime import build_runtime

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = REPO / "tests" / "calculators" / "cases"
RUN_CASES = Path(__file__).with_name("run_cases.mjs")


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
    })
    return requests


REQUESTS = collect_requests()


@pytest.fixture(scope="module")
def pyodide_responses(tmp_path_factory) -> dict:
    node = shutil.which("node")
    assert node, "node is needed for the Pyodide parity test"
    runtime = build_runtime(REPO)
    folder = tmp_path_factory.mktemp("pyodide_runtime")
    for uri in ("pyodide/pyodide-lock.json", f"pyodide/{runtime.wheel_name}"):
        (folder / Path(uri).name).write_bytes(runtime.files[uri])
    requests_file = folder / "requests.json"
    requests_file.write_text(json.dumps([{"key": k, "request": v} for k, v in REQUESTS.items()]), encoding="utf-8")
    proc = subprocess.run([node, str(RUN_CASES), str(folder), str(requests_file)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["wheel"] == runtime.wheel_name
    assert out["python_version"].startswith("3.14")
    assert out["installed_from"].startswith("/lib/python3.14/site-packages/calculators/")
    return out["responses"]


def test_there_are_cases():
    assert len([k for k in REQUESTS if not k.startswith(("odd:",)) and " example " not in k]) >= len(calculators.CALCULATORS)


@pytest.mark.parametrize("key", list(REQUESTS))
def test_pyodide_matches_cpython(key, pyodide_responses):
    expected = calculators.calculate_json(REQUESTS[key])
    assert pyodide_responses[key] == expected
