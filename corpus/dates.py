"""Spanish dates and numbers in words, and the choice of a resolution's own date.

``find_dates`` finds every date (numeric, "17 de mayo de 2017", "17-may-2017", "a los veintiún
días del mes de abril del año dos mil veintidós", "primero de junio"); ``resolution_date``
picks the one that dates the document: a dated label ("Fecha de resolución:", "LUGAR Y FECHA"),
the closing vote formula ("Así lo resolvieron … en sesión celebrada el …") or the opening
place-and-date line ("Xalapa-Enríquez, Veracruz, a …"), never a date whose context says it
is a request, an answer, a notification or a receipt stamp.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from corpus import patterns as P

_UNITS = {
    "cero": 0, "un": 1, "uno": 1, "una": 1, "primero": 1, "primer": 1, "dos": 2, "tres": 3,
    "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiun": 21,
    "veintiuno": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiseis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60,
    "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
    "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
}  # fmt: skip


def words_to_int(text: str) -> int | None:
    """The value of a Spanish number in words ("dos mil diecisiete" → 2017), None if not one."""
    tokens = [t for t in re.split(r"\s+", P.fold(text).strip()) if t and t != "y"]
    if not tokens:
        return None
    total = current = 0
    for i, tok in enumerate(tokens):
        if tok == "mil":
            total += (current or 1) * 1000
            current = 0
        elif (
            tok == "diez"
            and i + 1 < len(tokens)
            and tokens[i + 1] in _UNITS
            and _UNITS[tokens[i + 1]] < 10
        ):
            current += 10  # "diez y seis"
        elif tok in _UNITS:
            current += _UNITS[tok]
        else:
            return None
    return total + current


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with its offsets and the date it means."""

    start: int
    end: int
    date: dt.date | None  # None when the year is missing and could not be inferred
    has_year: bool


def _number(value: str) -> int | None:
    value = value.strip().rstrip(".")
    value = re.sub(r"(?<=\d)(?:o|a)\.?$|\.o$", "", value)
    if value.replace(" ", "").isdigit():
        return int(value.replace(" ", ""))
    return words_to_int(value)


def _year(value: str | None) -> int | None:
    if not value:
        return None
    y = _number(value)
    if y is None:
        return None
    if y < 100:
        y += 2000 if y < 80 else 1900
    return y if 1900 <= y <= 2100 else None


def _make(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str, *, folded: str | None = None) -> list[DateMatch]:
    """Every date in ``text``, in order; a year-less date takes the year of the date before it."""
    f = folded if folded is not None else P.fold(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []  # kept sorted: spans already read as dates

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(taken, (a, a))
        return all(b <= s or a >= e for s, e in taken[max(0, i - 1) : i + 1])

    def take(a: int, b: int) -> None:
        bisect.insort(taken, (a, b))

    for m in P.DATE_LONG.finditer(f):
        day = _number(m.group("day"))
        y = _year(m.group("year"))
        end = m.end() if y is not None else m.end("month")
        date = _make(y, P.MONTHS[m.group("month")], day)
        if day is None or not 1 <= day <= 31:
            continue
        if y is None:
            found.append(
                DateMatch(m.start(), end, _make(1, P.MONTHS[m.group("month")], day), False)
            )
        elif date is not None:
            found.append(DateMatch(m.start(), end, date, True))
        take(m.start(), end)
    for pattern in (P.DATE_ISO, P.DATE_ABBR, P.DATE_NUMERIC):
        for m in pattern.finditer(f):
            if not free(m.start(), m.end()):
                continue
            month_s = m.group("month")
            month = (
                int(month_s)
                if month_s.isdigit()
                else P.MONTHS.get(month_s) or P.MONTH_ABBR.get(month_s)
            )
            date = _make(_year(m.group("year")), month, int(m.group("day")))
            if date is not None:
                found.append(DateMatch(m.start(), m.end(), date, True))
                take(m.start(), m.end())
    found.sort(key=lambda d: d.start)
    # A year-less date ("el primero de junio") belongs to the year of the last full date.
    out: list[DateMatch] = []
    last_year: int | None = None
    for d in found:
        if d.has_year and d.date is not None:
            last_year = d.date.year
            out.append(d)
        elif d.date is not None:
            filled = _make(last_year, d.date.month, d.date.day) if last_year else None
            out.append(DateMatch(d.start, d.end, filled, False))
    return out


def parse_date(text: str) -> dt.date | None:
    """The first complete date in a short string, or None."""
    for d in find_dates(text):
        if d.date is not None and d.has_year:
            return d.date
    return None


_LABEL, _VOTE, _PLACE = 3, 2, 1


def _anchor(f: str, d: DateMatch) -> int:
    """How strongly the context before a date says it is the document's own date (0: not)."""
    before = f[max(0, d.start - 450) : d.start]
    near = before[-90:]
    if P.DATE_LABEL.search(before[-120:]):
        return _LABEL
    if P.DATE_DISTRACTOR.search(near):
        return 0
    if P.DATE_VOTE.search(before):
        return _VOTE
    if P.DATE_PLACE_LINE.search(near):
        return _PLACE
    return 0


def resolution_date(
    text: str, *, folded: str | None = None, header_end: int | None = None
) -> dt.date | None:
    """The date of the document (resolution or criterion): see the module docstring.

    Priority: a dated label, then the closing vote formula (its last occurrence), then the
    place-and-date line (the first in the header, ``header_end`` chars, else the last one).
    """
    f = folded if folded is not None else P.fold(text)
    header_end = header_end if header_end is not None else min(len(f), 3000)
    best: dict[int, list[DateMatch]] = {}
    for d in find_dates(text, folded=f):
        if d.date is None:
            continue
        score = _anchor(f, d)
        if score:
            best.setdefault(score, []).append(d)
    if _LABEL in best:
        return best[_LABEL][0].date
    if _VOTE in best:
        return best[_VOTE][-1].date
    if _PLACE in best:
        in_header = [d for d in best[_PLACE] if d.start < header_end]
        return (in_header[0] if in_header else best[_PLACE][-1]).date
    return None
