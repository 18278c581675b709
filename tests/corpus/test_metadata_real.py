"""The real public documents in ../shared: three Unidad de Transparencia responses and laws.

The responses are not resolutions: what they really contain is asserted, nothing more (the
MORENA transcription has no folio or date in its text; the PRI transcription lacks the date
table its PDF has, and the only dates it quotes are those of the campaign asked about).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from corpus.citations import cited_articles
from corpus.extract import extract_file
from corpus.garantes import load_registry
from corpus.metadata import build_record
from corpus.records import DocumentRecord, ExtractedText, PageText

RESPONSES = "corpus/real/responses"
PAN, PRI, MORENA = (
    "RAC__Respuesta-73-19",
    "JAMK__RespTransparencia2237000009019_030519",
    "AMLO__Respuesta2230000052819",
)


def from_markdown(path: Path) -> DocumentRecord:
    text = path.read_text(encoding="utf-8")
    return build_record(ExtractedText(str(path), "txt", (PageText(1, text, "plain"),)))


@pytest.mark.parametrize("kind", ["md", "pdf"])
def test_pan_response_quotes_inai_criterion_07_17(shared_dir: Path, kind: str) -> None:
    path = shared_dir / RESPONSES / f"{PAN}.{kind}"
    r = from_markdown(path) if kind == "md" else build_record(extract_file(path))
    assert r.folio == "2233000007319"
    assert r.date == "2019-04-09"  # "Ciudad de México, a 09 de abril de 2019" ("201 9" in the .md)
    assert r.sujeto_obligado == "Partido Acción Nacional"
    assert r.cites_criteria == ["INAI 7/2017"]
    assert r.cites_expedientes == ["RRA 2959/16", "RRA 3186/16", "RRA 4216/16"]
    assert r.cites_articles == [
        "LFTAIP 61 II",
        "LFTAIP 61 V",
        "LFTAIP 61 XII",
        "LFTAIP 134",
        "LFTAIP 135",
    ]
    assert r.doc_type == "otro" and r.expediente is None and r.sentido == []


def test_pri_response(shared_dir: Path) -> None:
    md = from_markdown(shared_dir / RESPONSES / f"{PRI}.md")
    assert md.folio == "2237000009019"
    assert (
        md.sujeto_obligado == "Comité Ejecutivo Nacional del Partido Revolucionario Institucional"
    )
    assert (
        md.date is None
    )  # only the campaign's dates (30 de marzo, 27 de junio de 2018) are quoted
    assert md.cites_articles == ["LGTAIP 7", "LGTAIP 142"]
    assert md.cites_criteria == []
    pdf = build_record(extract_file(shared_dir / RESPONSES / f"{PRI}.pdf"))
    assert pdf.date == "2019-05-03"  # "LUGAR Y FECHA  Ciudad de México, a 03 de mayo de 2019"
    assert (pdf.folio, pdf.sujeto_obligado) == (md.folio, md.sujeto_obligado)


def test_morena_response(shared_dir: Path) -> None:
    r = from_markdown(shared_dir / RESPONSES / f"{MORENA}.md")
    assert (r.folio, r.date, r.sujeto_obligado) == (None, None, None)
    # "artículo 38, del Estatuto de MORENA" is not a law of the registry: left out
    assert r.cites_articles == ["LGTAIP 142"]
    assert r.cites_criteria == [] and r.cites_expedientes == []


_REF = re.compile(r"^(?P<law>[A-Z]+) (?P<art>\d{1,3}(?:-[A-Z][a-z]+)?)(?: (?P<frac>[IVXL]+))?$")


@pytest.mark.parametrize(
    ("name", "own", "expected_some"),
    [
        ("lgtaip_extracted.txt", "LGTAIP", {"CPEUM 6", "LGTAIP 163"}),
        ("lgpdppso_extracted.txt", "LGPDPPSO", {"LGTAIP 39", "LGPDPPSO 16"}),
        ("lga_extracted.txt", "LGA", {"LGA 106", "CPEUM 123"}),
        ("cpeum_extracted.txt", "CPEUM", {"CPEUM 6", "CPEUM 73 XVI"}),
        ("LTAIPECHIH_2024_vigente.md", None, {"LGTAIP 83"}),
    ],
)
def test_article_citations_over_real_laws(
    shared_dir: Path, name: str, own: str | None, expected_some: set[str]
) -> None:
    text = (shared_dir / "corpus/real/laws" / name).read_text(encoding="utf-8")
    registry = load_registry()
    started = time.perf_counter()
    refs = cited_articles(text, registry, own_law=own)
    elapsed = time.perf_counter() - started
    assert elapsed < 20  # a guard against runaway regexes, not a speed goal (~1 s/MB measured)
    assert expected_some <= set(refs)
    assert len(refs) == len(set(refs))
    for ref in refs:
        m = _REF.match(ref)
        assert m is not None, ref
        assert m.group("law") in registry.laws
        assert 1 <= int(m.group("art").split("-")[0]) <= 400  # no article of these laws is higher
