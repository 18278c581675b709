"""The statistics of the Plenos (line 3.7 of the regional plan), computed from facet counts.

Each table is plain data (title, columns, rows), rendered as a chart on the page, as CSV for
download and as JSON in the API, so all three show the same numbers. The counts honour the
same filters as the search (``SearchParams``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from indexer.engine import Engine, SearchParams, SearchResult

TABLE_KEYS: tuple[str, ...] = ("por_organismo_y_anio", "sentido_por_organismo", "temas",
                               "sujetos_obligados")
SCAN_BATCH = 500


@dataclass(frozen=True)
class StatsTable:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "columns": list(self.columns),
                "rows": [list(r) for r in self.rows], "note": self.note}


@dataclass(frozen=True)
class Stats:
    params: SearchParams
    total: int
    tables: tuple[StatsTable, ...]

    def table(self, key: str) -> StatsTable:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)


def _counts(engine: Engine, params: SearchParams) -> SearchResult:
    return engine.search(replace(params, page=1, page_size=1, with_facets=True,
                                 with_snippets=False, sort="relevance"))


def _facet(result: SearchResult, name: str) -> list[tuple[str, int]]:
    return [(v.value, v.count) for v in result.facets.get(name, []) if v.count > 0]


def _body_params(params: SearchParams, garante: str) -> SearchParams:
    filters = (*tuple(f for f in params.filters if f[0] != "garante"), ("garante", garante))
    if not params.selected("doc_type"):
        filters += (("doc_type", "resolucion"),)
    return replace(params, filters=filters)


def _top_sujetos(engine: Engine, params: SearchParams, cap: int, top: int
                 ) -> tuple[list[tuple[str, int]], int]:
    """Count sujetos obligados over the first ``cap`` matching documents."""
    counter: Counter[str] = Counter()
    seen = 0
    page = 1
    while seen < cap:
        size = min(SCAN_BATCH, cap - seen)
        result = engine.search(replace(params, page=page, page_size=size, with_facets=False,
                                       with_snippets=False, sort="relevance"))
        for hit in result.hits:
            if hit.sujeto_obligado:
                counter[hit.sujeto_obligado] += 1
        seen += len(result.hits)
        if len(result.hits) < size or seen >= result.total:
            break
        page += 1
    return counter.most_common(top), seen


def compute_stats(engine: Engine, params: SearchParams, *, top: int = 10,
                  scan_cap: int = 5000) -> Stats:
    """All statistics tables for the documents matching ``params``."""
    base = _counts(engine, params)
    bodies = [g for g, _ in _facet(base, "garante")]
    chosen = params.selected("garante")
    if chosen:
        bodies = [g for g in bodies if g in chosen] or list(chosen)
    per_year: list[tuple[Any, ...]] = []
    per_sentido: list[tuple[Any, ...]] = []
    for body in sorted(bodies):
        result = _counts(engine, _body_params(params, body))
        per_year += [(body, year, n) for year, n in sorted(_facet(result, "year"))]
        per_sentido += [(body, s, n) for s, n in _facet(result, "sentido")]
    topics = _facet(base, "topics")[:top]
    sujetos, scanned = _top_sujetos(engine, params, scan_cap, top)
    kind_note = ("" if params.selected("doc_type")
                 else "Sólo resoluciones (tipo de documento «resolución»).")
    sujetos_note = (f"Contados sobre los primeros {scanned} de {base.total} documentos."
                    if scanned < base.total else "")
    tables = (
        StatsTable("por_organismo_y_anio", "Resoluciones por organismo garante y año",
                   ("organismo", "anio", "resoluciones"), tuple(per_year), kind_note),
        StatsTable("sentido_por_organismo", "Sentido de las resoluciones por organismo garante",
                   ("organismo", "sentido", "resoluciones"), tuple(per_sentido), kind_note),
        StatsTable("temas", "Temas más frecuentes", ("tema", "documentos"), tuple(topics)),
        StatsTable("sujetos_obligados", "Sujetos obligados más frecuentes",
                   ("sujeto_obligado", "documentos"), tuple(sujetos), sujetos_note),
    )
    return Stats(params, base.total, tables)
