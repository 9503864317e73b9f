"""Compressed copies of the site's files, remembered by content: the one place that compresses, for
the precompressed ``.br``/``.gz`` copies beside the site's files (precompress.py) and for the runtime's
figures (pyodide_runtime.py: what a visitor downloads), so that the 9.6 MB wasm is compressed once per
machine, not once for each."""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from pathlib import Path

import brotli

BIG_BYTES = 64 * 1024


def brotli_quality(data: bytes) -> int:
    """Brotli's best (11) for the big files, which are few and rarely change (the runtime, the theme,
    the search index); 9 for pages, which change with every build: 5x faster, about 10 % larger."""
    return 11 if len(data) >= BIG_BYTES else 9


def compressed(data: bytes, cache: Path | None) -> dict[str, bytes]:
    """``{".br": ..., ".gz": ...}`` for ``data``: brotli at ``brotli_quality``, gzip -9 with no time or
    name in its header; remembered in ``cache`` (``.cache/precompressed``) by sha256."""
    key = hashlib.sha256(data).hexdigest()
    quality = brotli_quality(data)
    out = {}
    for suffix, compress in ((".br", lambda d: brotli.compress(d, quality=quality)),
                             (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
        memo = cache / key[:2] / f"{key}{suffix}{quality if suffix == '.br' else ''}" if cache is not None else None
        if memo is not None and memo.is_file():
            out[suffix] = memo.read_bytes()
            continue
        out[suffix] = compress(data)
        if memo is not None:
            remember(memo, out[suffix])
    return out


def memo_folder(cache: Path) -> Path:
    """Where ``compressed`` remembers its copies, in the repository's ``.cache``."""
    return cache / "precompressed"


def remember(memo: Path, data: bytes) -> None:
    """Write a memo whole or not at all: under a name of its own first (another build, or thread,
    may be writing or reading the same memo at this moment), then moved into place."""
    memo.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=memo.parent, prefix=memo.name, suffix=".tmp")
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(tmp, memo)
