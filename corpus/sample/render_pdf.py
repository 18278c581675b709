"""Text PDFs of sample documents with reportlab, in several layouts real bodies publish:
one column with running header and page counter, two columns, justified text hyphenated at
line ends, and header fields and timelines in tables. ``invariant=1`` keeps bytes stable."""

from __future__ import annotations

import io
import random
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from corpus.records import SAMPLE_MARKER
from corpus.sample.model import MARKER_LINE, SampleDoc
from corpus.sample.spanish import soft_hyphenate

PDF_LAYOUTS = ("onecol", "twocol", "hyphen", "table")
_FONTS = (("Times-Roman", "Times-Bold"), ("Helvetica", "Helvetica-Bold"))


def _counter_canvas(counter_style: int, header_left: str, header_right: str, font: str) -> type[Canvas]:
    """A canvas class that draws running headers and "Página n de N" once N is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []
            self.footnotes: list[str] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self.footnotes = []
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            n = self._pageNumber
            width, height = self._pagesize
            self.setFont(font, 8)
            self.setFillColor(colors.black)
            if n > 1 or counter_style % 2 == 0:
                self.drawString(2 * cm, height - 1.2 * cm, header_left)
                self.drawRightString(width - 2 * cm, height - 1.2 * cm, header_right)
            text = (f"Página {n} de {total}", f"Hoja {n} de {total}", f"{n} de {total}", f"- {n} -")[counter_style]
            self.drawCentredString(width / 2, 1.2 * cm, text)
            if self.footnotes:
                lines = [line for note in self.footnotes for line in simpleSplit(note, font, 7, width - 4.4 * cm)]
                y = 1.9 * cm + 8.5 * (len(lines) - 1)
                self.line(2.2 * cm, y + 10, 7 * cm, y + 10)
                self.setFont(font, 7)
                for line in lines:
                    self.drawString(2.2 * cm, y, line)
                    y -= 8.5

    return NumberedCanvas


class FootnoteAnchor(Flowable):
    """Takes no room; hands its note to the canvas, which prints it at the foot of the page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
        self.width = self.height = 0

    def draw(self) -> None:
        notes = getattr(self.canv, "footnotes", None)
        if notes is not None:
            notes.append(self.text)


def _styles(font: tuple[str, str], size: float, justify: bool, hyphen: bool) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=font[0], fontSize=size, leading=size * 1.35,
                          alignment=TA_JUSTIFY if justify else TA_LEFT, spaceAfter=size * 0.6,
                          embeddedHyphenation=1 if hyphen else 0, hyphenationMinWordLength=4)
    return {
        "body": body,
        "marker": ParagraphStyle("marker", parent=body, fontName=font[1], fontSize=size, alignment=TA_CENTER,
                                 borderColor=colors.black, borderWidth=0.8, borderPadding=4, spaceAfter=size * 1.2,
                                 embeddedHyphenation=0),
        "masthead": ParagraphStyle("masthead", parent=body, fontName=font[1], alignment=TA_CENTER, embeddedHyphenation=0),
        "title": ParagraphStyle("title", parent=body, fontName=font[1], fontSize=size + 1, alignment=TA_CENTER,
                                spaceBefore=size * 0.5, embeddedHyphenation=0),
        "heading": ParagraphStyle("heading", parent=body, fontName=font[1], alignment=TA_CENTER, spaceBefore=size,
                                  embeddedHyphenation=0),
        "field": ParagraphStyle("field", parent=body, alignment=TA_LEFT, spaceAfter=size * 0.2, embeddedHyphenation=0),
        "field_right": ParagraphStyle("field_right", parent=body, alignment=TA_LEFT, leftIndent=8 * cm,
                                      spaceAfter=size * 0.1, embeddedHyphenation=0),
        "place": ParagraphStyle("place", parent=body, alignment=TA_RIGHT, embeddedHyphenation=0),
        "sign": ParagraphStyle("sign", parent=body, alignment=TA_CENTER, embeddedHyphenation=0),
        "note": ParagraphStyle("note", parent=body, fontSize=7, leading=8.5, alignment=TA_LEFT, embeddedHyphenation=0),
        "cell": ParagraphStyle("cell", parent=body, fontSize=size - 1, leading=(size - 1) * 1.25, alignment=TA_LEFT,
                               spaceAfter=0, embeddedHyphenation=0),
    }


def _p(text: str, style: ParagraphStyle, hyphen: bool = False, bold_label: str = "") -> Paragraph:
    body = escape(soft_hyphenate(text) if hyphen else text).replace("\n", "<br/>")
    if bold_label:
        body = f"<b>{escape(bold_label)}</b> {body}"
    return Paragraph(body, style)


