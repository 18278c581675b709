"""The tantivy schema and documents: the same fields and the same terms as the whoosh index.

Analysis is not re-implemented here. A record goes through ``indexer.schema.to_document`` (the
one place that decides what each field holds, with ``analyzers.normalize`` doing the folding,
stopwords, stemming, shingles and identifier parts) and the terms it yields are joined with
spaces and indexed with tantivy's ``whitespace`` tokenizer, which only splits on whitespace.
So both engines index exactly the same terms; tantivy's own Spanish stemmer and ascii folding
are not used (its folding maps more characters than ours and it has no -ción accent repair).

Differences of layout, not of terms:

* keyword fields use tantivy's ``raw`` tokenizer, one term per value (``facet_term``), the
  terms whoosh's keyword analyzer produces;
* every facet has a ``fc_<name>`` fast field of display values: facet counts are a terms
  aggregation over it. Each document fills the column of a facet but the cited articles with
  ONE value, the set of its values (sorted, joined with ``VALUE_SEP``; "" when none): tantivy
  counts a column that every document fills with one value ~10× faster than a multi-valued or
  sparse one (measured at 150,000 documents: sentido 0.4 ms against 7 ms), and a search splits
  each counted set back into its values (``facet_sets``). The cited articles (sets nearly
  unique per document) keep one value per article;
* the date is ``datekey`` (yyyymmdd, 0 when undated), a fast integer: sort and range;
* what a hit shows is a small JSON in ``hit``; the record is JSON in ``record`` but for its
  text, which is in ``body`` (snippets read only that).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

import tantivy

from analyzers import normalize
from corpus.records import DocumentRecord
from indexer.fields import FACETS
from indexer.schema import (
    CITES_CRITERIA_FIELD,
    CITES_EXPEDIENTES_FIELD,
    CRITERIA_FIELD,
    HASH_COLUMN,
    HIT_STORED,
    ID_FIELD,
    IDENTIFIERS_FIELD,
    KEYWORD_FIELDS,
    RECORD_COLUMN,
    SAMPLE_FIELD,
    TEXT_EXACT_FIELD,
    TEXT_FIELD,
    TEXT_SHINGLE_FIELD,
    TITLE_EXACT_FIELD,
    TITLE_FIELD,
    VALUE_SEP,
    _article_values,
    _join,
    _values,
    criterion_key,
    facet_column,
    facet_term,
    facet_values,
    record_json,
)

LAYOUT_VERSION = 3  # bump when a tantivy field changes (the analysis is schema.SCHEMA_VERSION)
DATEKEY_FIELD = "datekey"
BODY_FIELD = "body"  # the record's text, stored apart from the rest of the record
DATA_DIR = "tantivy"  # the tantivy files live in INDEX_DIR/tantivy, beside manifest.json

# Analysed text fields: (chain of analyzers.normalize, tantivy index option).
# Positions only where positional phrases are asked for (title_exact, identifiers).
TEXT_FIELDS: dict[str, tuple[str, str]] = {
    TEXT_FIELD: ("stemmed", "freq"),
    TEXT_EXACT_FIELD: ("exact", "freq"),
    TEXT_SHINGLE_FIELD: ("shingle", "freq"),
    TITLE_FIELD: ("stemmed", "freq"),
    TITLE_EXACT_FIELD: ("exact", "position"),
    IDENTIFIERS_FIELD: ("identifier", "position"),
    "sujeto_text": ("stemmed", "freq"),
    "ponente_text": ("exact", "freq"),
}
_CHAINS = {
    "stemmed": normalize.analyze_stemmed,
    "exact": normalize.analyze_exact,
    "shingle": normalize.analyze_shingles,
    "identifier": normalize.analyze_identifier,
}


PER_VALUE_FACETS = frozenset({"articles"})  # the other facets' columns hold value sets


def facet_sets(name: str) -> bool:
    """True when facet ``name``'s column holds one value set per document (see above)."""
    return name not in PER_VALUE_FACETS


def index_option(field_name: str) -> str:
    """The index option a term query on ``field_name`` must use."""
    return TEXT_FIELDS[field_name][1] if field_name in TEXT_FIELDS else "basic"


def analyze(field_name: str, text: str) -> list[str]:
    """The terms of ``text`` under a text field's chain (query side = index side); keyword
    fields give their one folded term."""
    if field_name in TEXT_FIELDS:
        return [t for _, t in _CHAINS[TEXT_FIELDS[field_name][0]](text)]
    term = facet_term(text)
    return [term] if term else []


