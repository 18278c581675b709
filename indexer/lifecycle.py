"""Index lifecycle: durable commits, the last good state, and recovery.

whoosh commits by writing segment files, then renaming a new TOC file (``_MAIN_<gen>.toc``),
and never calls fsync; right after, it deletes every file the new TOC does not name. Here:

* ``indexer.whoosh_writer.DurableSegmentWriter`` fsyncs the new segment files *before* the TOC is written,
  then the TOC and the directory, and keeps the previous generation's files (its TOC and
  segments) when it cleans up, so there is always an older good state to fall back to.
* the manifest (``manifest.json``, written atomically and fsynced after each verified commit)
  names the last good generation and the sizes of its files, and the previous one. Readers
  open the generation the manifest names, never merely the newest TOC, so a commit is visible
  only once it is durable and verified.
* :func:`resolve_generation` picks the generation to open: the last good one when its files are
  all there with the recorded sizes and its TOC reads, else the previous one.
* :func:`discard_unverified` (under the write lock) removes TOCs newer than the generation
  being written on: a commit interrupted before its manifest update, or a corrupt one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

INDEX_NAME = "MAIN"
MANIFEST_NAME = "manifest.json"
MANIFEST_BACKUP = "manifest.bak.json"  # the same content, written first: a damaged manifest
RECOVERED_KEY = "_recovered"  # set on a manifest read from the backup (never written)
MANIFEST_FORMAT = 1
_TOC_RE = re.compile(rf"^_{INDEX_NAME}_([0-9]+)\.toc$")
_TOC_TEMP_RE = re.compile(rf"^_{INDEX_NAME}_[0-9]+\.toc\..+$")
_SEGMENT_RE = re.compile(rf"^{INDEX_NAME}_([0-9a-z]+)\.")


class IndexCorruptError(RuntimeError):
    """No generation of the index passes verification. The message is Spanish."""


# -- fsync helpers ---------------------------------------------------------------------------


def fsync_path(path: Path) -> None:
    """fsync a file or a directory."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_json_durably(path: Path, data: dict[str, Any]) -> None:
    """Write JSON to ``path`` atomically (temp file, fsync, rename, fsync the directory)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_path(path.parent)


# -- manifest --------------------------------------------------------------------------------


def _load_json_object(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("no es un objeto JSON")
    return data


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The index's manifest; None when there is no index. A damaged manifest is read from its
    backup (``RECOVERED_KEY`` then says why, and the engines warn); with both damaged this
    raises ``IndexCorruptError``. A missing manifest beside a whole backup is a write
    interrupted between the two (the backup goes first): the backup is the manifest."""
    path = Path(index_dir) / MANIFEST_NAME
    backup = path.with_name(MANIFEST_BACKUP)
    try:
        return _load_json_object(path)
    except FileNotFoundError:
        if not backup.exists():
            return None
        try:
            return _load_json_object(backup)
        except (OSError, ValueError) as exc:
            problem: Exception = exc
    except (OSError, ValueError) as exc:
        problem = exc
    try:
        data = _load_json_object(backup)
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"El manifiesto del índice ({path}) no se puede leer ({problem}) y su copia "
            f"tampoco ({exc}). Reconstruya el índice con «precedentes index … --index DIR»."
        ) from exc
    data[RECOVERED_KEY] = (
        f"El manifiesto del índice ({path.name}) no se puede leer "
        f"({problem.__class__.__name__}); se usó su copia ({MANIFEST_BACKUP}). La próxima "
        "actualización lo reescribe."
    )
    return data