def flowables(doc: SampleDoc, layout: str, rng: random.Random, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The blocks as reportlab flowables for one layout."""
    hyphen = layout == "hyphen"
    out: list[Flowable] = []
    fields = [b for b in doc.blocks if b.kind == "field"]
    table_fields = layout == "table" and doc.truth.doc_type != "criterio"
    fields_done = False
    for block in doc.blocks:
        if block.kind == "marker":
            out.append(Paragraph(f"{escape(SAMPLE_MARKER)} — {escape(MARKER_LINE.split(' — ', 1)[1])}", st["marker"]))
        elif block.kind == "masthead":
            out.append(_p(block.text, st["masthead"]))
        elif block.kind == "title":
            out.append(_p(block.text, st["title"]))
        elif block.kind == "field":
            if table_fields:
                if not fields_done:
                    data = [[_p(f.label, st["cell"]), _p(f.text, st["cell"])] for f in fields if f.label]
                    t = Table(data, colWidths=[5 * cm, 10.5 * cm], hAlign="RIGHT" if rng.random() < 0.5 else "LEFT")
                    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                    out.append(t)
                    out.append(Spacer(1, 8))
                    fields_done = True
                continue
            fst = st["field_right"] if block.align == "right" and layout != "twocol" else st["field"]
            if block.inline:
                out.append(_p(block.text, fst, hyphen and len(block.text) > 80, bold_label=block.label))
            else:
                out.append(_p(block.label, fst))
                out.append(_p(block.text, fst, hyphen and len(block.text) > 80))
        elif block.kind == "heading":
            out.append(_p(block.text, st["heading"]))
        elif block.kind == "place_date":
            out.append(_p(block.text, st["place"]))
        elif block.kind == "sign":
            out.append(Spacer(1, 12))
            for chunk in block.text.split("\n\n"):
                out.append(_p(chunk, st["sign"]))
        elif block.kind == "note":
            out.append(FootnoteAnchor(block.text) if layout != "twocol" else _p(block.text, st["note"]))
        elif block.kind == "table" and layout == "twocol":  # narrow columns: rows as lines
            for row in block.rows[1:]:
                out.append(_p(" — ".join(c for c in row if c), st["body"]))
        elif block.kind == "table":
            data = [[_p(c, st["cell"]) for c in row] for row in block.rows]
            t = Table(data, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey)]))
            out.append(t)
            out.append(Spacer(1, 8))
        else:  # para, item, closing
            out.append(_p(block.text, st["body"], hyphen))
    return out


def render_pdf(doc: SampleDoc, layout: str, rng: random.Random, size: float | None = None) -> bytes:
    """Render ``doc`` as a text PDF in ``layout`` (one of PDF_LAYOUTS)."""
    font = _FONTS[rng.randrange(2)] if layout != "hyphen" else _FONTS[0]
    pagesize = A4 if rng.random() < 0.6 else LETTER
    size = size or (9.5 if layout == "twocol" else rng.choice((10.0, 10.5, 11.0)))
    st = _styles(font, size, justify=layout in ("hyphen", "twocol") or rng.random() < 0.5, hyphen=layout == "hyphen")
    counter = rng.randrange(4)
    short_name = doc.truth.garante
    header_left = doc.body_name if rng.random() < 0.5 else short_name
    canvasmaker = _counter_canvas(counter, header_left[:90], doc.running_header, font[0])
    buf = io.BytesIO()
    width, height = pagesize
    margin = 2.2 * cm
    tmpl = BaseDocTemplate(buf, pagesize=pagesize, invariant=1, leftMargin=margin, rightMargin=margin,
                           topMargin=2 * cm, bottomMargin=2 * cm, title=f"{SAMPLE_MARKER}: {doc.truth.title}",
                           subject=MARKER_LINE, author="Buscador de criterios y precedentes (datos de muestra)",
                           creator="corpus.sample")
    story = flowables(doc, layout, rng, st)
    if layout == "twocol":
        gap = 0.8 * cm
        col_w = (width - 2 * margin - gap) / 2
        col_h = height - 4 * cm
        top_h = 10 * cm
        first = PageTemplate("first", [
            Frame(margin, height - 2 * cm - top_h, width - 2 * margin, top_h, id="top"),
            Frame(margin, 2 * cm, col_w, col_h - top_h, id="c1"),
            Frame(margin + col_w + gap, 2 * cm, col_w, col_h - top_h, id="c2"),
        ])
        later = PageTemplate("cols", [Frame(margin, 2 * cm, col_w, col_h, id="l1"),
                                      Frame(margin + col_w + gap, 2 * cm, col_w, col_h, id="l2")])
        tmpl.addPageTemplates([first, later])
        split = next((i for i, b in enumerate(doc.blocks) if b.kind == "heading"), 0)
        head_count = len(flowables(SampleDoc(doc.truth, doc.blocks[:split], doc.body_name, doc.running_header),
                                   layout, random.Random(0), st))
        story = [NextPageTemplate("cols"), *story[:head_count], FrameBreak(), *story[head_count:]]
    else:
        foot = 2 * cm + (2.0 * cm if any(b.kind == "note" for b in doc.blocks) else 0)
        tmpl.addPageTemplates([PageTemplate("one", [Frame(margin, foot, width - 2 * margin, height - 2 * cm - foot)])])
    tmpl.build(story, canvasmaker=canvasmaker)
    return buf.getvalue()
