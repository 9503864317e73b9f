"""``policy-site find`` as a subprocess over the real and the mini policy: it prints the contract's
JSON or the errors, never a traceback; and the finder's models load in any import order (each in a
fresh Python). The in-process checks of the finder's data are tests/unit/policy_site/test_finder_data.py."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_import_order_does_not_matter():
    for first in ("policy_site.data.model_finder", "policy_site.data.model", "policy_site.data.loader"):
        proc = subprocess.run([sys.executable, "-c", f"import {first}; from policy_site.data.model import Clause; "
                               "print('measures' in Clause.model_fields)"], capture_output=True, text=True, cwd=REPO)
        assert proc.stdout.strip() == "True", proc.stderr


def run_find(*args: str) -> subprocess.CompletedProcess:
    cli = Path(sys.executable).with_name("policy-site")
    return subprocess.run([str(cli), "find", *args], capture_output=True, cwd=REPO)


def test_cli_find_prints_the_contract():
    proc = run_find('{"applicant": "person", "age": 20}', "--as-of", "2026-11-25")
    assert proc.returncode == 0 and proc.stderr == b""
    out = json.loads(proc.stdout.decode("utf-8"))
    assert list(out) == ["as_of", "next_question", "summary", "measures"]
    assert out["as_of"] == "2026-11-25" and out["next_question"] == "employment"
    entry = next(m for m in out["measures"] if m["clause"] == "2.3")
    assert {"clause", "status", "in_force", "calculators", "conditions", "missing"} <= set(entry)
    assert entry["status"] == "may_apply" and "employment" in entry["missing"]
    assert all(set(c) == {"zh", "en", "quote", "result"} for c in entry["conditions"])


def test_cli_find_as_of_defaults_to_the_data_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = json.loads(run_find("{}").stdout)
    assert out["as_of"] == "2026-01-01"


@pytest.mark.parametrize("facts, field", [
    ('{"applicant": "organisation", "age": 30}', "age"),
    ('{"applicant": "person", "lhasa_hukou": true, "from_tibet": false}', "from_tibet"),
    ('{"applicant": "organisation", "new_local_hires": 3, "new_local_graduates": 4}', "new_local_graduates"),
    ('{"applicant": "person", "age": 121}', "age"),
    ('{"applicant": "person", "agee": 1}', "agee"),
    ('{"applicant": null}', "applicant"),
    ('{"applicant": "person",', None),
    ('[1]', None),
])
def test_cli_find_bad_facts(facts, field):
    proc = run_find(facts)
    assert proc.returncode == 1 and proc.stdout == b""
    errors = json.loads(proc.stderr.decode("utf-8"))["errors"]
    assert errors[0]["field"] == field and errors[0]["zh"] and errors[0]["en"]
    assert b"Traceback" not in proc.stderr


def test_cli_find_on_the_mini_policy():
    proc = run_find('{"applicant": "organisation", "publishes": true, "enterprise_type": "non_public", '
                    '"new_local_hires": 16, "new_local_graduates": 10, "hiring_year": 2019}',
                    "--data", str(REPO / "tests/fixtures/mini_policy"), "--as-of", "2020-01-01")
    out = json.loads(proc.stdout)
    assert [m["status"] for m in out["measures"]] == ["does_not_apply", "applies"]
    assert out["measures"][1]["calculators"] == {"enterprise_hiring_award": {"status": "applies", "total_yuan": 80000}}
    assert out["measures"][0]["in_force"] == "in_force"
