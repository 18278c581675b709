"""The guard: hostile queries are refused (or parsed safely) fast, never a RecursionError."""

from __future__ import annotations

import time

import pytest

from indexer.engine import QueryError, QueryTooComplexError
from indexer.query import QueryLimits, leaves, parse_query

ROOMY = QueryLimits(max_length=100_000)  # so that the depth and term limits are what trips

HOSTILE = [
    # (name, query, limits, expected error or None when it must parse)
    ("question-star", "?*", None, QueryError),
    ("infix wildcard", "*a*", None, QueryError),
    ("one-letter prefix", "a*", None, QueryTooComplexError),
    ("two-letter prefix", "ab*", None, QueryTooComplexError),
    ("990 nested parentheses", "(" * 990 + "a" + ")" * 990, ROOMY, QueryTooComplexError),
    ("2 KB of opening parentheses", "(" * 2048, ROOMY, QueryTooComplexError),
    ("2 KB of nesting, default limits", "(" * 1024 + ")" * 1024, None, QueryTooComplexError),
    ("huge OR list", " OR ".join(f"w{i}" for i in range(5000)), ROOMY, QueryTooComplexError),
    ("many words", " ".join(f"w{i}" for i in range(500)), ROOMY, QueryTooComplexError),
    ("10,000 NOTs", "a " + "NOT " * 10_000 + "b", ROOMY, QueryTooComplexError),
    ("10,000 minus signs", "a " + "-" * 10_000 + "b", ROOMY, None),
    ("NUL and control characters", "a\x00\x01\x02\x1b[31m b\x7f", None, None),
    ("field without value", "año:", None, QueryError),
    ("open range", "[a TO", None, None),
    ("too long", "x" * 5000, None, QueryTooComplexError),
    ("quote soup", '"' * 999, ROOMY, QueryError),
]


@pytest.mark.parametrize("name, text, limits, error", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_queries_are_answered_fast(
    name: str, text: str, limits: QueryLimits | None, error: type[QueryError] | None
) -> None:
    started = time.perf_counter()
    if error is None:
        parsed = parse_query(text, limits)
        assert all(
            not any(ord(c) < 32 for c in getattr(leaf, "text", "")) for leaf in leaves(parsed.node)
        )
    else:
        with pytest.raises(error) as info:
            parse_query(text, limits)
        assert info.value.message  # a Spanish sentence, not a stack trace
    assert time.perf_counter() - started < 1.0


def test_depth_limit_is_a_setting() -> None:
    nested = "(" * 5 + "a" + ")" * 5
    assert parse_query(nested, QueryLimits(max_depth=5)).node is not None
    with pytest.raises(QueryTooComplexError, match="anidados"):
        parse_query(nested, QueryLimits(max_depth=4))


def test_term_limit_is_a_setting() -> None:
    query = " ".join(f"w{i}" for i in range(10))
    parse_query(query, QueryLimits(max_terms=10))
    with pytest.raises(QueryTooComplexError, match="demasiados términos"):
        parse_query(query, QueryLimits(max_terms=9))


def test_prefix_length_is_a_setting() -> None:
    parse_query("abcd*", QueryLimits(min_prefix=4))
    with pytest.raises(QueryTooComplexError):
        parse_query("abc*", QueryLimits(min_prefix=4))
