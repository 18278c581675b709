"""Table-driven tests of the OCR repairs (pure functions)."""

from __future__ import annotations

import pytest

from corpus.extract.ocr_repair import (
    as_roman,
    fix_ocr_identifiers,
    fix_roman_numerals,
    join_ocr_continuations,
    repair_ocr_text,
)


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("IVAl-REV/003/2025/11", "IVAI-REV/003/2025/II"),
        ("expediente IVAl-REV/003/2025/1l, y", "expediente IVAI-REV/003/2025/II, y"),
        ("DI/DAT/0001/2016-PHI", "DI/DAT/0001/2016-PIII"),  # "H" is two merged "I"s
        ("RR/DA1/0177/2023-P11", "RR/DAI/0177/2023-PII"),
        ("RR/005/2023/1DAIPQROO", "RR/005/2023/IDAIPQROO"),
        ("IVAI-REV/2/2022/HI", "IVAI-REV/2/2022/III"),
        # left alone: right already, or not an identifier
        ("IVAI-REV/275/2017/I", "IVAI-REV/275/2017/I"),
        ("el proceso 2017-2018 y el 12/05/2019", "el proceso 2017-2018 y el 12/05/2019"),
        ("folio 271158600003523", "folio 271158600003523"),
        ("RRA 1234/19 y SO/007/2019", "RRA 1234/19 y SO/007/2019"),
        ("ITAIPCH-RR-0005-2019", "ITAIPCH-RR-0005-2019"),
        ("la l/2017 del sol", "la l/2017 del sol"),
    ],
)
def test_fix_ocr_identifiers(ocr: str, expected: str) -> None:
    assert fix_ocr_identifiers(ocr) == expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("XXl!Il", "XXIII"), ("Il", "II"), ("|", "I"), ("VI", "VI"), ("XIV", "XIV"),
     ("HI", "III"), ("IL", "II"), ("XL", "XL"), ("IIII", None), ("la", None), ("VX", None)],
)  # fmt: skip
def test_as_roman(token: str, expected: str | None) -> None:
    assert as_roman(token) == expected


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        ("la fracción XXl!Il del artículo 70", "la fracción XXIII del artículo 70"),
        ("artículo 156, fracción 111.", "artículo 156, fracción III."),
        ("fracciones Il y IV", "fracciones II y IV"),
        ("Ponencia Il", "Ponencia II"),
        ("artículo 156, fracción HI, en relación", "artículo 156, fracción III, en relación"),
        ("artículo 41, fracción IL, de la Ley", "artículo 41, fracción II, de la Ley"),
        ("artículo 41 fracción TI de la Ley", "artículo 41 fracción II de la Ley"),
        ("en la fracción XL del artículo", "en la fracción XL del artículo"),
        ("|. Presentación de la denuncia", "I. Presentación de la denuncia"),
        ("ll. Respuesta", "II. Respuesta"),
        # left alone
        ("fracción 3 del reglamento", "fracción 3 del reglamento"),
        ("la fracción VI, inciso a)", "la fracción VI, inciso a)"),
        ("Il faut dire", "Il faut dire"),  # no numeral context, no list-marker shape
        ("lo. de mayo", "lo. de mayo"),
    ],
)
def test_fix_roman_numerals(ocr: str, expected: str) -> None:
    assert fix_roman_numerals(ocr) == expected


@pytest.mark.parametrize(
    ("ocr", "expected"),
    [
        (
            "SUJETO OBLIGADO: Ayuntamiento de\n\nTenosique\n\nPONENTE: X",
            "SUJETO OBLIGADO: Ayuntamiento de\nTenosique\n\nPONENTE: X",
        ),
        (
            "PERSONA: [ELIMINADO:\n\nnombre del recurrente]",
            "PERSONA: [ELIMINADO:\nnombre del recurrente]",
        ),
        ("Fin del párrafo.\n\nOtro párrafo", "Fin del párrafo.\n\nOtro párrafo"),
        ("RESULTANDOS\n\nPrimero", "RESULTANDOS\n\nPrimero"),
    ],
)
def test_join_ocr_continuations(ocr: str, expected: str) -> None:
    assert join_ocr_continuations(ocr) == expected


def test_repair_ocr_text_runs_all_repairs() -> None:
    ocr = "EXPEDIENTE: IVAl-REV/003/2025/11\n\n|. Solicitud, fracción Xl del\n\nartículo 70"
    assert repair_ocr_text(ocr) == (
        "EXPEDIENTE: IVAI-REV/003/2025/II\n\nI. Solicitud, fracción XI del\nartículo 70"
    )
