"""The whoosh schema: every indexed, stored and column field, declared once, here.

Field families (the search side reads the names from the constants below):

* ``id`` (unique, stored, column) and ``content_hash`` (column): identity and incremental updates.
* facet/filter fields (``FACET_NAMES`` + ``sujeto_obligado``, ``expediente``): indexed keyword
  terms normalised by :func:`facet_term` (lower case, accents folded), one term per value;
  beside each facet, a column ``fc_<name>`` holding the display value(s) of every document
  (multi-valued facets joined with ``VALUE_SEP``), cheap to load per document for facet counts.
* ``date`` (sortable datetime, for sort and ranges); ``year`` is a facet.
* text: ``text`` (stemmed), ``text_exact`` (unstemmed, accent-folded; no positions),
  ``text_shingle`` (word bigrams, answers phrases); ``title`` / ``title_exact`` (boosted);
  ``identifiers`` (expediente, criterion number, folio, cited articles); ``sujeto_text`` and
  ``ponente_text`` for ``sujeto:`` / ``ponente:`` words.
* citations: ``cites_criteria``, ``cites_expedientes`` (for cited-by), ``criteria`` (the
  document's own criterion key plus the ones it cites), ``articles`` (facet).
* ``record``: the whole ``DocumentRecord``, zlib-compressed JSON, in a column (``get()``).

The schema is pickled into the index, analyzers included: analyzers come from
``analyzers.spanish`` (module-level, picklable). ``SCHEMA_VERSION`` changes whenever a field
changes, and the manifest records ``analysis_fingerprint()``, so an index built with other
fields or other analysis is rebuilt rather than misread.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from whoosh import columns, formats
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StripFilter,
)
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from corpus.records import DocumentRecord
from indexer.fields import FACETS

SCHEMA_VERSION = 1
VALUE_SEP = "\x1f"  # joins the values of a multi-valued facet column and keyword field

ID_FIELD = "id"
HASH_COLUMN = "content_hash"
RECORD_COLUMN = "record"
DATE_FIELD = "date"
SAMPLE_FIELD = "sample"  # keyword "1" on sample documents (counted for the manifest)
TEXT_FIELD = "text"
TEXT_EXACT_FIELD = "text_exact"
TEXT_SHINGLE_FIELD = "text_shingle"
TITLE_FIELD = "title"
TITLE_EXACT_FIELD = "title_exact"
IDENTIFIERS_FIELD = "identifiers"
CITES_CRITERIA_FIELD = "cites_criteria"
CITES_EXPEDIENTES_FIELD = "cites_expedientes"
CRITERIA_FIELD = "criteria"
KEYWORD_FIELDS: tuple[str, ...] = (
    *(f.name for f in FACETS),
    "sujeto_obligado",
    "expediente",
    CITES_CRITERIA_FIELD,
    CITES_EXPEDIENTES_FIELD,
    CRITERIA_FIELD,
    SAMPLE_FIELD,
)
# One stored field holds what a hit shows (a small dict), so hits never decompress the record.
HIT_STORED = "hit"
HIT_KEYS: tuple[str, ...] = (
    "title",
    "doc_type",
    "garante",
    "state",
    "expediente",
    "date",
    "sentido",
    "topics",
    "sujeto_obligado",
    "ponente",
    "source_path",
    "is_sample",
    "number",
    "vigencia",
)
RECORD_COMPRESSION = 1  # zlib level of the record column (level 3: ~2× the time, ~5% smaller)
TITLE_BOOST = 3.0
IDENTIFIERS_BOOST = 4.0


def facet_column(name: str) -> str:
    """The column holding facet ``name``'s display values."""
    return f"fc_{name}"


def facet_term(value: str) -> str:
    """The indexed term of a facet/keyword value: what a filter must look up."""
    return " ".join(value.split()).lower().translate(accent_map)


def split_column_value(value: bytes) -> tuple[str, ...]:
    """Decode a facet column value into its display values (empty when missing)."""
    if not value:
        return ()
    return tuple(value.decode("utf-8").split(VALUE_SEP))


class FastText(TEXT):
    """A TEXT field that, at index time, also accepts pre-analysed terms, a list (positions =
    list index) or a term → frequency dict (non-positional formats), and builds its postings
    with a Counter instead of one token object per word.

    Why: the three text fields (stemmed, exact, shingles) share one tokenisation of the
    document (``preanalyze``), instead of three analyzer passes. Queries still go through the
    field's pickled analyzer, which produces the same terms. Pickled into the index: never
    rename or move this class.
    """

    preanalysed = True  # indexer.whoosh_writer inverts these fields' lists itself

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, (list, dict)):
            yield from super().index(value, **kwargs)
            return
        fmt = self.format
        boost = fmt.field_boost
        if isinstance(fmt, formats.Positions):
            if isinstance(value, dict):
                raise ValueError("a positional field needs its terms in order, not counted")
            positions: dict[str, list[int]] = defaultdict(list)
            for i, word in enumerate(value):
                positions[word].append(i)
            for word, poslist in positions.items():
                n = len(poslist)
                yield word.encode("utf-8"), n, n * boost, fmt.encode(poslist)
        else:
            for word, n in Counter(value).items():
                yield word.encode("utf-8"), n, n * boost, pack_uint(n)


