"""jieba's dictionary, read in a fifth of the time, before Material's search plugin first uses it.

The search plugin segments Chinese with jieba in every language's build process (two processes a
build). jieba's first use reads its cached prefix dictionary (``jieba.cache`` in the temporary
folder, written by jieba itself on the machine's first build) with ``marshal.load`` on an open
file, which reads it object by object: about 1 s of CPU a process, a fifth of a small build.
``marshal.loads`` of the file's bytes gives the very same dictionary in about 0.25 s.

Only jieba's default dictionary read from jieba's own cache file is read here; any other state
(another dictionary, a cache file or folder chosen by someone, no cache yet, an unreadable one) is
left to jieba, which then reads or builds it as it always does.
"""

from __future__ import annotations

import marshal
import os
import tempfile


def preload() -> bool:
    """Fill jieba's default tokenizer from its cache file; True when it did (or had nothing to do)."""
    try:
        import jieba
    except ImportError:  # the search plugin then segments nothing either
        return False
    tokenizer = jieba.dt
    if tokenizer.initialized:
        return True
    if (tokenizer.dictionary != jieba.DEFAULT_DICT or tokenizer.cache_file or tokenizer.tmp_dir):
        return False
    cache = os.path.join(tempfile.gettempdir(), "jieba.cache")  # jieba's name for its default dictionary
    try:
        with open(cache, "rb") as file:
            freq, total = marshal.loads(file.read())
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int) or not freq:
        return False
    with tokenizer.lock:
        if not tokenizer.initialized:
            tokenizer.FREQ, tokenizer.total = freq, total
            tokenizer.initialized = True
    return True
