"""Benchmark extraction: pages/s on text PDFs (the real laws), s/page on scanned pages (OCR).

    .venv/bin/python scripts/bench_extract.py [--shared ../shared] [--ocr-pages 3] [--workers 2]

Text PDFs are the three federal laws in ../shared/corpus/real/laws (real layouts, 144 pages).
Scanned pages are generated here: letter pages of Spanish legal text rendered at 220 dpi with
reportlab + pypdfium2 and saved as image-only PDFs (what the sample corpus's scans look like),
then read back at 300 dpi with Tesseract (spa, OMP_THREAD_LIMIT=1). Also times the bounded
path (``extract_many``: child processes, limits) on the laws, to show its overhead. CPU
seconds are printed beside wall time: on a shared machine they are the steadier figure.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "En atención a la solicitud de información con número de folio 271158600003523, y con "
    "fundamento en el artículo 113, fracción V de la Ley General de Transparencia y Acceso a la "
    "Información Pública, este Comité de Transparencia confirma la clasificación de la "
    "información como reservada; la versión pública se entregará a la persona solicitante."
)


def scanned_pdf(path: Path, pages: int, dpi: int = 220) -> Path:
    """``pages`` letter pages of wrapped text, as an image-only PDF."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter)
    words = PARAGRAPH.split()
    for page in range(pages):
        c.setFont("Helvetica", 11)
        y, line = 740.0, ""
        for i in range(400):
            word = words[(i + page * 7) % len(words)]
            if len(line) + len(word) > 88:
                c.drawString(72, y, line)
                y, line = y - 15, ""
                if y < 72:
                    break
            line = f"{line} {word}".strip()
        c.showPage()
    c.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    images = [doc[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(doc))]
    doc.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (Tesseract runs as a child)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def bench_text(laws: list[Path]) -> tuple[int, float]:
    from corpus.extract import extract_file

    total_pages, total_s, total_cpu = 0, 0.0, 0.0
    for pdf in laws:
        start, cpu = time.perf_counter(), cpu_seconds()
        extracted = extract_file(pdf)
        elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
        n = len(extracted.pages)
        total_pages, total_s, total_cpu = total_pages + n, total_s + elapsed, total_cpu + used
        print(f"  {pdf.name:14} {n:4d} pages  {elapsed:6.1f} s wall {n / elapsed:6.1f} pages/s  "
              f"| {used:6.1f} s CPU {n / used:6.1f} pages/CPU-s")  # fmt: skip
    print(f"  total: {total_pages} pages: {total_pages / total_s:.1f} pages/s wall, "
          f"{total_pages / total_cpu:.1f} pages per CPU-second")  # fmt: skip
    return total_pages, total_s


def bench_bounded(laws: list[Path], workers: int) -> None:
    from corpus.extract import extract_many

    start = time.perf_counter()
    pages = 0
    for _path, result in extract_many(laws, workers=workers):
        pages += len(getattr(result, "pages", ()))
    elapsed = time.perf_counter() - start
    print(f"  extract_many, {workers} worker(s): {pages} pages in {elapsed:.1f} s = "
          f"{pages / elapsed:.1f} pages/s (child processes, start-up included)")  # fmt: skip


def bench_ocr(pages: int) -> None:
    from corpus.extract import extract_file
    from corpus.extract.ocr import ocr_status

    status = ocr_status("spa")
    if not status.available:
        print(f"  OCR no disponible: {status.reason}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = scanned_pdf(Path(tmp) / "escaneo.pdf", pages)
        start, cpu = time.perf_counter(), cpu_seconds()
        extracted = extract_file(path)
        elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
    assert extracted.methods == ["ocr"] * pages, extracted.methods
    words = len(extracted.text.split())
    print(f"  {pages} scanned pages: {elapsed / pages:.2f} s/page wall, "
          f"{used / pages:.2f} CPU-s/page ({words / pages:.0f} words/page)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--ocr-pages", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    laws_dir = args.shared / "corpus/real/laws"
    laws = sorted(laws_dir.glob("*.pdf"))
    if laws:
        print("Text PDFs (pdfminer.six, LAParams char_margin=4 line_margin=0.5 boxes_flow=0):")
        bench_text(laws)
        bench_bounded(laws, args.workers)
    else:
        print(f"no law PDFs under {laws_dir}; skipping the text benchmark", file=sys.stderr)
    if args.ocr_pages > 0:
        print("Scanned PDFs (pypdfium2 300 dpi + Tesseract spa, OMP_THREAD_LIMIT=1):")
        bench_ocr(args.ocr_pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
