"""Parity of the calculators written as data: the same specs and inputs give byte-identical JSON in
CPython and in the trimmed Pyodide runtime the site ships (booted in Node, as tests/runtime/test_parity.py
does, from the same zip), in one Pyodide start for all requests: register_rules_json first, then
calculate_json on every case and worked example of calculators/cases/rules/ (2.2 as data under another
id, with the cases of calculators/cases/venue_subsidy.json) and of test_rules_shapes' small specs, then a
refused registration."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import calculators
from policy_site.build.pyodide_runtime import BUILD_SCRIPT, PACKAGE, build_runtime
from tests.unit.calculators.test_rules_shapes import TABLE

REPO = Path(__file__).resolve().parents[2]
RULES_DIR = REPO / "calculators" / "cases" / "rules"
# 2.2 as data under its own id: whether or not the loader has registered venue_subsidy, nothing clashes.
RENAMED = {"venue_subsidy": "venue_subsidy_as_data"}


def _specs_and_cases():
    specs, cases = [], []
    for path in sorted(RULES_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        spec = dict(data["spec"], id=RENAMED.get(data["spec"]["id"], data["spec"]["id"]))
        own = data.get("cases")
        if own is None:  # 2.2: the Python calculator's own case file
            own = json.loads((RULES_DIR.parent / f"{data['spec']['id']}.json").read_text(encoding="utf-8"))
        specs.append(spec)
        cases += [(f"{spec['id']}: {case['name']}", spec["id"], case["inputs"]) for case in own]
        cases += [(f"{spec['id']} example {i}", spec["id"], example["inputs"])
                  for i, example in enumerate(spec.get("examples") or [])]
    # The shapes' small specs (tiers, highest not both, for each, ratios, monthly limits).
    for spec, case in TABLE:
        if spec not in specs:
            specs.append(spec)
        cases.append((f"{spec['id']}: {case['name']}", spec["id"], case["inputs"]))
    return specs, cases


SPECS, CASES = _specs_and_cases()
REGISTER = json.dumps(SPECS, ensure_ascii=False, sort_keys=True)
REQUESTS = {key: json.dumps({"id": cid, "inputs": inputs}, ensure_ascii=False, sort_keys=True)
            for key, cid, inputs in CASES}
REFUSED = json.dumps([dict(SPECS[0], id="temporary_assistance")], ensure_ascii=False)


@pytest.fixture(scope="module")
def cpython():
    """CPython's answers to the same sequence, the package's registry restored afterwards."""
    saved = dict(calculators.CALCULATORS), dict(calculators._BY_ID)
    try:
        registered = calculators.register_rules_json(REGISTER)
        answers = {key: calculators.calculate_json(request) for key, request in REQUESTS.items()}
        refused = calculators.register_rules_json(REFUSED)
    finally:
        for live, kept in zip((calculators.CALCULATORS, calculators._BY_ID), saved, strict=True):
            live.clear()
            live.update(kept)
    return {"registered": registered, "answers": answers, "refused": refused}


@pytest.fixture(scope="module")
def pyodide(tmp_path_factory):
    node = shutil.which("node")
    assert node, "node is needed for the Pyodide parity test"
    runtime = build_runtime(REPO)
    tmp = tmp_path_factory.mktemp("pyodide_rules")
    zip_path = tmp / runtime.zip_name
    zip_path.write_bytes(runtime.files[f"pyodide/{runtime.zip_name}"])
    glue = tmp / "pyodide.asm.mjs"
    shipped = runtime.files["pyodide/pyodide.asm.mjs"]
    glue.write_bytes(shipped if isinstance(shipped, bytes) else shipped.read_bytes())
    sequence = ([{"fn": "register_rules_json", "request": REGISTER}]
                + [{"fn": "calculate_json", "request": request} for request in REQUESTS.values()]
                + [{"fn": "register_rules_json", "request": REFUSED}])
    job = tmp / "job.json"
    job.write_text(json.dumps({"pyodide_dir": str(REPO / "node_modules" / "pyodide"), "stdlib_zip": str(zip_path),
                               "asm_mjs": str(glue), "package": PACKAGE, "requests": sequence}))
    proc = subprocess.run([node, str(BUILD_SCRIPT), "run", str(job)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    responses = out["responses"]
    return {"registered": responses[0], "answers": dict(zip(REQUESTS, responses[1:-1], strict=True)),
            "refused": responses[-1], "python_version": out["python_version"]}


def test_every_spec_and_case_is_there():
    assert {spec["id"] for spec in SPECS} >= {"venue_subsidy_as_data", "example_rent_subsidy",
                                              "guangzhou_internship_subsidy", "guangzhou_demonstration_base_subsidy"}
    assert len(REQUESTS) > 100


def test_the_registration_is_the_same(pyodide, cpython):
    assert pyodide["python_version"].startswith("3.")
    assert json.loads(cpython["registered"])["ok"] is True
    assert pyodide["registered"] == cpython["registered"]


@pytest.mark.parametrize("key", list(REQUESTS))
def test_pyodide_matches_cpython(key, pyodide, cpython):
    assert pyodide["answers"][key] == cpython["answers"][key]


def test_a_refused_registration_is_the_same_answer(pyodide, cpython):
    assert json.loads(cpython["refused"])["ok"] is False
    assert pyodide["refused"] == cpython["refused"]
