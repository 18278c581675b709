"""Incremental updates: add, replace on a changed hash, skip the unchanged, delete, prune; one
writer at a time; get() gives back the whole record; open_engine's errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corpus.records import DocumentRecord, Precedent, Section
from indexer import EngineMismatchError, open_engine
from indexer.engine import IndexLockedError, IndexMissingError


def rec(i: int, **kw: object) -> DocumentRecord:
    values: dict[str, object] = {
        "id": f"doc-{i}", "garante": "IVAI", "doc_type": "resolucion", "year": 2020,
        "date": "2020-03-01", "title": f"Resolución {i}", "sentido": ["revoca"],
        "text": f"Texto del documento {i} sobre información reservada.", "is_sample": True,
    }
    values.update(kw)
    return DocumentRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def engine(tmp_path: Path):
    eng = open_engine(tmp_path / "ix", create=True)
    yield eng
    eng.close()


def _ids(engine: Any) -> list[str]:
    return sorted(r.id for r in engine.iter_records())


def test_add_replace_skip_delete_prune(engine) -> None:
    report = engine.update([rec(i) for i in range(5)])
    assert (report.added, report.replaced, report.unchanged, report.deleted) == (5, 0, 0, 0)
    assert engine.doc_count() == 5

    changed = [rec(0), rec(1, title="Cambiada"), rec(2), rec(3), rec(4), rec(5)]
    report = engine.update(changed)
    assert (report.added, report.replaced, report.unchanged, report.deleted) == (1, 1, 4, 0)
    assert engine.doc_count() == 6
    got = engine.get("doc-1")
    assert got is not None and got.title == "Cambiada"

    assert engine.delete(["doc-5", "no-such-id"]) == 1
    assert engine.get("doc-5") is None
    assert _ids(engine) == [f"doc-{i}" for i in range(5)]

    report = engine.update([rec(0), rec(2)], prune=True)
    assert (report.added, report.unchanged, report.deleted) == (0, 2, 3)
    assert _ids(engine) == ["doc-0", "doc-2"]
    assert engine.doc_count() == 2
    assert engine.manifest["doc_count"] == 2


def test_same_id_twice_in_one_batch_keeps_the_last(engine) -> None:
    engine.update([rec(1, title="primera"), rec(1, title="segunda")], batch_size=100)
    assert engine.doc_count() == 1
    got = engine.get("doc-1")
    assert got is not None and got.title == "segunda"


def test_get_round_trips_a_full_record(engine) -> None:
    full = rec(
        7, expediente="IVAI-REV/275/2017/I", expediente_raw="IVAI-REV/0275/2017/I",
        sujeto_obligado="Ayuntamiento de Xalapa", ponente="María López", folio="271158600003523",
        sections=[Section("resolutivos", "RESOLUTIVOS", 0, 10)], cites_criteria=["INAI 3/2017"],
        cites_expedientes=["RRA 1234/19"], cites_articles=["LGTAIP 113 V"], source_path="/x.pdf",
        source_sha256="abc", extraction={"format": "pdf", "pages": 2, "methods": ["text", "ocr"]},
        number=None, precedentes=[Precedent("IVAI-REV/1/2017/I", "SO", "P")], vigencia="vigente",
        sujeto_obligado_canonical="Ayuntamiento de Xalapa", sujeto_obligado_kind="ayuntamiento",
        topics=["Información reservada"], topic_evidence={"Información reservada": ["reservada"]},
    )
    engine.update([full, rec(8)])
    assert engine.get("doc-7") == full
    assert engine.get("missing") is None


def test_batches_commit_and_report_ids(engine) -> None:
    committed: list[list[str]] = []
    engine.update([rec(i) for i in range(7)], batch_size=3, on_commit=committed.append)
    assert [len(c) for c in committed] == [3, 3, 1]
    assert sorted(i for c in committed for i in c) == sorted(f"doc-{i}" for i in range(7))
    assert engine.manifest["last_good"]["generation"] == engine.generation


def test_manifest_says_whether_all_documents_are_samples(engine) -> None:
    engine.update([rec(1), rec(2)])
    assert engine.all_sample is True
    engine.update([rec(3, is_sample=False)])
    assert engine.all_sample is False
    assert engine.manifest["sample_count"] == 2


def test_a_second_writer_gets_a_spanish_message(engine, tmp_path: Path) -> None:
    lock = engine.index.lock("WRITELOCK")
    assert lock.acquire(blocking=False)
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
        lock.release()
    engine.update([rec(1)])
    assert engine.doc_count() == 1


def test_open_engine_errors(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="No hay un índice"):
        open_engine(tmp_path / "none")
    open_engine(tmp_path / "ix", create=True).close()
    with pytest.raises(EngineMismatchError, match="desconocido"):
        open_engine(tmp_path / "ix", engine="lucene")
    again = open_engine(tmp_path / "ix", engine="whoosh")
    assert again.name == "whoosh" and again.doc_count() == 0
    again.close()


def test_engine_recorded_in_manifest_must_match(tmp_path: Path) -> None:
    import json

    open_engine(tmp_path / "ix", create=True).close()
    manifest = tmp_path / "ix" / "manifest.json"
    data = json.loads(manifest.read_text())
    data["engine"] = "tantivy"
    manifest.write_text(json.dumps(data))
    with pytest.raises(EngineMismatchError, match="creado con el motor «tantivy»"):
        open_engine(tmp_path / "ix", engine="whoosh")


def test_readers_see_new_commits(engine, tmp_path: Path) -> None:
    reader = open_engine(tmp_path / "ix")
    assert reader.doc_count() == 0
    engine.update([rec(1), rec(2)])
    assert reader.doc_count() == 2
    engine.update([rec(3)], batch_size=1)
    assert reader.get("doc-3") is not None
    reader.close()


def _postings(engine: Any) -> dict[tuple[str, bytes], list[tuple[Any, ...]]]:
    """Every posting of the index, keyed by (field, term), with global doc numbers."""
    reader = engine.searcher().reader()
    out: dict[tuple[str, bytes], list[tuple[Any, ...]]] = {}
    for field_name, term in reader.all_terms():
        m = reader.postings(field_name, term)
        rows = []
        while m.is_active():
            rows.append((m.id(), m.weight(), m.value()))
            m.next()
        info = reader.term_info(field_name, term)
        rows.append((info.weight(), info.doc_frequency(), info.max_weight(), info.min_id(),
                     info.max_id()))  # type: ignore[arg-type]
        out[(field_name, term)] = rows
    return out


def test_fast_text_path_writes_what_whoosh_would(tmp_path: Path, monkeypatch) -> None:
    """The in-memory inverter of the big text fields gives exactly whoosh's own postings,
    and multi-segment readers still list every field's terms."""
    from indexer import schema

    records = [rec(i, text=f"La información reservada {i} y la información pública "
                           f"del sujeto obligado {i % 3}; versión pública.") for i in range(260)]
    fast: Any = open_engine(tmp_path / "fast", create=True)
    fast.update(records, batch_size=130)  # 2 segments, terms with more than one block
    monkeypatch.setattr(schema, "preanalyze", lambda text: None)  # strings: whoosh's path
    slow: Any = open_engine(tmp_path / "slow", create=True)
    slow.update(records, batch_size=130)
    assert _postings(fast) == _postings(slow)
    reader = fast.searcher().reader()
    assert len(reader.leaf_readers()) == 2
    for field_name in ("text", "text_shingle", "year", "garante", "title"):
        assert list(reader.lexicon(field_name)) == list(slow.searcher().reader().lexicon(field_name))
    assert b"informacion_reservada" in set(reader.lexicon("text_shingle"))
    fast.close()
    slow.close()


