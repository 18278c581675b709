"""Engine benchmark: whoosh, tantivy and SQLite FTS5 on the same corpus and query mix, in one run,
plus the bare tantivy calls (no project layer) that the tantivy engine is measured against.

    python -m scripts.bench_engines --count 20000 --work /tmp/bench_engines20k
    python -m scripts.bench_engines --count 150000 --work /tmp/bench_engines150k [--reuse]

Corpus, query mix, whoosh and FTS5 come from ``scripts.bench_search`` (same records, same 52
queries, same timing). For each engine: indexing docs/s, size on disk, query p50/p95 overall and
per category, and the ratios. Every query asks what the web page shows: the exact total, the
counts of every facet over ALL matches, the top 10 with highlighted snippets (whoosh and tantivy
through the project's engine interface: query language, synonyms, suggestion included).

"tantivy-bare" runs, per query, the same tantivy calls as the tantivy engine, straight on a
``tantivy.Searcher``: ``search`` (top 10 + exact count), one ``aggregate`` (a terms
aggregation per facet, over the matches, or over the non-matches when more than half the
documents match) and, when many documents are counted, ``terms_with_prefix`` for the cited
articles (their postings) — the engine's own plan (``tantivy_search.facet_plan``) — and
fetching the 10 stored documents. Its queries are the
tantivy engine's own, built once before timing, so the ratio tantivy / tantivy-bare is the cost
of the project layer (parsing, synonyms, snippets, facet post-processing and subtraction, hit
decoding). Both make one aggregation call (the engine's default of one facet thread).

Cold figures: the engine's memory of recent searches' facet counts is off during timing
(``facet_cache=0``), so every round counts every facet again. What the engine keeps per
committed state (facet counts over every document, keyword values, the suggester) is built by
the warm-up query and kept, as in a serving process. The load average is printed beside each
engine's figures: on a shared machine they move with it; so is the process CPU time per query
(every thread, so a facet thread's work counts), which moves much less.

Indexing: where time goes is printed too: Python-side analysis alone (``to_tantivy`` over a
sample of records) and tantivy's writer alone (pre-built documents), beside the end-to-end rate.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from indexer.engine import SearchParams
from indexer.fields import FACETS
from scripts.bench_search import (
    BenchQuery,
    _rss_mib,
    build_fts,
    build_whoosh,
    ensure_records,
    fts_runner,
    iter_records,
    pct,
    query_mix,
    time_mix,
)

Runner = tuple[Callable[[BenchQuery], int], Callable[[], None]]
CATEGORIES = ("all", "term", "and", "phrase", "filter", "broad")


def build_tantivy(records: Path, index_dir: Path, workers: int = 1) -> tuple[int, float]:
    """The project's build (``build_index``, no topic tagging) into a tantivy index; with
    ``workers`` > 1 the analysis runs in that many processes beside the writer."""
    from indexer import open_engine
    from indexer.build import build_index

    t = time.perf_counter()
    open_engine(index_dir, engine="tantivy", create=True).close()
    report = build_index([records], index_dir, enrich=False, workers=workers)
    return report.added + report.replaced + report.unchanged, time.perf_counter() - t


def _whoosh_build(records: Path, index_dir: Path) -> tuple[int, float]:
    indexed, _unchanged, secs = build_whoosh(records, index_dir)
    return indexed, secs


def disk_size(path: Path) -> int:
    """Bytes of the files under ``path``, each file once (the kept snapshots of an index are
    hard links to its segment files)."""
    seen: dict[tuple[int, int], int] = {}
    for p in path.rglob("*"):
        if p.is_file():
            st = p.stat()
            seen[(st.st_dev, st.st_ino)] = st.st_size
    return sum(seen.values())


def indexing_breakdown(records: Path, sample: int) -> list[str]:
    """docs/s of the Python-side analysis alone and of tantivy's writer alone (pre-built
    documents, one indexing thread as the engine uses, commit included)."""
    import tempfile

    import tantivy

    from corpus.records import DocumentRecord
    from indexer.tantivy_engine import WRITER_HEAP, WRITER_THREADS
    from indexer.tantivy_schema import build_schema, to_tantivy

    recs = [DocumentRecord.from_dict(d) for d in islice(iter_records(records), sample)]
    t = time.perf_counter()
    docs = [to_tantivy(r)[0] for r in recs]
    analysis = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        index = tantivy.Index(build_schema(), path=tmp)
        writer = index.writer(WRITER_HEAP, WRITER_THREADS)
        t = time.perf_counter()
        for doc in docs:
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()
        writing = time.perf_counter() - t
    return [f"  tantivy, where indexing time goes ({len(recs)} records): Python analysis "
            f"(to_tantivy) {len(recs) / analysis:.0f} docs/s; tantivy writer alone "
            f"{len(recs) / writing:.0f} docs/s"]


def tantivy_runner(index_dir: Path) -> Runner:
    from indexer import open_engine

    engine: Any = open_engine(index_dir, engine="tantivy")
    _unbudgeted(engine)
    engine.search_core().facet_cache = 0  # cold: every query counts its facets

    def run(bq: BenchQuery) -> int:
        return int(engine.search(SearchParams(q=bq.q, filters=bq.filters, page_size=10)).total)

    return run, engine.close


def _unbudgeted(engine: Any) -> None:
    """No time budget (``indexer.budget``): a benchmark measures every search to its end (on a
    loaded machine the 2 s budget refused whoosh searches at 150,000 documents)."""
    core = engine.search_core()
    core.settings = dataclasses.replace(core.settings, time_budget_ms=0)


def whoosh_unbudgeted(index_dir: Path) -> Runner:
    """``bench_search.whoosh_runner`` without the time budget."""
    from indexer import open_engine

    engine: Any = open_engine(index_dir)
    _unbudgeted(engine)

    def run(bq: BenchQuery) -> int:
        return int(engine.search(SearchParams(q=bq.q, filters=bq.filters, page_size=10)).total)

    return run, engine.close


def bare_runner(index_dir: Path) -> Runner:
    """The unavoidable tantivy calls per query, on queries built (untimed) by the engine."""
    import tantivy

    from indexer import open_engine
    from indexer import query as ast
    from indexer import tantivy_query as tq
    from indexer.tantivy_search import (
        SLOW_FACET,
        complement,
        facet_plan,
        facet_spec,
        postings_counts,
        with_filters,
    )

    engine: Any = open_engine(index_dir, engine="tantivy")
    core = engine.search_core()
    built: dict[BenchQuery, Any] = {}
    spec = facet_spec()

    def query_of(bq: BenchQuery) -> Any:
        if bq not in built:
            searcher = engine.searcher()
            ctx = tq.BuildContext(engine.schema, searcher, core.settings.limits,
                                  core.keyword_values, core._synonyms, core._rewrites)
            q = tq.build(ctx, ast.parse_query(bq.q).node) or tantivy.Query.empty_query()
            built[bq] = with_filters(q, core.filter_queries(SearchParams(q=bq.q, filters=bq.filters)))
        return built[bq]

    for bq in query_mix():
        query_of(bq)

    def run(bq: BenchQuery) -> int:
        q = query_of(bq)
        searcher = engine.searcher()
        found = searcher.search(q, limit=10, count=True)
        total = int(getattr(found, "count", 0) or 0)
        plan = facet_plan(total, int(searcher.num_docs), True)
        if total and plan.counted:  # none counted: the counts over all, kept per state
            if SLOW_FACET in plan.by_postings:
                postings_counts(searcher, SLOW_FACET, q)
            searcher.aggregate(complement(q) if plan.rest else q,
                               {k: v for k, v in spec.items() if k not in plan.by_postings})
        for _, address in found.hits:
            searcher.doc(address)
        return total

    return run, engine.close


def _cpu_timed(run: Callable[[BenchQuery], int], cpu: list[float]) -> Callable[[BenchQuery], int]:
    """``run``, appending each call's process CPU time (ms, every thread) to ``cpu``: on a
    shared machine it moves less with the load than the wall-clock time does."""
    def timed(bq: BenchQuery) -> int:
        started = time.process_time()
        n = run(bq)
        cpu.append(1000 * (time.process_time() - started))
        return n
    return timed


def _report(results: dict[str, dict[str, list[float]]], rounds: int) -> list[str]:
    names = list(results)
    cats = [*CATEGORIES, *(f"round {r + 1}" for r in range(rounds))]
    lines = [f"{'category':10} " + " ".join(f"{n + ' p50/p95 ms':>26}" for n in names)]
    for c in cats:
        row = [(pct(results[n][c], 50), pct(results[n][c], 95)) for n in names]
        lines.append(f"{c:10} " + " ".join(f"{a:>13.1f}/{b:<12.1f}" for a, b in row))
    lines.append("")
    pairs = [("whoosh", "tantivy"), ("fts5", "tantivy"), ("tantivy", "tantivy-bare")]
    for a, b in pairs:
        if a in results and b in results:
            ra, rb = results[a]["all"], results[b]["all"]
            lines.append(f"ratio {a} / {b}: p50 {pct(ra, 50) / pct(rb, 50):.2f}×, "
                         f"p95 {pct(ra, 95) / pct(rb, 95):.2f}×")
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_engines"))
    ap.add_argument("--records", type=Path, help="a .jsonl of records instead of generating")
    ap.add_argument("--reuse", action="store_true", help="keep existing indexes and database")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--engines", default="whoosh,tantivy,fts5",
                    help="comma-separated subset of whoosh,tantivy,fts5")
    ap.add_argument("--workers", type=int, default=1,
                    help="analysis processes for the tantivy build (whoosh's build: 1)")
    ap.add_argument("--breakdown", type=int, default=2000,
                    help="records for the indexing breakdown (0: skip)")
    args = ap.parse_args(argv)
    wanted = set(args.engines.split(","))
    args.work.mkdir(parents=True, exist_ok=True)
    records = args.records or ensure_records(args.work, args.count)
    paths = {"whoosh": args.work / "whoosh", "tantivy": args.work / "tantivy",
             "fts5": args.work / "fts5.db"}
    builders: dict[str, Callable[[Path, Path], tuple[int, float]]] = {
        "whoosh": _whoosh_build, "fts5": build_fts,
        "tantivy": lambda r, p: build_tantivy(r, p, args.workers)}
    print(f"corpus: {records}", flush=True)
    built: dict[str, float] = {}
    for name in ("tantivy", "fts5", "whoosh"):
        if name not in wanted:
            continue
        path = paths[name]
        exists = path.exists() and (path.is_file() or (path / "manifest.json").exists())
        if not (args.reuse and exists):
            n, secs = builders[name](records, path)
            built[name] = n / secs
            how = f" ({args.workers} analysis processes)" if name == "tantivy" else ""
            print(f"{name} index: {n} docs in {secs:.0f} s = {n / secs:.0f} docs/s{how}",
                  flush=True)
        size = path.stat().st_size if path.is_file() else disk_size(path)
        print(f"{name} size: {size / 2**20:.0f} MiB", flush=True)
    if "tantivy" in wanted and args.breakdown:
        print("\n".join(indexing_breakdown(records, args.breakdown)), flush=True)

    makers: dict[str, tuple[Callable[[Path], Runner], Path]] = {
        "tantivy": (tantivy_runner, paths["tantivy"]),
        "tantivy-bare": (bare_runner, paths["tantivy"]),
        "whoosh": (whoosh_unbudgeted, paths["whoosh"]),
        "fts5": (fts_runner, paths["fts5"]),
    }
    mix = query_mix()
    results: dict[str, dict[str, list[float]]] = {}
    totals: dict[str, dict[str, int]] = {}
    for name, (make, path) in makers.items():
        if name.split("-")[0] not in wanted:
            continue
        t = time.perf_counter()
        run, close = make(path)
        run(mix[0])
        print(f"{name}: open + first query {1000 * (time.perf_counter() - t):.0f} ms", flush=True)
        before = os.getloadavg()[0]
        cpu: list[float] = []
        results[name], totals[name] = time_mix(_cpu_timed(run, cpu), mix, args.rounds)
        close()
        cpu = cpu[1:]  # time_mix's own warm-up query
        print(f"{name}: p50 {pct(results[name]['all'], 50):.1f} ms, "
              f"p95 {pct(results[name]['all'], 95):.1f} ms (load average {before:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores); CPU per query "
              f"(all threads) p50 {pct(cpu, 50):.1f} ms, p95 {pct(cpu, 95):.1f} ms", flush=True)
    print(f"\n{len(mix)} queries × {args.rounds} rounds; each: exact total, {len(FACETS)} facets "
          "over all matches, top 10 with highlighted snippets (bare: no snippets, no parsing)")
    print("\n".join(_report(results, args.rounds)))
    if "whoosh" in totals and "tantivy" in totals:
        diff = [k for k in totals["whoosh"] if totals["whoosh"][k] != totals["tantivy"].get(k)]
        print(f"queries whose totals differ between whoosh and tantivy: {len(diff)} {diff[:5]}")
    print(f"max RSS: {_rss_mib():.0f} MiB")


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
