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
    """The criterion number line near the top ("Criterio 03/17", "Clave de control: SO/007/2019")."""
    f = folded if folded is not None else P.fold(text)
    return P.CRITERION_HEADER.search(f[:limit])


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
    rubro = _clean(text[rubro_span[0] : rubro_span[1]]) if rubro_span else None
    body = (
        _clean(
            text[text_span[0] : min(text_span[1], tail if tail > text_span[0] else text_span[1])]
        )
        if text_span
        else None
    )
    if rubro is None:
        # INAI style: the rubro is the first sentence after the number, the text the rest.
        start = max(
            [
                body_start,
                *(lab[2] for lab in labels if lab[1] < tail and lab[0] not in ("rubro", "texto")),
            ]
        )
        chunk = text[start:tail].strip()
        first = re.search(r"\.\s", chunk)
        if first:
            rubro = _clean(chunk[: first.start()])
            body = body or _clean(chunk[first.end() :])
        elif chunk:
            rubro = _clean(chunk)

    precedentes = _precedentes(text, f, labels, registry)
    vigencia, superseded = _vigencia(text, f, registry, garante)
    return CriterionInfo(number, rubro or None, body or None, precedentes, vigencia, superseded)


def _precedentes(
    text: str, f: str, labels: list[tuple[str, int, int]], registry: Registry
) -> tuple[Precedent, ...]:
    span = _labelled(text, labels, ("precedentes", "precedente", "resoluciones", "antecedentes"))
    if span is None:
        return ()
    start, end = span
    # the list ends where a later non-precedent label starts (vigencia, nota…)
    for label, lab_start, _ in labels:
        if lab_start > start and label in ("vigencia", "estado", "nota", "observaciones", "epoca"):
            end = min(end, lab_start)
            break
    block = text[start:end]
    hits = citations.expediente_matches(block, registry)
    out: list[Precedent] = []
    for i, (s, _e, _key, canonical, _raw) in enumerate(hits):
        item_end = hits[i + 1][0] if i + 1 < len(hits) else len(block)
        # the item starts at its bullet (which may hold "Acceso a la información pública.")
        item = re.sub(r"\s+", " ", block[s:item_end])
        if any(p.expediente == canonical for p in out):
            continue
        out.append(Precedent(canonical, _precedent_sujeto(item, _raw), _precedent_ponente(item)))
    return tuple(out)


_SKIP_SENTENCE = re.compile(
    r"^(?:sesion|votacion|por\s+(?:unanimidad|mayoria)|aprobad|sin\s+votos|\d{1,2}\s+de\s+\w+|"
    r"comisionad|ponente|acceso\s+a\s+la\s+informacion|proteccion\s+de\s+datos|fecha)"
)


def _precedent_sujeto(item: str, raw: str) -> str | None:
    m = P.PRECEDENT_SUJETO.search(P.fold(item))
    if m:
        return _clean(item[m.start("value") : m.end("value")]) or None
    # "RRA 2959/16. Secretaría de Gobernación. 23 de noviembre de 2016. …"
    rest = item[len(raw) :] if item.startswith(raw) else item
    for sentence in re.split(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])\.\s+", rest.strip(" .;,")):
        s = sentence.strip(" .;,")
        if not s:
            continue
        if _SKIP_SENTENCE.match(P.fold(s)):
            continue
        return _clean(s) or None
    return None


def _precedent_ponente(item: str) -> str | None:
    m = P.PRECEDENT_PONENTE.search(P.fold(item))
    if not m:
        return None
    return _clean(item[m.start("value") : m.end("value")]) or None


def _vigencia(text: str, f: str, registry: Registry, garante: str | None) -> tuple[str, str | None]:
    m = P.VIGENCIA_HISTORIC.search(f)
    if not m:
        return "vigente", None
    sup = P.SUPERSEDED_BY.search(f)
    superseded = None
    if sup:
        attributed = garante or "INAI"
        after = P.garante_names(registry).search(f[sup.end() : sup.end() + 80])
        if after and after.lastgroup:
            attributed = P.garante_of_group(registry, after.lastgroup)
        number = citations.criterion_number(
            sup.group("s_prefix"), sup.group("s_number"), sup.group("s_year")
        )
        superseded = f"{attributed} {number}"
    return "historico", superseded
