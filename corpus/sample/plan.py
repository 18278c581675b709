"""Planning the sample corpus: which body, type, date, expediente, sujeto, ponente and topic
each document gets, before any text is written. Deterministic for a seed.

Expedientes are drawn per body in the formats of ``corpus/data/garantes.toml`` and checked
against the registry's own patterns, so every expediente the generator writes is one the
registry recognises, with the canonical form the registry computes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from corpus.garantes import Garante, Registry, load_registry
from corpus.sample.spanish import slug
from corpus.sample.topics import TOPICS
from corpus.sample.vocab import FIRST_F, FIRST_M, SUJETOS, SURNAMES

BODIES: tuple[str, ...] = ("IVAI", "ITAIP", "COTAIPEC", "ITAIPCH", "INAIP", "IDAIPQROO")
BODY_WEIGHTS = (30, 20, 8, 15, 15, 12)
YEARS = tuple(range(2015, 2026))
YEAR_WEIGHTS = (5, 6, 8, 9, 10, 9, 10, 11, 12, 12, 8)
PERIODS = ((2015, 2018), (2019, 2022), (2023, 2025))
# Expediente kinds per document kind and body (the body's own abbreviations).
KINDS = {
    "recurso": {"IVAI": "REV", "INAI": "RRA"},
    "denuncia": {"IVAI": "DOF", "INAI": "RRA"},
}
REFORM_DATE = date(2025, 3, 21)


@dataclass(frozen=True)
class Person:
    name: str
    female: bool
    ponencia: str


@dataclass(frozen=True)
class Expediente:
    """An expediente's identity; ``variant`` picks its padding and spacing when written."""

    garante: str
    kind: str
    number: int
    year: int
    ponencia: str | None
    canonical: str


@dataclass
class DocSpec:
    """Everything decided about a document before composing it."""

    index: int
    garante: str
    kind: str  # recurso | denuncia | acuerdo | criterio
    when: date
    topic: str
    sentido: tuple[str, ...] = ()
    expediente: Expediente | None = None
    sujeto: tuple[str, str] | None = None
    ponente: Person | None = None
    folio: str | None = None
    criterion_number: tuple[int, int] | None = None
    fmt: str = "record"
    layout: str = "record"
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def doc_type(self) -> str:
        return {"recurso": "resolucion", "denuncia": "resolucion"}.get(self.kind, self.kind)


@lru_cache(maxsize=16)
def ponentes(garante: str, period: int) -> tuple[Person, ...]:
    """The (invented) commissioners of a body in one period, one per ponencia."""
    g = registry().garantes[garante]
    rng = random.Random(f"ponentes:{garante}:{period}")
    people = []
    for ponencia in g.ponencias or ("I", "II", "III"):
        female = rng.random() < 0.5
        first = rng.choice(FIRST_F if female else FIRST_M)
        people.append(Person(f"{first} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}", female, ponencia))
    return tuple(people)


def period_of(year: int) -> int:
    return next(i for i, (a, b) in enumerate(PERIODS) if a <= year <= b)


def registry() -> Registry:
    return load_registry()


def render_expediente(exp: Expediente, rng: random.Random) -> str:
    """Write an expediente the way documents do: varied zero padding and separators."""
    pad = rng.random() < 0.45
    width = 4 if rng.random() < 0.7 else 5 if exp.garante == "INAI" else 3
    num = f"{exp.number:0{width}d}" if pad else str(exp.number)
    k, y, p = exp.kind, exp.year, exp.ponencia
    r = rng.random()
    if exp.garante == "IVAI":
        head = "IVAI-" if r < 0.85 else "IVAI - " if r < 0.93 else "IVAI "
        return f"{head}{k}/{num}/{y}" + (f"/{p}" if p else "")
    if exp.garante == "ITAIP":
        pre = "" if r < 0.8 else "ITAIP-"
        ponencia = "" if not p else (f"-{p}" if rng.random() < 0.85 else f"-{p[0]} {p[1:]}")
        return f"{pre}{k}/DAI/{num}/{y}{ponencia}"
    if exp.garante in ("COTAIPEC", "ITAIPCH"):
        sep = "/" if r < 0.75 else "-"
        return f"{exp.garante}{sep}{k}{sep}{num}{sep}{y}"
    if exp.garante == "INAIP":
        pre = "" if r < 0.7 else "INAIP/"
        return f"{pre}{k}/{num}/{y}/INAIP"
    if exp.garante == "IDAIPQROO":
        return f"{k}/{num}/{y}/IDAIPQROO" + (f"/{p}" if p else "")
    # INAI: "RRA 1234/19"
    return f"{k} {num}/{y % 100:02d}" if rng.random() < 0.85 else f"{k}{num}/{y % 100:02d}"


