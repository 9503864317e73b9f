"""JSON Schemas of the data files, generated from the model (for editors' completion and checking)."""

from __future__ import annotations

import json
from pathlib import Path

from .finder_checks import FACTS_FILE
from .model import FILE_MODELS
from .model_finder import FactsFile


def schema_name(pattern: str) -> str:
    return pattern.replace("/*.yaml", "").replace(".yaml", "")


def schemas() -> dict[str, dict]:
    return {schema_name(pattern): model.model_json_schema(by_alias=True, mode="validation")
            for pattern, model in {**FILE_MODELS, FACTS_FILE: FactsFile}.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write ``<name>.schema.json`` for every kind of data file into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
