"""Scanned pages: an image-only PDF built here (reportlab → pypdfium2 → Pillow) read back by OCR."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from corpus.errors import IngestError
from corpus.extract import extract_file

LINES = [
    "RESOLUCIÓN DEL RECURSO DE REVISIÓN",
    "EXPEDIENTE: IVAI-REV/275/2017/II",
    "La información pública sobre el daño",
    "solicitada por Núñez García fue negada.",
]


def text_pdf_bytes(lines: list[str], size: tuple[float, float] = (420, 200)) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size)
    c.setFont("Helvetica", 13)
    for i, line in enumerate(lines):
        c.drawString(24, size[1] - 36 - 22 * i, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(path: Path, lines: list[str], dpi: int = 200) -> Path:
    """One small page: the text rendered to a grey image, saved as an image-only PDF."""
    pdf = pdfium.PdfDocument(text_pdf_bytes(lines))
    image = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil()
    pdf.close()
    image.save(path, "PDF", resolution=dpi)
    return path


def mixed_pdf(path: Path) -> Path:
    """Page 1 with a text layer, page 2 scanned."""
    out = pdfium.PdfDocument.new()
    text_doc = pdfium.PdfDocument(text_pdf_bytes(["Primera página con capa de texto normal."]))
    buf = io.BytesIO()
    scanned_pdf(path.with_suffix(".scan.pdf"), LINES)
    scan_doc = pdfium.PdfDocument(str(path.with_suffix(".scan.pdf")))
    out.import_pages(text_doc)
    out.import_pages(scan_doc)
    out.save(buf)
    path.write_bytes(buf.getvalue())
    return path


def test_image_only_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "escaneo.pdf", LINES)
    with pytest.raises(IngestError) as err:
        extract_file(path, ocr=False)
    assert err.value.reason == "ocr_unavailable"
    assert "OCR desactivado" in err.value.message


def test_missing_tesseract_is_a_typed_error_not_a_crash(tmp_path: Path) -> None:
    path = scanned_pdf(tmp_path / "escaneo.pdf", LINES)
    with pytest.raises(IngestError) as err:
        extract_file(path, tesseract_cmd=str(tmp_path / "no-hay-tesseract"))
    assert err.value.reason == "ocr_unavailable"
    assert "Tesseract" in err.value.message


def test_missing_tesseract_on_a_mixed_pdf_keeps_the_text_pages(tmp_path: Path) -> None:
    path = mixed_pdf(tmp_path / "mixto.pdf")
    extracted = extract_file(path, tesseract_cmd=str(tmp_path / "no-hay-tesseract"))
    assert extracted.pages[0].text == "Primera página con capa de texto normal."
    assert extracted.pages[1].text == ""
    assert any("páginas escaneadas sin texto (2)" in w for w in extracted.warnings)


@pytest.mark.ocr
def test_ocr_reads_a_scanned_page_with_accents(tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract no está instalado")
    path = mixed_pdf(tmp_path / "mixto.pdf")
    extracted = extract_file(path)
    assert extracted.methods == ["text", "ocr"]
    text = extracted.pages[1].text
    for line in LINES:
        assert line in text, text


def stamped_scan(path: Path) -> Path:
    """A scanned page under a one-line text stamp, as signing tools leave them."""
    from reportlab.lib.utils import ImageReader

    pdf = pdfium.PdfDocument(text_pdf_bytes(LINES))
    image = pdf[0].render(scale=200 / 72, grayscale=True).to_pil()
    pdf.close()
    c = canvas.Canvas(str(path), pagesize=(420, 200))
    c.drawImage(ImageReader(image), 0, 0, width=420, height=200)
    c.setFont("Helvetica", 6)
    c.drawString(10, 4, "Firmado electrónicamente el 12/05/2023")
    c.showPage()
    c.save()
    return path


def test_stamped_scan_goes_to_ocr_and_says_so_without_tesseract(tmp_path: Path) -> None:
    path = stamped_scan(tmp_path / "sellado.pdf")
    extracted = extract_file(path, tesseract_cmd=str(tmp_path / "no-hay-tesseract"))
    assert extracted.methods == ["text"]
    assert "Firmado electrónicamente" in extracted.text  # the stamp is all the layer has
    assert any("páginas escaneadas sin texto (1)" in w for w in extracted.warnings)


@pytest.mark.ocr
def test_stamped_scan_is_read_by_ocr(tmp_path: Path) -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract no está instalado")
    extracted = extract_file(stamped_scan(tmp_path / "sellado.pdf"))
    assert extracted.methods == ["ocr"]
    for line in LINES:
        assert line in extracted.text, extracted.text
