"""A damaged newest state falls back to the last good one (tantivy snapshots, the manifest's
backup) and the next update repairs it; the kill -9 harness of scripts/check_crash.py (slow)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from corpus.records import DocumentRecord
from indexer import lifecycle, open_engine, tantivy_lifecycle


def rec(i: int) -> DocumentRecord:
    return DocumentRecord(id=f"doc-{i}", title=f"T{i}", text=f"texto {i} reservada prueba")


def _two_commits(path: Path, engine: str) -> Path:
    """doc-0..2 in the first commit, doc-3..4 in the second."""
    ix: Any = open_engine(path, engine=engine, create=True)
    ix.update([rec(i) for i in range(3)])
    ix.update([rec(3), rec(4)])
    ix.close()
    return path


@pytest.fixture(scope="module")
def tantivy_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _two_commits(tmp_path_factory.mktemp("tv") / "ix", "tantivy")


def _newest_segment_file(ix: Path) -> Path:
    manifest = json.loads((ix / lifecycle.MANIFEST_NAME).read_text())
    last, previous = manifest["last_good"]["files"], manifest["previous"]["files"]
    name = max((n for n in last if n not in previous), key=lambda n: last[n])
    return ix / tantivy_lifecycle.DATA_DIR / name


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[20:60] = b"\xff" * 40
    path.write_bytes(bytes(data))


FIRST, ALL = [f"doc-{i}" for i in range(3)], [f"doc-{i}" for i in range(5)]
META = Path(tantivy_lifecycle.DATA_DIR) / "meta.json"


@pytest.mark.parametrize(
    ("damage", "served", "said"),
    [
        (lambda ix: os.truncate(ix / META, 40), ALL, "último estado bueno"),
        (lambda ix: _garble(ix / META), ALL, "último estado bueno"),
        (lambda ix: (ix / META).unlink(), ALL, "falta meta.json"),
        (lambda ix: os.truncate(_newest_segment_file(ix), 10), FIRST, "estado anterior"),
        (lambda ix: _newest_segment_file(ix).unlink(), ALL, "último estado bueno"),  # linked
        (lambda ix: os.truncate(ix / lifecycle.MANIFEST_NAME, 20), ALL, "se usó su copia"),
    ],
    ids=["meta-truncated", "meta-garbled", "meta-removed", "segment-truncated",
         "segment-removed", "manifest-truncated"],
)
def test_tantivy_damaged_state_falls_back_and_is_repaired(
    tantivy_base: Path, tmp_path: Path, damage: Any, served: list[str], said: str
) -> None:
    from indexer.tantivy_engine import check_tantivy

    ix = tmp_path / "ix"
    subprocess.run(["cp", "-a", str(tantivy_base), str(ix)], check=True)  # keeps hard links
    damage(ix)
    engine: Any = open_engine(ix)
    assert len(engine.warnings) == 1 and said in engine.warnings[0]
    assert sorted(r.id for r in engine.iter_records()) == served
    checked = check_tantivy(ix)
    assert not checked.ok and said in checked.problems[0]
    engine.update([rec(i) for i in range(5)])  # the next run repairs it
    engine.close()
    repaired: Any = open_engine(ix)
    assert repaired.warnings == []
    assert sorted(r.id for r in repaired.iter_records()) == ALL
    repaired.close()
    assert check_tantivy(ix).ok, check_tantivy(ix).problems


def test_tantivy_keeps_two_snapshots_of_linked_files(tmp_path: Path) -> None:
    ix = _two_commits(tmp_path / "ix", "tantivy")
    engine: Any = open_engine(ix)
    engine.update([rec(5)])
    engine.close()
    manifest = json.loads((ix / lifecycle.MANIFEST_NAME).read_text())
    snaps = sorted(os.listdir(ix / tantivy_lifecycle.SNAPSHOT_DIR))
    assert snaps == sorted([manifest["last_good"]["snapshot"], manifest["previous"]["snapshot"]])
    live = ix / tantivy_lifecycle.DATA_DIR
    for name in manifest["last_good"]["files"]:
        snap_file = ix / tantivy_lifecycle.SNAPSHOT_DIR / manifest["last_good"]["snapshot"] / name
        if (live / name).exists():
            assert os.path.samefile(snap_file, live / name)  # a link, not a copy


def test_both_manifests_damaged_is_a_clear_error(tmp_path: Path) -> None:
    ix = _two_commits(tmp_path / "ix", "whoosh")
    os.truncate(ix / lifecycle.MANIFEST_NAME, 10)
    os.truncate(ix / lifecycle.MANIFEST_BACKUP, 10)
    with pytest.raises(lifecycle.IndexCorruptError, match="su copia tampoco"):
        open_engine(ix)


def test_whoosh_manifest_damage_is_repaired_by_an_update_with_nothing_new(tmp_path: Path) -> None:
    ix = _two_commits(tmp_path / "ix", "whoosh")
    os.truncate(ix / lifecycle.MANIFEST_NAME, 20)
    assert not lifecycle.check_index(ix).ok
    engine: Any = open_engine(ix)
    assert "se usó su copia" in engine.warnings[0]
    report = engine.update([rec(i) for i in range(5)])
    engine.close()
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 5)
    assert lifecycle.check_index(ix).ok


@pytest.mark.slow
def test_check_crash_fifty_kills(tmp_path: Path) -> None:
    """The whole harness: 50 kill -9 runs of the real commands, and the damage checks."""
    from scripts.check_crash import report, run_checks

    tally, damaged = run_checks(tmp_path, runs=50, seed=7, records=40, files=8, batch=6, log=False)
    lines = report(tally, damaged, 0.0)
    assert tally.failures == [], "\n".join(lines)
    assert all(outcome.startswith("ok") for *_, outcome in damaged), "\n".join(lines)
    assert sum(n for (_, p), n in tally.kills.items() if p != "terminó antes") >= 50
    phases = {phase for _, phase in tally.kills}
    assert "entre confirmaciones" in phases  # kills landed mid-run, not only before or after
    assert tally.orphans == 0


@pytest.mark.parametrize("engine_name", ["whoosh", "tantivy"])
def test_a_kill_between_backup_and_manifest_leaves_a_good_index(tmp_path: Path, engine_name: str) -> None:
    """The backup is written first: only it present is an interrupted write, not damage."""
    ix = _two_commits(tmp_path / "ix", engine_name)
    (ix / lifecycle.MANIFEST_NAME).unlink()
    engine: Any = open_engine(ix)
    assert engine.warnings == []
    assert sorted(r.id for r in engine.iter_records()) == ALL
    engine.close()


def test_tantivy_commit_not_yet_in_the_manifest_is_not_a_problem(tmp_path: Path) -> None:
    """Killed between tantivy's commit and the manifest's update: the commit is durable and the
    index good; --check says so in a line, not as a problem."""
    from indexer.tantivy_engine import check_tantivy

    ix: Any = open_engine(tmp_path / "ix", engine="tantivy", create=True)
    before = json.loads((tmp_path / "ix" / lifecycle.MANIFEST_NAME).read_text())
    ix.update([rec(i) for i in range(3)])
    ix.close()
    lifecycle.write_manifest(tmp_path / "ix", before)  # as if the kill came before it
    checked = check_tantivy(tmp_path / "ix")
    assert checked.ok, checked.problems
    assert any("no llegó a registrarse" in line for line in checked.lines)
