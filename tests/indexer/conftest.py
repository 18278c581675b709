"""Fixtures of the indexer tests: one small index built once per session from generated sample
records plus a few hand-written ones (escaping, synonyms, citations), and a brute-force
matcher over the same records that the search results are checked against."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus.records import DocumentRecord

SAMPLE_COUNT = 150
SAMPLE_SEED = 11


def handwritten_records() -> list[DocumentRecord]:
    """Records whose content the tests know: each pair says one thing two ways."""

    def rec(i: int, text: str, **kw: object) -> DocumentRecord:
        values: dict[str, object] = {
            "id": f"test-{i}", "garante": "IVAI", "state": "Veracruz", "doc_type": "resolucion",
            "date": "2021-06-0" + str(i % 9 + 1), "year": 2021, "title": f"Prueba {i}",
            "text": text, "source_sha256": f"hash-{i}", "is_sample": True,
        }
        values.update(kw)
        return DocumentRecord(**values)  # type: ignore[arg-type]

    return [
        rec(1, "El zorzalito <script>alert(1)</script> & compañía pidió la nómina.",
            expediente="IVAI-REV/9901/2021/I"),
        rec(2, "Se interpuso el RR ante el zorzalito por la falta de respuesta.",
            expediente="IVAI-REV/9902/2021/II"),
        rec(3, "Se interpuso el recurso de revisión ante el cenzontle por la falta de respuesta.",
            expediente="IVAI-REV/9903/2021/III"),
        rec(4, "Conforme a la LGTAIP, el colibrí debe publicar la información.",
            expediente="IVAI-REV/9904/2021/I"),
        rec(5, "Conforme a la Ley General de Transparencia y Acceso a la Información Pública, "
               "el colibrí debe publicar la información.", expediente="IVAI-REV/9905/2021/I"),
        rec(6, "El organismo garante del tecolote resolvió.", expediente="IVAI-REV/9906/2021/I",
            cites_expedientes=["IVAI-REV/9901/2021/I"]),
        rec(7, "La autoridad garante del tecolote resolvió.", expediente="IVAI-REV/9907/2021/I",
            cites_expedientes=["IVAI-REV/9901/2021/I"]),
        rec(8, "Criterio del quetzal sobre la búsqueda exhaustiva.", doc_type="criterio",
            number="7/2019", expediente=None, vigencia="vigente"),
        rec(9, "Se aplica el criterio del quetzal a la búsqueda.", expediente="IVAI-REV/9909/2021/I",
            cites_criteria=["IVAI 7/2019"]),
    ]


@pytest.fixture(scope="session")
def sample_records() -> list[DocumentRecord]:
    from corpus.sample.generate import iter_records

    return [*iter_records(SAMPLE_COUNT, seed=SAMPLE_SEED), *handwritten_records()]


@pytest.fixture(scope="session")
def search_engine(
    sample_records: list[DocumentRecord], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    """A read-only engine over ``sample_records`` (do not write to it: build your own)."""
    from indexer import open_engine

    index_dir: Path = tmp_path_factory.mktemp("search-index")
    engine = open_engine(index_dir, create=True)
    engine.update(sample_records)
    yield engine
    engine.close()
