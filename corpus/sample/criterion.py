"""Compose a criterion of interpretation: number, rubro, text, precedentes, vigencia."""

from __future__ import annotations

import random
from datetime import date

from corpus.sample.filler import FILLER, FILLER_ARTICLES
from corpus.sample.model import MARKER_LINE, Block, SampleDoc, Truth
from corpus.sample.plan import (
    DocSpec,
    Expediente,
    expediente_kind,
    make_expediente,
    period_of,
    ponentes,
    registry,
    render_expediente,
)
from corpus.sample.spanish import date_numeric
from corpus.sample.topics import TOPIC_BY_SLUG
from corpus.sample.vocab import SUJETOS, of_the, self_noun
from corpus.sample.writer import Pools, Writer

# General reasoning that suits a criterion (not the ones about one procedure's evidence).
GENERAL_FILLER = (*FILLER[1:7], FILLER[11], FILLER[12])

RUBROS: dict[str, tuple[str, ...]] = {
    "informacion-reservada": ("Prueba de daño. Debe acreditarse caso por caso para clasificar información como reservada",
                              "Carpetas de investigación. Su sola existencia no actualiza la reserva de la información"),
    "informacion-confidencial": ("Nombre de servidores públicos. No constituye información confidencial",
                                 "Datos personales de particulares en padrones de beneficiarios. Procede su protección"),
    "version-publica": ("Versión pública. Debe acompañarse del acta del Comité de Transparencia que la aprueba",),
    "inexistencia": ("Búsqueda exhaustiva. Debe realizarse en todas las unidades administrativas competentes",
                     "Declaración de inexistencia. Requisitos que debe contener la resolución del Comité de Transparencia"),
    "incompetencia": ("Notoria incompetencia. Obligación de orientar al solicitante",),
    "falta-de-respuesta": ("Falta de respuesta. Procede ordenar la entrega de la información sin costo",),
    "ampliacion-de-plazo": ("Ampliación del plazo de respuesta. Debe ser aprobada por el Comité de Transparencia",),
    "prevencion": ("Prevención. Sólo procede cuando la solicitud sea imprecisa o incompleta",),
    "modalidad-de-entrega": ("Consulta directa. Procede cuando se acredite la imposibilidad de reproducir la información",),
    "informacion-incompleta": ("Respuesta incompleta. El sujeto obligado debe pronunciarse sobre cada contenido de información",),
    "documentos-ad-hoc": ("Procesamiento de información. No implica la elaboración de documentos ad hoc",),
    "obligaciones-de-transparencia": ("Obligaciones de transparencia. La remisión a un portal debe indicar la ruta precisa",),
    "derechos-arco": ("Derechos ARCO. La identidad del titular se acredita en el momento de la entrega",),
    "remuneraciones": ("Recibos de nómina. Procede su entrega en versión pública",),
    "contratos-obra-publica": ("Contratos de obra pública. Son información pública aun en proyectos prioritarios",),
    "sobreseimiento": ("Sobreseimiento. Procede cuando la modificación de la respuesta deja sin materia el recurso",),
    "cumplimiento": ("Cumplimiento de resoluciones. El sujeto obligado debe acreditar la entrega efectiva",),
}


def _phantom(spec: DocSpec, r: random.Random, i: int) -> tuple[Expediente, str, str | None, str]:
    """A precedent expediente that is not in the corpus (numbers above any planned one)."""
    year = max(2015, spec.when.year - 1 - i)
    people = ponentes(spec.garante, period_of(year))
    person = r.choice(people)
    with_ponencia = spec.garante in ("IVAI", "ITAIP", "IDAIPQROO")
    exp = make_expediente(spec.garante, expediente_kind(spec.garante, "recurso"), 20000 + spec.index * 3 + i, year,
                          person.ponencia if with_ponencia else None)
    sujeto = r.choice(SUJETOS[registry().garantes[spec.garante].state])[0]
    return exp, sujeto, person.name, date(year, r.randrange(2, 12), r.randrange(1, 28)).isoformat()


def rubro_for(spec: DocSpec) -> str:
    options = RUBROS.get(spec.topic, ("Derecho de acceso a la información. Alcance del principio de máxima publicidad",))
    return options[spec.index % len(options)]


