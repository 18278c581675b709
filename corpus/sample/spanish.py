"""Spanish text helpers for the sample corpus: numbers and dates in words, roman numerals,
simple syllable hyphenation, slugs. Pure functions, no randomness."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)

_UNITS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro",
    "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve",
)
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}
_HUNDREDS = {
    1: "ciento", 2: "doscientos", 3: "trescientos", 4: "cuatrocientos", 5: "quinientos",
    6: "seiscientos", 7: "setecientos", 8: "ochocientos", 9: "novecientos",
}


@lru_cache(maxsize=4096)
def number_words(n: int, apocope: bool = False) -> str:
    """Cardinal in words, 0..9999 ("dos mil diecisiete"); ``apocope`` gives "veintiún", "un"."""
    if n < 0 or n > 9999:
        raise ValueError(n)
    if n < 30:
        word = _UNITS[n]
    elif n < 100:
        tens, unit = divmod(n, 10)
        word = _TENS[tens] + ("" if unit == 0 else " y " + _UNITS[unit])
    elif n < 1000:
        hundreds, rest = divmod(n, 100)
        if n == 100:
            return "cien"
        word = _HUNDREDS[hundreds] + ("" if rest == 0 else " " + number_words(rest, apocope))
        return word
    else:
        thousands, rest = divmod(n, 1000)
        head = "mil" if thousands == 1 else number_words(thousands, True) + " mil"
        return head + ("" if rest == 0 else " " + number_words(rest, apocope))
    if apocope:
        word = re.sub(r"veintiuno$", "veintiún", word)
        word = re.sub(r"(^| )uno$", r"\1un", word)
    return word


@lru_cache(maxsize=65536)
def date_words(d: date, style: int = 0) -> str:
    """A date written in words, in one of the styles real resolutions use.

    0: "diecisiete de mayo de dos mil diecisiete"
    1: "los diecisiete días del mes de mayo del año dos mil diecisiete"
    2: "17 de mayo de 2017"
    3: "17 de mayo del año 2017"
    4: "diecisiete de mayo del dos mil diecisiete"
    """
    day = "primero" if d.day == 1 and style in (0, 4) else number_words(d.day)
    month = MONTHS[d.month - 1]
    year = number_words(d.year)
    if style == 1:
        dias = "día" if d.day == 1 else "días"
        return f"los {number_words(d.day, apocope=True)} {dias} del mes de {month} del año {year}"
    if style == 2:
        return f"{d.day} de {month} de {d.year}"
    if style == 3:
        return f"{d.day:02d} de {month} del año {d.year}"
    if style == 4:
        return f"{day} de {month} del {year}"
    return f"{day} de {month} de {year}"


def date_numeric(d: date, style: int = 0) -> str:
    """A numeric date: 0 "17/05/2017", 1 "17-05-2017", 2 "17/mayo/2017", 3 "2017-05-17"."""
    if style == 1:
        return f"{d.day:02d}-{d.month:02d}-{d.year}"
    if style == 2:
        return f"{d.day:02d}/{MONTHS[d.month - 1]}/{d.year}"
    if style == 3:
        return d.isoformat()
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    """Roman numeral for 1..39 (fracciones, ponencias)."""
    out = []
    for value, letters in ((30, "XXX"), (20, "XX"), *_ROMAN):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


ORDINALS = (
    "PRIMERO", "SEGUNDO", "TERCERO", "CUARTO", "QUINTO", "SEXTO", "SÉPTIMO", "OCTAVO",
    "NOVENO", "DÉCIMO", "DÉCIMO PRIMERO", "DÉCIMO SEGUNDO", "DÉCIMO TERCERO", "DÉCIMO CUARTO",
)

_VOWELS = set("aeiouáéíóúü")
_INSEPARABLE = {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kl", "pl", "pr", "tr", "ch", "ll", "rr", "tl"}


def syllable_breaks(word: str) -> list[int]:
    """Positions inside ``word`` where a simple Spanish syllabification allows a hyphen.

    Rules: V-CV, VC-CV (keeping inseparable clusters such as "pr", "ch"), VCC-CV;
    vowels stay together (no hiatus split). Good enough for line-end hyphenation.
    """
    low = word.lower()
    n = len(low)
    breaks: list[int] = []
    i = 0
    while i < n:
        if low[i] in _VOWELS:
            j = i
            while j < n and low[j] in _VOWELS:
                j += 1
            k = j
            while k < n and low[k].isalpha() and low[k] not in _VOWELS:
                k += 1
            consonants = low[j:k]
            if k < n and low[k] in _VOWELS and consonants:
                if len(consonants) == 1:
                    cut = j
                elif len(consonants) == 2:
                    cut = j if consonants in _INSEPARABLE else j + 1
                else:
                    cut = k - 2 if consonants[-2:] in _INSEPARABLE else k - 1
                if 2 <= cut <= n - 2:
                    breaks.append(cut)
            i = k if k > i else i + 1
        else:
            i += 1
    return breaks


def soft_hyphenate(text: str, min_len: int = 7) -> str:
    """Insert soft hyphens (U+00AD) at syllable breaks of long alphabetic words."""

    def one(m: re.Match[str]) -> str:
        word = m.group(0)
        if len(word) < min_len or word.isupper():  # acronyms and capitals stay whole
            return word
        cuts = syllable_breaks(word)
        out, prev = [], 0
        for c in cuts:
            out.append(word[prev:c])
            prev = c
        out.append(word[prev:])
        return "\u00ad".join(out)

    return re.sub(r"[^\W\d_]+", one, text)


def slug(text: str) -> str:
    """ASCII slug: "IVAI-REV/275/2017/I" → "ivai-rev-275-2017-i"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
