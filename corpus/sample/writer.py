"""Shared helpers of the composers: the per-document random source, the era's vocabulary,
dates written in varied ways, and template filling that records every citation it writes."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date

from corpus.garantes import Garante
from corpus.sample.citations import (
    Cites,
    article_phrase,
    body_criterion_phrase,
    expediente_phrase,
    inai_criterion_phrase,
)
from corpus.sample.plan import REFORM_DATE, DocSpec, Expediente, registry
from corpus.sample.spanish import MONTHS, date_numeric, date_words
from corpus.sample.topics import TOPIC_BY_SLUG, ArticleRef, Topic
from corpus.sample.vocab import ORGANISMO_NEW, ORGANISMO_OLD, self_noun

_PLACEHOLDER = re.compile(r"\{(S|O|C|X|A\d)\}")


@dataclass
class Pools:
    """What earlier documents of the corpus offer for citation (grows while composing)."""

    expedientes: dict[str, list[tuple[Expediente, str, str | None, str]]] = field(default_factory=dict)
    criteria: dict[str, list[tuple[tuple[int, int], str]]] = field(default_factory=dict)
    by_topic: dict[tuple[str, str], list[tuple[Expediente, str, str | None, str]]] = field(default_factory=dict)

    def add_expediente(self, spec: DocSpec) -> None:
        if spec.expediente is None or spec.kind not in ("recurso", "denuncia"):
            return
        entry = (spec.expediente, spec.sujeto[0] if spec.sujeto else "", spec.ponente.name if spec.ponente else None,
                 spec.when.isoformat())
        self.expedientes.setdefault(spec.garante, []).append(entry)
        if spec.kind == "recurso":
            self.by_topic.setdefault((spec.garante, spec.topic), []).append(entry)

    def add_criterion(self, garante: str, number: tuple[int, int], rubro: str) -> None:
        self.criteria.setdefault(garante, []).append((number, rubro))


class Writer:
    """One document's composing context: rng, citations, body, era, topic."""

    def __init__(self, spec: DocSpec, rng: random.Random, pools: Pools):
        self.spec = spec
        self.rng = rng
        self.pools = pools
        self.g: Garante = registry().garantes[spec.garante]
        self.topic: Topic = TOPIC_BY_SLUG[spec.topic]
        self.cites = Cites(spec.expediente.canonical if spec.expediente else None)
        self.new_era = spec.when >= REFORM_DATE
        self.state_law = self.g.state_law or "LGTAIP"
        self.colon = True  # caption labels end in ":" (some bodies write none)

    # vocabulary -------------------------------------------------------------------------
    def organismo(self) -> str:
        choice = self.rng.choice(ORGANISMO_NEW if self.new_era else ORGANISMO_OLD)
        return choice.replace("{self}", self_noun(self.spec.garante))

    def garante_kind(self) -> str:
        return "autoridad garante" if self.new_era else "organismo garante"

    def date_text(self, d: date, words_bias: float = 0.5, los: bool = False) -> str:
        """A date in words or numbers; ``los`` allows "los diecisiete días del mes de…"
        (after "a" or "siendo", not after "el")."""
        if self.rng.random() < words_bias:
            return date_words(d, self.rng.choice((0, 0, 1, 4) if los else (0, 0, 4)))
        text = self.rng.choice((date_words(d, 2), date_words(d, 3), date_numeric(d, 0), date_numeric(d, 1)))
        if d.day == 1 and text.startswith("1 de") and self.rng.random() < 0.6:  # "1o. de marzo", "1° de marzo"
            text = self.rng.choice(("1o.", "1°", "1º")) + text[1:]
        if self.rng.random() < 0.15:  # "17 de Mayo de 2017"
            month = MONTHS[d.month - 1]
            text = text.replace(f" {month} ", f" {month.capitalize()} ")
        return text

    def city(self) -> str:
        return self.rng.choice(self.g.cities or (self.g.city,))

    # citations ----------------------------------------------------------------------------
    def article(self, ref: ArticleRef, partner_pool: tuple[ArticleRef, ...] = ()) -> str:
        partner = None
        if partner_pool and self.rng.random() < 0.2:
            same = [r for r in partner_pool if r[0] == ref[0] and r[1] != ref[1]]
            partner = self.rng.choice(same) if same else None
        return article_phrase(self.rng, self.cites, ref, self.state_law, partner)

    def criterion(self) -> str:
        own = self.pools.criteria.get(self.spec.garante, [])
        others = sorted(g for g in self.pools.criteria if g != self.spec.garante)
        roll = self.rng.random()
        if own and roll < 0.35:
            number, rubro = self.rng.choice(own)
            return body_criterion_phrase(self.rng, self.cites, self.spec.garante, self.spec.garante, number, rubro)
        if others and roll < 0.45:
            g = self.rng.choice(others)
            number, rubro = self.rng.choice(self.pools.criteria[g])
            return body_criterion_phrase(self.rng, self.cites, g, self.spec.garante, number, rubro)
        wanted = self.rng.choice(self.topic.inai_criteria) if self.topic.inai_criteria else None
        return inai_criterion_phrase(self.rng, self.cites, wanted, self.spec.when.year, self.new_era)

    def expediente_citation(self) -> str | None:
        """Cite an earlier expediente of this body, another body, or INAI."""
        roll = self.rng.random()
        own = self.pools.by_topic.get((self.spec.garante, self.spec.topic)) or self.pools.expedientes.get(self.spec.garante)
        when: str | None = None
        if roll < 0.55 and own:
            exp, _, _, when = self.rng.choice(own[-200:])
        elif roll < 0.75:
            others = [g for g in self.pools.expedientes if g != self.spec.garante]
            if not others:
                return None
            exp = self.rng.choice(self.pools.expedientes[self.rng.choice(sorted(others))][-200:])[0]
        else:
            from corpus.sample.plan import make_expediente

            year = self.rng.randrange(2015, min(2025, self.spec.when.year) + 1)
            exp = make_expediente("INAI", self.rng.choice(("RRA", "RRA", "RRA", "RRD")),
                                  self.rng.randrange(1, 15000), year, None)
        if exp.canonical == self.cites.own_expediente:
            return None
        phrase = expediente_phrase(self.rng, self.cites, exp, self.spec.garante)
        if when and self.rng.random() < 0.5:
            phrase += f", resuelto el {self.date_text(date.fromisoformat(when), 0.5)}"
        return phrase

    def fill(self, template: str, articles: tuple[ArticleRef, ...] | None = None, generic: bool = False) -> str:
        """Fill a template's placeholders, recording the citations written.

        ``{A0}``… take the articles in order; ``generic`` picks any of them instead. A general
        law's article gives way, now and then, to one of the state law's, as local bodies
        ground their resolutions in their own state's law.
        """
        arts = articles if articles is not None else self.topic.articles
        state_refs = [a for a in arts if a[0] == "E"]
        sujeto = self.spec.sujeto[0] if self.spec.sujeto else "el sujeto obligado"

        def one(m: re.Match[str]) -> str:
            key = m.group(1)
            if key == "S":
                return sujeto
            if key == "O":
                return self.organismo()
            if key == "C":
                return self.criterion()
            if key == "X":
                return self.expediente_citation() or "diversos precedentes"
            ref = self.rng.choice(arts) if generic else arts[int(key[1:]) % len(arts)]
            if ref[0] == "LGTAIP" and state_refs and self.rng.random() < 0.3:
                ref = self.rng.choice(state_refs)
            return self.article(ref, arts)

        text = _PLACEHOLDER.sub(one, template)
        for wrong, right in (("del la fracción", "de la fracción"), (" el la fracción", " la fracción"),
                             ("de el ", "del ")):
            text = text.replace(wrong, right)
        return text[:1].upper() + text[1:]
