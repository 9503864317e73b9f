"""Precompressed copies beside the built site's files: ``x.br`` (brotli, quality 11; 9 for files under 64 KB) and ``x.gz``
(gzip -9), for hosts that send them as they are (nginx ``brotli_static`` / ``gzip_static``, most
CDNs). Text and wasm files only, and only when the copy is smaller. Reproducible bytes: no time or
name in the gzip header. Compressed copies are remembered by content (``.cache/precompressed``), so
an unchanged file (the 9.6 MB wasm above all) is compressed once, not at every build.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path

import brotli
from mkdocs.plugins import BasePlugin, event_priority

from ..site.offline_pages import write_offline_files
from .pyodide_runtime import RuntimeBuildError, cache_root, find_repo_root

SUFFIXES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv", ".wasm", ".zip", ".map")
MIN_BYTES = 512  # smaller files gain nothing worth a second request path
BIG_BYTES = 64 * 1024


def compressed(data: bytes, cache: Path | None) -> dict[str, bytes]:
    """``{".br": ..., ".gz": ...}`` for ``data``."""
    key = hashlib.sha256(data).hexdigest()
    out = {}
    # Brotli's best (11) for the big files, which are few and rarely change (the runtime, the theme,
    # the search index); 9 for pages, which change with every build: 5x faster, about 10 % larger.
    quality = 11 if len(data) >= BIG_BYTES else 9
    for suffix, compress in ((".br", lambda d: brotli.compress(d, quality=quality)),
                             (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
        memo = cache / key[:2] / f"{key}{suffix}{quality if suffix == '.br' else ''}" if cache is not None else None
        if memo is not None and memo.is_file():
            out[suffix] = memo.read_bytes()
            continue
        out[suffix] = compress(data)
        if memo is not None:
            memo.parent.mkdir(parents=True, exist_ok=True)
            # a name of its own: another build (or thread) may be writing the same memo at this moment
            handle, tmp = tempfile.mkstemp(dir=memo.parent, prefix=memo.name, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(out[suffix])
            os.replace(tmp, memo)
    return out


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
        try:
            cache = cache_root(find_repo_root(Path(config.config_file_path).parent) / "node_modules" / "pyodide").parent
        except RuntimeBuildError:
            cache = None
        write_offline_files(Path(config.site_dir))  # the service worker's offline list and pages: compressed too
        precompress_tree(Path(config.site_dir), cache / "precompressed" if cache else None)
