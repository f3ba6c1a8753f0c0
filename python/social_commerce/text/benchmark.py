"""Throughput of the text scoring paths on one core (wired into ``make bench``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import polars as pl
from threadpoolctl import threadpool_limits

from social_commerce.text import data, intent, sentiment


@contextmanager
def _one_core() -> Iterator[None]:
    """Pin this process to one CPU and BLAS/OpenMP pools to one thread, then restore."""
    has_affinity = hasattr(os, "sched_getaffinity")
    before = os.sched_getaffinity(0) if has_affinity else None
    try:
        if before:
            os.sched_setaffinity(0, {min(before)})
        with threadpool_limits(limits=1):
            yield
    finally:
        if before:
            os.sched_setaffinity(0, before)


def _sample_texts(n: int, seed: int) -> pl.Series:
    comments = data.read_seed(intent.SEED_FILE, "text", "intent_level")["text"]
    reviews = data.read_seed(sentiment.SEED_FILE, "text", "sentiment")["text"]
    pool = pl.concat([comments, reviews]) if len(reviews) else comments
    return pool.sample(n, with_replacement=True, shuffle=True, seed=seed)


def _rate(fn: Callable[[], object], n: int, repeats: int = 3) -> tuple[float, float]:
    """Texts per second of wall time and of CPU time: medians of ``repeats`` timed runs.

    On a shared machine the CPU-time rate is what one uncontended core would do.
    """
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(n / (time.perf_counter() - start))
        cpu.append(n / max(time.process_time() - start_cpu, 1e-9))
    return float(np.median(wall)), float(np.median(cpu))


def bench_text_scoring(n: int = 200_000, *, seed: int = 42, baseline_n: int = 20_000) -> dict:
    """Texts per second of ``score_intent`` and ``score_sentiment`` on one core (median of 3).

    ``*_per_second`` divides by wall time, ``*_per_cpu_second`` by this process's CPU time.

    Texts are sampled (with replacement, shuffled) from the labelled seeds; models are the
    default ones (trained and cached first, outside the timing). Also timed: sklearn's
    ``HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5))`` on ``baseline_n`` texts,
    featurization only, as a baseline.
    """
    from sklearn.feature_extraction.text import HashingVectorizer

    texts = _sample_texts(n, seed)
    intent_model = intent.default_intent_model()
    sentiment_model = sentiment.default_sentiment_model()
    with _one_core():
        intent.score_intent(texts.head(20_000), intent_model)  # warm-up
        intent_rate = _rate(lambda: intent.score_intent(texts, intent_model), n)
        sentiment_rate = _rate(lambda: sentiment.score_sentiment(texts, sentiment_model), n)
        base = texts.head(baseline_n).to_list()
        vectorizer = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 5), n_features=2**18)
        baseline_rate = _rate(lambda: vectorizer.transform(base), len(base), repeats=1)
    return {
        "n_texts": n,
        "mean_chars": round(float(np.mean(texts.str.len_chars().to_numpy())), 1) if n else 0.0,
        "cores": 1,
        "score_intent_per_second": round(intent_rate[0]),
        "score_intent_per_cpu_second": round(intent_rate[1]),
        "score_sentiment_per_second": round(sentiment_rate[0]),
        "score_sentiment_per_cpu_second": round(sentiment_rate[1]),
        "sklearn_hashing_char_wb_featurize_only_per_second": round(baseline_rate[0]),
        "sklearn_hashing_char_wb_featurize_only_per_cpu_second": round(baseline_rate[1]),
    }
