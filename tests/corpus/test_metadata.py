"""build_record: the header fields, the id rule, the title and the citations of whole documents."""

from __future__ import annotations

import pytest

from corpus.metadata import build_record, record_id, slug
from corpus.records import SAMPLE_MARKER, DocumentRecord, ExtractedText, PageText


def record(text: str, **kwargs: object) -> DocumentRecord:
    pages = tuple(PageText(i + 1, t, "text") for i, t in enumerate(text.split("\f")))
    return build_record(ExtractedText("doc.pdf", "pdf", pages), **kwargs)  # type: ignore[arg-type]


IVAI = """INSTITUTO VERACRUZANO DE ACCESO A LA INFORMACIÓN Y PROTECCIÓN DE DATOS PERSONALES

RECURSO DE REVISIÓN

EXPEDIENTE: IVAI-REV/0275/2017/I

RECURRENTE: C. [...]

SUJETO OBLIGADO: H. Ayuntamiento de
Xalapa

COMISIONADA PONENTE: Mtra. Yolli García Álvarez

FOLIO DE SOLICITUD: 00123417

Xalapa-Enríquez, Veracruz, a diecisiete de mayo de dos mil diecisiete.

VISTOS para resolver los autos del recurso de revisión citado al rubro.

R E S U L T A N D O S

1. Solicitud. El tres de febrero de dos mil diecisiete, el particular presentó una solicitud de
información. Recibido el 4 de febrero de 2017.

C O N S I D E R A N D O S

PRIMERO. Competencia, conforme al artículo 6, apartado A, de la Constitución Política de los
Estados Unidos Mexicanos y los artículos 77 y 80, fracción II, de la Ley 875 de Transparencia.

SEGUNDO. La información es reservada conforme al artículo 113, fracción V de la Ley General de
Transparencia. Resulta aplicable el criterio 3/2018 de este Instituto y el Criterio 03/17 del
INAI, así como lo resuelto en el expediente IVAI-REV/12/2016/II y por el INAI en el RRA 1234/17.
No ha lugar a sobreseer el recurso. Del expediente IVAI-REV/275/2017/I se advierte la respuesta.

RESOLUTIVOS

PRIMERO. Se CONFIRMA la respuesta del sujeto obligado.

SEGUNDO. Se ordena notificar a las partes.

Así lo resolvieron por unanimidad de votos los integrantes del Pleno del Instituto Veracruzano de
Acceso a la Información y Protección de Datos Personales, en sesión pública celebrada el diecisiete
de mayo de dos mil diecisiete, ante el Secretario de Acuerdos.
"""


def test_ivai_resolution() -> None:
    r = record(IVAI)
    assert (r.garante, r.state, r.doc_type) == ("IVAI", "Veracruz", "resolucion")
    assert (r.expediente, r.expediente_raw) == ("IVAI-REV/275/2017/I", "IVAI-REV/0275/2017/I")
    assert r.id == "ivai-rev-275-2017-i"
    assert (r.date, r.year) == ("2017-05-17", 2017)
    assert r.sujeto_obligado == "H. Ayuntamiento de Xalapa"
    assert r.ponente == "Yolli García Álvarez"
    assert r.folio == "00123417"
    assert r.sentido == ["confirma"]
    assert r.title == "Recurso de revisión IVAI-REV/275/2017/I — H. Ayuntamiento de Xalapa"
    assert [s.name for s in r.sections] == ["antecedentes", "considerandos", "resolutivos"]
    assert r.cites_criteria == ["IVAI 3/2018", "INAI 3/2017"]
    # its own expediente is never a citation
    assert r.cites_expedientes == ["IVAI-REV/12/2016/II", "RRA 1234/17"]
    assert r.cites_articles == ["CPEUM 6", "LTAIPV 77", "LTAIPV 80 II", "LGTAIP 113 V"]
    assert r.extraction == {"format": "pdf", "pages": 1, "methods": ["text"], "warnings": []}
    assert not r.is_sample