def canonical_of(garante: str, raw: str) -> str:
    """The registry's canonical form of ``raw``; raise if no pattern of the body matches."""
    g: Garante = registry().garantes[garante]
    for fmt in g.expediente_formats:
        m = fmt.pattern.search(raw)
        if m:
            return fmt.canonical(m)
    raise ValueError(f"expediente de muestra sin patrón: {garante} {raw!r}")


def make_expediente(garante: str, kind: str, number: int, year: int, ponencia: str | None) -> Expediente:
    """Build an expediente and compute its canonical form through the registry."""
    probe = Expediente(garante, kind, number, year, ponencia, "")
    raw = render_expediente(probe, random.Random(0))
    return Expediente(garante, kind, number, year, ponencia, canonical_of(garante, raw))


def expediente_kind(garante: str, kind: str) -> str:
    if garante == "IVAI":
        return "DOF" if kind == "denuncia" else "REV"
    if garante == "INAI":
        return "RRA"
    return "DI" if kind == "denuncia" else "RR"


def folio_for(rng: random.Random, garante: str, when: date) -> str:
    """A PNT/Infomex request folio: 15 digits since 2021, older Infomex shapes before."""
    state_code = {"IVAI": "30", "ITAIP": "27", "COTAIPEC": "04", "ITAIPCH": "07", "INAIP": "31", "IDAIPQROO": "23"}
    code = state_code.get(garante, "33")
    yy = when.year % 100
    if when.year >= 2021:
        return f"{code}{rng.randrange(10000, 99999)}{rng.randrange(0, 999999):06d}{yy:02d}"
    if rng.random() < 0.5:
        return f"{rng.randrange(0, 999999):06d}{yy:02d}"
    return f"{code}{rng.randrange(10000, 99999)}{rng.randrange(0, 999999):06d}{yy:02d}"[:13]


def spec_for(
    index: int, rng: random.Random, garante: str, kind: str, when: date, counters: dict[tuple[str, str, int], int]
) -> DocSpec:
    """Decide one document's metadata (no text yet)."""
    topic = rng.choice(TOPICS)
    if kind == "denuncia":
        topic = next(t for t in TOPICS if t.slug == "obligaciones-de-transparencia")
    elif kind == "acuerdo":
        topic = next(t for t in TOPICS if t.slug == "cumplimiento")
    spec = DocSpec(index, garante, kind, when, topic.slug)
    people = ponentes(garante, period_of(when.year))
    spec.sujeto = rng.choice(SUJETOS[registry().garantes[garante].state])
    if kind == "criterio":
        key = (garante, "criterio", when.year)
        counters[key] = counters.get(key, 0) + 1
        spec.criterion_number = (counters[key], when.year)
        spec.sujeto = None
        return spec
    person = rng.choice(people)
    ek = expediente_kind(garante, kind)
    exp_year = when.year - 1 if kind == "acuerdo" and when.month < 7 and when.year > 2015 else when.year
    key = (garante, ek, exp_year)
    counters[key] = counters.get(key, 0) + rng.randrange(1, 4)
    with_ponencia = garante in ("IVAI", "ITAIP") or (garante == "IDAIPQROO" and index % 2 == 0)
    spec.expediente = make_expediente(garante, ek, counters[key], exp_year, person.ponencia if with_ponencia else None)
    if kind == "recurso":
        spec.ponente = person
        spec.folio = folio_for(rng, garante, when)
        weights = (0.6, 0.3, 0.1)[: len(topic.sentidos)]
        spec.sentido = rng.choices(topic.sentidos, weights=weights)[0]
        if topic.slug != "sobreseimiento" and rng.random() < 0.12:
            spec.sentido = rng.choice((("sobresee",), ("desecha",)))
    elif kind == "denuncia":
        spec.ponente = person
        spec.sentido = rng.choices((("ordena",), ("otro",), ("desecha",), ("sobresee",)), weights=(5, 3, 1, 1))[0]
    else:  # acuerdo de cumplimiento
        spec.sentido = rng.choice((("otro",), ("ordena",)))
    return spec


def random_date(rng: random.Random, year: int) -> date:
    start = date(year, 1, 8)
    end = date(year, 12, 15) if year < 2025 else date(2025, 11, 28)
    d = start + timedelta(days=rng.randrange((end - start).days))
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def expediente_slug(garante: str, canonical: str) -> str:
    return slug(f"{garante}-{canonical}")
