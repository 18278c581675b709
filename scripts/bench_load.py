"""Bounded load test of the web app on 127.0.0.1: 50 concurrent clients for a few minutes with a
realistic mix (mostly words and phrases, facet clicks, pagination, document pages, the JSON API,
a few exports and hostile queries); prints requests, requests/s, p50/p95/p99 overall and per
kind, and the 5xx count. Exits non-zero if any answer was a 5xx or no answer at all.

    python scripts/bench_load.py --index var/index                 # waitress (one process)
    python scripts/bench_load.py --index var/index --workers 2     # gunicorn, 2 workers
    python scripts/bench_load.py --url http://127.0.0.1:8000       # an app already served

Without --url it starts ``precedentes serve`` itself on a free port, with the rate limit
switched off (``PRECEDENTES_RATE_LIMIT_ENABLED=false``: one machine's 50 clients share one
address, and the test measures the search, not the limiter); ``--rate-limit`` keeps it on.
Each client waits for its answer before the next request (closed loop, no think time), so the
figures are those of a saturated server. Times are measured by the client, in this process.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scripts.bench_http import check_local, fetch, local_server, percentile

WORDS: tuple[str, ...] = (
    "información reservada", "versión pública", "inexistencia", "datos personales",
    "sujeto obligado", "ayuntamiento", "remuneraciones", "nómina", "contratos", "obra pública",
    "prueba de daño", "incompetencia", "ampliación de plazo", "falta de respuesta", "revoca",
    "sobresee", "búsqueda exhaustiva", "comité de transparencia", "medidas de apremio",
    "información confidencial", "costos de reproducción", "Tren Maya", "secreto bancario",
    "denuncia", "modalidad de entrega", "expediente:IVAI-REV/275/2017/I", "ivai rev 275 2017",
    "art. 113 fr. V", "remuneraciones OR nómina", "inexistencia -sobresee", "reserv*",
    'sujeto:"ayuntamiento de mérida"', "tema:datos-personales", "año:2019",
)
PHRASES: tuple[str, ...] = (
    '"prueba de daño"', '"versión pública"', '"información reservada"', '"datos personales"',
    '"búsqueda exhaustiva"', '"comité de transparencia"', '"sujeto obligado"',
)
HOSTILE: tuple[str, ...] = (
    "?*", "*a*", "a*", "*", '"sin cerrar', "(((información", "información)", "expediente:",
    "[a TO", "{", "~", "NOT", "- - - -", "\x00\x01", "a" * 900, "(" * 400 + "x" + ")" * 400,
    " OR ".join(f"palabra{i}" for i in range(150)), "NO NO NO NO información",
    "sujeto:*", "año:abc", "%00", "\ufffe\u202e",
)
EXPORTS: tuple[str, ...] = ("/buscar.csv", "/buscar.json", "/buscar.atom")
# kind → weight (out of 100)
MIX: dict[str, int] = {
    "palabras": 33, "frase": 10, "faceta": 15, "paginación": 8, "documento": 10, "api": 16,
    "exportación": 2, "estadísticas": 1, "hostil": 5,
}


def q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


@dataclass
class Catalog:
    """What the mix draws from that comes from the index itself: document ids, facet links."""

    doc_ids: list[str] = field(default_factory=list)
    facet_links: list[str] = field(default_factory=list)  # relative toggle URLs of /buscar


def discover(base: str) -> Catalog:
    """Document ids and facet toggle links of the served index (through the JSON API)."""
    catalog = Catalog()
    for words in ("", *WORDS[:6]):
        with urllib.request.urlopen(
            f"{base}/api/v1/search?q={q(words)}&page_size=100", timeout=120
        ) as resp:
            body = json.loads(resp.read())
        catalog.doc_ids.extend(h["id"] for h in body["hits"])
        for facet in body["facets"].values():
            for value in facet["values"][:8]:
                link = value["toggle_url"].replace("/api/v1/search", "/buscar", 1)
                catalog.facet_links.append(link)
    catalog.doc_ids = sorted(set(catalog.doc_ids))
    catalog.facet_links = sorted(set(catalog.facet_links))
    if not catalog.doc_ids:
        sys.exit("el índice servido no tiene documentos: no hay carga que medir")
    return catalog


def request_for(kind: str, rng: random.Random, catalog: Catalog) -> str:
    """A relative URL of ``kind``."""
    words = rng.choice(WORDS)
    if kind == "palabras":
        return f"/buscar?q={q(words)}"
    if kind == "frase":
        return f"/buscar?q={q(rng.choice(PHRASES))}"
    if kind == "faceta":
        return rng.choice(catalog.facet_links) if catalog.facet_links else f"/buscar?q={q(words)}"
    if kind == "paginación":
        return f"/buscar?q={q(rng.choice(('', 'información', 'recurso', 'sujeto obligado')))}" \
               f"&page={rng.randint(2, 5)}"
    if kind == "documento":
        doc = q(rng.choice(catalog.doc_ids))
        return f"/documentos/{doc}" + (f"?q={q(words)}" if rng.random() < 0.5 else "")
    if kind == "api":
        extra = rng.choice(("", "&sort=date", "&garante=IVAI", "&page=2", "&facets=0"))
        return f"/api/v1/search?q={q(words)}{extra}"
    if kind == "exportación":
        return f"{rng.choice(EXPORTS)}?q={q(words)}"
    if kind == "estadísticas":
        return rng.choice(("/estadisticas", "/api/v1/stats", "/estadisticas?garante=IVAI"))
    if kind == "hostil":
        target = rng.choice(("/buscar", "/api/v1/search"))
        return f"{target}?q={q(rng.choice(HOSTILE))}"
    raise ValueError(kind)


@dataclass
class Tally:
    """Per kind: latencies (ms) and status counts; shared by the client threads."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, status: int) -> None:
        with self.lock:
            self.times[kind].append(ms)
            self.statuses[kind][status] += 1