ITAIP = """Instituto Tabasqueño de Transparencia y Acceso a la Información Pública

Expediente número:
RR/DAI/0177/2023-PIII

Folio de la solicitud: 271158600003523

Sujeto Obligado responsable: Ayuntamiento de Centro

Ponente: Dra. Leida López Arrazate

Villahermosa, Tabasco; a los veintiún días del mes de abril del año dos mil veintitrés.

RESULTANDOS

Primero. El 2 de enero de 2023 se recibió la solicitud; el sujeto obligado dio respuesta el
20/01/2023. Conforme al Criterio SO/007/2019 del INAI y al criterio 7/17 del entonces INAI.

CONSIDERANDOS

I. Las fracciones I, II y IV del artículo 121 de la Ley de Transparencia y Acceso a la Información
Pública del Estado de Tabasco; el artículo 143 de la Ley de la materia.

Por lo expuesto y fundado, se:

R E S U E L V E

PRIMERO.- Se REVOCA la respuesta y se ORDENA al sujeto obligado que entregue la información.

SEGUNDO.- Notifíquese.

Así lo acordó el Pleno, en sesión ordinaria de fecha veintiuno de abril de dos mil veintitrés.
"""


def test_itaip_resolution_with_label_variants() -> None:
    r = record(ITAIP)
    assert (r.garante, r.state) == ("ITAIP", "Tabasco")
    assert (r.expediente, r.expediente_raw) == ("RR/DAI/177/2023-PIII", "RR/DAI/0177/2023-PIII")
    assert r.id == "itaip-rr-dai-177-2023-piii"
    assert r.date == "2023-04-21"
    assert (r.sujeto_obligado, r.ponente, r.folio) == (
        "Ayuntamiento de Centro",
        "Leida López Arrazate",
        "271158600003523",
    )
    assert r.sentido == ["revoca", "ordena"]
    assert r.cites_criteria == ["INAI SO/7/2019", "INAI 7/2017"]
    assert r.cites_articles == ["LTAIPET 121 I", "LTAIPET 121 II", "LTAIPET 121 IV", "LTAIPET 143"]


INAI = """Instituto Nacional de Transparencia, Acceso a la Información y Protección de Datos Personales

Sujeto obligado ante el cual se presentó la solicitud: Secretaría de Gobernación
Folio de la solicitud: 0000400123417
Número de expediente: RRA 01234/17
Comisionada Ponente: Areli Cano Guadiana

Ciudad de México, a diez de mayo de dos mil diecisiete.

Resolución que modifica la respuesta.

Resolutivos

PRIMERO. Con fundamento en el artículo 157, fracción III de la Ley Federal de Transparencia, se
MODIFICA la respuesta. SEGUNDO. Se instruye al sujeto obligado para que entregue la información.
"""


def test_inai_resolution() -> None:
    r = record(INAI)
    assert (r.garante, r.state, r.expediente, r.id) == (
        "INAI",
        "Nacional",
        "RRA 1234/17",
        "inai-rra-1234-17",
    )
    assert (r.date, r.folio, r.ponente) == ("2017-05-10", "0000400123417", "Areli Cano Guadiana")
    assert r.sujeto_obligado == "Secretaría de Gobernación"
    assert r.sentido == ["modifica", "ordena"]
    assert r.cites_articles == ["LFTAIP 157 III"]


def test_anonymised_values_are_not_taken() -> None:
    text = (
        "EXPEDIENTE: IVAI-REV/3/2020/II\nRECURRENTE: ********\nSUJETO OBLIGADO: [Eliminado]\n"
        "PONENTE: Dato protegido\nFOLIO: C. [...]\n\nXalapa, Veracruz, a 3 de marzo de 2020.\n"
    )
    r = record(text)
    assert (r.sujeto_obligado, r.ponente, r.folio) == (None, None, None)
    assert r.expediente == "IVAI-REV/3/2020/II"


def test_unknown_expediente_format_keeps_the_value_and_warns() -> None:
    text = "EXPEDIENTE: CEAIP-RR/012/2019\nSUJETO OBLIGADO: Ayuntamiento de Ahome\n\nVISTOS para resolver."
    r = record(text)
    assert (r.expediente_raw, r.expediente) == ("CEAIP-RR/012/2019", "CEAIP-RR/012/2019")
    assert any("CEAIP-RR/012/2019" in w for w in r.extraction["warnings"])
    assert r.id.startswith("doc-") and len(r.id) == 20  # no garante known: a content hash
    forced = record(text, garante="ivai")
    assert (forced.garante, forced.state, forced.id) == (
        "IVAI",
        "Veracruz",
        "ivai-ceaip-rr-012-2019",
    )


