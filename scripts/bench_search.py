"""Search benchmark: whoosh (the project's engine) against SQLite FTS5 on the same corpus and
the same fixed query mix, in the same run.

    python -m scripts.bench_search --docs 20000 --work /tmp/bench20k
    python -m scripts.bench_search --docs 150000 --work /tmp/bench150k [--reuse] [--workers 2]

Steps: generate records (``precedentes sample-corpus OUT --records-only --count N``) unless
present; build the whoosh index with ``indexer.build.build_index`` (no topic tagging: the
records carry their topics; this measures indexing) and an FTS5 database (stdlib sqlite3,
``unicode61 remove_diacritics 2``; filter columns in their own table, body only in the FTS
table); run every query of the mix on both (exact total, facet counts over ALL matches, top 10
with highlighted snippets) and print docs/s, size, p50/p95 overall and per category, and the
ratios. ``--reuse`` keeps an existing index and database.

What the indexing figure includes: reading the record file, the project's whole analysis
(bulk tokenising, stopwords, stemming, shingles, identifiers, keyword and facet values, record
encoding) and whoosh's writing with durable commits every 10,000 documents. It does not
include topic tagging with spaCy (the generated records carry their topics; ``precedentes
index`` tags records unless ``--no-topics``) nor extraction from files (records are already
extracted). Besides the wall rate, the CPU rate (documents per CPU-second of this process and
its analysis workers) and the load average are printed: on a shared machine the wall rate
says more about the neighbours than about the code.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.engine import SearchParams
from indexer.fields import FACETS

TERMS = ["información", "reservada", "inexistencia", "ayuntamiento", "nómina", "contratos",
         "incompetencia", "prevención", "modalidad", "confidencial", "sobresee", "plazo"]
ANDS = ["información reservada", "datos personales", "versión pública contrato",
        "inexistencia búsqueda exhaustiva", "respuesta plazo", "sujeto obligado municipio",
        "comité transparencia reserva", "obra pública contratos", "remuneraciones servidores",
        "solicitud información ayuntamiento"]
PHRASES = ['"acceso a la información"', '"datos personales"', '"versión pública"',
           '"recurso de revisión"', '"sujeto obligado"', '"comité de transparencia"',
           '"búsqueda exhaustiva"', '"prueba de daño"', '"información reservada"',
           '"unidad de transparencia"']
FILTERED = [("información", (("garante", "IVAI"),)), ("reservada", (("year", "2019"),)),
            ("datos personales", (("sentido", "revoca"),)),
            ("inexistencia", (("garante", "ITAIP"), ("year", "2021"))),
            ("contratos", (("doc_type", "resolucion"),)),
            ("plazo", (("sentido", "confirma"), ("sentido", "modifica"))),
            ("nómina", (("state", "Veracruz"),)), ("solicitud", (("year", "2018"),)),
            ("versión pública", (("garante", "INAIP"),)), ("respuesta", (("sentido", "sobresee"),))]
BROAD = ["solicitud", "información", "sujeto obligado", "recurso", "resolución",
         "transparencia", "acceso", "público", "respuesta", "organismo"]


@dataclass(frozen=True)
class BenchQuery:
    category: str
    q: str
    filters: tuple[tuple[str, str], ...] = ()


def query_mix() -> list[BenchQuery]:
    """The fixed mix: 52 queries in five categories; every one asks for facets and a
    highlighted top 10."""
    mix = [BenchQuery("term", t) for t in TERMS]
    mix += [BenchQuery("and", q) for q in ANDS]
    mix += [BenchQuery("phrase", q) for q in PHRASES]
    mix += [BenchQuery("filter", q, f) for q, f in FILTERED]
    mix += [BenchQuery("broad", q) for q in BROAD]
    return mix


def dir_size(path: Path) -> int:
    """Bytes on disk under ``path``, each file once: the tantivy engine's snapshots are hard
    links to the live segment files (counting every link tripled a 811 MiB index)."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for p in path.rglob("*"):
        st = p.lstat()
        if p.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def ensure_records(work: Path, count: int) -> Path:
    """WORK/corpus/records.jsonl, generated (as ``precedentes sample-corpus OUT --records-only
    --count N`` does) unless already there."""
    from corpus.sample.generate import write_records

    path = work / "corpus" / "records.jsonl"
    if path.exists():
        return path
    print(f"generando {count} registros de muestra en {path}", flush=True)
    t = time.perf_counter()
    written = write_records(path.parent, count)
    print(f"  {time.perf_counter() - t:.0f} s", flush=True)
    return Path(written)


