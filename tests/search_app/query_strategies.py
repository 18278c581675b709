"""Hypothesis strategies for hostile search requests: query strings for ``/buscar``, the JSON
API, the exports, the feed and the document page.

A generated request is a raw query string (what follows ``?``), built from parameter pairs
whose values mix Spanish words, field prefixes (known, accented, unknown, without value),
expedientes and article references as people type them, operators and ``-``/``NOT``/``NO``
chains, wildcards, range and fuzzy syntax of other engines, unbalanced quotes and parentheses,
control characters, odd Unicode, 2 KB of nesting, huge OR lists and very long words; then
percent-encoded either properly or with oddities (stray ``%``, truncated or invalid UTF-8,
encoded surrogates, double encoding, ``+`` for spaces).
"""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import strategies as st

SPANISH_WORDS: tuple[str, ...] = (
    "información", "reservada", "versión", "pública", "inexistencia", "datos", "personales",
    "ayuntamiento", "mérida", "xalapa", "nómina", "nóminas", "prueba", "daño", "sobresee",
    "revoca", "confirma", "modifica", "contratos", "obra", "policía", "municipal", "salud",
    "sujeto", "obligado", "criterio", "búsqueda", "exhaustiva", "comité", "transparencia",
    "incompetencia", "prevención", "ampliación", "plazo", "remuneraciones", "facturas",
    "de", "la", "el", "los", "que", "y", "o", "en", "por", "más", "año", "años", "Peña",
    "niño", "ARCO", "INAI", "IVAI", "ITAIP", "Tabasco", "Veracruz", "6o.", "3.5", "ñ",
)
FIELD_NAMES: tuple[str, ...] = (
    # known (with and without accents, any case) ...
    "expediente", "sujeto", "año", "ano", "anio", "AÑO", "tema", "articulo", "artículo",
    "ponente", "garante", "organismo", "estado", "tipo", "sentido", "Expediente",
    # ... combining accent, full-width, unknown, look-alike
    "an\u0303o", "ｅｘｐｅｄｉｅｎｔｅ", "titulo", "título", "foo", "id", "_", "x", "text",
    "content", "sujeto_obligado", "ñ", "İ", "ß",
)
IDENTIFIERS: tuple[str, ...] = (
    "IVAI-REV/275/2017/I", "ivai rev 275 2017", "RR/DAI/0177/2023-PIII", "rr/dai/177/2023",
    "RR/DAI/875/2017-PII", "RRA 1234/19", "RRD 123/20", "Criterio 03/17", "SO/007/2019",
    "275/2017", "275/17", "0/0000", "99999/9999", "art. 113 fr. V", "artículo 6o.",
    "artículo 113, fracción V", "art 116 LGTAIP", "arts. 1 fracc. XLIX", "art. 9999 fr. LLLLLL",
    "271158600003523", "IVAI-REV/", "/2017/I", "RR/DAI/-P", "art.", "fr. V",
)
OPERATORS: tuple[str, ...] = (
    "OR", "O", "AND", "Y", "NOT", "NO", "-", "--", "||", "&&", "!", "+", "or", "not", "o", "y",
)
HOSTILE: tuple[str, ...] = (
    "*", "?*", "*a*", "a*", "ab*", "inf*", "info?", "?", "**", "*:*", "~", "~2", "palabra~",
    '"frase"~3', "^", "palabra^10", "[a TO", "[a TO z]", "{", "}", "{* TO *}", "[", "]", ":",
    "::", "\\", "\\\\", "/", "//", "/regex.*/", "(", ")", "()", ")(", '"', '""', "'", "`",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "&amp;", "%", "%%", "%00",
    "%s", "{0}", "${x}", "{{7*7}}", "NULL", "None", "'; DROP TABLE x; --", "../../etc/passwd",
    "_id:1", "*:", ":*", "\x00", "\x01\x02", "\x1b[31m", "\x7f", "\x85", "\x9f", "\t", "\n",
    "\r\n", "\u2028", "\u200b", "\u200d", "\u202e", "\ufeff", "\ufffe", "\uffff", "\ufffd",
    "\U0001f600", "\U0001f1f2\U0001f1fd", "ﬁ", "ß", "ẞ", "İ", "ı", "ς", "Ⅻ", "²", "١٢٣",
    "٣/٢٠١٧", "０１２", "ｆｏｏ", "a\u0301", "n\u0303", "\u0301", "\u0300\u0301\u0302",
    "“frase”", "«frase»", "„", "＂", "\x1f", "\ud800", "\udfff", "\ud83d",
)
CONTROL_AND_ODD = st.characters(
    min_codepoint=0, max_codepoint=0x10FFFF,
    categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Nd", "No", "So", "Lo"),
)