def test_ocr_garbled_label_value_takes_the_expediente_written_nearby() -> None:
    text = (
        "INSTITUTO TABASQUEÑO DE TRANSPARENCIA Y ACCESO A LA INFORMACIÓN PÚBLICA\n\nDENUNCIA\n\n"
        "Número de expediente: DI/DAI1/0001/2016-PIII\nSujeto obligado: Universidad Juárez\n\n"
        "VISTO el expediente DI/DAI/0001/2016-PIII, relativo a la denuncia, y"
    )
    r = record(text)
    assert (r.expediente, r.expediente_raw) == ("DI/DAI/1/2016-PIII", "DI/DAI/0001/2016-PIII")
    assert r.extraction["warnings"] == []
    assert r.cites_expedientes == []


CAPTION_SENTENCE = """Instituto Estatal de Transparencia, Acceso a la Información Pública y Protección de Datos Personales (INAIP)

RESOLUCIÓN DEL RECURSO DE REVISIÓN

Resolución que emite el Pleno del Instituto en el recurso de revisión RR/1/2024/INAIP, interpuesto por
C. [...], en contra de H. Ayuntamiento de Mérida, derivado de la solicitud de información con folio
316463357589924, siendo ponente la Comisionada Patricia Mendoza Moreno.

Mérida, Yuc., a veintiséis de abril del dos mil veinticuatro.

VISTOS para resolver los autos del recurso de revisión RR/1/2024/INAIP, y

RESULTANDOS

I. El particular presentó una solicitud en contra de otra dependencia, por la falta de respuesta.
"""


def test_fields_named_in_the_caption_sentence() -> None:
    r = record(CAPTION_SENTENCE)
    assert (r.expediente, r.garante, r.date) == ("RR/1/2024/INAIP", "INAIP", "2024-04-26")
    assert r.sujeto_obligado == "H. Ayuntamiento de Mérida"
    assert r.ponente == "Patricia Mendoza Moreno"
    assert r.folio == "316463357589924"


@pytest.mark.parametrize(
    ("caption", "sujeto", "ponente"),
    [
        # "Ponencia:" label, title in capitals, name wrapped onto the next line
        (
            "SUJETO OBLIGADO RESPONSABLE: Universidad Autónoma de Chiapas\nPONENCIA: COMISIONADO Fernando Cruz\nCanché\nNÚMERO DE FOLIO: 0719355436825\n",
            "Universidad Autónoma de Chiapas",
            "Fernando Cruz Canché",
        ),
        # DOCX caption with tabs
        (
            "SUJETO OBLIGADO:\tH. Ayuntamiento de Othón P. Blanco\nPONENTE:\tCOMISIONADO Rubén Peñaloza Villanueva\n",
            "H. Ayuntamiento de Othón P. Blanco",
            "Rubén Peñaloza Villanueva",
        ),
        # a caption table read out of order: the document's title between label and value
        (
            "SUJETO OBLIGADO\nRESPONSABLE:\n\nAcuerdo de cumplimiento\n\nSecretaría de Educación de Quintana Roo\n\n",
            "Secretaría de Educación de Quintana Roo",
            None,
        ),
        # OCR's blank line inside a wrapped value, and "H." at a line end
        (
            "Sujeto obligado responsable: Fiscalía General\n\ndel Estado de Campeche\n\nComisionado ponente: Manuel Ruiz Cruz\n",
            "Fiscalía General del Estado de Campeche",
            "Manuel Ruiz Cruz",
        ),
        (
            "SUJETO OBLIGADO RESPONSABLE: H.\nAyuntamiento de Mérida\nFECHA DE RESOLUCIÓN: 21/enero/2025\n",
            "H. Ayuntamiento de Mérida",
            None,
        ),
        # colons lost with a table layout: capitals, title case, label alone on its line
        (
            "SUJETO OBLIGADO Fideicomiso de Promoción Turística\n\nPONENCIA COMISIONADA Leticia Rodríguez Moreno\n",
            "Fideicomiso de Promoción Turística",
            "Leticia Rodríguez Moreno",
        ),
        (
            "Sujeto obligado Partido Revolucionario Institucional, Comité Directivo Estatal\n\nComisionado Ponente Dr. Jorge Moreno Reyes\n",
            "Partido Revolucionario Institucional, Comité Directivo Estatal",
            "Jorge Moreno Reyes",
        ),
        (
            "SUJETO OBLIGADO RESPONSABLE\nAyuntamiento de Tizimín\n\nCOMISIONADA PONENTE\nAna Ruiz Sol\n",
            "Ayuntamiento de Tizimín",
            "Ana Ruiz Sol",
        ),
        # "Ponencia: II" names the ponencia, not the person: the vote formula does
        (
            "SUJETO OBLIGADO: Poder Legislativo\nPONENCIA: II\n\nAsí lo resolvieron, siendo ponente el Comisionado Eduardo García García.\n",
            "Poder Legislativo",
            "Eduardo García García",
        ),
    ],
)
def test_caption_label_layouts(caption: str, sujeto: str, ponente: str | None) -> None:
    r = record(
        "RECURSO DE REVISIÓN\n\nEXPEDIENTE: IVAI-REV/3/2020/II\n"
        + caption
        + "\nXalapa, Veracruz, a 3 de marzo de 2020."
    )
    assert (r.sujeto_obligado, r.ponente) == (sujeto, ponente)


