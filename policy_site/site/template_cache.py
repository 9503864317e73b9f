"""Templates compiled once per machine: jinja2's bytecode cache in ``.cache/templates/``.

Compiling the theme's and our templates is about a fifth of a small build's time, paid again by every
build and by each language's process. An entry is used only for the same template source and the
same jinja2 and Python versions (jinja2 checks both); the folder is named by the environment's
options that change compiled code, so two environments never share an entry they would compile
differently. Deleting ``.cache/`` only makes the next build slower."""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2


def keep_compiled_templates(env: jinja2.Environment, cache: Path | None) -> jinja2.Environment:
    """``env``, keeping what it compiles in ``cache/templates/<its options>/`` (nothing when ``cache`` is None)."""
    if cache is not None:
        folder = cache / "templates" / _options_key(env)
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def _options_key(env: jinja2.Environment) -> str:
    autoescape = env.autoescape
    options = (
        getattr(autoescape, "__qualname__", autoescape), env.trim_blocks, env.lstrip_blocks,
        env.keep_trailing_newline, env.newline_sequence, env.optimized, sorted(env.extensions),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
    )
    return hashlib.sha256(repr(options).encode()).hexdigest()[:16]
