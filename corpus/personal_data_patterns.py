"""Every regex and word list of the personal-data gate, in one place.

The detectors in ``corpus.personal_data`` find candidates with the loose patterns here and then
validate them in code (dates, state codes, check digits, nearby keywords), so a pattern here is
deliberately wider than the identifier it looks for.
"""

from __future__ import annotations

import re

# --- identifiers -----------------------------------------------------------------------------

# CURP: 4 letters, YYMMDD, sex (H, M, or X since 2023), state, 3 consonants, 1 char, check digit.
CURP = re.compile(r"(?=[A-Z])(?<![A-Z0-9Ñ&])[A-Z]{4}\d{6}[HMX][A-Z]{5}[A-Z0-9]\d(?![A-Z0-9Ñ&])")
# Any 18-character token: a CURP that OCR garbled (O for 0, 1 for I...) is looked for in these.
TOKEN18 = re.compile(r"(?=[A-Z0-9])(?<![A-Z0-9Ñ&])[A-Z0-9]{18}(?![A-Z0-9Ñ&])")
# OCR confusions, undone by position: in a letter slot a digit means a letter, and vice versa.
OCR_TO_LETTER = str.maketrans("0158264", "OISBZGA")
OCR_TO_DIGIT = str.maketrans("OQDILSBZGT", "0001158267")
# Which positions of a CURP hold letters ("L"), digits ("D") or either ("*").
CURP_SHAPE = "LLLLDDDDDDLLLLLL*D"
# The alphabet of RENAPO's check-digit algorithm (Ñ sits between N and O).
CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
CURP_STATES = frozenset(
    "AS BC BS CC CL CM CS CH DF DG GT GR HG JC MC MN MS NT NL OC PL QT QR SP SL SR TC TS TL VZ YN ZS NE".split()  # noqa: SIM905
)

# RFC: persona física 4 letters + YYMMDD + homoclave (3); persona moral 3 letters. Written
# together or with a space or dash between the parts ("VECJ-880326-XK5").
RFC = re.compile(
    r"(?=[A-ZÑ&])(?<![A-Z0-9Ñ&])(?P<letters>[A-ZÑ&]{3,4})[ -]?(?P<date>\d{6})[ -]?(?P<homoclave>[A-Z0-9]{2}[A0-9])(?![A-Z0-9Ñ&])"
)
RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
RFC_PLACEHOLDERS = frozenset({"XAXX010101000", "XEXX010101000"})

# Clave de elector (INE): 6 letters, YYMMDD, state 01-32, H/M, 3 characters (digits; the last
# one is sometimes a letter).
VOTER_KEY = re.compile(r"(?=[A-Z])(?<![A-Z0-9Ñ])[A-Z]{6}\d{8}[HM]\d{2}[A-Z0-9](?![A-Z0-9Ñ])")

# CLABE: 18 digits, together or as bank(3) branch(3) account(11) check(1), or in groups of 4.
CLABE = re.compile(
    r"(?=\d)(?<![\d.,])(?:\d{18}|\d{3}[ -]\d{3}[ -]\d{11}[ -]\d|\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{2})(?![\d])"
)

# NSS (IMSS): 11 digits, together or split before the check digit or in 2-2-2-4-1.
NSS = re.compile(
    r"(?=\d)(?<![\d.,])(?:\d{11}|\d{10}-\d|\d{2}[ -]\d{2}[ -]\d{2}[ -]\d{4}[ -]\d)(?![\d])"
)