def test_ocr_garbled_caption_and_ponencia_strokes_read_as_i() -> None:
    text = (
        "DENUNCIA\n\nEXPEDIENTE NO.: ITAIP-DI'DA/1/1/2021-PII\n\nSUJETO OBLIGADO RECURRIDO: Ayuntamiento de Tenosique\n\n"
        "VISTO el expediente ITAIP-DI/DAI/1/2021-PIL, relativo a la denuncia, y"
    )
    r = record(text)
    assert (r.expediente, r.id, r.cites_expedientes) == (
        "DI/DAI/1/2021-PII",
        "itaip-di-dai-1-2021-pii",
        [],
    )


def test_ocr_ponencia_in_the_caption_yields_to_the_one_the_text_repeats() -> None:
    text = (
        "DENUNCIA\n\nExpediente número: DI/DAI/0001/2016-PIIII\n\nSujeto obligado: Universidad\n\n"
        "VISTO el expediente DI/DAI/0001/2016-PIII, relativo a la denuncia, y"
    )
    r = record(text)
    assert r.expediente == "DI/DAI/1/2016-PIII"
    assert r.cites_expedientes == []


def test_expediente_label_wins_over_a_running_header_line() -> None:
    text = (
        "Recurso de revisión IVAI-REV/0001/2019/III\n\nINSTITUTO VERACRUZANO DE ACCESO A LA INFORMACIÓN\n\n"
        "Expediente No.: IVAI-REV/001/2019/III\n\nSujeto obligado: Poder Legislativo\n"
    )
    assert record(text).expediente_raw == "IVAI-REV/001/2019/III"


def test_running_header_at_a_page_top_does_not_cut_a_citation() -> None:
    page1 = "EXPEDIENTE: IVAI-DOF/3/2020/II\n\nLo previsto en el artículo 155, fracción I, de"
    page2 = "Expediente: IVAI-DOF/0003/2020/II\n\nla LGTAIP. Así lo resolvieron."
    assert record(page1 + "\f" + page2).cites_articles == ["LGTAIP 155 I"]


def test_garante_argument_overrides_and_unknown_one_fails() -> None:
    assert record(ITAIP, garante="IVAI").garante == "IVAI"
    with pytest.raises(ValueError, match="desconocido"):
        record(ITAIP, garante="XYZ")


def test_header_body_outweighs_many_mentions_of_others() -> None:
    body = (
        "Conforme al criterio del INAI y del Instituto Veracruzano de Acceso a la Información. "
        * 20
    )
    text = (
        "Instituto de Acceso a la Información y Protección de Datos Personales de Quintana Roo\n\n"
        "EXPEDIENTE: RR/0088/2020/IDAIPQROO/II\n\nChetumal, Quintana Roo, a 2 de junio de 2020.\n\n"
        + body
    )
    r = record(text)
    assert (r.garante, r.state, r.expediente) == (
        "IDAIPQROO",
        "Quintana Roo",
        "RR/88/2020/IDAIPQROO/II",
    )


