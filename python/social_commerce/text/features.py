"""Fast hashed text features for short social text, vectorized over the whole batch.

What a text becomes
-------------------
1. Normalization (polars string expressions, case kept): URLs -> ``xurl``, @handles -> ``xuser``,
   ``#tag`` -> ``tag``, "not gonna lie" / "no cap" -> ``ngl``, apostrophes dropped (``don't`` ->
   ``dont``), every emoji becomes its own token (skin tones, ZWJ and variation selectors
   dropped), a run of ``!?.,;:`` becomes one punctuation token, any other symbol a space.
2. Code points (numpy, one array for the whole batch): lower-cased (ASCII, Latin-1, Greek,
   Cyrillic), elongations collapsed to two letters (``sooooo`` -> ``soo``), runs of spaces
   collapsed, each text padded with one space on both sides; the third and later copies of a
   repeated word ("lol lol lol", five times the same emoji) or word pair ("love it love it
   love it") are dropped, so that spam-like repetition cannot blow up a feature.
3. Features, hashed into ``2**bits`` columns (multiplicative hashing of a 64-bit hash):
   character 2..5-grams inside word boundaries (sklearn's ``char_wb``: a typo shares most of
   its n-grams with the correct word), word unigrams (words in the scope of a negation --
   up to three words after ``not``/``no``/``never``/``dont``... before punctuation or "but" --
   get a different hash) and word bigrams. Each block (one per n-gram length, words,
   bigrams) is scaled by ``weight/sqrt(entries)`` per text.
4. A few dense cues appended after the hashed columns (:data:`DENSE_FEATURES`), then any
   ``extra`` columns of the caller (lexicon scores, intent cue counts).

There is no per-text Python loop: hashing is a polynomial over code points done with numpy
array arithmetic (uint64 wrap-around), words are hashed with ``np.add.reduceat``, and the matrix
is kept as row-sorted (row, column) segments that scoring multiplies as CSR matrices without
sorting (:class:`Triplets`). Hashes use fixed constants only (no library random stream), so a
cached model stays valid across numpy versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import polars as pl
from scipy import sparse

#: Bump when the features change: cached models are keyed by it.
FEATURES_VERSION = "2"

#: Number of hashed columns is 2**DEFAULT_BITS (plus the dense cues).
DEFAULT_BITS = 18

#: Longest text kept (characters); long reviews are cut here.
MAX_CHARS = 4000

#: Weight of each char n-gram block (one per n = 2..5), of word unigrams and of bigrams.
CHAR_WEIGHT, WORD_WEIGHT, BIGRAM_WEIGHT = 0.5, 0.8, 0.6

#: Dense cues appended after the hashed columns, in this order.
DENSE_FEATURES = (
    "question_marks",
    "exclamations",
    "log_length",
    "caps_share",
    "has_negation",
    "has_url",
    "has_mention",
    "emoji_count",
    "is_elongated",
    "bias",
)

#: Words that open a negation scope (after lower-casing and dropping apostrophes).
NEGATORS = [
    "not",
    "no",
    "never",
    "nor",
    "none",
    "nobody",
    "nothing",
    "neither",
    "nowhere",
    "cannot",
    "cant",
    "dont",
    "doesnt",
    "didnt",
    "isnt",
    "wasnt",
    "arent",
    "werent",
    "wont",
    "wouldnt",
    "shouldnt",
    "couldnt",
    "havent",
    "hasnt",
    "hadnt",
    "aint",
    "without",
    "nah",
    "nope",
    "dnt",
    "didn",
    "nunca",
    "nada",
    "jamais",
    "pas",
    "nicht",
    "kein",
    "keine",
    "nao",
    "não",
]

#: Tokens that close a negation scope.
SCOPE_BREAKS = ("!", "?", ".", ",", "but", "however", "though", "although", "pero", "mais")

#: Words after a negator that stay in its scope.
NEGATION_SCOPE = 3

_EMOJI = r"\p{Extended_Pictographic}"
_MASK64 = (1 << 64) - 1
_P = np.uint64(1_000_003)
_NEG_SALT = np.uint64(0xD6E8FEB86659FD93)
_BIGRAM_MUL = np.uint64(0xC2B2AE3D27D4EB4F)
_FIB = np.uint64(0x9E3779B97F4A7C15)
_SALTS = [np.uint64((n * 0xD1B54A32D192ED03) & _MASK64) for n in range(16)]


def _splitmix64(x: int) -> int:
    """splitmix64 of a Python int: fixed constants, independent of any library version."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK64
    return x ^ (x >> 31)