# Telephone: optional +52 / 0052 (and the old mobile "1"), then 10 digits grouped as people
# write them (3-3-4, 3-3-2-2, 2-4-4, 2-2-2-2-2, area code + 7 or 8), each separator one space,
# dot or dash, the area code maybe in parentheses.
_SEP = r"[ .\-\u00a0\n]?"  # a line break too: text extracted from PDFs breaks numbers
PHONE = re.compile(
    r"(?=[(+\d])(?<![\w+/])(?<!\d[.,])(?P<country>(?:\+|00)\s?52[ .\n-]?(?:1[ .\n-])?)?(?P<national>"
    rf"\(\d{{3}}\){_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}|\(\d{{2}}\){_SEP}\d{{4}}{_SEP}\d{{2}}{_SEP}\d{{2}}|"
    rf"\(\d{{3}}\){_SEP}\d{{3}}{_SEP}\d{{4}}|\(\d{{2}}\){_SEP}\d{{4}}{_SEP}\d{{4}}|"
    rf"\(\d{{3}}\){_SEP}\d{{7}}|\(\d{{2}}\){_SEP}\d{{8}}|"
    rf"\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}|\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}|"
    rf"\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{4}}|\d{{2}}{_SEP}\d{{4}}{_SEP}\d{{4}}|"
    rf"\d{{3}}{_SEP}\d{{7}}|\d{{2}}{_SEP}\d{{8}}"
    r")(?![\d/]|[.,]\d)"
)

# The digit groups a written phone may have (a date plus a page number, "29-01-2016 14", has
# 2-2-4-2 and is not one).
PHONE_GROUPS = frozenset(
    {(10,), (3, 7), (2, 8), (3, 3, 4), (2, 4, 4), (3, 3, 2, 2), (2, 4, 2, 2), (2, 2, 2, 2, 2)}
)

EMAIL = re.compile(
    r"(?<![\w.+%-])(?P<local>[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_])?)@"
    r"(?P<domain>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,})"
    r"(?![\w-])"
)

# --- keywords near a value (searched in a window before it) -----------------------------------

PHONE_KEYWORDS = re.compile(
    r"\b(?:tel[eé]fonos?|tel\.|tels\.|tel|cel(?:ular)?|cel\.|m[oó]vil|whats\s?app|fax|"
    r"n[uú]mero\s+telef[oó]nico|l[ií]nea\s+telef[oó]nica|llamar|marcar|contacto)\b",
    re.IGNORECASE,
)
CLABE_KEYWORDS = re.compile(
    r"\b(?:clabe|interbancaria|cuenta|banco|bancaria|dep[oó]sito|transferencia)\b", re.IGNORECASE
)
NSS_KEYWORDS = re.compile(
    r"(?:\bNSS\b|\bN\.\s?S\.\s?S\.|seguridad\s+social|seguro\s+social|\bIMSS\b|\bISSSTE\b|"
    r"n[uú]mero\s+de\s+afiliaci[oó]n)",
    re.IGNORECASE,
)
# The bodies' own public identifiers: a number right after one of these (no other number in
# between) is not personal data.
PUBLIC_ID_KEYWORDS = re.compile(
    r"\b(?:folios?|expedientes?|oficios?|solicitud(?:es)?|acuses?|registros?|"
    r"n[uú]mero\s+de\s+control|carpeta\s+de\s+investigaci[oó]n|averiguaci[oó]n|"
    r"contratos?|licitaci[oó]n|partida|cuenta\s+catastral|clave\s+catastral|pnt|sisai|infomex)\b",
    re.IGNORECASE,
)
EXTENSION_AFTER = re.compile(r"\s*[,;]?\s*(?:ext\.?|extensi[oó]n|exts?\.)\s*\d", re.IGNORECASE)
TOLL_FREE_PREFIXES = ("800", "900", "300")

# --- e-mail: what is public ------------------------------------------------------------------

# Role mailboxes of an office (not of a person): public contact data of a sujeto obligado.
ROLE_MAILBOX = re.compile(
    r"(?:^|[._-])(?:transparencia|utransparencia|unidad\.?de\.?transparencia|ut|uaip|utaip|"
    r"contacto|info|informes|informacion|atencion|oficialia|oficialiadepartes|partes|"
    r"comunicacion|prensa|juridico|contraloria|secretaria|presidencia|datospersonales|"
    r"solicitudes|notificaciones|recursos|denuncias|quejas|webmaster|admin|noreply|no-reply)"
    r"(?:$|[._-]|\d)",
    re.IGNORECASE,
)
PUBLIC_EMAIL_SUFFIXES: tuple[str, ...] = ("gob.mx",)

