"""Search state ↔ URL: every search is a permalink.

``request_params`` validates the request's query string into a ``SearchParams`` (through the
search core's ``params_from_args``); ``query_args`` is its inverse, and the toggle, page and
sort links are built from it, so the page, the API and the exports share one URL vocabulary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from indexer.engine import SearchParams, SearchResult
from indexer.fields import DOC_TYPE_LABELS, FACETS, SENTIDO_LABELS

DATE_FROM_KEY = "date_from"
DATE_TO_KEY = "date_to"


def request_params(args: Mapping[str, Any], *, page_size: int | None = None,
                   max_page_size: int = 100) -> SearchParams:
    """Validate raw request arguments against the app's limits (``search_app.limits``);
    raises ``InvalidFilterError`` (Spanish) when bad."""
    from indexer.params import params_from_args  # the search core owns validation
    from search_app.limits import current_limits

    limits = current_limits()
    params: SearchParams = params_from_args(args, limits.params,
                                            default_page_size=page_size or limits.page_size)
    if "page_size" not in args and page_size is not None:
        params = replace(params, page_size=page_size)
    if params.page_size > max_page_size:
        params = replace(params, page_size=max_page_size)
    return params


def query_args(params: SearchParams, *, page: bool = True) -> list[tuple[str, str]]:
    """The query-string pairs that reproduce ``params`` (defaults left out)."""
    pairs: list[tuple[str, str]] = []
    if params.q:
        pairs.append(("q", params.q))
    pairs.extend(params.filters)
    if params.date_from:
        pairs.append((DATE_FROM_KEY, params.date_from))
    if params.date_to:
        pairs.append((DATE_TO_KEY, params.date_to))
    if params.sort != "relevance":
        pairs.append(("sort", params.sort))
    if page and params.page > 1:
        pairs.append(("page", str(params.page)))
    return pairs


def href(path: str, pairs: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(pairs)}" if pairs else path


def with_filter_toggled(params: SearchParams, field_name: str, value: str) -> SearchParams:
    """``params`` with (field, value) added or removed, back on page 1."""
    pair = (field_name, value)
    if pair in params.filters:
        filters = tuple(f for f in params.filters if f != pair)
    else:
        filters = (*params.filters, pair)
    return replace(params, filters=filters, page=1)


def without_filters(params: SearchParams) -> SearchParams:
    return replace(params, filters=(), date_from=None, date_to=None, page=1)


def value_label(field_name: str, value: str) -> str:
    """A facet value as people read it."""
    if field_name == "doc_type":
        return DOC_TYPE_LABELS.get(value, value)
    if field_name == "sentido":
        return SENTIDO_LABELS.get(value, value)
    if field_name == "topics":
        return topic_label(value)
    if field_name == "vigencia":
        return {"vigente": "Vigente", "historico": "Histórico"}.get(value, value)
    return value


def topic_label(slug: str) -> str:
    """A topic slug as its Spanish label (the vocabulary of ``analyzers.topics``)."""
    try:
        from analyzers.topics import default_topics  # cached there; cheap (no spaCy)
    except ImportError:
        return slug
    label: str = default_topics().label(slug)
    if label == slug and "-" in slug:  # a slug the vocabulary does not know: still readable
        label = slug.replace("-", " ").capitalize()
    return label


@dataclass(frozen=True)
class FacetEntry:
    """One facet value, as both the page and the JSON render it (datasette's shape)."""

    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "label": self.label, "count": self.count,
                "selected": self.selected, "toggle_url": self.toggle_url}


@dataclass(frozen=True)
class FacetView:
    name: str
    label: str
    entries: tuple[FacetEntry, ...]
    incomplete: bool = False


def facet_views(result: SearchResult, path: str) -> list[FacetView]:
    """The result's facets in ``FACETS`` order, with toggle links; selected values always shown."""
    views: list[FacetView] = []
    params = result.params
    for ff in FACETS:
        values = list(result.facets.get(ff.name, []))
        if ff.name == "year":  # years read best in order, newest first
            values.sort(key=lambda v: v.value, reverse=True)
        present = {v.value for v in values}
        entries = [
            FacetEntry(v.value, value_label(ff.name, v.value), v.count,
                       v.selected or (ff.name, v.value) in params.filters,
                       href(path, query_args(with_filter_toggled(params, ff.name, v.value))))
            for v in values
        ]
        for value in params.selected(ff.name):
            if value not in present:
                entries.insert(0, FacetEntry(
                    value, value_label(ff.name, value), 0, True,
                    href(path, query_args(with_filter_toggled(params, ff.name, value)))))
        if entries:
            views.append(FacetView(ff.name, ff.label, tuple(entries),
                                   ff.name in result.facets_incomplete))
    return views


def page_links(params: SearchParams, pages: int, path: str, window: int = 2
               ) -> list[tuple[int, str]]:
    """(page number, url) for the pages around the current one, first and last included."""
    wanted = {1, pages, *range(params.page - window, params.page + window + 1)}
    return [(n, href(path, query_args(replace(params, page=n))))
            for n in sorted(wanted) if 1 <= n <= pages]


def sort_url(params: SearchParams, sort: str, path: str) -> str:
    return href(path, query_args(replace(params, sort=sort, page=1)))


def multidict(pairs: list[tuple[str, str]]) -> MultiDict[str, str]:
    return MultiDict(pairs)
