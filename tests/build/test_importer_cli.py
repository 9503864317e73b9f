"""``policy-site outline`` and ``policy-site import --json`` as staff run them: real subprocesses.

The commands are started together once (they are independent), then each test reads its result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GUANGZHOU = REPO / "tests" / "fixtures" / "documents" / "guangzhou-2019-employment-internship-bases.zh.txt"
LHASA = REPO / "policy_data" / "source.zh.txt"
EPOCH_2026_12_07 = "1796601600"
EPOCH_2020_01_01 = "1577836800"
BROKEN = ("第一条 为加强本市就业见习基地管理，制定本办法。\n\n第二条 本办法所指就业见习基地是指面向社会征集的就业见习单位。\n"
          "第五条 上述所需资金从市级就业补助资金中安排。\n")


def _commands(folder: Path) -> dict[str, tuple[list[str], str | None]]:
    (folder / "gz.txt").write_bytes(GUANGZHOU.read_bytes())
    (folder / "dated").mkdir()
    (folder / "dated" / "gz.txt").write_bytes(GUANGZHOU.read_bytes())
    os.utime(folder / "dated" / "gz.txt", (int(EPOCH_2020_01_01), int(EPOCH_2020_01_01)))
    (folder / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (folder / "gbk.txt").write_bytes("第一条 为加强管理。".encode("gbk"))
    gz, lhasa = str(GUANGZHOU), str(LHASA)
    return {
        "outline": (["outline", gz, "--id", "guangzhou-2019-internship-bases"], EPOCH_2026_12_07),
        "outline_2020": (["outline", gz, "--id", "guangzhou-2019-internship-bases"], EPOCH_2020_01_01),
        "outline_file_date": (["outline", str(folder / "dated" / "gz.txt")], None),
        "import_json": (["import", str(folder / "gz.txt"), "--id", "guangzhou-2019-internship-bases", "--json",
                         "--as-of", "2019-10-08"], EPOCH_2026_12_07),
        "outline_lhasa": (["outline", lhasa, "--as-of", "2026-12-07"], EPOCH_2026_12_07),
        "import_no_json": (["import", gz, "--id", "guangzhou-2019-internship-bases"], EPOCH_2026_12_07),
        "bad_id": (["import", gz, "--id", "Guangzhou_2019", "--json"], EPOCH_2026_12_07),
        "bad_date": (["outline", gz, "--as-of", "2026/12/07"], EPOCH_2026_12_07),
        "missing": (["outline", str(folder / "no-such-file.txt")], EPOCH_2026_12_07),
        "broken": (["import", str(folder / "broken.txt"), "--id", "broken", "--json"], EPOCH_2026_12_07),
        "gbk": (["outline", str(folder / "gbk.txt")], EPOCH_2026_12_07),
        "help": (["outline", "--help"], EPOCH_2026_12_07),
        "library_id": (["outline", "guangzhou-2019-internship-bases"], EPOCH_2026_12_07),
    }


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("importer-cli")
    running = {}
    for name, (args, epoch) in _commands(folder).items():
        env = {k: v for k, v in os.environ.items() if k != "POLICY_SITE_DEBUG"}
        env.pop("SOURCE_DATE_EPOCH", None)
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch  # the data date, never the clock
        running[name] = (args, subprocess.Popen([sys.executable, "-m", "policy_site.cli", *args], cwd=REPO, env=env,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                                encoding="utf-8"))
    done = {}
    for name, (args, process) in running.items():
        stdout, stderr = process.communicate(timeout=120)
        done[name] = subprocess.CompletedProcess(args, process.returncode, stdout, stderr)
    done["folder"] = folder
    return done


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def test_outline_prints_the_json_with_the_status_on_the_data_date(results):
    for name, expected in (("outline", "expired"), ("outline_2020", "in_force")):
        result = results[name]
        assert result.returncode == 0, result.stderr
        found = json.loads(result.stdout)
        assert (found["id"], found["number"], found["expires"]) == (
            "guangzhou-2019-internship-bases", "穗人社规字〔2019〕6号", "2024-10-08")
        assert found["status"] == expected
        assert result.stderr == ""


def test_without_source_date_epoch_or_git_the_files_date_is_the_data_date(results):
    result = results["outline_file_date"]
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "in_force"  # 2020-01-01, not the clock's 2026


def test_import_json_prints_the_same_outline_and_writes_nothing(results):
    result = results["import_json"]
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {**json.loads(results["outline"].stdout), "status": "not_yet"}
    assert sorted(p.name for p in results["folder"].iterdir()) == ["broken.txt", "dated", "gbk.txt", "gz.txt"]


def test_outline_takes_the_id_from_the_files_name(results):
    result = results["outline_lhasa"]
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["id"], found["status"], len(found["sections"])) == ("source", "no_dates", 6)


def test_import_without_json_says_only_a_dry_run_works_in_this_version(results):
    result = results["import_no_json"]
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--json" in result.stderr and "试运行" in result.stderr and "dry run" in result.stderr
    no_traceback(result)


@pytest.mark.parametrize(("name", "code", "words"), [
    ("bad_id", 2, ["Guangzhou_2019", "小写", "lowercase"]),
    ("bad_date", 2, ["2026/12/07", "YYYY-MM-DD"]),
    ("missing", 1, ["no-such-file.txt", "找不到", "does not exist"]),
    ("gbk", 1, ["gbk.txt", "UTF-8", "不是"]),
    ("library_id", 1, ["guangzhou-2019-internship-bases", ".txt", "资料库", "library layout"]),
])
def test_wrong_commands_and_files_are_explained(results, name, code, words):
    result = results[name]
    assert result.returncode == code
    assert result.stdout == ""
    for word in words:
        assert word in result.stderr
    no_traceback(result)


def test_text_it_cannot_structure_exits_1_with_located_problems(results):
    result = results["broken"]
    assert result.returncode == 1
    assert result.stdout == ""
    assert "broken.txt:4" in result.stderr
    assert "第三条" in result.stderr and "skips" in result.stderr and "nothing was written" in result.stderr
    no_traceback(result)


def test_help_says_a_path_is_taken_now_and_ids_come_with_the_library(results):
    result = results["help"]
    assert result.returncode == 0
    assert "SOURCE.txt" in result.stdout and "library" in result.stdout
