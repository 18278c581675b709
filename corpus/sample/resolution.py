"""Compose a resolution (recurso de revisión, denuncia) or an acuerdo of the Pleno as blocks,
with the ground truth written alongside. Wording and layout vary the way real bodies vary."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from corpus.sample.filler import FILLER, FILLER_ARTICLES
from corpus.sample.model import MARKER_LINE, Block, SampleDoc, Truth
from corpus.sample.plan import DocSpec, Person, period_of, ponentes, render_expediente
from corpus.sample.spanish import ORDINALS, date_numeric, roman
from corpus.sample.topics import COMPETENCIA, EFECTOS, GENERIC_ARTICLES, PROCEDENCIA, TOPICS
from corpus.sample.vocab import ANON_MARKS, HONORIFICS_F, HONORIFICS_M, of_the
from corpus.sample.writer import Pools, Writer

STATE_ABBR = {"Veracruz": "Ver.", "Tabasco": "Tab.", "Campeche": "Camp.", "Chiapas": "Chis.",
              "Yucatán": "Yuc.", "Quintana Roo": "Q. Roo"}
HEAD_ANTECEDENTES = ("RESULTANDOS", "ANTECEDENTES", "R E S U L T A N D O S", "Resultandos", "A N T E C E D E N T E S",
                     "RESULTANDO", "RESULTANDO:", "Antecedentes")
HEAD_CONSIDERANDOS = ("CONSIDERANDOS", "C O N S I D E R A N D O S", "Considerandos", "CONSIDERANDO", "CONSIDERANDO:",
                      "C O N S I D E R A N D O")
HEAD_RESOLUTIVOS = ("RESOLUTIVOS", "PUNTOS RESOLUTIVOS", "R E S U E L V E", "SE RESUELVE", "RESUELVE", "Puntos resolutivos",
                    "R E S U E L V E:", "SE RESUELVE:", "PUNTOS RESOLUTIVOS:")
HEAD_ACUERDA = ("A C U E R D A", "SE ACUERDA", "ACUERDOS", "PUNTOS DE ACUERDO")


def _label(w: Writer, options: tuple[str, ...], caps: bool) -> str:
    text = w.rng.choice(options)
    if not w.colon:
        text = text.rstrip(":")
    return text.upper() if caps else text


_NUMBERINGS = (
    [f"{o}." for o in ORDINALS],
    [f"{o}.-" for o in ORDINALS],
    [f"{o.capitalize()}." for o in ORDINALS],
    [f"{roman(i + 1)}." for i in range(len(ORDINALS))],
    [f"{i + 1}." for i in range(len(ORDINALS))],
)


def _numbering(w: Writer) -> list[str]:
    return _NUMBERINGS[w.rng.randrange(len(_NUMBERINGS))]


def _ponente_label(w: Writer, female: bool, caps: bool) -> str:
    opts = ("Comisionada ponente:", "Comisionada Ponente:", "Ponente:") if female else (
        "Comisionado ponente:", "Comisionado Ponente:", "Ponente:")
    return _label(w, opts, caps)


def _honorific(w: Writer, female: bool) -> str:
    return w.rng.choice(HONORIFICS_F if female else HONORIFICS_M)


def compose_resolution(spec: DocSpec, rng_seed: str, pools: Pools, short: bool = False,
                       extra_paras: int = 0) -> SampleDoc:
    """A recurso de revisión, a denuncia or an acuerdo de cumplimiento.

    ``short`` keeps it to one or two pages (scanned documents); ``extra_paras`` adds general
    reasoning paragraphs to reach the length of long real resolutions.
    """
    import random

    w = Writer(spec, random.Random(rng_seed), pools)
    r = w.rng
    assert spec.expediente is not None and spec.sujeto is not None
    raw = render_expediente(spec.expediente, r)
    caps = r.random() < 0.7
    blocks: list[Block] = [Block("marker", MARKER_LINE)]
    mast = w.g.name if r.random() < 0.6 else f"{w.g.name} ({spec.garante})"
    blocks.append(Block("masthead", mast.upper() if r.random() < 0.4 else mast))
    if r.random() < 0.3:
        blocks.append(Block("masthead", r.choice(("Pleno", "PLENO", "Secretaría Técnica", "Ponencia " + (spec.ponente.ponencia if spec.ponente else "I")))))

    kind_title = {
        "recurso": ("RECURSO DE REVISIÓN", "Recurso de revisión", "RESOLUCIÓN DEL RECURSO DE REVISIÓN", "RECURSO DE REVISIÓN EN MATERIA DE ACCESO A LA INFORMACIÓN"),
        "denuncia": ("DENUNCIA POR INCUMPLIMIENTO DE OBLIGACIONES DE TRANSPARENCIA", "Denuncia por incumplimiento a las obligaciones de transparencia", "DENUNCIA"),
        "acuerdo": ("ACUERDO DE CUMPLIMIENTO", "ACUERDO DEL PLENO RELATIVO AL CUMPLIMIENTO DE RESOLUCIÓN", "Acuerdo de cumplimiento"),
    }[spec.kind]
    title = r.choice(kind_title)
    blocks.append(Block("title", title))

    # --- header block: a caption of labelled fields, or the same facts in prose -----------
    anon = r.choice(ANON_MARKS)
    fields: list[Block] = []
    inline = r.random() < 0.75
    align = "right" if r.random() < 0.25 else ""
    w.colon = r.random() > 0.1
    exp_labels: tuple[str, ...] = ("Expediente:", "Expediente número:", "Número de expediente:", "Exp.:", "Expediente No.:")
    if spec.kind == "recurso":
        exp_labels += ("Recurso de revisión:", "Recurso de revisión número:")
    fields.append(Block("field", raw, _label(w, exp_labels, caps), inline, align=align))
    if spec.kind == "recurso":
        fields.append(Block("field", anon, _label(w, ("Recurrente:", "Persona recurrente:", "Promovente:", "Solicitante:"), caps), inline, align=align))
    elif spec.kind == "denuncia":
        fields.append(Block("field", anon, _label(w, ("Denunciante:", "Persona denunciante:"), caps), inline, align=align))
    fields.append(Block("field", spec.sujeto[0], _label(w, ("Sujeto obligado:", "Sujeto obligado responsable:", "Sujeto obligado recurrido:"), caps), inline, align=align))
    if spec.ponente is not None:
        p = spec.ponente
        if r.random() < 0.06:  # only the ponencia here; the name is in the closing formula
            fields.append(Block("field", p.ponencia, _label(w, ("Ponencia:",), caps), inline, align=align))
        elif r.random() < 0.2:
            title_word = "Comisionada" if p.female else "Comisionado"
            fields.append(Block("field", f"{title_word.upper() if caps else title_word} {p.name}", _label(w, ("Ponente:", "Ponencia:"), caps), inline, align=align))
        else:
            fields.append(Block("field", _honorific(w, p.female) + p.name, _ponente_label(w, p.female, caps), inline, align=align))
    if spec.folio is not None:
        fields.append(Block("field", spec.folio, _label(w, ("Folio de solicitud:", "Folio de la solicitud:", "Folio PNT:", "Número de folio:", "Folio:", "No. de solicitud:"), caps), inline, align=align))
    if r.random() < 0.25:
        aide = r.choice(("Mtra. Adriana", "Lic. Luisa", "Lic. Carlos", "Mtro. Tomás"))
        fields.insert(r.randrange(1, len(fields)), Block("field", f"{aide} {r.choice(('Ávila', 'Beltrán', 'Cano', 'Duarte'))}",
                                                         _label(w, ("Proyectista:", "Secretaría de estudio y cuenta:", "Colaboró:"), caps), inline, align=align))
    if r.random() < 0.2:
        fields.append(Block("field", date_numeric(spec.when, r.choice((0, 1, 2))), _label(w, ("Fecha de resolución:", "Fecha de sesión:"), caps), inline, align=align))
    if spec.kind == "recurso" and r.random() < 0.3:
        fields.insert(1, fields.pop(len(fields) - 1))  # another field order
    if r.random() < 0.12:
        blocks.append(Block("para", _caption_prose(w, spec, raw, anon)))
    else:
        blocks.extend(fields)

    # --- place and date -----------------------------------------------------------------
    d = spec.when
    state = w.g.state if w.g.state != "Veracruz" or r.random() < 0.5 else "Veracruz de Ignacio de la Llave"
    if r.random() < 0.2:
        state = STATE_ABBR.get(w.g.state, state)
    city = w.city()
    place = r.random()
    vistos = {
        "recurso": f"VISTOS para resolver los autos del recurso de revisión {raw}, interpuesto por {anon} en contra de {spec.sujeto[0]}, y",
        "denuncia": f"VISTO el expediente {raw}, relativo a la denuncia presentada en contra de {spec.sujeto[0]} por el probable incumplimiento de sus obligaciones de transparencia, y",
        "acuerdo": f"VISTO el estado procesal que guarda el expediente {raw}, relativo al cumplimiento de la resolución dictada en contra de {spec.sujeto[0]}, y",
    }[spec.kind]
    place_at_end = False
    if place < 0.12:  # the place and date only at the end, before the signatures
        place_at_end = True
        blocks.append(Block("para", vistos))
    elif place < 0.45:
        blocks.append(Block("place_date", f"{city}, {state}, a {w.date_text(d, 0.7, los=True)}."))
        blocks.append(Block("para", vistos))
    elif place < 0.8:
        blocks.append(Block("para", f"{city}, {state}, a {w.date_text(d, 0.7, los=True)}. {vistos}"))
    else:
        blocks.append(Block("para", f"En la ciudad de {city}, {state}, siendo {w.date_text(d, 1.0, los=True)}, el Pleno de {w.organismo()} procede a resolver el expediente {raw}, y"))

    # --- antecedentes -----------------------------------------------------------------
    nums = _numbering(w)
    head = r.choice(HEAD_ANTECEDENTES)
    blocks.append(Block("heading", head, section="antecedentes"))
    request_date = d - timedelta(days=r.randrange(70, 220))
    answer_date = request_date + timedelta(days=r.randrange(8, 28))
    filing_date = answer_date + timedelta(days=r.randrange(2, 14))
    admit_date = filing_date + timedelta(days=r.randrange(2, 9))
    close_date = min(d - timedelta(days=r.randrange(3, 20)), admit_date + timedelta(days=r.randrange(10, 40)))
    oficio = f"{r.choice(('UT', 'UTAIP', 'UAIP', 'UT/SO'))}/{r.randrange(10, 2999):04d}/{request_date.year}"
    items: list[str] = []
    topic = w.topic
    if spec.kind == "recurso":
        items.append(f"Solicitud de información. El {w.date_text(request_date)}, la persona ahora recurrente presentó solicitud de acceso a la información ante {spec.sujeto[0]}, a través de la Plataforma Nacional de Transparencia, registrada con el número de folio {spec.folio}, en la que requirió: “{r.choice(topic.requests)}” (sic).")
        if topic.slug == "falta-de-respuesta":
            items.append(f"Falta de respuesta. El plazo para dar respuesta transcurrió del {date_numeric(request_date + timedelta(days=1))} al {date_numeric(answer_date)}, sin que el sujeto obligado {r.choice(topic.answers)}.")
        else:
            if r.random() < 0.25:  # the answer's own place-and-date line: another date to skip
                items.append(f"Respuesta. Mediante oficio {oficio}, fechado en {city}, {state}, a {w.date_text(answer_date, 0.6, los=True)}, el sujeto obligado {r.choice(topic.answers)}.")
            else:
                items.append(f"Respuesta. El {w.date_text(answer_date)}, mediante oficio {oficio}, el sujeto obligado {r.choice(topic.answers)}.")
        items.append(f"Interposición del recurso. Inconforme, el {w.date_text(filing_date)}, la persona solicitante interpuso recurso de revisión, en el que expresó como agravio que {r.choice(topic.agravios)}.")
        items.append(f"Turno y admisión. Por acuerdo de {w.date_text(admit_date)}, la Presidencia turnó el expediente a la Ponencia {spec.ponente.ponencia if spec.ponente else 'I'}, la cual lo admitió y puso a disposición de las partes para que manifestaran lo que a su derecho conviniera.")
    elif spec.kind == "denuncia":
        fr = r.choice(("IX", "XXI", "XXIII", "XXVIII", "VIII"))
        w.cites.add("articles", f"LGTAIP 70 {fr}")
        items.append(f"Presentación de la denuncia. El {w.date_text(filing_date)}, se recibió a través de la Plataforma Nacional de Transparencia una denuncia en contra de {spec.sujeto[0]}, por la falta de publicación de la información correspondiente a la fracción {fr} del artículo 70 de la Ley General de Transparencia y Acceso a la Información Pública.")
        items.append(f"Admisión. Mediante acuerdo de {w.date_text(admit_date)}, se admitió la denuncia y se requirió al sujeto obligado un informe justificado respecto de los hechos denunciados.")
        items.append(f"Informe justificado. El {w.date_text(admit_date + timedelta(days=5))}, el sujeto obligado rindió su informe mediante oficio {oficio}, en el que manifestó que la información se encontraba en proceso de actualización.")
        items.append(f"Verificación virtual. El {date_numeric(admit_date + timedelta(days=9))}, la Dirección de Seguimiento realizó una verificación virtual al portal del sujeto obligado y a la Plataforma Nacional de Transparencia.")
    else:
        items.append(f"Resolución. El {w.date_text(close_date - timedelta(days=r.randrange(60, 120)))}, el Pleno dictó resolución en el expediente {raw}, en la que ordenó al sujeto obligado entregar {r.choice(topic.requests)}.")
        items.append(f"Notificación. La resolución fue notificada al sujeto obligado el {date_numeric(close_date - timedelta(days=r.randrange(50, 59)))}, otorgándosele un plazo de diez días hábiles para su cumplimiento.")
        items.append(f"Informe de cumplimiento. El {w.date_text(close_date)}, el sujeto obligado {r.choice(topic.answers)}, mediante oficio {oficio}.")
    if not short and spec.kind != "acuerdo":
        if r.random() < 0.6:
            stamp = close_date - timedelta(days=r.randrange(1, 6))
            items.append(f"Alegatos. El {w.date_text(stamp)}, el sujeto obligado presentó escrito de alegatos, recibido en la Oficialía de Partes con sello de fecha {date_numeric(stamp, r.choice((0, 1)))} a las {r.randrange(9, 15)}:{r.randrange(0, 60):02d} horas, con número de registro {r.randrange(1000, 99999)}.")
        if r.random() < 0.4:
            items.append(f"Ampliación del plazo para resolver. Mediante acuerdo de {w.date_text(close_date - timedelta(days=2))}, se amplió el plazo para resolver el presente asunto por un periodo de veinte días hábiles más, por existir causa justificada.")
        items.append(f"Cierre de instrucción. El {w.date_text(close_date)}, se decretó el cierre de instrucción y se ordenó elaborar el proyecto de resolución correspondiente.")
    if spec.layout == "table" or (not short and r.random() < 0.15):
        rows = [("Actuación", "Fecha")]
        if spec.kind == "recurso":
            rows += [("Solicitud de información", date_numeric(request_date)), ("Respuesta del sujeto obligado", date_numeric(answer_date)),
                     ("Interposición del recurso", date_numeric(filing_date))]
        else:
            rows += [("Presentación", date_numeric(filing_date))]
        rows += [("Admisión", date_numeric(admit_date)), ("Cierre de instrucción", date_numeric(close_date))]
        items.append("Las fechas relevantes del procedimiento se resumen en la tabla siguiente:")
        for i, text in enumerate(items):
            blocks.append(Block("item", f"{nums[i]} {text}" if i < len(items) - 1 else text))
        blocks.append(Block("table", rows=tuple(rows)))
    else:
        for i, text in enumerate(items):
            blocks.append(Block("item", f"{nums[i]} {text}"))

    # --- considerandos ----------------------------------------------------------------
    nums = _numbering(w)
    blocks.append(Block("heading", r.choice(HEAD_CONSIDERANDOS), section="considerandos"))
    cons: list[str] = []
    cons.append("Competencia. " + w.fill(r.choice(COMPETENCIA), GENERIC_ARTICLES["competencia"], generic=True))
    if w.new_era and r.random() < 0.7:
        cons[-1] += (f" Lo anterior, en relación con el régimen transitorio del Decreto publicado en el Diario Oficial de la Federación el 20 de marzo de 2025, "
                     f"que sustituyó la denominación de organismo garante por la de {w.garante_kind()}.")
    no_fondo = spec.sentido and spec.sentido[0] in ("sobresee", "desecha")
    if not no_fondo and spec.kind != "acuerdo":
        cons.append("Procedencia. " + w.fill(r.choice(PROCEDENCIA), GENERIC_ARTICLES["procedencia"], generic=True))
    if extra_paras and not short:
        cons.append("Marco jurídico. " + w.fill(FILLER[0], FILLER_ARTICLES))
        bank = [(t, FILLER_ARTICLES) for t in FILLER[1:]]
        r.shuffle(bank)
        others = [(p, t.articles) for t in TOPICS if t.slug != spec.topic for p in t.analysis]
        bank += r.sample(others, min(len(others), max(0, extra_paras - len(bank))))
        for template, arts in bank[: extra_paras - 1]:
            cons.append(w.fill(template, arts))
    if no_fondo:
        from corpus.sample.topics import TOPIC_BY_SLUG

        sob = TOPIC_BY_SLUG["sobreseimiento"]
        cons.append("Causales de improcedencia y sobreseimiento. " + " ".join(w.fill(t, sob.articles) for t in r.sample(sob.analysis, 2)))
    else:
        if spec.kind == "acuerdo":
            cons.append(f"Litis. Corresponde determinar si el sujeto obligado {spec.sujeto[0]} acreditó haber dado cumplimiento a lo ordenado, toda vez que la parte recurrente manifestó que {r.choice(topic.agravios)}.")
        elif spec.kind == "denuncia":
            cons.append(f"Litis. Corresponde determinar si el sujeto obligado {spec.sujeto[0]} publica y mantiene actualizada la información denunciada, pues la persona denunciante señaló que {r.choice(topic.agravios)}.")
        else:
            cons.append(f"Litis. La cuestión a resolver consiste en determinar si la actuación del sujeto obligado {spec.sujeto[0]} se ajustó a lo dispuesto por la normatividad aplicable, pues la parte recurrente se inconformó porque {r.choice(topic.agravios)}.")
        n_par = 1 if short else r.randrange(2, len(topic.analysis) + 1)
        paras = r.sample(topic.analysis, min(n_par, len(topic.analysis)))
        cons.append("Estudio de fondo. " + w.fill(paras[0]))
        for template in paras[1:]:
            cons.append(w.fill(template))
        if not short and r.random() < 0.75:
            x1 = w.expediente_citation()
            if x1:
                extra = w.expediente_citation() if r.random() < 0.4 else None
                tail = f" y en {extra}" if extra else ""
                cons.append(r.choice((f"Resulta orientador lo resuelto en {x1}{tail}, donde se analizaron supuestos análogos al presente.",
                                      f"En similares términos se resolvió {x1}{tail}.",
                                      f"Este razonamiento es congruente con lo determinado en {x1}{tail}, por lo que se reitera.")))
        if not short and r.random() < 0.5:
            cons.append(f"Sirve de apoyo a lo anterior el {w.criterion()}.")
        cons.append("Efectos. " + w.fill(r.choice(EFECTOS), GENERIC_ARTICLES["efectos"], generic=True))
    if spec.kind != "recurso":  # the shared paragraphs speak of a recurso
        subject = "la presente denuncia" if spec.kind == "denuncia" else "el presente asunto"
        cons = [c.replace("el presente recurso de revisión", subject).replace("un recurso interpuesto", "un asunto promovido")
                for c in cons]
    numbered = 0
    for text in cons:
        starts = text.split(".", 1)[0] in ("Competencia", "Procedencia", "Marco jurídico", "Causales de improcedencia y sobreseimiento", "Litis", "Estudio de fondo", "Efectos")
        if starts:
            blocks.append(Block("item", f"{nums[numbered]} {text}"))
            numbered += 1
        else:
            blocks.append(Block("para", text))

    # --- resolutivos ------------------------------------------------------------------
    nums = _NUMBERINGS[0 if r.random() < 0.6 else 1] if r.random() < 0.8 else _numbering(w)
    heading = r.choice(HEAD_ACUERDA if spec.kind == "acuerdo" else HEAD_RESOLUTIVOS)
    if r.random() < 0.5 and spec.kind != "acuerdo":
        blocks.append(Block("para", f"Por lo expuesto y fundado, el Pleno de {w.organismo()}:"))
    blocks.append(Block("heading", heading, section="resolutivos"))
    res = _resolutivos(w, spec, raw)
    for i, text in enumerate(res):
        blocks.append(Block("item", f"{nums[i]} {text}"))

    # --- closing and signatures --------------------------------------------------------
    people = ponentes(spec.garante, period_of(d.year))
    votes = r.choice(("por unanimidad de votos", "por mayoría de votos", "por unanimidad"))
    names = ", ".join(_honorific(w, p.female) + p.name for p in people)
    ponente_txt = ""
    if spec.ponente is not None:
        ponente_txt = f", siendo ponente {'la' if spec.ponente.female else 'el'} {'Comisionada' if spec.ponente.female else 'Comisionado'} {spec.ponente.name}"
    session = r.choice(("sesión ordinaria", "sesión extraordinaria", "sesión pública ordinaria"))
    if r.random() < 0.5:
        closing = f"Así lo resolvieron {votes} las y los integrantes del Pleno {of_the(w.g.name)}, {names}{ponente_txt}, en {session} celebrada el {w.date_text(d, 0.6)}, ante el Secretario Técnico, quien autoriza y da fe."
    else:
        closing = f"Así lo acordó el Pleno de {w.organismo()}, {votes}, en {session} de fecha {w.date_text(d, 0.6)}{ponente_txt}, ante la Secretaria Ejecutiva que autoriza y da fe."
    if place_at_end:
        closing = f"Dado en la Sala de Sesiones del Pleno, en la ciudad de {city}, {state}, a {w.date_text(d, 0.7, los=True)}. " + closing
    blocks.append(Block("closing", closing))
    sign_lines = [f"{_honorific(w, p.female) or ('Mtra. ' if p.female else 'Mtro. ')}{p.name}\n{'Comisionada' if p.female else 'Comisionado'}{' Presidenta' if (p.female and i == 0) else ' Presidente' if i == 0 else ''}"
                  for i, p in enumerate(people)]
    secretary_f = r.random() < 0.5
    sec_name = r.choice(("Elena", "Irma", "Rocío") if secretary_f else ("Jorge", "Pablo", "Andrés"))
    sign_lines.append(f"Lic. {sec_name} {r.choice(('Cisneros', 'Lara', 'Mejía', 'Quiroz'))} {r.choice(('Bravo', 'Ibarra', 'Salas'))}\n{'Secretaria Técnica' if secretary_f else 'Secretario Técnico'}")
    blocks.append(Block("sign", "\n\n".join(sign_lines)))
    if r.random() < 0.3:
        blocks.append(Block("para", f"Estas firmas corresponden a la resolución del expediente {raw}, aprobada en {session} del {date_numeric(d)}."))
    dissenters = [p for p in people if spec.ponente is None or p.name != spec.ponente.name]
    if votes == "por mayoría de votos" and spec.kind == "recurso" and dissenters and r.random() < 0.25:
        _dissent(w, blocks, r.choice(dissenters), raw)

    if not short and r.random() < 0.3:
        _footnotes(w, blocks, raw)

    truth = Truth(
        garante=spec.garante, state=w.g.state, doc_type=spec.doc_type, date=d.isoformat(), year=d.year,
        expediente=spec.expediente.canonical, expediente_raw=raw, sujeto_obligado=spec.sujeto[0],
        ponente=spec.ponente.name if spec.ponente else None, folio=spec.folio, sentido=list(spec.sentido),
        title=f"{title} {raw}", cites_criteria=w.cites.criteria, cites_expedientes=w.cites.expedientes,
        cites_articles=w.cites.articles, topics=[spec.topic] + (["sobreseimiento"] if no_fondo and spec.topic != "sobreseimiento" else []),
        sujeto_obligado_kind=spec.sujeto[1],
    )
    again = raw  # the running header writes it as the caption does
    header = r.choice((again, f"Expediente: {again}", f"{spec.garante} | {again}", f"Recurso de revisión {again}" if spec.kind == "recurso" else again))
    return SampleDoc(truth, blocks, w.g.name, header, short)


SUPERSCRIPTS = ("¹", "²", "³")  # the ones the standard PDF fonts have


def _footnotes(w: Writer, blocks: list[Block], raw: str) -> None:
    """Footnotes: a superscript after a paragraph of the antecedentes or considerandos and the
    note right after it (PDF layouts draw it at the foot of the page)."""
    r = w.rng
    first = next(i for i, b in enumerate(blocks) if b.section == "antecedentes")
    last = next(i for i, b in enumerate(blocks) if b.section == "resolutivos")
    candidates = [i for i in range(first + 1, last) if blocks[i].kind in ("item", "para") and len(blocks[i].text) > 120]
    chosen = sorted(r.sample(candidates, min(len(candidates), r.randrange(1, 4))))
    for n, i in enumerate(reversed(chosen)):
        mark = SUPERSCRIPTS[len(chosen) - 1 - n]
        roll = r.random()
        if roll < 0.35:
            note = f"Visible a fojas {r.randrange(5, 60)} a {r.randrange(61, 120)} del expediente {raw}."
        elif roll < 0.55:
            note = "Consultable en la Plataforma Nacional de Transparencia: https://www.plataformadetransparencia.org.mx/"
        elif roll < 0.8:
            note = f"Véase el {w.article(r.choice(w.topic.articles))}."
        else:
            note = f"Cfr. {w.criterion()}."
        blocks[i] = replace(blocks[i], text=blocks[i].text + mark)
        blocks.insert(i + 1, Block("note", f"{mark} {note}"))


def _dissent(w: Writer, blocks: list[Block], who: Person, raw: str) -> None:
    """A dissenting vote after the signatures: other reasoning, another outcome argued for
    (never the sentido of the resolution, which only the resolutivos give)."""
    r = w.rng
    title = "Comisionada" if who.female else "Comisionado"
    blocks.append(Block("heading", r.choice(("VOTO PARTICULAR", "VOTO DISIDENTE", "Voto particular"))))
    blocks.append(Block("para", f"Voto particular que formula {'la' if who.female else 'el'} {title} {who.name} en relación con la resolución "
                                f"del expediente {raw}. Con el debido respeto, me aparto de la decisión de la mayoría, pues estimo que "
                                f"lo procedente era {r.choice(('revocar la respuesta impugnada', 'modificar la respuesta', 'confirmar la respuesta del sujeto obligado', 'sobreseer el recurso'))}."))
    reason = w.fill(r.choice(w.topic.analysis))
    blocks.append(Block("para", "A mi juicio, " + reason[0].lower() + reason[1:]))
    blocks.append(Block("sign", f"{title} {who.name}"))


def _caption_prose(w: Writer, spec: DocSpec, raw: str, anon: str) -> str:
    """The caption's facts told in one sentence, as some bodies publish them."""
    assert spec.sujeto is not None
    what = {"recurso": f"en el recurso de revisión {raw}, interpuesto por {anon}",
            "denuncia": f"en la denuncia {raw}, presentada por {anon}",
            "acuerdo": f"respecto del cumplimiento de la resolución dictada en el expediente {raw}"}[spec.kind]
    text = f"Resolución que emite el Pleno {of_the(w.g.name)} {what}, en contra de {spec.sujeto[0]}"
    if spec.folio:
        text += f", derivado de la solicitud de información con folio {spec.folio}"
    if spec.ponente:
        text += f", siendo {'ponente la Comisionada' if spec.ponente.female else 'ponente el Comisionado'} {spec.ponente.name}"
    return text + "."


