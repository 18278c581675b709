"""build_index and `precedentes index`: record files in, an index out, incrementally."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from corpus.records import DocumentRecord
from indexer import open_engine
from indexer.build import PRUNE_SKIPPED, build_index, split_inputs
from scripts.cmd_index import index as index_command


def rec(i: int, **kw: object) -> DocumentRecord:
    values: dict[str, object] = {
        "id": f"doc-{i}", "garante": "ITAIP", "doc_type": "resolucion", "year": 2023,
        "title": f"Resolución {i}", "text": f"La información reservada del documento {i}.",
        "is_sample": True,
    }
    values.update(kw)
    return DocumentRecord(**values)  # type: ignore[arg-type]


def write_jsonl(path: Path, records: list[DocumentRecord], extra: str = "") -> Path:
    lines = [json.dumps(r.to_dict(), ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def test_build_from_records_then_update_incrementally(tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "a.jsonl", [rec(i) for i in range(6)])
    ticks: list[int] = []
    report = build_index([first], tmp_path / "ix", enrich=False, batch_size=4,
                         progress=ticks.append)
    assert (report.added, report.replaced, report.unchanged, report.failed) == (6, 0, 0, [])
    assert sum(ticks) == 6

    second = write_jsonl(tmp_path / "b.jsonl", [rec(0), rec(1, title="Nueva"), rec(9)])
    report = build_index([second], tmp_path / "ix", enrich=False, prune=True)
    assert (report.added, report.replaced, report.unchanged, report.deleted) == (1, 1, 1, 4)
    engine: Any = open_engine(tmp_path / "ix")
    assert sorted(r.id for r in engine.iter_records()) == ["doc-0", "doc-1", "doc-9"]
    assert engine.get("doc-1").title == "Nueva"
    engine.close()


def test_bad_lines_are_reported_and_prune_is_then_skipped(tmp_path: Path) -> None:
    build_index([write_jsonl(tmp_path / "a.jsonl", [rec(1), rec(2)])], tmp_path / "ix",
                enrich=False)
    bad = write_jsonl(tmp_path / "b.jsonl", [rec(1)], extra='{"title": "sin id"}\nno es json\n')
    report = build_index([bad], tmp_path / "ix", enrich=False, prune=True)
    sources = [source for source, _ in report.failed]
    assert sources == [f"{bad}:2", f"{bad}:3", "--prune"]
    assert report.failed[-1][1] == PRUNE_SKIPPED
    assert report.deleted == 0
    engine = open_engine(tmp_path / "ix")
    assert engine.doc_count() == 2
    engine.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_enrichment_is_applied_before_indexing(tmp_path: Path, workers: int) -> None:
    def enrich(record: DocumentRecord) -> DocumentRecord:
        if record.id == "doc-2":
            raise ValueError("falla de prueba")
        return dataclasses.replace(record, topics=["Inexistencia"])

    records = [rec(i) for i in range(1, 200)]
    source = write_jsonl(tmp_path / "a.jsonl", records)
    report = build_index([source], tmp_path / "ix", enrich=enrich, workers=workers,
                         batch_size=70)
    assert report.added == 199
    assert report.failed == [("doc-2", "temas: falla de prueba")]
    engine: Any = open_engine(tmp_path / "ix")
    assert engine.get("doc-1").topics == ["Inexistencia"]
    assert engine.get("doc-2").topics == []  # indexed untagged
    assert [r.id for r in engine.iter_records()] == [r.id for r in records]  # input order
    engine.close()


def test_split_inputs(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    records, documents = split_inputs([tmp_path / "r.jsonl", tmp_path / "docs", tmp_path / "x.pdf"])
    assert records == [tmp_path / "r.jsonl"]
    assert documents == [tmp_path / "docs", tmp_path / "x.pdf"]


def test_cli_builds_and_reports_in_spanish(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "a.jsonl", [rec(i) for i in range(3)])
    runner = CliRunner()
    result = runner.invoke(index_command, [str(source), "--index", str(tmp_path / "ix"),
                                           "--no-topics"])
    assert result.exit_code == 0, result.output
    assert "Agregados: 3" in result.output and "documentos/s" in result.output
    again = runner.invoke(index_command, [str(source), "--index", str(tmp_path / "ix"),
                                          "--no-topics"])
    assert "sin cambios: 3" in again.output

    missing = runner.invoke(index_command, [str(tmp_path / "nada.jsonl"), "--index",
                                            str(tmp_path / "ix")])
    assert missing.exit_code == 1 and "no existe" in missing.output
    nothing = runner.invoke(index_command, ["--index", str(tmp_path / "ix")])
    assert nothing.exit_code == 1 and "Sugerencia" in nothing.output
    unknown = runner.invoke(index_command, [str(source), "--index", str(tmp_path / "ix"),
                                            "--garante", "XYZ"])
    assert unknown.exit_code == 1 and "desconocido" in unknown.output