def client_loop(base: str, catalog: Catalog, seed: int, deadline: float, tally: Tally,
                get: Callable[[str], tuple[float, int]] = fetch) -> None:
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        ms, status = get(base + request_for(kind, rng, catalog))
        tally.add(kind, ms, status)


def run(base: str, clients: int, duration: float, seed: int) -> tuple[Tally, float]:
    catalog = discover(base)
    warm = random.Random(seed)
    for kind in MIX:  # warm-up, not counted: each kind once
        fetch(base + request_for(kind, warm, catalog))
    tally = Tally()
    start = time.monotonic()
    deadline = start + duration
    threads = [threading.Thread(target=client_loop, args=(base, catalog, seed + i, deadline, tally),
                                daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally, time.monotonic() - start


def report(tally: Tally, elapsed: float, title: str) -> int:
    """Print the figures; return the number of 5xx and unanswered requests."""
    all_times = sorted(ms for times in tally.times.values() for ms in times)
    statuses: Counter[int] = Counter()
    for counts in tally.statuses.values():
        statuses.update(counts)
    n = len(all_times)
    bad = sum(c for s, c in statuses.items() if s >= 500 or s == 0)
    print(title)
    print(f"{n} solicitudes en {elapsed:.0f} s: {n / elapsed:.1f} sol/s; "
          f"5xx: {sum(c for s, c in statuses.items() if s >= 500)}; sin respuesta: {statuses[0]}; "
          f"estados: {dict(sorted(statuses.items()))}")
    print(f"{'tipo':<14} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'máx ms':>8}  estados")
    rows = [("TOTAL", all_times, statuses)] + [
        (kind, sorted(tally.times[kind]), tally.statuses[kind]) for kind in MIX
        if tally.times.get(kind)
    ]
    for kind, times, counts in rows:
        print(f"{kind:<14} {len(times):>7} {percentile(times, 0.50):>8.0f} "
              f"{percentile(times, 0.95):>8.0f} {percentile(times, 0.99):>8.0f} "
              f"{times[-1] if times else 0:>8.0f}  {dict(sorted(counts.items()))}")
    return bad


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="Base URL of an app already served on 127.0.0.1.")
    parser.add_argument("--index", type=Path, default=Path("var/index"))
    parser.add_argument("--workers", type=int, default=0,
                        help="gunicorn workers (0: waitress, the default server).")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=180, help="Seconds of load.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rate-limit", action="store_true",
                        help="Keep the server's rate limit on (off by default: see above).")
    parser.add_argument("--server-log", type=Path, help="Append the server's output here.")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.duration <= 1800:
        sys.exit("--clients 1..200 y --duration 1..1800 s: la prueba es acotada")
    if args.url:
        base = check_local(args.url)
        tally, elapsed = run(base, args.clients, args.duration, args.seed)
        bad = report(tally, elapsed, f"{args.clients} clientes contra {base}")
    else:
        server = f"gunicorn ×{args.workers}" if args.workers else "waitress"
        with local_server(args.index, args.workers, env={} if args.rate_limit else None,
                          log=args.server_log) as base:
            tally, elapsed = run(base, args.clients, args.duration, args.seed)
        bad = report(tally, elapsed, f"{server}, índice {args.index}, {args.clients} clientes, "
                     f"{args.duration:.0f} s, límite de solicitudes "
                     f"{'activo' if args.rate_limit else 'desactivado'}")
    if bad:
        sys.exit(f"{bad} solicitudes con error 5xx o sin respuesta")


if __name__ == "__main__":
    main()
