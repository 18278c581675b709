"""From extracted text to a ``DocumentRecord``: metadata and citations (a pure function).

``build_record`` reads the header (caption) of the document for its own fields, the
resolutivos for the sentido, the whole text for citations, and never takes a value from a
quoted or cited document when the header has one. The record ``id`` is stable and readable:

* ``<garante>-<canonical expediente>`` slugified: ``"ivai-rev-275-2017-i"``, ``"inai-rra-1234-17"``;
* for a criterion, ``<garante>-criterio-<number>``: ``"inai-criterio-so-7-2019"``;
* otherwise ``"doc-"`` + the first 16 hex digits of the source's SHA-256 (of the text when
  the source hash is not given).
"""

from __future__ import annotations

import hashlib
import re

from corpus import citations, fields
from corpus import patterns as P
from corpus.criteria import (
    CriterionInfo,
    criterion_header,
    item_lines,
    parse_criterion,
    precedents_span,
)
from corpus.dates import resolution_date
from corpus.garantes import Registry, load_registry
from corpus.records import SAMPLE_MARKER, DocumentRecord, ExtractedText
from corpus.sections import find_sections, resolutivos_text, sentido


def slug(value: str) -> str:
    """Lower-case ASCII words joined by dashes: "IVAI-REV/275/2017/I" → "ivai-rev-275-2017-i"."""
    return re.sub(r"[^a-z0-9]+", "-", P.fold(value)).strip("-")


def record_id(garante: str | None, expediente: str | None, number: str | None, sha256: str) -> str:
    """The stable id rule (see the module docstring)."""
    if garante and number:
        return f"{slug(garante)}-criterio-{slug(number)}"
    if garante and expediente:
        exp = slug(expediente)
        prefix = slug(garante)
        return exp if exp.startswith(prefix + "-") else f"{prefix}-{exp}"
    return f"doc-{sha256[:16]}"


_REVISION_KINDS = {"REV", "RR", "RRA", "RRD", "RDA", "RIA", "RID"}


def make_title(
    doc_type: str,
    folded: str,
    text: str,
    header: int,
    expediente: str | None,
    sujeto: str | None,
    info: CriterionInfo | None,
) -> str:
    """A title fit for a result list: "Recurso de revisión IVAI-REV/275/2017/I — Sujeto"."""
    if doc_type == "criterio" and info is not None:
        return info.rubro or (f"Criterio {info.number}" if info.number else _first_line(text))
    if doc_type == "resolucion" and expediente:
        kind = re.split(r"[\s/-]+", expediente.upper())
        head = folded[:header]
        if "recurso de revision" in head or _REVISION_KINDS & set(kind):
            label = "Recurso de revisión"
        elif "denuncia" in head:
            label = "Denuncia"
        else:
            label = "Resolución"
        return f"{label} {expediente}" + (f" — {sujeto}" if sujeto else "")
    return _first_line(text)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"[#*_>]+", " ", line)
        line = re.sub(r"\s+", " ", line).strip()
        if (
            len(line) >= 4
            and SAMPLE_MARKER not in line
            and not re.fullmatch(r"[\d\s/.-]+|p[aá]gina.*", line, re.I)
        ):
            return line[:160]
    return ""


