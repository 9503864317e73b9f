"""The type check of the browser scripts (docs/assets): TypeScript's checker over the plain
JavaScript and its JSDoc types, with the configurations at the repository's root (tsconfig.json for
the pages' scripts, tsconfig.worker.json for the runtime's Web Worker). TypeScript is a development
dependency pinned in package-lock.json (`npm ci`, which bin/setup runs); nothing is compiled."""

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TSC = REPO / "node_modules" / ".bin" / "tsc"
CONFIGS = ("tsconfig.json", "tsconfig.worker.json")


def tsc(config: Path, *options: str) -> subprocess.CompletedProcess:
    if not TSC.is_file():
        pytest.fail("node_modules/.bin/tsc is missing: run bin/setup (npm ci)")
    return subprocess.run([str(TSC), "-p", str(config), "--pretty", "false", *options], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def checked():
    """Each configuration's check, once: {config: (its answer, the files it checked)}."""
    answers = {}
    for config in CONFIGS:
        result = tsc(REPO / config, "--listFiles")
        files = {Path(line).resolve() for line in result.stdout.splitlines() if line.endswith(".js")}
        answers[config] = (result, files)
    return answers


@pytest.mark.parametrize("config", CONFIGS)
def test_the_browser_scripts_type_check(checked, config):
    result, _ = checked[config]
    errors = [line for line in result.stdout.splitlines() if ": error TS" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors) or result.stdout + result.stderr


def test_every_script_is_checked(checked):
    """Each of docs/assets' scripts is in one of the two configurations (a new folder or a new
    worker would otherwise go unchecked), and the checker is on: checkJs, not skipped per file."""
    listed = set().union(*(files for _, files in checked.values()))
    scripts = {p.resolve() for p in (REPO / "docs" / "assets").rglob("*.js")}
    assert scripts and scripts <= listed, sorted(str(p) for p in scripts - listed)
    for path in scripts:
        assert "@ts-nocheck" not in path.read_text(encoding="utf-8"), path
    options = json.loads("\n".join(line for line in (REPO / "tsconfig.json").read_text(encoding="utf-8").splitlines()
                                   if not line.lstrip().startswith("//")))["compilerOptions"]
    assert options["checkJs"] is True and options["allowJs"] is True


def test_a_type_error_fails_the_check(tmp_path):
    """The configuration catches a real mistake: a script that calls what an element does not have,
    or passes a kit function the wrong arguments."""
    bad = tmp_path / "bad.js"
    bad.write_text('import { h } from "%s";\n'
                   'import { fill } from "%s";\n'
                   'h("p", {}).focusOnAnswer();\n'
                   'fill("{n}");\n' % ((REPO / "docs/assets/kit/dom.js").as_posix(),
                                       (REPO / "docs/assets/kit/language.js").as_posix()), encoding="utf-8")
    config = tmp_path / "tsconfig.json"
    config.write_text(json.dumps({"extends": (REPO / "tsconfig.json").as_posix(), "include": [bad.as_posix(),
                      (REPO / "docs/types/globals.d.ts").as_posix()], "exclude": []}), encoding="utf-8")
    result = tsc(config)
    assert result.returncode != 0
    assert "bad.js(3," in result.stdout and "TS2339" in result.stdout, result.stdout  # no such method
    assert "bad.js(4," in result.stdout and "TS2554" in result.stdout, result.stdout  # an argument missing
