"""The personal-data gate: check digits, each detector, the not-hits, the verdict."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from corpus.personal_data import (
    CONTEXT_CHARS,
    KIND_LABELS,
    KINDS,
    MARK_CLOSE,
    MARK_OPEN,
    GateResult,
    ScanOptions,
    check,
    clabe_check_digit,
    clabe_is_valid,
    curp_check_digit,
    curp_is_valid,
    nss_check_digit,
    nss_is_valid,
    redact,
    review_status,
    rfc_check_digit,
    scan,
    yymmdd_is_valid,
)

# --- check digits: published vectors (python-stdnum, Wikipedia, bank test suites) -----------


@pytest.mark.parametrize(
    "curp",
    [
        "HEGG560427MVZRRL04",
        "BOXW310820HNERXN09",  # born abroad (NE)
        "MAAR790213HMNRLF03",
        "TUAZ040213MCLRLFA7",  # born in the 2000s: letter in position 17
        "PEGL890909MJCRMS08",
    ],
)
def test_curp_valid(curp: str) -> None:
    assert curp_is_valid(curp)
    assert curp_check_digit(curp[:17]) == curp[17]


@pytest.mark.parametrize(
    ("curp", "why"),
    [
        ("BOXW310820HNERXN08", "wrong check digit"),
        ("HEGG560427MVZRRL05", "wrong check digit"),
        ("HEGG560230MVZRRL04", "30 February"),
        ("HEGG561327MVZRRL04", "month 13"),
        ("HEGG560427MZZRRL04", "no state ZZ"),
        ("HEGG560427QVZRRL04", "sex Q"),
        ("HEGG560427MVZRRL0", "17 characters"),
        ("XXXXXXXXXXXXXXXXXX", "all X"),
    ],
)
def test_curp_invalid(curp: str, why: str) -> None:
    assert not curp_is_valid(curp), why


@pytest.mark.parametrize("rfc", ["GODE561231GR8", "SAT970701NN3", "IMS421231I45"])
def test_rfc_check_digit(rfc: str) -> None:
    assert rfc_check_digit(rfc[:-1]) == rfc[-1]


@pytest.mark.parametrize(
    ("clabe", "valid"),
    [
        ("032180000118359719", True),
        ("103150124152345786", True),
        ("002180032240946700", True),
        ("032180000118359718", False),
        ("03218000011835971", False),
        ("03218000011835971X", False),
    ],
)
def test_clabe(clabe: str, valid: bool) -> None:
    assert clabe_is_valid(clabe) is valid
    if valid:
        assert clabe_check_digit(clabe[:17]) == clabe[17]


@pytest.mark.parametrize(
    ("nss", "valid"),
    [("12345678903", True), ("92119624721", True), ("12345678904", False), ("9211962472", False)],
)
def test_nss(nss: str, valid: bool) -> None:
    assert nss_is_valid(nss) is valid
    if valid:
        assert nss_check_digit(nss[:10]) == nss[10]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("000229", True),
        ("960229", True),
        ("010229", False),
        ("991231", True),
        ("991301", False),
        ("990431", False),
        ("9912", False),
        ("99123A", False),
    ],
)
def test_yymmdd(value: str, valid: bool) -> None:
    assert yymmdd_is_valid(value) is valid


# --- detectors: what is a hit ------------------------------------------------------------------

HITS = [
    ("curp", "con CURP HEGG560427MVZRRL04 y", "HEGG560427MVZRRL04"),
    ("curp", "(BOXW310820HNERXN09)", "BOXW310820HNERXN09"),
    ("curp", "CURP HEGG56O427MVZRRL04,", "HEGG56O427MVZRRL04"),  # OCR: O for 0
    ("curp", "CURP PEGL890909MJCRM508,", "PEGL890909MJCRM508"),  # OCR: 5 for S
    ("rfc", "RFC: GODE561231GR8.", "GODE561231GR8"),
    ("rfc", "R.F.C. GODE-561231-GR8,", "GODE-561231-GR8"),
    ("rfc", "a nombre de GODE561231GR0 por", "GODE561231GR0"),  # wrong check digit: still an RFC
    ("rfc", "la empresa con RFC ABC010203XY4,", "ABC010203XY4"),  # persona moral, 12
    ("voter_key", "clave de elector GMVLMR80070501M100,", "GMVLMR80070501M100"),
    ("clabe", "CLABE interbancaria 032180000118359719.", "032180000118359719"),
    ("clabe", "deposítese en 032 180 00011835971 9.", "032 180 00011835971 9"),
    ("clabe", "103150124152345786", "103150124152345786"),  # standalone
    ("nss", "NSS: 92119624721.", "92119624721"),
    ("nss", "número de seguridad social 1234567890-3", "1234567890-3"),
    ("nss", "afiliado al IMSS con el número 12345678904", "12345678904"),  # mistyped: medium
    ("phone", "teléfono (228) 842-0270,", "(228) 842-0270"),
    ("phone", "cel. 999 123 45 67", "999 123 45 67"),
    ("phone", "celular +52 1 55 1234 5678", "+52 1 55 1234 5678"),
    ("phone", "whatsapp 55 12 34 56 78;", "55 12 34 56 78"),
    ("phone", "Tel.9931234567", "9931234567"),
    ("phone", "marcar al 993.123.4567", "993.123.4567"),
    ("phone", "comunicarse al 981-812-3456.", "981-812-3456"),  # formatted, no keyword
    ("phone", "teléfono 993 958\n66 69,", "993 958\n66 69"),  # broken by a PDF line end
    ("phone", "Tel: 01 (999) 123 4567", "(999) 123 4567"),  # old long-distance prefix
    ("phone", "celular 044 55 1234 5678", "55 1234 5678"),  # old mobile prefix
    ("email", "correo juan.perez88@gmail.com,", "juan.perez88@gmail.com"),
    ("email", "<Lucia_Chan+tramites@despacho.com.mx>", "Lucia_Chan+tramites@despacho.com.mx"),
    (
        "address",
        "con domicilio en Calle Reforma número 123, Colonia Centro, C.P. 91000, Xalapa.",
        "Calle Reforma número 123, Colonia Centro, C.P. 91000",
    ),
    (
        "address",
        "vive en calle 60 número 452 por 51 y 53, colonia Centro.",
        "calle 60 número 452 por 51 y 53, colonia Centro",
    ),
    ("address", "en Calle Hidalgo S/N, Colonia Obrera;", "Calle Hidalgo S/N, Colonia Obrera"),
    (
        "address",
        "SUJETO OBLIGADO: Secretaría de Obras Públicas\n\ncon domicilio en Colonia Obrera, C.P. 06373",
        "Colonia Obrera, C.P. 06373",
    ),
    (
        "address",
        "la obra frente al domicilio del recurrente en Calle 8 número 31, Col. Centro",
        "Calle 8 número 31, Col. Centro",
    ),
    ("name", "el C. Juan Pérez de la Cruz, con", "Juan Pérez de la Cruz"),
    ("name", "la C. Lic. María José Gómez Ruiz, quien", "María José Gómez Ruiz"),
    ("name", "la persona recurrente Itzel Canché Pech manifestó", "Itzel Canché Pech"),
    ("name", "el recurrente, Raúl Ordóñez Núñez, se inconformó", "Raúl Ordóñez Núñez"),
    ("name", "el ciudadano JOSÉ LUIS MAY DZIB solicitó", "JOSÉ LUIS MAY DZIB"),
    ("name", "semblanza del C. Andrés Manuel López\nObrador.", "Andrés Manuel López\nObrador"),
    (
        "name",
        "EXPEDIENTE: RR/DAI/0177/2023-PIII\nRECURRENTE: JUAN PÉREZ LÓPEZ\n",
        "JUAN PÉREZ LÓPEZ",
    ),
    ("name", "Nombre del solicitante: Ana Cetina Balam.", "Ana Cetina Balam"),
    ("name", "el C. Titular de la Unidad de Transparencia y los CC. Ana Uc Pech y", "Ana Uc Pech"),
    (
        "name",
        "Comisionado Ponente Rosendoevgueni Monterrey Chepov. la C. Sofía Uc Pech presentó",
        "Sofía Uc Pech",
    ),
    ("name", "A.\tAntecedentes\nC. Juan Pérez López\nPRESENTE", "Juan Pérez López"),
]


@pytest.mark.parametrize(("kind", "text", "value"), HITS)
def test_hit(kind: str, text: str, value: str) -> None:
    findings = scan(text)
    assert [(f.kind, f.value) for f in findings] == [(kind, value)]
    f = findings[0]
    assert text[f.start : f.end] == value


# --- what is not a hit ---------------------------------------------------------------------------

NOT_HITS = [
    "RFC XAXX010101000 (público en general) y XEXX010101000 (extranjeros).",
    "CURP: XXXXXXXXXXXXXXXXXX.",
    "la CURP BOXW310820HNERXN08 no corresponde",  # wrong check digit
    "CLABE 032180000118359718",  # wrong check digit
    "la clave HEGG56O427MVZRRL05 no es válida",  # OCR-garbled and a wrong check digit
    "el nombre de la persona recurrente [Eliminado] y su domicilio [Eliminado].",
    "teléfono ********, correo electrónico ******** y CURP ********.",
    "la C. [Eliminado] presentó; el particular (…) se inconformó; Dato protegido.",
    "domicilio [...] y teléfono XXXXXXXXXX; correo electrónico XXXXX@XXXX.com",
    "EXPEDIENTE: IVAI-REV/275/2017/I; RR/DAI/0177/2023-PIII; RRA 2959/16.",
    "FOLIO DE SOLICITUD: 271158600003523.",
    "con número de folio 9991234567, presentada",  # a 10-digit folio is not a phone
    "folio 032180000118359719 de la Plataforma Nacional",  # an 18-digit folio is not a CLABE
    "la solicitud con folio 00123456 fue turnada",
    "oficio número UT/123/2023 y acuse de recibo 9931234567.",
    "registro 12345678903 del padrón de proveedores.",  # no NSS keyword
    "contrato número 9812345678 celebrado con la empresa",
    "la solicitud presentada vía telefónica con folio 2281234567",
    "con fundamento en los artículos 61, fracciones II, V y XII, 134 y 135 de la Ley Federal.",
    "el 09 de abril de 2019; el día 09/04/2019; con fecha 2019-04-09; periodo 01-01-2020 al 31-12-2020.",
    "en los ejercicios 2017-2018 y 2019-2021, páginas 123-145.",
    "por un monto de $1,234,567.89 en la partida 33901.",
    "al correo unidad.transparencia@ivai.org.mx o a transparencia@veracruz.gob.mx",
    "escriba a contacto@itaip.org.mx; el titular, lic.jramirez@congresoqroo.gob.mx,",
    "al teléfono 01 800 835 4324 (línea gratuita)",
    "Tel. (228) 842 0270 ext. 201",
    "las oficinas de este Instituto, ubicadas en Calle Guadalupe Victoria número 7, Colonia Centro, C.P. 91000,",
    "el C. Presidente Municipal informó; el C. Titular de la Unidad de Transparencia.",
    "Estimado Ciudadano. En atención a su solicitud",
    "el recurrente. En consecuencia, el particular interpuso el recurso.",
    "apartado C. La información relativa a los recursos públicos",
    "la vida privada a que se refiere el artículo 16 de la Constitución",
    "ATENTAMENTE\n\nMORELOS CANSECO GÓMEZ\n\nTITULAR DE LA UNIDAD DE TRANSPARENCIA",
    "Comisionado Ponente Rosendoevgueni Monterrey Chepov.",
    "Colonia Centro de la ciudad de Mérida",  # a place, no number: not an address
    "el contrato de pavimentación de la calle 21 entre 10 y 12 de la colonia Centro",
    "la obra ubicada en Avenida Universidad número 100, Col. Centro, C.P. 86000",
    "Al C. Lic. Manuel Aguirre Berlanga, Subsecretario Encargado del Despacho",  # in office
    "el C. Juan Pérez López, Titular de la Unidad de Transparencia, informó",
    "así lo resolvieron los Comisionados Lic. Ana Uc Pech, Mtro. Raúl Ek May y C. Rosa Chan Cruz",
    "COMISIONADA PONENTE:\nC. Claudia Reyes Solís\nFOLIO: 271158600003523",
    "en términos del apartado C. Derechos Humanos del Plan",
    "A. Primer punto.\nB. Segundo punto.\nC. Derechos Humanos Laborales",
    "RECURRENTE: [ELIMINADO]\nSUJETO OBLIGADO: Ayuntamiento de Centro",
]


@pytest.mark.parametrize("text", NOT_HITS)
def test_not_hit(text: str) -> None:
    assert scan(text) == [], [f.context for f in scan(text)]


# --- the Finding, the verdict and the options -----------------------------------------------------


def test_finding_context_marks_the_value() -> None:
    text = "x" * 200 + " con CURP HEGG560427MVZRRL04 y\notros datos " + "y" * 200
    (f,) = scan(text)
    assert f.context.startswith("…") and f.context.endswith("…")
    assert f"{MARK_OPEN}HEGG560427MVZRRL04{MARK_CLOSE}" in f.context
    assert f.before.endswith("con CURP ") and len(f.before) == CONTEXT_CHARS + 1
    assert "\n" not in f.after
    assert f.label == "CURP" and f.rule == "curp" and f.confidence == "high"


def test_every_kind_has_a_spanish_label() -> None:
    assert set(KIND_LABELS) == set(KINDS)


def test_crlf_and_odd_spaces_keep_offsets() -> None:
    text = (
        "semblanza del C. Andrés Manuel López\r\nObrador.\r\nTel.\u00a0(999)\u00a0123\u00a04567\r\n"
    )
    findings = scan(text)
    assert [f.kind for f in findings] == ["name", "phone"]
    assert [f.value for f in findings] == [
        "Andrés Manuel López\r\nObrador",
        "(999)\u00a0123\u00a04567",
    ]
    assert all(text[f.start : f.end] == f.value for f in findings)


def test_review_status() -> None:
    assert review_status([]) == "publicable"
    assert review_status(scan("CURP HEGG560427MVZRRL04")) == "retenido"
    assert review_status(iter(scan("teléfono 9931234567"))) == "retenido"


def test_check_gives_status_and_counts() -> None:
    result = check("el C. Juan Pérez López, teléfono 9931234567, correo jp@gmail.com")
    assert isinstance(result, GateResult)
    assert result.status == "retenido"
    assert result.counts() == {"name": 1, "phone": 1, "email": 1}
    assert check("Se confirma la respuesta del sujeto obligado.") == GateResult("publicable", ())


def test_gate_result_round_trips_through_json() -> None:
    result = check("el C. Juan Pérez López, CURP HEGG560427MVZRRL04")
    data = json.loads(json.dumps(result.to_dict()))
    assert data["findings"][1]["label"] == "CURP"
    assert "⟦HEGG560427MVZRRL04⟧" in data["findings"][1]["context"]
    assert GateResult.from_dict(data) == result


def test_every_phone_in_a_list_after_one_keyword() -> None:
    findings = scan("Tels. 999 123 4567 y 999 765 4321; correo JUAN.PEREZ@GMAIL.COM")
    assert [(f.kind, f.value) for f in findings] == [
        ("phone", "999 123 4567"),
        ("phone", "999 765 4321"),
        ("email", "JUAN.PEREZ@GMAIL.COM"),
    ]


def test_findings_in_text_order_without_overlaps() -> None:
    text = "CURP HEGG560427MVZRRL04, RFC HEGG560427AB1, tel. 9991234567, jp@gmail.com"
    findings = scan(text)
    assert [f.kind for f in findings] == ["curp", "rfc", "phone", "email"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))


def test_options_public_names_and_domains_and_kinds() -> None:
    text = "el C. Andrés Manuel López Obrador; escriba a mlopez@morena.si; tel. 5512345678"
    assert {f.kind for f in scan(text)} == {"name", "email", "phone"}
    options = ScanOptions(
        public_names=frozenset({"ANDRES MANUEL LOPEZ OBRADOR"}),
        public_email_domains=frozenset({"morena.si"}),
        kinds=frozenset(KINDS) - {"phone"},
    )
    assert scan(text, options) == []


def test_company_rfc_is_low_confidence_and_can_be_switched_off() -> None:
    text = "la empresa Constructora del Sureste, con RFC CSU010203AB4, y su apoderado con RFC GODE561231GR8"
    findings = scan(text)
    assert [(f.rule, f.confidence) for f in findings] == [
        ("rfc_moral", "low"),
        ("rfc_fisica", "high"),
    ]
    only = scan(text, ScanOptions(rules_off=frozenset({"rfc_moral"})))
    assert [f.value for f in only] == ["GODE561231GR8"]


def test_redact_replaces_each_value() -> None:
    text = "el C. Juan Pérez López, tel. 9931234567, correo jp@gmail.com."
    assert redact(text, scan(text)) == "el C. [Eliminado], tel. [Eliminado], correo [Eliminado]."
    assert scan(redact(text, scan(text))) == []
    assert redact(text, []) == text


def test_free_mail_role_mailbox_is_public_but_personal_is_not() -> None:
    # Small municipalities run their Unidad de Transparencia on free mail.
    assert scan("transparencia.tenosique@gmail.com") == []
    assert [f.kind for f in scan("tenosique.juan@gmail.com")] == ["email"]


@pytest.mark.parametrize(
    "hostile",
    [
        "C. " * 20000,
        "C. Juan Pérez " * 3000,
        "\nB. x\nC. Juan Pérez" * 3000,
        "los Comisionados " + "Perea Arena Yaa Deaea " * 2000 + "x C. Juan Pérez López",
        "9" * 60000 + " " + "1 " * 20000,
        "a@" * 20000 + "a." * 20000 + "@b.com",
        "Calle " * 10000 + "Colonia " * 10000,
    ],
    ids=["c-dots", "many-names", "lettered", "officials-gap", "digits", "at-signs", "street-words"],
)
def test_hostile_text_is_scanned_in_bounded_time(hostile: str) -> None:
    """A guard, not a benchmark: no pattern backtracks badly or grows quadratically."""
    t0 = time.perf_counter()
    scan(hostile)
    assert time.perf_counter() - t0 < 5.0
