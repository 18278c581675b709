"""Damaged newest index state (``scripts/check_crash.py``): a two-commit index of each engine
is copied (hard links kept, as on disk), its newest state damaged, and then it must open the
last good state with a Spanish warning, ``--check`` must report it, and the next
``precedentes index`` must repair it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scripts.crash_jobs import Corpus, cli, run_quietly, versioned

# damage → which state must be served: "last" (the same, from a copy) or "previous"
DAMAGES: dict[str, dict[str, str]] = {
    "whoosh": {
        "TOC truncado": "previous",
        "TOC alterado": "previous",
        "segmento truncado": "previous",
        "segmento borrado": "previous",
        "manifiesto truncado": "last",
    },
    "tantivy": {
        "meta.json truncado": "last",
        "meta.json alterado": "last",
        "segmento truncado": "previous",
        "segmento borrado": "last",  # the snapshot still links it
        "manifiesto truncado": "last",
    },
}


def _garble(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[20:60] = b"\xff" * min(40, max(0, len(data) - 20))
    path.write_bytes(bytes(data))


def _newest_file(index_dir: Path, engine: str) -> Path:
    """The largest file the last good state has and the previous one has not."""
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    last, previous = manifest["last_good"]["files"], manifest["previous"]["files"]
    name = max((n for n in last if n not in previous and not n.endswith(".toc")),
               key=lambda n: last[n])
    return index_dir / ("tantivy" if engine == "tantivy" else ".") / name


def _damage(index_dir: Path, engine: str, what: str) -> None:
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    actions: dict[str, Callable[[], None]] = {
        "manifiesto truncado": lambda: os.truncate(index_dir / "manifest.json", 25),
        "segmento truncado": lambda: os.truncate(_newest_file(index_dir, engine), 10),
        "segmento borrado": lambda: _newest_file(index_dir, engine).unlink(),
    }
    if engine == "whoosh":
        toc = index_dir / f"_MAIN_{manifest['last_good']['generation']}.toc"
        actions["TOC truncado"] = lambda: os.truncate(toc, toc.stat().st_size // 2)
        actions["TOC alterado"] = lambda: _garble(toc)
    else:
        meta = index_dir / "tantivy" / "meta.json"
        actions["meta.json truncado"] = lambda: os.truncate(meta, meta.stat().st_size // 2)
        actions["meta.json alterado"] = lambda: _garble(meta)
    actions[what]()


def damage_checks(engine: str, corpus: Corpus, work: Path, *, batch: int) -> list[tuple[str, str, str]]:
    """(engine, damage, "ok: <the warning>" or what went wrong) for every damage of
    ``DAMAGES[engine]``."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    half = len(corpus.base) // 2
    first, full = work / "first.jsonl", work / "full.jsonl"
    for path, n in ((first, half), (full, len(corpus.base))):
        with open(path, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps(versioned(corpus.base, i, 1).to_dict(), ensure_ascii=False) + "\n")
    base = work / "base"
    for path in (first, full):  # one commit each: the previous state holds the first half
        done = run_quietly(cli("index", str(path), "--index", str(base), "--engine", engine,
                               "--no-topics", "--batch-size", "100000", "--sin-revision"))
        if done.returncode != 0:
            return [(engine, "construcción", f"index failed: {done.stderr[-300:]}")]
    expected = {"previous": {r.id for r in corpus.base[:half]}, "last": {r.id for r in corpus.base}}
    out = []
    for what, served in DAMAGES[engine].items():
        copy = work / what.replace(" ", "-")
        subprocess.run(["cp", "-a", str(base), str(copy)], check=True)
        try:
            _damage(copy, engine, what)
            outcome = _check_damaged(copy, expected[served], full)
        except Exception as exc:  # a crash of the check itself is a failure too
            outcome = f"{exc.__class__.__name__}: {exc}"
        out.append((engine, what, outcome))
        shutil.rmtree(copy, ignore_errors=True)
    return out


def _check_damaged(copy: Path, served: set[str], full_input: Path) -> str:
    """"ok: <the warning>", or what went wrong."""
    from indexer import open_engine

    engine: Any = open_engine(copy)
    try:
        warnings = list(engine.warnings)
        ids = {r.id for r in engine.iter_records()}
    finally:
        engine.close()
    if not warnings:
        return "opened with no warning"
    if ids != served:
        return f"served {len(ids)} documents, expected {len(served)}"
    check = run_quietly(cli("index", "--check", "--index", str(copy)))
    if check.returncode != 1 or "PROBLEMA" not in check.stdout:
        return f"--check did not report it (exit {check.returncode})"
    repair = run_quietly(cli("index", str(full_input), "--index", str(copy), "--no-topics",
                             "--sin-revision"))
    if repair.returncode != 0:
        return f"the repairing run failed: {repair.stderr[-300:]}"
    check = run_quietly(cli("index", "--check", "--index", str(copy)))
    if check.returncode != 0:
        return f"--check after the repair: {check.stdout[-300:]}"
    engine = open_engine(copy)
    try:
        if engine.warnings or {r.id for r in engine.iter_records()} != {
            json.loads(line)["id"] for line in full_input.read_text(encoding="utf-8").splitlines()
        }:
            return "the repaired index does not hold the whole input"
    finally:
        engine.close()
    return "ok: " + warnings[0][:90]
