"""Citations in a text: criteria, expedientes and law articles, as canonical strings.

* Criteria: ``"INAI 3/2017"``, ``"INAI SO/7/2019"``, ``"IVAI 2/2018"``. The body is the one named
  right after the number ("… emitido por el INAI"), the document's own body for "de este
  Instituto"; otherwise INAI for its own styles (``SO/…`` and two-digit years such as
  "Criterio 03/17"), else the document's own body (INAI when that is unknown).
* Expedientes: every registry format, canonical (``"IVAI-REV/275/2017/I"``, ``"RRA 1234/19"``).
* Articles: ``"LGTAIP 113 V"`` — law abbreviation, article, fracción when given; one string per
  fracción. The law is the one named after the list ("de la Ley General de Transparencia",
  "de la LGTAIP", "constitucional"); "de la misma ley" and an article with no law named take
  the last law named in the same paragraph, else the document's default law (its body's state
  law, see ``metadata``). An article of a law the registry does not know (a reglamento, a
  state constitution, "Estatuto de MORENA") is left out rather than guessed.
Lists keep first-seen order without duplicates; ``exclude`` drops the document's own keys.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from corpus import patterns as P
from corpus.garantes import ExpedienteFormat, Registry


def dedupe(items: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """First-seen order without duplicates, without any of ``exclude``."""
    skip = {e for e in exclude if e}
    out: list[str] = []
    for item in items:
        if item not in skip and item not in out:
            out.append(item)
    return out


# --- expedientes ---------------------------------------------------------------------------


def expediente_matches(text: str, registry: Registry) -> list[tuple[int, int, str, str, str]]:
    """Every expediente in ``text``: (start, end, garante key, canonical, raw), non-overlapping."""
    found: list[tuple[int, int, str, str, str]] = []
    for key, g in registry.garantes.items():
        for fmt in g.expediente_formats:
            for m in fmt.pattern.finditer(text):
                found.append((m.start(), m.end(), key, fmt.canonical(m), m.group(0)))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str, str, str]] = []
    last_end = -1
    for item in found:
        if item[0] >= last_end:
            out.append(item)
            last_end = item[1]
    return out


def match_expediente(value: str, registry: Registry) -> tuple[str, str, str] | None:
    """The first expediente in a short string: (garante key, canonical, raw), or None."""
    hits = expediente_matches(value, registry)
    return (hits[0][2], hits[0][3], hits[0][4]) if hits else None


def canonical_with(fmt: ExpedienteFormat, value: str) -> str | None:
    m = fmt.pattern.search(value)
    return fmt.canonical(m) if m else None


def cited_expedientes(text: str, registry: Registry, exclude: Iterable[str] = ()) -> list[str]:
    """Canonical expedientes cited in ``text``, first-seen, without ``exclude``.

    An expediente that is one of ``exclude`` without its ponencia ("IVAI-REV/3/2025" for
    "IVAI-REV/3/2025/II") is the document's own, written short or cut by OCR: left out too.
    """
    own = [e for e in exclude if e]

    def is_own(canonical: str) -> bool:
        return any(
            e.startswith(canonical) and e[len(canonical) : len(canonical) + 1] in "/-" for e in own
        )

    return dedupe((m[3] for m in expediente_matches(text, registry) if not is_own(m[3])), own)


# --- criteria ------------------------------------------------------------------------------


def criterion_number(prefix: str | None, number: str, year: str) -> str:
    """Canonical criterion number: "3/2017", "SO/7/2019" (no padding, four-digit year)."""
    y = int(year)
    if len(year) == 2:
        y += 2000 if y < 80 else 1900
    core = f"{int(number)}/{y}"
    return f"{prefix.upper()}/{core}" if prefix else core


def _attribution(f: str, end: int, registry: Registry, own: str | None) -> str | None:
    """The body a criterion belongs to, from the words right after its number."""
    after = f[end : end + 160]
    if P.CRITERION_OWN.search(after):
        return own or None
    window = re.split(r"[.;]\s|\n\s*\n", after, maxsplit=1)[0][:140]
    m = P.garante_names(registry).search(window)
    if m and m.lastgroup:
        return P.garante_of_group(registry, m.lastgroup)
    return None


def cited_criteria(
    text: str,
    registry: Registry,
    *,
    own_garante: str | None = None,
    exclude: Iterable[str] = (),
    folded: str | None = None,
) -> list[str]:
    """Criteria cited in ``text`` as ``"<GARANTE> <number>"`` keys (see the module docstring)."""
    f = folded if folded is not None else P.fold(text)
    keys: list[tuple[int, str]] = []
    seen_spans: list[tuple[int, int]] = []

    def add(m: re.Match[str], attributed: str | None) -> None:
        prefix, number, year = m.group("prefix"), m.group("number"), m.group("year")
        if attributed is None:
            attributed = "INAI" if prefix or len(year) == 2 else own_garante or "INAI"
        keys.append((m.start(), f"{attributed} {criterion_number(prefix, number, year)}"))
        seen_spans.append((m.start(), m.end()))

    for m in P.CRITERION_REF.finditer(f):
        run = [P.CRITERION_NUM.match(f, m.start("first"))]
        pos = m.end()
        while True:  # "criterios 03/17 y 07/17"
            cont = P.CRITERION_LIST_CONT.match(f, pos)
            if not cont:
                break
            nxt = P.CRITERION_NUM.match(f, cont.end())
            if not nxt:
                break
            run.append(nxt)
            pos = nxt.end()
        attributed = _attribution(f, pos, registry, own_garante)
        for item in run:
            if item is not None:
                add(item, attributed)
    for m in P.SO_CRITERION.finditer(f):
        if any(s <= m.start() < e for s, e in seen_spans):
            continue
        add(m, _attribution(f, m.end(), registry, own_garante))
    keys.sort()
    return dedupe((k for _, k in keys), exclude)


# --- articles ------------------------------------------------------------------------------

_CONTEXT_CHARS = 600  # how far back "the law in context" of a bare article may be named
_MAX_RANGE = 40  # "artículos 63 a 80" is expanded; a longer span is taken as its ends only
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}


def roman_to_int(value: str) -> int:
    total = 0
    prev = 0
    for ch in reversed(value.lower()):
        v = _ROMAN_VALUES[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def int_to_roman(n: int) -> str:
    out = ""
    for v, s in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _fractions(fracs: str | None, original: str | None = None) -> list[str]:
    """Roman fracciones of a list: "i, ii y iv" → I, II, IV; "i a la v" → I to V.

    ``original`` is the same span as written: a lower-case "l" there is OCR's "I", while an
    upper-case "L" is fracción 50.
    """
    if not fracs:
        return []
    out: list[str] = []
    pending_range = False
    for m in P.ROMAN_SPLIT.finditer(fracs):
        written = original[m.start("a") : m.end("a")] if original else m.group("a")
        value = (written.replace("l", "I") if original else written).replace("1", "I").upper()
        if "L" in value and int_to_roman(roman_to_int(value)) != value:
            value = value.replace("L", "I")  # OCR's "IL" for "II": not a numeral
        if pending_range and out:
            lo, hi = roman_to_int(out[-1]), roman_to_int(value)
            if lo < hi <= lo + 40:
                out.extend(int_to_roman(n) for n in range(lo + 1, hi + 1))
            else:
                out.append(value)
        else:
            out.append(value)
        sep = (m.group("sep") or "").strip()
        pending_range = sep in ("a", "a la", "al")
    return out


def _article_number(raw: str) -> str:
    if re.fullmatch(r"[1-9]0\.", raw):  # OCR's "60." for "6o."
        return raw[0]
    m = re.match(r"(\d{1,3})\s?o?\b\.?\s*[ -]?(bis|ter|quater|quinquies)?", raw)
    if not m:
        return raw
    return m.group(1) + (f"-{m.group(2).capitalize()}" if m.group(2) else "")


class _LawResolver:
    """Which law an article list refers to, from the words after it (see the module docstring)."""

    def __init__(self, registry: Registry, default_law: str | None, own_law: str | None) -> None:
        self.registry = registry
        self.default_law = default_law
        self.own_law = own_law
        self.names = P.law_names(registry)

    def law_after(self, f: str, pos: int) -> tuple[str | None, bool, int]:
        """(law, explicit, end): explicit is False when no law was named after ``pos``."""
        window = f[pos : pos + 260]
        if (m := P.CONSTITUTIONAL.match(window)) is not None:
            return "CPEUM", True, pos + m.end()
        start = P.LAW_REF_START.match(window)
        rest = window[start.end() :] if start else window.lstrip(" ,")
        offset = pos + (start.end() if start else len(window) - len(rest))
        rest = re.sub(r"\s+", " ", rest[:240])
        if not start:
            return None, False, pos
        if P.SAME_LAW.match(rest):
            return None, False, offset
        if P.THIS_LAW.match(rest):
            return self.own_law or "", True, offset  # unknown own law: left out
        if P.LOCAL_LAW.match(rest):
            return self.default_law, True, offset
        if P.STATE_CONSTITUTION.match(rest):
            return "", True, offset
        named = self.names.match(f[offset : offset + 240].replace("\n", " "))
        if named and named.lastgroup:
            return P.law_of_group(self.registry, named.lastgroup), True, offset + named.end()
        if P.FEDERAL_CONSTITUTION.match(rest):
            return "CPEUM", True, offset
        if P.OTHER_LAW.match(rest):
            return "", True, offset  # a law the registry does not know
        return None, False, pos


def cited_articles(
    text: str,
    registry: Registry,
    *,
    default_law: str | None = None,
    own_law: str | None = None,
    folded: str | None = None,
) -> list[str]:
    """Law articles cited in ``text``: ``"LGTAIP 113 V"``, first-seen, one per fracción."""
    f = folded if folded is not None else P.fold(text)
    resolver = _LawResolver(registry, default_law, own_law)
    found: list[tuple[int, str]] = []
    last_law: tuple[int, int, str] | None = None  # (paragraph start, position, law named)
    headings = {m.start("art") for m in P.ARTICLE_HEADING.finditer(text)}

    breaks = [m.start() for m in re.finditer(r"\n\n", f)]

    def paragraph_start(pos: int) -> int:
        i = bisect.bisect_left(breaks, pos)
        return breaks[i - 1] if i else -1

    def context_law(pos: int) -> str | None:
        """The law named last in the same paragraph, not far back; else the default law."""
        para_start = paragraph_start(pos)
        if last_law and last_law[0] == para_start and pos - last_law[1] < _CONTEXT_CHARS:
            return last_law[2]
        return default_law

    def emit(pos: int, law: str | None, items: list[tuple[str, list[str]]]) -> None:
        if not law:
            return
        for num, fracs in items:
            if not fracs:
                found.append((pos, f"{law} {num}"))
            for fr in fracs:
                found.append((pos, f"{law} {num} {fr}"))

    # "fracciones I, II y IV del artículo 113 de la LGTAIP": fracciones before the article
    fracs_before = {
        m.start("art"): _fractions(m.group("fracs"), text[m.start("fracs") : m.end("fracs")])
        for m in P.FRACTION_BEFORE.finditer(f)
    }
    pos = 0
    covered_until = -1
    for start in P.ARTICLE_START.finditer(f):
        if start.start() < covered_until:
            continue
        if start.start() in headings:  # "Artículo 5. La presente Ley…" is not a citation
            continue
        items: list[tuple[str, list[str]]] = []
        pos = start.end()
        while True:
            item = P.ARTICLE_ITEM.match(f, pos)
            if not item:
                break
            quals = item.group("qual") or ""
            fracs: list[str] = []
            base = item.start("qual")
            for fm in re.finditer(r"fracci(?:on|ones)\s+" + P._FRAC_LIST, quals):
                span = text[base + fm.start("fracs") : base + fm.end("fracs")]
                fracs.extend(_fractions(fm.group("fracs"), span))
            if not items and start.start() in fracs_before:
                fracs = fracs_before[start.start()] + fracs
            items.append((_article_number(item.group("num")), fracs))
            pos = item.end()
            rng = P.ARTICLE_RANGE.match(f, pos)
            last = P.ARTICLE_ITEM.match(f, rng.end()) if rng else None
            if rng and last and items[-1][0].isdigit():
                lo, hi = int(items[-1][0]), int(_article_number(last.group("num")).split("-")[0])
                if lo < hi <= lo + _MAX_RANGE:  # "artículos 63 a 80"
                    items.extend((str(n), []) for n in range(lo + 1, hi + 1))
                    pos = last.end()
            sep = P.ARTICLE_LIST_SEP.match(f, pos)
            if not sep:
                break
            pos = sep.end()
        if not items:
            continue
        law, explicit, end = resolver.law_after(f, pos)
        covered_until = end
        if not explicit:
            law = context_law(start.start())
        elif law:
            last_law = (paragraph_start(start.start()), start.start(), law)
        emit(start.start(), law, items)
    found.sort(key=lambda x: x[0])
    return dedupe(k for _, k in found)