FIELD_VALUES: tuple[str, ...] = (
    "información", "Ayuntamiento", "IVAI-REV/275/2017/I", "275/2017", "113 fr. V", "2019", "19",
    "datos-personales", '"ayuntamiento de mérida"', '"prueba', "", '"', "*", "?*", "a*", "abc*",
    "(", ")", "-", "NOT", "OR", ":", "[a TO", "~", "\x00", "²", "-1", "99999",
)


def _atoms() -> tuple[str, ...]:
    """Every atom a query is made of, in one flat table (one cheap draw each; shrinking goes
    towards the first entries, plain Spanish words)."""
    fielded = [f"{f}:{v}" for f in FIELD_NAMES for v in FIELD_VALUES]
    variants = [w + s for w in SPANISH_WORDS[:20] for s in ("*", "?", "~", ":", "^2", ")")]
    variants += ['"' + w for w in SPANISH_WORDS[:10]] + ["(" + w for w in SPANISH_WORDS[:10]]
    variants += [f'"{a} {b}"' for a, b in zip(SPANISH_WORDS, SPANISH_WORDS[5:], strict=False)]
    return (*SPANISH_WORDS, *SPANISH_WORDS, *IDENTIFIERS, *OPERATORS, *HOSTILE, *fielded,
            *variants, "-1", "0", "12345678901234567890", "1e308", "-0")


ATOMS: tuple[str, ...] = _atoms()
SEPARATORS: tuple[tuple[str, ...], ...] = (
    (" ",), (" ",), (" ",), ("",), ("  ",), ("\t",), ("\n", " "), ("+",), (",", " "),
    (" (", ") "), (" ", " OR "), (" ", " -"), (" NOT ", " "),
)


# Strategies are built once, here: building one per draw (inside a composite) recomputes its
# label over the whole table each time, and made generation ten times slower than the requests.
_ATOM_LISTS = st.lists(st.sampled_from(ATOMS), min_size=1, max_size=12)
_SEPARATOR = st.sampled_from(SEPARATORS)
_ODD_TEXT = st.one_of(st.text(CONTROL_AND_ODD, min_size=1, max_size=4),
                      st.text(min_size=1, max_size=8))
_PER_MILLE = st.integers(0, 1000)  # a position within a string, as a fraction of its length
_EIGHTH = st.integers(0, 7)


def _at(draw: st.DrawFn, text: str) -> int:
    return draw(_PER_MILLE) * len(text) // 1000


@st.composite
def _joined(draw: st.DrawFn) -> str:
    """Atoms joined by a drawn separator pattern, with odd text spliced in at times."""
    atoms = draw(_ATOM_LISTS)
    seps = draw(_SEPARATOR)
    out = atoms[0]
    for i, atom in enumerate(atoms[1:]):
        out += seps[i % len(seps)] + atom
    if draw(_EIGHTH) == 0:
        at = _at(draw, out)
        out = out[:at] + draw(_ODD_TEXT) + out[at:]
    return out


_DEPTH = st.integers(1, 1024)
_NEST_INNER = st.sampled_from(("información", "", "a OR", '"x', "expediente:", "*", "datos"))
_NEST_CLOSE = st.sampled_from((0, 0, -1, 1, 3, None))  # None: no closing parenthesis at all
_NEST_OPEN = st.sampled_from(("(", "( ", "NOT (", "a OR (", "-(", '"(', "(("))


@st.composite
def _nested(draw: st.DrawFn) -> str:
    """Deep parentheses (up to ~2 KB), balanced or not, with words or nothing inside."""
    depth = draw(_DEPTH)
    inner = draw(_NEST_INNER)
    extra = draw(_NEST_CLOSE)
    close = 0 if extra is None else depth + extra
    return draw(_NEST_OPEN) * depth + inner + ")" * close


_OR_COUNT = st.integers(2, 400)
_OR_WORD = st.sampled_from(ATOMS)
_OR_OP = st.sampled_from((" OR ", " O ", " || ", " ", " AND ", " NOT "))
_OR_TAIL = st.sampled_from(("", " OR", "OR ", " (", ")", '"'))


@st.composite
def _or_list(draw: st.DrawFn) -> str:
    """A huge OR list (up to ~2 KB), sometimes with a dangling operator."""
    n = draw(_OR_COUNT)
    word = draw(_OR_WORD)
    op = draw(_OR_OP)
    return op.join(f"{word}{i % 7 or ''}" for i in range(n)) + draw(_OR_TAIL)


