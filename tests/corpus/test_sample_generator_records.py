"""Records-only output of the sample generator, the CLI, and its pure Spanish helpers."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.records import SAMPLE_MARKER, DocumentRecord
from corpus.sample.generate import iter_records, plan_records, write_records
from corpus.sample.spanish import date_numeric, date_words, number_words, roman, soft_hyphenate
from scripts.cli import main

# The verb stem each sentido leaves in the resolutivos.
STEMS = {"confirma": r"\bconfirma\b", "modifica": r"\bmodifica\b", "revoca": r"\brevoca\b",
         "ordena": r"\bordena\b", "sobresee": r"\bsobrese(e|imiento)\b", "desecha": r"\bdesecha\b"}


@pytest.fixture(scope="module")
def records() -> list[DocumentRecord]:
    return list(iter_records(400, seed=3))


def test_records_round_trip_and_ids_are_unique(records: list[DocumentRecord]) -> None:
    ids = [r.id for r in records]
    assert len(set(ids)) == len(ids)
    for r in records[:50]:
        data = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
        assert DocumentRecord.from_dict(data) == r
    assert all(r.is_sample and r.text.startswith(SAMPLE_MARKER) for r in records)


def test_records_are_deterministic() -> None:
    first = [r.to_dict() for r in iter_records(25, seed=5)]
    assert first == [r.to_dict() for r in iter_records(25, seed=5)]
    assert first != [r.to_dict() for r in iter_records(25, seed=6)]


def test_sections_are_offsets_into_the_text(records: list[DocumentRecord]) -> None:
    for r in records:
        if r.doc_type == "criterio":
            continue
        assert [s.name for s in r.sections] == ["antecedentes", "considerandos", "resolutivos"]
        for s in r.sections:
            assert r.text[s.start : s.start + len(s.heading)] == s.heading
            assert s.start < s.end <= len(r.text)


def test_sentido_is_what_the_resolutivos_say(records: list[DocumentRecord]) -> None:
    for r in records:
        if r.doc_type == "criterio":
            continue
        resolutivos = r.section_text("resolutivos").lower()
        for sentido, stem in STEMS.items():
            said = re.search(stem, resolutivos) is not None
            assert said == (sentido in r.sentido), (r.id, sentido, r.sentido)


def test_resolution_date_is_written_in_the_text(records: list[DocumentRecord]) -> None:
    for r in records:
        assert r.date is not None
        d = date.fromisoformat(r.date)
        forms = [date_words(d, s) for s in range(5)] + [date_numeric(d, s) for s in range(4)]
        forms.append(f"los {number_words(d.day, apocope=True)} {'día' if d.day == 1 else 'días'} del mes")
        if d.day == 1:
            forms += [f"{o} de {date_words(d, 2).split(' de ', 1)[1]}" for o in ("1o.", "1°", "1º")]
        text = r.text.lower()
        assert any(f.lower() in text for f in forms), r.id


def test_lengths_and_distributions_are_realistic(records: list[DocumentRecord]) -> None:
    words = [len(r.text.split()) for r in records]
    assert min(words) >= 250 and max(words) <= 3500
    assert max(words) > 1500
    assert {r.garante for r in records} == {"IVAI", "ITAIP", "COTAIPEC", "ITAIPCH", "INAIP", "IDAIPQROO"}
    assert len({r.year for r in records}) >= 10
    assert {s for r in records for s in r.sentido} >= {"confirma", "modifica", "revoca", "ordena", "sobresee", "desecha"}


def test_some_records_cite_others_in_the_set(records: list[DocumentRecord]) -> None:
    own = {r.expediente for r in records if r.expediente}
    cited = [e for r in records for e in r.cites_expedientes if e in own]
    assert len(cited) > 50
    for r in records:
        assert r.expediente not in r.cites_expedientes


def test_criteria_numbers_follow_time_and_supersede_forward() -> None:
    specs = plan_records(3000, seed=1)
    by_number = {(s.garante, s.criterion_number): s for s in specs if s.criterion_number}
    assert by_number
    for s in by_number.values():
        sup = s.extra.get("superseded_by")
        if sup:
            assert by_number[(s.garante, sup)].when > s.when


def test_cli_records_only_writes_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sample-corpus", str(tmp_path / "out"), "--records-only", "--count", "12"])
    assert result.exit_code == 0, result.output
    assert "Se escribieron 12 registros de muestra" in result.output
    lines = (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12
    assert DocumentRecord.from_dict(json.loads(lines[0])).is_sample


def test_cli_rejects_a_file_as_output(tmp_path: Path) -> None:
    target = tmp_path / "archivo.txt"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["sample-corpus", str(target), "--count", "1"])
    assert result.exit_code != 0
    assert "no es una carpeta" in result.output


@pytest.mark.parametrize(("n", "words"), [
    (1, "uno"), (16, "dieciséis"), (21, "veintiuno"), (31, "treinta y uno"), (100, "cien"),
    (115, "ciento quince"), (2017, "dos mil diecisiete"), (2021, "dos mil veintiuno"), (1000, "mil"),
])
def test_number_words(n: int, words: str) -> None:
    assert number_words(n) == words


@pytest.mark.parametrize(("d", "style", "text"), [
    (date(2017, 5, 17), 0, "diecisiete de mayo de dos mil diecisiete"),
    (date(2022, 4, 21), 1, "los veintiún días del mes de abril del año dos mil veintidós"),
    (date(2019, 3, 1), 0, "primero de marzo de dos mil diecinueve"),
    (date(2023, 8, 9), 3, "09 de agosto del año 2023"),
])
def test_date_words(d: date, style: int, text: str) -> None:
    assert date_words(d, style) == text


@pytest.mark.parametrize(("word", "hyphenated"), [
    ("transparencia", "trans-pa-ren-cia"), ("información", "in-for-ma-ción"),
    ("obligaciones", "obli-ga-cio-nes"), ("recurrente", "re-cu-rren-te"), ("IDAIPQROO", "IDAIPQROO"),
])
def test_soft_hyphenation(word: str, hyphenated: str) -> None:
    assert soft_hyphenate(word).replace("\u00ad", "-") == hyphenated


@pytest.mark.parametrize(("n", "numeral"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (28, "XXVIII")])
def test_roman(n: int, numeral: str) -> None:
    assert roman(n) == numeral
    assert re.fullmatch(r"[IVX]+", numeral)


def test_citations_are_canonical_strings(records: list[DocumentRecord]) -> None:
    from corpus.garantes import load_registry

    registry = load_registry()
    laws = "|".join(registry.laws)
    bodies = "|".join(registry.garantes)
    article = re.compile(rf"^({laws}) \d+( [IVXL]+)?$")
    criterion = re.compile(rf"^({bodies}) (SO/)?[1-9]\d*/\d{{4}}$")
    for r in records:
        assert all(article.match(a) for a in r.cites_articles), r.cites_articles
        assert all(criterion.match(c) for c in r.cites_criteria), r.cites_criteria
        assert len(set(r.cites_articles)) == len(r.cites_articles)


def test_cli_rejects_a_count_below_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["sample-corpus", str(tmp_path / "out"), "--count", "0"])
    assert result.exit_code != 0
    assert "mayor que cero" in result.output


def test_write_records_skips_excluded_ids_and_still_writes_count(tmp_path: Path) -> None:
    # Two plans number expedientes from 1 per body and year, so their ids collide; a record set
    # written beside rendered files must not take (and so replace) one of their ids.
    taken = [r.id for r in iter_records(30, seed=7)][:10]
    path = write_records(tmp_path, 30, seed=7, exclude_ids=taken)
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 30
    assert not set(ids) & set(taken)
    assert len(set(ids)) == 30
