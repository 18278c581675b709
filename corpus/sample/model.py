"""The sample corpus's own document model: a list of blocks plus the ground truth.

Every renderer (PDF, scanned PDF, HTML, DOCX, plain records) reads the same blocks, so the
ground truth, which the composer writes while it writes the text, holds for every format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corpus.records import SAMPLE_MARKER, Section

SAMPLE_NOTE = "generado por el proyecto; no es una resolución real"
MARKER_LINE = f"{SAMPLE_MARKER} — {SAMPLE_NOTE}"


@dataclass(frozen=True)
class Block:
    """One unit of layout.

    kind: marker | masthead | title | field | heading | para | item | table | place_date |
    closing | sign. ``field`` has a ``label`` and ``text`` (its value) and ``inline`` says
    whether both share a line. A ``heading`` may open a section (``section``).
    """

    kind: str
    text: str = ""
    label: str = ""
    inline: bool = True
    section: str | None = None
    rows: tuple[tuple[str, ...], ...] = ()
    align: str = ""  # "right": a caption block set against the right margin


@dataclass
class Truth:
    """What the generator knows about one document: the expected parse."""

    garante: str
    state: str
    doc_type: str
    date: str
    year: int
    expediente: str | None = None
    expediente_raw: str | None = None
    sujeto_obligado: str | None = None
    ponente: str | None = None
    folio: str | None = None
    sentido: list[str] = field(default_factory=list)
    title: str = ""
    cites_criteria: list[str] = field(default_factory=list)
    cites_expedientes: list[str] = field(default_factory=list)
    cites_articles: list[str] = field(default_factory=list)
    number: str | None = None
    rubro: str | None = None
    precedentes: list[dict[str, str | None]] = field(default_factory=list)
    vigencia: str | None = None
    superseded_by: str | None = None
    # not parsed by corpus/, but useful for benchmarks and for checking analyzers
    topics: list[str] = field(default_factory=list)
    sujeto_obligado_kind: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class SampleDoc:
    """A composed document: blocks to render, what it says, and running header text."""

    truth: Truth
    blocks: list[Block]
    body_name: str
    running_header: str
    short: bool = False


def line_of(block: Block) -> str:
    """The plain-text form of a block (one or more lines)."""
    if block.kind == "field":
        sep = " " if block.inline else "\n"
        return f"{block.label}{sep}{block.text}" if block.label else block.text
    if block.kind == "table":
        return "\n".join(" | ".join(row) for row in block.rows)
    return block.text


def plain_text(blocks: list[Block]) -> tuple[str, list[Section]]:
    """Join the blocks into plain text and the sections as character offsets."""
    parts: list[str] = []
    pos = 0
    sections: list[Section] = []
    open_section: tuple[str, str, int] | None = None
    for block in blocks:
        text = line_of(block)
        if not text:
            continue
        if block.kind in ("heading", "closing", "sign") and (block.section or block.kind != "heading"):
            if open_section is not None and (block.section or block.kind in ("closing", "sign")):
                name, heading, start = open_section
                sections.append(Section(name, heading, start, max(start, pos - 2)))
                open_section = None
            if block.section:
                open_section = (block.section, block.text, pos)
        parts.append(text)
        pos += len(text) + 2
    if open_section is not None:
        name, heading, start = open_section
        sections.append(Section(name, heading, start, pos - 2))
    return "\n\n".join(parts), sections
