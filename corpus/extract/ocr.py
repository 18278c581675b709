"""OCR of scanned PDF pages: render with pypdfium2, read with Tesseract (pytesseract).

Tesseract runs with ``OMP_THREAD_LIMIT=1``: with OpenMP threads it measured 15.5 s/page against
2.7 s/page here. The variable is set in the environment of the call only (pytesseract starts
tesseract as a subprocess that inherits ``os.environ``) and restored afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DPI = 300
# A page rendered past this many pixels is scaled down (a 300 dpi letter page is ~8.4 Mpx).
MAX_RENDER_PIXELS = 40_000_000


@dataclass(frozen=True)
class OcrStatus:
    """Whether OCR can run, and if not, why (a Spanish sentence)."""

    available: bool
    reason: str = ""


@functools.lru_cache(maxsize=8)
def ocr_status(lang: str = "spa", tesseract_cmd: str = "tesseract") -> OcrStatus:
    """Check once per process that the Tesseract binary and the language model exist."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = tesseract_cmd
    try:
        pytesseract.get_tesseract_version()
    except pytesseract.TesseractNotFoundError:
        return OcrStatus(
            False, f"no se encontró Tesseract ({tesseract_cmd}); instale tesseract-ocr"
        )
    except (OSError, RuntimeError) as exc:
        return OcrStatus(False, f"Tesseract no responde: {exc}")
    try:
        langs = set(pytesseract.get_languages(config=""))
    except (OSError, RuntimeError, pytesseract.TesseractError) as exc:
        return OcrStatus(False, f"Tesseract no lista sus idiomas: {exc}")
    missing = [part for part in lang.split("+") if part not in langs]
    if missing:
        return OcrStatus(
            False,
            f"falta el modelo de idioma de Tesseract: {', '.join(missing)} (tesseract-ocr-spa)",
        )
    return OcrStatus(True)


@contextlib.contextmanager
def _omp_single_thread() -> Iterator[None]:
    old = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = old


def render_scale(width_pt: float, height_pt: float, dpi: int = DEFAULT_DPI) -> float:
    """Scale factor for ``dpi``, reduced so that the bitmap stays under MAX_RENDER_PIXELS."""
    scale = dpi / 72.0
    pixels = width_pt * scale * height_pt * scale
    if pixels > MAX_RENDER_PIXELS:
        scale *= (MAX_RENDER_PIXELS / pixels) ** 0.5
    return scale


def ocr_pdf_pages(
    path: Path,
    page_indices: Sequence[int],
    *,
    lang: str = "spa",
    dpi: int = DEFAULT_DPI,
    page_timeout_s: float = 0,
    tesseract_cmd: str = "tesseract",
) -> dict[int, str]:
    """OCR the given 0-based pages of a PDF; returns raw Tesseract text per page index.

    Raises pytesseract/pypdfium2 errors to the caller, which turns them into warnings.
    """
    import pypdfium2 as pdfium
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = tesseract_cmd  # pytesseract keeps it module-wide
    results: dict[int, str] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in page_indices:
            page = pdf[index]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=render_scale(width, height, dpi), grayscale=True)
                image = bitmap.to_pil()
            finally:
                page.close()
            with _omp_single_thread():
                results[index] = pytesseract.image_to_string(
                    image, lang=lang, timeout=page_timeout_s
                )
            image.close()
    finally:
        pdf.close()
    return results