_NEG_COUNT = st.integers(1, 60)
_NEG_OP = st.sampled_from(("-", "NOT ", "NO ", "- ", "NOT -", "--", "-NOT ", "NO -"))
_NEG_FIRST = st.sampled_from(("", "información ", "(a) ", "datos OR ", "x -"))
_NEG_LAST = st.sampled_from(("datos", "", ")", "*", '"a b"', "año:"))


@st.composite
def _negations(draw: st.DrawFn) -> str:
    """``-``/``NOT``/``NO`` chains, alone or after a positive word."""
    n = draw(_NEG_COUNT)
    return draw(_NEG_FIRST) + draw(_NEG_OP) * n + draw(_NEG_LAST)


_LONG_CHAR = st.sampled_from(("a", "ñ", "á", "9", "-", "/", "\u0301", "\U0001f600", "*", "("))
_LONG_COUNT = st.integers(100, 2100)
_LONG_TAIL = st.sampled_from(("", "*", '"', ")", "~"))


@st.composite
def _long_word(draw: st.DrawFn) -> str:
    return draw(_LONG_CHAR) * draw(_LONG_COUNT) + draw(_LONG_TAIL)


QUERY_TEXT: st.SearchStrategy[str] = st.one_of(
    _joined(), _joined(), _joined(), _joined(),
    _nested(), _or_list(), _negations(), _long_word(),
    st.text(max_size=40),
    st.just(""),
)


def query_text() -> st.SearchStrategy[str]:
    """One value of ``q``: mostly mixtures of atoms, sometimes one of the big shapes."""
    return QUERY_TEXT


# ------------------------------------------------------------- the other parameters

FILTER_KEYS: tuple[str, ...] = (
    "garante", "organismo", "state", "estado", "doc_type", "tipo", "year", "año", "anio",
    "sentido", "topics", "tema", "sujeto_obligado", "sujeto", "sujeto_kind", "tipo_sujeto",
    "ponente", "vigencia", "articles", "articulo", "expediente", "id", "filter",
)
FILTER_VALUES: tuple[str, ...] = (
    "IVAI", "ITAIP", "INAI", "ivai", "Veracruz", "Tabasco", "resolucion", "criterio", "RESOLUCION",
    "resolución", "revoca", "confirma", "vigente", "historico", "histórico", "2017", "2019",
    "19", "0000", "99999", "２０１９", "²⁰¹⁹", "٢٠١٩", "prueba-de-dano", "datos-personales",
    "Ayuntamiento de Xalapa", "LGTAIP 113 V", "IVAI-REV/275/2017/I", "", " ", "x" * 250,
    "garante=IVAI", "year=2019", "bogus=1", "garante:IVAI", "=", ":", "=IVAI", "garante=",
)
SORT_VALUES: tuple[str, ...] = (
    "relevance", "date", "date_asc", "fecha", "antiguos", "DATE", "", "random", "-date",
    "date;drop", "relevancia\x00",
)
NUMBERS: tuple[str, ...] = (
    "1", "2", "3", "0", "-1", "500", "501", "100", "101", "99999999999999999999999", "1e3",
    " 2", "2 ", "+2", "0x10", "²", "١", "２", "1.5", "", "NaN", "inf", "0002",
)
DATES: tuple[str, ...] = (
    "2019-05-31", "2019", "2017-01-01", "2024-12-31", "2019-02-30", "2019-13-01", "2019-1-1",
    "20190531", "0000-01-01", "0001-01-01", "9999-12-31", "99999-01-01", "-2019", "２０１９",
    "2019-05-31T00:00", "31/05/2019", "ayer", "", "1900",
)
OTHER_KEYS: tuple[str, ...] = ("facets", "snippets", "page_size", "desde", "hasta", "unknown",
                               "q[]", "Q", "", "callback", "format")


