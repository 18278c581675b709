"""The personal-data gate: find personal data that a versión pública should have removed.

``scan(text)`` returns a ``Finding`` per hit (kind, value, offsets, context, rule, confidence);
``review_status(findings)`` says whether the document may be published ("publicable") or is
held for staff review ("retenido"). ``check(text)`` does both and returns a ``GateResult`` for
the staff area. Pure functions; every regex lives in ``corpus.personal_data_patterns``.

What is not a hit, by design: placeholders (XAXX010101000, all-X CURPs), redaction marks
("[Eliminado]", "********", "Dato protegido"), the bodies' public identifiers (a number after
"folio", "expediente", "oficio"...), toll-free and switchboard numbers ("ext."), and the e-mail
of an office: a role mailbox (transparencia@, contacto@...) or an address on a government domain
(``*.gob.mx`` and ``ScanOptions.public_email_domains``): servants' official addresses are public
under the transparency obligations (directorio). Names are not hits when the person is named
in office ("C. Lic. X, Titular de...", "PONENTE: C. X", "los Comisionados A, C. B") or listed in
``ScanOptions.public_names``; a "C." lettering a list item ("apartado C.") is not "ciudadano".
A company's RFC (persona moral, 12 chars) is reported with low confidence (``rules_off`` where
companies' RFCs are public). A public figure named after "C." (a candidate) is still held:
only staff can tell, and ``redact`` gives them a draft versión pública.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from corpus import personal_data_patterns as P

ReviewStatus = Literal["publicable", "retenido"]

KINDS: tuple[str, ...] = (
    "curp",
    "rfc",
    "voter_key",
    "clabe",
    "nss",
    "phone",
    "email",
    "address",
    "name",
)
KIND_LABELS: dict[str, str] = {
    "curp": "CURP",
    "rfc": "RFC",
    "voter_key": "Clave de elector",
    "clabe": "CLABE interbancaria",
    "nss": "Número de seguridad social",
    "phone": "Teléfono",
    "email": "Correo electrónico",
    "address": "Domicilio",
    "name": "Nombre de persona",
}
CONFIDENCE_LABELS: dict[str, str] = {"high": "alta", "medium": "media", "low": "baja"}
CONTEXT_CHARS = 60
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text, with where and why."""

    kind: str  # one of KINDS
    value: str
    start: int
    end: int
    rule: str  # which detector rule fired, e.g. "curp", "phone_keyword"
    confidence: str  # "high" | "medium" | "low"
    before: str = ""  # up to CONTEXT_CHARS of text before the value (whitespace collapsed)
    after: str = ""

    @property
    def context(self) -> str:
        """The surrounding text with the value marked: ``…before ⟦value⟧ after…``."""
        return f"{self.before}{MARK_OPEN}{_collapse(self.value)}{MARK_CLOSE}{self.after}"

    @property
    def label(self) -> str:
        """Spanish name of the kind, for the staff page."""
        return KIND_LABELS.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (for the staff area's review queue and the audit log)."""
        return {**dataclasses.asdict(self), "context": self.context, "label": self.label}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """The inverse of ``to_dict`` (derived keys are ignored)."""
        return cls(**{f.name: data[f.name] for f in dataclasses.fields(cls) if f.name in data})


@dataclass(frozen=True)
class ScanOptions:
    """What the gate looks for and what it treats as public. Defaults suit a resolution."""

    kinds: frozenset[str] = frozenset(KINDS)
    public_email_domains: frozenset[str] = frozenset()  # e.g. {"ivai.org.mx"}: also subdomains
    public_names: frozenset[str] = frozenset()  # officials' names, compared accent- and case-folded
    keyword_window: int = 45  # chars before a value searched for its keyword
    # rules not to report, e.g. {"rfc_moral"} where companies' RFCs are public, {"phone_bare"}
    rules_off: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GateResult:
    """The gate's verdict on one document: its status and every finding, in text order."""

    status: str  # "publicable" | "retenido"
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def counts(self) -> dict[str, int]:
        """Findings per kind, for a summary line."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.kind] = out.get(f.kind, 0) + 1
        return out

    def to_dict(self) -> dict[str, object]:
        return {"status": self.status, "findings": [f.to_dict() for f in self.findings]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GateResult:
        return cls(data["status"], tuple(Finding.from_dict(f) for f in data["findings"]))


DEFAULT_OPTIONS = ScanOptions()
_SPACE_LIKE = str.maketrans({c: " " for c in "\r\u00a0\u2007\u202f\u2009\u200a\t\f\v"})


def scan(text: str, options: ScanOptions = DEFAULT_OPTIONS) -> list[Finding]:
    """Every personal-data hit in ``text``, in text order, overlaps resolved by kind priority."""
    # Carriage returns (pypdfium2 ends lines with \r\n) and odd spaces become plain spaces:
    # same length, so offsets still point into ``text``.
    plain = text.translate(_SPACE_LIKE)
    raw: list[tuple[str, int, int, str, str]] = []  # kind, start, end, rule, confidence
    for kind, detector in _DETECTORS:
        if kind in options.kinds:
            raw.extend(
                (kind, s, e, rule, conf)
                for s, e, rule, conf in detector(plain, options)
                if rule not in options.rules_off
            )
    # Higher-priority kinds first; keep an item only if it overlaps nothing kept (kept spans are
    # disjoint, so sorted by start, only the neighbours of its insertion point can overlap).
    starts: list[int] = []
    kept: list[tuple[str, int, int, str, str]] = []
    for item in sorted(raw, key=lambda r: (_PRIORITY[r[0]], r[1])):
        i = bisect.bisect_left(starts, item[1])
        if (i > 0 and kept[i - 1][2] > item[1]) or (i < len(kept) and kept[i][1] < item[2]):
            continue
        starts.insert(i, item[1])
        kept.insert(i, item)
    return [_finding(text, *item) for item in kept]


def review_status(findings: Iterable[Finding]) -> ReviewStatus:
    """The verdict: "retenido" (held for staff review) on any finding, else "publicable"."""
    return "retenido" if any(True for _ in findings) else "publicable"


def redact(text: str, findings: Iterable[Finding], mark: str = "[Eliminado]") -> str:
    """``text`` with each finding's value replaced by ``mark``: a draft versión pública."""
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        out += [text[pos : f.start], mark]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def check(text: str, options: ScanOptions = DEFAULT_OPTIONS) -> GateResult:
    """Scan ``text`` and give the verdict with the findings (what the staff area shows)."""
    findings = scan(text, options)
    return GateResult(status=review_status(findings), findings=tuple(findings))


# --- check digits and dates (public: the tests and the benchmark use them) -------------------


def curp_check_digit(first17: str) -> str:
    """RENAPO's check digit of a CURP: weights 18..2 over the first 17 chars, mod 10."""
    total = sum(P.CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(first17))
    return str((10 - total % 10) % 10)


def curp_is_valid(curp: str) -> bool:
    """A well-formed CURP: shape, a real birth date, a state code and its check digit."""
    if len(curp) != 18 or not P.CURP.fullmatch(curp) or curp[11:13] not in P.CURP_STATES:
        return False
    century = 1900 if curp[16].isdigit() else 2000  # the 17th char tells the birth century
    if not _date_is_valid(century + int(curp[4:6]), int(curp[6:8]), int(curp[8:10])):
        return False
    return curp_check_digit(curp[:17]) == curp[17]


def rfc_check_digit(first: str) -> str:
    """SAT's check digit of an RFC from its first 11 (moral) or 12 (física) chars, mod 11."""
    padded = first.rjust(12)
    total = sum(P.RFC_ALPHABET.index(c) * (13 - i) for i, c in enumerate(padded))
    rest = 11 - total % 11
    return "0" if rest == 11 else "A" if rest == 10 else str(rest)


def clabe_check_digit(first17: str) -> str:
    """The CLABE check digit: weights 3, 7, 1 repeated, each product mod 10, sum, mod 10."""
    total = sum(int(d) * (3, 7, 1)[i % 3] % 10 for i, d in enumerate(first17))
    return str((10 - total % 10) % 10)


def clabe_is_valid(digits: str) -> bool:
    """18 digits whose last one is the CLABE check digit of the first 17."""
    return len(digits) == 18 and digits.isdigit() and clabe_check_digit(digits[:17]) == digits[17]


def nss_check_digit(first10: str) -> str:
    """IMSS check digit (Luhn): weights 1, 2 alternating, digits of each product summed."""
    total = 0
    for i, d in enumerate(first10):
        product = int(d) * (1 if i % 2 == 0 else 2)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def nss_is_valid(digits: str) -> bool:
    """11 digits whose last one is the Luhn check digit of the first 10."""
    return len(digits) == 11 and digits.isdigit() and nss_check_digit(digits[:10]) == digits[10]


def yymmdd_is_valid(value: str) -> bool:
    """A YYMMDD date that exists in the 1900s or the 2000s (29 February needs a leap year)."""
    if len(value) != 6 or not value.isdigit():
        return False
    yy, mm, dd = int(value[:2]), int(value[2:4]), int(value[4:])
    return _date_is_valid(1900 + yy, mm, dd) or _date_is_valid(2000 + yy, mm, dd)


def _date_is_valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


# --- detectors: each yields (start, end, rule, confidence) -----------------------------------

Hit = tuple[int, int, str, str]


def _curps(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.TOKEN18.finditer(text):
        value = m.group()
        if curp_is_valid(value):
            yield m.start(), m.end(), "curp", "high"
        elif value.isalnum() and not value.isdigit() and curp_is_valid(_undo_ocr(value)):
            yield m.start(), m.end(), "curp_ocr", "medium"  # e.g. "G0ME..." read from a scan


def _undo_ocr(value: str) -> str:
    """A CURP candidate with OCR's letter/digit confusions undone by position."""
    return "".join(
        ch.translate(P.OCR_TO_LETTER)
        if shape == "L"
        else ch.translate(P.OCR_TO_DIGIT)
        if shape == "D"
        else ch
        for ch, shape in zip(value, P.CURP_SHAPE, strict=True)
    )


def _rfcs(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.RFC.finditer(text):
        letters, date, homoclave = m.group("letters", "date", "homoclave")
        compact = letters + date + homoclave
        if compact in P.RFC_PLACEHOLDERS or set(letters) <= {"X"} or not yymmdd_is_valid(date):
            continue
        if len(letters) == 3:  # a company's (persona moral): seldom personal data, still shown
            yield m.start(), m.end(), "rfc_moral", "low"
            continue
        sure = rfc_check_digit(compact[:-1]) == compact[-1]
        before = text[max(0, m.start() - options.keyword_window) : m.start()]
        has_keyword = "RFC" in before.upper().replace(".", "")
        yield m.start(), m.end(), "rfc_fisica", "high" if sure or has_keyword else "medium"


def _voter_keys(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.VOTER_KEY.finditer(text):
        value = m.group()
        if (
            yymmdd_is_valid(value[6:12])
            and 1 <= int(value[12:14]) <= 32
            and not set(value[:6]) <= {"X"}
        ):
            yield m.start(), m.end(), "voter_key", "high"


def _clabes(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.CLABE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if not clabe_is_valid(digits) or _masked(digits):
            continue
        near = _nearest(
            text, m.start(), options.keyword_window, P.CLABE_KEYWORDS, P.PUBLIC_ID_KEYWORDS
        )
        if near == "public":
            continue
        yield m.start(), m.end(), "clabe_keyword" if near == "keyword" else "clabe", "high"


def _nss(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.NSS.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        near = _nearest(
            text, m.start(), options.keyword_window, P.NSS_KEYWORDS, P.PUBLIC_ID_KEYWORDS
        )
        if near != "keyword" or _masked(digits):
            continue
        # A wrong check digit near "NSS" is still an NSS (mistyped): held, with less confidence.
        yield m.start(), m.end(), "nss", "high" if nss_is_valid(digits) else "medium"


def _phones(text: str, options: ScanOptions) -> Iterator[Hit]:
    for m in P.PHONE.finditer(text):
        value = m.group()
        national = re.sub(r"\D", "", m.group("national"))
        if len(national) != 10 or national[0] in "01" or national.startswith(P.TOLL_FREE_PREFIXES):
            continue
        if tuple(len(g) for g in re.findall(r"\d+", m.group("national"))) not in P.PHONE_GROUPS:
            continue
        if P.EXTENSION_AFTER.match(text, m.end()) or _masked(national):
            continue
        near = _nearest(
            text, m.start(), options.keyword_window, P.PHONE_KEYWORDS, P.PUBLIC_ID_KEYWORDS
        )
        if m.group("country"):
            yield m.start(), m.end(), "phone_country_code", "high"
        elif near == "keyword":
            yield m.start(), m.end(), "phone_keyword", "high"
        elif near == "public":
            continue
        elif value != national:  # written with separators or parentheses, as a phone is
            yield m.start(), m.end(), "phone_formatted", "medium"
        else:
            yield m.start(), m.end(), "phone_bare", "low"


def _emails(text: str, options: ScanOptions) -> Iterator[Hit]:
    if "@" not in text:
        return
    for m in P.EMAIL.finditer(text):
        local, domain = m.group("local"), m.group("domain").lower()
        if _masked(local) or _public_email(local, domain, options):
            continue
        yield m.start(), m.end(), "email", "high"


def _addresses(text: str, options: ScanOptions) -> Iterator[Hit]:
    spans = sorted(
        (m.start(), m.end())
        for pattern in (P.STREET, P.POSTCODE, P.EXTERIOR_NUMBER, P.NEIGHBOURHOOD)
        for m in pattern.finditer(text)
    )
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s - merged[-1][1] <= 6 and "\n\n" not in text[merged[-1][1] : s]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    previous_end = 0
    for s, e in merged:
        e = s + len(text[s:e].rstrip(" .,;:\n"))
        value = text[s:e]
        if not _HAS_NUMBER.search(value) or _masked(re.sub(r"\W", "", value)):
            continue  # "Colonia Centro" alone is a place, not an address
        if _institutional_address(text, s, previous_end):
            previous_end = e
            continue
        previous_end = e
        yield s, e, "address", "high" if P.POSTCODE.search(value) else "medium"


def _names(text: str, options: ScanOptions) -> Iterator[Hit]:
    public = {_fold(n) for n in options.public_names}
    b_lines: list[int] | None = None  # where lines lettered "B." start: computed once, if needed
    for m in P.NAME_TRIGGER.finditer(text):
        pos = m.end()
        gap = re.match(r"[ \t]*[,:]?[ \t]*\n?[ \t]*", text[pos : pos + 12])
        pos += gap.end() if gap else 0
        honorific = P.HONORIFIC.match(text, pos)
        if honorific:
            pos = honorific.end()
        span = _name_span(text, pos)
        if span is None:
            continue
        s, e = span
        if b_lines is None:
            b_lines = [b.start() for b in P.LETTERED_ITEM_B.finditer(text)]
        if m.group("c") and (
            _lettered_item(text, m.start(), b_lines) or _among_officials(text, m.start())
        ):
            continue
        if _fold(text[s:e]) in public or P.PUBLIC_OFFICE_AFTER.match(text, e):
            continue  # a listed official, or a servant named with the office held
        yield s, e, "name_after_c" if m.group("c") else "name_after_role", "medium"


def _among_officials(text: str, start: int) -> bool:
    """A "C." in a list of officials: after "Ponente:", "los Comisionados", with only names,
    honorifics and commas in between (the bodies' own members are public)."""
    before = text[max(0, start - 200) : start]
    last = None
    for m in P.PUBLIC_OFFICE_BEFORE.finditer(before):
        last = m
    if last is None or "\n\n" in before[last.end() :]:
        return False  # a new paragraph starts a new list
    gap = before[last.end() :]
    if any(w.casefold() not in P.ABBREVIATIONS for w in P.ABBREVIATION_DOT.findall(gap)):
        return False  # "...Monterrey Chepov. la C. X": the list ended with the sentence
    return P.OFFICIALS_GAP.fullmatch(gap) is not None


def _lettered_item(text: str, start: int, b_lines: list[int]) -> bool:
    """ "apartado C." / a "C." line after a "B." line: a list letter, not "ciudadano"."""
    if P.LETTERED_ITEM_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    at_line_start = (line_start > 0 or start < 200) and not text[line_start:start].strip()
    if not at_line_start:
        return False
    i = bisect.bisect_left(b_lines, start)  # a "B." line in the 5,000 chars before
    return i > 0 and start - b_lines[i - 1] <= 5000


_HAS_NUMBER = re.compile(r"\d|s/n|sin\s+n[uú]mero", re.IGNORECASE)


def _name_span(text: str, pos: int) -> tuple[int, int] | None:
    """The 2-5 capitalised words of a personal name starting at ``pos`` (particles allowed)."""
    words: list[tuple[int, int]] = []
    i = pos
    while len(words) < 5:
        tok = P.NAME_TOKEN.match(text, i)
        if tok is None or tok.group().casefold() in P.NOT_NAME_WORDS or set(tok.group()) <= {"X"}:
            break
        if words and tok.group().isupper() != text[words[0][0] : words[0][1]].isupper():
            break  # "Juan Pérez López\nPRESENTE": a name keeps one case style
        words.append((tok.start(), tok.end()))
        gap = re.match(r"[ \t]+\n?[ \t]*|\n[ \t]*", text[tok.end() : tok.end() + 8])
        if gap is None:
            break
        i = tok.end() + gap.end()
        while True:  # particles: "de la", "del", "y"
            part = re.match(r"([^\W\d_]+)[ \t]+\n?[ \t]*", text[i : i + 10])
            if part is None or part.group(1) not in P.NAME_PARTICLES:
                break
            i += part.end()
    if len(words) < 2:
        return None
    return words[0][0], words[-1][1]


_DETECTORS: tuple[tuple[str, Callable[[str, ScanOptions], Iterator[Hit]]], ...] = (
    ("curp", _curps),
    ("voter_key", _voter_keys),
    ("rfc", _rfcs),
    ("clabe", _clabes),
    ("nss", _nss),
    ("email", _emails),
    ("phone", _phones),
    ("address", _addresses),
    ("name", _names),
)
_PRIORITY = {kind: i for i, (kind, _) in enumerate(_DETECTORS)}


# --- helpers ---------------------------------------------------------------------------------


def _nearest(
    text: str, start: int, window: int, keywords: re.Pattern[str], public: re.Pattern[str]
) -> str:
    """Which keyword is closest before ``start``: "keyword", "public" or "" (none).

    A public-identifier keyword ("folio", "expediente") only claims the number right after it
    (a few words, no other number, no sentence end in between).
    """
    lo = max(0, start - window)
    before = text[lo:start]
    best, which = -1, ""
    for m in keywords.finditer(before):
        best, which = m.end(), "keyword"
    for m in public.finditer(before):
        if m.end() > best and _CLAIM_GAP.fullmatch(before, m.end()):
            best, which = m.end(), "public"
    return which


_CLAIM_GAP = re.compile(r"(?:[^\d.;\n]|\.(?!\s)|\n(?!\s*\n)){0,30}")


def _public_email(local: str, domain: str, options: ScanOptions) -> bool:
    if P.ROLE_MAILBOX.search(local):
        return True
    suffixes = (*P.PUBLIC_EMAIL_SUFFIXES, *options.public_email_domains)
    return any(domain == s or domain.endswith("." + s) for s in suffixes)


def _institutional_address(text: str, start: int, previous_end: int) -> bool:
    """An address introduced as the offices of a body (public), not a person's home.

    Looks back (not past the previous address) for "oficinas", "sede"...; a party named
    between that word and the address ("su domicilio", "el recurrente") makes it personal.
    """
    before = text[max(previous_end, start - 120) : start].rsplit("\n\n", 1)[-1]
    last = None
    for m in P.INSTITUTIONAL_ADDRESS.finditer(before):
        last = m
    return last is not None and not P.PERSONAL_ADDRESS.search(before[last.start() :])


def _masked(value: str) -> bool:
    """A value made only of mask characters ("XXXXX", "****"): already redacted."""
    return bool(P.ONLY_MASK_CHARS.match(value)) or (
        "XXX" in value.upper() and set(value.upper()) <= set("X0123456789")
    )


def _fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _collapse(value: str) -> str:
    return " ".join(value.split())


def _finding(text: str, kind: str, start: int, end: int, rule: str, confidence: str) -> Finding:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before = ("…" if lo > 0 else "") + re.sub(r"\s+", " ", text[lo:start])
    after = re.sub(r"\s+", " ", text[end:hi]) + ("…" if hi < len(text) else "")
    return Finding(kind, text[start:end], start, end, rule, confidence, before, after)
