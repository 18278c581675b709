"""Word documents of sample documents (python-docx) with a running header and footer and
tables; the zip is rewritten with fixed timestamps so the bytes are deterministic."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from corpus.records import SAMPLE_MARKER
from corpus.sample.model import MARKER_LINE, SampleDoc

FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a .docx zip with a fixed timestamp on every member."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_docx(doc: SampleDoc, rng: random.Random) -> bytes:
    """Render ``doc`` as a .docx with header, footer, header-field table and timelines."""
    d = Document()
    props = d.core_properties
    props.title = f"{SAMPLE_MARKER}: {doc.truth.title}"[:250]
    props.subject = MARKER_LINE
    props.author = "Buscador de criterios y precedentes (datos de muestra)"
    props.last_modified_by = "corpus.sample"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    style = d.styles["Normal"]
    style.font.name = rng.choice(("Arial", "Times New Roman", "Calibri"))
    style.font.size = Pt(rng.choice((10, 11, 12)))
    section = d.sections[0]
    section.header.paragraphs[0].text = f"{doc.body_name}\t{doc.running_header}"
    section.footer.paragraphs[0].text = rng.choice(("Documento de muestra · Pleno", doc.running_header, doc.truth.garante))
    field_table = rng.random() < 0.5
    word_headings = rng.random() < 0.5  # Word's own heading style, as many bodies publish
    fields = [b for b in doc.blocks if b.kind == "field" and b.label]
    table_done = False
    for block in doc.blocks:
        if block.kind == "field" and field_table and doc.truth.doc_type != "criterio":
            if not table_done:
                t = d.add_table(rows=0, cols=2)
                t.style = "Table Grid"
                for f in fields:
                    cells = t.add_row().cells
                    cells[0].text = f.label
                    cells[1].text = f.text
                table_done = True
            continue
        if block.kind == "table":
            head, *rows = block.rows
            t = d.add_table(rows=1, cols=len(head))
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, head, strict=True):
                cell.text = text
            for row in rows:
                for cell, text in zip(t.add_row().cells, row, strict=True):
                    cell.text = text
            continue
        if block.kind == "heading" and word_headings:
            d.add_heading(block.text, level=2)
            continue
        p = d.add_paragraph()
        if block.kind == "field":
            if block.align == "right":
                p.paragraph_format.left_indent = Cm(8)
            run = p.add_run(block.label)
            run.bold = True
            if block.inline:
                p.add_run(" " + block.text)
            else:
                p.add_run().add_break()
                p.add_run(block.text)
        elif block.kind in ("marker", "masthead", "title", "heading"):
            run = p.add_run(block.text)
            run.bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for i, line in enumerate(block.text.split("\n")):
                if i:
                    p.add_run().add_break()
                p.add_run(line)
        elif block.kind == "note":
            p.add_run(block.text).font.size = Pt(8)
        else:
            p.add_run(block.text)
            if block.kind == "place_date":
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip(buf.getvalue())
