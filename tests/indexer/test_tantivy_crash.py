"""kill -9 at random points of a tantivy build (the approach of tests/indexer/test_crash.py):
the index always opens and holds every document whose commit had returned (the child logs ids,
fsync'd, after each commit), and the next run finishes the job."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from indexer import open_engine
from tests.indexer.test_crash import _logged, _record, _version_of


def _worker(index_dir: str, log_path: str, total: int, batch: int, version: int) -> None:
    def logged(ids: list[str]) -> None:
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write("".join(f"{doc_id} {version}\n" for doc_id in ids))
            fh.flush()
            os.fsync(fh.fileno())

    engine: Any = open_engine(index_dir, engine="tantivy", create=True)
    engine.update((_record(i, version) for i in range(total)), batch_size=batch, on_commit=logged)
    engine.close()
    os._exit(0)


def _verify(index_dir: Path, log_path: Path) -> dict[str, int]:
    """The index opens, has no duplicates, and holds every logged document at least at its
    logged version (newer is fine: committed, killed before the log line)."""
    logged = _logged(log_path)
    if not (index_dir / "manifest.json").exists():
        assert not logged, "documents were logged but the index has no manifest"
        return {}
    engine: Any = open_engine(index_dir)
    try:
        assert engine.name == "tantivy"
        versions: dict[str, int] = {}
        count = 0
        for record in engine.iter_records():
            versions[record.id] = _version_of(record)
            count += 1
        assert count == len(versions) == engine.doc_count(), "duplicate documents"
        missing = sorted(set(logged) - set(versions))
        assert not missing, f"committed documents lost: {missing[:5]}"
        stale = [d for d, v in logged.items() if versions[d] < v]
        assert not stale, f"committed replacements lost: {stale[:5]}"
        from indexer.engine import SearchParams

        assert engine.search(SearchParams(q="versión")).total == count  # postings agree
        return versions
    finally:
        engine.close()


def _run(ctx: Any, index_dir: Path, log_path: Path, total: int, batch: int, version: int,
         kill_after: float | None) -> int | None:
    child = ctx.Process(target=_worker, args=(str(index_dir), str(log_path), total, batch, version))
    child.start()
    if kill_after is None:
        child.join(timeout=300)
    else:
        child.join(timeout=kill_after)
        if child.is_alive() and child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
        child.join()
    return child.exitcode


def _kill_loop(tmp_path: Path, kills: int, total: int, batch: int, seed: int) -> None:
    from indexer.tantivy_schema import to_tantivy

    to_tantivy(_record(0, 0))  # children are forked with the analysis loaded
    ctx = multiprocessing.get_context("fork")
    index_dir, log_path = tmp_path / "ix", tmp_path / "committed.log"
    rng = random.Random(seed)
    everything = {f"doc-{i:04d}": 1 for i in range(total)}

    started = time.perf_counter()
    assert _run(ctx, index_dir, log_path, total, batch, 1, None) == 0
    duration = time.perf_counter() - started
    assert _verify(index_dir, log_path) == everything

    version, mid_run = 2, 0
    for _ in range(kills):
        lines_before = len(log_path.read_text().splitlines())
        exitcode = _run(ctx, index_dir, log_path, total, batch, version,
                        rng.uniform(0.0, duration * 1.1))
        versions = _verify(index_dir, log_path)
        committed = len(log_path.read_text().splitlines()) - lines_before
        if exitcode == 0:
            assert versions == dict.fromkeys(everything, version)
            version += 1
        elif 0 < committed < total:
            mid_run += 1
    assert mid_run >= kills // 4, f"only {mid_run} of {kills} kills landed mid-run"
    assert _run(ctx, index_dir, log_path, total, batch, version, None) == 0
    assert _verify(index_dir, log_path) == dict.fromkeys(everything, version)


def test_kill_during_tantivy_build_loses_no_committed_document(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=12, total=20, batch=4, seed=1)


@pytest.mark.slow
def test_kill_during_tantivy_build_many_times(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=60, total=150, batch=7, seed=2)
