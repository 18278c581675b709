"""Sections of a resolution (antecedentes, considerandos, resolutivos) and its sentido.

Headings are lines of their own, in capitals or title case, letter-spaced or not
("R E S U L T A N D O S", "Considerandos", "PUNTOS RESOLUTIVOS", "SE RESUELVE", "Por lo
expuesto y fundado, se: R E S U E L V E"). A heading followed by almost nothing before the next
one (a table of contents) is skipped for a later one. The sentido is read from the resolutivos
only, verb by verb, skipping negated mentions ("no ha lugar a sobreseer") and the orders that
are not a ruling on the sujeto obligado ("se ordena notificar", "archívese").
"""

from __future__ import annotations

import re

from corpus import patterns as P
from corpus.records import SENTIDOS, Section

_MIN_BODY = 60  # chars a section needs to be more than a table-of-contents line


def find_sections(text: str, *, folded: str | None = None) -> list[Section]:
    """The antecedentes/considerandos/resolutivos sections, in text order, as offsets."""
    f = folded if folded is not None else P.fold(text)
    candidates: list[tuple[int, int, str, str]] = []  # (start, heading end, name, heading)
    for name, pattern in P.SECTION_HEADINGS:
        for m in pattern.finditer(f):
            candidates.append(
                (m.start("heading"), m.end(), name, text[m.start("heading") : m.end("heading")])
            )
    candidates.sort()
    chosen: list[tuple[int, int, str, str]] = []
    for i, cand in enumerate(candidates):
        if any(c[2] == cand[2] for c in chosen):
            continue
        if chosen and cand[0] < chosen[-1][1]:
            continue
        nxt = candidates[i + 1][0] if i + 1 < len(candidates) else len(text)
        if len(text[cand[1] : nxt].strip()) < _MIN_BODY and i + 1 < len(candidates):
            continue  # a table of contents, or a heading repeated on the next line
        if chosen and SECTION_ORDER[cand[2]] < SECTION_ORDER[chosen[-1][2]]:
            continue
        chosen.append(cand)
    sections: list[Section] = []
    for i, (start, _head_end, name, heading) in enumerate(chosen):
        end = chosen[i + 1][0] if i + 1 < len(chosen) else len(text)
        sections.append(Section(name=name, heading=heading.strip(" \t*_:."), start=start, end=end))
    return sections


SECTION_ORDER = {"antecedentes": 0, "considerandos": 1, "resolutivos": 2}


def _positive(f: str, m: re.Match[str], name: str) -> bool:
    """Whether a sentido verb in the resolutivos is a ruling, not a negation or an aside."""
    clause_start = max(f.rfind(c, 0, m.start()) for c in ".;\n:")
    before = f[max(clause_start + 1, m.start() - 90) : m.start()]
    if P.SENTIDO_NEGATION.search(before):
        return False
    if name == "ordena" and P.SENTIDO_NOT_ORDER.match(f, m.start()):
        return False
    if m.group(0).endswith("miento"):  # a noun: "se decreta el sobreseimiento", not "causal de …"
        return bool(P.SENTIDO_NOUN_OK.search(before))
    return bool(P.SENTIDO_RULING.search(before))


def sentido(resolutivos: str) -> list[str]:
    """The sentido of a resolution from its resolutivos text (canonical order; ["otro"] if none)."""
    f = P.fold(resolutivos)
    closing = P.VOTE_CLOSING.search(f)
    if closing:
        f = f[: closing.start()]  # "Así lo resolvieron…": names, not rulings
    found = {
        name
        for name, pattern in P.SENTIDO_VERBS
        for m in pattern.finditer(f)
        if _positive(f, m, name)
    }
    return [s for s in SENTIDOS if s in found] or ["otro"]


def resolutivos_text(text: str, sections: list[Section], *, folded: str | None = None) -> str:
    """The resolutivos section; with no heading found (or one OCR garbled, "RESUEEVE"), the
    text after the last "resuelve", else from the last point "PRIMERO."/"ÚNICO." on (the
    considerandos are numbered the same way, but come before)."""
    for s in sections:
        if s.name == "resolutivos":
            return text[s.start : s.end]
    f = folded if folded is not None else P.fold(text)
    hits = list(P.RESUELVE_WORD.finditer(f))
    if hits:
        return text[hits[-1].end() :]
    firsts = list(P.FIRST_POINT.finditer(f))
    return text[firsts[-1].start() :] if firsts else ""
