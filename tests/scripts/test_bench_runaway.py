"""bench_runaway's pure parts: the runaway requests stay within the limits they claim to
reach, and the percentile used for p99."""

from __future__ import annotations

import urllib.parse

import pytest

from indexer.params import ParamLimits, params_from_args
from indexer.query import Prefix, leaves, parse_query
from scripts.bench_runaway import PREFIXES, _runaway_paths, percentile, wildcards


@pytest.mark.parametrize(("values", "p", "expected"), [
    ([5.0, 1.0, 3.0], 0.5, 3.0),
    ([float(i) for i in range(1, 101)], 0.99, 100.0),
    ([float(i) for i in range(1, 1001)], 0.99, 991.0),
    ([7.0], 0.99, 7.0),
])
def test_percentile(values: list[float], p: float, expected: float) -> None:
    assert percentile(values, p) == expected


def test_percentile_of_nothing_is_nan() -> None:
    assert percentile([], 0.99) != percentile([], 0.99)


@pytest.mark.parametrize("terms", [1, 21, 64])
def test_wildcards_are_that_many_prefixes(terms: int) -> None:
    node = parse_query(wildcards(terms)).node
    found = list(leaves(node))
    assert len(found) == min(terms, len(PREFIXES)) and all(isinstance(n, Prefix) for n in found)


@pytest.mark.parametrize(("max_page", "matches"), [(500, 10_000), (500, 3000), (3, 50)])
def test_runaway_requests_are_within_the_default_limits(max_page: int, matches: int) -> None:
    limits = ParamLimits(max_page=max_page)
    for path in _runaway_paths(21, max_page, matches):
        query = urllib.parse.urlsplit(path).query
        args = {k: v[-1] for k, v in urllib.parse.parse_qs(query).items()}
        params = params_from_args(args, limits)  # raises if a limit is passed
        assert (params.page - 1) * params.page_size < max(matches, 1)  # never an empty page
