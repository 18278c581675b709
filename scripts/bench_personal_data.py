"""Benchmark of the personal-data gate: recall per kind, precision, and speed.

Generates Spanish resolution-like documents (deterministic for a seed) with SEEDED personal
data at known offsets (valid CURPs, RFCs, claves de elector, CLABEs, NSS, phones, e-mails,
addresses, names after "C.") and distractors that must not be hits (expedientes, folios,
dates, article numbers, redaction marks, placeholders, institutional e-mails, phones and
addresses, near-miss identifiers with wrong check digits). Then runs ``scan`` and scores it.

    .venv/bin/python -m scripts.bench_personal_data --docs 500 --seed 6

A finding is right when it overlaps a seeded span of its kind; every other finding is a false
positive. Targets (issue 6): recall 100% on CURP, CLABE, e-mail and phone, ≥ 95% on RFC,
precision ≥ 90%.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from corpus.personal_data import (
    KINDS,
    Finding,
    clabe_check_digit,
    curp_check_digit,
    nss_check_digit,
    rfc_check_digit,
    scan,
)

TARGET_RECALL = {"curp": 1.0, "clabe": 1.0, "email": 1.0, "phone": 1.0, "rfc": 0.95}
TARGET_PRECISION = 0.90

# --- vocabulary ------------------------------------------------------------------------------


def _items(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(sep) if w.strip())


FIRST = _items(
    "Juan María José Guadalupe Luis Ana Carlos Rosa Jorge Verónica Andrés Lucía Fernando Itzel "
    "Ángel Beatriz Raúl Xóchitl Héctor Noemí Ramón Citlali Efraín Sofía Úrsula Iván Dolores Jesús"
)
SURNAMES = _items(
    "Hernández García Martínez López González Pérez Rodríguez Sánchez Ramírez Cruz Gómez Chan "
    "Pech Canché Uc May Dzib Zapata Villanueva Ortiz Domínguez Ávila Núñez Ordóñez Cetina Balam"
)
PARTICLES = ("de la Cruz", "del Valle", "de los Santos", "de León")
STREETS = _items(
    "Reforma, Benito Juárez, Miguel Hidalgo, Ignacio Zaragoza, Francisco I. Madero, Revolución, "
    "Las Palmas, Emiliano Zapata, Adolfo Ruiz Cortines, Paseo Tabasco",
    ",",
)
COLONIAS = _items(
    "Centro, Jesús Carranza, Atasta, Petrolera, Itzimná, García Ginerés, Obrera, Rafael Lucio, "
    "Tamulté, Solidaridad",
    ",",
)
CITIES = ("Xalapa", "Villahermosa", "Campeche", "Tuxtla Gutiérrez", "Mérida", "Chetumal", "Cancún")
STATE_CODES = ("VZ", "TC", "CC", "CS", "YN", "QR", "DF", "PL", "OC", "NE")
FREE_MAIL = _items("gmail.com hotmail.com outlook.com yahoo.com.mx prodigy.net.mx icloud.com")
BANKS = ("002", "012", "014", "021", "030", "036", "044", "058", "072", "127", "137", "646")
SUJETOS = (
    "Ayuntamiento de Xalapa",
    "Secretaría de Salud",
    "Poder Legislativo",
    "Universidad Autónoma de Campeche",
    "Fiscalía General del Estado",
    "Comisión Estatal de Agua",
    "Ayuntamiento de Centro",
)

FILLER = (
    "Que el sujeto obligado {sujeto} dio respuesta a la solicitud dentro del plazo previsto en el artículo {art} de la Ley de Transparencia y Acceso a la Información Pública para el Estado.",
    "Este Pleno es competente para conocer y resolver el presente recurso de revisión, con fundamento en los artículos 6, apartado A, fracción VIII, de la Constitución Política de los Estados Unidos Mexicanos y {art} de la ley local.",
    "Del análisis de las constancias que integran el expediente se advierte que la información solicitada es de naturaleza pública, toda vez que se refiere al ejercicio de recursos públicos.",
    "Conforme al Criterio 07/17 emitido por el Pleno del Instituto Nacional, no es necesario que el Comité de Transparencia confirme formalmente la inexistencia de la información.",
    "Mediante acuerdo de fecha {date} se admitió el recurso y se puso a disposición de las partes el expediente para que manifestaran lo que a su derecho conviniera.",
    "El agravio hecho valer resulta fundado, en virtud de que la respuesta no atendió la totalidad de los contenidos de información requeridos.",
    "La búsqueda exhaustiva debe realizarse en todas las unidades administrativas competentes, en términos de los artículos {art} y {art2} de la Ley General.",
    "Por lo anterior, se ordena al sujeto obligado que entregue la versión pública de los contratos celebrados durante el ejercicio {year}, previa aprobación de su Comité de Transparencia.",
    "En la versión pública deberán testarse únicamente los datos personales de personas físicas identificadas o identificables, fundando y motivando la clasificación.",
    "Las partes fueron notificadas por conducto de la Plataforma Nacional de Transparencia el {date}, sin que se recibieran alegatos.",
    "Se tiene por cumplido el requerimiento formulado mediante proveído de {date}, por lo que se cierra la instrucción del asunto.",
    "El monto ejercido en la partida presupuestal asciende a ${money}, según el informe remitido por la Tesorería.",
)

# --- seeded identifiers --------------------------------------------------------------------


def _letters(rng: random.Random, n: int, alphabet: str = string.ascii_uppercase) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _birth(rng: random.Random) -> tuple[int, int, int]:
    year = rng.randint(1940, 2012)
    month = rng.randint(1, 12)
    return year, month, rng.randint(1, 28 if month == 2 else 30)


def make_curp(rng: random.Random) -> str:
    """A CURP with a real date, a state code and RENAPO's check digit."""
    year, month, day = _birth(rng)
    consonants = "BCDFGHJKLMNPQRSTVWXYZ"
    first = rng.choice(string.ascii_uppercase) + rng.choice("AEIOUX") + _letters(rng, 2)
    homo = rng.choice(string.digits) if year < 2000 else rng.choice(string.ascii_uppercase)
    body = (
        f"{first}{year % 100:02d}{month:02d}{day:02d}{rng.choice('HM')}{rng.choice(STATE_CODES)}"
        f"{_letters(rng, 3, consonants)}{homo}"
    )
    return body + curp_check_digit(body)


