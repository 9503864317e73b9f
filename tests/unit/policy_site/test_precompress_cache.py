"""Two builds at once (mkdocs serve and a build, or parallel tests) share .cache/precompressed: each
writes its memo under a name of its own, so neither fails on the other's half-written file."""

from __future__ import annotations

import threading

from policy_site.build.compression import compressed


def test_many_writers_of_one_memo_at_once_all_succeed_and_leave_no_temporary_file(tmp_path):
    data = ("拉萨 " * 5000).encode()
    start, results, errors = threading.Barrier(12), [], []

    def write():
        start.wait()
        try:
            results.append(compressed(data, tmp_path))
        except OSError as error:  # the old fixed ".tmp" name: another thread's rename took it away
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 12 and all(r == results[0] for r in results)
    assert sorted(p.suffix for p in tmp_path.rglob("*") if p.is_file()) == [".br9", ".gz"]
    assert compressed(data, tmp_path) == results[0]  # read back from the memo
