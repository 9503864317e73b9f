"""Synthetic policies N times the size of the real one, made through the real data model.

``make_policy(factor, dest)`` copies ``policy_data`` and writes ``factor`` copies of every
section as new section files (sections 1..6 become 1..6·factor, clause ids "S.N"), keeping
each clause's verbatim-consistent text (its text.zh still starts with its number and
title, its figures still appear in it; the copies have no calculators and no finder measures),
and writes the matching source.zh.txt (each copied
clause's text marked as a copy). The result is checked with the real loader.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

import calculators
from policy_site.data.loader import load_policy
from policy_site.data.source_check import chinese_numeral

REPO = Path(__file__).resolve().parents[1]
POLICY_DATA = REPO / "policy_data"


def make_policy(factor: int, dest: Path, source: Path = POLICY_DATA) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("sections"))
    (dest / "sections").mkdir()
    sections = sorted((yaml.safe_load(p.read_text(encoding="utf-8")) for p in (source / "sections").glob("*.yaml")),
                      key=lambda s: int(s["id"]))
    new_id = 0
    document = yaml.safe_load((source / "document.yaml").read_text(encoding="utf-8"))
    source_lines = [document["preamble"]["zh"]]
    for copy_index in range(factor):
        for original in sections:
            new_id += 1
            section = copy.deepcopy(original)
            section["id"] = str(new_id)
            section["number"] = chinese_numeral(new_id)
            if copy_index:
                section["title"] = {"zh": f"{original['title']['zh']}（副本{copy_index + 1}）",
                                    "en": f"{original['title']['en']} (copy {copy_index + 1})"}
            source_lines.append(f"{section['number']}、{section['title']['zh']}")
            for number, clause in enumerate(section["clauses"], start=1):
                clause["id"] = f"{new_id}.{number}"
                if copy_index:  # each clause's text is one line of the source; a calculator sits on its own clause
                    clause["text"]["zh"] += f"（副本{copy_index + 1}）"
                    clause["calculators"] = []
                    # The finder covers the original clauses only: its rules go to the browser in
                    # one request, and check refuses rules larger than the browser accepts.
                    clause.pop("measures", None)
                source_lines.append(clause["text"]["zh"])
            text = yaml.safe_dump(section, allow_unicode=True, sort_keys=False, width=1_000_000)
            (dest / "sections" / f"{new_id}.yaml").write_text(text, encoding="utf-8")
    (dest / "source.zh.txt").write_text("\n".join(source_lines) + "\n", encoding="utf-8")
    policy = load_policy(dest, known_calculators=calculators.CALCULATORS)  # raises DataErrors if invalid
    real = load_policy(source, known_calculators=calculators.CALCULATORS)
    assert len(policy.clauses) == factor * len(real.clauses), (len(policy.clauses), factor)
    return dest