def make_rfc(rng: random.Random) -> str:
    """A persona física (13) or moral (12) RFC; about 1 in 50 with a wrong check digit."""
    year, month, day = _birth(rng)
    letters = "XXX"
    while set(letters) == {"X"}:  # all X is the generic RFC's, a placeholder
        letters = _letters(rng, 4 if rng.random() < 0.8 else 3)
    body = f"{letters}{year % 100:02d}{month:02d}{day:02d}{_letters(rng, 2, string.ascii_uppercase + string.digits)}"
    check = rfc_check_digit(body)
    if rng.random() < 0.02:  # real RFCs failing the check digit exist; the gate must not care
        check = "0" if check != "0" else "1"
    rfc = body + check
    if rng.random() < 0.1:
        rfc = f"{rfc[:-9]}-{rfc[-9:-3]}-{rfc[-3:]}"
    return rfc


def make_voter_key(rng: random.Random) -> str:
    year, month, day = _birth(rng)
    return (
        f"{_letters(rng, 6)}{year % 100:02d}{month:02d}{day:02d}{rng.randint(1, 32):02d}"
        f"{rng.choice('HM')}{_digits(rng, 3)}"
    )


def make_clabe(rng: random.Random) -> str:
    body = rng.choice(BANKS) + _digits(rng, 14)
    clabe = body + clabe_check_digit(body)
    if rng.random() < 0.25:
        clabe = f"{clabe[:3]} {clabe[3:6]} {clabe[6:17]} {clabe[17]}"
    return clabe


def make_nss(rng: random.Random) -> str:
    body = _digits(rng, 10)
    nss = body + nss_check_digit(body)
    return f"{nss[:10]}-{nss[10]}" if rng.random() < 0.2 else nss


def make_phone(rng: random.Random) -> str:
    """A 10-digit Mexican number in one of the ways people write them."""
    lada = rng.choice(("228", "993", "981", "961", "999", "983", "998", "55", "33", "81"))
    rest = str(rng.randint(2, 9)) + _digits(rng, 9 - len(lada))
    d = lada + rest
    style = rng.randrange(10)
    if style == 0:
        return d
    if style == 1:
        return f"({d[:3]}) {d[3:6]}-{d[6:]}" if len(lada) == 3 else f"({d[:2]}) {d[2:6]}-{d[6:]}"
    if style == 2:
        return f"{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}"
    if style == 3:
        return f"{d[:3]}-{d[3:6]}-{d[6:]}"
    if style == 4:
        return f"+52 {d[:2]} {d[2:6]} {d[6:]}"
    if style == 5:
        return f"+52 1 {d[:3]} {d[3:6]} {d[6:]}"
    if style == 6:
        return f"{d[:3]}.{d[3:6]}.{d[6:]}"
    if style == 7:
        return f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:8]} {d[8:]}"
    if style == 8:
        return f"({lada}) {rest[:-4]} {rest[-4:]}"
    return f"+52{d}"


