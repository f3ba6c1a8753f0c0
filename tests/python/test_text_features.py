"""Hashed text features: emoji kept, char n-grams shared by typos, negation, determinism."""

from __future__ import annotations

import numpy as np
import polars as pl
from scipy import sparse

from social_commerce.text.features import (
    DENSE_FEATURES,
    featurize,
    featurize_triplets,
    n_columns,
    normalize_texts,
    tokenize,
)


def _hashed_columns(matrix: sparse.csr_matrix, row: int) -> set[int]:
    width = matrix.shape[1] - len(DENSE_FEATURES)
    cols = matrix[row].indices
    return {int(c) for c in cols if c < width}


def test_normalization_keeps_emoji_and_tokens_urls_handles() -> None:
    out = normalize_texts(pl.Series(["OMG 😍😍 @shop https://x.co/a #ad don't!!!"])).to_list()[0]
    assert out.split() == ["OMG", "😍", "😍", "xuser", "xurl", "ad", "dont", "!!!"]


def test_emoji_is_a_feature() -> None:
    matrix = featurize(["love it 😍", "love it", "love it 😡"])
    assert _hashed_columns(matrix, 0) != _hashed_columns(matrix, 1)
    assert _hashed_columns(matrix, 0) != _hashed_columns(matrix, 2)


def test_typo_shares_char_ngrams_with_the_word() -> None:
    matrix = featurize(["gorgeous", "gorgoeus", "shipping"])
    correct, typo, other = (_hashed_columns(matrix, i) for i in range(3))
    assert len(correct & typo) >= 5
    assert len(correct & typo) > len(correct & other)


def test_elongation_and_caps_share_features() -> None:
    matrix = featurize(["so cute", "sooooo cute", "SOOOO CUTE"])
    assert len(_hashed_columns(matrix, 0) & _hashed_columns(matrix, 1)) >= 5
    assert _hashed_columns(matrix, 1) == _hashed_columns(matrix, 2)  # case folded
    tokens = tokenize(["so cute", "sooooo cute", "SOOOO CUTE"])
    assert list(tokens.elongated > 0) == [False, True, True]
    assert tokens.caps_share[2] == 1.0


def test_negation_scope_ends_at_punctuation_and_but() -> None:
    tokens = tokenize(["not good at all really", "dont like it, love it", "no but great"])
    negated = tokens.negated[tokens.word_doc == 0]
    assert list(negated) == [False, True, True, True, False]
    negated = tokens.negated[tokens.word_doc == 1]  # dont like it , love it
    assert list(negated) == [False, True, True, False, False, False]
    assert not tokens.negated[tokens.word_doc == 2].any()


def test_shape_determinism_and_empty_rows() -> None:
    texts = ["where is this from??", "", None, "just ordered 2 🛒"]
    a = featurize(pl.Series(texts, dtype=pl.String))
    b = featurize(pl.Series(texts, dtype=pl.String))
    assert isinstance(a, sparse.csr_matrix)
    assert a.shape == (4, n_columns())
    assert (a != b).nnz == 0
    # each row depends only on its own text
    alone = featurize(["just ordered 2 🛒"])
    assert (a[3] != alone[0]).nnz == 0
    assert featurize([]).shape == (0, n_columns())


def test_triplet_dot_equals_matrix_product() -> None:
    texts = ["so cute 😍", "link pls??", "not for me, thanks", "JUST ORDERED!!!"]
    triplets = featurize_triplets(texts)
    weights = np.random.default_rng(0).normal(size=(n_columns(), 3))
    np.testing.assert_allclose(triplets.dot(weights), triplets.to_csr() @ weights, atol=1e-9)


def test_repeated_words_are_capped() -> None:
    tokens = tokenize(["lol lol lol lol ok", "😍😍😍😍😍", "love it love it love it"])
    words_per_text = np.bincount(tokens.word_doc, minlength=3)
    assert list(words_per_text) == [3, 2, 2]
