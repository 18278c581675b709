"""The last good state of a tantivy index, and the fall-back to it.

tantivy commits durably (segments fsynced, ``meta.json`` replaced atomically), but then
garbage-collects every file the new ``meta.json`` does not name, so an older state cannot be
reopened; and a damaged ``meta.json`` or segment file makes the whole index unreadable. Here:

* after each recorded commit, :func:`snapshot` hard-links the files of the committed state
  into ``INDEX_DIR/snapshots/<opstamp>-<hash>/`` with a real copy of its ``meta.json``
  (segment files are immutable, so links cost no space and survive tantivy's clean-up); the
  manifest names it as ``last_good`` and the one before as ``previous``; older ones go;
* :func:`open_index` opens the live directory when it reads, else the newest snapshot that
  does (the last good state, else the previous one), with a Spanish warning;
* :func:`restore` (under tantivy's writer lock) puts a snapshot back into the live directory
  before a writer starts, so the next update repairs the index.

A file damaged in place is damaged in every link to it: like whoosh's generations, the
fall-back covers a damaged ``meta.json`` and the files new in the last commit.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import tantivy

from indexer import lifecycle
from indexer.engine import IndexLockedError

DATA_DIR = "tantivy"  # as indexer.tantivy_schema.DATA_DIR (not imported: no analysis load)
SNAPSHOT_DIR = "snapshots"
META = "meta.json"
MANAGED = ".managed.json"
WRITER_LOCK = ".tantivy-writer.lock"


def segment_files(data_dir: Path, meta: dict[str, Any]) -> list[str]:
    """The files of the segments ``meta`` names (each segment's delete file only at the
    opstamp ``meta`` records)."""
    prefixes, deletes = [], set()
    for seg in meta.get("segments") or []:
        uuid = str(seg["segment_id"]).replace("-", "")
        prefixes.append(uuid)
        if seg.get("deletes"):
            deletes.add(f"{uuid}.{seg['deletes']['opstamp']}.del")
    names = []
    for name in os.listdir(data_dir):
        if name.endswith(".del"):
            if name in deletes:
                names.append(name)
        elif any(name.startswith(p + ".") for p in prefixes):
            names.append(name)
    return sorted(names)


def _read_meta(data_dir: Path) -> tuple[bytes, dict[str, Any]]:
    raw = (data_dir / META).read_bytes()
    meta = json.loads(raw)
    if not isinstance(meta, dict):
        raise ValueError("meta.json no es un objeto")
    return raw, meta


def snapshot(index_dir: Path) -> dict[str, Any]:
    """Link the live committed state into a snapshot; returns its manifest record
    {snapshot, opstamp, files: {name: size}}. Retried when a merge moves ``meta.json`` on."""
    index_dir = Path(index_dir)
    data, snaps = index_dir / DATA_DIR, index_dir / SNAPSHOT_DIR
    snaps.mkdir(exist_ok=True)
    for attempt in range(5):
        raw, meta = _read_meta(data)
        name = f"{meta.get('opstamp', 0)}-{hashlib.sha256(raw).hexdigest()[:16]}"
        target = snaps / name
        files = segment_files(data, meta)
        if not target.is_dir():
            tmp = snaps / f".{name}.tmp"
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            try:
                for f in files:
                    os.link(data / f, tmp / f)
            except FileNotFoundError:  # merged away meanwhile: take the newer state
                shutil.rmtree(tmp, ignore_errors=True)
                if attempt == 4:
                    raise
                continue
            with open(tmp / META, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            lifecycle.fsync_path(tmp)
            os.replace(tmp, target)
            lifecycle.fsync_path(snaps)
        return {
            "snapshot": name,
            "opstamp": int(meta.get("opstamp", 0)),
            "files": {f: (target / f).stat().st_size for f in files},
        }
    raise RuntimeError("unreachable")


def prune_snapshots(index_dir: Path, keep: set[str]) -> None:
    """Remove snapshots (and interrupted ones) other than ``keep``."""
    snaps = Path(index_dir) / SNAPSHOT_DIR
    if not snaps.is_dir():
        return
    for entry in os.listdir(snaps):
        if entry not in keep:
            shutil.rmtree(snaps / entry, ignore_errors=True)


def record_commit(index_dir: Path, manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest after a commit: this state as ``last_good``, the one before as
    ``previous`` (older snapshots are removed)."""
    state = snapshot(index_dir)
    old = manifest.get("last_good")
    previous = old if old and old.get("snapshot") != state["snapshot"] else manifest.get("previous")
    prune_snapshots(index_dir, {state["snapshot"], *([previous["snapshot"]] if previous else [])})
    return {**manifest, "last_good": state, "previous": previous}