def make_email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST), rng.choice(SURNAMES)
    fold = str.maketrans("áéíóúÁÉÍÓÚñÑü", "aeiouAEIOUnNu")
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first[0]}{last}{rng.randint(1, 99)}",
            f"{last}_{first}{rng.randint(60, 99)}",
            f"{first}{last}+tramites",
            f"{first}-{last}",
        )
    ).translate(fold)
    if rng.random() < 0.3:
        local = local.lower()
    domain = rng.choice((*FREE_MAIL, "despachojuridico.com.mx", "live.com.mx"))
    return f"{local}@{domain}"


def make_name(rng: random.Random) -> str:
    parts = [rng.choice(FIRST)]
    if rng.random() < 0.35:
        parts.append(rng.choice(FIRST))
    parts.append(rng.choice(SURNAMES))
    parts.append(rng.choice(PARTICLES) if rng.random() < 0.15 else rng.choice(SURNAMES))
    name = " ".join(parts)
    return name.upper() if rng.random() < 0.15 else name


def make_address(rng: random.Random) -> str:
    n, cp = rng.randint(1, 2500), f"{rng.randint(1, 99):02d}{rng.randint(0, 999):03d}"
    col, city, street = rng.choice(COLONIAS), rng.choice(CITIES), rng.choice(STREETS)
    return rng.choice(
        (
            f"Calle {street} número {n}, Colonia {col}, C.P. {cp}",
            f"calle {rng.randint(1, 120)} número {n} por {rng.randint(1, 99)} y {rng.randint(1, 99)}, colonia {col}",
            f"Avenida {street} No. {n}, Col. {col}, código postal {cp}",
            f"Av. {street} #{n} int. {rng.randint(1, 9)}",
            f"Privada {street} {n}, Fraccionamiento {col}",
            f"Colonia {col}, C.P. {cp}, {city}",
            f"Andador {street} número exterior {n}",
            f"Calle {street} S/N, Colonia {col}",
            f"Carretera {city}-{rng.choice(CITIES)} kilómetro {rng.randint(1, 90)}, C.P. {cp}",
        )
    )


SEED_TEMPLATES: dict[str, tuple[tuple[Callable[[random.Random], str], tuple[str, ...]], ...]] = {
    "curp": (
        (
            make_curp,
            (
                "con Clave Única de Registro de Población {v},",
                "CURP: {v}.",
                "identificado con {v} ante RENAPO,",
                "cuya clave es {v},",
                "({v})",
            ),
        ),
    ),
    "rfc": (
        (
            make_rfc,
            (
                "con RFC {v},",
                "Registro Federal de Contribuyentes {v}.",
                "contribuyente {v},",
                "R.F.C.: {v}",
                "emitida a nombre de {v} por",
            ),
        ),
    ),
    "voter_key": (
        (
            make_voter_key,
            (
                "clave de elector {v},",
                "credencial para votar con clave {v}.",
                "{v} (INE)",
            ),
        ),
    ),
    "clabe": (
        (
            make_clabe,
            (
                "CLABE interbancaria {v},",
                "cuenta {v} del banco,",
                "deposítese en {v}.",
                "mediante transferencia a la cuenta {v}",
                "datos bancarios: {v}",
            ),
        ),
    ),
    "nss": (
        (
            make_nss,
            (
                "con número de seguridad social {v},",
                "NSS: {v}.",
                "afiliado al IMSS con el número {v}",
                "N.S.S. {v},",
            ),
        ),
    ),
    "phone": (
        (
            make_phone,
            (
                "teléfono {v},",
                "Tel. {v}.",
                "celular: {v}",
                "cel. {v},",
                "número telefónico {v} y",
                "al WhatsApp {v}",
                "comunicarse al {v}.",
                "a los números {v} y",
                "contacto {v};",
            ),
        ),
    ),
    "email": (
        (
            make_email,
            (
                "correo electrónico {v},",
                "al e-mail {v}.",
                "cuenta {v} para recibir notificaciones,",
                "<{v}>",
                "escribió desde {v} el",
                "{v}",
            ),
        ),
    ),
    "address": (
        (
            make_address,
            (
                "con domicilio en {v},",
                "señaló como domicilio particular el ubicado en {v}.",
                "quien vive en {v};",
                "en su domicilio de {v}, ",
            ),
        ),
    ),
    "name": (
        (
            make_name,
            (
                "el C. {v},",
                "la C. {v} presentó",
                "la persona recurrente {v} manifestó",
                "el recurrente {v}, inconforme,",
                "el ciudadano {v} solicitó",
                "la C. Lic. {v}, quien",
                "los CC. {v} y",
            ),
        ),
    ),
}


