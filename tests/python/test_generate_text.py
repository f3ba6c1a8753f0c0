"""Tests of the synthetic text generator (``social_commerce.generate.text``)."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import polars as pl
import pytest

from social_commerce.generate import text

#: Products used as inputs: (noun, category, brand).
PRODUCTS = [
    ("lip oil", "makeup", "Glowverse"),
    ("walking pad", "fitness", "Pulsefit"),
    ("cargo pants", "apparel", "Luxe Co"),
    ("serum", "skincare", "Dewlab"),
    ("magsafe wallet", "phone_accessories", "Chargely"),
    ("cat fountain", "pet_supplies", "Snoutly"),
    ("gold hoops", "jewelry", "Aurelia"),
    ("skincare routine", "skincare", ""),  # a video without a product: topic noun, no brand
]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
#: Words that only occur in the non-English text (Spanish, Portuguese, French, German, Tagalog,
#: Indonesian, romanized Korean), used to estimate the share of non-English comments.
FOREIGN_WORDS = set(
    re.split(
        r"\s+",
        """
    dónde cuánto cuesta encanta lindo necesito pedí compré comprado acabo llegó hermoso quiero
    nadie necesita canción primero nunca compraría rompió sígueme consumismo saludos marca
    amei preciso onde quanto comprei chegou carrinho alguém ninguém disso música quebrou
    segue fofo apaixonada entrega testou pfv
    trop adore mignon génial lien stp combien livre vaut commandé panier personne musique
    jamais mien
    süß brauch schön genial gibt's bitte teuer liefern lohnt bestellt gekauft warenkorb
    braucht würde welcher kaputt werbung katze
    ganda galing saan mabibili magkano nabili dumating yung pusa kailangan sayang
    lucu banget bagus keren dimana berapa harganya dong kak udah sampe kucingnya butuh
    daebak neomu jinjja eodiseo eolmayeyo sasseoyo jumunhaesseoyo
    """.strip(),
    )
)


def _inputs(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Random (level, noun, category, brand) arrays of length ``n``."""
    rng = np.random.default_rng([seed, 99])
    pick = rng.integers(0, len(PRODUCTS), n)
    table = np.array(PRODUCTS, dtype=str)
    level = rng.integers(0, 4, n)
    return level, table[pick, 0], table[pick, 1], table[pick, 2]


def _lower(values: np.ndarray) -> pl.Series:
    return pl.Series(values.astype(str)).str.to_lowercase()


def _share(values: np.ndarray, pattern: str) -> float:
    """Share of texts matching a (case-insensitive) regex."""
    return float(_lower(values).str.contains(pattern).mean() or 0.0)


def _is_foreign(values: np.ndarray) -> np.ndarray:
    words = _lower(values).str.replace_all(r"[^\w'áéíóúãõçàèêñüöäß ]", " ").str.split(" ")
    return np.array([bool(set(w) & FOREIGN_WORDS) for w in words.to_list()])


@pytest.fixture(scope="module")
def comments() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """20,000 comments (5,000 per level), their levels and nouns."""
    level, noun, category, brand = _inputs(20_000)
    level = np.repeat(np.arange(4), 5_000)
    out = text.comment_texts(np.random.default_rng(1), level, noun, category, brand)
    return out, level, noun


# --------------------------------------------------------------------------------------------
# Comments
# --------------------------------------------------------------------------------------------


def test_comments_are_deterministic_and_shaped() -> None:
    level, noun, category, brand = _inputs(3_000)
    first = text.comment_texts(np.random.default_rng(5), level, noun, category, brand)
    second = text.comment_texts(np.random.default_rng(5), level, noun, category, brand)
    other = text.comment_texts(np.random.default_rng(6), level, noun, category, brand)
    assert len(first) == len(level)
    assert all(isinstance(t, str) for t in first)
    assert list(first) == list(second)
    assert list(first) != list(other)


