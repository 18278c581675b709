"""A criterion of interpretation: number, rubro, text, precedentes, vigencia.

Handles the INAI styles ("Criterio 07/17" followed by the rubro as the first sentence, then
"Resoluciones:" with "RRA 2959/16. Secretaría de Gobernación. 23 de noviembre de 2016. Por
unanimidad. Comisionado Ponente …"; "Clave de control: SO/007/2019", "Precedentes: • Acceso a
la información pública. RRA 1234/17. Sesión del … Sujeto obligado: … Comisionada Ponente: …")
and labelled layouts ("Rubro:", "Texto:", "Precedentes:", "Vigencia:").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus import citations
from corpus import patterns as P
from corpus.fields import strip_honorific
from corpus.garantes import Registry
from corpus.records import Precedent


@dataclass(frozen=True)
class CriterionInfo:
    """What a criterion document says about itself."""

    number: str | None = None
    rubro: str | None = None
    text: str | None = None
    precedentes: tuple[Precedent, ...] = field(default_factory=tuple)
    vigencia: str | None = None
    superseded_by: str | None = None


def _clean(value: str) -> str:
    value = re.sub(r"[*_]{1,3}", "", value)
    return re.sub(r"\s+", " ", value).strip(" \t\n.:;-–—•")


def criterion_header(
    text: str, *, folded: str | None = None, limit: int = 1500
) -> re.Match[str] | None:
    """The criterion number line near the top ("Criterio 03/17", "Clave de control: SO/007/2019").

    A running header above the title repeats the number: the last line with that number wins.
    """
    f = folded if folded is not None else P.fold(text)
    found = list(P.CRITERION_HEADER.finditer(f[:limit]))
    if not found:
        return None

    def key(m: re.Match[str]) -> tuple[str, int, int]:
        return (
            (m.group("prefix") or "").upper(),
            int(m.group("number")),
            int(m.group("year")) % 100,
        )

    return [m for m in found if key(m) == key(found[0])][-1]


def _labels(f: str) -> list[tuple[str, int, int]]:
    """(label, label start, value start) of each criterion label, in order."""
    return [
        (re.sub(r"\s+", " ", m.group("label")), m.start("label"), m.end())
        for m in P.CRITERION_LABEL.finditer(f)
    ]


def _labelled(
    text: str, labels: list[tuple[str, int, int]], names: tuple[str, ...]
) -> tuple[int, int] | None:
    for i, (label, _start, value_start) in enumerate(labels):
        if label in names:
            end = labels[i + 1][1] if i + 1 < len(labels) else len(text)
            return value_start, end
    return None


_TAIL_LABELS = (
    "precedentes",
    "precedente",
    "resoluciones",
    "antecedentes",
    "vigencia",
    "estado",
    "nota",
    "observaciones",
)


def parse_criterion(
    text: str, registry: Registry, *, garante: str | None = None, folded: str | None = None
) -> CriterionInfo:
    """Parse a criterion document (see the module docstring); missing parts are None/empty."""
    f = folded if folded is not None else P.fold(text)
    head = criterion_header(text, folded=f)
    number = (
        citations.criterion_number(head.group("prefix"), head.group("number"), head.group("year"))
        if head
        else None
    )
    labels = [lab for lab in _labels(f) if not head or lab[1] >= head.start()]
    body_start = head.end() if head else 0
    tail = next(
        (lab[1] for lab in labels if lab[0] in _TAIL_LABELS and lab[1] > body_start), len(text)
    )

    rubro_span = _labelled(text, labels, ("rubro",))
    text_span = _labelled(text, labels, ("texto",))
    rubro: str | None = None
    body: str | None = None
    if rubro_span:
        rubro = _clean(_first_paragraph(text[rubro_span[0] : min(rubro_span[1], tail)]))
        after_rubro = rubro_span[0] + _paragraph_end(text[rubro_span[0] : rubro_span[1]])
    if text_span:
        body = _clean(text[text_span[0] : max(text_span[0], min(text_span[1], tail))])
    if rubro is None:
        # No "Rubro:" label: the first paragraph after the number (and any "Materia:" line) is
        # the rubro when it stands alone (a short or upper-case paragraph); otherwise, INAI
        # style, the rubro is its first sentence and the text the rest.
        start = body_start
        for label, lab_start, value_start in labels:
            if lab_start < tail and label not in ("rubro", "texto") and lab_start >= start - 1:
                nl = text.find("\n", value_start)
                start = max(start, nl if nl != -1 else value_start)
        chunk = text[start:tail].strip()
        para = _first_paragraph(chunk)
        while para and P.CRITERION_HEADER.fullmatch(P.fold(para)):  # a repeated title line
            chunk = chunk[len(para) :].strip()
            para = _first_paragraph(chunk)
        rest = chunk[len(para) :].strip()
        if para and (para.isupper() or (rest and len(para) <= 300)):
            rubro = _clean(para)
            body = body or _clean(rest)
        else:
            first = re.search(r"(?<![A-Z])\.\s", para)
            if first:
                rubro = _clean(para[: first.start()])
                body = body or _clean(chunk[first.end() :])
            elif para:
                rubro = _clean(para)
    elif body is None:
        body = _clean(text[after_rubro:tail]) if after_rubro < tail else None

    precedentes = _precedentes(text, f, labels, registry)
    vigencia, superseded = _vigencia(text, f, registry, garante)
    return CriterionInfo(number, rubro or None, body or None, precedentes, vigencia, superseded)


def _first_paragraph(value: str) -> str:
    value = value.strip()
    return value[: _paragraph_end(value)].strip()


def _paragraph_end(value: str) -> int:
    """Where the first paragraph of ``value`` ends (a blank line), leading blank lines skipped."""
    lead = len(value) - len(value.lstrip())
    m = re.search(r"\n[ \t]*\n", value[lead:])
    return lead + m.start() if m else len(value)


def precedents_span(text: str, *, folded: str | None = None) -> tuple[int, int] | None:
    """Where a criterion's list of precedents lies (its dates are not the criterion's)."""
    f = folded if folded is not None else P.fold(text)
    labels = _labels(f)
    span = _labelled(text, labels, ("precedentes", "precedente", "resoluciones"))
    if span is None:
        return None
    start, end = span
    for label, lab_start, _ in labels:
        if lab_start > start and label in ("vigencia", "estado", "nota", "observaciones", "epoca"):
            end = min(end, lab_start)
            break
    # the closing approval paragraph, when it follows the list directly
    closing = re.search(r"\n[ \t]*\n[^\n]{0,200}(?:aprobad|asi\s+lo|en\s+sesion)", f[start:end])
    if closing:
        end = start + closing.start()
    return start, end


def _precedentes(
    text: str, f: str, labels: list[tuple[str, int, int]], registry: Registry
) -> tuple[Precedent, ...]:
    """The precedents: under their label, as sentences, a table (rows or columns), or lines."""
    span = precedents_span(text, folded=f)
    found: list[Precedent] = []
    if span is not None:
        block = text[span[0] : span[1]]
        header = P.TABLE_HEADER.search(P.fold(block[:400]))
        if header is not None and "\n" not in header.group(0).strip():
            found = _row_table(block[header.end() :], registry)
        elif header is not None:
            # a table read column by column (PDF): expedientes, then sujetos, ponentes, dates
            end = _closing_after(f, span[0] + header.end())
            found = _column_table(text[span[0] + header.end() : end], registry)
        else:
            found = _items(
                block, [(h[1], h[3]) for h in citations.expediente_matches(block, registry)]
            )
    if not found and (table := P.TABLE_HEADER.search(f)) is not None:
        # a table whose "Precedentes" heading a PDF put after it (reading order)
        found = _column_table(text[table.end() : _closing_after(f, table.end())], registry)
    if not found:
        # no label before the list (reading order): precedent-like lines anywhere
        found = _items(text, item_lines(text, f, registry))
    return tuple(found)


def item_lines(text: str, f: str, registry: Registry) -> list[tuple[int, str]]:
    """(end, canonical) of expedientes that open a line, as precedent items do."""
    out = []
    for start, end, _key, canonical, _raw in citations.expediente_matches(text, registry):
        line_start = f.rfind("\n", 0, start) + 1
        if P.ITEM_PREFIX.fullmatch(f[line_start:start]):
            out.append((end, canonical))
    return out


def _items(block: str, hits: list[tuple[int, str]]) -> list[Precedent]:
    out: list[Precedent] = []
    for i, (end, canonical) in enumerate(hits):
        item_end = hits[i + 1][0] if i + 1 < len(hits) else len(block)
        # an item ends at a blank line, unless what follows is one of its labelled fields
        pieces = re.split(r"\n[ \t]*\n", block[end:item_end])
        after = pieces[0]
        for piece in pieces[1:]:
            if not P.ITEM_FIELD_LINE.match(P.fold(piece)):
                break
            after += "\n" + piece
        if not any(p.expediente == canonical for p in out):
            out.append(_precedent(after, canonical))
    return out


def _row_table(rows: str, registry: Registry) -> list[Precedent]:
    out: list[Precedent] = []
    for line in rows.splitlines():
        hit = citations.match_expediente(line, registry)
        if hit and not any(p.expediente == hit[1] for p in out):
            cells = [c.strip() for c in re.split(r"\t+|\s*\|\s*|[ ]{3,}", line) if c.strip()]
            rest = [c for c in cells if citations.match_expediente(c, registry) is None]
            out.append(_from_cells(hit[1], rest))
    return out


def _column_table(block: str, registry: Registry) -> list[Precedent]:
    exps: list[str] = []
    sujetos: list[str] = []
    people: list[str] = []
    for para in re.split(r"\n[ \t]*\n", block):
        value = _clean(P.TRAILING_DATE.sub("", para))
        folded = P.fold(value)
        if not value or P.CRITERION_LABEL.match("\n" + folded) or P.SKIP_SENTENCE.match(folded):
            continue
        hit = citations.match_expediente(value, registry)
        if hit:
            exps.append(hit[1])
        elif P.INSTITUTION.match(folded):
            sujetos.append(value)
        else:
            people.append(value)
    out: list[Precedent] = []
    for i, exp in enumerate(exps):
        sujeto = sujetos[i] if len(sujetos) == len(exps) else None
        person = people[i] if len(people) == len(exps) else None
        if not any(p.expediente == exp for p in out):
            out.append(Precedent(exp, sujeto, strip_honorific(person)))
    return out


def _from_cells(canonical: str, cells: list[str]) -> Precedent:
    cells = [c for c in cells if not P.SKIP_SENTENCE.match(P.fold(c))]
    sujeto = _clean(cells[0]) if cells else None
    person = _clean(cells[1]) if len(cells) > 1 else None
    return Precedent(canonical, sujeto or None, strip_honorific(person) or None)


def _closing_after(f: str, pos: int) -> int:
    m = re.search(r"\n[^\n]{0,80}(?:aprobad|asi\s+lo|en\s+sesion)", f[pos:])
    return pos + m.start() if m else len(f)


def _precedent(after: str, canonical: str) -> Precedent:
    """One precedent from the words after its expediente (labelled, a sentence list, or cells)."""
    # one labelled line per field ("Sujeto obligado: X\nPonente: Y"): each line ends its value
    flat = re.sub(r"\s+", " ", P.LINE_BEFORE_LABEL.sub(". ", after))
    folded = P.fold(flat)
    sujeto = ponente = None
    m = P.PRECEDENT_SUJETO.search(folded) or P.PRECEDENT_AGAINST.match(folded)
    if m is not None:
        sujeto = _clean(flat[m.start("value") : m.end("value")])
    if (m := P.PRECEDENT_PONENTE.search(folded)) is not None:
        ponente = _clean(flat[m.start("value") : m.end("value")])
    if sujeto is None or ponente is None:
        # "EXP — sujeto — ponente — fecha" (wrapped lines and all), or table cells
        dashed = "—" in after
        source = flat if dashed else after
        splitter = P.DASH_SPLIT if dashed else P.CELL_SPLIT
        cells = [
            c.strip(" .;,•") for c in splitter.split(source.strip(" \t.;,—")) if c.strip(" .;,•")
        ]
        if len(cells) >= 2 and not _looks_like_sentences(after):
            # a table row: expediente | sujeto obligado | ponente | fecha
            sujeto = sujeto or _clean(cells[0])
            if ponente is None and len(cells) >= 2 and not P.SKIP_SENTENCE.match(P.fold(cells[1])):
                ponente = _clean(cells[1])
        elif sujeto is None:
            # "RRA 2959/16. Secretaría de Gobernación. 23 de noviembre de 2016. …"
            for sentence in re.split(r"(?<!\b[A-Z])(?<!\bLic)\.\s+", flat.strip(" .;,")):
                candidate = sentence.strip(" .;,")
                if candidate and not P.SKIP_SENTENCE.match(P.fold(candidate)):
                    sujeto = _clean(candidate)
                    break
    return Precedent(canonical, sujeto or None, strip_honorific(ponente) or None)


def _looks_like_sentences(after: str) -> bool:
    return bool(re.search(r"[a-záéíóúñ]\.\s+[A-ZÁÉÍÓÚÑ]", after)) and "|" not in after


def _vigencia(text: str, f: str, registry: Registry, garante: str | None) -> tuple[str, str | None]:
    """ "vigente", or "historico" with the number of the criterion that superseded it (same body)."""
    m = P.VIGENCIA_HISTORIC.search(f)
    if not m:
        return "vigente", None
    sup = P.SUPERSEDED_BY.search(f)
    if not sup:
        return "historico", None
    number = citations.criterion_number(
        sup.group("s_prefix"), sup.group("s_number"), sup.group("s_year")
    )
    return "historico", number