#: Odd multiplier of the code point at each position of a word (word hashes).
_POS_MULTIPLIERS = np.array([_splitmix64(i) | 1 for i in range(64)], dtype=np.uint64)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads the bits of a uint64 hash (array, wraps around)."""
    h = h ^ (h >> np.uint64(30))
    h = h * np.uint64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> np.uint64(27))
    h = h * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def normalize_texts(texts: pl.Series) -> pl.Series:
    """Step 1 of the module docstring: token-level normalization, case kept.

    Runs of spaces are left for :func:`tokenize` to collapse (cheaper on code points).
    """
    return (
        texts.cast(pl.String)
        .fill_null("")
        .str.slice(0, MAX_CHARS)
        .str.replace_all(r"(?i)\b(?:https?://|www\.)\S+", " xurl ")
        .str.replace_all(r"(?i)\b(?:not (?:gonna|going to) lie|no cap)\b", "ngl")
        .str.replace_all(r"@[\w.]+", " xuser ")
        .str.replace_all(r"['’`´\x{200d}\x{fe0e}\x{fe0f}\x{1F3FB}-\x{1F3FF}]", "")
        # every other symbol and every white space becomes one space (runs are collapsed later)
        .str.replace_all(r"[^\w?!.,;:\p{Extended_Pictographic}]|_", " ")
        .str.replace_all(rf"({_EMOJI}|[!?.,;:]+)", " $1 ")
    )


@dataclass(frozen=True)
class Tokens:
    """The batch as code points and words; every array is ordered by text, then position."""

    n_texts: int
    codes: np.ndarray  # uint64 lower-cased code points, spaces between words and texts
    code_doc: np.ndarray  # int64 text index per code point
    word_hash: np.ndarray  # uint64 hash per word (before negation marking)
    word_doc: np.ndarray  # int64 text index per word
    word_all_caps: np.ndarray  # bool: the word had 2+ letters, all upper case
    negated: np.ndarray  # bool: the word is in a negation scope
    elongated: np.ndarray  # int64 per text: letters removed by collapsing elongations
    caps_share: np.ndarray  # float per text: share of letters in upper case


def _codepoints(texts: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Code points of every text (each padded with spaces) and the text index of each."""
    joined = " " + "  ".join(texts.to_list()) + " "
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = texts.str.len_chars().to_numpy().astype(np.int64) + 2
    doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    return codes, doc