def compose_criterion(spec: DocSpec, rng_seed: str, pools: Pools, short: bool = False) -> SampleDoc:
    """A criterion of a body, with precedentes drawn from the body's earlier resolutions."""
    w = Writer(spec, random.Random(rng_seed), pools)
    r = w.rng
    assert spec.criterion_number is not None
    n, year = spec.criterion_number
    number = f"{n}/{year}"
    written = r.choice((f"{n:02d}/{year}", f"{n}/{year}", f"{n:02d}/{year}"))
    rubro = rubro_for(spec)
    blocks: list[Block] = [Block("marker", MARKER_LINE), Block("masthead", w.g.name if r.random() < 0.6 else f"{w.g.name} ({spec.garante})")]
    title = r.choice((f"CRITERIO {written}", f"Criterio de interpretación {written}", f"CRITERIO DE INTERPRETACIÓN NÚMERO {written}",
                      f"Criterio {spec.garante} {written}"))
    blocks.append(Block("title", title))
    caps = r.random() < 0.5
    if r.random() < 0.5:
        blocks.append(Block("field", "Acceso a la información" if spec.topic != "derechos-arco" else "Protección de datos personales",
                            "MATERIA:" if caps else "Materia:"))
    if r.random() < 0.5:
        written_rubro = rubro.upper() if r.random() < 0.5 else rubro
        blocks.append(Block("field", written_rubro, "RUBRO:" if caps else "Rubro:", inline=r.random() < 0.6))
    else:
        written_rubro = rubro.upper()
        blocks.append(Block("title", written_rubro))
    topic = TOPIC_BY_SLUG[spec.topic]
    paras = r.sample(topic.analysis, min(len(topic.analysis), 1 if short else r.randrange(1, 3)))
    texts = [w.fill(p) for p in paras]
    if not short:
        texts += [w.fill(t, FILLER_ARTICLES) for t in r.sample(GENERAL_FILLER, r.randrange(3, 6))]
    if r.random() < 0.5:
        texts.insert(0, f"De la interpretación de lo dispuesto en el {w.article(topic.articles[0])}, se desprende que {rubro[0].lower() + rubro[1:].split('. ', 1)[-1].lower()}.")
    label_text = r.random() < 0.4
    for i, t in enumerate(texts):
        blocks.append(Block("field", t, "Texto:" if not caps else "TEXTO:", inline=True) if (i == 0 and label_text) else Block("para", t))

    # precedentes
    pool = list(pools.by_topic.get((spec.garante, spec.topic), [])) or [
        e for e in pools.expedientes.get(spec.garante, []) if e[0].kind in ("REV", "RR")]
    picked = r.sample(pool, min(len(pool), r.randrange(2, 5))) if pool else []
    if not picked:  # no earlier resolution of this body: precedents outside the corpus
        picked = [_phantom(spec, r, i) for i in range(2)]
    precedentes: list[dict[str, str | None]] = []
    blocks.append(Block("heading", r.choice(("Precedentes:", "PRECEDENTES", "Precedentes"))))
    table = r.random() < 0.3
    rows: list[tuple[str, ...]] = [("Expediente", "Sujeto obligado", "Ponente", "Fecha")]
    for exp, sujeto, ponente, when in sorted(picked, key=lambda e: e[3]):
        raw = render_expediente(exp, r)
        w.cites.add("expedientes", exp.canonical)
        precedentes.append({"expediente": exp.canonical, "sujeto_obligado": sujeto, "ponente": ponente})
        y, m, d = (int(x) for x in when.split("-"))
        dtext = w.date_text(date(y, m, d), 0.3)
        if table:
            rows.append((raw, sujeto, ponente or "", date_numeric(date(y, m, d))))
        else:
            form = r.random()
            if form < 0.2:  # one labelled line per fact
                blocks.append(Block("item", f"Expediente: {raw}\nSujeto obligado: {sujeto}\nComisionado(a) ponente: {ponente}\nFecha: {dtext}"))
            elif form < 0.55:
                blocks.append(Block("item", f"• Recurso de revisión {raw}. Sujeto obligado: {sujeto}. Fecha de resolución: {dtext}. Ponente: {ponente}."))
            else:
                blocks.append(Block("item", f"{raw}, interpuesto en contra de {sujeto}. Resuelto el {dtext}, por unanimidad de votos. Comisionado(a) ponente: {ponente}."))
    if table and picked:
        blocks.append(Block("table", rows=tuple(rows)))
    if not picked:
        blocks.append(Block("para", "Sin precedentes registrados en la fuente."))

    # vigencia
    superseded = spec.extra.get("superseded_by")
    sup_number = None
    if isinstance(superseded, tuple):
        sn, sy = superseded
        sup_number = f"{sn}/{sy}"
        w.cites.add("criteria", f"{spec.garante} {sup_number}")
        sw = f"{sn:02d}/{sy}" if r.random() < 0.5 else sup_number
        blocks.append(Block("field", r.choice((f"Histórico. Superado por el criterio {sw}.", f"HISTÓRICO (sustituido por el Criterio {sw})",
                                               f"Criterio histórico; fue superado por el criterio {sw} de {self_noun(spec.garante)}.")),
                            r.choice(("Vigencia:", "VIGENCIA:", "Estado:"))))
    else:
        blocks.append(Block("field", r.choice(("Vigente", "VIGENTE", "Vigente.")), r.choice(("Vigencia:", "VIGENCIA:", "Estado:"))))
    approval = r.choice((
        f"Aprobado por el Pleno {of_the(w.g.name)} en sesión ordinaria celebrada el {w.date_text(spec.when, 0.6)}.",
        f"Criterio aprobado en la sesión del Pleno de fecha {w.date_text(spec.when, 0.3)}.",
        f"{w.city()}, {w.g.state}, a {w.date_text(spec.when, 0.7, los=True)}. Así lo aprobó el Pleno de {w.organismo()}.",
    ))
    blocks.append(Block("closing", approval))
    truth = Truth(
        garante=spec.garante, state=w.g.state, doc_type="criterio", date=spec.when.isoformat(), year=spec.when.year,
        title=f"Criterio {number}. {rubro}", cites_criteria=w.cites.criteria, cites_expedientes=w.cites.expedientes,
        cites_articles=w.cites.articles, number=number, rubro=written_rubro, precedentes=precedentes,
        vigencia="historico" if sup_number else "vigente", superseded_by=sup_number, topics=[spec.topic],
    )
    pools.add_criterion(spec.garante, spec.criterion_number, rubro)
    return SampleDoc(truth, blocks, w.g.name, f"Criterio {written}", short)