# ------------------------------------------------------------------ whoosh


def build_whoosh(records: Path, index_dir: Path, workers: int = 1) -> tuple[int, int, float]:
    """(documents indexed, documents already there and unchanged, seconds). An index left in
    ``index_dir`` is updated incrementally: only new or changed records are indexed. With
    ``workers`` > 1 the analysis runs in that many processes beside the writer."""
    from indexer.build import build_index

    t = time.perf_counter()
    report = build_index([records], index_dir, enrich=False, workers=workers)
    return report.added + report.replaced, report.unchanged, time.perf_counter() - t


def cpu_seconds() -> float:
    """CPU time of this process and of its waited-for children (analysis workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def load_average() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


def whoosh_runner(index_dir: Path) -> tuple[Callable[[BenchQuery], int], Callable[[], None]]:
    from indexer import open_engine

    engine = open_engine(index_dir)

    def run(bq: BenchQuery) -> int:
        params = SearchParams(q=bq.q, filters=bq.filters, page_size=10)
        return engine.search(params).total

    return run, engine.close


# ------------------------------------------------------------------ SQLite FTS5

FTS_SINGLE = ("garante", "state", "doc_type", "year", "sujeto_kind", "ponente", "vigencia")
FTS_MULTI = ("sentido", "topics", "articles")


def build_fts(records: Path, db_path: Path) -> tuple[int, float]:
    if db_path.exists():
        db_path.unlink()
    t = time.perf_counter()
    con = sqlite3.connect(db_path)
    cols = ", ".join(f"{c} TEXT" for c in FTS_SINGLE)
    con.executescript(
        f"""
        PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
        CREATE TABLE meta (id INTEGER PRIMARY KEY, doc_id TEXT, date TEXT, {cols});
        CREATE TABLE multi (doc INTEGER, field TEXT, value TEXT);
        CREATE VIRTUAL TABLE fts USING fts5(title, body,
            tokenize='unicode61 remove_diacritics 2');
        """
    )
    n = 0
    batch_meta: list[tuple[object, ...]] = []
    batch_multi: list[tuple[object, ...]] = []
    batch_fts: list[tuple[object, ...]] = []
    for rec in iter_records(records):
        n += 1
        values = {
            "garante": rec.get("garante"), "state": rec.get("state"),
            "doc_type": rec.get("doc_type"), "year": str(rec.get("year") or ""),
            "sujeto_kind": rec.get("sujeto_obligado_kind"), "ponente": rec.get("ponente"),
            "vigencia": rec.get("vigencia"),
        }
        batch_meta.append((n, rec["id"], rec.get("date"), *(values[c] for c in FTS_SINGLE)))
        for f, key in (("sentido", "sentido"), ("topics", "topics"), ("articles", "cites_articles")):
            batch_multi.extend((n, f, v) for v in rec.get(key) or [])
        batch_fts.append((n, rec.get("title") or "", rec.get("text") or ""))
        if len(batch_fts) >= 2000:
            _flush(con, batch_meta, batch_multi, batch_fts)
    _flush(con, batch_meta, batch_multi, batch_fts)
    con.executescript(
        """
        CREATE INDEX multi_doc ON multi(doc, field);
        CREATE INDEX meta_garante ON meta(garante); CREATE INDEX meta_year ON meta(year);
        INSERT INTO fts(fts) VALUES('optimize');
        """
    )
    con.commit()
    con.close()
    return n, time.perf_counter() - t


def _flush(con: sqlite3.Connection, meta: list[tuple[object, ...]], multi: list[tuple[object, ...]],
           fts: list[tuple[object, ...]]) -> None:
    ph = ", ".join("?" * (3 + len(FTS_SINGLE)))
    con.executemany(f"INSERT INTO meta VALUES ({ph})", meta)
    con.executemany("INSERT INTO multi VALUES (?, ?, ?)", multi)
    con.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)", fts)
    con.commit()
    meta.clear()
    multi.clear()
    fts.clear()


def fts_match(q: str) -> str:
    """The mix's query in FTS5 syntax: words AND-ed, phrases quoted."""
    if q.startswith('"'):
        return q
    return " AND ".join(f'"{w}"' for w in q.split())


