"""The engine interface: the one way the search core, the CLI and the web app reach an index.

whoosh is the embedded default; a tantivy engine (regional scale) implements the same
``Engine`` protocol. Nothing outside ``indexer/`` imports an engine library.

``SearchParams`` is validated input (built from a request or the CLI), ``SearchResult`` is what
both the HTML page and the JSON API render.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from corpus.records import DocumentRecord

SORTS: tuple[str, ...] = ("relevance", "date", "date_asc")


class QueryError(ValueError):
    """A query that cannot be run. ``message`` is Spanish, for the user; ``suggestion`` is a
    corrected query when one can be offered."""

    kind = "consulta_invalida"

    def __init__(self, message: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


class QuerySyntaxError(QueryError):
    kind = "sintaxis"


class QueryTooComplexError(QueryError):
    """Too long, too many terms, too deep, too many wildcard expansions."""

    kind = "demasiado_compleja"


class InvalidFilterError(QueryError):
    kind = "filtro_invalido"


class SearchTimeoutError(QueryError):
    """Matching did not finish within the search's time budget (``indexer.budget``): a query
    too costly to answer, refused with 400 like the other ``QueryError``."""

    kind = "tiempo_agotado"
    status = 400


class ServerBusyError(SearchTimeoutError):
    """The budget ran out before the search could even start (it waited behind others): the
    server is overloaded, not the query at fault; the app answers 503 with ``Retry-After``."""

    kind = "ocupado"
    status = 503


class IndexLockedError(RuntimeError):
    """Another writer holds the index. The message (Spanish) says what to do."""


class IndexMissingError(RuntimeError):
    """No index at the given directory."""


@dataclass(frozen=True)
class SearchParams:
    """A validated search request.

    ``filters``: (field, value) pairs; values of one field are OR-ed, fields are AND-ed.
    ``date_from``/``date_to``: ISO dates, inclusive. ``page`` is 1-based.
    """

    q: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    with_facets: bool = True
    with_snippets: bool = True

    def selected(self, field_name: str) -> list[str]:
        return [v for f, v in self.filters if f == field_name]


@dataclass
class Hit:
    id: str
    title: str
    doc_type: str
    garante: str | None
    state: str | None
    expediente: str | None
    date: str | None
    sentido: list[str]
    topics: list[str]
    sujeto_obligado: str | None
    ponente: str | None
    source_path: str | None
    score: float
    snippet: str = ""  # HTML: text escaped, matches in <mark>
    is_sample: bool = False
    number: str | None = None
    vigencia: str | None = None


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool = False


@dataclass
class SearchResult:
    params: SearchParams
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None  # "¿Quisiste decir …?" (a whole corrected query)
    warnings: list[str] = field(default_factory=list)  # Spanish, e.g. a capped wildcard
    facets_incomplete: list[str] = field(default_factory=list)  # facets that ran out of time
    elapsed_ms: float = 0.0

    @property
    def pages(self) -> int:
        size = max(1, self.params.page_size)
        return max(1, (self.total + size - 1) // size)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["pages"] = self.pages
        return data


@dataclass
class IndexReport:
    """What an update did."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)


class SearchCoreDelegate:
    """The read-side methods an engine hands to its search core (``search_core()``)."""

    def search_core(self) -> Any:
        raise NotImplementedError

    def configure(self, settings: Any) -> None:
        """Give the search core its tunables and limits (an ``indexer.budget.SearchSettings``,
        built by the app or the CLI from their settings) in place of the defaults."""
        self.search_core().settings = settings

    def search(self, params: SearchParams) -> SearchResult:
        result: SearchResult = self.search_core().search(params)
        return result

    def vocabulary(self, field_name: str, prefix: str = "") -> Iterator[tuple[str, int]]:
        terms: Iterator[tuple[str, int]] = self.search_core().vocabulary(field_name, prefix)
        return terms

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]:
        hits: list[Hit] = self.search_core().similar(doc_id, limit)
        return hits

    def cited_by(self, doc_id: str, limit: int = 50) -> list[Hit]:
        hits: list[Hit] = self.search_core().cited_by(doc_id, limit)
        return hits


class Engine(Protocol):
    """An open index. Readers are safe to share across threads; one writer at a time."""

    name: str

    @property
    def generation(self) -> int:
        """A number that changes whenever the committed index changes (caches key on it)."""
        ...

    def update(self, records: Iterable[DocumentRecord], *, prune: bool = False) -> IndexReport:
        """Add new records, replace those whose ``source_sha256`` changed, skip the unchanged;
        with ``prune``, delete documents not in ``records``. Commits durably."""
        ...

    def delete(self, ids: Iterable[str]) -> int: ...

    def search(self, params: SearchParams) -> SearchResult:
        """Raise ``QueryError`` (Spanish message) for a query that cannot be run."""
        ...

    def get(self, doc_id: str) -> DocumentRecord | None: ...

    def iter_records(self) -> Iterator[DocumentRecord]: ...

    def doc_count(self) -> int: ...

    def vocabulary(self, field_name: str, prefix: str = "") -> Iterator[tuple[str, int]]:
        """(term, document frequency) pairs of an indexed field, for suggestions."""
        ...

    def similar(self, doc_id: str, limit: int = 5) -> list[Hit]: ...

    def cited_by(self, doc_id: str, limit: int = 50) -> list[Hit]:
        """Documents that cite this document's expediente or criterion number."""
        ...

    def close(self) -> None: ...