def _case_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For code points below 0x500: is upper case, is a letter, lower-case code point."""
    cp = np.arange(0x500)
    upper = (
        ((cp >= 65) & (cp <= 90))
        | ((cp >= 192) & (cp <= 222) & (cp != 215))
        | ((cp >= 0x391) & (cp <= 0x3A9))
        | ((cp >= 0x410) & (cp <= 0x42F))
    )
    letter = upper | ((cp >= 97) & (cp <= 122)) | ((cp >= 223) & (cp != 247))
    return upper, letter, np.where(upper, cp + 32, cp).astype(np.uint64)


_UPPER, _LETTER, _LOWER = _case_tables()


def word_hashes(words: list[str]) -> np.ndarray:
    """Hash of each word exactly as :func:`tokenize` hashes words (lexicon look-ups)."""
    return tokenize(pl.Series(words, dtype=pl.String)).word_hash


def tokenize(texts: pl.Series | list[str]) -> Tokens:
    """Steps 1-2 of the module docstring, plus word hashes and negation scopes."""
    series = texts if isinstance(texts, pl.Series) else pl.Series(texts, dtype=pl.String)
    n = len(series)
    normalized = normalize_texts(series)
    if n == 0:
        empty_u = np.zeros(0, dtype=np.uint64)
        empty_i = np.zeros(0, dtype=np.int64)
        return Tokens(
            0,
            empty_u,
            empty_i,
            empty_u,
            empty_i,
            empty_i.astype(bool),
            empty_i.astype(bool),
            empty_i,
            np.zeros(0),
        )
    raw, doc = _codepoints(normalized)
    # Case: upper-case letters of the common alphabets (tables below 0x500), lower-cased; code
    # points from 0x500 to 0x2000 count as letters, emoji and symbols above do not.
    low = raw < 0x500
    clipped = np.where(low, raw, 0)
    upper = _UPPER[clipped] & low
    letter = np.where(low, _LETTER[clipped], raw < 0x2000)
    codes = np.where(low, _LOWER[clipped], raw.astype(np.uint64))
    n_letters = np.bincount(doc, weights=letter, minlength=n)
    n_upper = np.bincount(doc, weights=upper, minlength=n)
    caps_share = np.where(n_letters >= 3, n_upper / np.maximum(n_letters, 1), 0.0)
    # Collapse elongations (3+ repeats -> 2) and runs of spaces (2+ -> 1).
    keep = np.ones(len(codes), dtype=bool)
    same1 = codes[1:] == codes[:-1]
    triple = same1[1:] & same1[:-1] & letter[2:]
    keep[2:] &= ~triple
    space = codes == 32
    keep[1:] &= ~(space[1:] & space[:-1] & (doc[1:] == doc[:-1]))
    elongated = np.bincount(doc[2:][triple], minlength=n).astype(np.int64)
    codes, doc, upper, letter = codes[keep], doc[keep], upper[keep], letter[keep]
    space = codes == 32
    word_hash, nonspace, offsets, word_of, up_count, let_count = _segment(codes, upper, letter)
    first_pos = nonspace[offsets]
    word_doc = doc[first_pos]
    first_code = codes[first_pos]
    repeats = _repeated_words(word_hash, word_doc)
    if repeats.any():
        # Drop repeated words ("lol lol lol", "😍 😍 😍 😍", "love it love it love it": the
        # third and later copies) with the space before each, from the words and the codes.
        drop = np.zeros(len(codes), dtype=bool)
        drop[nonspace[repeats[word_of]]] = True
        drop[first_pos[repeats] - 1] = True
        keep = ~drop
        codes, doc = codes[keep], doc[keep]
        kept = ~repeats
        word_hash, word_doc, first_code = word_hash[kept], word_doc[kept], first_code[kept]
        up_count, let_count = up_count[kept], let_count[kept]
    all_caps = (let_count >= 2) & (up_count == let_count)
    punct = (first_code == 33) | (first_code == 63) | (first_code == 46) | (first_code == 44)
    negated = _negation_scope(word_hash, word_doc, punct)
    return Tokens(n, codes, doc, word_hash, word_doc, all_caps, negated, elongated, caps_share)


def _segment(codes: np.ndarray, upper: np.ndarray, letter: np.ndarray) -> tuple[np.ndarray, ...]:
    """Words: runs of non-space code points (texts are separated by spaces, so a word never
    spans two texts). Returns word hashes, positions of non-space code points, offset of each
    word's first code point among them, word index of each, upper-case and letter counts."""
    space = codes == 32
    nonspace = np.flatnonzero(~space)
    starts_mask = np.zeros(len(codes), dtype=bool)
    starts_mask[1:] = space[:-1] & ~space[1:]
    is_start = starts_mask[nonspace]
    offsets = np.flatnonzero(is_start)
    word_of = np.cumsum(is_start) - 1
    pos_in_word = np.arange(len(nonspace)) - offsets[word_of]
    mult = _POS_MULTIPLIERS[np.minimum(pos_in_word, 63)]
    if len(offsets):
        word_hash = np.add.reduceat(codes[nonspace] * mult, offsets)
        lengths = np.diff(np.append(offsets, len(nonspace)))
        word_hash = _mix(word_hash ^ np.array(_SALTS)[np.minimum(lengths, 15)])
        up_count = np.add.reduceat(upper[nonspace].astype(np.int64), offsets)
        let_count = np.add.reduceat(letter[nonspace].astype(np.int64), offsets)
    else:
        word_hash = np.zeros(0, dtype=np.uint64)
        up_count = let_count = np.zeros(0, dtype=np.int64)
    return word_hash, nonspace, offsets, word_of, up_count, let_count