def fts_runner(db_path: Path) -> tuple[Callable[[BenchQuery], int], Callable[[], None]]:
    con = sqlite3.connect(db_path)
    # facet counts of a multi-valued field read only that field's rows (covering index)
    con.execute("CREATE INDEX IF NOT EXISTS multi_field ON multi(field, doc, value)")

    def run(bq: BenchQuery) -> int:
        where, args = "", [fts_match(bq.q)]
        by_field: dict[str, list[str]] = {}
        for f, v in bq.filters:
            by_field.setdefault(f, []).append(v)
        for f, vals in by_field.items():
            ph = ", ".join("?" * len(vals))
            if f in FTS_SINGLE:
                where += f" AND meta.{f} IN ({ph})"
            else:
                where += f" AND meta.id IN (SELECT doc FROM multi WHERE field='{f}' AND value IN ({ph}))"
            args += vals
        con.execute("DROP TABLE IF EXISTS temp.m")
        con.execute("CREATE TEMP TABLE m (id INTEGER PRIMARY KEY)")  # keyed: joins probe it
        con.execute(
            "INSERT INTO m SELECT fts.rowid FROM fts JOIN meta ON meta.id = fts.rowid"
            f" WHERE fts MATCH ?{where}", args,
        )
        total = con.execute("SELECT count(*) FROM m").fetchone()[0]
        for f in FTS_SINGLE:
            con.execute(
                f"SELECT {f}, count(*) FROM m JOIN meta ON meta.id = m.id GROUP BY {f}"
                " ORDER BY 2 DESC LIMIT 30"
            ).fetchall()
        for f in FTS_MULTI:
            con.execute(
                "SELECT value, count(*) FROM m JOIN multi ON multi.doc = m.id AND multi.field = ?"
                " GROUP BY value ORDER BY 2 DESC LIMIT 30", (f,),
            ).fetchall()
        con.execute(
            "SELECT meta.doc_id, snippet(fts, 1, '<mark>', '</mark>', '…', 30) FROM fts"
            " JOIN meta ON meta.id = fts.rowid WHERE fts MATCH ?" + where
            + " ORDER BY bm25(fts) LIMIT 10", args,
        ).fetchall()
        return int(total)

    return run, con.close


# ------------------------------------------------------------------ timing


