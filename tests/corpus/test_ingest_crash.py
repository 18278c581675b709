"""``precedentes ingest --out`` survives kill -9: every complete line is a whole record, a torn
last line is cut on ``--resume``, and the resumed run skips what was done (by sha256) and
finishes the job."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corpus.pipeline import file_sha256, resume_jsonl
from scripts.cmd_ingest import ingest
from tests.corpus.test_pipeline import RESOLUTION_HTML

GOOD_A = b'{"id": "a", "source_sha256": "sa"}\n'
GOOD_B = b'{"id": "b", "source_sha256": "sb"}\n'


@pytest.mark.parametrize(
    ("content", "kept", "records", "done"),
    [
        (b"", b"", 0, set()),
        (GOOD_A + GOOD_B, GOOD_A + GOOD_B, 2, {"sa", "sb"}),
        (GOOD_A + b'{"id": "b", "sour', GOOD_A, 1, {"sa"}),  # torn by a kill mid-write
        (GOOD_A + b"\n" + GOOD_B, GOOD_A + b"\n" + GOOD_B, 2, {"sa", "sb"}),  # blank line
        (GOOD_A + b"no es json\n" + GOOD_B, GOOD_A, 1, {"sa"}),  # cut at the first bad line
        (GOOD_A + b'{"sin": "id"}\n', GOOD_A, 1, {"sa"}),
        (b'{"id": "c"}\n', b'{"id": "c"}\n', 1, set()),  # no source hash: kept, not skipped
    ],
)
def test_resume_keeps_whole_lines_and_cuts_the_rest(
    tmp_path: Path, content: bytes, kept: bytes, records: int, done: set[str]
) -> None:
    out = tmp_path / "out.jsonl"
    out.write_bytes(content)
    state = resume_jsonl(out)
    assert out.read_bytes() == kept
    assert (state.records, set(state.done_sha256)) == (records, done)
    assert state.dropped_bytes == len(content) - len(kept)


def test_resume_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    state = resume_jsonl(tmp_path / "no-existe.jsonl")
    assert (state.records, state.done_sha256, state.dropped_bytes) == (0, frozenset(), 0)
    assert not (tmp_path / "no-existe.jsonl").exists()


def _docs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        html = RESOLUTION_HTML.replace("IVAI-REV/275/2017/I", f"IVAI-REV/{100 + i}/2017/I")
        (folder / f"r{i:02d}.html").write_text(html, encoding="utf-8")
    return folder


def test_resume_skips_done_sources_and_drops_a_torn_line(tmp_path: Path) -> None:
    docs, out = _docs(tmp_path / "docs", 3), tmp_path / "out.jsonl"
    runner = CliRunner()
    first = runner.invoke(ingest, [str(docs / "r00.html"), "--out", str(out)])
    assert first.exit_code == 0, first.output
    torn = b'{"id": "IVAI-REV-1'  # a kill in the middle of the next line
    with open(out, "ab") as fh:
        fh.write(torn)
    again = runner.invoke(ingest, [str(docs), "--out", str(out), "--resume"])
    assert again.exit_code == 0, again.output
    assert f"se descartaron {len(torn)} bytes" in again.output
    assert "omitidos): 1" in again.output
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(i["source_sha256"] for i in items) == sorted(file_sha256(p) for p in docs.iterdir())


def test_resume_needs_an_output_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(ingest, [str(_docs(tmp_path / "docs", 1)), "--resume"])
    assert result.exit_code == 2 and "--resume necesita --out" in result.output


def _child(args: list[str]) -> None:
    try:
        ingest.main(args, standalone_mode=False)
    finally:
        os._exit(0)


def test_kill_during_ingest_then_resume_finishes(tmp_path: Path) -> None:
    """Kill -9 at random points (seeded); after each kill the output holds whole records only
    (a torn tail at most) and none is lost or doubled; ``--resume`` finishes the job."""
    docs, out = _docs(tmp_path / "docs", 6), tmp_path / "out.jsonl"
    expected = sorted(file_sha256(p) for p in docs.iterdir())
    ctx = multiprocessing.get_context("fork")
    rng = random.Random(3)
    started = time.perf_counter()
    child = ctx.Process(target=_child, args=([str(docs), "--out", str(tmp_path / "probe.jsonl")],))
    child.start()
    child.join(60)
    duration = time.perf_counter() - started  # a whole run, here and now
    kept = 0
    for n in range(3):
        args = [str(docs), "--out", str(out), *(["--resume"] if n else [])]
        child = ctx.Process(target=_child, args=(args,))
        child.start()
        child.join(rng.uniform(0.0, duration))
        if child.is_alive() and child.pid is not None:
            os.kill(child.pid, signal.SIGKILL)
        child.join()
        data = out.read_bytes() if out.exists() else b""
        whole = data[: data.rfind(b"\n") + 1]
        items: list[Any] = [json.loads(line) for line in whole.splitlines()]
        shas = [i["source_sha256"] for i in items]
        assert len(shas) == len(set(shas)) and set(shas) <= set(expected)
        assert len(items) >= kept  # nothing written before is lost
        kept = len(items)
    done = CliRunner().invoke(ingest, [str(docs), "--out", str(out), "--resume"])
    assert done.exit_code == 0, done.output
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(i["source_sha256"] for i in items) == expected