CRITERION = """Instituto Estatal de Transparencia, Acceso a la Información Pública y Protección de Datos Personales

Criterio de interpretación 01/2024

RUBRO:
VERSIÓN PÚBLICA. DEBE ACOMPAÑARSE DEL ACTA DEL COMITÉ DE TRANSPARENCIA QUE LA APRUEBA

Conforme al artículo 111 de la Ley General y al criterio 01/2018 del IVAI.

PRECEDENTES

• Recurso de revisión RR/0002/2023/INAIP. Sujeto obligado: Ayuntamiento de Valladolid. Fecha de
resolución: 8 de agosto de 2023. Ponente: Patricia Mendoza Moreno.

Vigencia: Vigente.

Aprobado por el Pleno en sesión ordinaria celebrada el veintiuno de junio del año dos mil veinticuatro.
"""


def test_criterion_record() -> None:
    r = record(CRITERION)
    assert (r.doc_type, r.garante, r.number, r.id) == (
        "criterio",
        "INAIP",
        "1/2024",
        "inaip-criterio-1-2024",
    )
    assert (
        r.title
        == r.rubro
        == "VERSIÓN PÚBLICA. DEBE ACOMPAÑARSE DEL ACTA DEL COMITÉ DE TRANSPARENCIA QUE LA APRUEBA"
    )
    assert r.date == "2024-06-21"  # not the precedent's resolution date
    assert [p.expediente for p in r.precedentes] == ["RR/2/2023/INAIP"]
    assert r.vigencia == "vigente"
    assert r.cites_criteria == ["IVAI 1/2018"]
    assert r.cites_articles == ["LGTAIP 111"]
    assert (r.sujeto_obligado, r.ponente, r.expediente, r.sentido) == (None, None, None, [])


def test_acuerdo_and_sample_marker() -> None:
    text = (
        f"{SAMPLE_MARKER} — generado por el proyecto\n\nComisión de Transparencia y Acceso a la "
        "Información Pública del Estado de Campeche\n\nACUERDO DE CUMPLIMIENTO\n\nExpediente: "
        "COTAIPEC/RR/045/2021\n\nSujeto obligado: Secretaría de Salud\n\nSan Francisco de Campeche, "
        "Campeche, a 5 de mayo de 2022.\n\nSE ACUERDA\n\nPRIMERO. Se declara el INCUMPLIMIENTO de la "
        "resolución y se ORDENA a Secretaría de Salud dar cumplimiento en cinco días hábiles."
    )
    r = record(text)
    assert (r.doc_type, r.garante, r.expediente, r.date) == (
        "acuerdo",
        "COTAIPEC",
        "COTAIPEC/RR/45/2021",
        "2022-05-05",
    )
    assert r.sentido == ["ordena"]
    assert r.is_sample


def test_law_text_cites_its_own_articles_by_its_abbreviation() -> None:
    articles = "\n".join(f"Artículo {n}. Disposición número {n} de esta Ley." for n in range(1, 13))
    text = (
        "LEY GENERAL DE TRANSPARENCIA Y ACCESO A LA INFORMACIÓN PÚBLICA\n\n"
        + articles
        + "\nArtículo 13. En términos del artículo 6o. de la Constitución y del artículo 4 de esta Ley."
    )
    r = record(text)
    assert r.doc_type == "ley"
    assert r.cites_articles == ["CPEUM 6", "LGTAIP 4"]
    assert r.title == "LEY GENERAL DE TRANSPARENCIA Y ACCESO A LA INFORMACIÓN PÚBLICA"


@pytest.mark.parametrize(
    ("garante", "expediente", "number", "expected"),
    [
        ("IVAI", "IVAI-REV/275/2017/I", None, "ivai-rev-275-2017-i"),
        ("INAI", "RRA 1234/19", None, "inai-rra-1234-19"),
        ("ITAIP", "RR/DAI/177/2023-PIII", None, "itaip-rr-dai-177-2023-piii"),
        ("INAI", None, "SO/7/2019", "inai-criterio-so-7-2019"),
        ("IVAI", None, "3/2017", "ivai-criterio-3-2017"),
        (None, "RRA 1234/19", None, "doc-0123456789abcdef"),
        (None, None, None, "doc-0123456789abcdef"),
    ],
)
def test_record_id(
    garante: str | None, expediente: str | None, number: str | None, expected: str
) -> None:
    assert record_id(garante, expediente, number, "0123456789abcdef" * 4) == expected


def test_slug_folds_accents() -> None:
    assert slug("Ñandú/Ópera 12") == "nandu-opera-12"
