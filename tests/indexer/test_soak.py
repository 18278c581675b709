"""One writer and several readers on the same index: no reader error, no lock error reaching a
reader. Fast: threads in this process for a few seconds; slow: scripts/soak_concurrency.py
(writer and reader processes, the web app over HTTP)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer import open_engine
from indexer.budget import SearchSettings
from indexer.engine import SearchParams


def rec(i: int, version: int) -> DocumentRecord:
    return DocumentRecord(id=f"doc-{i}", garante="IVAI", doc_type="resolucion", title=f"T{i}",
                          text=f"información reservada versión {version} " + "palabra " * (i % 40),
                          sentido=["revoca" if i % 2 else "confirma"], year=2015 + i % 8)


@pytest.mark.parametrize("engine_name", ["whoosh", "tantivy"])
def test_readers_see_no_error_while_a_writer_commits(tmp_path: Path, engine_name: str) -> None:
    ix: Any = open_engine(tmp_path / "ix", engine=engine_name, create=True)
    ix.update([rec(i, 1) for i in range(40)])
    ix.close()
    writer: Any = open_engine(tmp_path / "ix")
    reader: Any = open_engine(tmp_path / "ix")  # one engine shared by the reader threads
    reader.configure(SearchSettings(time_budget_ms=0))  # no load shedding on a busy CI machine
    stop = threading.Event()
    errors: list[str] = []
    counts = {"commits": 0, "reads": 0}

    def write() -> None:
        version = 1
        while not stop.is_set():
            version += 1
            try:
                writer.update([rec(i, version) for i in range(version % 7, 40, 5)], batch_size=3)
                writer.delete([f"doc-{version % 40}"])
                writer.update([rec(version % 40, version)])
                counts["commits"] += 3
            except Exception as exc:
                errors.append(f"writer: {exc!r}")
                return

    def read(n: int) -> None:
        while not stop.is_set():
            try:
                result = reader.search(SearchParams(q="información reservada",
                                                    filters=(("sentido", "revoca"),) if n % 2 else ()))
                assert result.total > 0
                reader.get(f"doc-{n}")
                counts["reads"] += 1
            except Exception as exc:
                errors.append(f"reader {n}: {exc!r}")
                return

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    time.sleep(4)
    stop.set()
    for t in threads:
        t.join(60)
    writer.close()
    reader.close()
    assert errors == []
    assert counts["commits"] >= 3 and counts["reads"] > 10


@pytest.mark.slow
@pytest.mark.parametrize("engine_name", ["whoosh", "tantivy"])
def test_soak_writer_and_eight_readers_over_http(tmp_path: Path, engine_name: str) -> None:
    from scripts.soak_concurrency import reader_errors, report_lines, soak

    run = soak(engine_name, tmp_path, seconds=25, records=120, seed=3)
    lines = "\n".join(report_lines(run))
    assert reader_errors(run) == 0, lines
    assert run["writer"][3] == [], lines
    assert run["writer"][1] > 0, lines  # the writer committed
    assert sum(r.searches for r in run["readers"]) > 0, lines