def state_problem(directory: Path, state: dict[str, Any] | None) -> str | None:
    """Why the tantivy files in ``directory`` cannot be opened (Spanish), or None: meta.json
    must parse, name files that exist, with the size ``state`` records for them, and the
    index must open with every segment."""
    try:
        _, meta = _read_meta(directory)
    except FileNotFoundError:
        return "falta meta.json"
    except (OSError, ValueError) as exc:
        return f"meta.json está dañado ({exc.__class__.__name__})"
    recorded: dict[str, int] = (state or {}).get("files") or {}
    try:
        names = segment_files(directory, meta)
        expected = {str(s["segment_id"]).replace("-", "") for s in meta.get("segments") or []}
    except (KeyError, TypeError, AttributeError):
        return "meta.json está dañado (estructura inesperada)"
    present = {n.split(".")[0] for n in names}
    if expected - present:
        return f"faltan los archivos del segmento {sorted(expected - present)[0]}"
    for n in names:
        if n in recorded and (directory / n).stat().st_size != recorded[n]:
            return f"el archivo {n} no tiene el tamaño registrado"
    try:
        tantivy.Index.open(str(directory)).searcher()
    except (ValueError, OSError) as exc:
        return f"tantivy no lo abre ({str(exc)[:120]})"
    return None


def open_index(index_dir: Path, manifest: dict[str, Any]) -> tuple[tantivy.Index, Path, list[str]]:
    """(index, the directory it reads, warnings): the live directory when it opens, else the
    last good snapshot, else the previous one. Raises ``IndexCorruptError`` when none opens."""
    index_dir = Path(index_dir)
    data = index_dir / DATA_DIR
    last = manifest.get("last_good")
    problem = state_problem(data, last)
    if problem is None:
        recovered = manifest.get(lifecycle.RECOVERED_KEY)
        return tantivy.Index.open(str(data)), data, [recovered] if recovered else []
    for label, state in (("último estado bueno", last), ("estado anterior", manifest.get("previous"))):
        if not state:
            continue
        snap = index_dir / SNAPSHOT_DIR / str(state["snapshot"])
        if state_problem(snap, state) is None:
            warning = (f"El estado más reciente del índice no es válido ({problem}); se abrió el "
                       f"{label} (confirmación {state['opstamp']}). Vuelva a ejecutar "
                       "«precedentes index … --index DIR» para repararlo.")
            return tantivy.Index.open(str(snap)), snap, [warning]
    raise lifecycle.IndexCorruptError(
        f"El índice en {index_dir} está dañado ({problem}) y no queda un estado anterior "
        "válido. Reconstrúyalo con «precedentes index ARCHIVOS… --index DIR --engine tantivy»."
    )


@contextlib.contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """tantivy's writer lock (an flock on ``.tantivy-writer.lock``, as tantivy takes it)."""
    path = Path(index_dir) / DATA_DIR / WRITER_LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexLockedError(
                f"El índice {index_dir} está bloqueado: otro proceso lo está actualizando. "
                "Espere a que termine y vuelva a intentarlo."
            ) from exc
        yield
    finally:
        os.close(fd)  # releases the flock


def restore(index_dir: Path, snapshot_dir: Path) -> None:
    """Put a snapshot back into the live directory (files linked back, meta.json copied,
    both fsynced), under the writer lock. Files of the damaged state stay until tantivy's
    next garbage collection removes them."""
    data = Path(index_dir) / DATA_DIR
    with writer_lock(index_dir):
        names = [n for n in os.listdir(snapshot_dir) if n != META and not n.startswith(".")]
        for name in names:
            src, dst = snapshot_dir / name, data / name
            if dst.exists() and os.path.samefile(src, dst):
                continue
            tmp = data / f".{name}.restore"
            tmp.unlink(missing_ok=True)
            os.link(src, tmp)
            os.replace(tmp, dst)
        _add_managed(data, names)
        tmp_meta = data / f".{META}.restore"
        shutil.copyfile(snapshot_dir / META, tmp_meta)
        lifecycle.fsync_path(tmp_meta)
        os.replace(tmp_meta, data / META)
        lifecycle.fsync_path(data)


def _add_managed(data: Path, names: list[str]) -> None:
    """List restored files in tantivy's ``.managed.json``, so its clean-up removes them once
    no state needs them."""
    path = data / MANAGED
    try:
        managed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        managed = []
    if not isinstance(managed, list):
        managed = []
    merged = sorted(set(managed) | set(names))
    tmp = data / f".{MANAGED}.restore"
    tmp.write_text(json.dumps(merged), encoding="utf-8")
    lifecycle.fsync_path(tmp)
    os.replace(tmp, path)
