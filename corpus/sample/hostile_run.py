"""Push the hostile files through the real ingestion batch and compare with ground truth.

``run_hostile`` calls ``corpus.pipeline.ingest_paths`` on the ``files`` folder written by
``corpus.sample.hostile.write_hostile`` and returns one ``HostileOutcome`` per file: what the
batch said (``"extracted"`` or a reason code), its Spanish message, and what the file cost
(seconds, peak memory of its worker). ``category_table`` gives the per-category figures that
``scripts/check_hostile.py`` prints.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.extract.bounded import FileStats
from corpus.pipeline import IngestFailure, IngestSummary, ingest_paths
from corpus.sample.hostile import HostileCase


@dataclass(frozen=True)
class HostileOutcome:
    """One hostile file after the batch: expected against observed, and what it cost."""

    name: str
    category: str
    expected: str
    observed: str  # "extracted", a reason code, or "missing" (the batch never reported it)
    message: str
    seconds: float | None
    peak_rss_mb: float | None

    @property
    def ok(self) -> bool:
        return self.expected == self.observed


@dataclass(frozen=True)
class HostileRun:
    """Outcomes in catalogue order, the batch's own summary, and its wall-clock time."""

    outcomes: list[HostileOutcome]
    summary: IngestSummary
    seconds: float
    unexpected: list[str]  # sources the batch reported that are not in the catalogue


def run_hostile(
    files_dir: Path,
    cases: Iterable[HostileCase],
    *,
    workers: int = 2,
    timeout_s: float = 60.0,
    max_memory_mb: int = 1024,
) -> HostileRun:
    """Ingest ``files_dir`` once (as ``precedentes ingest`` does) and match every report to
    its case by path. A case the batch never reported comes back as ``"missing"``."""
    stats: dict[str, FileStats] = {}
    seen: dict[str, tuple[str, str]] = {}
    summary = IngestSummary()
    started = time.monotonic()
    for item in ingest_paths(
        [files_dir],
        workers=workers,
        timeout_s=timeout_s,
        max_memory_mb=max_memory_mb,
        summary=summary,
        on_stats=lambda path, s: stats.__setitem__(str(path), s),
    ):
        if isinstance(item, IngestFailure):
            seen[item.source] = (item.reason, item.message)
        else:
            seen[str(item.source_path)] = ("extracted", f"{len(item.text)} caracteres")
    elapsed = time.monotonic() - started
    outcomes: list[HostileOutcome] = []
    for case in cases:
        source = str(files_dir / case.name)
        observed, message = seen.pop(source, ("missing", "el lote no informó de este archivo"))
        cost = stats.get(source)
        outcomes.append(
            HostileOutcome(
                case.name, case.category, case.expected, observed, message,
                cost.seconds if cost else None, cost.peak_rss_mb if cost else None,
            )
        )  # fmt: skip
    return HostileRun(outcomes, summary, elapsed, sorted(seen))


@dataclass
class CategoryRow:
    """The figures of one category of hostile files."""

    category: str
    files: int = 0
    ok: int = 0
    max_s: float = 0.0
    max_mb: float = 0.0
    observed: dict[str, int] = field(default_factory=dict)


def category_table(outcomes: Iterable[HostileOutcome]) -> list[CategoryRow]:
    """Per category: files, as expected, observed outcomes, max seconds and max MiB."""
    rows: dict[str, CategoryRow] = {}
    for out in outcomes:
        row = rows.setdefault(out.category, CategoryRow(out.category))
        row.files += 1
        row.ok += int(out.ok)
        row.observed[out.observed] = row.observed.get(out.observed, 0) + 1
        row.max_s = max(row.max_s, out.seconds or 0.0)
        row.max_mb = max(row.max_mb, out.peak_rss_mb or 0.0)
    return [rows[k] for k in sorted(rows)]
