"""Spanish text analysis, synonyms, spelling suggestions, topics and sujetos obligados.

* ``normalize``: the one engine-neutral analysis (fold, tokenize, stopwords, stem; stemmed,
  exact, shingle and identifier chains). Any engine indexes what these functions return.
* ``spanish``: the whoosh analyzers over it (``ChainTokenizer``; pickled into an index).
* ``articles``: article references typed loosely → "LGTAIP 113 V".
* ``synonyms``: legal abbreviations and synonyms (data/synonyms.toml), query-time expansion.
* ``suggest``: spelling suggestions from an index's vocabulary.
* ``topics``: explainable topic tags with spaCy, and ``enrich(record)`` (topics + sujeto).
* ``sujetos``: canonical name and kind of a sujeto obligado (rules + data/sujetos.toml).
* ``bench``: ``python -m analyzers.bench`` measures the speed of all of the above.

Nothing here loads a model or reads a file at import time: cached getters do, on first use.
"""
