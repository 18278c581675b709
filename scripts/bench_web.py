"""Bounded load check of the web app on 127.0.0.1: a fixed number of requests from a few
concurrent clients, for the search page and the JSON API; prints requests/s and p50/p99.

    python scripts/bench_web.py --index var/index [--workers 2] [--requests 300]
    python scripts/bench_web.py --url http://127.0.0.1:8000      # an app already served

Without --url it starts ``precedentes serve`` (gunicorn with --workers, else the threaded
server) on a free local port and stops it at the end. Only 127.0.0.1 is accepted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

from scripts.bench_http import check_local, fetch, local_server

QUERIES: tuple[str, ...] = (
    "información reservada", "versión pública", "inexistencia", "datos personales",
    '"prueba de daño"', "sujeto obligado ayuntamiento", "remuneraciones OR nómina",
    "incompetencia -sobresee", "ampliación de plazo", "revoca", "", "obra pública",
)
FILTERS: tuple[str, ...] = ("", "&garante=IVAI", "&sort=date", "&doc_type=resolucion", "&page=2")
ENDPOINTS: dict[str, str] = {"página /buscar": "/buscar", "API /api/v1/search": "/api/v1/search"}


def urls(base: str, path: str, n: int) -> list[str]:
    out = []
    for i in range(n):
        q = urllib.parse.quote(QUERIES[i % len(QUERIES)])
        out.append(f"{base}{path}?q={q}{FILTERS[(i // len(QUERIES)) % len(FILTERS)]}")
    return out


def run(base: str, path: str, requests: int, concurrency: int) -> dict[str, float]:
    targets = urls(base, path, requests)
    for url in targets[: len(QUERIES)]:  # warm-up: one of each query, not counted
        fetch(url)
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(fetch, targets))
    elapsed = time.perf_counter() - start
    times = sorted(ms for ms, _ in results)
    errors = sum(1 for _, status in results if status != 200)
    return {"rps": requests / elapsed, "p50": statistics.median(times),
            "p99": times[min(len(times) - 1, int(0.99 * len(times)))], "errors": errors}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="Base URL of an app already served on 127.0.0.1.")
    parser.add_argument("--index", type=Path, default=Path("var/index"))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (0: threaded).")
    parser.add_argument("--requests", type=int, default=300, help="Requests per endpoint.")
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 5000 or not 1 <= args.concurrency <= 16:
        sys.exit("--requests 1..5000 y --concurrency 1..16: la prueba es acotada")
    with ExitStack() as stack:
        if args.url:
            base = check_local(args.url)
        else:
            base = stack.enter_context(local_server(args.index, args.workers))
        server = f"gunicorn ×{args.workers}" if (not args.url and args.workers) else (
            "waitress" if not args.url else base)
        print(f"{args.requests} solicitudes por destino, {args.concurrency} clientes, {server}")
        print(f"{'destino':<22} {'sol/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errores':>8}")
        for label, path in ENDPOINTS.items():
            r = run(base, path, args.requests, args.concurrency)
            print(f"{label:<22} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
                  f"{int(r['errors']):>8}")


if __name__ == "__main__":
    main()
