"""Criteria of interpretation: number, rubro, text, precedentes (every layout), vigencia."""

from __future__ import annotations

import pytest

from corpus.criteria import parse_criterion
from corpus.garantes import Registry, load_registry
from corpus.records import Precedent


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


INAI_SECOND_ERA = """Segunda Época

Criterio 07/17

Casos en los que no es necesario que el Comité de Transparencia confirme formalmente la
inexistencia de la información. La Ley General de Transparencia establece el procedimiento que
deben seguir los sujetos obligados. No obstante, no será necesario que el Comité lo confirme.

Resoluciones:

• RRA 2959/16. Secretaría de Gobernación. 23 de noviembre de 2016. Por unanimidad. Comisionado
Ponente Rosendoevgueni Monterrey Chepov.
• RRA 3186/16. Petróleos Mexicanos. 13 de diciembre de 2016. Por unanimidad. Comisionado Ponente
Francisco Javier Acuña Llamas.
"""

INAI_THIRD_ERA = """Clave de control: SO/007/2019
Materia: Acceso a la información pública
Tipo de criterio: Reiterado
Rubro: Información reservada. Prueba de daño.
Texto: Los sujetos obligados deben acreditar la prueba de daño en cada caso.
Precedentes:
• Acceso a la información pública. RRA 1234/17. Sesión del 10 de mayo de 2017. Votación por
unanimidad. Sin votos disidentes o particulares. Sujeto obligado: H. Ayuntamiento de Xalapa.
Comisionada Ponente: Mtra. Blanca Lilia Ibarra Cadena.
• Acceso a la información pública. RRA 0456/18. Sesión del 3 de junio de 2018. Votación por
unanimidad. Sujeto obligado: Comisión Federal de Electricidad. Comisionado Ponente: Oscar Mauricio
Guerra Ford.
Vigencia: Histórico. Superado por el criterio SO/002/2021.
"""

STATE_UPPER_RUBRO = """Instituto Veracruzano de Acceso a la Información y Protección de Datos Personales

CRITERIO DE INTERPRETACIÓN NÚMERO 03/2018

PRUEBA DE DAÑO. DEBE ACREDITARSE CASO POR CASO
PARA CLASIFICAR INFORMACIÓN COMO RESERVADA

De la interpretación del artículo 113 de la Ley General se desprende que la prueba de daño es
individual.

PRECEDENTES

IVAI-REV/0012/2017/I, interpuesto en contra de H. Ayuntamiento de Xalapa. Resuelto el 3 de mayo
de 2017, por unanimidad de votos. Comisionado(a) ponente: Lic. Ana Pérez Luna.

IVAI-REV/40/2017/II, interpuesto en contra de Universidad Veracruzana. Resuelto el 9 de junio de
2017, por unanimidad de votos. Comisionado(a) ponente: José Ruiz Díaz.

Estado: Criterio histórico; fue superado por el criterio 01/2020 de este Instituto.
"""


def test_inai_second_era(registry: Registry) -> None:
    info = parse_criterion(INAI_SECOND_ERA, registry)
    assert info.number == "7/2017"
    assert info.rubro is not None
    assert info.rubro.startswith("Casos en los que no es necesario")
    assert info.rubro.endswith("inexistencia de la información")
    assert info.text is not None and info.text.startswith("La Ley General de Transparencia")
    assert info.precedentes == (
        Precedent("RRA 2959/16", "Secretaría de Gobernación", "Rosendoevgueni Monterrey Chepov"),
        Precedent("RRA 3186/16", "Petróleos Mexicanos", "Francisco Javier Acuña Llamas"),
    )
    assert (info.vigencia, info.superseded_by) == ("vigente", None)


def test_inai_third_era_labelled(registry: Registry) -> None:
    info = parse_criterion(INAI_THIRD_ERA, registry)
    assert info.number == "SO/7/2019"
    assert info.rubro == "Información reservada. Prueba de daño"
    assert info.text == "Los sujetos obligados deben acreditar la prueba de daño en cada caso"
    assert info.precedentes == (
        Precedent("RRA 1234/17", "H. Ayuntamiento de Xalapa", "Blanca Lilia Ibarra Cadena"),
        Precedent("RRA 456/18", "Comisión Federal de Electricidad", "Oscar Mauricio Guerra Ford"),
    )
    assert (info.vigencia, info.superseded_by) == ("historico", "SO/2/2021")


def test_state_criterion_upper_case_rubro_and_historic(registry: Registry) -> None:
    info = parse_criterion(STATE_UPPER_RUBRO, registry, garante="IVAI")
    assert info.number == "3/2018"
    assert info.rubro == (
        "PRUEBA DE DAÑO. DEBE ACREDITARSE CASO POR CASO PARA CLASIFICAR INFORMACIÓN COMO RESERVADA"
    )
    assert info.text is not None and info.text.startswith("De la interpretación del artículo 113")
    assert info.precedentes == (
        Precedent("IVAI-REV/12/2017/I", "H. Ayuntamiento de Xalapa", "Ana Pérez Luna"),
        Precedent("IVAI-REV/40/2017/II", "Universidad Veracruzana", "José Ruiz Díaz"),
    )
    assert (info.vigencia, info.superseded_by) == ("historico", "1/2020")