def _repeated_words(word_hash: np.ndarray, word_doc: np.ndarray) -> np.ndarray:
    """True for the 3rd+ copy of a word in a row, and for repeats of a repeated word pair."""
    out = np.zeros(len(word_hash), dtype=bool)
    if len(word_hash) < 3:
        return out
    same = (word_hash[1:] == word_hash[:-1]) & (word_doc[1:] == word_doc[:-1])
    out[2:] = same[1:] & same[:-1]
    if len(word_hash) >= 4:
        pair = (
            (word_hash[3:] == word_hash[1:-2])
            & (word_hash[2:-1] == word_hash[:-3])
            & (word_doc[3:] == word_doc[:-3])
            & (word_hash[3:] != word_hash[2:-1])
        )
        # "a b a b a b": from the second copy of the pair on, both of its words go
        out[3:] |= pair
        out[2:-1] |= pair
    return out


_NEGATOR_HASHES: np.ndarray | None = None
_BREAK_HASHES: np.ndarray | None = None


def _special_hashes() -> tuple[np.ndarray, np.ndarray]:
    global _NEGATOR_HASHES, _BREAK_HASHES
    if _NEGATOR_HASHES is None or _BREAK_HASHES is None:
        # Hash the word lists with a negation-free tokenization (no recursion into scopes).
        neg = _plain_word_hashes(list(NEGATORS))
        brk = _plain_word_hashes(list(SCOPE_BREAKS))
        _NEGATOR_HASHES, _BREAK_HASHES = np.sort(neg), np.sort(brk)
    return _NEGATOR_HASHES, _BREAK_HASHES


def _plain_word_hashes(words: list[str]) -> np.ndarray:
    """Hash of single lower-case words, the same function as in :func:`tokenize`."""
    out = np.zeros(len(words), dtype=np.uint64)
    for i, word in enumerate(words):  # word lists only, never the scoring path
        codes = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        mult = _POS_MULTIPLIERS[np.minimum(np.arange(len(codes)), 63)]
        h = np.array([np.sum(codes * mult)], dtype=np.uint64)
        out[i] = _mix(h ^ _SALTS[min(len(codes), 15)])[0]
    return out


