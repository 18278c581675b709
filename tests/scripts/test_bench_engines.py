"""scripts/bench_engines.py end to end on a tiny corpus: every engine asked for is built and timed
in one run, the tantivy engine against the bare tantivy calls, with the ratios and the load."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_bench_engines_prints_figures_and_ratios(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from scripts.bench_engines import main

    engines = "tantivy,fts5"  # whoosh's build is the slow one: left to the real runs
    main(["--count", "40", "--work", str(tmp_path), "--engines", engines, "--rounds", "1",
          "--breakdown", "0"])
    out = capsys.readouterr().out
    for name in engines.split(","):
        assert f"{name} index: 40 docs" in out
        assert f"\n{name}: p50 " in out
    assert "tantivy-bare: p50 " in out and "load average" in out and "CPU per query" in out
    assert "ratio tantivy / tantivy-bare: p50 " in out
    assert "ratio fts5 / tantivy: p50 " in out


def test_disk_size_counts_hard_links_once(tmp_path: Path) -> None:
    from scripts.bench_engines import disk_size

    (tmp_path / "seg").write_bytes(b"x" * 1000)
    (tmp_path / "snap").mkdir()
    (tmp_path / "snap" / "seg").hardlink_to(tmp_path / "seg")
    (tmp_path / "other").write_bytes(b"y" * 10)
    assert disk_size(tmp_path) == 1010
