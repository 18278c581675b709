"""Every regular expression of metadata and citation parsing, in one module.

Patterns run over ``fold(text)``: lower case, accents removed, same length as the original, so
a match's offsets slice the original text for the value as written. Patterns built from the
registry (body names, law names, expediente formats) come from cached builders below.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from corpus.garantes import Registry

_FOLD_SRC = "ABCDEFGHIJKLMNOPQRSTUVWXYZÁÉÍÓÚÜÑÀÈÌÒÙáéíóúüñàèìòùºª°"
_FOLD_DST = "abcdefghijklmnopqrstuvwxyzaeiouunaeiouaeiouunaeiouoao"
_FOLD = str.maketrans(_FOLD_SRC, _FOLD_DST)


def fold(text: str) -> str:
    """Lower-case and strip Spanish accents, keeping every offset (one char in, one char out)."""
    return text.translate(_FOLD)


def spaced(word: str) -> str:
    """A pattern for ``word`` written plainly or letter-spaced ("R E S U E L V E")."""
    letters = [re.escape(c) for c in word if not c.isspace()]
    return r"(?:" + r" ?".join(letters) + r")"


def words(phrase: str) -> str:
    """A pattern for a folded phrase whose words may be split by any whitespace (line breaks)."""
    return r"\s+".join(re.escape(w) for w in fold(phrase).split())


# --- numbers and dates -------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}  # fmt: skip
MONTH_ABBR: dict[str, int] = {
    "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8,
    "sep": 9, "sept": 9, "set": 9, "oct": 10, "nov": 11, "dic": 12,
}  # fmt: skip

NUMBER_WORDS = (
    r"(?:un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|"
    r"quince|dieci\w+|diez\s+y\s+\w+|veinti\w+|veinte|treinta|cuarenta|cincuenta|sesenta|"
    r"setenta|ochenta|noventa|cien|ciento|doscientos|trescientos|cuatrocientos|quinientos|"
    r"seiscientos|setecientos|ochocientos|novecientos|mil|primero|primer)"
)
_NUMBER_PHRASE = rf"{NUMBER_WORDS}(?:(?:\s+y\s+|\s+){NUMBER_WORDS})*"
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_DAY = rf"(?P<day>\d{{1,2}}(?:o\.?|\.o)?|{_NUMBER_PHRASE})"
_YEAR = rf"(?P<year>\d{{4}}\b|\d{{3}} \d\b|\d \d{{3}}\b|(?:dos\s+mil|mil\s+novecientos)(?:(?:\s+y)?\s+{NUMBER_WORDS})*)"

# "17 de mayo de 2017", "diecisiete de mayo de dos mil diecisiete", "a los veintiun dias del mes
# de abril del ano dos mil veintidos", "primero de junio" (no year), "17 de mayo, 2017".
DATE_LONG = re.compile(
    rf"\b{_DAY}(?:\s+(?:dias?|dia))?(?:\s+del?\s+mes)?\s+de\s+{_MONTH}\b"
    rf"(?:\s*(?:,|\s)\s*(?:(?:de|del)\s+)?(?:(?:ano|ejercicio)\s+)?(?:de\s+)?{_YEAR})?"
)
# "17/05/2017", "17-05-17", "17.05.2017" (day first, as in Mexico)
DATE_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<day>\d{1,2})([/.-])(?P<month>\d{1,2})\2(?P<year>\d{4}|\d{2})(?![\d/])"
)
# "2017-05-17" (ISO)
DATE_ISO = re.compile(
    r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>\d{2})-(?P<day>\d{2})(?![\d/])"
)
# "17-may-2017", "17/MAYO/2017", "17 may 2017"
DATE_ABBR = re.compile(
    r"(?<![\d/])(?P<day>\d{1,2})[\s/-]+(?P<month>"
    + "|".join(sorted([*MONTHS, *MONTH_ABBR], key=len, reverse=True))
    + r")\.?[\s/-]+(?P<year>\d{4}|\d{2})\b"
)

# Context right before a date that makes it the resolution's date.
DATE_PLACE_LINE = re.compile(
    r"(?:^|\n)[^\n]{0,160}?[,;]?\s+(?:a|siendo(?:\s+las\s+[^\n]{1,40}?\s+(?:horas\s+)?del?)?)\s+"
    r"(?:los\s+)?(?:el\s+)?(?:dia\s+)?$"
)
DATE_VOTE = re.compile(
    r"(?:asi\s+lo\s+(?:resolv|acord|aprob|determin)|por\s+(?:unanimidad|mayoria)|"
    r"sesion\s+(?:publica|ordinaria|extraordinaria|del\s+pleno|de\s+pleno|celebrada)|"
    r"en\s+sesion\b)[^;]{0,600}?"
    r"(?:celebrada|verificada|llevada\s+a\s+cabo|de\s+fecha|del?\s+dia|el\s+dia|el|del|de|a)\s*(?:los\s+)?$"
)
DATE_LABEL = re.compile(
    r"(?:fecha\s+de\s+(?:la\s+)?(?:resolucion|sesion|aprobacion|emision)|lugar\s+y\s+fecha|"
    r"fecha\s+de\s+(?:la\s+)?(?:sesion\s+)?(?:del\s+)?pleno|aprobad[oa]\s+(?:el|en\s+sesion\s+del?))"
    r"\s*[:.\-–]?\s*(?:[^\n\d]{0,60}?,?\s+a\s+(?:los\s+)?)?$"
)
DATE_DISTRACTOR = re.compile(
    r"(?:recibid|recepcion|present[oóa]|presentacion|presentad|solicit|respuesta|respond|"
    r"notific|interpu|admit|admision|turn[oa]|acuse|oficio|emiti|publicad|diario\s+oficial|"
    r"periodico\s+oficial|d\.o\.f|reform|vigor|plazo|venc|amplia|prevenc|desahog|requeri|"
    r"inici|conclu|desde|hasta|entre|nacid|fech[oa]\s+en|sello|remiti|envi[oó]|acuerdo\s+de\s+fecha|mediante\s+acuerdo|"
    r"el\s+particular|la\s+parte\s+recurrente|el\s+recurrente|la\s+persona\s+solicitante)"
    r"[^.\n]{0,80}$"
)

# --- labels of the header ------------------------------------------------------------------

_LINE_START = r"(?:^|\n)[ \t>*#_|•·-]*"
_SEP = r"[ \t*_]*(?:[:.\-–—]+|\s(?=\S))?[ \t*_]*"

EXPEDIENTE_LABEL = re.compile(
    _LINE_START
    + r"(?P<label>(?:(?:n(?:o|um|umero)\.?|numero)\s+de\s+expediente|expediente(?:\s+(?:numero|num\.|no\.|n°|nº))?"
    r"|exp(?:te)?\.|recurso\s+de\s+revision(?:\s+(?:numero|num\.|no\.|n°|nº))?"
    r"|(?:denuncia|procedimiento)(?:[ \t]+de[ \t]+[a-z \t]{3,60}?)?[ \t]+(?:numero|no\.|expediente)))"
    + r"[ \t*_]*[:.\-–—]?[ \t*_]*(?P<value>[^\n]*)"
)
SUJETO_LABEL = re.compile(
    _LINE_START
    + r"(?P<lab>sujeto\s+obligado(?:\s+(?:responsable|recurrido|denunciado|ante\s+(?:el|la)\s+cual\s+se\s+present[oa]\s+la\s+solicitud))?|"
    r"ente\s+(?:publico|obligado)|"
    r"autoridad\s+responsable|dependencia\s+o\s+entidad)"
    + r"(?P<sep>[ \t*_]*[:.\-–—][ \t*_]*|[ \t*_]*(?=\n)|[ \t]+(?=\S))(?P<value>[^\n]*)"
)
PONENTE_LABEL = re.compile(
    _LINE_START
    + r"(?P<lab>comisionad[oa]s?\s+ponentes?|magistrad[oa]\s+ponente|ponente|ponencia\s+(?:de\s+la|del)\s+comisionad[oa]|ponencia)"
    r"(?P<sep>[ \t*_]*[:.\-–—][ \t*_]*|[ \t]+(?=\S)|[ \t*_]*(?=\n))(?P<value>[^\n]*)"
)
# The ponente named in a sentence: "…, siendo ponente la Comisionada Norma Vázquez Chan."
PONENTE_SENTENCE = re.compile(
    r"(?:siendo\s+ponente|bajo\s+la\s+ponencia\s+de|con\s+la\s+ponencia\s+de)\s+(?:el|la)?\s*"
    r"(?:comisionad[oa](?:\s+president[ae])?|magistrad[oa])?\s*(?P<value>[^,;.\n]+(?:\n[^,;.\n]+)?)"
)
# The sujeto obligado named in the caption sentence: "… interpuesto por [...] en contra de X, y"
SUJETO_SENTENCE = re.compile(
    r"(?:interpuesto|presentad[ao]|promovido|recurso|denuncia|dictada|expediente)(?:[^.\n]|\[[^\]\n]*\]|(?<=\b[a-z])\.|\n(?!\n)){0,160}?"
    r"\ben\s+contra\s+del?\s+"
    r"(?:(?:la|el)\s+)?(?:sujeto\s+obligado\s*,?\s*)?(?P<value>(?:[^.;\n]|(?<=\b[a-z])\.[ \t]|\n(?!\n))+?)"
    r"(?=,\s*(?:y\b|siendo|derivado|relativ|por\s|interpuest|en\s+(?:el|la|su)\b|con\s)|(?<!\b[a-z])\.\s|\.$|;|\s+por\s+(?:el|la)\s|\n\n)"
)
# An expediente named in the caption sentence: "en el recurso de revisión RR/1/2024/INAIP"
CAPTION_EXPEDIENTE_CONTEXT = re.compile(
    r"(?:recurso\s+de\s+revision|expediente|denuncia|autos\s+del?)(?:\s+(?:numero|no\.|n°))?[\s:]*$"
)
FOLIO = re.compile(
    r"(?:folio(?:\s+de\s+(?:la\s+)?solicitud(?:\s+de\s+(?:acceso\s+a\s+la\s+)?informacion)?)?"
    r"(?:\s+(?:numero|num\.|no\.|n°|nº|pnt|infomex|sisai))?|(?:n(?:o|um|umero)\.?|numero)\s+de\s+(?:folio|solicitud)|"
    r"^solicitud(?:\s+de\s+informacion)?(?:\s+(?:numero|no\.))?)"
    r"[ \t*_]*[:.\-–—]?\s*(?:de\s+la\s+solicitud\s*)?(?P<value>\d{6,20})\b",
    re.MULTILINE,
)
ANONYMISED = re.compile(
    r"^\s*(?:c\.\s*)?(?:\[[^\]]*\]|\*{3,}|x{3,}|_{3,}|\.{3,}|…|\(?eliminad[oa]\)?|"
    r"\[?eliminado\]?|dato\s+protegido|dato\s+personal|testado|confidencial|"
    r"se\s+omite|informacion\s+(?:testada|eliminada))",
)
NEXT_LABEL = re.compile(r"^[ \t>*#_|•·-]*[a-z][a-z .]{2,45}?\s*:")

# --- sections ------------------------------------------------------------------------------

_HEAD_END = r"[ \t*_:.]*(?=\n|$)"
SECTION_HEADINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "antecedentes",
        re.compile(
            _LINE_START
            + r"(?P<heading>(?:[ivx]+\.\s*|capitulo\s+[ivx]+\.?\s*)?(?:"
            + "|".join(spaced(w) for w in ("antecedentes", "resultandos", "resultando"))
            + r"))"
            + _HEAD_END
        ),
    ),
    (
        "considerandos",
        re.compile(
            _LINE_START
            + r"(?P<heading>(?:[ivx]+\.\s*)?(?:"
            + "|".join(spaced(w) for w in ("considerandos", "considerando", "consideraciones"))
            + r"))"
            + _HEAD_END
        ),
    ),
    (
        "resolutivos",
        re.compile(
            _LINE_START + r"(?P<heading>(?:[ivx]+\.\s*)?(?:(?:por\s+lo\s+(?:anteriormente\s+)?"
            r"expuesto\s+y\s+fundado,?\s*(?:(?:este|el)\s+pleno\s*)?(?:[a-z ,]{0,60}?)?)?"
            r"(?:se\s*:?\s*)?(?:"
            + spaced("resuelve")
            + r"|"
            + spaced("resolutivos")
            + r"|puntos\s+resolutivos|"
            + spaced("resolutivo")
            + r")|"
            + spaced("se resuelve")
            + r"|"
            + spaced("acuerda")
            + r"|se\s+acuerda|acuerdos|puntos\s+de\s+acuerdo))"
            + _HEAD_END
        ),
    ),
)

# --- sentido (in the resolutivos) ----------------------------------------------------------

SENTIDO_VERBS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("confirma", re.compile(r"\b(?:confirma|confirmar|confirmarse|confirmando)\b")),
    ("modifica", re.compile(r"\b(?:modifica|modificar|modificarse|modificando)\b")),
    ("revoca", re.compile(r"\b(?:revoca|revocar|revocarse|revocando)\b")),
    (
        "ordena",
        re.compile(
            r"\b(?:ordena|ordenar|instruye|instruir|conmina)\b(?=\s+(?:a|al|a\s+la|a\s+los|a\s+las)\s|[^.;]{0,60}?"
            r"(?:sujeto\s+obligado|ayuntamiento|secretaria|unidad\s+de\s+transparencia|"
            r"titular|responsable|entregue|proporcione|emita|realice|haga\s+entrega|ponga\s+a\s+disposicion|"
            r"que\s+(?:entregue|proporcione|emita|realice|de\s+respuesta|atienda)|partido|poder|"
            r"universidad|comision|instituto|fiscalia|tribunal|congreso|organismo))"
        ),
    ),
    ("sobresee", re.compile(r"\b(?:sobresee|sobreseer|sobreseerse|sobreseimiento)\b")),
    ("desecha", re.compile(r"\b(?:desecha|desechar|desecharse|desechamiento)\b")),
)
SENTIDO_NOT_ORDER = re.compile(
    r"\b(?:ordena|instruye)\s+(?:(?:se\s+)?notific|la\s+notificacion|archiv|el\s+archivo|publica|"
    r"la\s+publicacion|dar\s+vista|remitir|glosar|agregar|turnar|a\s+la\s+secretaria\s+(?:tecnica|de\s+acuerdos|ejecutiva)|"
    r"al\s+(?:area|secretari[oa])\s+(?:de\s+)?(?:acuerdos|tecnic))"
)
SENTIDO_NEGATION = re.compile(
    r"(?:\bno\b|\bni\b|\bnunca\b|\bsin\s+que\b|improcedente\s+(?:el|la)?\s*$|desestim|infundad[ao]\s+(?:la|el)\s+causal|"
    r"\bnegar|\bniega|en\s+caso\s+de|\bsi\s+no\b|de\s+no\b|\bpodra\b|\bpodria\b|\bpudiera\b)[^.;:,]{0,50}$"
)
# What makes a sentido verb a ruling: "se confirma", "el Pleno confirma", "es procedente
# confirmar", "se decreta el sobreseimiento".
SENTIDO_RULING = re.compile(
    r"(?:\bse\s+(?:\w+mente\s+)?|\b(?:pleno|instituto|garante|organismo|comision|autoridad)\s+(?:\w+\s+)?|"
    r"(?:procedente|procede|determina|resuelve|decide|ha\s+lugar\s+a|debe|deben|dable)\s+(?:\w+\s+){0,2}|"
    r"^\s*(?:y\s+)?|\by\s+|,\s*)$"
)
SENTIDO_NOUN_OK = re.compile(
    r"(?:decreta|decretarse|procede|declara|resulta\s+procedente|es\s+procedente)\s+(?:el|su|del?)?\s*"
    r"(?:\w+\s+){0,2}$"
)
RESUELVE_WORD = re.compile(r"\b(?:se\s+)?resuelve\b|\bresolutivos?\b")
FIRST_POINT = re.compile(r"(?:^|\n)[ \t*_]*(?:primero|unico)[ \t*_]*[.:\-–—]")
VOTE_CLOSING = re.compile(r"(?:^|\n)[^\n]{0,40}(?:asi\s+lo\s+(?:resolv|acord|aprob)|notifiquese)")

# --- criteria ------------------------------------------------------------------------------

_CRIT_NUM = r"(?:(?P<prefix>so|sp|se|rra|rrd)\s*/\s*)?(?P<number>\d{1,4})\s*/\s*(?P<year>\d{4}|\d{2})(?![\d/])"
CRITERION_REF = re.compile(
    r"\bcriterios?(?:\s+(?:de\s+interpretacion|relevantes?|reiterados?|orientadores?|historicos?))?"
    r"(?:\s+(?:numero|num\.|no\.|n°|nº|identificado\s+con\s+(?:el\s+)?(?:numero|clave)|con\s+clave(?:\s+de\s+control)?))?"
    r"[\s:]*(?P<first>" + _CRIT_NUM + r")"
)
CRITERION_NUM = re.compile(r"(?<![\w/])" + _CRIT_NUM)
CRITERION_LIST_CONT = re.compile(
    r"\s*(?:,|\by\b|\be\b|\bo\b)\s*(?:(?:el|los)\s+)?(?:criterios?\s+)?(?=(?:so|sp|se)?\s*/?\s*\d)"
)
SO_CRITERION = re.compile(
    r"(?<![\w/])(?P<prefix>so)\s*/\s*(?P<number>\d{1,4})\s*/\s*(?P<year>\d{4})(?![\d/])"
)
CRITERION_OWN = re.compile(
    r"^[^.]{0,40}?(?:de|por|del\s+pleno\s+de)\s+(?:este|esta|el\s+propio|la\s+propia)\s+"
    r"(?:instituto|organo\s+garante|organismo\s+garante|autoridad\s+garante|comision|pleno|organo)"
)
CRITERION_HEADER = re.compile(
    r"(?:^|\n)[ \t*#_]*(?:criterio(?:\s+de\s+interpretacion)?(?:\s+(?:relevante|reiterado|historico))?"
    r"(?:\s+(?:numero|num\.|no\.|n°|nº))?|clave(?:\s+de\s+control)?|numero\s+de\s+criterio)"
    r"[ \t*_:.]*(?:[a-z]{3,10}[ \t]+)?" + _CRIT_NUM
)
CRITERION_LABEL = re.compile(
    r"(?:^|\n)[ \t*#_•-]*(?P<label>rubro|texto|precedentes?|resoluciones|antecedentes|vigencia|"
    r"estado|epoca|materia|tipo\s+de\s+criterio|clave\s+de\s+control|fecha\s+de\s+aprobacion|"
    r"observaciones|nota)(?:[ \t*_]*[:.\-–—][ \t*_]*|[ \t*_]*(?=\n|$))"
)
VIGENCIA_HISTORIC = re.compile(
    r"(?:vigencia\s*[:.\-–]?\s*(?:criterio\s+)?(?:historico|superado|sustituido|abandonado|no\s+vigente|sin\s+vigencia|interrumpido)|"
    r"criterio\s+(?:historico|superado|sustituido|abandonado|interrumpido)|\(\s*(?:criterio\s+)?historico\s*\)|"
    r"(?:estado|estatus)\s*:\s*(?:historico|superado|no\s+vigente)|"
    r"(?:ha\s+sido|fue|queda)\s+(?:superado|sustituido|abandonado|interrumpido)|"
    r"(?:superado|sustituido|reemplazado)\s+por\s+(?:el\s+)?criterio|deja(?:do)?\s+(?:sin|de\s+tener)\s+(?:efecto|vigencia))"
)
SUPERSEDED_BY = re.compile(
    r"(?:superado|sustituido|reemplazado|abandonado|interrumpido)\s+(?:por|mediante|con)\s+(?:el\s+)?"
    r"(?:nuevo\s+)?criterio[\s:]*(?:numero\s+|no\.\s*)?(?P<ref>"
    + _CRIT_NUM.replace("?P<", "?P<s_")
    + r")"
)
_ABBR_OK = r"(?:[^.;\n|]|\.(?=\S)|(?<=\b[a-z])\.\s|(?<=\blic)\.\s|(?<=\bgral)\.\s)"
PRECEDENT_SUJETO = re.compile(r"sujeto\s+obligado\s*[:.\-–]\s*(?P<value>" + _ABBR_OK + r"+)")
PRECEDENT_AGAINST = re.compile(
    r"^[\s,.]*(?:interpuesto\s+)?(?:en\s+contra\s+del?|contra)\s+(?P<value>" + _ABBR_OK + r"+)"
)
_TITLE = r"(?:(?:lic|licda|mtra|mtro|dra|dr|ing|arq|c|l\.c\.p|c\.p)\.\s*)?"
_NAME = _TITLE + r"[^.;\n]+?(?:\s[a-z]\.\s[^.;\n]+?)?"
PRECEDENT_PONENTE = re.compile(
    r"(?:comisionad[oa]|magistrad[oa])?\s*ponente\s*[:.\-–]?\s*(?P<value>"
    + _NAME
    + r")\s*(?:[.;\n]|$)"
)

# --- articles ------------------------------------------------------------------------------

# Roman fracciones; a lone "l" is also taken (OCR reads "I" as "l": see citations._fractions).
_ROMAN_TOKEN = r"(?:[il1]{1,4}(?![a-z0-9])|(?=[ivxl])(?:xl|l?x{0,3})(?:ix|iv|v?i{0,3})(?![a-z0-9]))"
# "6o." / "6°" (folded to "6o"); OCR reads "6°" as "6?", "6”" or "60." (see citations)
_ART_NUM = (
    r"(?:[1-9]0\.(?=\s+(?:de|del|constitucional)\b)|\d{1,3}(?:\s?o\b\.?|[?”\"'’*])?)"
    r"(?:[ -]?(?:bis|ter|quater|quinquies)\b)?"
)
_FRAC_LIST = rf"(?P<fracs>{_ROMAN_TOKEN}(?:\s*\)?\s*(?:,|\by\b|\be\b|\ba\s+la\b|\ba\b|al)\s*(?:la\s+|las\s+)?{_ROMAN_TOKEN}\b)*)"
ARTICLE_START = re.compile(r"\b(?:articulos?[.:]?|arts?\.|art\b\.?)\s*(?=\d)")
# An article heading of a law text, matched on the original (not folded) text.
ARTICLE_HEADING = re.compile(
    r"(?:^|\n)[ \t*#_]*(?P<art>ART[IÍ]CULO|Art[ií]culo)\s+\d{1,3}(?:\s?(?:o|a|º|°)\b\.?)?(?:\s?(?:bis|Bis|BIS|ter|Ter|TER))?"
    r"\s*[.\-–—]+[ \t*_]*(?:\n\s*)?[A-ZÁÉÍÓÚÑ¿“\"(]"
)
# One article inside a list: "113", "113, fraccion V", "6o., apartado A", "116 bis"
ARTICLE_ITEM = re.compile(
    rf"(?P<num>{_ART_NUM})"
    r"(?P<qual>(?:\s*,?\s*(?:"
    rf"fracci(?:on|ones)\s+{_FRAC_LIST}\b\s*\)?|"
    r"(?:primer|segundo|tercer|cuarto|quinto|sexto|ultimo|penultimo)?\s*parrafos?(?:\s+(?:primero|segundo|tercero|cuarto|quinto|sexto|\d+))?(?:\s*(?:,|y)\s*(?:primero|segundo|tercero|cuarto|\d+))*|"
    r"apartados?\s+[a-d]\b|incisos?\s+[a-z]\)?(?:\s*(?:,|y)\s*[a-z]\))*|numerales?\s+\d+|base\s+[ivx]+\b|"
    r"parte\s+final|segundo\s+supuesto|primer\s+supuesto))*)"
)
ARTICLE_RANGE = re.compile(r"\s*(?:a|al)\s+(?:(?:el|los)\s+)?(?:articulos?\s+)?(?=\d)")
ARTICLE_LIST_SEP = re.compile(
    r"\s*(?:,|\by\b|\be\b|\basi\s+como\b|\bo\b|,?\s*en\s+relacion\s+con\b|,?\s*en\s+concordancia\s+con\b)\s*"
    r"(?:(?:el|los|del|de\s+los)\s+)?(?:(?:diversos?|numeral(?:es)?|articulos?)[\s:.]+)?(?=\d)"
)
FRACTION_BEFORE = re.compile(
    rf"\bfracci(?:on|ones)\s+{_FRAC_LIST}\s*,?\s*(?:,|y)?\s*(?:todas\s+)?(?:del|de\s+los|de\s+el)\s+"
    rf"(?P<art>articulos?|arts?\.)\s*(?P<num>{_ART_NUM})"
)
ROMAN_SPLIT = re.compile(
    rf"(?P<a>{_ROMAN_TOKEN})\s*(?P<sep>,|\by\b|\be\b|\ba\s+la\b|\ba\b|\bal\b)?"
)
CONSTITUTIONAL = re.compile(r"^\s*(?:,\s*)?(?:de\s+la\s+)?constitucional\b")
LAW_REF_START = re.compile(
    r"^[\s,]*(?:(?:ambos|todos)\s+)?(?:de|del|en|conforme\s+a)\s+(?:(?:la|el|los|las|nuestra|nuestro|dicha|dicho|citada|citado)\b)?\s*"
)
SAME_LAW = re.compile(
    r"^(?:misma\s+ley|mismo\s+ordenamiento|propia\s+ley|ley\s+en\s+cita|ley\s+de\s+referencia|"
    r"ley\s+citada|citada\s+ley|dicha\s+ley|dicho\s+ordenamiento|ordenamiento\s+(?:citado|en\s+cita|legal\s+citado|invocado))"
)
THIS_LAW = re.compile(r"^(?:esta\s+ley|la\s+presente\s+ley|este\s+ordenamiento)\b")
LOCAL_LAW = re.compile(
    r"^(?:ley\s+de\s+la\s+materia|ley\s+local|ley\s+estatal|ley\s+de\s+transparencia(?:\s+(?:local|estatal|vigente\s+en\s+el\s+estado|del\s+estado|en\s+el\s+estado))?(?![\w ]{0,12}(?:y\s+acceso|general|federal)))"
)
OTHER_LAW = re.compile(
    r"^(?:ley|codigo|reglamento|lineamientos?|estatuto|constitucion\s+politica\s+del\s+estado|constitucion\s+(?:local|estatal)|"
    r"acuerdo|decreto|norma|manual|convencion|pacto|declaracion|ordenamiento|bases|criterios?|politicas?)\b"
)
STATE_CONSTITUTION = re.compile(r"^constitucion\s+politica\s+(?:del\s+estado|para\s+el\s+estado)")
FEDERAL_CONSTITUTION = re.compile(
    r"^(?:constitucion(?:\s+politica)?(?:\s+de\s+los\s+estados\s+unidos\s+mexicanos)?|carta\s+magna|cpeum|constitucion\s+(?:federal|general))\b"
)


_BUILT: dict[tuple[int, str], tuple[Registry, re.Pattern[str]]] = {}


def _cached(registry: Registry, builder: Callable[[Registry], re.Pattern[str]]) -> re.Pattern[str]:
    """Build a registry pattern once per registry object (registries hold dicts: unhashable)."""
    key = (id(registry), builder.__name__)
    hit = _BUILT.get(key)
    if hit is None or hit[0] is not registry:
        hit = (registry, builder(registry))
        _BUILT[key] = hit
    return hit[1]


def law_names(registry: Registry) -> re.Pattern[str]:
    """Every law name and abbreviation of the registry, longest first; group ``law_<n>_<k>``."""
    return _cached(registry, _law_names)


def garante_names(registry: Registry) -> re.Pattern[str]:
    """Names, aliases and keys of every body (folded, longest first); group ``g_<n>_<k>``."""
    return _cached(registry, _garante_names)


def garante_places(registry: Registry) -> re.Pattern[str]:
    """Cities and state names of every body but the national one; group ``p_<n>_<k>``."""
    return _cached(registry, _garante_places)


def _law_names(registry: Registry) -> re.Pattern[str]:
    alts: list[tuple[int, str]] = []
    abbrs = list(registry.laws)
    for i, abbr in enumerate(abbrs):
        for name in (*registry.laws[abbr], abbr):
            alts.append((len(name), rf"(?P<law_{i}_{len(alts)}>{words(name)})"))
    alts.sort(key=lambda a: -a[0])
    return re.compile(r"^(?:" + "|".join(a for _, a in alts) + r")(?![\w])")


def law_of_group(registry: Registry, group_name: str) -> str:
    return list(registry.laws)[int(group_name.split("_")[1])]


def _garante_names(registry: Registry) -> re.Pattern[str]:
    alts: list[tuple[int, str]] = []
    keys = list(registry.garantes)
    for i, key in enumerate(keys):
        g = registry.garantes[key]
        for name in {g.name, key, *g.aliases}:
            alts.append((len(name), rf"(?P<g_{i}_{len(alts)}>{words(name)})"))
    alts.sort(key=lambda a: -a[0])
    return re.compile(r"(?<![\w])(?:" + "|".join(a for _, a in alts) + r")(?![\w])")


def garante_of_group(registry: Registry, group_name: str) -> str:
    return list(registry.garantes)[int(group_name.split("_")[1])]


def _garante_places(registry: Registry) -> re.Pattern[str]:
    alts: list[tuple[int, str]] = []
    keys = list(registry.garantes)
    for i, key in enumerate(keys):
        g = registry.garantes[key]
        for name in {g.state, *g.cities}:
            if name and name.casefold() != "nacional":
                alts.append((len(name), rf"(?P<p_{i}_{len(alts)}>{words(name)})"))
    alts.sort(key=lambda a: -a[0])
    return re.compile(r"(?<![\w])(?:" + "|".join(a for _, a in alts) + r")(?![\w])")


# --- header fields, doc type and criteria layouts (used by corpus.fields and corpus.criteria) ---

TITLE_LINE = re.compile(
    r"^(?:acuerdo\b|recurso\s+de\s+revision|resolucion\b|denuncia\b|pleno$|secretaria\s+tecnica$|ponencia\s+[ivx]+$)"
)
LABEL_WORDS = re.compile(
    r"^(?:recurrente|solicitante|denunciante|expediente|ponente|sujeto|folio|fecha|secretari[oa]|proyectista|"
    r"comisionad[oa]|resultandos?|antecedentes|considerandos?|resolutivos|vistos?)\b"
)
PONENCIA_TAIL = re.compile(r"[-/]\s*P?\s?[IVX1L]+$", re.IGNORECASE)
OCR_PONENCIA = re.compile(r"/([1l|]{1,3})\s*$")
LAW_TITLE = re.compile(
    r"(?:^|\n)[ \t#*]*(?:ley|codigo|reglamento|constitucion\s+politica)\b[^\n]{5,200}"
)
LAW_ARTICLE = re.compile(r"(?:^|\n)[ \t*#_]*(?:articulo|art\.)\s+\d{1,3}")
# The document's title line in its caption: "ACUERDO DE CUMPLIMIENTO", "RECURSO DE REVISIÓN",
# "DENUNCIA …", "RESOLUCIÓN …" (a short line of its own); the first one names the kind.
TITLE_KIND = re.compile(
    r"(?:^|\n)[ \t#*_]*(?P<kind>acuerdo|resolucion|recurso\s+de\s+revision|denuncia)\b"
    r"(?P<rest>[^\n]{0,110})(?=\n|$)"
)
NOT_A_TITLE = re.compile(r"^\s*(?:de\s+(?:admision|turno)|que\s|:)")
RESOLUTION_HINT = re.compile(
    r"\bvistos?\b[^.]{0,60}\bresolver\b|(?:^|\n)[ \t*#_]*(?:recurso\s+de\s+revision|resolucion\b|"
    r"sujeto\s+obligado\s*:|expediente\s*:|denuncia\b|(?:n(?:o|um|umero)\.?|numero)\s+de\s+expediente)"
)
UT_HEADER = re.compile(
    r"^\s*(?:#+\s*)?unidad\s+de\s+transparencia\s*\n+[ \t#*]*(?P<value>[^\n]{3,100})"
)
UT_SIGNATURE = re.compile(
    r"titular\s+de\s+la\s+unidad\s+de\s+transparencia\s*\n(?P<value>(?:[ \t]*\n)*(?:[^\n]+\n?(?:[ \t]*\n)*){1,3})\s*$"
)
INSTITUTION_START = re.compile(
    r"^(?:partido|comite|secretaria|h\.|ayuntamiento|poder|instituto|universidad|comision|fiscalia|tribunal|congreso|sindicato|organismo|consejo|direccion|sistema|junta|servicios)"
)
HONORIFIC = re.compile(
    r"^(?:(?:lic|licda|licdo|mtra|mtro|dra|dr|ing|arq|c|l\.c\.p|c\.p|maestr[oa]|licenciad[oa]|doctor[a]?)\.?\s+"
    r"|(?:el|la)\s+(?=comisionad|magistrad)|(?:comisionad[oa]|magistrad[oa])(?:\s+president[ae])?\s+)+",
    re.IGNORECASE,
)
# "Ponencia: II", "PONENCIA: P III": the ponencia, not the person
NOT_A_NAME = re.compile(r"^(?:ponencia\s+)?(?:p\.?\s?)?(?:[ivx]+|\d+)(?:\s|$)")
TABLE_HEADER = re.compile(
    r"expediente\s*(?:\||\t|\n\s*)\s*sujeto\s+obligado[^\n]*(?:\n\s*ponente)?(?:\n\s*fecha)?"
)
ITEM_PREFIX = re.compile(
    r"[ \t]*(?:[•·●▪◦*\-–][ \t]*)?(?:recurso\s+de\s+revision\s+|expediente:?\s+)?"
)
INSTITUTION = re.compile(
    r"^(?:h\.(?=\s)|(?:ayuntamiento|secretaria|universidad|poder|partido|sindicato|fideicomiso|comision|"
    r"tribunal|sistema|junta|instituto|coordinacion|fiscalia|congreso|organismo|consejo|direccion|"
    r"procuraduria|auditoria|municipio|gobierno|colegio|comite|centro|hospital|servicios|oficina|"
    r"unidad|camara|senado|banco|empresa|agencia|registro|archivo)\b)"
)
SKIP_SENTENCE = re.compile(
    r"^(?:sesion|votacion|por\s+(?:unanimidad|mayoria)|aprobad|sin\s+votos|\d{1,2}\s+de\s+\w+|"
    r"comisionad|ponente|acceso\s+a\s+la\s+informacion|proteccion\s+de\s+datos|fecha|resuelt|"
    r"\d{1,2}[/-]\d{1,2}[/-]\d{2,4}|\d{4}-\d\d-\d\d|recurso\s+de\s+revision\s*$)"
)
LINE_BEFORE_LABEL = re.compile(
    r"[.;]?[ \t]*\n(?=[ \t]*[A-ZÁÉÍÓÚÑ][\w()]*(?:[ \t]+[\w()]+){0,3}[ \t]*:)"
)
ITEM_FIELD_LINE = re.compile(
    r"^[ \t]*(?:sujeto\s+obligado|comisionad[oa](?:\(a\))?\s+ponente|ponente|fecha(?:\s+de\s+resolucion)?|"
    r"votacion|sesion)[ \t]*:"
)
OCR_PONENCIA_STROKES = re.compile(r"(?<=-P)[IVXLl1|]{1,4}(?!\w)")
DASH_SPLIT = re.compile(r"\s*—\s*|\s*\|\s*")
TRAILING_DATE = re.compile(r"\s*\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\s*$")
CELL_SPLIT = re.compile(r"[ \t]*\|[ \t]*|[ \t]*\n[ \t]*|\t+|[ ]{3,}")