# --- addresses ---------------------------------------------------------------------------------

_STREET_WORDS = (
    r"calle|avenida|av\.|avda\.|boulevard|bulevar|blvd\.|calzada|prolongaci[oó]n|carretera|"
    r"andador|callej[oó]n|circuito|retorno|cerrada|privada|perif[eé]rico|paseo"
)
# A word of a street or neighbourhood name: capitalised or a number (case-sensitive even inside
# the case-insensitive patterns below, so "privada a que se refiere" is not a street).
_NAME_WORD = r"(?-i:[A-ZÁÉÍÓÚÑ0-9][\wÁÉÍÓÚÑáéíóúñü.'-]*|de|del|la|las|los|y)"
_HOUSE_NUMBER = r"(?:\d{1,5}(?:\s?-?[A-Z])?\b|s/n\b|sin\s+n[uú]mero\b)"
# A street word, its name (up to 6 words) and a house number (or "S/N").
STREET = re.compile(
    rf"\b(?:{_STREET_WORDS})\s+(?:{_NAME_WORD}\s+){{0,6}}?"
    rf"(?:n[uú]m(?:ero)?\.?\s*|no\.?\s*|#\s*|n[uú]mero\s+exterior\s*|ext\.?\s*)?{_HOUSE_NUMBER}"
    # what may follow the number: "número 452 por 51 y 53", "int. 3", "manzana 4 lote 12"
    r"(?:\s*,?\s*(?:n[uú]m(?:ero)?\.?|no\.|#|int(?:erior)?\.?|ext(?:erior)?\.?|depto\.?|por|entre|y|"
    r"esq(?:uina)?\.?|km\.?|kil[oó]metro|local|lote|manzana|mz\.?|lt\.?)\s*(?:\d{1,5}(?:-?[A-Z]\b)?|s/n\b))*",
    re.IGNORECASE,
)
NEIGHBOURHOOD = re.compile(
    rf"\b(?:colonia|col\.|fraccionamiento|fracc\.|barrio|unidad\s+habitacional|manzana|mza\.|mz\.)\s+"
    rf"(?:{_NAME_WORD}\s+){{0,5}}?(?-i:[A-ZÁÉÍÓÚÑ0-9][\wÁÉÍÓÚÑáéíóúñü.'-]*)",
    re.IGNORECASE,
)
POSTCODE = re.compile(
    r"(?:(?<![\w.])C\.\s?P\.|\bc[oó]digo\s+postal)\s*(?:n[uú]mero\s*)?:?\s*\d{5}\b", re.IGNORECASE
)
EXTERIOR_NUMBER = re.compile(
    r"\bn[uú]m(?:ero|\.)?\s+(?:exterior|ext\.?|interior|int\.?)\s*:?\s*\d{1,5}\b", re.IGNORECASE
)
# Words before an address that make it the office of a body or the site of public works
# ("la pavimentación de la calle 21 entre 10 y 12"), not a person's home.
INSTITUTIONAL_ADDRESS = re.compile(
    r"\b(?:oficinas|instalaciones|sede|domicilio\s+(?:oficial|legal|institucional|fiscal)\s+de|"
    r"recinto|palacio\s+municipal|"
    # works, in lower case: "Secretaría de Obras Públicas" is a body's name, not a work site
    r"(?-i:pavimentaci[oó]n|repavimentaci[oó]n|rehabilitaci[oó]n|construcci[oó]n|obras?|bacheo|"
    r"alumbrado|drenaje|banquetas?|guarniciones|tramo))\b",
    re.IGNORECASE,
)
PERSONAL_ADDRESS = re.compile(
    r"\b(?:recurrente|solicitante|particular|ciudadan[oa]|quejos[oa]|denunciante|promovente|"
    r"titular\s+de\s+los\s+datos|domicilio\s+particular|su\s+domicilio|vive|habita|reside)\b|(?<![\w.])C\.\s",
    re.IGNORECASE,
)

