"""Repairs of Tesseract's typical mistakes in Spanish legal text: pure functions, regexes here.

Sans-serif capitals fool OCR: "I" reads as "l", "|", "!" or "1", and "II" as "11" or "H".
Those letters matter in expedientes ("IVAI-REV/3/2025/II"), fracciones ("fracción XXIII") and
list numerals ("I. Solicitud"), so they are restored where the context says a capital I or a
roman numeral belongs. Tesseract also puts a blank line inside a wrapped caption value
("SUJETO OBLIGADO: Ayuntamiento de" / "" / "Tenosique"); that blank line is removed when the
first line cannot end there. Applied to OCR pages only.
"""

from __future__ import annotations

import re

# A token that looks like an identifier: letters, digits, "/" or "-", with a digit in it.
_ID_TOKEN_RE = re.compile(r"[A-Za-z0-9|!]+(?:[/-][A-Za-z0-9|!]+)+")
# "l", "|", "!" or "1" standing for "I" next to capitals ("IVAl" → "IVAI", "DA1/" → "DAI/").
_I_LIKE_NEAR_CAPS_RE = re.compile(
    r"(?<=[A-Z])[l|!1](?=[A-Z]|$)|(?<=[A-Z]{2})[l|!1](?=[/-])|^[l|!](?=[A-Z])"
    r"|(?<=[/-])[l|!1](?=[A-Z]{2})"
)
# A ponencia in roman numerals after the year: ".../2025/11" → ".../2025/II", "2016-PHI" → "PIII".
_ROMAN_AFTER_YEAR_RE = re.compile(r"(?<=/(?:19|20)\d\d/)[1lI|!HL]{1,3}$")
_PONENCIA_AFTER_YEAR_RE = re.compile(r"(?<=(?:19|20)\d\d-P)[1lI|!H]{1,4}$")


def _fix_id_token(token: str) -> str:
    if sum(c.isupper() for c in token) < 2 or not any(c.isdigit() for c in token):
        return token
    token = _I_LIKE_NEAR_CAPS_RE.sub("I", token)
    token = _ROMAN_AFTER_YEAR_RE.sub(lambda m: as_roman(m.group()) or m.group(), token)
    return _PONENCIA_AFTER_YEAR_RE.sub(
        lambda m: m.group().replace("H", "II").translate(str.maketrans("1l|!", "IIII"))[:4],
        token,
    )


def fix_ocr_identifiers(text: str) -> str:
    """Undo OCR's I/l/1 confusions inside expediente-like tokens (sans-serif "I" reads as "l").

    Only tokens with a digit, a "/" or "-", and capitals are touched: "IVAl-REV/003/2025/11"
    → "IVAI-REV/003/2025/II", "DI/DA1/0001/2016-PHI" → "DI/DAI/0001/2016-PIII". A roman
    numeral is restored only right after a four-digit year, where the known formats put the
    ponencia; ordinary words and numbers are left alone.
    """
    return _ID_TOKEN_RE.sub(lambda m: _fix_id_token(m.group()), text)


# Roman numerals, where the context asks for one.
_ROMAN_RE = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CONFUSABLE = str.maketrans("l|!1", "IIII")
_ROMAN_CONTEXT_RE = re.compile(
    r"(?P<ctx>\b(?:fracci[oó]n(?:es)?|ponencia|cap[ií]tulo|t[ií]tulo|inciso)\s+)"
    r"(?P<num>[IVXLCHTl|!1]{1,8})(?=[\s,.;:)]|$)",
    re.IGNORECASE,
)
_LINE_MARKER_RE = re.compile(r"(?m)^(?P<num>[IVXl|!]{1,6})(?P<end>[.)-])(?=\s)")
# A line that cannot end a paragraph: a dangling article/preposition, or an open bracket.
_DANGLING_RE = re.compile(
    r"(?:\b(?:de|del|la|las|los|el|y|e|en|a|al|por|para|con|o|u|que|su|sus)|\[[^\]]*|\([^)]*)$",
    re.IGNORECASE,
)


def as_roman(token: str) -> str | None:
    """``token`` read as a roman numeral with OCR confusables fixed, or None if it is not one.

    Tries, in order: every confusable as "I"; the same without the stray marks "!" and "|"
    (OCR often splits one "I" into "l!"); "H" as "II" (two I's run together); "L" and "T"
    as "I" (only when the token is not a valid numeral as it stands, so "XL" stays).
    """
    if not any(c in "IVXl|!1HT" for c in token):
        return None
    plain = token.translate(_CONFUSABLE)
    unmarked = token.replace("!", "").replace("|", "").translate(_CONFUSABLE)
    candidates = [plain, unmarked, plain.replace("H", "II"), unmarked.replace("H", "II")]
    candidates += [c.replace("L", "I").replace("T", "I") for c in candidates]
    for candidate in candidates:
        if candidate and _ROMAN_RE.match(candidate):
            return candidate
    return None


def fix_roman_numerals(text: str) -> str:
    """ "fracción XXl!Il" → "fracción XXIII", "|. Presentación" → "I. Presentación"."""

    def in_context(m: re.Match[str]) -> str:
        num = m.group("num")
        if num.isdigit() and set(num) != {"1"}:
            return m.group()  # "fracción 3": an arabic number; "fracción 111" is OCR for III
        roman = as_roman(num)
        return m.group("ctx") + roman if roman else m.group()

    def marker(m: re.Match[str]) -> str:
        roman = as_roman(m.group("num"))
        return (roman + m.group("end")) if roman else m.group()

    return _LINE_MARKER_RE.sub(marker, _ROMAN_CONTEXT_RE.sub(in_context, text))


def join_ocr_continuations(text: str) -> str:
    """Drop the blank line OCR puts after a line that cannot end there ("… de" / "Tenosique")."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j > i + 1 and j < len(lines) and _DANGLING_RE.search(lines[i].rstrip()):
            i = j  # skip the blank lines: the next line continues this one
            continue
        i += 1
    return "\n".join(out)


def repair_ocr_text(text: str) -> str:
    """All OCR repairs, in order: identifiers, roman numerals, continuation lines."""
    return join_ocr_continuations(fix_roman_numerals(fix_ocr_identifiers(text)))