def preanalyze(text: str) -> tuple[Counter[str], Counter[str], Counter[str]] | None:
    """(stemmed, exact, shingle) terms of ``text`` with their frequencies (the three fields
    keep no positions), from one tokenisation with the project's analysis functions
    (``analyzers.normalize.body_terms``, its bulk path). Counted here, where worker processes
    can do it, not in the writer. (None would send the text through the fields' analyzers
    instead: the same terms, several times slower.)"""
    from analyzers import normalize

    stems, words, shingles = normalize.body_terms(text)
    return Counter(stems), Counter(words), Counter(shingles)


def _keyword_analyzer() -> Analyzer:
    # One token per VALUE_SEP-separated value, normalised like facet_term().
    return (
        RegexTokenizer(r"[^\x1f]+")
        | StripFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
    )


KEYWORD_ANALYZER = _keyword_analyzer()  # for comparison only (the writer's fast path)


def keyword_terms(value: str) -> list[str]:
    """The terms the keyword analyzer gives for ``value``, without token objects: each
    non-empty VALUE_SEP-separated piece stripped, lowercased, accent-mapped (in that order)."""
    return [piece.strip().lower().translate(accent_map) for piece in value.split(VALUE_SEP) if piece]


def _analyzers() -> dict[str, Analyzer]:
    """The project's Spanish analysis chains (``analyzers.spanish``)."""
    from analyzers import spanish

    return {
        "stemmed": spanish.stemmed_analyzer(),
        "exact": spanish.exact_analyzer(),
        "shingle": spanish.shingle_analyzer(),
        "identifier": spanish.identifier_analyzer(),
    }


def analysis_fingerprint() -> str:
    """What decides the indexed terms (``analyzers.normalize``), recorded in the manifest: an
    index built with another fingerprint must be rebuilt."""
    from analyzers import normalize

    return f"{SCHEMA_VERSION}:{normalize.analysis_fingerprint()}"


def build_schema() -> Schema:
    """The one whoosh schema of the project."""
    an = _analyzers()
    kw = _keyword_analyzer()
    fields: dict[str, Any] = {
        ID_FIELD: ID(stored=True, unique=True, sortable=True),
        HASH_COLUMN: COLUMN(columns.VarBytesColumn()),
        RECORD_COLUMN: COLUMN(columns.VarBytesColumn()),
        DATE_FIELD: DATETIME(sortable=True),
        TEXT_FIELD: FastText(analyzer=an["stemmed"], phrase=False),
        TEXT_EXACT_FIELD: FastText(analyzer=an["exact"], phrase=False),
        TEXT_SHINGLE_FIELD: FastText(analyzer=an["shingle"], phrase=False),
        TITLE_FIELD: TEXT(analyzer=an["stemmed"], phrase=False, field_boost=TITLE_BOOST),
        TITLE_EXACT_FIELD: TEXT(analyzer=an["exact"], phrase=True, field_boost=TITLE_BOOST),
        IDENTIFIERS_FIELD: TEXT(
            analyzer=an["identifier"], phrase=True, field_boost=IDENTIFIERS_BOOST
        ),
        "sujeto_text": TEXT(analyzer=an["stemmed"], phrase=False),
        "ponente_text": TEXT(analyzer=an["exact"], phrase=False),
    }
    for name in KEYWORD_FIELDS:
        fields[name] = KEYWORD(analyzer=kw, scorable=False)
    for f in FACETS:
        column = columns.VarBytesColumn() if f.multi else columns.RefBytesColumn()
        fields[facet_column(f.name)] = COLUMN(column)
    fields[HIT_STORED] = STORED()
    return Schema(**fields)


def hit_values(stored: dict[str, Any]) -> dict[str, Any]:
    """``Hit`` keyword arguments (all but score and snippet) from a document's stored fields."""
    shown = stored.get(HIT_STORED) or {}
    values = {k: shown.get(k) for k in HIT_KEYS}
    values["id"] = stored.get(ID_FIELD)
    values["title"] = values["title"] or ""
    values["doc_type"] = values["doc_type"] or "otro"
    values["sentido"] = list(values["sentido"] or [])
    values["topics"] = list(values["topics"] or [])
    values["is_sample"] = bool(values["is_sample"])
    return values


def _values(*values: str | None) -> list[str]:
    out: list[str] = []
    for v in values:
        if v and v.strip() and v not in out:
            out.append(v)
    return out


def _article_values(articles: Iterable[str]) -> list[str]:
    """Each cited article, plus its article without fracción (``LGTAIP 113 V`` → ``LGTAIP 113``)
    so that a filter on the article finds citations of any of its fracciones."""
    out: list[str] = []
    for a in articles:
        parts = a.split()
        for v in (a, " ".join(parts[:2]) if len(parts) > 2 else ""):
            if v and v not in out:
                out.append(v)
    return out


