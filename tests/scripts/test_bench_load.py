"""scripts/bench_load.py and scripts/bench_http.py: the request mix, the percentiles and the
verdict (a 5xx or an unanswered request fails the run), without a server."""

from __future__ import annotations

import itertools
import random
import time
import urllib.parse

import pytest

from scripts.bench_http import percentile
from scripts.bench_load import MIX, Catalog, Tally, client_loop, report, request_for

CATALOG = Catalog(doc_ids=["ivai-rev-275-2017-i", "doc con espacio"],
                  facet_links=["/buscar?q=x&garante=IVAI"])


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 0.5, 0.0),
        ([7.0], 0.99, 7.0),
        ([1.0, 2.0, 3.0, 4.0], 0.5, 3.0),
        ([float(i) for i in range(1, 101)], 0.95, 96.0),
        ([float(i) for i in range(1, 101)], 0.99, 100.0),
    ],
)
def test_percentile(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


@pytest.mark.parametrize(
    ("kind", "prefixes"),
    [
        ("palabras", ("/buscar?q=",)),
        ("frase", ("/buscar?q=%22",)),
        ("faceta", ("/buscar?q=x&garante=IVAI",)),
        ("paginación", ("/buscar?q=",)),
        ("documento", ("/documentos/ivai-rev-275-2017-i", "/documentos/doc%20con%20espacio")),
        ("api", ("/api/v1/search?q=",)),
        ("exportación", ("/buscar.csv?q=", "/buscar.json?q=", "/buscar.atom?q=")),
        ("estadísticas", ("/estadisticas", "/api/v1/stats")),
        ("hostil", ("/buscar?q=", "/api/v1/search?q=")),
    ],
)
def test_each_kind_asks_its_route(kind: str, prefixes: tuple[str, ...]) -> None:
    rng = random.Random(1)
    for _ in range(30):
        url = request_for(kind, rng, CATALOG)
        assert url.startswith(prefixes), url
        assert " " not in url and urllib.parse.urlsplit(url).path.isascii()
        if kind == "paginación":
            assert urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["page"][0] in "2345"


def test_the_mix_is_mostly_plain_searches() -> None:
    assert set(MIX) == {"palabras", "frase", "faceta", "paginación", "documento", "api",
                        "exportación", "estadísticas", "hostil"}
    assert sum(MIX.values()) == 100
    assert MIX["palabras"] + MIX["frase"] + MIX["faceta"] > 50
    assert MIX["exportación"] + MIX["hostil"] < 10


def test_client_loop_until_the_deadline_and_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    answers = itertools.cycle([(5.0, 200), (7.0, 400), (9.0, 503), (4.0, 0)])  # never runs dry
    asked: list[str] = []

    def fake_get(url: str) -> tuple[float, int]:
        asked.append(url)
        return next(answers)

    tally = Tally()
    client_loop("http://127.0.0.1:1", CATALOG, 0, time.monotonic() + 0.05, tally, fake_get)
    n = len(asked)
    assert n >= 4 and all(u.startswith("http://127.0.0.1:1/") for u in asked)
    assert sum(sum(c.values()) for c in tally.statuses.values()) == n
    bad = report(tally, 1.0, "prueba")
    assert bad == sum(c[503] + c[0] for c in tally.statuses.values()) > 0
    out = capsys.readouterr().out
    assert f"{n} solicitudes" in out and "p95 ms" in out and "TOTAL" in out

    ok = Tally()
    ok.add("palabras", 3.0, 200)
    ok.add("hostil", 2.0, 400)
    assert report(ok, 1.0, "prueba") == 0
