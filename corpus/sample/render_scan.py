"""Scanned, image-only PDFs: a text PDF rendered to page images with pypdfium2, slightly
rotated and noisy, wrapped in a PDF with no text layer (what OCR must read)."""

from __future__ import annotations

import io
import random

import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from corpus.records import SAMPLE_MARKER
from corpus.sample.model import MARKER_LINE


def degrade(page: Image.Image, rng: random.Random) -> Image.Image:
    """Mild skew, speckle noise and a grey cast, like a flatbed scan."""
    gray = page.convert("L")
    angle = rng.uniform(-0.5, 0.5)
    gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    arr = np.asarray(gray, dtype=np.float32)
    noise_rng = np.random.default_rng(rng.randrange(2**32))
    arr = arr * rng.uniform(0.88, 0.96) + rng.uniform(8, 20)
    arr += noise_rng.normal(0, rng.uniform(2, 5), arr.shape)
    speckle = noise_rng.random(arr.shape) < 0.0008
    arr[speckle] = 40
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")


def render_scan(text_pdf: bytes, rng: random.Random, dpi: int = 250, max_pages: int = 4) -> tuple[bytes, int]:
    """Turn a text PDF into an image-only PDF; returns the bytes and the page count."""
    pdf = pdfium.PdfDocument(text_pdf)
    try:
        pages = min(len(pdf), max_pages)
        images = []
        for i in range(pages):
            page = pdf[i]
            bitmap = page.render(scale=dpi / 72)
            images.append((degrade(bitmap.to_pil(), rng), page.get_size()))
            page.close()
    finally:
        pdf.close()
    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    canvas.setTitle(f"{SAMPLE_MARKER} (escaneado)")
    canvas.setSubject(MARKER_LINE)
    canvas.setAuthor("Buscador de criterios y precedentes (datos de muestra)")
    for image, (w, h) in images:
        jpeg = io.BytesIO()
        image.save(jpeg, format="JPEG", quality=75)
        jpeg.seek(0)
        canvas.setPageSize((w, h))
        canvas.drawImage(ImageReader(jpeg), 0, 0, width=w, height=h)
        canvas.showPage()
    canvas.save()
    return buf.getvalue(), len(images)
