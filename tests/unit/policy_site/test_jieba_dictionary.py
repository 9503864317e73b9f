"""jieba_dictionary.preload: the same dictionary as jieba's own first use, so search segments as before."""

from __future__ import annotations

import json
import subprocess
import sys

SAMPLE = "对吸纳拉萨市户籍高校毕业生就业的企业给予一次性奖励，创业担保贷款最高不超过20万元。"

_SEGMENT = """
import hashlib, json, sys
import jieba
from policy_site.build import jieba_dictionary

def segmented():
    digest = hashlib.sha256(json.dumps(sorted(jieba.dt.FREQ.items()), ensure_ascii=False).encode()).hexdigest()
    return {"words": list(jieba.cut(sys.argv[1])), "total": jieba.dt.total, "freq": digest}

jieba.setLogLevel(60)
jieba.initialize()  # jieba's own first use: writes its cache file when there is none yet
own = segmented()
jieba.dt.initialized = False
jieba.dt.FREQ, jieba.dt.total = {}, 0
assert jieba_dictionary.preload() is True
assert jieba.dt.initialized and jieba.dt.FREQ
print(json.dumps([own, segmented()]))
"""


def test_the_preloaded_dictionary_is_jiebas_own_and_segments_the_same():
    out = subprocess.run([sys.executable, "-c", _SEGMENT, SAMPLE], capture_output=True, text=True, check=True)
    own, preloaded = json.loads(out.stdout)
    assert preloaded == own
    assert "创业担保贷款" in "".join(own["words"]) and len(own["words"]) > 10


def test_a_dictionary_or_cache_chosen_by_someone_is_left_to_jieba(tmp_path):
    code = """
import jieba, sys
from policy_site.build import jieba_dictionary
jieba.dt.tmp_dir = sys.argv[1]
print(jieba_dictionary.preload(), jieba.dt.initialized)
"""
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
