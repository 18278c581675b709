"""A small, hand-written corpus for the web tests: resolutions of two bodies and INAI criteria
that cite each other, so every link of the document page has something to resolve."""

from __future__ import annotations

from corpus.records import SAMPLE_MARKER, DocumentRecord, Precedent, Section


def _resolution(doc_id: str, garante: str, state: str, expediente: str, date: str,
                sujeto: str, ponente: str, sentido: str, topics: list[str], subject: str,
                cites_criteria: tuple[str, ...] = (), cites_expedientes: tuple[str, ...] = (),
                cites_articles: tuple[str, ...] = ()) -> DocumentRecord:
    head = (f"{SAMPLE_MARKER}\nEXPEDIENTE: {expediente}\nSUJETO OBLIGADO: {sujeto}\n"
            f"COMISIONADO PONENTE: {ponente}\n\n")
    antecedentes = (f"RESULTANDOS\nLa persona solicitante pidió al sujeto obligado {subject}. "
                    "El sujeto obligado respondió fuera de plazo.\n\n")
    considerandos = ("CONSIDERANDOS\nEste Pleno analiza la respuesta. "
                     + " ".join(f"Se cita el criterio {c}." for c in cites_criteria)
                     + " ".join(f"Se invoca el precedente {e}." for e in cites_expedientes)
                     + " La información reservada requiere prueba de daño.\n\n")
    resolutivos = f"RESOLUTIVOS\nPRIMERO. Se {sentido} la respuesta del sujeto obligado.\n"
    text = head + antecedentes + considerandos + resolutivos
    a = len(head)
    c = a + len(antecedentes)
    r = c + len(considerandos)
    return DocumentRecord(
        id=doc_id, garante=garante, state=state, doc_type="resolucion", expediente=expediente,
        expediente_raw=expediente, date=date, year=int(date[:4]), sujeto_obligado=sujeto,
        ponente=ponente, sentido=[sentido], title=f"Recurso de revisión {expediente}",
        text=text,
        sections=[Section("antecedentes", "RESULTANDOS", a, c),
                  Section("considerandos", "CONSIDERANDOS", c, r),
                  Section("resolutivos", "RESOLUTIVOS", r, len(text))],
        cites_criteria=list(cites_criteria), cites_expedientes=list(cites_expedientes),
        cites_articles=list(cites_articles), source_sha256=f"sha-{doc_id}", is_sample=True,
        sujeto_obligado_kind="ayuntamiento" if "Ayuntamiento" in sujeto else "poder ejecutivo",
        topics=topics, topic_evidence={t: [t] for t in topics},
    )


def _criterion(doc_id: str, number: str, title: str, date: str, vigencia: str,
               precedentes: list[Precedent], superseded_by: str | None = None) -> DocumentRecord:
    text = (f"{SAMPLE_MARKER}\nCriterio {number}\n{title}. Los sujetos obligados deben "
            "entregar la versión pública de los documentos que contengan información "
            "confidencial, previa aprobación del Comité de Transparencia.\n")
    return DocumentRecord(
        id=doc_id, garante="INAI", state=None, doc_type="criterio", date=date,
        year=int(date[:4]), title=title, rubro=title, text=text, number=number,
        precedentes=precedentes, vigencia=vigencia, superseded_by=superseded_by,
        source_sha256=f"sha-{doc_id}", is_sample=True, topics=["versión pública"],
        topic_evidence={"versión pública": ["versión pública"]},
    )


def web_records() -> list[DocumentRecord]:
    """Eight documents: 5 resolutions (IVAI, ITAIP), 3 INAI criteria (one superseded)."""
    return [
        _criterion("inai-criterio-03-17", "03/17", "Versión pública de documentos con datos "
                   "confidenciales", "2017-05-02", "historico",
                   [Precedent("RRA 1234/16", "Secretaría de Salud", "Ponente Uno")],
                   superseded_by="inai-criterio-02-21"),
        _criterion("inai-criterio-02-21", "02/21", "Versión pública y prueba de daño",
                   "2021-03-10", "vigente",
                   [Precedent("IVAI-REV/275/2017/I", "Ayuntamiento de Xalapa", "Ponente Dos")]),
        _criterion("inai-criterio-07-19", "07/19", "Inexistencia de la información",
                   "2019-08-20", "vigente", []),
        _resolution("ivai-rev-275-2017-i", "IVAI", "Veracruz", "IVAI-REV/275/2017/I",
                    "2017-09-14", "Ayuntamiento de Xalapa", "Ponente Dos", "revoca",
                    ["información reservada", "prueba de daño"],
                    "las nóminas de la policía municipal",
                    cites_criteria=("INAI 3/2017",), cites_articles=("LGTAIP 113 V",)),
        _resolution("ivai-rev-300-2019-ii", "IVAI", "Veracruz", "IVAI-REV/300/2019/II",
                    "2019-11-05", "Secretaría de Finanzas", "Ponente Tres", "confirma",
                    ["inexistencia de la información"], "los contratos de obra pública",
                    cites_criteria=("INAI 7/2019",), cites_expedientes=("IVAI-REV/275/2017/I",)),
        _resolution("itaip-rr-dai-0177-2023-piii", "ITAIP", "Tabasco", "RR/DAI/0177/2023-PIII",
                    "2023-04-18", "Ayuntamiento de Centro", "Ponente Cuatro", "modifica",
                    ["versión pública", "datos personales"], "la versión pública de facturas",
                    cites_criteria=("INAI 2/2021", "INAI 9/2099"),
                    cites_expedientes=("IVAI-REV/275/2017/I", "RRA 5555/20"),
                    cites_articles=("LGTAIP 116",)),
        _resolution("itaip-rr-dai-0875-2017-pii", "ITAIP", "Tabasco", "RR/DAI/875/2017-PII",
                    "2017-12-01", "Secretaría de Salud", "Ponente Cinco", "sobresee",
                    ["falta de respuesta"], "los expedientes clínicos anonimizados"),
        _resolution("itaip-rr-dai-0100-2024-pi", "ITAIP", "Tabasco", "RR/DAI/0100/2024-PI",
                    "2024-02-07", "Ayuntamiento de Centro", "Ponente Cuatro", "revoca",
                    ["información reservada"], "los informes de seguridad <script>alert(1)</script>"),
    ]
