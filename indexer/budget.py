"""The search core's tunables and its time budget per search, shared by both engines.

``SearchSettings`` is passed in by the caller (the app factory and the CLI build it from their
settings); nothing here reads the environment. ``Deadline`` is the time budget of ONE search:
the search cores check it between their phases and inside their long loops, and degrade in a
fixed order rather than hang:

0. waiting for the engine (whoosh serialises the searches of a process): a search whose
   budget (or its own ``queue_wait_ms`` allowance, when set: the web app sets it, so a
   saturated server queues a while before it sheds) ran out before it started is refused with
   ``ServerBusyError`` (HTTP 503 with ``Retry-After``: the server is overloaded, shedding
   load rather than queueing forever);
1. parsing, building the engine query (wildcard expansion) and matching: past the budget the
   search is refused with ``SearchTimeoutError`` (HTTP 400 like any query the service cannot
   run, a Spanish message that says how to narrow it): without the matches there is nothing
   honest to show. whoosh checks between phases and inside its mask
   loops (each term of an OR, each word of a wildcard), so a runaway match stops near the
   budget; tantivy matches in one native call, so it checks before that call (after the
   wildcard expansion) and, the matches in hand, degrades after it;
2. the page of hits: ranked once matching is done (never cut: it is what the user asked for);
3. snippets: omitted past the budget (a Spanish warning says so);
4. facet counts: the facets not yet counted are marked incomplete (``facets_incomplete``);
5. the "¿quiso decir…?" suggestion: skipped past the budget.

A budget of 0 (or less) means no time limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from indexer.engine import QueryTooComplexError, SearchParams, SearchTimeoutError, ServerBusyError
from indexer.query import QueryLimits

SNIPPETS_SKIPPED = (
    "La búsqueda tardó más de lo previsto: se omitieron los fragmentos de texto de los "
    "resultados."
)
BUSY_MESSAGE = (
    "El buscador está muy ocupado en este momento y la búsqueda no pudo empezar a tiempo. "
    "Intente de nuevo en unos segundos."
)
BUSY_RETRY_AFTER_S = 5
FACETS_SKIPPED = (
    "La búsqueda tardó más de lo previsto: algunos conteos de filtros quedaron incompletos."
)


@dataclass(frozen=True)
class SearchSettings:
    """Tunables of the search core (the CLI/app pass them in)."""

    limits: QueryLimits = field(default_factory=QueryLimits)
    facet_limit: int = 30  # values shown per facet
    facet_budget_ms: float = 250.0  # all facets together; past it, the rest are "incomplete"
    time_budget_ms: float = 2000.0  # one whole search (see the module docstring); 0: none
    # how long a search may wait for its turn (whoosh serialises a process's searches) before
    # it is shed with 503; None: the wait counts against time_budget_ms (its budget then starts
    # on arrival); a number: the wait has its own allowance and the budget starts with the turn
    # (0: wait without limit)
    queue_wait_ms: float | None = None
    suggest_below: int = 3  # suggest a correction when fewer hits than this
    suggest_wait_s: float = 2.0  # how long a search waits for the suggester's first build
    snippet_chars: int = 240
    filter_cache: int = 64
    term_cache: int = 256  # term masks kept per generation (one byte per document each)

    def deadline(self) -> Deadline:
        """A deadline starting now, for one search."""
        return Deadline(self.time_budget_ms)


class Deadline:
    """The time budget of one search, measured on a monotonic clock from its creation."""

    __slots__ = ("_end", "budget_ms", "started")

    def __init__(self, budget_ms: float, clock_start: float | None = None) -> None:
        self.budget_ms = float(budget_ms)
        self.started = time.perf_counter() if clock_start is None else clock_start
        self._end = self.started + self.budget_ms / 1000 if self.budget_ms > 0 else float("inf")

    def remaining(self) -> float:
        """Seconds left (``inf`` without a budget; negative once past it)."""
        return self._end - time.perf_counter()

    def expired(self) -> bool:
        return time.perf_counter() > self._end

    def check(self) -> None:
        """Refuse the search (``SearchTimeoutError``) when the budget is spent: for the phases
        that cannot degrade (parsing, expansion, matching)."""
        if self.expired():
            raise SearchTimeoutError(timeout_message(self.budget_ms))

    def check_started(self) -> None:
        """Refuse a search that spent its budget waiting to start (``ServerBusyError``)."""
        if self.expired():
            raise ServerBusyError(BUSY_MESSAGE)

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000


NO_DEADLINE = Deadline(0)


def timeout_message(budget_ms: float) -> str:
    """The Spanish refusal of a search that could not be matched within its budget."""
    seconds = f"{budget_ms / 1000:.1f}".rstrip("0").rstrip(".")
    return (
        f"La búsqueda tardó demasiado (más de {seconds} s) y se detuvo. Pruebe con menos "
        "términos, sin comodines (*) o con filtros (organismo, año) que la acoten."
    )


def check_expansions(expansions: int, limits: QueryLimits) -> None:
    """Refuse a query whose wildcards together expand to more index words than the limit
    (each one is already capped at ``max_expansions``): matching cost grows with every word."""
    if expansions > limits.max_total_expansions:
        raise QueryTooComplexError(
            f"Los comodines (*) de la consulta abarcan demasiadas palabras del índice "
            f"({expansions}; máximo {limits.max_total_expansions}). Use menos comodines o "
            "prefijos más largos (por ejemplo, «reserv*» en lugar de «res*»)."
        )


HEAVY_LEAVES = 8  # more query terms than this
HEAVY_WINDOW = 1000  # page × page size past this: ranking reaches deep into the matches
HEAVY_PAGE_SIZE = 50


def heavy_query(node: Any, params: SearchParams) -> bool:
    """Whether a search is of the costly kind (wildcards, many terms, deep or large pages),
    for engines that serialise searches: those run in a lane of their own, so one client's
    runaway queries do not queue everyone else's (``indexer.whoosh_lanes``)."""
    from indexer.query import Prefix, leaves

    if params.page_size > HEAVY_PAGE_SIZE or params.page * params.page_size > HEAVY_WINDOW:
        return True
    for count, leaf in enumerate(leaves(node), start=1):
        if isinstance(leaf, Prefix) or count > HEAVY_LEAVES:
            return True
    return False
