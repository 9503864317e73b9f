"""``policy-site outline``, ``import`` and ``check-document`` as staff run them: real subprocesses.

The independent commands are started together once, then each test reads its result; the commands that
build a library one after another (import, refuse, replace, check) run in order in their own folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "documents"
GUANGZHOU = FIXTURES / "guangzhou-2019-employment-internship-bases.zh.txt"
LIST_SAMPLE = FIXTURES / "sample-2024-employment-policy-list.zh.txt"
GZ = "guangzhou-2019-employment-internship-bases"
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
        "import_no_data_dir": (["import", gz, "--id", GZ, "--data", str(folder / "no-such-library")],
                               EPOCH_2026_12_07),
        "bad_id": (["import", gz, "--id", "Guangzhou_2019", "--json"], EPOCH_2026_12_07),
        "bad_date": (["outline", gz, "--as-of", "2026/12/07"], EPOCH_2026_12_07),
        "missing": (["outline", str(folder / "no-such-file.txt")], EPOCH_2026_12_07),
        "broken": (["import", str(folder / "broken.txt"), "--id", "broken", "--json"], EPOCH_2026_12_07),
        "gbk": (["outline", str(folder / "gbk.txt")], EPOCH_2026_12_07),
        "help": (["outline", "--help"], EPOCH_2026_12_07),
        "library_id": (["outline", "guangzhou-2019-internship-bases", "--data", str(folder)], EPOCH_2026_12_07),
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


@pytest.mark.parametrize(("name", "code", "words"), [
    ("bad_id", 2, ["Guangzhou_2019", "小写", "lowercase"]),
    ("bad_date", 2, ["2026/12/07", "YYYY-MM-DD"]),
    ("missing", 1, ["no-such-file.txt", "找不到", "does not exist"]),
    ("gbk", 1, ["gbk.txt", "UTF-8", "不是"]),
    ("library_id", 1, ["guangzhou-2019-internship-bases", "资料库", "has no document"]),
    ("import_no_data_dir", 2, ["no-such-library", "不存在", "does not exist", "--data"]),
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


def test_help_says_a_path_or_a_library_id_is_taken(results):
    result = results["help"]
    assert result.returncode == 0
    assert "SOURCE.txt|DOC_ID" in result.stdout and "library" in result.stdout


# -- a library built one command after another ------------------------------------------------------------------

UNPLACED = ("第一章  总则\n第一条 为加强本市就业见习基地管理，制定本办法。\n第二章  见习单位职责\n"
            "见习单位还应注意下列事项。\n第二条 见习单位应当履行以下职责。\n")
BACKWARDS = ("第一条 为加强本市就业见习基地管理，制定本办法。\n第二条 本办法所指就业见习基地是指面向社会征集的就业见习单位。\n"
             "第五条 见习单位应当履行以下职责。\n第三条 上述所需资金从市级就业补助资金中安排。\n")


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("POLICY_SITE_DEBUG", "POLICY_DATA_DIR")}
    env["SOURCE_DATE_EPOCH"] = EPOCH_2026_12_07
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run([sys.executable, "-m", "policy_site.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> dict:
    """Staff's afternoon, in order, in a library with the shared agencies of policy_data (run from inside it, as
    staff do: relative paths, the default data folder given by --data)."""
    work = tmp_path_factory.mktemp("library-cli")
    data = work / "policy_data"
    data.mkdir()
    shutil.copy(REPO / "policy_data" / "agencies.yaml", data / "agencies.yaml")
    (work / "backwards.txt").write_text(BACKWARDS, encoding="utf-8")
    (work / "unplaced.txt").write_text(UNPLACED, encoding="utf-8")
    steps: dict = {"work": work, "data": data}
    doc = data / "documents" / GZ
    steps["import"] = _run(["import", str(GUANGZHOU), "--id", GZ, "--data", "policy_data"], work)
    steps["first_tree"] = _tree(doc)
    steps["check"] = _run(["check-document", f"policy_data/documents/{GZ}"], work)
    (doc / "sections" / "2.yaml").write_text("# edited by staff\n", encoding="utf-8")
    steps["edited_tree"] = _tree(doc)
    steps["again"] = _run(["import", str(GUANGZHOU), "--id", GZ, "--data", "policy_data"], work)
    steps["after_refusal"] = _tree(doc)
    steps["replace"] = _run(["import", str(GUANGZHOU), "--id", GZ, "--data", "policy_data", "--replace"], work)
    steps["replaced_tree"] = _tree(doc)
    steps["outline_by_id"] = _run(["outline", GZ, "--data", "policy_data"], work)
    steps["outline_by_file"] = _run(["outline", str(GUANGZHOU), "--id", GZ], work)
    steps["backwards"] = _run(["import", "backwards.txt", "--id", "backwards", "--data", "policy_data"], work)
    steps["unplaced"] = _run(["import", "unplaced.txt", "--id", "unplaced", "--data", "policy_data"], work)
    steps["list"] = _run(["import", str(LIST_SAMPLE), "--id", "sample-list", "--data", "policy_data"], work)
    steps["list_check"] = _run(["check-document", "sample-list", "--data", "policy_data"], work)
    (data / "documents" / "sample-list" / "sections" / "1.yaml").write_text(
        (data / "documents" / "sample-list" / "sections" / "1.yaml").read_text(encoding="utf-8").replace(
            "按每人1500元", "按每人1600元"), encoding="utf-8")
    steps["list_check_edited"] = _run(["check-document", "sample-list", "--data", "policy_data"], work)
    return steps


def test_import_writes_the_draft_folder_and_reports_what_it_read_and_what_needs_a_person(library):
    result = library["import"]
    assert result.returncode == 0, result.stderr
    assert sorted(library["first_tree"]) == ["document.yaml", "review.md", *[f"sections/{n}.yaml" for n in range(1, 6)],
                                             "source.zh.txt"]
    assert library["first_tree"]["source.zh.txt"] == GUANGZHOU.read_bytes()
    for words in (f"written to: policy_data/documents/{GZ}", "5 个部分 sections, 23 条 clauses", "162 行",
                  "穗人社规字〔2019〕6号", "广州市人力资源和社会保障局、广州市财政局", "in force from: 2019-10-09",
                  "expires: 2024-10-08", "废止 / repeals: 穗人社发〔2015〕27号《广州市高校毕业生就业见习基地管理办法》",
                  "English pending", "titles to write: 23", "amount candidates: 25",
                  f"Next: policy-site check-document policy_data/documents/{GZ}"):
        assert words in result.stdout, words
    no_traceback(result)


def test_the_imported_document_passes_check_document_with_warnings_only(library):
    result = library["check"]
    assert result.returncode == 0, result.stderr
    assert f"The document {GZ} is valid" in result.stdout
    assert "English translation is not written yet" in result.stderr and "No measures yet" in result.stderr
    assert "problem" not in result.stderr


def test_the_files_give_back_every_source_line_exactly_once(library):
    tree = library["first_tree"]
    source = [line.strip() for line in tree["source.zh.txt"].decode("utf-8").splitlines() if line.strip()]
    meta = yaml.safe_load(tree["document.yaml"])
    found = []
    for key in ("notice", "title_line", "preamble", "annexes", "footer"):
        found += (meta[key] or {}).get("zh", "").split("\n") if meta[key] else []
    for n in range(1, 6):
        section = yaml.safe_load(tree[f"sections/{n}.yaml"])
        found += section["text"]["zh"].split("\n")
        for clause in section["clauses"]:
            found += clause["text"]["zh"].split("\n")
    assert sorted(found) == sorted(source) and len(found) == len(source) == 162


def test_an_existing_document_is_never_overwritten_without_replace(library):
    result = library["again"]
    assert result.returncode == 2
    assert result.stdout == ""
    for words in (GZ, "没有覆盖", "--replace", "not overwritten", "another --id"):
        assert words in result.stderr, words
    assert library["after_refusal"] == library["edited_tree"]  # staff's edit kept, nothing else touched
    no_traceback(result)


def test_replace_writes_the_draft_again_over_the_old_one(library):
    assert library["replace"].returncode == 0, library["replace"].stderr
    assert library["replaced_tree"] == library["first_tree"]
    assert [p.name for p in (library["data"] / "documents").iterdir() if p.name.startswith(".")] == []


def test_outline_of_a_library_document_is_the_outline_of_its_source(library):
    by_id, by_file = library["outline_by_id"], library["outline_by_file"]
    assert by_id.returncode == 0, by_id.stderr
    assert json.loads(by_id.stdout) == json.loads(by_file.stdout)


@pytest.mark.parametrize(("name", "line", "words"), [
    ("backwards", 3, ["第五条", "第三条", "skips"]),
    ("backwards", 4, ["goes back"]),
    ("unplaced", 4, ["no place", "没有位置"]),
])
def test_text_it_cannot_structure_or_place_exits_1_with_the_line_and_writes_nothing(library, name, line, words):
    result = library[name]
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{name}.txt:{line}\n" in result.stderr
    for word in words:
        assert word in result.stderr, word
    assert "nothing was written" in result.stderr and "什么也没有写入" in result.stderr
    assert not (library["data"] / "documents" / name).exists()
    no_traceback(result)


def test_a_list_shaped_text_the_tests_had_not_seen_imports_cleanly(library):
    result = library["list"]
    assert result.returncode == 0, result.stderr
    for words in ("分组列表 / a list in groups: 3 个部分 sections, 7 条 clauses", "33 行",
                  "in force from: 原文未写 / not in the text", "signed: 2024-03-01"):
        assert words in result.stdout, words
    check = library["list_check"]
    assert check.returncode == 0, check.stderr
    assert "The document sample-list is valid" in check.stdout


def test_check_document_finds_a_clause_that_no_longer_matches_its_source(library):
    result = library["list_check_edited"]
    assert result.returncode == 1
    assert "documents/sample-list/sections/1.yaml:" in result.stderr
    assert "clause 1.1 differs" in result.stderr
    # both sides around the changed figure, not the line's first words (the same on both sides)
    assert "reads '…" in result.stderr and "按每人1500元" in result.stderr and "here it is '…" in result.stderr
    assert "按每人1600元" in result.stderr
    no_traceback(result)
