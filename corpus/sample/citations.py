"""Citation phrases for the sample corpus, each recorded in its canonical form as written.

The composer never writes a law article, a criterion or another expediente except through
``Cites``, so the ground truth lists exactly what the text cites.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from corpus.sample.plan import Expediente, registry, render_expediente
from corpus.sample.topics import ArticleRef
from corpus.sample.vocab import INAI_CRITERIA, of_the, self_noun, the

# Short law names that are unambiguous in context, besides the registry's own names.
_LAW_EXTRA: dict[str, tuple[str, ...]] = {"LGTAIP": ("LGTAIP",), "LGPDPPSO": ("LGPDPPSO",)}


@dataclass
class Cites:
    """Accumulates what a document cites, in order of first mention, without duplicates."""

    own_expediente: str | None
    criteria: list[str] = field(default_factory=list)
    expedientes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)

    def add(self, kind: str, value: str) -> None:
        target = {"criteria": self.criteria, "expedientes": self.expedientes, "articles": self.articles}[kind]
        if kind == "expedientes" and value == self.own_expediente:
            raise ValueError("a document never cites its own expediente")
        if value not in target:
            target.append(value)


def law_name(rng: random.Random, abbr: str) -> str:
    names = registry().laws[abbr]
    if abbr == "LGTAIP":
        pool = (names[0], names[0], names[1], "Ley General", "LGTAIP")
        return rng.choice(pool)
    if abbr == "CPEUM":
        return rng.choice((names[0], names[0], names[1], names[2]))
    return rng.choice(names[: max(1, len(names))] + _LAW_EXTRA.get(abbr, ()))


def _article_number(rng: random.Random, abbr: str, art: int) -> str:
    if abbr == "CPEUM" and art < 10 and rng.random() < 0.6:
        return f"{art}o." if rng.random() < 0.5 else f"{art}°"
    return str(art)


def _fracciones(rng: random.Random, ref: ArticleRef) -> tuple[str, ...]:
    _, _, fracs = ref
    if not fracs:
        return ()
    roll = rng.random()
    if roll < 0.15:
        return ()
    if roll < 0.3 and len(fracs) > 1:
        picked = sorted(rng.sample(range(len(fracs)), 2))
        return tuple(fracs[i] for i in picked)
    return (rng.choice(fracs),)


def _one(rng: random.Random, art: str, fracs: tuple[str, ...]) -> str:
    if not fracs:
        return f"artículo {art}"
    if len(fracs) == 2:
        return f"artículo {art}, fracciones {fracs[0]} y {fracs[1]},"
    return rng.choice((f"artículo {art}, fracción {fracs[0]},", f"artículo {art} fracción {fracs[0]}",
                       f"artículo {art}, fracción {fracs[0]}"))


def article_phrase(rng: random.Random, cites: Cites, ref: ArticleRef, state_law: str,
                   partner: ArticleRef | None = None) -> str:
    """"artículo 113, fracción V, de la Ley General ..." (and records "LGTAIP 113 V")."""
    abbr = state_law if ref[0] == "E" else ref[0]
    fracs = _fracciones(rng, ref)
    art = _article_number(rng, abbr, ref[1])
    law = law_name(rng, abbr)
    for f in fracs or ("",):
        cites.add("articles", f"{abbr} {ref[1]} {f}".strip())
    if partner is not None and (partner[0] == ref[0]) and partner[1] != ref[1]:
        pfr = _fracciones(rng, partner)
        for f in pfr or ("",):
            cites.add("articles", f"{abbr} {partner[1]} {f}".strip())
        second = f"el diverso {partner[1]}" + (f", fracción {pfr[0]}," if len(pfr) == 1 else
                                              f", fracciones {pfr[0]} y {pfr[1]}," if pfr else "")
        return f"{_one(rng, art, fracs).rstrip(',')}, en relación con {second.rstrip(',')}, ambos de la {law}"
    if len(fracs) == 1 and rng.random() < 0.2:
        return f"la fracción {fracs[0]} del artículo {art} de la {law}"
    text = _one(rng, art, fracs)
    return f"{text} de la {law}"


def inai_criterion_phrase(rng: random.Random, cites: Cites, canonical: str | None = None,
                          year: int = 2025, extinct: bool = False) -> str:
    """A citation of an INAI criterion ("Criterio 03/17", "SO/007/2019") issued by ``year``;
    ``extinct`` (after the 2025 reform) speaks of "el extinto INAI"."""
    issued = [c for c in INAI_CRITERIA if int(c[1].rsplit("/", 1)[1]) <= year] or [INAI_CRITERIA[0]]
    options = [c for c in issued if canonical is None or c[1] == canonical] or issued
    number, canon, rubro = rng.choice(options)
    cites.add("criteria", canon)
    if not number.startswith("SO") and rng.random() < 0.3:
        n, yy = number.split("/")
        number = f"{int(n)}/20{yy}"
    full = "Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales"
    if extinct:
        issuer = rng.choice(("del entonces INAI", "emitido por el extinto INAI", f"emitido por el Pleno del extinto {full}"))
    else:
        issuer = rng.choice((f"emitido por el Pleno del {full}", f"del {full}", "del INAI", "emitido por el INAI"))
    form = rng.random()
    if form < 0.5:
        return f"criterio {number} {issuer}, cuyo rubro es: “{rubro}”"
    if form < 0.8:
        return f"Criterio {number} {issuer}, de rubro «{rubro.upper()}»"
    return f"criterio de interpretación {number} {issuer}"


def body_criterion_phrase(rng: random.Random, cites: Cites, garante: str, citing: str,
                          number: tuple[int, int], rubro: str | None = None) -> str:
    """A citation of a body's own criterion, by this body or another one."""
    n, year = number
    cites.add("criteria", f"{garante} {n}/{year}")
    written = f"{n:02d}/{year}" if rng.random() < 0.5 else f"{n}/{year}"
    if garante == citing:
        own = self_noun(citing)
        who = rng.choice((f"de {own}", f"emitido por el Pleno de {own}", "de este órgano garante"))
    else:
        full = registry().garantes[garante].name
        who = rng.choice((f"{of_the(full)[: -len(full)]}{garante}", f"emitido por {the(full)} {full} ({garante})"))
    tail = f", de rubro “{rubro}”" if rubro and rng.random() < 0.6 else ""
    return f"criterio {written} {who}{tail}"


def expediente_phrase(rng: random.Random, cites: Cites, exp: Expediente, citing: str) -> str:
    """A citation of another expediente (own body, another body, or INAI)."""
    cites.add("expedientes", exp.canonical)
    raw = render_expediente(exp, rng)
    if exp.garante == "INAI":
        return rng.choice((f"el recurso {raw} del entonces INAI",
                           f"el recurso de revisión {raw}, resuelto por el Instituto Nacional",
                           f"el expediente {raw} del INAI"))
    if exp.garante == citing:
        return rng.choice((f"el expediente {raw}", f"el recurso de revisión {raw}", f"el expediente {raw} de {self_noun(citing)}"))
    name = registry().garantes[exp.garante]
    short = f"{of_the(name.name)[: -len(name.name)]}{exp.garante}"
    return rng.choice((f"el expediente {raw} {short}", f"el recurso {raw} resuelto por {the(name.name)} {name.name}"))
