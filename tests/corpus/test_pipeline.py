"""The ingestion batch: every file reported, failures named with a reason, the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.pipeline import IngestFailure, IngestSummary, ingest_paths, iter_source_files
from corpus.records import SAMPLE_MARKER, DocumentRecord
from scripts.cli import main

RESOLUTION_HTML = f"""<!doctype html><html lang="es"><head><meta charset="utf-8">
<title>Resolución</title></head><body>
<nav><a href="/">Inicio</a> | <a href="/resoluciones">Resoluciones</a></nav>
<main><article>
<p>{SAMPLE_MARKER}: generado por el proyecto; no es una resolución real.</p>
<p>EXPEDIENTE: IVAI-REV/275/2017/I</p>
<p>SUJETO OBLIGADO: H. Ayuntamiento de Xalapa</p>
<p>COMISIONADA PONENTE: María Fernanda Ruiz Ochoa</p>
<p>Xalapa-Enríquez, Veracruz, a diecisiete de mayo de dos mil diecisiete.</p>
<h2>RESULTANDOS</h2>
<p>I. El once de enero de dos mil diecisiete, la persona recurrente presentó una solicitud de
información con folio 00123417 ante el sujeto obligado.</p>
<h2>CONSIDERANDOS</h2>
<p>De conformidad con el artículo 113, fracción V de la Ley General de Transparencia y Acceso a la
Información Pública, y con el Criterio 03/17 del INAI, la información no es reservada.</p>
<h2>RESOLUTIVOS</h2>
<p>PRIMERO. Se REVOCA la respuesta del sujeto obligado.</p>
</article></main>
<footer>Instituto Veracruzano de Acceso a la Información</footer></body></html>
"""


@pytest.fixture()
def batch_dir(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "resolucion.html").write_text(RESOLUTION_HTML, encoding="utf-8")
    (tmp_path / "roto.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n")  # truncated
    (tmp_path / "vacio.docx").write_bytes(b"")
    (tmp_path / "imagen.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)  # a PNG named .pdf
    (tmp_path / "ground_truth.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / ".oculto.html").write_text(RESOLUTION_HTML, encoding="utf-8")
    return tmp_path


def test_source_files_skip_hidden_and_data_files(batch_dir: Path) -> None:
    summary = IngestSummary()
    names = [p.name for p in iter_source_files([batch_dir], summary)]
    assert names == ["imagen.pdf", "roto.pdf", "vacio.docx", "resolucion.html"]
    assert summary.skipped_data_files == 1


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(iter_source_files([tmp_path / "no-existe"]))


def test_batch_reports_each_failure_and_keeps_the_good_file(batch_dir: Path) -> None:
    summary = IngestSummary()
    items = list(ingest_paths([batch_dir], summary=summary))
    records = [i for i in items if isinstance(i, DocumentRecord)]
    failures = {Path(i.source).name: i for i in items if isinstance(i, IngestFailure)}
    assert len(records) == 1
    assert set(failures) == {"imagen.pdf", "roto.pdf", "vacio.docx"}
    assert failures["imagen.pdf"].reason == "unsupported"
    assert failures["vacio.docx"].reason == "empty"
    for failure in failures.values():
        assert Path(failure.source).name in failure.message  # the message names the file
    record = records[0]
    assert record.expediente == "IVAI-REV/275/2017/I"
    assert record.garante == "IVAI"
    assert record.date == "2017-05-17"
    assert record.is_sample
    assert record.source_sha256 and len(record.source_sha256) == 64
    assert summary.documents == 1 and summary.failed == 3


def test_ingest_command_writes_records_and_exits_non_zero_on_failures(
    batch_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "salida.jsonl"
    result = CliRunner().invoke(main, ["ingest", str(batch_dir), "--out", str(out)])
    assert result.exit_code == 1, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = DocumentRecord.from_dict(json.loads(lines[0]))
    assert record.cites_articles[:1] == ["LGTAIP 113 V"]
    assert "Documentos: 1" in result.output
    assert "roto.pdf" in result.output
    assert "Fallidos: 3" in result.output


def test_ingest_command_rejects_unknown_garante(batch_dir: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(batch_dir), "--garante", "XYZ"])
    assert result.exit_code == 2
    assert "organismo desconocido" in result.output
