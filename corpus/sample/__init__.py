"""A deterministic generator of SAMPLE resolutions and criteria of the six bodies.

Every document says "DOCUMENTO DE MUESTRA — generado por el proyecto; no es una resolución
real" at the top of its first page (and in the PDF/DOCX metadata). Nothing here is a real
resolution: bodies, laws and INAI criteria are real names; people, numbers and facts are not.

``write_corpus(out_dir, count, seed)`` writes ``out_dir/docs/muestra_NNN.{pdf,html,docx}``
(text PDFs in layouts onecol/twocol/hyphen/table, image-only "scanned" PDFs, HTML pages
portal/legacy/simple, DOCX) and ``out_dir/ground_truth.jsonl``, one line per file: ``path``,
``format``, ``layout`` (plus ``scanned``/``pages`` for PDFs, ``encoding``/``charset_declared``
for HTML), the expected record fields and the expected ``id``. ``write_records`` and
``iter_records`` give ``DocumentRecord``s directly (no files) for benchmarks.

Ground-truth conventions (the generator knows them because it wrote the text):

* ``expediente`` is the registry's canonical form of ``expediente_raw`` (as written in the
  caption); ``cites_expedientes`` never holds the document's own expediente. A criterion's
  precedentes are also listed in its ``cites_expedientes``.
* ``ponente`` is the name without honorific or title ("Mtra.", "Comisionada"); acuerdos have
  none. ``sujeto_obligado`` is written as in the caption. A criterion's ``rubro`` is as
  written (sometimes in capitals).
* ``date`` is the resolution's (session's) date, never the request, answer, oficio or stamp
  dates nearby; for a criterion, the Pleno's approval date.
* ``sentido``: recursos use confirma/modifica/revoca/ordena/sobresee/desecha (``revoca`` is
  often with ``ordena``); a denuncia "fundada" is ``ordena``, "infundada" is ``otro``;
  an acuerdo "cumplida" is ``otro``, "incumplimiento" (se ORDENA…) is ``ordena``. The verbs of
  the sentido appear in the resolutivos, and no other sentido verb does.
* ``cites_articles`` are "LAW ART [FRACCIÓN]" ("LGTAIP 113 V"); an article cited with two
  fracciones gives two entries. ``cites_criteria`` are "INAI 3/2017", "INAI SO/7/2019",
  "IVAI 2/2018"; a superseded criterion lists its successor there too.
* Criteria: ``number`` "2/2018" (no padding), ``vigencia`` "vigente"/"historico",
  ``superseded_by`` the successor's number ("5/2021").
* ``topics`` and ``sujeto_obligado_kind`` are the generator's own labels, for benchmarks.
"""

from __future__ import annotations

from corpus.sample.generate import (
    DEFAULT_COUNT,
    iter_records,
    to_record,
    write_corpus,
    write_records,
)

__all__ = ["DEFAULT_COUNT", "iter_records", "to_record", "write_corpus", "write_records"]
