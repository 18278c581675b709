"""Text cleaning after extraction: pure functions, one concern each, all regexes here.

Line structure is kept on purpose: caption lines such as ``EXPEDIENTE: IVAI-REV/275/2017/I`` and
section headings must stay on their own lines for the metadata parser. Paragraphs are separated
by one blank line. ``clean_pages`` is the whole pipeline for a paginated document; running
headers and footers need every page at once, so it takes them all.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# --- character level -----------------------------------------------------------------------

LIGATURES: dict[str, str] = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
SOFT_HYPHEN = "\u00ad"
# Hyphen-like marks that PDF engines emit for a line-end hyphenation point.
_HYPHEN_MARKS = "\ufffe\x02\u2010"
# Spaces of every width become one plain space; zero-width marks disappear.
_SPACES_RE = re.compile(r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TAB_RE = re.compile(r" *\t[\t ]*")

# --- page counters -------------------------------------------------------------------------

_COUNTER_RES: tuple[re.Pattern[str], ...] = (
    # "Página 3 de 12", "Pág. 3", "Hoja 1 de 4", "Foja 7", "Página 3/12"
    re.compile(
        r"^(?:p[áa]gina|p[áa]g\.?|hoja|fojas?)\s*(?:n[úu]m\.?|no\.?)?\s*(\d{1,4})"
        r"(?:\s*(?:de|/)\s*(\d{1,4}))?\s*\.?$",
        re.IGNORECASE,
    ),
    # "1 de 64"
    re.compile(r"^(\d{1,4})\s+de\s+(\d{1,4})$", re.IGNORECASE),
    # "- 3 -", "— 3 —"
    re.compile(r"^[-–—]\s*(\d{1,4})\s*[-–—]$"),
)
# Only at the very top or bottom of a page: a bare "3" or "3/12".
_EDGE_COUNTER_RE = re.compile(r"^(\d{1,4})(?:\s*/\s*(\d{1,4}))?$")

# --- running headers and footers -----------------------------------------------------------

_DIGITS_RE = re.compile(r"\d+")
_KEY_SPACES_RE = re.compile(r"\s+")

# --- hyphenation ---------------------------------------------------------------------------

# A word (two letters at least) ending in a hyphen at the end of a line.
_LINE_END_HYPHEN_RE = re.compile(r"(?<=[^\W\d_]{2})-$")
_LOWER_START_RE = re.compile(r"^[a-záéíóúüñ]")


def normalize_chars(text: str) -> str:
    """Ligatures → letters, soft hyphens resolved, odd spaces and controls removed, NFC.

    A soft hyphen or an engine's hyphen mark at a line end becomes a plain "-" (so that
    ``dehyphenate`` can rejoin the word); elsewhere a soft hyphen is invisible and dropped.
    """
    for lig, letters in LIGATURES.items():
        text = text.replace(lig, letters)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = re.sub(f"[{SOFT_HYPHEN}{_HYPHEN_MARKS}][ \t]*\n", "-\n", text)
    text = text.replace(SOFT_HYPHEN, "")
    text = re.sub(f"[{_HYPHEN_MARKS}]", "-", text)
    text = _ZERO_WIDTH_RE.sub("", text)
    text = _CONTROL_RE.sub("", text)
    return unicodedata.normalize("NFC", text)


def collapse_whitespace(text: str) -> str:
    """Runs of spaces → one space, tabs (table cell separators) → one tab, lines stripped,
    at most one blank line between paragraphs, no blank lines at either end."""
    lines = []
    for line in text.split("\n"):
        line = _SPACES_RE.sub(" ", line)
        line = _TAB_RE.sub("\t", line).strip(" \t")
        lines.append(line)
    out = "\n".join(lines)
    out = re.sub(r"\n{3,}", "\n\n", out)
    return out.strip("\n")


def is_page_counter(line: str) -> bool:
    """True for a line that is only a page counter ("Página 3 de 12", "1 de 64", "- 3 -")."""
    line = line.strip()
    for rx in _COUNTER_RES:
        m = rx.match(line)
        if m:
            total = m.group(2) if m.lastindex and m.lastindex >= 2 else None
            return total is None or int(m.group(1)) <= int(total)
    return False


def is_edge_counter(line: str, page_number: int | None = None) -> bool:
    """True for a bare page number ("3", "3/12") as first or last line of a page.

    With ``page_number`` given, a bare number must equal it (a lone "3" elsewhere in a page
    may be a table cell); a "n/m" form only needs n ≤ m.
    """
    m = _EDGE_COUNTER_RE.match(line.strip())
    if not m:
        return False
    if m.group(2) is not None:
        return int(m.group(1)) <= int(m.group(2))
    return page_number is not None and int(m.group(1)) == page_number


def running_key(line: str) -> str:
    """The comparison key of a header/footer line: digits masked, spaces collapsed, casefolded.

    Masking digits makes "Página 3 — IVAI-REV/275/2017/I" and "Página 4 — …" the same line.
    """
    return _KEY_SPACES_RE.sub(" ", _DIGITS_RE.sub("#", line)).strip().casefold()


def _nonblank_indices(lines: Sequence[str]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.strip()]


def _zones(count: int, zone: int) -> tuple[int, int]:
    """Sizes of the header and footer zones of a page of ``count`` lines; they never overlap."""
    top = min(zone, math.ceil(count / 2))
    return top, min(zone, count - top)


def find_running_lines(
    pages: Sequence[Sequence[str]], *, zone: int = 6, min_share: float = 0.4
) -> tuple[set[str], set[str]]:
    """Keys of lines repeated in the top (header) and bottom (footer) zone of many pages.

    A line counts once per page; it is "running" when it appears in that zone on at least
    ``min_share`` of the pages and on three pages at least; a document of two or three pages
    needs it on every page (a sentence repeated in a short reply is not a header).
    Returns (header keys, footer keys).
    """
    n = len(pages)
    if n < 2:
        return set(), set()
    need = n if n <= 3 else max(3, math.ceil(min_share * n))
    top: dict[str, list[int]] = {}
    bottom: dict[str, list[int]] = {}
    raw: dict[str, list[tuple[int, str]]] = {}  # key -> (page index, text as written)
    for page_index, lines in enumerate(pages):
        idx = _nonblank_indices(lines)
        top_zone, bottom_zone = _zones(len(idx), zone)
        seen_top: dict[str, int] = {}
        seen_bottom: dict[str, int] = {}
        for pos, i in enumerate(idx[:top_zone]):
            seen_top.setdefault(running_key(lines[i]), pos)
        for pos, i in enumerate(reversed(idx[len(idx) - bottom_zone :])):
            seen_bottom.setdefault(running_key(lines[i]), pos)
        for key, pos in seen_top.items():
            top.setdefault(key, []).append(pos)
        for key, pos in seen_bottom.items():
            bottom.setdefault(key, []).append(pos)
        for i in idx:
            key = running_key(lines[i])
            if key in seen_top or key in seen_bottom:
                raw.setdefault(key, []).append((page_index, lines[i].strip()))
    headers = {k for k in _steady(top, need) if _numbers_follow_pages(raw[k], need)}
    footers = {k for k in _steady(bottom, need) if _numbers_follow_pages(raw[k], need)}
    return headers, footers


def _numbers_follow_pages(occurrences: list[tuple[int, str]], need: int) -> bool:
    """True when the line is the same on ``need`` pages, or its numbers change with the page.

    "Foja 12 — IVAI-REV/275/2017/I" on page 2 and "Foja 13 — …" on page 3 is a header;
    "Artículo 41." and "Artículo 57." at the top of two pages are not, though both mask to
    the same key.
    """
    texts = Counter(text for _page, text in occurrences)
    if texts.most_common(1)[0][1] >= need:
        return True
    numbered = [(page, [int(d) for d in _DIGITS_RE.findall(text)]) for page, text in occurrences]
    width = min(len(nums) for _page, nums in numbered)
    for j in range(width):
        offsets = Counter(nums[j] - page for page, nums in numbered)
        if offsets.most_common(1)[0][1] >= need:
            return True
    return False


def _steady(positions: dict[str, list[int]], need: int) -> set[str]:
    """Keys seen on ``need`` pages at about the same distance from the page edge (±1 line).

    A real header or footer sits at a fixed place; a sentence that happens to recur near the
    end of several pages does not.
    """
    found = set()
    for key, where in positions.items():
        if len(where) < need or len(key) < 3:
            continue
        mode = Counter(where).most_common(1)[0][0]
        if sum(1 for p in where if abs(p - mode) <= 1) >= need:
            found.add(key)
    return found


def remove_running_lines(
    pages: Sequence[Sequence[str]], *, zone: int = 6, min_share: float = 0.4
) -> list[list[str]]:
    """Drop running headers and footers, and page counters, from every page.

    The first page keeps its header-zone lines: there a repeated line is usually the
    document's own caption (its expediente, its title), which the metadata parser needs once.
    Footers go everywhere. Explicit counters go anywhere in a page; a bare page number only
    as a page's first or last line.
    """
    headers, footers = find_running_lines(pages, zone=zone, min_share=min_share)
    out: list[list[str]] = []
    for page_index, lines in enumerate(pages):
        idx = _nonblank_indices(lines)
        top_zone, bottom_zone = _zones(len(idx), zone)
        drop: set[int] = set()
        for i in idx[:top_zone]:
            if page_index > 0 and running_key(lines[i]) in headers:
                drop.add(i)
        for i in idx[len(idx) - bottom_zone :]:
            if running_key(lines[i]) in footers:
                drop.add(i)
        for i in idx:
            if is_page_counter(lines[i]):
                drop.add(i)
        kept_idx = [i for i in idx if i not in drop]
        for i in (kept_idx[:1] + kept_idx[-1:]) if kept_idx else []:
            if is_edge_counter(lines[i], page_index + 1):
                drop.add(i)
        out.append([ln for i, ln in enumerate(lines) if i not in drop])
    return out


def dehyphenate(text: str) -> str:
    """Rejoin words split by a hyphen at a line end ("infor-" + "mación" → "información").

    Only a hyphen right after a word, at the very end of a line, followed on the next line by
    a lowercase letter; "IVAI-REV", "2017-2018" and a hyphen before a capital stay as they are.
    The rest of the next line moves up, so the line count drops by one per join.
    """
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        while (
            i + 1 < len(lines)
            and _LINE_END_HYPHEN_RE.search(line)
            and _LOWER_START_RE.match(lines[i + 1].lstrip())
        ):
            line = line[:-1] + lines[i + 1].strip()
            i += 1
        out.append(line)
        i += 1
    return "\n".join(out)


def has_words(text: str) -> bool:
    """True when ``text`` holds a letter or a digit: a page of "%" or "<" is no document."""
    return any(c.isalnum() for c in text)


def clean_text(text: str) -> str:
    """Clean one unpaginated text (HTML, DOCX, plain text, or one page alone)."""
    lines = normalize_chars(text).split("\n")
    lines = [ln for ln in lines if not is_page_counter(ln)]
    return collapse_whitespace(dehyphenate(collapse_whitespace("\n".join(lines))))


def clean_pages(pages: Sequence[str], *, zone: int = 6, min_share: float = 0.4) -> list[str]:
    """Clean a paginated document: characters, running lines, counters, hyphens, spaces.

    Page boundaries are kept: the result has one string per input page.
    """
    split = [collapse_whitespace(normalize_chars(p)).split("\n") for p in pages]
    kept = remove_running_lines(split, zone=zone, min_share=min_share)
    return [collapse_whitespace(dehyphenate("\n".join(lines))) for lines in kept]
