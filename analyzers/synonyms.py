"""Legal abbreviations and synonyms (analyzers/data/synonyms.toml), applied at query time.

Query-time expansion (not index-time) keeps the index small and lets the data change without
reindexing. The query parser calls ``synonym_alternatives`` on the words of a query and ORs each
match's alternatives in; any engine can do the same, the data being engine-neutral.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analyzers.normalize import DATA_DIR, fold, stem, stopwords, tokenize

Key = tuple[str, ...]


@dataclass(frozen=True)
class SynonymMatch:
    """A span of the query's words that belongs to a synonym group.

    ``words[start:end]`` is the span (``end`` exclusive); ``alternatives`` are the group's
    other phrasings (every phrasing but the one typed, even when it stems alike: the exact and
    shingle fields need the other wording), each a tuple of exact words (folded, unstemmed, stopwords kept), ready to be
    analysed for whichever field the parser targets.
    """

    start: int
    end: int
    matched: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class SynonymTable:
    """Phrasings indexed by their key: the stems of their content words."""

    groups: tuple[tuple[tuple[str, ...], ...], ...]  # each group: its phrasings as exact words
    by_key: dict[Key, int]  # key → group index
    max_len: int


def _key(words: Sequence[str]) -> Key:
    stops = stopwords()
    return tuple(stem(w) for w in (fold(x) for x in words) if w not in stops)


def load_synonyms(
    path: Path | None = None, extra_groups: Sequence[Sequence[str]] = ()
) -> SynonymTable:
    """Read a synonyms TOML file (default: the packaged analyzers/data/synonyms.toml).

    ``extra_groups`` (the bodies' names and abbreviations, say) are merged in: a phrasing
    already in a group of the file joins the rest of its extra group to that group.
    """
    data = tomllib.loads((path or DATA_DIR / "synonyms.toml").read_text("utf-8"))
    groups: list[list[tuple[str, ...]]] = []
    by_key: dict[Key, int] = {}
    for i, entry in enumerate(data.get("group", [])):
        phrasings = [tuple(tokenize(term)) for term in entry["terms"]]
        for words in phrasings:
            key = _key(words)
            if not key:
                raise ValueError(f"synonyms group {i}: {words!r} has only stopwords")
            if key in by_key and by_key[key] != i:
                raise ValueError(f"synonyms group {i}: {' '.join(words)!r} is in another group")
            by_key[key] = i
        groups.append(phrasings)
    for extra in extra_groups:
        phrasings = [
            w
            for w in (tuple(tokenize(term)) for term in extra)
            if _key(w) and any(len(x) > 1 for x in w)  # not "I.V.A.I." → i v a i
        ]
        known = {by_key[_key(w)] for w in phrasings if _key(w) in by_key}
        if len(known) > 1:
            continue  # it would join two groups of the file: the file decides
        target = known.pop() if known else len(groups)
        if target == len(groups):
            groups.append([])
        for words in phrasings:
            if _key(words) not in by_key:
                by_key[_key(words)] = target
                groups[target].append(words)
    return SynonymTable(
        tuple(tuple(g) for g in groups), by_key, max((len(k) for k in by_key), default=0)
    )


@cache
def default_synonyms() -> SynonymTable:
    """The packaged synonyms plus each body's key, name and aliases (corpus/data/garantes.toml):
    "IVAI" ↔ "Instituto Veracruzano de Acceso a la Información y Protección de Datos
    Personales"."""
    from corpus.garantes import load_registry

    bodies = [[g.key, g.name, *g.aliases] for g in load_registry().garantes.values()]
    return load_synonyms(extra_groups=bodies)


def synonym_alternatives(
    words: Sequence[str], table: SynonymTable | None = None
) -> list[SynonymMatch]:
    """Synonym matches in the analysed words of a query or phrase, left to right.

    ``words``: the query's words as the exact chain gives them (``normalize.tokenize``:
    folded, unstemmed, stopwords kept); raw words work too (they are folded here). Words are
    compared by the stems of their content words, so "recursos de revisión", "recurso revision"
    and "RECURSO DE REVISIÓN" all match the group of "RR". The longest match wins and matches do
    not overlap; a span never starts or ends on a stopword.

    Returns one ``SynonymMatch`` per span; the parser replaces the span by
    ``(span OR alternative_1 OR ...)``, each multi-word alternative as a phrase.
    """
    table = table or default_synonyms()
    stops = stopwords()
    folded = [fold(w) for w in words]
    content = [i for i, w in enumerate(folded) if w not in stops]
    matches: list[SynonymMatch] = []
    c = 0
    while c < len(content):
        for n in range(min(table.max_len, len(content) - c), 0, -1):
            idx = content[c : c + n]
            key = tuple(stem(folded[i]) for i in idx)
            group = table.by_key.get(key)
            if group is None:
                continue
            start, end = idx[0], idx[-1] + 1
            span = tuple(folded[start:end])
            alternatives = tuple(p for p in table.groups[group] if p != span)
            matches.append(SynonymMatch(start, end, span, alternatives))
            c += n
            break
        else:
            c += 1
    return matches


def expand_phrase(
    words: Sequence[str], limit: int = 16, table: SynonymTable | None = None
) -> list[tuple[str, ...]]:
    """Whole rewritings of a phrase with its synonyms substituted (the phrase itself excluded),
    at most ``limit``: "recurso de revision ante el ut" → ("rr", "ante", "el", "ut"),
    ("recurso", ..., "unidad", "de", "transparencia"), ..."""
    folded = [fold(w) for w in words]
    matches = synonym_alternatives(folded, table)
    if not matches:
        return []
    choices = [((m.matched, *m.alternatives)) for m in matches]
    out: list[tuple[str, ...]] = []
    for combo in itertools.islice(itertools.product(*choices), 1, limit + 1):
        result: list[str] = []
        prev = 0
        for m, chosen in zip(matches, combo, strict=True):
            result.extend(folded[prev : m.start])
            result.extend(chosen)
            prev = m.end
        result.extend(folded[prev:])
        out.append(tuple(result))
    return out
