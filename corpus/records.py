"""The types that flow through ingestion: one type per arrow of the data flow.

file → ``ExtractedText`` (extract + clean) → ``DocumentRecord`` (metadata + citations).
Records are written as JSON lines; ``DocumentRecord.to_dict`` / ``from_dict`` are the only
(de)serialisers, so the JSON shape is defined here and nowhere else.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

PageMethod = Literal["text", "ocr", "html", "docx", "plain"]
DocType = Literal["resolucion", "criterio", "acuerdo", "ley", "otro"]

DOC_TYPES: tuple[str, ...] = ("resolucion", "criterio", "acuerdo", "ley", "otro")
SENTIDOS: tuple[str, ...] = ("confirma", "modifica", "revoca", "ordena", "sobresee", "desecha", "otro")
SECTION_NAMES: tuple[str, ...] = ("antecedentes", "considerandos", "resolutivos")
VIGENCIAS: tuple[str, ...] = ("vigente", "historico")

# Text that marks a generated sample document; the ingestion sets ``is_sample`` from it.
SAMPLE_MARKER = "DOCUMENTO DE MUESTRA"


@dataclass(frozen=True)
class PageText:
    """One page of extracted text, and how it was obtained."""

    number: int  # 1-based
    text: str
    method: PageMethod


@dataclass(frozen=True)
class ExtractedText:
    """Clean text of one source file, page by page (HTML and DOCX are one page)."""

    source: str
    format: str  # "pdf", "html", "docx", "txt"
    pages: tuple[PageText, ...]
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)

    @property
    def methods(self) -> list[str]:
        return [p.method for p in self.pages]


@dataclass(frozen=True)
class Section:
    """A section of a resolution, as character offsets into ``DocumentRecord.text``."""

    name: str  # one of SECTION_NAMES
    heading: str  # as written: "RESULTANDOS", "Considerandos", ...
    start: int
    end: int


@dataclass(frozen=True)
class Precedent:
    """A precedent listed under a criterion."""

    expediente: str
    sujeto_obligado: str | None = None
    ponente: str | None = None


@dataclass
class DocumentRecord:
    """One published document with its metadata and citations.

    ``id`` is stable: ``<garante>-<canonical expediente>`` slugified, or, for a criterion,
    ``<garante>-criterio-<number>``, or a content hash when neither is known.
    Citations are canonical strings:
      * ``cites_criteria``: ``"INAI 3/2017"``, ``"INAI SO/7/2019"``, ``"IVAI 2/2018"``;
      * ``cites_expedientes``: canonical expedientes, ``"IVAI-REV/275/2017/I"``, ``"RRA 1234/19"``;
      * ``cites_articles``: ``"LGTAIP 113 V"`` (law abbreviation, article, fracción when given).
    """

    id: str
    garante: str | None = None
    state: str | None = None
    doc_type: str = "otro"
    expediente: str | None = None
    expediente_raw: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd: the date of the resolution (or criterion)
    year: int | None = None
    sujeto_obligado: str | None = None
    ponente: str | None = None
    folio: str | None = None
    sentido: list[str] = field(default_factory=list)
    title: str = ""
    text: str = ""
    sections: list[Section] = field(default_factory=list)
    cites_criteria: list[str] = field(default_factory=list)
    cites_expedientes: list[str] = field(default_factory=list)
    cites_articles: list[str] = field(default_factory=list)
    source_path: str | None = None
    source_sha256: str | None = None
    extraction: dict[str, Any] = field(default_factory=dict)  # format, pages, methods, warnings
    is_sample: bool = False
    # criteria only
    number: str | None = None
    rubro: str | None = None
    precedentes: list[Precedent] = field(default_factory=list)
    vigencia: str | None = None
    superseded_by: str | None = None
    # filled by analyzers/ (topics and the normalised sujeto obligado)
    sujeto_obligado_canonical: str | None = None
    sujeto_obligado_kind: str | None = None
    topics: list[str] = field(default_factory=list)
    topic_evidence: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        known = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["sections"] = [
            s if isinstance(s, Section) else Section(**s) for s in values.get("sections") or []
        ]
        values["precedentes"] = [
            p if isinstance(p, Precedent) else Precedent(**p)
            for p in values.get("precedentes") or []
        ]
        return cls(**values)

    def section_text(self, name: str) -> str:
        """The text of the first section called ``name`` ("" when absent)."""
        for s in self.sections:
            if s.name == name:
                return self.text[s.start : s.end]
        return ""