GOOD_PAIRS: tuple[tuple[str, str], ...] = (  # valid: the query itself reaches the engine
    ("garante", "IVAI"), ("garante", "ITAIP"), ("organismo", "INAI"), ("year", "2017"),
    ("año", "2019"), ("doc_type", "resolucion"), ("tipo", "criterio"), ("sentido", "revoca"),
    ("topics", "datos-personales"), ("vigencia", "vigente"), ("estado", "Veracruz"),
    ("sort", "date"), ("sort", "date_asc"), ("sort", "relevancia"), ("page", "2"),
    ("page", "1"), ("page_size", "5"), ("date_from", "2017"), ("date_to", "2023-12-31"),
    ("desde", "2019-01-01"), ("facets", "0"), ("snippets", "no"), ("filter", "garante=IVAI"),
    ("sujeto", "Ayuntamiento de Xalapa"), ("articulo", "LGTAIP 113 V"),
)
PAIRS: tuple[tuple[str, str], ...] = (  # anything, mostly invalid
    *((k, v) for k in FILTER_KEYS for v in FILTER_VALUES),
    *(("sort", v) for v in SORT_VALUES),
    *((k, v) for k in ("page", "page_size") for v in NUMBERS),
    *((k, v) for k in ("date_from", "date_to", "desde", "hasta") for v in DATES),
    *((k, v) for k in OTHER_KEYS for v in ("0", "1", "no", "false", "off", "", "sí")),
)
_PAIR: st.SearchStrategy[tuple[str, str]] = st.one_of(
    st.sampled_from(GOOD_PAIRS), st.sampled_from(GOOD_PAIRS), st.sampled_from(GOOD_PAIRS),
    st.sampled_from(PAIRS),
    st.tuples(st.sampled_from((*FILTER_KEYS, "sort", "page", "date_from")), st.text(max_size=12)),
)  # one non-q parameter: a filter, the sort, the page, a date or something else
_PAIR_LISTS = st.lists(_PAIR, max_size=3)


# ------------------------------------------------------------- percent-encoding oddities

ODD_ESCAPES: tuple[str, ...] = (
    "%", "%%", "%G1", "%2", "%C3", "%C3%28", "%FF", "%FE%FF", "%ED%A0%80", "%F4%90%80%80",
    "%C0%AF", "%E2%82", "%00", "%2500", "%252F", "%u00e1", "&", "&&", "=", "==", ";", "#",
    "%0A", "%0D%0A", "+", "%2B", "%20", "%7F", "%C2%85",
)


def _encode_value(value: str) -> str:
    # a lone surrogate cannot be UTF-8 encoded: send its CESU-8 bytes, as a broken client would
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


_STYLE = st.integers(0, 9)
_ODD_ESCAPE = st.sampled_from(ODD_ESCAPES)
_GLUE = st.sampled_from(("&", "&", "&", "&&", ";"))
_TWENTIETH = st.integers(0, 19)


def _encoded_value(draw: st.DrawFn, value: str) -> str:
    """``value`` percent-encoded: properly most of the time, else with one oddity."""
    style = draw(_STYLE)
    if style <= 5:
        return _encode_value(value)
    if style == 6:  # spaces as "+", everything else encoded
        return "+".join(_encode_value(part) for part in value.split(" "))
    if style == 7:  # double encoding
        return quote(_encode_value(value), safe="")
    encoded = _encode_value(value)  # an oddity spliced in somewhere
    at = _at(draw, encoded)
    return encoded[:at] + draw(_ODD_ESCAPE) + encoded[at:]


@st.composite
def query_strings(draw: st.DrawFn) -> str:
    """A raw query string: ``q``, a few other parameters, oddly encoded at times."""
    pairs: list[tuple[str, str]] = draw(_PAIR_LISTS)
    pairs.insert(_at(draw, "x" * len(pairs)), ("q", draw(QUERY_TEXT)))
    if draw(_TWENTIETH) == 0:  # a repeated q: the last one counts
        pairs.append(("q", draw(QUERY_TEXT)))
    parts = [f"{quote(k, safe='')}={_encoded_value(draw, v)}" for k, v in pairs]
    return draw(_GLUE).join(parts)


ADVANCED_FIELDS: tuple[str, ...] = (
    "palabras", "frase", "expediente", "sujeto", "ponente", "articulo", "excluir", "garante",
    "sentido", "tema", "tipo", "desde", "hasta",
)
_ADVANCED_FIELD_LISTS = st.lists(st.sampled_from(ADVANCED_FIELDS), min_size=1, max_size=5)
_ADVANCED_VALUE = st.one_of(QUERY_TEXT, st.sampled_from(FILTER_VALUES), st.sampled_from(DATES))


@st.composite
def advanced_forms(draw: st.DrawFn) -> str:
    """The advanced-search form's query string (``enviar=1`` and a few hostile fields)."""
    parts = ["enviar=1"]
    for name in draw(_ADVANCED_FIELD_LISTS):
        parts.append(f"{name}={_encoded_value(draw, draw(_ADVANCED_VALUE))}")
    return "&".join(parts)
