"""Precompressed copies beside the built site's files: ``x.br`` (brotli, quality 11; 9 for files under 64 KB) and ``x.gz``
(gzip -9), for hosts that send them as they are (nginx ``brotli_static`` / ``gzip_static``, most
CDNs). Text and wasm files only, and only when the copy is smaller. Reproducible bytes: no time or
name in the gzip header. Compressed copies are remembered by content (``.cache/precompressed``), so
an unchanged file (the 9.6 MB wasm above all) is compressed once, not at every build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority

from ..site.offline_pages import write_offline_files
from .compression import compressed, memo_folder
from .pyodide_runtime import build_cache

SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv", ".wasm", ".zip", ".map")
MIN_BYTES = 512  # smaller files gain nothing worth a second request path


def precompress_tree(root: Path, cache: Path | None = None) -> int:
    """Write ``.br`` and ``.gz`` beside every text or wasm file under ``root``; returns how many files got them."""
    count = 0
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in SUFFIXES or path.stat().st_size < MIN_BYTES:
            continue
        data = path.read_bytes()
        for suffix, packed in compressed(data, cache).items():
            target = path.with_name(path.name + suffix)
            if len(packed) < len(data):
                target.write_bytes(packed)
            elif target.exists():
                target.unlink()
        count += 1
    return count



class PrecompressPlugin(BasePlugin):
    """mkdocs plugin ``policy-precompress``, in the top-level mkdocs.yml only (the English site is
    built inside its output folder). It runs after every plugin that writes files (search writes its
    index in on_post_build) and before a staged build is swapped in (priority -100)."""

    @event_priority(-50)
    def on_post_build(self, config):
        cache = build_cache(Path(config.config_file_path).parent)
        write_offline_files(Path(config.site_dir))  # the service worker's offline list and pages: compressed too
        precompress_tree(Path(config.site_dir), memo_folder(cache) if cache else None)