def build_schema() -> tantivy.Schema:
    """The one tantivy schema of the project."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field(ID_FIELD, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(HASH_COLUMN, stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_bytes_field(RECORD_COLUMN, stored=True)
    sb.add_bytes_field(BODY_FIELD, stored=True)
    sb.add_bytes_field(HIT_STORED, stored=True)
    sb.add_integer_field(DATEKEY_FIELD, indexed=True, fast=True)
    for name, (_, option) in TEXT_FIELDS.items():
        sb.add_text_field(name, tokenizer_name="whitespace", index_option=option)
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for f in FACETS:
        sb.add_text_field(facet_column(f.name), fast=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


def _datekey(value: datetime | None) -> int:
    if value is None or value.year <= 1900:
        return 0
    return value.year * 10000 + value.month * 100 + value.day


# The bulk tokenizer (normalize.tokenize's words, computed on the whole text at once).
exact_words = normalize.tokenize_bulk


def body_terms(text: str) -> tuple[str, str, str]:
    """(stemmed, exact, shingle) terms of a document body, each space-joined for tantivy's
    whitespace tokenizer: the terms of ``schema.preanalyze`` (``normalize.body_terms``)."""
    stems, words, shingles = normalize.body_terms(text)
    return " ".join(stems), " ".join(words), " ".join(shingles)


def encode(record: DocumentRecord) -> tuple[bytes, bytes, str]:
    """(the record as JSON without its text, the text, the content hash). The hash is
    ``schema.encode_record``'s (JSON of the whole record), computed ~3× faster
    (``DocumentRecord.to_dict`` is ``dataclasses.asdict``, which deep-copies every value). The
    text is stored apart so that a snippet needs no JSON decoding; neither is zlib'd: tantivy's
    document store compresses, in its indexing thread."""
    raw = record_json(record).encode("utf-8")
    rest = record_json(record, text=False).encode("utf-8")
    return rest, record.text.encode("utf-8"), hashlib.sha256(raw).hexdigest()


def decode(doc: tantivy.Document) -> DocumentRecord:
    """The record stored in a document (its ``record`` and ``body`` fields)."""
    record = DocumentRecord.from_dict(json.loads(doc.get_first(RECORD_COLUMN) or b"{}"))
    record.text = body(doc)
    return record


def body(doc: tantivy.Document) -> str:
    """The stored text of a document."""
    raw = doc.get_first(BODY_FIELD)
    return raw.decode("utf-8") if isinstance(raw, bytes) else ""


def hit_count(found: Any) -> int:
    """The exact number of matches of a ``Searcher.search(..., count=True)`` result (the
    attribute is missing from tantivy's type stubs)."""
    return int(getattr(found, "count", 0) or 0)


def small_fields(record: DocumentRecord) -> dict[str, Any]:
    """Every field of ``schema.to_document`` but the body's and the record's, as
    ``to_document`` computes them (tests/indexer/test_tantivy_analysis.py compares them)."""
    facets = facet_values(record)
    own = criterion_key(record)
    sujeto = _values(record.sujeto_obligado, record.sujeto_obligado_canonical)
    fields: dict[str, Any] = {
        TITLE_FIELD: record.title,
        TITLE_EXACT_FIELD: record.title,
        IDENTIFIERS_FIELD: "\n".join(_values(record.expediente, record.expediente_raw,
                                              record.number, own, record.folio,
                                              *record.cites_articles)),
        "sujeto_text": " ".join(sujeto),
        "ponente_text": record.ponente or "",
        "sujeto_obligado": _join(sujeto),
        "expediente": _join(_values(record.expediente)),
        CITES_CRITERIA_FIELD: _join(record.cites_criteria),
        CITES_EXPEDIENTES_FIELD: _join(record.cites_expedientes),
        CRITERIA_FIELD: _join(_values(own, *record.cites_criteria)),
        SAMPLE_FIELD: "1" if record.is_sample else "",
    }
    for name, values in facets.items():
        fields[name] = _join(_article_values(values) if name == "articles" else values)
        fields[facet_column(name)] = _join(values).encode("utf-8")
    fields[HIT_STORED] = {
        "title": record.title, "doc_type": record.doc_type, "garante": record.garante,
        "state": record.state, "expediente": record.expediente, "date": record.date,
        "sentido": list(record.sentido), "topics": list(record.topics),
        "sujeto_obligado": record.sujeto_obligado_canonical or record.sujeto_obligado,
        "ponente": record.ponente, "source_path": record.source_path,
        "is_sample": record.is_sample, "number": record.number, "vigencia": record.vigencia,
    }
    return {k: v for k, v in fields.items() if v != ""}


def _date(record: DocumentRecord) -> datetime | None:
    try:
        return datetime.fromisoformat(record.date[:10]) if record.date else None
    except ValueError:
        return None


def to_tantivy(record: DocumentRecord) -> tuple[tantivy.Document, str]:
    """(the tantivy document of a record, its content hash)."""
    rest, text, digest = encode(record)
    fields = small_fields(record)
    doc = tantivy.Document()
    doc.add_text(ID_FIELD, record.id)
    doc.add_text(HASH_COLUMN, digest)
    doc.add_bytes(RECORD_COLUMN, rest)
    doc.add_bytes(BODY_FIELD, text)
    doc.add_bytes(HIT_STORED, json.dumps(fields[HIT_STORED], ensure_ascii=False).encode("utf-8"))
    doc.add_integer(DATEKEY_FIELD, _datekey(_date(record)))
    for name, terms in zip((TEXT_FIELD, TEXT_EXACT_FIELD, TEXT_SHINGLE_FIELD),
                           body_terms(record.text), strict=True):
        doc.add_text(name, terms)
    for name in (TITLE_FIELD, TITLE_EXACT_FIELD, IDENTIFIERS_FIELD, "sujeto_text", "ponente_text"):
        if name in fields:
            doc.add_text(name, " ".join(analyze(name, fields[name])))
    for name in KEYWORD_FIELDS:
        for value in str(fields.get(name, "")).split(VALUE_SEP):
            term = facet_term(value)
            if term:
                doc.add_text(name, term)
    for f in FACETS:
        raw = fields.get(facet_column(f.name), b"")
        values = raw.decode("utf-8").split(VALUE_SEP) if raw else []
        if facet_sets(f.name):
            doc.add_text(facet_column(f.name), VALUE_SEP.join(sorted(set(values))))
        else:
            for value in values:
                doc.add_text(facet_column(f.name), value)
    return doc, digest