# Seeds whose spaces may become a line break, as in text extracted from a PDF.
LINE_BREAK_KINDS = frozenset({"name", "address", "phone"})


# --- distractors: none of these may be flagged -------------------------------------------------


def _distractor(rng: random.Random) -> str:
    n = rng.randint(1, 2000)
    year = rng.randint(2015, 2025)
    clabe_like = _digits(rng, 17)
    clabe_like += clabe_check_digit(clabe_like)
    curp_bad = make_curp(rng)
    curp_bad = curp_bad[:-1] + str((int(curp_bad[-1]) + 1) % 10)
    nss_like = _digits(rng, 10)
    return rng.choice(
        (
            f"EXPEDIENTE: IVAI-REV/{n}/{year}/{rng.choice(('I', 'II', 'III'))}.",
            f"en el expediente RR/DAI/{n:04d}/{year}-PIII se resolvió",
            f"el recurso RRA {n}/{year % 100:02d} del índice del INAI.",
            f"FOLIO DE SOLICITUD: {_digits(rng, 15)}.",
            f"con número de folio {str(rng.randint(2, 9)) + _digits(rng, 9)}, presentada",
            f"folio {clabe_like} de la Plataforma Nacional",
            f"la solicitud con folio {_digits(rng, rng.randint(6, 20))} fue turnada",
            f"oficio número UT/{n}/{year} y acuse de recibo {str(rng.randint(2, 9)) + _digits(rng, 9)}.",
            f"registro {nss_like + nss_check_digit(nss_like)} del padrón de proveedores.",
            f"el {rng.randint(1, 28)} de marzo de {year}",
            f"el día {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
            f"con fecha {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"artículos {rng.randint(1, 150)}, fracciones II, V y XII, {rng.randint(100, 150)} y {rng.randint(150, 200)} de la Ley",
            f"Ley número {rng.randint(100, 999)} publicada en la Gaceta Oficial número extraordinario {rng.randint(100, 500)}",
            "el nombre de la persona recurrente [Eliminado] y su domicilio [Eliminado].",
            "teléfono ********, correo electrónico ******** y CURP ********.",
            "la C. [Eliminado] presentó",
            "Dato protegido",
            "CURP: XXXXXXXXXXXXXXXXXX.",
            "RFC XAXX010101000",
            "RFC genérico XEXX010101000 para extranjeros",
            "el particular (…) se inconformó",
            "domicilio [...] y teléfono XXXXXXXXXX.",
            "correo electrónico XXXXX@XXXX.com",
            "al correo unidad.transparencia@ivai.org.mx",
            "escriba a transparencia@veracruz.gob.mx",
            "o a contacto@itaip.org.mx",
            "por conducto de su titular, lic.jramirez@congresoqroo.gob.mx,",
            "al teléfono 01 800 835 4324 (línea gratuita)",
            f"Tel. (228) 842 02{rng.randint(10, 99)} ext. {rng.randint(100, 999)}",
            "las oficinas de este Instituto, ubicadas en Calle Guadalupe Victoria número 7, Colonia Centro, C.P. 91000,",
            "la sede del Ayuntamiento, sita en Palacio Municipal, calle 62 número 501, Centro,",
            "el C. Presidente Municipal informó",
            "el C. Titular de la Unidad de Transparencia",
            "Estimado Ciudadano.",
            "el recurrente. En consecuencia,",
            f"la CURP {curp_bad} que no corresponde",
            f"por un monto de ${rng.randint(1, 999)},{rng.randint(100, 999)},{rng.randint(100, 999)}.{rng.randint(10, 99)}",
            f"la partida {_digits(rng, 5)} del clasificador por objeto del gasto",
            f"el Periódico Oficial del Estado número {rng.randint(1, 300)} de {year}",
            f"contrato número {str(rng.randint(2, 9)) + _digits(rng, 9)} celebrado con la empresa",
            f"durante el periodo del 01-01-{year} al 31-12-{year}",
            f"en los ejercicios {year - 2}-{year}",
            "apartado C. La información relativa a los recursos públicos",
            "Comisionado Ponente Rosendoevgueni Monterrey Chepov.",
            "ATENTAMENTE\n\nMORELOS CANSECO GÓMEZ\n\nTITULAR DE LA UNIDAD DE TRANSPARENCIA",
            "Al C. Presidente del Comité de Transparencia",
            "la vida privada a que se refiere el artículo 16",
            f"la pavimentación de la calle {rng.randint(1, 99)} entre {rng.randint(1, 99)} y {rng.randint(1, 99)} de la colonia Centro",
            f"la solicitud presentada vía telefónica con folio {str(rng.randint(2, 9)) + _digits(rng, 9)}",
            f"consultable en las páginas {rng.randint(10, 99)}-{rng.randint(100, 200)} del Diario Oficial",
        )
    )


