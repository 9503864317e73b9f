"""Precompressed copies beside the built site's files (policy_site/build/precompress.py)."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from policy_site.build.compression import compressed
from policy_site.build.precompress import precompress_tree


def test_every_text_and_wasm_file_has_br_and_gz_that_decompress_to_it(built_site):
    for rel in ("pyodide/pyodide.asm.wasm", "pyodide/pyodide.asm.mjs", "index.html", "en/index.html",
                "calculators/startup_loan/index.html", "assets/runtime/worker.js", "search/search_index.json",
                "en/search/search_index.json"):
        original = (built_site / rel).read_bytes()
        assert brotli.decompress((built_site / (rel + ".br")).read_bytes()) == original, rel
        assert gzip.decompress((built_site / (rel + ".gz")).read_bytes()) == original, rel
    zip_file = next((built_site / "pyodide").glob("python-*.zip"))
    assert (zip_file.parent / (zip_file.name + ".br")).stat().st_size < zip_file.stat().st_size / 2
    # Images are not compressed again.
    assert not list(built_site.rglob("*.png.br"))


def test_bytes_are_reproducible_without_a_cache(tmp_path: Path):
    data = "计算器 calculator ".encode() * 500
    first, second = compressed(data, None), compressed(data, tmp_path)
    assert first == second == compressed(data, tmp_path)  # the third comes from the cache
    assert first[".gz"][4:8] == bytes(4)  # no time in the gzip header


def test_a_copy_that_would_not_be_smaller_is_not_written(tmp_path: Path):
    import os

    (tmp_path / "noise.json").write_bytes(os.urandom(4096))
    (tmp_path / "text.json").write_text("[" + "1," * 1000 + "1]")
    precompress_tree(tmp_path, None)
    assert not (tmp_path / "noise.json.br").exists() and not (tmp_path / "noise.json.gz").exists()
    assert (tmp_path / "text.json.br").exists() and (tmp_path / "text.json.gz").exists()