def time_mix(run: Callable[[BenchQuery], int], mix: list[BenchQuery], rounds: int
             ) -> tuple[dict[str, list[float]], dict[str, int]]:
    run(mix[0])  # warm-up (opens, first caches): reported separately
    times: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    for r in range(rounds):
        for bq in mix:
            t = time.perf_counter()
            totals[bq.q + repr(bq.filters)] = run(bq)
            ms = (time.perf_counter() - t) * 1000
            times.setdefault(bq.category, []).append(ms)
            times.setdefault("all", []).append(ms)
            times.setdefault(f"round {r + 1}", []).append(ms)
    return times, totals


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", "--count", dest="count", type=int, default=20000,
                    help="generated records (when --records is not given)")
    ap.add_argument("--workers", type=int, default=1,
                    help="analysis processes for the whoosh build (1: all in this process)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_search"))
    ap.add_argument("--records", type=Path, help="a .jsonl of records instead of generating")
    ap.add_argument("--reuse", action="store_true", help="keep an existing index and database")
    ap.add_argument("--rounds", type=int, default=2,
                    help="passes over the mix; round 1 runs with cold term/filter caches")
    ap.add_argument("--skip-fts", action="store_true")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    records = args.records or ensure_records(args.work, args.count)
    index_dir, db_path = args.work / "whoosh", args.work / "fts5.db"
    lines: list[str] = [f"corpus: {records}"]

    if not (args.reuse and (index_dir / "manifest.json").exists()):
        cpu = cpu_seconds()
        n, unchanged, secs = build_whoosh(records, index_dir, args.workers)
        cpu = cpu_seconds() - cpu
        lines.append(f"whoosh index: {n} docs indexed in {secs:.0f} s = {n / secs:.1f} docs/s"
                     f" wall, {n / cpu:.1f} docs per CPU-second ({args.workers} analysis "
                     f"process(es)); load average after: {load_average()}"
                     + (f" ({unchanged} already indexed, unchanged)" if unchanged else ""))
    lines.append(f"whoosh size: {dir_size(index_dir) / 2**20:.0f} MiB")
    if not args.skip_fts:
        if not (args.reuse and db_path.exists()):
            cpu = cpu_seconds()
            n, secs = build_fts(records, db_path)
            cpu = cpu_seconds() - cpu
            lines.append(f"FTS5 index: {n} docs in {secs:.0f} s = {n / secs:.0f} docs/s wall, "
                         f"{n / cpu:.0f} docs per CPU-second")
        lines.append(f"FTS5 size: {db_path.stat().st_size / 2**20:.0f} MiB")
    print("\n".join(lines), flush=True)

    mix = query_mix()
    results: dict[str, dict[str, list[float]]] = {}
    totals: dict[str, dict[str, int]] = {}
    engines: list[tuple[str, Callable[[Path], tuple[Callable[[BenchQuery], int], Callable[[], None]]], Path]] = [
        ("whoosh", whoosh_runner, index_dir)]
    if not args.skip_fts:
        engines.append(("fts5", fts_runner, db_path))
    for name, make, path in engines:
        t = time.perf_counter()
        run, close = make(path)
        run(mix[0])
        print(f"{name}: open + first query {1000 * (time.perf_counter() - t):.0f} ms", flush=True)
        results[name], totals[name] = time_mix(run, mix, args.rounds)
        close()
    cats = ["all", "term", "and", "phrase", "filter", "broad",
            *(f"round {r + 1}" for r in range(args.rounds))]
    print(f"\n{len(mix)} queries × {args.rounds} rounds; each: exact total, "
          f"{len(FACETS)} facets over all matches, top 10 with highlighted snippets")
    print(f"{'category':10} " + " ".join(f"{n + ' p50/p95 ms':>24}" for n in results)
          + ("  ratio p50/p95" if len(results) == 2 else ""))
    for c in cats:
        row = [(pct(results[n][c], 50), pct(results[n][c], 95)) for n in results]
        text = f"{c:10} " + " ".join(f"{a:>12.1f}/{b:<11.1f}" for a, b in row)
        if len(row) == 2:
            text += f"  {row[0][0] / row[1][0]:.2f}× / {row[0][1] / row[1][1]:.2f}×"
        print(text)
    if len(totals) == 2:
        diff = sum(1 for k in totals["whoosh"] if totals["whoosh"][k] != totals["fts5"].get(k))
        print(f"\nqueries whose totals differ (stemming, stopwords): {diff} of {len(mix)}")
        print(f"mean hits: whoosh {statistics.mean(totals['whoosh'].values()):.0f}, "
              f"fts5 {statistics.mean(totals['fts5'].values()):.0f}")
    print(f"max RSS: {_rss_mib():.0f} MiB; load average at the end: {load_average()}")


def _rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    main()
