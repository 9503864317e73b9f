"""The glossary's Chinese terms as a jieba user dictionary, so that Chinese search keeps the plan's
own terms (最低工资标准, 创业担保贷款, 就业见习, ...) whole when it segments the pages.

The file is written at every build from the data and given to the search plugin through its own
option (``jieba_dict_user`` of Material's search plugin, named in mkdocs.yml).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..data.model import Policy

# A frequency high enough that jieba keeps the term as one word.
FREQUENCY = 100000
_HAN = re.compile(r"[\u3400-\u9fff]")


def glossary_words(policy: Policy) -> list[str]:
    """Each Chinese term of the glossary ("区 / 我区" gives both), longer than one character."""
    words: list[str] = []
    for term in policy.terms:
        for word in term.term.zh.split("/"):
            word = word.strip()
            if len(word) > 1 and _HAN.search(word) and " " not in word and word not in words:
                words.append(word)
    return words


def write_user_dict(policy: Policy | None, path: Path) -> Path:
    """Write ``word frequency`` lines (jieba's user-dictionary format); returns the path.
    Without a policy (data that does not load, in the preview) the file is empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    words = glossary_words(policy) if policy is not None else []
    path.write_text("".join(f"{word} {FREQUENCY}\n" for word in words), encoding="utf-8")
    return path