def _isin_sorted(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    if len(sorted_set) == 0:
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return sorted_set[pos] == values


def _negation_scope(word_hash: np.ndarray, word_doc: np.ndarray, punct: np.ndarray) -> np.ndarray:
    """True for the words in the scope of a negator (see :data:`NEGATION_SCOPE`)."""
    neg_set, break_set = _special_hashes()
    is_neg = _isin_sorted(word_hash, neg_set)
    is_break = _isin_sorted(word_hash, break_set) | punct
    idx = np.arange(len(word_hash))
    doc_start = np.ones(len(word_hash), dtype=bool)
    doc_start[1:] = word_doc[1:] != word_doc[:-1]
    last_neg = np.maximum.accumulate(np.where(is_neg, idx, -1)) if len(idx) else idx
    last_stop = np.maximum.accumulate(np.where(is_break | doc_start, idx, -1)) if len(idx) else idx
    return (
        (last_neg >= 0)
        & (last_neg >= last_stop)
        & ~is_neg
        & ~is_break
        & (idx - last_neg <= NEGATION_SCOPE)
        & (idx > last_neg)
    )


def negated_word_hashes(tokens: Tokens) -> np.ndarray:
    """Word hashes with the negated words moved to their own hash."""
    return np.where(tokens.negated, _mix(tokens.word_hash ^ _NEG_SALT), tokens.word_hash)


def _ngram_hashes(
    codes: np.ndarray, doc: np.ndarray, lo: int, hi: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per n: hashes and text index of every char n-gram (lo <= n <= hi) inside word boundaries.

    The polynomial hash of the n-grams at every position is rolled forward from the (n-1)-grams
    (one multiply-add over the whole array per n); windows with an interior space or spanning
    two texts are then dropped. Windows such as ``" x"`` are kept, as in sklearn's char_wb.
    """
    is_space = codes == 32
    csum = np.concatenate(([0], np.cumsum(is_space, dtype=np.int32)))
    out: list[tuple[np.ndarray, np.ndarray]] = []
    length = len(codes)
    rolled = codes.copy()
    for n in range(2, hi + 1):
        m = length - n + 1
        if m <= 0:
            break
        rolled = rolled[:m] * _P + codes[n - 1 :]
        if n < lo:
            continue
        if n == 2:  # "  " only occurs between two texts
            ok = ~(is_space[:m] & is_space[1:])
        else:  # a window spanning two texts has one of their two separating spaces inside
            ok = (csum[n - 1 : n - 1 + m] - csum[1 : 1 + m]) == 0  # spaces at i+1 .. i+n-2
        idx = np.flatnonzero(ok)
        out.append((rolled[idx] ^ _SALTS[n], doc[idx]))
    return out


def _block(
    hashes: np.ndarray, docs: np.ndarray, n_texts: int, bits: int, weight: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, cols, per-row value) of one hashed block: weight/sqrt(count) per text.

    The column comes from the top bits of a multiplicative (Fibonacci) hash.
    """
    cols = ((hashes * _FIB) >> np.uint64(64 - bits)).astype(np.int32)
    counts = np.bincount(docs, minlength=n_texts)
    return docs.astype(np.int32), cols, weight / np.sqrt(np.maximum(counts, 1))


_CUE_WORDS = ("xurl", "xuser")


@lru_cache(maxsize=1)
def _cue_hashes() -> np.ndarray:
    return _plain_word_hashes(list(_CUE_WORDS))


def dense_cues(tokens: Tokens) -> np.ndarray:
    """The :data:`DENSE_FEATURES` of each text, each roughly within 0..1.

    Punctuation counts are counts of punctuation tokens (a run such as ``?!?`` is one token
    starting with its first mark).
    """
    n = tokens.n_texts
    codes, doc = tokens.codes, tokens.code_doc
    first = np.ones(len(codes), dtype=bool)
    first[1:] = codes[:-1] == 32
    question = np.bincount(doc, weights=first & (codes == 63), minlength=n)
    exclaim = np.bincount(doc, weights=first & (codes == 33), minlength=n)
    emoji = (codes >= 0x1F000) | ((codes >= 0x2600) & (codes <= 0x27BF))
    emoji_count = np.bincount(doc, weights=emoji, minlength=n)
    length = np.bincount(doc, minlength=n)
    url_hash, user_hash = _cue_hashes()
    has_url = np.bincount(tokens.word_doc, weights=tokens.word_hash == url_hash, minlength=n)
    has_user = np.bincount(tokens.word_doc, weights=tokens.word_hash == user_hash, minlength=n)
    has_neg = np.bincount(tokens.word_doc, weights=tokens.negated, minlength=n)
    return np.column_stack(
        [
            np.minimum(question, 3) / 3,
            np.minimum(exclaim, 3) / 3,
            np.log1p(length) / 8,
            tokens.caps_share,
            has_neg > 0,
            has_url > 0,
            has_user > 0,
            np.minimum(emoji_count, 5) / 5,
            tokens.elongated > 0,
            np.ones(n),
        ]
    ).astype(np.float64)


@dataclass(frozen=True)
class Triplets:
    """A feature matrix as hashed segments plus a dense block.

    Each segment is (rows, cols, row_value): entries sorted by row, every entry of a row having
    the value ``row_value[row]``; a column may repeat within a row (repeats add up). The dense
    block (n x k) fills the last k columns. Scoring multiplies each segment as a CSR matrix
    built without sorting; training builds one CSR matrix.
    """

    n_rows: int
    width: int
    segments: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
    dense: np.ndarray

    def to_csr(self) -> sparse.csr_matrix:
        """The CSR matrix (repeated entries summed)."""
        k = self.dense.shape[1]
        dense_rows = np.repeat(np.arange(self.n_rows, dtype=np.int32), k)
        dense_cols = np.tile(np.arange(self.width - k, self.width, dtype=np.int32), self.n_rows)
        rows = np.concatenate([seg[0] for seg in self.segments] + [dense_rows])
        cols = np.concatenate([seg[1] for seg in self.segments] + [dense_cols])
        vals = np.concatenate([seg[2][seg[0]] for seg in self.segments] + [self.dense.ravel()])
        matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(self.n_rows, self.width))
        matrix.sum_duplicates()
        return matrix

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``X @ weights`` for a dense ``(width, k)`` array (float32 weights: faster)."""
        k = self.dense.shape[1]
        out = self.dense @ weights[self.width - k :].astype(np.float64)
        longest = max((len(seg[0]) for seg in self.segments), default=0)
        ones = np.ones(longest, dtype=weights.dtype)
        for rows, cols, row_value in self.segments:
            indptr = np.zeros(self.n_rows + 1, dtype=np.int64)
            np.cumsum(np.bincount(rows, minlength=self.n_rows), out=indptr[1:])
            part = sparse.csr_matrix(
                (ones[: len(rows)], cols, indptr), shape=(self.n_rows, self.width), copy=False
            )
            out += row_value[:, None] * (part @ weights)
        return out


def n_columns(bits: int = DEFAULT_BITS, n_extra: int = 0) -> int:
    """Width of the feature matrix: hashed columns, dense cues, extra columns."""
    return (1 << bits) + len(DENSE_FEATURES) + n_extra


def featurize_triplets(
    texts: pl.Series | list[str],
    *,
    bits: int = DEFAULT_BITS,
    extra: np.ndarray | None = None,
    tokens: Tokens | None = None,
) -> Triplets:
    """The entries of :func:`featurize`'s matrix (the scoring path uses them directly)."""
    series = texts if isinstance(texts, pl.Series) else pl.Series(texts, dtype=pl.String)
    tok = tokens if tokens is not None else tokenize(series)
    n = tok.n_texts
    width = 1 << bits
    segments = [
        _block(h, d, n, bits, CHAR_WEIGHT) for h, d in _ngram_hashes(tok.codes, tok.code_doc, 2, 5)
    ]
    words = negated_word_hashes(tok)
    same = tok.word_doc[1:] == tok.word_doc[:-1]
    bigram = words[:-1][same] * _BIGRAM_MUL + words[1:][same]
    bigram_doc = tok.word_doc[:-1][same]
    segments.append(_block(words, tok.word_doc, n, bits, WORD_WEIGHT))
    segments.append(_block(bigram, bigram_doc, n, bits, BIGRAM_WEIGHT))
    dense = dense_cues(tok)
    if extra is not None:
        dense = np.hstack([dense, np.asarray(extra, dtype=np.float64).reshape(n, -1)])
    k = dense.shape[1]
    return Triplets(n_rows=n, width=width + k, segments=segments, dense=dense)


def featurize(
    texts: pl.Series | list[str],
    *,
    bits: int = DEFAULT_BITS,
    extra: np.ndarray | None = None,
) -> sparse.csr_matrix:
    """Texts -> CSR matrix of shape ``(n, n_columns(bits, extra columns))``.

    ``extra`` (n x k, dense) is appended after the dense cues (the sentiment model passes its
    lexicon scores this way). Deterministic: the same text always gives the same row.
    """
    return featurize_triplets(texts, bits=bits, extra=extra).to_csr()