# --- names ------------------------------------------------------------------------------------

# What introduces a person's name: "C." / "CC.", and a party named by role.
NAME_TRIGGER = re.compile(
    r"(?P<c>(?<![\w.])C{1,2}\.(?=[ \t]+\S))|"
    r"\b(?:la|el|los|las)\s+(?:persona\s+)?(?:recurrentes?|ciudadan[oa]s?|solicitantes?|"
    r"particular|quejos[oa]|denunciante|promovente)\b|"
    # a header field of a resolution: "RECURRENTE: JUAN PÉREZ LÓPEZ"
    r"(?m:^[ \t]*(?:nombre\s+del?\s+)?(?:recurrente|promovente|solicitante|denunciante|quejos[oa]|"
    r"particular)\s*:)",
    re.IGNORECASE,
)
# "C." that letters a list item or a section ("apartado C.", "inciso C."), not a citizen.
LETTERED_ITEM_BEFORE = re.compile(
    r"\b(?:apartados?|incisos?|letras?|puntos?|numerales?|secci[oó]n|anexos?)\s*$", re.IGNORECASE
)
LETTERED_ITEM_B = re.compile(r"(?m:^[ \t]*B\.[ \t])")
# Public offices before a "C.": "PONENTE: C. ...", "los Comisionados Lic. A, C. B y C. C".
PUBLIC_OFFICE_BEFORE = re.compile(
    r"\b(?:ponentes?|comisionad[oa]s?|magistrad[oa]s?|consejer[oa]s?|integrantes\s+del\s+pleno|"
    r"secretari[oa]\s+(?:t[eé]cnic[oa]|ejecutiv[oa]|de\s+acuerdos|general)|proyectistas?|"
    r"actuari[oa]s?|notificador[a]?|titular)\b",
    re.IGNORECASE,
)
# What may stand between such an office and the "C.": names, honorifics, commas, particles
# (each followed by a separator, so a string splits one way only: no backtracking blow-up).
OFFICIALS_GAP = re.compile(
    r"[\s,:;]*(?:(?:[A-ZÁÉÍÓÚÑ][\wÁÉÍÓÚÑáéíóúñü.'-]*|de|del|la|y|e|a|en)(?:[\s,:;]+|\Z))*"
)
# A word ending in "." inside such a list ends a sentence unless it is one of these.
ABBREVIATION_DOT = re.compile(r"\b([^\W\d_]{2,})\.(?=\s)")
ABBREVIATIONS = frozenset(
    "lic licda licdo lcda lcdo mtro mtra dr dra ing arq prof profr profra sr sra srita ma".split()  # noqa: SIM905
)
# Public offices: a name followed by one of these (", Titular de...") is a servant in office.
PUBLIC_OFFICE_AFTER = re.compile(
    r"[ \t]*,?[ \t]*\n?[ \t]*(?:en\s+su\s+car[aá]cter\s+de\s+)?(?:Titular|Director|Directora|Secretario|"
    r"Secretaria|Subsecretario|Subsecretaria|Presidente|Presidenta|Comisionad[oa]|Jef[ea]|"
    r"Coordinador|Coordinadora|Encargad[oa]|Tesorer[oa]|S[ií]ndic[oa]|Regidor|Regidora|Contralor|"
    r"Contralora|Gobernador|Gobernadora|Diputad[oa]|Senador|Senadora|Magistrad[oa]|Juez|Jueza|"
    r"Fiscal|Auditor|Auditora|Oficial\s+Mayor|Subdirector|Subdirectora|Delegad[oa]|Rector|Rectora|"
    r"Consejer[oa]|Vocal|Servidor[a]?\s+P[uú]blic[oa])\b",
)
NAME_TOKEN = re.compile(
    r"[A-ZÁÉÍÓÚÑÜ](?:[a-záéíóúñü]+|[A-ZÁÉÍÓÚÑÜ]+)(?:-[A-ZÁÉÍÓÚÑÜ][a-záéíóúñü]+)?(?![\w])"
)
NAME_PARTICLES = frozenset(
    {"de", "del", "la", "las", "los", "y", "DE", "DEL", "LA", "LAS", "LOS", "Y"}
)
HONORIFIC = re.compile(
    r"(?:lic\.|licenciad[oa]|ing\.|ingenier[oa]|dr\.|dra\.|doctor|doctora|mtro\.|mtra\.|maestr[oa]|"
    r"arq\.|prof\.|profra\.|profesor[a]?|sr\.|sra\.|srita\.|señor[a]?|don|doña|c\.p\.)\s+",
    re.IGNORECASE,
)
# Capitalised words that are titles or institutions, not names (compared case-folded).
NOT_NAME_WORDS = frozenset(
    w.casefold()
    for w in """
    Presidente Presidenta Secretario Secretaria Secretaría Director Directora Dirección Titular
    Comisionado Comisionada Comisionados Tesorero Tesorera Síndico Síndica Regidor Regidora
    Contralor Contralora Jefe Jefa Coordinador Coordinadora Encargado Encargada Gobernador
    Gobernadora Diputado Diputada Senador Senadora Magistrado Magistrada Juez Jueza Agente Oficial
    Responsable Ciudadano Ciudadana Ciudadanos Recurrente Solicitante Particular Unidad Instituto
    Comité Comisión Pleno Sujeto Obligado Ayuntamiento Municipio Municipal Estado Poder Congreso
    Fiscal Fiscalía Auditor Auditora Subdirector Subdirectora Administrador Administradora
    Delegado Delegada Visitador Rector Rectora Notario Ministerio Público Transparencia Gobierno
    Ponente Proyectista Actuario Actuaria Notificador Consejero Consejera Vocal Representante
    Apoderado Apoderada Usuario Usuaria Interesado Interesada Legal Ejecutivo General Federal
    Nacional Partido Sindicato Universidad Tribunal Juzgado Sala Oficialía Departamento Área
    Lic Ing Dr Dra Mtro Mtra Señor Señora Don Doña Eliminado Protegido Dato Datos Nombre Persona
    Anónimo Anónima Anonimo Anonima Quien Que Con Por Para En El La Los Las Se Su Sus Al Del Mediante
    Según Conforme Toda Dicho Dicha Mismo Misma Recurso Revisión Solicitud Expediente Artículo Ley
    Esta Este Estos Estas Esto Ese Esa Esos Esas Aquel Aquella Cada Todo Todos Todas Cuando Si No Lo Le
    Les Un Una Uno Unos Unas Como Cual Cuales Donde Mientras Tanto También Ante Bajo Contra Desde
    Entre Hacia Hasta Sin Sobre Tras Durante Asimismo Además Constitución Código Reglamento Decreto
    Acuerdo Lineamientos Norma Artículos Fracción Fracciones Apartado Capítulo Título Sección
    Transitorio Transitorios Considerando Resultando Resolutivo Primero Segundo Tercero
    Presente Atentamente Sufragio Efectivo Reelección Rúbrica Firma
    Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Octubre Noviembre Diciembre
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# --- redaction marks and placeholders ---------------------------------------------------------

REDACTED = re.compile(
    r"\[\s*(?:eliminad[oa]s?|testad[oa]|omitid[oa]|suprimid[oa]|\.\.\.|…)[^\]]{0,80}\]|"
    r"\(\s*(?:…|\.\.\.)\s*\)|\*{3,}|X{4,}|x{4,}|█+|dato\s+protegido|informaci[oó]n\s+confidencial\s+eliminada",
    re.IGNORECASE,
)
ONLY_MASK_CHARS = re.compile(r"\A[Xx*•█_\-.\s0]+\Z")
