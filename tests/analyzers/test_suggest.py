"""Spelling suggestions: edit distance ≤ 2, ranked by distance then frequency."""

from __future__ import annotations

import numpy as np
import pytest

from analyzers.suggest import Suggester, _distances

VOCABULARY = {
    "inexistencia": 50,
    "inexistente": 20,
    "existencia": 30,
    "información": 100,
    "reservada": 40,
    "reservado": 10,
    "transparencia": 90,
    "acceso": 80,
    "ayuntamiento": 10,
    "daño": 12,
    "dato": 60,
    "datos": 70,
}


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester(VOCABULARY)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("inexistensia", "inexistencia"),  # substitution
        ("inexistncia", "inexistencia"),  # omission
        ("inexisstencia", "inexistencia"),  # insertion
        ("inexsitencia", "inexistencia"),  # transposition
        ("inexsitensia", "inexistencia"),  # two edits
        ("INFORMACÍON", None),  # folds to a known word
        ("INFORMACOÍN", "informacion"),  # case/accents folded; transposition
        ("reservda", "reservada"),  # distance 1 beats distance 2 (reservado)
        ("trasparensia", "transparencia"),
        ("dañoo", "dano"),
        ("acceso", None),  # known word
        ("Acceso", None),
        ("dtos", "datos"),  # dato and datos at distance 1: datos is commoner
        ("dto", None),  # shorter than min_length
        ("xqzwvtrplk", None),  # nothing close
        ("1234", None),
    ],
)
def test_suggest(suggester: Suggester, word: str, expected: str | None) -> None:
    assert suggester.suggest(word) == expected


def test_frequency_breaks_ties() -> None:
    s = Suggester({"casa": 1, "cosa": 9, "cast": 5})
    assert s.candidates("casx") == [("cast", 1, 5), ("casa", 1, 1)]
    assert s.suggest("cesa") == "cosa"  # cosa and casa at distance 1: cosa is commoner


def test_short_words_get_one_edit_only() -> None:
    s = Suggester({"datos": 5})
    assert s.suggest("dxtxs") is None
    assert s.suggest("dxtos") == "datos"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("inexistensia", "inexistencia"),
        ('"informacoin reservda" AND dano', '"informacion reservada" AND dano'),
        ("trasparencia OR acceso", "transparencia OR acceso"),
        ("tema:reservda acces*", None),  # field names, values and prefixes left alone
        ("acceso datos", None),
    ],
)
def test_correct_query(suggester: Suggester, query: str, expected: str | None) -> None:
    assert suggester.correct_query(query) == expected


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("abcd", "abcd", 0),
        ("abcd", "abdc", 1),
        ("abcd", "axcd", 1),
        ("abcd", "bacd", 1),
        ("abcd", "badc", 2),
        ("abcd", "wxyz", None),
    ],
)
def test_distances_kernel(a: str, b: str, distance: int | None) -> None:
    q = np.array([ord(c) for c in a], dtype=np.uint32)
    words = np.array([[ord(c) for c in b]], dtype=np.uint32)
    _idx, dist = _distances(q, words, 2)
    assert (dist.tolist() or [None])[0] == distance


def test_contains() -> None:
    assert "Daño" in Suggester({"dano": 1})


def test_rare_misspelling_in_the_vocabulary_is_still_corrected() -> None:
    s = Suggester({"inexistencia": 800, "inexistensia": 1, "calakmul": 2, "calakmal": 1})
    assert s.suggest("inexistensia") == "inexistencia"
    assert s.suggest("calakmul") is None  # rare, but no neighbour 50 times commoner
    assert s.suggest("inexistencia") is None
    assert Suggester({"inexistencia": 800, "inexistensia": 3}).suggest("inexistensia") is None