def test_every_level_is_varied(comments: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    out, level, _ = comments
    for lvl in range(4):
        assert len(set(out[level == lvl])) > 300, lvl
    # No text dominates a level.
    for lvl in range(4):
        counts = pl.Series(out[level == lvl].astype(str)).value_counts(sort=True)
        assert counts["count"][0] / 5_000 < 0.03, lvl


def test_comments_are_clean(comments: tuple[np.ndarray, np.ndarray, np.ndarray]) -> None:
    out, _, _ = comments
    series = pl.Series(out.astype(str))
    assert not series.str.contains(PLACEHOLDER.pattern).any()
    assert (series.str.len_chars() > 0).all()
    assert not series.str.contains("  ").any()
    assert (series == series.str.strip_chars()).all()


def test_noun_appears_in_consideration_and_purchase(
    comments: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    out, level, noun = comments
    lowered = _lower(out).to_list()
    mentions = np.array([n in t for n, t in zip(noun, lowered, strict=True)])
    product = noun != "skincare routine"
    for lvl in (2, 3):
        assert mentions[(level == lvl) & product].mean() > 0.2, lvl
    assert mentions[(level >= 2) & product].mean() > mentions[(level == 0) & product].mean()


def test_levels_carry_their_semantics(
    comments: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    out, level, _ = comments
    by_level = [out[level == lvl] for lvl in range(4)]
    # Purchase words belong to level 3, questions mostly to level 2, but neither is exclusive.
    bought = r"\b(ordered|bought|cart|arrived|code worked|checked out)\b"
    assert _share(by_level[3], bought) > 0.3
    assert _share(by_level[1], bought) < 0.05
    assert _share(by_level[2], r"\?") > 0.4
    assert 0.03 < _share(by_level[0], r"\?") < _share(by_level[2], r"\?")
    # Hard cases are present at a realistic share.
    assert _share(by_level[0], r"\b(never|not|don't|nobody|no one|waste|broke|pass)\b") > 0.05
    assert _share(by_level[0], r"(check my|follow|dm|promo|link in|bio)") > 0.02
    emoji_only = ~_lower(by_level[1]).str.contains(r"[a-zà-ÿ]").to_numpy()
    assert 0.03 < emoji_only.mean() < 0.25
    assert _share(by_level[2], r"@\w") > 0.02


def test_some_comments_are_not_english(
    comments: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> None:
    out, level, _ = comments
    foreign = _is_foreign(out)
    assert 0.015 < foreign.mean() < 0.08
    for lvl in range(4):
        assert foreign[level == lvl].any(), lvl


def test_comments_without_brand_do_not_show_an_empty_brand() -> None:
    n = 4_000
    level = np.random.default_rng(3).integers(0, 4, n)
    out = text.comment_texts(
        np.random.default_rng(3),
        level,
        np.full(n, "outfit"),
        np.full(n, "apparel"),
        np.full(n, ""),
    )
    series = pl.Series(out.astype(str))
    assert not series.str.contains(r"the  |  |^ | $|@ ").any()


def test_comments_handle_empty_and_unknown_inputs() -> None:
    empty = np.array([], dtype=str)
    assert len(text.comment_texts(np.random.default_rng(0), np.array([], int), *[empty] * 3)) == 0
    out = text.comment_texts(
        np.random.default_rng(0),
        np.array([0, 1, 2, 3] * 50),
        np.full(200, "gizmo"),
        np.full(200, "unknown_category"),
        np.full(200, "Acme"),
    )
    assert len(out) == 200
    assert not pl.Series(out.astype(str)).str.contains(PLACEHOLDER.pattern).any()


# --------------------------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------------------------

NEGATIVE = r"\b(scam|broke|worst|refund\w*|never|garbage|disappoint\w*|overhyped|return\w*|avoid)\b"
POSITIVE = r"\b(love|obsessed|best|amazing|recommend|great|good|perfect|nice|worth every)\b"


@pytest.mark.parametrize("kind", ["tweet", "reddit_title", "reddit_body", "reddit_comment"])
def test_mention_tone_follows_sentiment(kind: str) -> None:
    n = 6_000
    _, noun, _, brand = _inputs(n, seed=4)
    brand = np.where(brand == "", "Glowverse", brand)
    sentiment = np.random.default_rng(2).uniform(-1, 1, n)
    out = text.mention_texts(np.random.default_rng(2), sentiment, brand, noun, kind)
    assert len(out) == n
    series = pl.Series(out.astype(str))
    assert not series.str.contains(PLACEHOLDER.pattern).any()
    assert (series.str.len_chars() > 0).all()
    strong_negative, strong_positive = sentiment < -0.6, sentiment > 0.6
    neutral = np.abs(sentiment) <= 0.2
    negative = _lower(out).str.contains(NEGATIVE).to_numpy()
    positive = _lower(out).str.contains(POSITIVE).to_numpy()
    assert negative[strong_negative].mean() > 2 * negative[strong_positive].mean()
    assert positive[strong_positive].mean() > 2 * positive[strong_negative].mean()
    assert negative[strong_negative].mean() > negative[neutral].mean()
    assert len(set(out)) > n / 4


def test_mention_kinds_have_their_shape() -> None:
    n = 3_000
    _, noun, _, brand = _inputs(n, seed=5)
    brand = np.where(brand == "", "Glowverse", brand)
    sentiment = np.random.default_rng(1).uniform(-1, 1, n)

    def words(kind: str) -> float:
        out = text.mention_texts(np.random.default_rng(1), sentiment, brand, noun, kind)
        return float(pl.Series(out.astype(str)).str.split(" ").list.len().mean() or 0.0)

    assert words("reddit_body") > 2 * words("tweet")
    assert words("reddit_title") < words("reddit_body")
    tweets = text.mention_texts(np.random.default_rng(1), sentiment, brand, noun, "tweet")
    assert 0.05 < _share(tweets, r"#\w") < 0.6
    assert 0.01 < _is_foreign(tweets).mean() < 0.1
    with pytest.raises(ValueError, match="kind"):
        text.mention_texts(np.random.default_rng(1), sentiment, brand, noun, "facebook")


def test_sentiment_label_thresholds() -> None:
    values = np.array([-1.0, -0.21, -0.2, 0.0, 0.2, 0.2001, 0.9])
    labels = text.sentiment_label(values)
    expected = ["negative", "negative", "neutral", "neutral", "neutral", "positive", "positive"]
    assert list(labels) == expected


# --------------------------------------------------------------------------------------------
# Captions and bios
# --------------------------------------------------------------------------------------------


def test_video_descriptions_end_with_hashtags_and_disclose() -> None:
    n = 2_000
    rng = np.random.default_rng(108)
    _, noun, _, brand = _inputs(n, seed=8)
    sponsored = (brand != "") & (rng.random(n) < 0.3)
    tags = np.empty(n, dtype=object)
    pools = [["fyp", "glassskin"], ["tiktokmademebuyit"], [], ["amazonfinds", "cleantok", "fyp"]]
    tags[:] = [list(pools[i % 4]) for i in range(n)]
    with_ad = sponsored & (np.arange(n) % 3 == 0)
    for i in np.flatnonzero(with_ad):
        tags[i] = [*tags[i], "ad"]
    out = text.video_descriptions(np.random.default_rng(8), noun, brand, tags, sponsored)
    again = text.video_descriptions(np.random.default_rng(8), noun, brand, tags, sponsored)
    assert list(out) == list(again)
    assert len(out) == n
    for caption, row_tags in zip(out, tags, strict=True):
        if row_tags:
            assert caption.endswith(" ".join(f"#{t}" for t in row_tags)) or caption == " ".join(
                f"#{t}" for t in row_tags
            )
    disclosed = _lower(out).str.contains(r"#ad\b|#sponsored\b|paid partnership with").to_numpy()
    assert disclosed[sponsored].all()
    assert not _lower(out[sponsored]).str.contains("not sponsored|deinfluencing").any()
    assert not pl.Series(out.astype(str)).str.contains(PLACEHOLDER.pattern).any()
    assert len(set(out)) > n / 2


def test_bios() -> None:
    n = 1_500
    rng = np.random.default_rng(104)
    categories = np.array([p[1] for p in PRODUCTS])[rng.integers(0, len(PRODUCTS), n)]
    regions = np.array(["US", "GB", "BR", "DE", "MX", "PH", "ID", "FR", "CA"])[
        rng.integers(0, 9, n)
    ]
    out = text.bios(np.random.default_rng(4), categories, regions)
    assert len(out) == n
    assert list(out) == list(text.bios(np.random.default_rng(4), categories, regions))
    series = pl.Series(out.astype(str))
    assert 0.9 < (series != "").mean() < 1.0
    assert series.n_unique() > n / 3
    assert series.str.contains("🇧🇷").any()
    assert not series.str.contains(PLACEHOLDER.pattern).any()


# --------------------------------------------------------------------------------------------
# Reviews, surveys, names
# --------------------------------------------------------------------------------------------


def test_review_tone_follows_rating() -> None:
    n = 10_000
    rng = np.random.default_rng(112)
    _, noun, _, brand = _inputs(n, seed=12)
    rating = rng.integers(1, 6, n)
    regretted = rng.random(n) < 0.2
    title, body = text.review_texts(np.random.default_rng(12), rating, noun, brand, regretted)
    again = text.review_texts(np.random.default_rng(12), rating, noun, brand, regretted)
    assert list(title) == list(again[0]) and list(body) == list(again[1])
    assert len(title) == len(body) == n
    both = pl.concat([pl.Series(title.astype(str)), pl.Series(body.astype(str))])
    assert not both.str.contains(PLACEHOLDER.pattern).any()
    assert (both.str.len_chars() > 0).all()
    love = _lower(body).str.contains(r"\b(love|great|amazing|perfect|obsessed)\b").to_numpy()
    hate = _lower(body).str.contains(r"\b(waste|garbage|terrible|broke|awful|worst)\b").to_numpy()
    assert love[rating == 5].mean() > 2 * love[rating == 1].mean()
    assert hate[rating == 1].mean() > 2 * hate[rating == 5].mean()
    # Some bodies are short, some have several sentences.
    sentences = pl.Series(body.astype(str)).str.count_matches(r"[.!?](\s|$)").to_numpy()
    assert (sentences <= 1).mean() > 0.15 and (sentences >= 3).mean() > 0.2
    # Regretted buyers talk about returning, reselling or the hype.
    regret_words = r"return|resell|poshmark|hype|impulse|didn't need|drawer|tiktok|whim"
    regret_talk = _lower(np.concatenate([title, body])).str.contains(regret_words).to_numpy()
    regret_talk = regret_talk[:n] | regret_talk[n:]
    assert regret_talk[regretted].mean() > 2 * regret_talk[~regretted].mean()


def test_survey_comments_are_consistent() -> None:
    n = 10_000
    rng = np.random.default_rng(121)
    _, noun, _, _ = _inputs(n, seed=21)
    statuses = np.array(["kept", "returned", "resold", "gave_away", "discarded"])
    status = statuses[rng.integers(0, 5, n)]
    regret = rng.integers(1, 6, n)
    satisfaction = rng.integers(1, 6, n)
    out = text.survey_comments(np.random.default_rng(21), regret, satisfaction, status, noun)
    again = text.survey_comments(np.random.default_rng(21), regret, satisfaction, status, noun)
    assert list(out) == list(again)
    series = _lower(out)
    empty = (series == "").to_numpy()
    assert 0.36 < empty.mean() < 0.44
    assert not series.str.contains(PLACEHOLDER.pattern).any()
    said = ~empty
    returned = series.str.contains(r"return|sent it back").to_numpy()
    assert returned[said & (status == "returned")].mean() > 0.95
    assert returned[said & (status == "gave_away")].mean() < 0.05
    resold = series.str.contains(r"sold|poshmark|ebay|mercari|marketplace").to_numpy()
    assert resold[said & (status == "resold")].mean() > 0.95
    # Kept items: happy words for low regret, non-use for high regret.
    unused = series.str.contains(
        r"barely|drawer|closet|don't really use|twice|lazy|missed"
    ).to_numpy()
    kept = said & (status == "kept")
    assert unused[kept & (regret >= 4)].mean() > 0.5
    assert unused[kept & (regret <= 2)].mean() < 0.05


def test_customer_names() -> None:
    first, last = text.customer_names(np.random.default_rng(3), 8_000)
    again = text.customer_names(np.random.default_rng(3), 8_000)
    assert list(first) == list(again[0]) and list(last) == list(again[1])
    assert first.shape == last.shape == (8_000,)
    assert all(isinstance(x, str) and x for x in np.concatenate([first, last]))
    assert len(set(first)) > 300 and len(set(last)) > 300
    non_ascii = np.array(
        [any(ord(c) > 127 for c in f + s) for f, s in zip(first, last, strict=True)]
    )
    assert 0.01 < non_ascii.mean() < 0.25
    for name in ("José", "Nguyễn"):
        assert name in set(first) | set(last)
    empty_first, empty_last = text.customer_names(np.random.default_rng(3), 0)
    assert len(empty_first) == len(empty_last) == 0


# --------------------------------------------------------------------------------------------
# Every function: same seed, same text; no per-row randomness outside the generator
# --------------------------------------------------------------------------------------------


def test_all_functions_only_use_the_given_generator() -> None:
    n = 500
    level, noun, category, brand = _inputs(n, seed=30)
    sentiment = np.linspace(-1, 1, n)
    tags = np.empty(n, dtype=object)
    tags[:] = [["fyp"]] * n
    calls: list[Callable[[np.random.Generator], object]] = [
        lambda r: text.comment_texts(r, level, noun, category, brand),
        lambda r: text.mention_texts(r, sentiment, np.full(n, "Glowverse"), noun, "reddit_body"),
        lambda r: text.video_descriptions(r, noun, brand, tags, np.zeros(n, bool)),
        lambda r: text.bios(r, category, np.full(n, "US")),
        lambda r: text.review_texts(r, level + 1, noun, brand, level > 2),
        lambda r: text.survey_comments(r, level + 1, level + 1, np.full(n, "kept"), noun),
        lambda r: text.customer_names(r, n),
    ]
    for call in calls:
        np.random.seed(0)
        first = call(np.random.default_rng(77))
        np.random.seed(1)
        second = call(np.random.default_rng(77))
        assert repr(first) == repr(second)
