"""Field-level accuracy of extraction + metadata on a generated sample corpus, per format.

Issue 2 asks for ≥ 98 % against the generator's ground truth, format by format, the scanned
PDFs through OCR. A small corpus is written into a temporary folder with the project's
generator, every file is extracted (``corpus.extract.extract_file``) and parsed
(``corpus.metadata.build_record``), and each field is compared with the truth:

* citations (``cites_*``) and ``sentido`` as sets: the truth lists citations in the order the
  generator composed them, which is not always their order in the text;
* ``expediente_raw`` without spaces (a PDF text layer may drop one: "-P III" → "-PIII");
* ``rubro`` case-, accent- and space-insensitively, without its final period (a rubro set in
  capitals is the same rubro);
* ``title`` is not compared: the generator's ("RECURSO DE REVISIÓN IVAI-REV/0275/2017/I") and
  the record's ("Recurso de revisión IVAI-REV/275/2017/I — <sujeto obligado>") follow different
  conventions on purpose.

Run with ``-s`` to see the table of failures. The scanned part needs Tesseract and is slow.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from corpus.extract import extract_file
from corpus.metadata import build_record
from corpus.patterns import fold
from corpus.records import DocumentRecord

FIELDS = (
    "id", "garante", "state", "doc_type", "date", "year", "expediente", "expediente_raw",
    "sujeto_obligado", "ponente", "folio", "sentido", "cites_criteria", "cites_expedientes",
    "cites_articles", "number", "rubro", "precedentes", "vigencia", "superseded_by",
)  # fmt: skip
SET_FIELDS = {"sentido", "cites_criteria", "cites_expedientes", "cites_articles"}
TARGET = 0.98
COUNT = 30  # for the text-layer, HTML and DOCX files (~15 s of CPU)
COUNT_FOR_OCR = 60  # one file in ten is a scanned PDF: 6 of them, read through OCR


def _value(field: str, value: Any) -> Any:
    if field in SET_FIELDS:
        return sorted(value or [])
    if field == "expediente_raw" and value:
        return "".join(value.split())  # a text layer may lose or add a space ("P III")
    if field == "rubro" and value:
        return fold(" ".join(value.split())).rstrip(".")
    if field == "precedentes":
        return [
            {
                k: (p.get(k) if isinstance(p, dict) else getattr(p, k))
                for k in ("expediente", "sujeto_obligado", "ponente")
            }
            for p in value or []
        ]
    return value if value not in ("", []) else None


def _failures(truth: dict[str, Any], record: DocumentRecord) -> list[tuple[str, Any, Any]]:
    out = []
    for field in FIELDS:
        expected, got = _value(field, truth.get(field)), _value(field, getattr(record, field))
        if expected != got:
            out.append((field, expected, got))
    return out


def _evaluate(sample: Path, scanned: bool) -> tuple[dict[str, tuple[int, int]], list[str]]:
    """Per format: (fields right, fields compared); and a line per failure."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    report: list[str] = []
    for line in (sample / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        if bool(truth.get("scanned")) != scanned:
            continue
        fmt = "scanned" if scanned else f"{truth['format']}"
        record = build_record(extract_file(sample / truth["path"]))
        failures = _failures(truth, record)
        total[fmt] += len(FIELDS)
        right[fmt] += len(FIELDS) - len(failures)
        report += [
            f"{truth['path']} ({truth.get('layout')}) {f}: want {e!r}, got {g!r}"
            for f, e, g in failures
        ]
    return {k: (right[k], total[k]) for k in total}, report


def _write(tmp_path_factory: pytest.TempPathFactory, count: int) -> Path:
    from corpus.sample.generate import write_corpus

    out = tmp_path_factory.mktemp("sample")
    write_corpus(out, count=count, seed=11)
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, COUNT)


@pytest.fixture(scope="module")
def sample_for_ocr(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write(tmp_path_factory, COUNT_FOR_OCR)


def _check(scores: dict[str, tuple[int, int]], report: list[str]) -> None:
    print("\n".join(f"{fmt}: {ok}/{n} = {ok / n:.4f}" for fmt, (ok, n) in sorted(scores.items())))
    print("\n".join(report))
    for fmt, (ok, n) in scores.items():
        assert ok / n >= TARGET, f"{fmt}: {ok}/{n} fields right\n" + "\n".join(report)


def test_accuracy_per_format_text_layer_html_docx(sample: Path) -> None:
    scores, report = _evaluate(sample, scanned=False)
    assert set(scores) == {"pdf", "html", "docx"}
    assert all(n >= 2 * len(FIELDS) for _, n in scores.values())  # at least two documents each
    _check(scores, report)


@pytest.mark.slow
@pytest.mark.ocr
def test_accuracy_scanned_pdfs_through_ocr(sample_for_ocr: Path) -> None:
    scores, report = _evaluate(sample_for_ocr, scanned=True)
    assert set(scores) == {"scanned"}
    _check(scores, report)
