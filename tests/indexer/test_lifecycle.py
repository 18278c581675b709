"""Durable commits and the last good state: the previous generation is kept, a damaged newest
state falls back to it, an interrupted commit is discarded, and --check tells good from bad."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corpus.records import DocumentRecord
from indexer import lifecycle, open_engine
from scripts.cmd_index import index as index_command


def rec(i: int, **kw: object) -> DocumentRecord:
    values: dict[str, object] = {"id": f"doc-{i}", "title": f"T{i}", "text": f"texto {i} reservada"}
    values.update(kw)
    return DocumentRecord(**values)  # type: ignore[arg-type]


def _two_generations(path: Path) -> Path:
    """An index whose last commit added doc-3..doc-4 on top of doc-0..doc-2."""
    engine = open_engine(path, create=True)
    engine.update([rec(i) for i in range(3)])
    engine.update([rec(3), rec(4)])
    engine.close()
    return path


def _manifest(path: Path) -> dict[str, Any]:
    return json.loads((path / lifecycle.MANIFEST_NAME).read_text())


def test_commit_keeps_the_previous_generation(tmp_path: Path) -> None:
    ix = _two_generations(tmp_path / "ix")
    manifest = _manifest(ix)
    last, previous = manifest["last_good"], manifest["previous"]
    assert previous["generation"] == last["generation"] - 1
    assert lifecycle.toc_generations(ix) == [last["generation"], previous["generation"]]
    for state in (last, previous):
        assert lifecycle.check_generation(ix, state) is None
    # nothing older than the previous generation is left behind
    named = set(last["files"]) | set(previous["files"]) | {lifecycle.MANIFEST_NAME, lifecycle.MANIFEST_BACKUP}
    leftovers = {n for n in os.listdir(ix) if not n.endswith("WRITELOCK")} - named
    assert leftovers == set()


@pytest.mark.parametrize("damage", ["truncate_toc", "garble_toc", "truncate_segment", "remove_segment"])
def test_damaged_newest_state_falls_back_to_the_previous(tmp_path: Path, damage: str) -> None:
    ix = _two_generations(tmp_path / "ix")
    last = _manifest(ix)["last_good"]
    toc = ix / lifecycle.toc_name(last["generation"])
    previous_files = set(_manifest(ix)["previous"]["files"])
    newest_segment = sorted(
        (n for n in last["files"] if n not in previous_files and n.endswith(".pst")),
        key=lambda n: (ix / n).stat().st_size,
    )[-1]
    if damage == "truncate_toc":
        os.truncate(toc, toc.stat().st_size // 2)
    elif damage == "garble_toc":
        data = bytearray(toc.read_bytes())
        data[20:60] = b"\xff" * 40
        toc.write_bytes(bytes(data))
    elif damage == "truncate_segment":
        os.truncate(ix / newest_segment, 10)
    else:
        (ix / newest_segment).unlink()

    engine: Any = open_engine(ix)
    assert engine.generation == last["generation"] - 1
    assert engine.warnings and "estado anterior" in engine.warnings[0]
    assert sorted(r.id for r in engine.iter_records()) == ["doc-0", "doc-1", "doc-2"]
    # the next update starts from the good state and repairs the index
    engine.update([rec(i) for i in range(6)])
    engine.close()
    repaired: Any = open_engine(ix)
    assert repaired.warnings == []
    assert repaired.doc_count() == 6
    assert lifecycle.check_index(ix).ok
    repaired.close()


def test_both_states_damaged_is_a_clear_error(tmp_path: Path) -> None:
    ix = _two_generations(tmp_path / "ix")
    manifest = _manifest(ix)
    for state in (manifest["last_good"], manifest["previous"]):
        os.truncate(ix / lifecycle.toc_name(state["generation"]), 5)
    with pytest.raises(lifecycle.IndexCorruptError, match="Reconstrúyalo"):
        open_engine(ix)


def test_commit_interrupted_before_the_manifest_is_ignored_then_discarded(tmp_path: Path) -> None:
    """A TOC newer than the manifest (a crash between the two) is invisible to readers and is
    removed by the next writer."""
    ix = _two_generations(tmp_path / "ix")
    gen = _manifest(ix)["last_good"]["generation"]
    stray = ix / lifecycle.toc_name(gen + 1)
    stray.write_bytes((ix / lifecycle.toc_name(gen)).read_bytes()[:50])
    engine: Any = open_engine(ix)
    assert engine.generation == gen and engine.doc_count() == 5
    engine.update([rec(9)])
    assert engine.doc_count() == 6
    assert lifecycle.check_index(ix).ok
    engine.close()


def test_check_reports_good_and_damaged_indexes(tmp_path: Path) -> None:
    ix = _two_generations(tmp_path / "ix")
    runner = CliRunner()
    good = runner.invoke(index_command, ["--check", "--index", str(ix)])
    assert good.exit_code == 0, good.output
    assert "el índice está bien" in good.output and "Documentos: 5" in good.output

    # same size, garbled content in the newest record column: only a full read finds it
    last = _manifest(ix)["last_good"]
    previous_files = set(_manifest(ix)["previous"]["files"])
    column = next(n for n in last["files"] if n.endswith(".record.col") and n not in previous_files)
    data = bytearray((ix / column).read_bytes())
    data[: len(data) // 2] = os.urandom(len(data) // 2)
    (ix / column).write_bytes(bytes(data))
    bad = runner.invoke(index_command, ["--check", "--index", str(ix)])
    assert bad.exit_code == 1
    assert "PROBLEMA" in bad.output and "Traceback" not in bad.output

    missing = runner.invoke(index_command, ["--check", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 1 and "No hay un índice" in missing.output


def test_check_reports_manifest_count_mismatch(tmp_path: Path) -> None:
    ix = _two_generations(tmp_path / "ix")
    manifest = _manifest(ix)
    manifest["doc_count"] = 99
    (ix / lifecycle.MANIFEST_NAME).write_text(json.dumps(manifest))
    result = lifecycle.check_index(ix)
    assert not result.ok
    assert any("99" in p for p in result.problems)