@pytest.mark.parametrize(
    "table",
    [
        # a row table as DOCX text (tabs) and as plain text (pipes)
        "Expediente\tSujeto obligado\tPonente\tFecha\n"
        "RR/DAI/0003/2020-PIII\tAyuntamiento de Cárdenas\tJosé Luis Gutiérrez Pech\t10/01/2020\n"
        "RR/DAI/9/2021-PI\tSecretaría de Salud\tMtra. Ana Ruiz Sol\t02/03/2021\n",
        "Expediente | Sujeto obligado | Ponente | Fecha\n"
        "RR/DAI/0003/2020-PIII | Ayuntamiento de Cárdenas | José Luis Gutiérrez Pech | 10/01/2020\n"
        "RR/DAI/9/2021-PI | Secretaría de Salud | Mtra. Ana Ruiz Sol | 02/03/2021\n",
        # the same table read column by column out of a PDF, a label in the middle
        "Expediente\n\nSujeto obligado\n\nPonente\n\nFecha\n\nRR/DAI/0003/2020-PIII\n\n"
        "RR/DAI/9/2021-PI\n\nAyuntamiento de\nCárdenas\n\nSecretaría de Salud\n\nVIGENCIA: VIGENTE\n\n"
        "José Luis Gutiérrez\nPech\n\nMtra. Ana Ruiz Sol\n\n10/01/2020\n\n02/03/2021\n",
    ],
)
def test_precedent_tables(registry: Registry, table: str) -> None:
    text = f"Criterio 2/2022\n\nRUBRO: Algo. Otra cosa\n\nPrecedentes:\n\n{table}\nVigencia: Vigente\n\nAprobado por el Pleno en sesión ordinaria celebrada el 1 de abril de 2022."
    info = parse_criterion(text, registry)
    assert info.precedentes == (
        Precedent("RR/DAI/3/2020-PIII", "Ayuntamiento de Cárdenas", "José Luis Gutiérrez Pech"),
        Precedent("RR/DAI/9/2021-PI", "Secretaría de Salud", "Ana Ruiz Sol"),
    )
    assert info.vigencia == "vigente"


def test_dash_separated_precedents(registry: Registry) -> None:
    text = (
        "Criterio 2/2022\n\nRUBRO: Algo. Otra cosa\n\nPRECEDENTES\n\n"
        "IVAI-REV/1/2019/III — Partido Revolucionario\nInstitucional, Comité Directivo Estatal\n"
        "— Raúl Cauich Cetina — 22/08/2019\n\n"
        "IVAI - REV/2/2022/III — Secretaría de Salud —\nRaúl Cauich Cetina — 28/02/2022\n\nVigencia: VIGENTE\n"
    )
    assert parse_criterion(text, registry).precedentes == (
        Precedent(
            "IVAI-REV/1/2019/III",
            "Partido Revolucionario Institucional, Comité Directivo Estatal",
            "Raúl Cauich Cetina",
        ),
        Precedent("IVAI-REV/2/2022/III", "Secretaría de Salud", "Raúl Cauich Cetina"),
    )


def test_precedents_found_without_their_label_before_them(registry: Registry) -> None:
    text = (
        "Criterio 1/2025\n\nRUBRO:\n\nOBLIGACIONES DE TRANSPARENCIA. LA REMISIÓN A UN PORTAL DEBE INDICAR LA RUTA\n\n"
        "Cuando la información se encuentre disponible, se deberá indicar la fuente.\n\n"
        "Recurso de revisión COTAIPEC-RR-003-2020. Sujeto obligado: Fiscalía General del Estado de\n"
        "Campeche. Fecha de resolución: 04/09/2020. Ponente: Manuel Ruiz Cruz.\n\n"
        "Vigencia: Vigente.\n\nPrecedentes\n\nCampeche, Campeche, a 05/11/2025."
    )
    info = parse_criterion(text, registry)
    assert info.precedentes == (
        Precedent(
            "COTAIPEC/RR/3/2020", "Fiscalía General del Estado de Campeche", "Manuel Ruiz Cruz"
        ),
    )
    assert (
        info.rubro == "OBLIGACIONES DE TRANSPARENCIA. LA REMISIÓN A UN PORTAL DEBE INDICAR LA RUTA"
    )


@pytest.mark.parametrize(
    ("tail", "vigencia", "superseded"),
    [
        ("Vigencia: Vigente.", "vigente", None),
        ("VIGENCIA: HISTÓRICO (sustituido por el Criterio 04/2021)", "historico", "4/2021"),
        ("Estado: Histórico. Superado por el criterio 2/2020.", "historico", "2/2020"),
        ("(Criterio histórico)", "historico", None),
        # "histórico" as an ordinary word is not a vigencia
        ("La información del archivo histórico es pública.", "vigente", None),
    ],
)
def test_vigencia(registry: Registry, tail: str, vigencia: str, superseded: str | None) -> None:
    info = parse_criterion(
        f"Criterio 5/2019\n\nRubro: Uno. Dos.\n\nTexto: Algo.\n\n{tail}", registry
    )
    assert (info.vigencia, info.superseded_by) == (vigencia, superseded)


def test_precedents_one_labelled_line_per_field_and_a_running_title_above(
    registry: Registry,
) -> None:
    text = (
        "Instituto Veracruzano de Acceso a la Información\n\nCriterio 01/2023\n\n"
        "DOCUMENTO DE MUESTRA — generado por el proyecto\n\nCRITERIO 01/2023\n\n"
        "PREVENCIÓN. SÓLO PROCEDE CUANDO LA SOLICITUD SEA IMPRECISA\n\nLa prevención interrumpe el plazo.\n\n"
        "PRECEDENTES\n\nExpediente: IVAI - REV/1/2019/II\nSujeto obligado: Poder Legislativo\n"
        "Comisionado(a) ponente: Eduardo García García\nFecha: 2 de julio de 2019\n\nEstado: Vigente.\n"
    )
    info = parse_criterion(text, registry)
    assert info.rubro == "PREVENCIÓN. SÓLO PROCEDE CUANDO LA SOLICITUD SEA IMPRECISA"
    assert info.precedentes == (
        Precedent("IVAI-REV/1/2019/II", "Poder Legislativo", "Eduardo García García"),
    )
