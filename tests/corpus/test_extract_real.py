"""Fidelity on real documents in ../shared: three federal laws and three real responses.

Measure: ``difflib.SequenceMatcher(None, ref, ours, autojunk=False).ratio()`` over word tokens
(``re.findall(r"\\w+")``: Unicode letters and digits, so accents count and punctuation does
not), after removing from the publisher's extraction its own page furniture: the "N de M"
counters and the header lines repeated on at least half its pages. Our text keeps the first
page's header once (by design: it is the document's caption), which costs ~0.1%.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from corpus.extract import extract_file

TOKEN_RE = re.compile(r"\w+")
COUNTER_RE = re.compile(r"^\d+ de \d+$")
LAWS = ("lgtaip", "lgpdppso", "lga")


def reference_pages(text: str) -> list[list[str]]:
    """The publisher's text split into pages at its "N de M" counter lines, furniture removed."""
    lines = [ln.strip() for ln in text.split("\n")]
    pages: list[list[str]] = [[]]
    for line in lines:
        if COUNTER_RE.match(line):
            pages.append([])
        elif line:
            pages[-1].append(line)
    if not pages[-1]:
        pages.pop()
    per_page = Counter(line for page in pages for line in set(page))
    furniture = {line for line, n in per_page.items() if n >= len(pages) / 2}
    return [[ln for ln in page if ln not in furniture] for page in pages]


def similarity(reference: str, ours: str) -> float:
    a, b = TOKEN_RE.findall(reference), TOKEN_RE.findall(ours)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def check_law(ours_pages: list[str], ref_pages: list[list[str]], header: list[str]) -> float:
    ours = "\n".join(ours_pages)
    reference = "\n".join("\n".join(page) for page in ref_pages)
    # accents intact: the publisher's accented words are in our text (99% of occurrences)
    accented = re.compile(r"[áéíóúñÁÉÍÓÚÑü]")
    ref_words = Counter(w for w in TOKEN_RE.findall(reference) if accented.search(w))
    our_words = Counter(w for w in TOKEN_RE.findall(ours) if accented.search(w))
    kept = sum((ref_words & our_words).values())
    assert kept >= 0.99 * sum(ref_words.values()), (kept, sum(ref_words.values()))
    assert "Ã" not in ours and "\ufffd" not in ours
    # page furniture gone: no counters anywhere, no running header after the first page
    assert not any(COUNTER_RE.match(line) for line in ours.split("\n"))
    for page in ours_pages[1:]:
        for line in header:
            assert line not in page.split("\n"), line
    return similarity(reference, ours)


def law_header(shared_dir: Path, name: str) -> list[str]:
    text = (shared_dir / "corpus/real/laws" / f"{name}_extracted.txt").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in text.split("\n")]
    pages = sum(1 for ln in lines if COUNTER_RE.match(ln))
    counts = Counter(ln for ln in lines if ln)
    return [ln for ln, n in counts.items() if n >= pages / 2 and not COUNTER_RE.match(ln)]


def test_law_first_pages(shared_dir: Path, tmp_path: Path) -> None:
    """The default run: the first 5 pages of the LGTAIP (the full laws are marked slow)."""
    laws = shared_dir / "corpus/real/laws"
    src = pdfium.PdfDocument(str(laws / "lgtaip.pdf"))
    subset = pdfium.PdfDocument.new()
    subset.import_pages(src, list(range(5)))
    subset.save(str(tmp_path / "lgtaip_1-5.pdf"))
    subset.close()
    src.close()
    extracted = extract_file(tmp_path / "lgtaip_1-5.pdf")
    assert len(extracted.pages) == 5
    assert extracted.methods == ["text"] * 5
    ref = reference_pages((laws / "lgtaip_extracted.txt").read_text(encoding="utf-8"))[:5]
    ratio = check_law([p.text for p in extracted.pages], ref, law_header(shared_dir, "lgtaip"))
    assert ratio >= 0.98, ratio
    # fracciones keep their numeral on the line of their text
    assert "I. Establecer los principios, bases generales y procedimientos" in extracted.text


@pytest.mark.slow
@pytest.mark.parametrize("name", LAWS)
def test_full_law(shared_dir: Path, name: str) -> None:
    laws = shared_dir / "corpus/real/laws"
    extracted = extract_file(laws / f"{name}.pdf")
    ref = reference_pages((laws / f"{name}_extracted.txt").read_text(encoding="utf-8"))
    assert len(extracted.pages) == len(ref)
    ratio = check_law([p.text for p in extracted.pages], ref, law_header(shared_dir, name))
    print(f"{name}: {len(ref)} pages, token similarity {ratio:.4f}")
    assert ratio >= 0.98, ratio


RESPONSES = {
    "RAC__Respuesta-73-19": ["2233000007319", "Criterio 07/17", "09 de abril de 2019"],
    "AMLO__Respuesta2230000052819": ["Estatuto de MORENA", "Andrés Manuel López"],
    "JAMK__RespTransparencia2237000009019_030519": ["2237000009019", "03 de mayo de 2019"],
}


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_real_responses_match_their_transcriptions(shared_dir: Path, name: str) -> None:
    """Recall of the transcription's word tokens in our text (the transcription omits a
    table's cells that we keep, so recall, not the symmetric ratio)."""
    folder = shared_dir / "corpus/real/responses"
    extracted = extract_file(folder / f"{name}.pdf")
    assert set(extracted.methods) == {"text"}
    transcription = (folder / f"{name}.md").read_text(encoding="utf-8")
    transcription = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", transcription)  # markdown links
    a, b = TOKEN_RE.findall(transcription.lower()), TOKEN_RE.findall(extracted.text.lower())
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    recall = sum(block.size for block in matcher.get_matching_blocks()) / len(a)
    assert recall >= 0.95, recall
    flat = " ".join(extracted.text.split())
    for needle in RESPONSES[name]:
        assert needle in flat
