"""kill -9 at random points of a build: the index always opens and holds every document whose
commit had returned (the child logs ids, fsync'd, after each commit), and the next run
finishes the job."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer import lifecycle, open_engine


def _record(i: int, version: int) -> DocumentRecord:
    words = " ".join(f"palabra{(i * 7 + k) % 97}" for k in range(40 + i % 30))
    return DocumentRecord(
        id=f"doc-{i:04d}", garante="IVAI", doc_type="resolucion", title=f"Documento {i}",
        text=f"versión v{version} {words}", sentido=["revoca"], is_sample=True,
    )


def _version_of(record: DocumentRecord) -> int:
    return int(record.text.split()[1][1:])


def _worker(index_dir: str, log_path: str, total: int, batch: int, version: int) -> None:
    """The child: build or update the index to ``version`` of every record, logging each
    commit's ids once the commit has returned."""

    def logged(ids: list[str]) -> None:
        with open(log_path, "a", encoding="utf-8") as fh:
            fh.write("".join(f"{doc_id} {version}\n" for doc_id in ids))
            fh.flush()
            os.fsync(fh.fileno())

    engine: Any = open_engine(index_dir, create=True)
    engine.update((_record(i, version) for i in range(total)), batch_size=batch, on_commit=logged)
    engine.close()
    os._exit(0)


def _logged(log_path: Path) -> dict[str, int]:
    """id → the newest version whose commit returned."""
    out: dict[str, int] = {}
    if log_path.exists():
        for line in log_path.read_text(encoding="utf-8").splitlines():
            doc_id, version = line.split()
            out[doc_id] = max(out.get(doc_id, 0), int(version))
    return out


def _verify(index_dir: Path, log_path: Path) -> dict[str, int]:
    """The index opens cleanly, has no duplicates, and holds every logged document at least at
    its logged version (a newer one is fine: committed, killed before the log line)."""
    logged = _logged(log_path)
    if not (index_dir / lifecycle.MANIFEST_NAME).exists():
        assert not logged, "documents were logged but the index has no manifest"
        return {}
    engine: Any = open_engine(index_dir)
    try:
        assert engine.warnings == []
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
        assert lifecycle.check_generation(index_dir, engine.manifest["last_good"]) is None
        return versions
    finally:
        engine.close()


def _run(ctx: Any, index_dir: Path, log_path: Path, total: int, batch: int, version: int,
         kill_after: float | None) -> int | None:
    """One child run; SIGKILL it after ``kill_after`` seconds (None: let it finish)."""
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
    from indexer.schema import build_schema, preanalyze

    build_schema(), preanalyze("calentar")  # children are forked with the analysis loaded
    ctx = multiprocessing.get_context("fork")
    index_dir, log_path = tmp_path / "ix", tmp_path / "committed.log"
    rng = random.Random(seed)
    everything = {f"doc-{i:04d}": 1 for i in range(total)}

    started = time.perf_counter()
    assert _run(ctx, index_dir, log_path, total, batch, 1, None) == 0
    duration = time.perf_counter() - started  # how long a whole run takes here, now
    assert _verify(index_dir, log_path) == everything

    version, mid_run = 2, 0
    for _ in range(kills):
        lines_before = len(log_path.read_text().splitlines())
        exitcode = _run(ctx, index_dir, log_path, total, batch, version,
                        rng.uniform(0.0, duration * 1.1))
        versions = _verify(index_dir, log_path)
        committed = len(log_path.read_text().splitlines()) - lines_before
        if exitcode == 0:  # it finished before the kill: the next run replaces everything
            assert versions == dict.fromkeys(everything, version)
            version += 1
        elif 0 < committed < total:
            mid_run += 1
    # the kills must have landed between commits of a run, not only before or after it
    assert mid_run >= kills // 4, f"only {mid_run} of {kills} kills landed mid-run"
    # the next run, left alone, finishes the job
    assert _run(ctx, index_dir, log_path, total, batch, version, None) == 0
    assert _verify(index_dir, log_path) == dict.fromkeys(everything, version)
    assert lifecycle.check_index(index_dir).ok


def test_kill_during_build_loses_no_committed_document(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=20, total=20, batch=4, seed=1)


@pytest.mark.slow
def test_kill_during_build_many_times(tmp_path: Path) -> None:
    _kill_loop(tmp_path, kills=60, total=150, batch=7, seed=2)
