"""The tantivy engine's write side and lifecycle: the update tests of tests/indexer/test_update.py
run again on tantivy, plus its own: the writer lock, the manifest, versions, engine choice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from indexer import EngineMismatchError, IndexVersionError, open_engine
from indexer.engine import IndexLockedError
from tests.indexer.test_update import (  # noqa: F401  (collected here with the fixture below)
    rec,
    test_add_replace_skip_delete_prune,
    test_get_round_trips_a_full_record,
    test_manifest_says_whether_all_documents_are_samples,
    test_readers_see_new_commits,
    test_same_id_twice_in_one_batch_keeps_the_last,
)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Any]:
    """A tantivy engine in ``tmp_path / "ix"`` (overrides test_update's whoosh one)."""
    eng = open_engine(tmp_path / "ix", engine="tantivy", create=True)
    yield eng
    eng.close()


def test_batches_commit_and_report_ids(engine: Any) -> None:
    committed: list[list[str]] = []
    engine.update([rec(i) for i in range(7)], batch_size=3, on_commit=committed.append)
    assert [len(c) for c in committed] == [3, 3, 1]
    assert sorted(i for c in committed for i in c) == sorted(f"doc-{i}" for i in range(7))
    assert engine.manifest["doc_count"] == 7
    before = engine.generation
    engine.update([rec(8)])
    assert engine.generation > before


def test_unchanged_update_writes_nothing(engine: Any) -> None:
    engine.update([rec(i) for i in range(3)])
    before = engine.state_key()
    report = engine.update([rec(i) for i in range(3)])
    assert (report.added, report.replaced, report.unchanged) == (0, 0, 3)
    assert engine.state_key() == before  # no commit, meta.json untouched


def test_a_second_writer_gets_a_spanish_message(engine: Any, tmp_path: Path) -> None:
    writer = engine.index.writer(15_000_000, 1)  # holds tantivy's writer lock
    try:
        other = open_engine(tmp_path / "ix")
        with pytest.raises(IndexLockedError, match="bloqueado"):
            other.update([rec(1)])
        from scripts.cmd_index import index

        records = tmp_path / "r.jsonl"
        records.write_text('{"id": "a", "text": "hola"}\n', encoding="utf-8")
        result = CliRunner().invoke(index, [str(records), "--index", str(tmp_path / "ix")])
        assert result.exit_code == 1
        assert "bloqueado" in result.output and "Traceback" not in result.output
    finally:
        writer.wait_merging_threads()  # releases the lock
    engine.update([rec(1)])
    assert engine.doc_count() == 1


def test_engine_is_recorded_and_not_given_twice(tmp_path: Path) -> None:
    open_engine(tmp_path / "ix", engine="tantivy", create=True).close()
    manifest = json.loads((tmp_path / "ix" / "manifest.json").read_text())
    assert manifest["engine"] == "tantivy"
    again = open_engine(tmp_path / "ix")  # no engine given: the manifest's
    assert again.name == "tantivy"
    again.close()
    with pytest.raises(EngineMismatchError, match="creado con el motor «tantivy»"):
        open_engine(tmp_path / "ix", engine="whoosh")
    open_engine(tmp_path / "w", create=True).close()
    with pytest.raises(EngineMismatchError, match="creado con el motor «whoosh»"):
        open_engine(tmp_path / "w", engine="tantivy")


def test_another_layout_version_is_refused(tmp_path: Path) -> None:
    open_engine(tmp_path / "ix", engine="tantivy", create=True).close()
    path = tmp_path / "ix" / "manifest.json"
    data = json.loads(path.read_text())
    data["tantivy_layout"] = 0
    path.write_text(json.dumps(data))
    with pytest.raises(IndexVersionError, match="Reconstrúyalo"):
        open_engine(tmp_path / "ix")
    from indexer.tantivy_schema import LAYOUT_VERSION

    data["tantivy_layout"] = LAYOUT_VERSION  # only the analysis differs now
    data["analysis"] = "0000000000000000"
    path.write_text(json.dumps(data))
    with pytest.raises(IndexVersionError, match="otro análisis de texto"):
        open_engine(tmp_path / "ix")


def test_vocabulary_and_unknown_fields(engine: Any) -> None:
    engine.update([rec(1, text="zorzal zorzales zorzalito"), rec(2, text="zorzal")])
    assert dict(engine.vocabulary("text_exact", "zorzal")) == {
        "zorzal": 2, "zorzales": 1, "zorzalito": 1}
    assert list(engine.vocabulary("no_such_field")) == []


def test_workers_prepare_the_same_documents(engine: Any, tmp_path: Path) -> None:
    def tag(record: Any) -> Any:
        if record.id == "doc-3":
            raise ValueError("falla de prueba")
        record.topics = ["etiquetado"]
        return record

    report = engine.update([rec(i) for i in range(9)], transform=tag, workers=2)
    assert report.added == 9 and [s for s, _ in report.failed] == ["doc-3"]
    one: Any = open_engine(tmp_path / "one", engine="tantivy", create=True)
    one.update([rec(i) for i in range(9)], transform=tag)
    assert sorted(r.id for r in engine.iter_records()) == sorted(r.id for r in one.iter_records())
    assert engine.get("doc-1").topics == ["etiquetado"] and engine.get("doc-3").topics == []
    assert engine.get("doc-5") == one.get("doc-5")
    one.close()
