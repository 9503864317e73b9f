"""Charts remembered between builds, in ``.cache/charts/``: drawing a chart imports matplotlib, about
1 s of every build process that draws one (each language's), for the same SVG as the build before.

A clause's charts are kept under a key made of everything they are drawn from:
- the inputs: the language, each calculator's metadata and its worked examples' results;
- the code: every ``.py`` and ``.yaml`` file of the policy_site package (the charts, the amounts'
  wording, the UI strings), the versions of matplotlib and Babel;
- the fonts matplotlib knows (its font list file, which it writes on first use and does not rescan):
  a machine without that file yet draws every time.
So any change to one of them draws again; a damaged entry is drawn again and replaced. Deleting
``.cache/`` only makes the next build slower."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable

from .charts import Chart

PACKAGE = Path(__file__).resolve().parents[1]


def remembered(cache: Path | None, inputs: object, draw: Callable[[], list[Chart]]) -> list[Chart]:
    """``draw()``, or what it gave for the same ``inputs`` and code before (``cache``: ``.cache``)."""
    fonts = _font_list()
    if cache is None or fonts is None:
        return draw()
    payload = json.dumps([inputs, _code_key(), fonts], sort_keys=True, ensure_ascii=False, default=str)
    entry = cache / "charts" / f"{hashlib.sha256(payload.encode()).hexdigest()}.json"
    try:
        return [_chart(item) for item in json.loads(entry.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError, KeyError):
        pass
    charts = draw()
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps([asdict(chart) for chart in charts], ensure_ascii=False), encoding="utf-8")
    partial.replace(entry)  # whole or not at all, whichever process writes last
    return charts


def _chart(item: dict) -> Chart:
    fields = {**item, "columns": tuple(item["columns"]), "rows": tuple(tuple(row) for row in item["rows"])}
    return Chart(**fields)


@lru_cache(maxsize=1)
def _code_key() -> str:
    digest = hashlib.sha256()
    for path in sorted([*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.yaml")]):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("matplotlib", "babel"):
        digest.update(f"{name}=={metadata.version(name)}\0".encode())
    return digest.hexdigest()


def _font_list() -> str | None:
    """A digest of matplotlib's font list files (``fontlist-v*.json`` in its cache folder), or None."""
    folder = os.environ.get("MPLCONFIGDIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "matplotlib")
    try:
        files = sorted(Path(folder).glob("fontlist-v*.json"))
        if not files:
            return None
        return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()
    except OSError:
        return None
