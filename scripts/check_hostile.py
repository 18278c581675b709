"""Push ≥ 200 hostile files through the real ingestion batch and print what happened.

    .venv/bin/python scripts/check_hostile.py [--seeds 2] [--light] [--workers 2]
        [--timeout 60] [--max-memory 1024] [--out DIR] [--json report.json]

Writes the files of ``corpus.sample.hostile`` (into a temporary folder unless ``--out``), runs
``ingest_paths`` over them once, and prints per category: files, outcomes as expected, what was
observed, the longest time and the largest peak memory of one file; then the totals. Exits 1
when a file was not reported or its outcome differs from the ground truth.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from corpus.sample.hostile import write_hostile
from corpus.sample.hostile_run import category_table, run_hostile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--light", action="store_true", help="leave out the heavy files")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per file")
    parser.add_argument("--max-memory", type=int, default=1024, help="MiB per worker")
    parser.add_argument("--out", type=Path, help="folder for the files (default: temporary)")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hostiles-") as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        cases = write_hostile(out, args.seeds, light=args.light)
        run = run_hostile(out / "files", cases, workers=args.workers, timeout_s=args.timeout,
                          max_memory_mb=args.max_memory)  # fmt: skip
    outcomes = run.outcomes
    print(f"{'categoría':<20} {'archivos':>8} {'esperado':>8} {'máx s':>7} {'máx MiB':>8}  observado")
    for row in category_table(outcomes):
        seen = ", ".join(f"{k} {v}" for k, v in sorted(row.observed.items()))
        print(f"{row.category:<20} {row.files:>8} {row.ok:>8} {row.max_s:>7.1f} "
              f"{row.max_mb:>8.0f}  {seen}")  # fmt: skip
    times = [o.seconds for o in outcomes if o.seconds is not None]
    peaks = [o.peak_rss_mb for o in outcomes if o.peak_rss_mb is not None]
    ok = sum(o.ok for o in outcomes)
    print(f"Total: {len(outcomes)} archivos, {ok} como se esperaba; lote en {run.seconds:.1f} s; "
          f"máx {max(times, default=0):.1f} s y {max(peaks, default=0):.0f} MiB por archivo")  # fmt: skip
    for line in run.summary.lines():
        print(f"  {line}")
    wrong = [o for o in outcomes if not o.ok]
    for o in wrong:
        print(f"DIFERENTE {o.name!r}: esperado {o.expected}, obtenido {o.observed}: {o.message}")
    for source in run.unexpected:
        print(f"NO CATALOGADO {source!r}")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(o) for o in outcomes], ensure_ascii=False, indent=1),
            encoding="utf-8",
            errors="backslashreplace",
        )
    return 1 if wrong or run.unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