# --- documents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    kind: str
    value: str
    start: int
    end: int


@dataclass
class SeededDocument:
    text: str
    seeds: list[Seed] = field(default_factory=list)


def _filler(rng: random.Random) -> str:
    return rng.choice(FILLER).format(
        sujeto=rng.choice(SUJETOS),
        art=rng.randint(1, 250),
        art2=rng.randint(1, 250),
        date=f"{rng.randint(1, 28)} de {rng.choice(('enero', 'mayo', 'agosto', 'noviembre'))} de {rng.randint(2016, 2025)}",
        year=rng.randint(2015, 2025),
        money=f"{rng.randint(1, 999)},{rng.randint(100, 999)}.00",
    )


class _Writer:
    """Accumulates text and records where each seed lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.seeds: list[Seed] = []

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.pos += len(chunk)

    def seed(self, rng: random.Random) -> None:
        kind = rng.choice(KINDS)
        make, templates = SEED_TEMPLATES[kind][0]
        value = make(rng)
        if kind in LINE_BREAK_KINDS and " " in value and rng.random() < 0.1:
            cut = rng.choice([i for i, ch in enumerate(value) if ch == " "])
            value = value[:cut] + "\n" + value[cut + 1 :]  # a line break of PDF text
        before, after = rng.choice(templates).split("{v}")
        self.add(before)
        self.seeds.append(Seed(kind, value, self.pos, self.pos + len(value)))
        self.add(value)
        self.add(after + " ")

    def document(self) -> SeededDocument:
        return SeededDocument("".join(self.parts), self.seeds)


def generate_document(rng: random.Random, paragraphs: int = 8) -> SeededDocument:
    """One resolution-like document with seeds and distractors, offsets recorded as written."""
    w = _Writer()
    w.add(
        f"EXPEDIENTE: IVAI-REV/{rng.randint(1, 900)}/{rng.randint(2015, 2025)}/I\n"
        f"SUJETO OBLIGADO: {rng.choice(SUJETOS)}\nFOLIO DE SOLICITUD: {_digits(rng, 15)}\n\nRESULTANDOS\n\n"
    )
    for p in range(paragraphs):
        if p == paragraphs // 2:
            w.add("CONSIDERANDOS\n\n")
        for _ in range(rng.randint(3, 6)):
            roll = rng.random()
            if roll < 0.22:
                w.seed(rng)
            elif roll < 0.40:
                w.add(_distractor(rng) + " ")
            else:
                w.add(_filler(rng) + " ")
        w.add("\n\n")
    w.add("RESOLUTIVOS\n\nPRIMERO. Se modifica la respuesta del sujeto obligado. Notifíquese.\n")
    return w.document()


def embed_in(host: str, rng: random.Random) -> SeededDocument:
    """Seeds and distractors placed between the paragraphs of someone else's text (``host``)."""
    w = _Writer()
    for para in host.split("\n\n"):
        w.add(para + "\n\n")
        roll = rng.random()
        if roll < 0.25:
            w.seed(rng)
            w.add("\n\n")
        elif roll < 0.40:
            w.add(_distractor(rng) + "\n\n")
    return w.document()


def generate_corpus(n: int, seed: int, host: str = "own") -> list[SeededDocument]:
    """``n`` seeded documents: on the script's own filler, or (``host="sample"``) inside the
    project's sample resolutions and criteria (corpus.sample), whose text was not written with
    this gate in mind."""
    rng = random.Random(seed)
    if host == "sample":
        from corpus.sample.generate import iter_records

        return [embed_in(r.text, rng) for r in iter_records(n, seed=seed)]
    return [generate_document(rng, paragraphs=rng.randint(4, 12)) for _ in range(n)]


