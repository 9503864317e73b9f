"""A language added through configuration alone (issue 15's "a third language" count).

A copy of the project gets French the way the README's "How to add a language" says: an entry in
``languages.yaml``, one UI strings file, a project config and its two hand-written pages. No
Python, template or script is touched, and the real ``mkdocs build --strict`` of the copy
publishes a French site beside the Chinese one, linked both ways, with the data not yet in
French shown in Chinese under the notice. English is switched off in the copy (``reviewed:
false``) so the build makes two languages, not three: the test is about adding one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.site_build import REPO, build_env, MKDOCS

LANGUAGES = Path("policy_site/data/languages.yaml")
UI = Path("policy_site/site/templates/ui")
FRENCH_START = "Commencer ici"
FRENCH_NOTICE = "Cette page n’est pas encore traduite : le texte est en chinois."


def _tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name]


def _copy_project(target: Path) -> None:
    for name in _tracked_files():
        source = REPO / name
        if not source.is_file():  # a file deleted in the working tree but not yet committed
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / name)
    # Pyodide's npm package and the runtime's cache (keyed by its inputs, which are the same).
    (target / "node_modules").symlink_to(REPO / "node_modules")


def _add_french(project: Path) -> list[str]:
    """The README's steps, as a member of staff would take them; returns the files written."""
    entries = yaml.safe_load((project / LANGUAGES).read_text(encoding="utf-8"))
    for entry in entries:
        if entry["code"] == "en":
            entry["reviewed"] = False
    english = next(entry for entry in entries if entry["code"] == "en")
    entries.append({**english, "code": "fr", "html": "fr", "locale": "fr_FR", "name": "Français",
                    "root": "fr/", "project": "projects/fr/mkdocs.yml", "reviewed": True,
                    "punctuation": {**english["punctuation"], "colon": " : "}})
    (project / LANGUAGES).write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")

    strings = yaml.safe_load((project / UI / "en.yaml").read_text(encoding="utf-8"))
    assert "start_here" in strings and "not_yet_translated" in strings, sorted(strings)[:20]
    strings["start_here"] = FRENCH_START
    strings["not_yet_translated"] = FRENCH_NOTICE
    (project / UI / "fr.yaml").write_text(yaml.safe_dump(strings, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")

    config = (project / "projects/en/mkdocs.yml").read_text(encoding="utf-8")
    config = (config.replace("docs_dir: ../../docs/en", "docs_dir: ../../docs/fr")
              .replace("language: en", "language: fr")
              .replace("site_name: Employment policy explainer", "site_name: Politique de l’emploi expliquée"))
    (project / "projects/fr").mkdir()
    (project / "projects/fr/mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(project / "docs/en", project / "docs/fr")
    return [str(LANGUAGES), str(UI / "fr.yaml"), "projects/fr/mkdocs.yml", "docs/fr/"]


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("fr") / "project"
    _copy_project(project)
    _add_french(project)
    site = project.parent / "site"
    env = build_env(PYTHONPATH=str(project) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    result = subprocess.run([str(MKDOCS), "build", "--strict", "-d", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]
    assert f"{project}/policy_site" in _which_policy_site(project, env)
    return site


def _which_policy_site(project: Path, env: dict) -> str:
    """The copy's generator is the one the build ran (not the repository's, installed editable)."""
    return subprocess.run([str(MKDOCS.with_name("python")), "-c", "import policy_site; print(policy_site.__file__)"],
                          cwd=project, env=env, capture_output=True, text=True, check=True).stdout


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_added_language_has_its_pages_strings_and_notice(french_site):
    home = read(french_site / "fr" / "index.html")
    assert '<html lang="fr"' in home
    assert FRENCH_START in home
    clause = read(french_site / "fr" / "clauses" / "1.2" / "index.html")
    assert FRENCH_NOTICE in clause  # the data has no French yet: Chinese, said so in French
    assert re.search(r"<h1[^>]*>.*?[\u4e00-\u9fff]", clause, re.S), "the untranslated title shows in Chinese"
    assert (french_site / "fr" / "calculators").is_dir() and (french_site / "fr" / "finder" / "index.html").is_file()


def test_the_languages_link_to_each_other(french_site):
    chinese = read(french_site / "clauses" / "1.2" / "index.html")
    french = read(french_site / "fr" / "clauses" / "1.2" / "index.html")
    assert 'hreflang="fr"' in chinese and 'hreflang="zh"' in french
    assert not (french_site / "en").exists(), "English is off in the copy: two languages were built"
