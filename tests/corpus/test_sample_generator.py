"""The sample-corpus generator: determinism, coverage of bodies and formats, the sample
marker in every file, ground truth consistent with the registry and with the text."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

from corpus.garantes import load_registry
from corpus.records import SAMPLE_MARKER, SENTIDOS
from corpus.sample.generate import FORMAT_CYCLE, plan_files, write_corpus
from corpus.sample.model import SAMPLE_NOTE

BODIES = {"IVAI", "ITAIP", "COTAIPEC", "ITAIPCH", "INAIP", "IDAIPQROO"}


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 30-document corpus (every body, kind and format), generated once per session."""
    out = tmp_path_factory.mktemp("sample")
    write_corpus(out, 30, seed=7)
    return out


@pytest.fixture(scope="session")
def truth(corpus_dir: Path) -> list[dict]:
    lines = (corpus_dir / "ground_truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="session")
def texts(corpus_dir: Path, truth: list[dict]) -> dict[str, str]:
    """The text of every non-scanned file, read once."""
    return {t["path"]: file_text(corpus_dir / t["path"], t["format"]) for t in truth if not t.get("scanned")}


def squash(text: str) -> str:
    """Compare text across layouts: no whitespace, hyphens or soft hyphens."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def file_text(path: Path, fmt: str) -> str:
    """Text of a file read with the plain libraries (not the project's extractor)."""
    if fmt == "pdf":
        return extract_text(str(path))
    if fmt == "html":
        raw = path.read_bytes()
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = raw.decode("cp1252")
        return BeautifulSoup(decoded, "lxml").get_text(" ")
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def canonical_by_registry(garante: str, raw: str) -> str | None:
    for fmt in load_registry().garantes[garante].expediente_formats:
        m = fmt.pattern.search(raw)
        if m:
            return fmt.canonical(m)
    return None


def test_every_format_and_layout_is_produced(truth: list[dict]) -> None:
    produced = {(t["format"], t["layout"]) for t in truth}
    assert produced == set(FORMAT_CYCLE)


def test_all_six_bodies_and_document_types(truth: list[dict]) -> None:
    assert {t["garante"] for t in truth} == BODIES
    assert {t["doc_type"] for t in truth} == {"resolucion", "criterio", "acuerdo"}
    assert all(set(t["sentido"]) <= set(SENTIDOS) for t in truth)


def test_files_exist_with_recorded_hash(corpus_dir: Path, truth: list[dict]) -> None:
    for t in truth:
        data = (corpus_dir / t["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == t["sha256"]


def test_expedientes_match_registry_patterns(truth: list[dict]) -> None:
    registry = load_registry()
    for t in truth:
        if t["doc_type"] == "criterio":
            assert t["expediente"] is None and t["number"] and t["rubro"]
            continue
        assert canonical_by_registry(t["garante"], t["expediente_raw"]) == t["expediente"], t["path"]
        assert t["expediente"] not in t["cites_expedientes"]
    for t in truth:
        for cited in t["cites_expedientes"]:
            assert any(canonical_by_registry(g, cited) == cited for g in registry.garantes), cited


def test_sample_marker_in_every_text_file(truth: list[dict], texts: dict[str, str]) -> None:
    for t in truth:
        if t.get("scanned"):
            continue
        text = texts[t["path"]]
        head = squash(text)[:400]
        assert squash(SAMPLE_MARKER) in head, t["path"]
        assert squash(SAMPLE_NOTE) in squash(text), t["path"]


def test_scanned_pdfs_have_no_text_layer_but_are_labelled(corpus_dir: Path, truth: list[dict]) -> None:
    scanned = [t for t in truth if t.get("scanned")]
    assert scanned
    for t in scanned:
        path = corpus_dir / t["path"]
        assert extract_text(str(path)).strip() == ""
        assert 1 <= t["pages"] <= 2
        with open(path, "rb") as fh:
            info = PDFDocument(PDFParser(fh)).info[0]
        assert SAMPLE_MARKER in info["Subject"].decode("latin-1", "replace") or SAMPLE_MARKER.encode() in info["Subject"]


def test_ground_truth_fields_are_written_in_the_file(truth: list[dict], texts: dict[str, str]) -> None:
    for t in truth:
        if t.get("scanned"):
            continue
        text = squash(texts[t["path"]])
        wanted = [t["expediente_raw"], t["sujeto_obligado"], t["folio"], t["ponente"], t["rubro"]]
        for value in filter(None, wanted):
            assert squash(value) in text or squash(value.upper()) in text, (t["path"], value)
        for p in t["precedentes"]:
            assert squash(p["sujeto_obligado"]) in text, (t["path"], p)


def test_html_encodings_vary_as_on_real_sites(corpus_dir: Path, truth: list[dict]) -> None:
    seen = set()
    for t in truth:
        if t["format"] != "html":
            continue
        raw = (corpus_dir / t["path"]).read_bytes()
        declared = b"charset" in raw.lower()
        assert declared == t["charset_declared"]
        if t["encoding"] == "cp1252":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        else:
            raw.decode("utf-8")
        seen.add((t["encoding"], declared))
    assert ("cp1252", False) in seen and ("utf-8", True) in seen


def test_html_noise_surrounds_the_document(corpus_dir: Path, truth: list[dict]) -> None:
    for t in truth:
        if t["format"] == "html":
            html = (corpus_dir / t["path"]).read_bytes().decode("utf-8", "replace")
            assert "<script" in html and ("Resoluciones recientes" in html or "Otros criterios" in html)


def test_criteria_carry_vigencia_and_precedentes(truth: list[dict]) -> None:
    criteria = [t for t in truth if t["doc_type"] == "criterio"]
    assert criteria
    for c in criteria:
        assert c["vigencia"] in ("vigente", "historico")
        assert (c["superseded_by"] is not None) == (c["vigencia"] == "historico")
        assert c["precedentes"], c["path"]
        for p in c["precedentes"]:
            assert p["expediente"] in c["cites_expedientes"]


def test_generation_is_deterministic_and_seeded(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        write_corpus(out, 12, seed=1)
    assert (a / "ground_truth.jsonl").read_bytes() == (b / "ground_truth.jsonl").read_bytes()
    files = sorted(p.name for p in (a / "docs").iterdir())
    assert len(files) == 12
    for name in files:
        assert (a / "docs" / name).read_bytes() == (b / "docs" / name).read_bytes(), name
    plan = [(s.garante, s.when, s.topic, s.expediente) for s in plan_files(12, seed=1)]
    assert plan != [(s.garante, s.when, s.topic, s.expediente) for s in plan_files(12, seed=2)]


@pytest.mark.ocr
def test_scanned_marker_is_visible_to_ocr(corpus_dir: Path, truth: list[dict]) -> None:
    """The marker is on the page image itself: OCR of the top strip of a scanned page reads it."""
    import os

    import pypdfium2 as pdfium
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    scanned = next(t for t in truth if t.get("scanned"))
    pdf = pdfium.PdfDocument(str(corpus_dir / scanned["path"]))
    try:
        image = pdf[0].render(scale=300 / 72).to_pil()
    finally:
        pdf.close()
    strip = image.crop((0, 0, image.width, image.height // 8))
    text = pytesseract.image_to_string(strip, lang="spa")
    assert SAMPLE_MARKER in " ".join(text.split())