def write_manifest(index_dir: Path, data: dict[str, Any]) -> None:
    """Write the manifest durably, its backup first (so one of the two is always whole)."""
    data = {k: v for k, v in data.items() if not k.startswith("_")}
    data = {**data, "format": MANIFEST_FORMAT, "updated": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    write_json_durably(Path(index_dir) / MANIFEST_BACKUP, data)
    write_json_durably(Path(index_dir) / MANIFEST_NAME, data)


# -- generations -----------------------------------------------------------------------------


def toc_name(generation: int) -> str:
    return f"_{INDEX_NAME}_{generation}.toc"


def toc_generations(index_dir: Path) -> list[int]:
    """Generations with a TOC file on disk, newest first."""
    gens = []
    for name in os.listdir(index_dir):
        m = _TOC_RE.match(name)
        if m:
            gens.append(int(m.group(1)))
    return sorted(gens, reverse=True)


class _ClosingStorage(FileStorage):
    """A FileStorage that remembers the files it opened, so they can be closed even when
    whoosh raises half-way through reading a damaged TOC (it does not close them then)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.opened: list[Any] = []

    def open_file(self, name: str, **kwargs: Any) -> Any:
        f = super().open_file(name, **kwargs)
        self.opened.append(f)
        return f

    def close_opened(self) -> None:
        for f in self.opened:
            if not f.is_closed:
                f.close()
        self.opened.clear()


def segment_ids(index_dir: Path, generation: int) -> set[str]:
    """The segment ids a generation's TOC names (raises when the TOC cannot be read)."""
    storage = _ClosingStorage(str(index_dir))
    try:
        toc = TOC.read(storage, INDEX_NAME, gen=generation)
    finally:
        storage.close_opened()
    return {s.segment_id() for s in toc.segments}


def segment_files(index_dir: Path, ids: set[str]) -> list[str]:
    out = []
    for name in os.listdir(index_dir):
        m = _SEGMENT_RE.match(name)
        if m and f"{INDEX_NAME}_{m.group(1)}" in ids:
            out.append(name)
    return sorted(out)


def generation_state(index_dir: Path, generation: int) -> dict[str, Any]:
    """{generation, files: {name: size}}: what the manifest records about a generation."""
    index_dir = Path(index_dir)
    names = [toc_name(generation), *segment_files(index_dir, segment_ids(index_dir, generation))]
    return {
        "generation": generation,
        "files": {n: (index_dir / n).stat().st_size for n in names},
    }


def check_generation(index_dir: Path, state: dict[str, Any] | None) -> str | None:
    """Why a recorded generation cannot be used (Spanish), or None when it looks intact:
    every file present with its recorded size, and its TOC readable."""
    if not state:
        return "no hay registro de ese estado"
    index_dir = Path(index_dir)
    files: dict[str, int] = state.get("files") or {}
    for name, size in files.items():
        path = index_dir / name
        if not path.exists():
            return f"falta el archivo {name}"
        actual = path.stat().st_size
        if actual != size:
            return f"el archivo {name} mide {actual} bytes y debía medir {size}"
    gen = int(state["generation"])
    try:
        ids = segment_ids(index_dir, gen)
    except Exception as exc:  # whoosh raises many kinds on a damaged TOC
        return f"la tabla de contenido de la generación {gen} está dañada ({exc.__class__.__name__})"
    present = {f"{INDEX_NAME}_{m.group(1)}" for n in files if (m := _SEGMENT_RE.match(n))}
    missing = ids - present
    if missing:
        return f"faltan segmentos: {', '.join(sorted(missing))}"
    return None


@dataclass(frozen=True)
class Resolved:
    """The generation to open, and what was wrong with the newer one (Spanish), if anything."""

    generation: int
    fell_back: bool = False
    warning: str | None = None


def resolve_generation(index_dir: Path, manifest: dict[str, Any]) -> Resolved:
    """The newest good generation the manifest names: the last good one, else the previous."""
    last = manifest.get("last_good")
    problem = check_generation(index_dir, last)
    if problem is None and last is not None:
        return Resolved(int(last["generation"]), warning=manifest.get(RECOVERED_KEY))
    previous = manifest.get("previous")
    if previous and check_generation(index_dir, previous) is None:
        gen = int(previous["generation"])
        return Resolved(
            gen,
            fell_back=True,
            warning=(
                f"El último estado del índice no es válido ({problem}); "
                f"se abrió el estado anterior (generación {gen})."
            ),
        )
    raise IndexCorruptError(
        f"El índice en {index_dir} está dañado ({problem}) y no queda un estado anterior "
        "válido. Reconstrúyalo con «precedentes index ARCHIVOS… --index DIR»."
    )


def discard_unverified(index_dir: Path, base_generation: int) -> list[str]:
    """Remove TOCs newer than ``base_generation`` and leftover temporary files (call under the
    write lock). Their segments go at the next commit's clean-up. Returns the names removed."""
    index_dir = Path(index_dir)
    removed = []
    for name in os.listdir(index_dir):
        m = _TOC_RE.match(name)
        if (m and int(m.group(1)) > base_generation) or _TOC_TEMP_RE.match(name):
            (index_dir / name).unlink(missing_ok=True)
            removed.append(name)
    tmp = index_dir / f"{INDEX_NAME}.tmp"
    if tmp.is_dir():
        shutil.rmtree(tmp, ignore_errors=True)
        removed.append(tmp.name)
    if removed:
        fsync_path(index_dir)
    return removed


def clean_files(index_dir: Path, keep_generations: set[int], keep_segments: set[str]) -> None:
    """Delete TOCs and segment files that belong to none of the kept generations."""
    index_dir = Path(index_dir)
    for name in os.listdir(index_dir):
        m = _TOC_RE.match(name)
        s = _SEGMENT_RE.match(name)
        if m and int(m.group(1)) not in keep_generations:
            (index_dir / name).unlink(missing_ok=True)
        elif s and f"{INDEX_NAME}_{s.group(1)}" not in keep_segments:
            with contextlib.suppress(OSError):  # still open elsewhere: removed next time
                (index_dir / name).unlink()


# -- verification (precedentes index --check) ------------------------------------------------


@dataclass
class CheckResult:
    """What ``check_index`` found: ``problems`` empty means the index is good."""

    lines: list[str]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_index(index_dir: Path) -> CheckResult:
    """Verify an index: manifest, every referenced file, that it opens, that every stored
    record reads back, and the counts against the manifest. Messages are Spanish."""
    from indexer import open_engine  # late: indexer/__init__ imports this module lazily

    index_dir = Path(index_dir)
    lines: list[str] = [f"Índice: {index_dir}"]
    problems: list[str] = []
    try:
        manifest = read_manifest(index_dir)
    except IndexCorruptError as exc:
        return CheckResult(lines, [str(exc)])
    if manifest is None:
        return CheckResult(lines, [f"No hay un índice (falta {MANIFEST_NAME})."])
    lines.append(
        f"Motor: {manifest.get('engine')}; esquema versión {manifest.get('schema_version')}; "
        f"documentos según el manifiesto: {manifest.get('doc_count')}"
    )
    last = manifest.get("last_good") or {}
    problem = check_generation(index_dir, last)
    if problem:
        problems.append(f"Último estado (generación {last.get('generation')}): {problem}.")
    else:
        lines.append(
            f"Último estado: generación {last.get('generation')}, "
            f"{len(last.get('files') or {})} archivos presentes con el tamaño registrado."
        )
    try:
        engine: Any = open_engine(index_dir)
    except Exception as exc:
        problems.append(f"El índice no abre: {exc}")
        return CheckResult(lines, problems)
    try:
        problems.extend(engine.warnings)
        _check_contents(engine, manifest if not engine.warnings else None, lines, problems)
    finally:
        engine.close()
    return CheckResult(lines, problems)


def _check_contents(
    engine: Any, manifest: dict[str, Any] | None, lines: list[str], problems: list[str]
) -> None:
    """Read every stored record and every term back; compare counts with the manifest."""
    try:
        count = engine.doc_count()
        ids: set[str] = set()
        read = 0
        for record in engine.iter_records():
            ids.add(record.id)
            read += 1
        searcher = engine.searcher()
        for stored in searcher.all_stored_fields():
            if stored.get("id") not in ids:
                problems.append(f"El documento {stored.get('id')!r} no tiene registro completo.")
                break
        terms = sum(1 for _ in searcher.reader().all_terms())
    except Exception as exc:  # any read error means damaged files
        problems.append(f"Error al leer el contenido: {exc.__class__.__name__}: {exc}")
        return
    lines.append(f"Documentos: {count}; registros leídos: {read}; términos: {terms}")
    if read != count:
        problems.append(f"Se leyeron {read} registros, pero el índice dice tener {count}.")
    if len(ids) != read:
        problems.append(f"Hay identificadores repetidos: {read - len(ids)}.")
    if manifest is not None and manifest.get("doc_count") != count:
        problems.append(
            f"El manifiesto registra {manifest.get('doc_count')} documentos y el índice tiene {count}."
        )