def test_index_built_with_other_analysis_must_be_rebuilt(tmp_path: Path) -> None:
    import json

    from indexer import IndexVersionError

    open_engine(tmp_path / "ix", create=True).close()
    manifest = tmp_path / "ix" / "manifest.json"
    data = json.loads(manifest.read_text())
    assert data["analysis"]
    data["analysis"] = "0:otro"
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexVersionError, match="otro análisis"):
        open_engine(tmp_path / "ix")


def test_get_is_safe_from_many_threads(engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    records = [rec(i, text=f"texto {i} " * (50 + i)) for i in range(40)]
    engine.update(records)

    def fetch(i: int) -> bool:
        got = engine.get(f"doc-{i % 40}")
        return got is not None and got.text == records[i % 40].text

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(fetch, range(600)))


@pytest.mark.parametrize("engine_name", ["whoosh", "tantivy"])
@pytest.mark.parametrize("workers", [1, 2])
def test_unchanged_records_are_not_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine_name: str, workers: int
) -> None:
    """A record whose content hash is already indexed is counted unchanged without being
    turned into a document (the analysis is the costly part of indexing)."""
    from indexer import tantivy_engine, whoosh_engine

    module: Any = whoosh_engine if engine_name == "whoosh" else tantivy_engine
    convert_name = "to_document" if engine_name == "whoosh" else "to_tantivy"
    real = getattr(module, convert_name)
    analysed = tmp_path / "analysed.txt"

    def counting(record: DocumentRecord) -> Any:
        with open(analysed, "a", encoding="utf-8") as fh:  # workers are processes: a file
            fh.write(record.id + "\n")
        return real(record)

    eng = open_engine(tmp_path / "ix", engine=engine_name, create=True)
    try:
        eng.update([rec(i) for i in range(6)])
        monkeypatch.setattr(module, convert_name, counting)
        report = eng.update([rec(i) for i in range(5)] + [rec(5, title="Otra"), rec(6)],
                            workers=workers)
        assert (report.added, report.replaced, report.unchanged) == (1, 1, 5)
        assert sorted(analysed.read_text().split()) == ["doc-5", "doc-6"]
        got = eng.get("doc-5")
        assert got is not None and got.title == "Otra"
        assert eng.doc_count() == 7
    finally:
        eng.close()