def build_record(
    extracted: ExtractedText,
    *,
    garante: str | None = None,
    registry: Registry | None = None,
    source_path: str | None = None,
    source_sha256: str | None = None,
) -> DocumentRecord:
    """Parse the metadata and citations of one document (see the module docstring).

    ``garante`` (a key or alias of the registry) overrides the body found in the text; an
    unknown one raises ``ValueError``.
    """
    registry = registry or load_registry()
    text = extracted.text
    f = P.fold(text)
    warnings: list[str] = []
    sha = source_sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()

    sections = find_sections(text, folded=f)
    first_page = extracted.pages[0].text if extracted.pages else None
    header = fields.header_end(text, sections[0].start if sections else None, first_page)
    crit_head = criterion_header(text, folded=f)
    dtype = fields.doc_type(f, header, [s.name for s in sections], crit_head is not None)

    exp = (
        fields.own_expediente(
            text, f, registry, header, unlabelled=dtype in ("resolucion", "acuerdo")
        )
        if dtype != "criterio"
        else None
    )
    if exp is not None and not exp.known_format:
        warnings.append(f"expediente sin formato conocido: {exp.raw!r}")

    if garante is not None:
        body = registry.get(garante)
        if body is None:
            raise ValueError(f"Organismo garante desconocido: {garante!r}")
        key: str | None = body.key
    else:
        key = fields.detect_garante(text, f, registry, header, exp.garante if exp else None)
    body = registry.garantes.get(key) if key else None

    info = parse_criterion(text, registry, garante=key, folded=f) if dtype == "criterio" else None
    date_text, date_fold = text, f
    if info is not None:
        date_fold = _mask_precedents(text, f, registry)
    date = resolution_date(date_text, folded=date_fold, header_end=header)

    sujeto = ponente = folio = None
    sent: list[str] = []
    if dtype != "criterio":
        sujeto = fields.sujeto_obligado(text, f, header)
        ponente = fields.ponente(text, f, header) if dtype in ("resolucion", "acuerdo") else None
        folio = fields.folio(text, f, header)
    if dtype in ("resolucion", "acuerdo"):
        sent = sentido(resolutivos_text(text, sections, folded=f))

    own_law = fields.law_title(f, registry) if dtype == "ley" else None
    default_law = (
        body.state_law
        if body is not None and dtype in ("resolucion", "acuerdo", "criterio")
        else None
    )
    number = info.number if info else None
    own_criterion = f"{key} {number}" if key and number else None
    record = DocumentRecord(
        id=record_id(key, exp.canonical if exp else None, number, sha),
        garante=key,
        state=body.state if body else None,
        doc_type=dtype,
        expediente=exp.canonical if exp else None,
        expediente_raw=exp.raw if exp else None,
        date=date.isoformat() if date else None,
        year=date.year if date else None,
        sujeto_obligado=sujeto,
        ponente=ponente,
        folio=folio,
        sentido=sent,
        title=make_title(dtype, f, text, header, exp.canonical if exp else None, sujeto, info),
        text=text,
        sections=sections,
        cites_criteria=citations.cited_criteria(
            text, registry, own_garante=key, exclude=[own_criterion or ""], folded=f
        ),
        cites_expedientes=citations.cited_expedientes(
            text, registry, exclude=[exp.canonical, *exp.variants] if exp else []
        ),
        cites_articles=citations.cited_articles(
            text,
            registry,
            default_law=default_law,
            own_law=own_law,
            folded=_without_page_heads(extracted, f, registry),
        ),
        source_path=source_path or extracted.source,
        source_sha256=source_sha256,
        extraction={
            "format": extracted.format,
            "pages": len(extracted.pages),
            "methods": extracted.methods,
            "warnings": [*extracted.warnings, *warnings],
        },
        is_sample=SAMPLE_MARKER in text,
    )
    if info is not None:
        record.number = info.number
        record.rubro = info.rubro
        record.precedentes = list(info.precedentes)
        record.vigencia = info.vigencia
        record.superseded_by = info.superseded_by
    return record


def _mask_precedents(text: str, folded: str, registry: Registry) -> str:
    """The folded text with a criterion's precedents blanked: their dates are not its date."""
    spans = []
    span = precedents_span(text, folded=folded)
    if span is not None and citations.expediente_matches(text[span[0] : span[1]], registry):
        spans.append(span)
    for end, _canonical in item_lines(text, folded, registry):
        para = re.search(r"\n[ \t]*\n", folded[end : end + 400])
        spans.append((end, end + (para.start() if para else 400)))
    out = list(folded)
    for a, b in spans:
        out[a:b] = " " * (min(b, len(out)) - a)
    return "".join(out)


_PAGE_HEAD_LINES = 2  # lines at the top of a page that may be a running header left in the text


def _without_page_heads(extracted: ExtractedText, folded: str, registry: Registry) -> str:
    """The folded text with running-header lines at page tops blanked (same length).

    A header left at the top of page 2 ("Expediente: IVAI-DOF/3/2020/II") can split a sentence
    ("… fracción I, de | Expediente: … | la LGTAIP"); citations are read across it.
    """
    out = list(folded)
    pos = 0
    starts: list[int] = []
    for page in (p for p in extracted.pages if p.text):
        starts.append(pos)
        pos += len(page.text) + 2
    for start in starts[1:]:
        line_start = start
        for _ in range(_PAGE_HEAD_LINES):
            nl = folded.find("\n", line_start)
            line_end = len(folded) if nl == -1 else nl
            line = folded[line_start:line_end]
            if (
                len(line) <= 120
                and "articulo" not in line
                and (
                    citations.expediente_matches(line, registry)
                    or P.garante_names(registry).search(line)
                    or re.fullmatch(r"\s*(?:pagina|hoja)?\s*\d+\s*(?:de\s+\d+)?\s*", line)
                )
            ):
                out[line_start:line_end] = " " * (line_end - line_start)
            line_start = line_end + 1
            while line_start < len(folded) and folded[line_start] == "\n":
                line_start += 1
    return "".join(out)
