"""kill -9 of ``precedentes ingest`` and ``precedentes index`` at random points, then checks.

    python scripts/check_crash.py [--runs 50] [--seed 1] [--records 60] [--files 12]

Each job starts the real command as a subprocess over a generated corpus (record files and
sample documents; both engines; full builds, incremental updates with replacements, additions
and --prune deletions, and plain ingestion to a .jsonl), SIGKILLs its main process after a
random (seeded) delay, and checks:

* index: ``precedentes index --check`` passes; the index opens with no warning, has no id
  twice, every id is fetched and found by a search, every document is at its old or new
  version, and every state a reader saw committed during the run (the checker polls the
  manifest and reads the index while the child writes) is still there;
* ingest: every complete line of the output is a whole record of the reference ingest, none
  twice, and no line seen before the kill is lost (a torn last line is allowed: ``--resume``
  drops it);
* then a rerun without a kill finishes the job: exactly the expected documents / records.

Finally it damages the newest state of a two-commit index of each engine (TOC or meta.json
truncated or garbled, the newest segment file truncated or removed, the manifest truncated)
and checks that it opens the last good state with a Spanish warning, that ``--check`` reports
it, and that the next ``precedentes index`` repairs it. Prints a table; failures must be 0.
Processes left behind by a killed command (its extraction workers) are counted and ended.
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.crash_damage import damage_checks
from scripts.crash_jobs import Corpus, Job, make_corpus, run_job

PHASES = ("antes de confirmar", "entre confirmaciones", "después de la última", "terminó antes")


@dataclass
class Tally:
    """Kills and failures per job kind."""

    kills: Counter[tuple[str, str]] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    orphans: int = 0
    jobs: int = 0


def plan_jobs(rng: random.Random) -> Iterator[Job]:
    """Jobs cycling over every kind on both engines, 1–2 kill attempts each."""
    kinds = [
        Job("index-records", "whoosh", kills=0, full=True),
        Job("index-records", "tantivy", kills=0, full=True),
        Job("update-records", "whoosh", kills=0),
        Job("update-records", "tantivy", kills=0),
        Job("index-files", "whoosh", kills=0, full=True),
        Job("index-files", "tantivy", kills=0, full=True),
        Job("ingest", "-", kills=0, full=True),
    ]
    for i in itertools.count():
        base = kinds[i % len(kinds)]
        yield Job(base.kind, base.engine, kills=rng.choice((1, 1, 2)), full=base.full)


def run_checks(work: Path, *, runs: int, seed: int, records: int, files: int, batch: int,
               damage: bool = True, log: bool = True) -> tuple[Tally, list[tuple[str, str, str]]]:
    """Run the kill jobs and the damage checks in ``work``; returns the tally and the damage
    results (engine, damage, "ok" or the failure)."""
    rng = random.Random(seed)
    corpus: Corpus = make_corpus(work / "corpus", records=records, files=files, seed=seed)
    tally = Tally()
    memory: dict[str, Any] = {}  # run durations, the record indexes' versions
    landed = attempts = 0
    for job in plan_jobs(rng):
        # a run that finished before its kill is shown, but not counted among the ``runs``
        if landed >= runs or attempts >= 3 * runs:
            break
        result = run_job(job, corpus, work, rng, batch=batch, memory=memory)
        attempts += len(result.phases)
        landed += sum(1 for p in result.phases if p != PHASES[-1])
        tally.jobs += 1
        tally.orphans += result.orphans
        for phase in result.phases:
            tally.kills[(f"{job.kind} {job.engine}".strip(" -"), phase)] += 1
        tally.failures.extend(f"{job.kind}/{job.engine}: {f}" for f in result.failures)
        if log:
            print(f"{job.kind:15} {job.engine:8} kills {job.kills} phases {result.phases} "
                  f"failures {len(result.failures)}", flush=True)
            for f in result.failures:
                print(f"    FAIL {f}", flush=True)
    damaged: list[tuple[str, str, str]] = []
    if damage:
        for engine in ("whoosh", "tantivy"):
            damaged.extend(damage_checks(engine, corpus, work / f"damage-{engine}", batch=batch))
    return tally, damaged


def report(tally: Tally, damaged: list[tuple[str, str, str]], elapsed: float) -> list[str]:
    kinds = sorted({k for k, _ in tally.kills})
    width = max([len(k) for k in kinds] + [10])
    out = [f"{'job':{width}}  " + "  ".join(f"{p:>20}" for p in PHASES) + f"  {'kills':>5}"]
    for k in kinds:
        row = [tally.kills[(k, p)] for p in PHASES]
        out.append(f"{k:{width}}  " + "  ".join(f"{n:>20}" for n in row) + f"  {sum(row[:-1]):>5}")
    total = sum(n for (_, p), n in tally.kills.items() if p != PHASES[-1])
    out.append(f"{'total':{width}}  " + "  ".join(
        f"{sum(tally.kills[(k, p)] for k in kinds):>20}" for p in PHASES) + f"  {total:>5}")
    out.append(f"jobs: {tally.jobs}; kill -9 runs that landed: {total} (not counting runs "
               "that finished first); each job ends with a rerun that must "
               f"finish the job; worker processes left behind by killed commands: {tally.orphans}")
    if damaged:
        out.append("damaged newest state → fall-back:")
        for engine, what, outcome in damaged:
            out.append(f"  {engine:8} {what:22} {outcome}")
    fails = len(tally.failures) + sum(1 for *_, o in damaged if not o.startswith("ok"))
    out.append(f"failures: {fails}   ({elapsed:.0f} s)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=50, help="kill -9 runs in all (default 50)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--records", type=int, default=60, help="records in the record corpus")
    ap.add_argument("--files", type=int, default=12, help="sample documents (no scanned ones)")
    ap.add_argument("--batch", type=int, default=8, help="--batch-size of the index runs")
    ap.add_argument("--work", type=Path, default=None, help="work folder (default: a temp one)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--no-damage", action="store_true", help="skip the damaged-state checks")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="check_crash_"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        tally, damaged = run_checks(work, runs=args.runs, seed=args.seed, records=args.records,
                                    files=args.files, batch=args.batch, damage=not args.no_damage)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(report(tally, damaged, time.perf_counter() - started)))
    for f in tally.failures:
        print(f"FAIL {f}")
    failed = tally.failures or any(not o.startswith("ok") for *_, o in damaged)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
