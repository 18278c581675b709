"""The index: one schema, the engines behind one interface, and the index lifecycle.

``open_engine`` is the one way in; nothing outside ``indexer/`` imports an engine library.
"""

from __future__ import annotations

from pathlib import Path

from indexer.engine import Engine, IndexMissingError

ENGINES: tuple[str, ...] = ("whoosh", "tantivy")
DEFAULT_ENGINE = "whoosh"


class EngineMismatchError(RuntimeError):
    """The index was built by another engine than the one asked for (Spanish message)."""


class IndexVersionError(RuntimeError):
    """The index was built with another schema version (Spanish message)."""


def open_engine(index_dir: str | Path, *, engine: str | None = None, create: bool = False) -> Engine:
    """Open the index in ``index_dir`` (``create``: make an empty one when there is none).

    The manifest in the directory records the engine; asking for a different one is an error.
    Raises ``IndexMissingError``, ``EngineMismatchError``, ``IndexVersionError`` or
    ``indexer.lifecycle.IndexCorruptError``, all with Spanish messages.
    """
    from indexer import lifecycle

    index_dir = Path(index_dir)
    if engine is not None and engine not in ENGINES:
        raise EngineMismatchError(
            f"Motor desconocido «{engine}»; los disponibles son: {', '.join(ENGINES)}."
        )
    manifest = lifecycle.read_manifest(index_dir) if index_dir.is_dir() else None
    if manifest is None:
        if not create:
            raise IndexMissingError(
                f"No hay un índice en {index_dir}. Créelo con "
                f"«precedentes index ARCHIVOS… --index {index_dir}»."
            )
        return _create(index_dir, engine or DEFAULT_ENGINE)
    recorded = manifest.get("engine", DEFAULT_ENGINE)
    if engine is not None and engine != recorded:
        raise EngineMismatchError(
            f"El índice en {index_dir} fue creado con el motor «{recorded}», no con «{engine}». "
            f"Ábralo con «{recorded}» o reconstrúyalo en otra carpeta."
        )
    return _open(index_dir, recorded, manifest)


def _open(index_dir: Path, engine: str, manifest: dict[str, object]) -> Engine:
    from indexer.schema import SCHEMA_VERSION, analysis_fingerprint

    if engine == "tantivy":
        from indexer.tantivy_engine import open_tantivy

        return open_tantivy(index_dir, manifest)
    if engine != "whoosh":
        raise EngineMismatchError(f"El motor «{engine}» no está disponible en esta versión.")
    version = manifest.get("schema_version")
    if version != SCHEMA_VERSION:
        raise IndexVersionError(
            f"El índice en {index_dir} usa el esquema versión {version} y este programa usa la "
            f"versión {SCHEMA_VERSION}. Reconstrúyalo en una carpeta nueva con "
            "«precedentes index ARCHIVOS… --index DIR»."
        )
    analysis = manifest.get("analysis")
    if analysis is not None and analysis != analysis_fingerprint():
        raise IndexVersionError(
            f"El índice en {index_dir} se construyó con otro análisis de texto (palabras "
            "vacías, raíces o normalización distintas) y sus búsquedas no serían fiables. "
            "Reconstrúyalo en una carpeta nueva con «precedentes index ARCHIVOS… --index DIR»."
        )
    from indexer.whoosh_engine import WhooshEngine

    return WhooshEngine(index_dir)


def _create(index_dir: Path, engine: str) -> Engine:
    if engine == "tantivy":
        from indexer.tantivy_engine import create_tantivy

        return create_tantivy(index_dir)
    if engine != "whoosh":
        raise EngineMismatchError(f"El motor «{engine}» no está disponible en esta versión.")
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    from indexer import lifecycle
    from indexer.schema import SCHEMA_VERSION, analysis_fingerprint, build_schema
    from indexer.whoosh_engine import ENGINE_NAME, WhooshEngine

    index_dir.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(index_dir))
    TOC.create(storage, build_schema(), lifecycle.INDEX_NAME)
    lifecycle.fsync_path(index_dir / lifecycle.toc_name(0))
    lifecycle.fsync_path(index_dir)
    lifecycle.write_manifest(
        index_dir,
        {
            "engine": ENGINE_NAME,
            "schema_version": SCHEMA_VERSION,
            "analysis": analysis_fingerprint(),
            "doc_count": 0,
            "sample_count": 0,
            "all_sample": False,
            "last_good": lifecycle.generation_state(index_dir, 0),
            "previous": None,
        },
    )
    return WhooshEngine(index_dir)