def _resolutivos(w: Writer, spec: DocSpec, raw: str) -> list[str]:
    r = w.rng
    s = spec.sentido
    sujeto = spec.sujeto[0] if spec.sujeto else "el sujeto obligado"
    out: list[str] = []
    cons_ref = r.choice(("en términos del considerando CUARTO", "por las razones expuestas en el considerando TERCERO", "conforme a lo razonado en la presente resolución"))
    if spec.kind == "denuncia":
        if s == ("ordena",):
            out.append(f"Se declara FUNDADA la denuncia presentada en contra de {sujeto} y se ORDENA al sujeto obligado publicar y actualizar la información denunciada en un plazo de quince días hábiles.")
        elif s == ("otro",):
            out.append(f"Se declara INFUNDADA la denuncia presentada en contra de {sujeto}, {cons_ref}.")
        elif s == ("desecha",):
            out.append("Se DESECHA la denuncia por improcedente, toda vez que los hechos denunciados no se refieren a obligaciones de transparencia.")
        else:
            out.append("Se SOBRESEE la denuncia, al haber quedado sin materia durante su sustanciación.")
    elif spec.kind == "acuerdo":
        if s == ("otro",):
            out.append(f"Se tiene por CUMPLIDA la resolución dictada en el expediente {raw}, {cons_ref}.")
            out.append("Archívese el expediente como asunto total y definitivamente concluido.")
        else:
            out.append(f"Se declara el INCUMPLIMIENTO de la resolución y se ORDENA a {sujeto} dar cumplimiento en un plazo improrrogable de cinco días hábiles.")
            out.append(f"Se impone al titular de la Unidad de Transparencia una AMONESTACIÓN PÚBLICA como medida de apremio, en términos del {w.article(('LGTAIP', 201, ('I',)))}.")
    else:
        first = s[0]
        if first == "confirma":
            form = r.randrange(3)
            if form == 0:
                out.append(f"Se CONFIRMA la respuesta emitida por {sujeto}, {cons_ref}.")
            elif form == 1:
                out.append(f"Es infundado el agravio hecho valer por la parte recurrente; en consecuencia, se confirma la respuesta otorgada por el sujeto obligado, {cons_ref}.")
            else:
                out.append(f"Con fundamento en el {w.article(('E', 216, ('II',)))}, se CONFIRMA la respuesta del sujeto obligado.")
        elif first == "modifica":
            out.append(r.choice((f"Se MODIFICA la respuesta de {sujeto}, para el efecto de que entregue la información precisada {cons_ref}.",
                                 "Son parcialmente fundados los agravios; en consecuencia, se modifica la respuesta del sujeto obligado, para los efectos precisados en el considerando QUINTO.")))
        elif first == "revoca":
            out.append(r.choice((f"Se REVOCA la respuesta emitida por {sujeto}, {cons_ref}.", "Son fundados los agravios expresados por la parte recurrente, por lo que se revoca la respuesta del sujeto obligado.")))
        elif first == "ordena":
            out.append(r.choice((f"Es fundado el agravio y se ORDENA a {sujeto} que dé respuesta a la solicitud de información y entregue lo solicitado sin costo alguno.",
                                 f"Se ORDENA al sujeto obligado emitir respuesta a la solicitud de información con folio {spec.folio}, en un plazo no mayor de diez días hábiles.")))
        elif first == "sobresee":
            out.append(r.choice(("Se SOBRESEE el presente recurso de revisión, por las razones expuestas en el considerando SEGUNDO.",
                                 "Se decreta el SOBRESEIMIENTO del recurso de revisión, al haber quedado sin materia.")))
        elif first == "desecha":
            out.append(r.choice(("Se DESECHA por improcedente el recurso de revisión, al haberse interpuesto fuera del plazo legal.",
                                 "Se desecha el recurso de revisión por extemporáneo.")))
        if "ordena" in s[1:]:
            out.append(f"Se ORDENA al sujeto obligado que, en un plazo no mayor de diez días hábiles contados a partir de la notificación de la presente resolución, entregue a la parte recurrente la información solicitada e informe a {w.organismo()} sobre su cumplimiento.")
        elif first in ("modifica",):
            out.append(f"El sujeto obligado deberá informar a {w.organismo()} sobre el cumplimiento dentro de los tres días hábiles siguientes, en términos del {w.article(('LGTAIP', 197, ()))}.")
    out.append(r.choice(("Notifíquese la presente resolución a las partes en términos de ley.", "NOTIFÍQUESE a las partes por conducto de la Plataforma Nacional de Transparencia y por correo electrónico.",
                         "Notifíquese a las partes y, en su oportunidad, archívese el expediente como asunto concluido.")))
    if spec.kind == "recurso" and r.random() < 0.5:
        out.append("Se hace del conocimiento de la parte recurrente que, en caso de encontrarse insatisfecha con la presente resolución, le asiste el derecho de impugnarla ante el Poder Judicial de la Federación.")
    return out