def criterion_key(record: DocumentRecord) -> str | None:
    """``"<GARANTE> <number>"``: how other documents cite this criterion (``cites_criteria``)."""
    if record.doc_type == "criterio" and record.number:
        return f"{record.garante} {record.number}" if record.garante else record.number
    return None


def facet_values(record: DocumentRecord) -> dict[str, list[str]]:
    """Display values of every facet for one record (the facet columns' content)."""
    return {
        "garante": _values(record.garante),
        "state": _values(record.state),
        "doc_type": _values(record.doc_type),
        "year": _values(str(record.year) if record.year else None),
        "sentido": _values(*record.sentido),
        "topics": _values(*record.topics),
        "sujeto_kind": _values(record.sujeto_obligado_kind),
        "ponente": _values(record.ponente),
        "articles": _values(*record.cites_articles),
        "vigencia": _values(record.vigencia),
    }


def _json_default(value: Any) -> Any:
    """The nested dataclasses of a record (Section, Precedent) as ``to_dict`` gives them: one
    level of fields (the encoder comes back here for deeper ones), without ``asdict``'s deep
    copies of every value (~30 calls per record)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def record_json(record: DocumentRecord, *, text: bool = True) -> str:
    """``record.to_dict()``'s JSON (sorted keys, compact), written without its deep copy
    (measured ~1 ms per record); with ``text=False`` the text is "" (stored apart)."""
    values = vars(record) if text else {**vars(record), "text": ""}
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=_json_default)


def record_digest(record: DocumentRecord) -> str:
    """The content hash of a record (what ``encode_record`` records beside it)."""
    return hashlib.sha256(record_json(record).encode("utf-8")).hexdigest()


def encode_record(record: DocumentRecord) -> tuple[bytes, str]:
    """(zlib'd JSON of the full record, its content hash: ``record_json``'s sha256)."""
    data = record_json(record).encode("utf-8")
    return zlib.compress(data, RECORD_COMPRESSION), hashlib.sha256(data).hexdigest()


def decode_record(blob: bytes) -> DocumentRecord:
    return DocumentRecord.from_dict(json.loads(zlib.decompress(blob)))


def _join(values: Iterable[str]) -> str:
    return VALUE_SEP.join(" ".join(v.split()) for v in values)


def to_document(record: DocumentRecord) -> dict[str, Any]:
    """The keyword arguments of ``writer.add_document`` for one record."""
    blob, digest = encode_record(record)
    facets = facet_values(record)
    own_criterion = criterion_key(record)
    sujeto = record.sujeto_obligado_canonical or record.sujeto_obligado
    terms = preanalyze(record.text)
    stems, exact, shingles = terms if terms else (record.text, record.text, record.text)
    doc: dict[str, Any] = {
        ID_FIELD: record.id,
        HASH_COLUMN: digest.encode("ascii"),
        RECORD_COLUMN: blob,
        TEXT_FIELD: stems,
        TEXT_EXACT_FIELD: exact,
        TEXT_SHINGLE_FIELD: shingles,
        TITLE_FIELD: record.title,
        TITLE_EXACT_FIELD: record.title,
        IDENTIFIERS_FIELD: "\n".join(
            _values(
                record.expediente,
                record.expediente_raw,
                record.number,
                own_criterion,
                record.folio,
                *record.cites_articles,
            )
        ),
        "sujeto_text": " ".join(_values(record.sujeto_obligado, record.sujeto_obligado_canonical)),
        "ponente_text": record.ponente or "",
        "sujeto_obligado": _join(_values(record.sujeto_obligado, record.sujeto_obligado_canonical)),
        "expediente": _join(_values(record.expediente)),
        CITES_CRITERIA_FIELD: _join(record.cites_criteria),
        CITES_EXPEDIENTES_FIELD: _join(record.cites_expedientes),
        CRITERIA_FIELD: _join(_values(own_criterion, *record.cites_criteria)),
        SAMPLE_FIELD: "1" if record.is_sample else "",
    }
    for name, values in facets.items():
        indexed = _article_values(values) if name == "articles" else values
        doc[name] = _join(indexed)
        doc[facet_column(name)] = _join(values).encode("utf-8")
    if record.date:
        with contextlib.suppress(ValueError):
            doc[DATE_FIELD] = datetime.fromisoformat(record.date[:10])
    doc[HIT_STORED] = {
        "title": record.title,
        "doc_type": record.doc_type,
        "garante": record.garante,
        "state": record.state,
        "expediente": record.expediente,
        "date": record.date,
        "sentido": list(record.sentido),
        "topics": list(record.topics),
        "sujeto_obligado": sujeto,
        "ponente": record.ponente,
        "source_path": record.source_path,
        "is_sample": record.is_sample,
        "number": record.number,
        "vigencia": record.vigencia,
    }
    return {k: v for k, v in doc.items() if v != ""}