@dataclass
class Score:
    seeded: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    findings: int = 0
    true_findings: int = 0
    misses: list[tuple[Seed, str]] = field(default_factory=list)
    false_positives: list[Finding] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found.get(kind, 0) / self.seeded[kind] if self.seeded.get(kind) else 1.0

    @property
    def precision(self) -> float:
        return self.true_findings / self.findings if self.findings else 1.0

    @property
    def overall_recall(self) -> float:
        total = sum(self.seeded.values())
        return sum(self.found.values()) / total if total else 1.0

    def failures(self) -> list[str]:
        """Targets not met, in words (empty when all are met)."""
        out = [
            f"recall {k} {self.recall(k):.3f} < {t}"
            for k, t in TARGET_RECALL.items()
            if self.recall(k) < t
        ]
        if self.precision < TARGET_PRECISION:
            out.append(f"precision {self.precision:.3f} < {TARGET_PRECISION}")
        return out


def evaluate(docs: list[SeededDocument]) -> Score:
    """Scan every document and score the findings against its seeds."""
    score = Score()
    for doc in docs:
        findings = scan(doc.text)
        for s in doc.seeds:
            score.seeded[s.kind] = score.seeded.get(s.kind, 0) + 1
            if any(f.kind == s.kind and f.start < s.end and s.start < f.end for f in findings):
                score.found[s.kind] = score.found.get(s.kind, 0) + 1
            else:
                score.misses.append((s, doc.text[max(0, s.start - 50) : s.end + 30]))
        for f in findings:
            score.findings += 1
            if any(f.kind == s.kind and f.start < s.end and s.start < f.end for s in doc.seeds):
                score.true_findings += 1
            else:
                score.false_positives.append(f)
    return score


def measure_speed(
    rng: random.Random, words: int = 3000, rounds: int = 30
) -> tuple[int, int, float, float]:
    """``scan`` on one text of about ``words`` words: (chars, words, best and median chars/s).

    The best round is the figure to trust on a shared, noisy machine; the median shows the noise.
    """
    doc = generate_document(rng, paragraphs=1)
    while len(doc.text.split()) < words:
        doc = SeededDocument(doc.text + generate_document(rng, paragraphs=6).text)
    text = doc.text
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        scan(text)
        times.append(time.perf_counter() - t0)
    times.sort()
    return len(text), len(text.split()), len(text) / times[0], len(text) / times[len(times) // 2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Recall, precision and speed of the personal-data gate."
    )
    ap.add_argument("--docs", type=int, default=500)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--show", type=int, default=10, help="misses and false positives to print")
    ap.add_argument(
        "--host",
        choices=("own", "sample"),
        default="own",
        help="filler text: this script's own, or the project's sample resolutions (corpus.sample)",
    )
    args = ap.parse_args(argv)
    docs = generate_corpus(args.docs, args.seed, host=args.host)
    t0 = time.perf_counter()
    score = evaluate(docs)
    elapsed = time.perf_counter() - t0
    print(
        f"documents: {len(docs)}  seeded values: {sum(score.seeded.values())}  findings: {score.findings}"
    )
    for kind in KINDS:
        print(
            f"  recall {kind:10s} {score.recall(kind):7.2%}  ({score.found.get(kind, 0)}/{score.seeded.get(kind, 0)})"
        )
    print(
        f"overall recall {score.overall_recall:.2%}   precision {score.precision:.2%} "
        f"({score.true_findings}/{score.findings})"
    )
    for seed, ctx in score.misses[: args.show]:
        print(f"  MISS {seed.kind}: {seed.value!r} in …{ctx!r}")
    for f in score.false_positives[: args.show]:
        print(f"  FALSE {f.kind}/{f.rule}: {f.context!r}")
    chars, words, best, median = measure_speed(random.Random(args.seed))
    print(
        f"evaluate: {elapsed:.2f} s; scan of a {chars:,}-char {words:,}-word text: "
        f"{best:,.0f} chars/s best, {median:,.0f} median ({chars / best * 1000:.1f} ms)"
    )
    failures = score.failures()
    print("targets met" if not failures else "targets NOT met: " + "; ".join(failures))
    return 0 if not failures else 1


if __name__ == "__main__":
    raise SystemExit(main())
