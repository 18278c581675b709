"""The publication gate on ``precedentes index``: documents with personal data are held (out of
the index, reported, queued for review in the staff store) unless ``--sin-revision``; staff
withdrawals keep documents out and staff corrections are applied on every re-run; the sample
corpus goes through untouched."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner
from web_records import web_records

from corpus.personal_data import curp_check_digit
from corpus.records import DocumentRecord
from indexer import open_engine
from scripts.cmd_index import index as index_command
from search_app.admin import db, library
from search_app.admin.index_gate import IndexGate
from search_app.admin.library import Entry

CURP = "GOMC850101HVZRRR0" + curp_check_digit("GOMC850101HVZRRR0")


def records_with_personal_data() -> list[DocumentRecord]:
    records = web_records()
    held = records[3]
    records[3] = dataclasses.replace(held, text=held.text + f"\nLa persona recurrente, CURP {CURP}.")
    return records


def write(path: Path, records: list[DocumentRecord]) -> Path:
    path.write_text("\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in records)
                    + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(index_command, [*args, "--no-topics"])
    return result.exit_code, result.output


def ids(index_dir: Path) -> set[str]:
    engine = open_engine(index_dir)
    try:
        return {r.id for r in engine.iter_records()}
    finally:
        engine.close()


def test_held_unless_sin_revision(tmp_path: Path) -> None:
    records = records_with_personal_data()
    held_id = records[3].id
    source = write(tmp_path / "r.jsonl", records)
    store = tmp_path / "staff.sqlite3"
    code, out = run(str(source), "--index", str(tmp_path / "ix"), "--staff-db", str(store))
    assert code == 0, out
    assert f"RETENIDO {held_id}" in out and "CURP 1" in out
    assert ids(tmp_path / "ix") == {r.id for r in records} - {held_id}
    conn = db.connect(store)
    try:
        entry = library.get(conn, held_id)
    finally:
        conn.close()
    assert entry is not None and entry.state == "retenido"
    assert [f.value for f in entry.findings] == [CURP]
    # a second run keeps it out without checking it again
    code, out = run(str(source), "--index", str(tmp_path / "ix"), "--staff-db", str(store))
    assert held_id not in ids(tmp_path / "ix") and "en revisión): 1" in out
    # --sin-revision publishes it and says so
    code, out = run(str(source), "--index", str(tmp_path / "ix2"), "--sin-revision")
    assert code == 0 and f"AVISO publicado con posibles datos personales {held_id}" in out
    assert held_id in ids(tmp_path / "ix2")


def test_without_a_store_held_documents_are_reported_only(tmp_path: Path) -> None:
    source = write(tmp_path / "r.jsonl", records_with_personal_data())
    gate = IndexGate(tmp_path / "no-existe.sqlite3")
    from indexer.build import build_index

    report = build_index([source], tmp_path / "ix", enrich=False, gate=gate)
    assert report.added == 7 and len(gate.report.held) == 1
    assert not (tmp_path / "no-existe.sqlite3").exists()
    assert "--staff-db" in gate.report.lines()[-1]


def test_staff_decisions_apply_to_reindexing(tmp_path: Path) -> None:
    records = web_records()
    source = write(tmp_path / "r.jsonl", records)
    store = tmp_path / "staff.sqlite3"
    assert run(str(source), "--index", str(tmp_path / "ix"))[0] == 0
    withdrawn, corrected = records[4].id, records[5].id
    conn = db.connect(store)
    try:
        library.put(conn, Entry(id=withdrawn, state="retirado", origin="indice",
                                record=records[4], sha256=records[4].source_sha256 or ""))
        library.put(conn, Entry(id=corrected, state="publicado", origin="indice",
                                record=records[5], sha256=records[5].source_sha256 or "",
                                overrides={"ponente": "Ponente Corregido"}))
    finally:
        conn.close()
    code, out = run(str(source), "--index", str(tmp_path / "ix"), "--staff-db", str(store))
    assert code == 0, out
    assert withdrawn not in ids(tmp_path / "ix")  # removed, and not re-added
    engine = open_engine(tmp_path / "ix")
    try:
        record = engine.get(corrected)
    finally:
        engine.close()
    assert record is not None and record.ponente == "Ponente Corregido"
    assert "correcciones del personal aplicadas: 1" in out


def test_released_content_is_published(tmp_path: Path) -> None:
    records = records_with_personal_data()
    held = records[3]
    store = tmp_path / "staff.sqlite3"
    conn = db.connect(store)
    try:
        library.put(conn, Entry(id=held.id, state="publicado", origin="subida", record=held,
                                sha256=held.source_sha256 or "",
                                released_sha256=held.source_sha256))
    finally:
        conn.close()
    source = write(tmp_path / "r.jsonl", records)
    code, out = run(str(source), "--index", str(tmp_path / "ix"), "--staff-db", str(store))
    assert code == 0 and held.id in ids(tmp_path / "ix") and "RETENIDO" not in out


def test_sample_corpus_passes_the_gate(tmp_path: Path) -> None:
    from corpus.sample.generate import write_records

    source = write_records(tmp_path / "muestra", 40, seed=0)
    gate = IndexGate(None, workers=2)
    kept = list(gate.filter(DocumentRecord.from_dict(json.loads(line))
                            for line in source.read_text(encoding="utf-8").splitlines()))
    assert len(kept) == 40 and gate.report.checked == 40 and not gate.report.held
