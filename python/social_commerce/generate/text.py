"""Synthetic social and shop text: comments, mentions, captions, bios, reviews, surveys, names.

Every function is vectorized over numpy arrays (one row per record) and draws all of its randomness
from the ``numpy.random.Generator`` it is given, so the same seed gives the same text.

Where the phrasing comes from
-----------------------------
The fragments below were written for this project after the *patterns* seen in public comment
sections of TikTok / Instagram shopping videos (#tiktokmademebuyit, #amazonfinds, TikTok Shop
"orange cart" videos), product-review sites, X and Reddit threads about brands: the questions people
ask ("link?", "does it come in black", "what size are you wearing"), how purchases are announced
("just ordered 2", "code worked thx"), the slang, emoji and typing habits, the anti-consumption
and de-influencing backlash, spam bots and off-topic jokes. All text is invented; none is copied.

How it is built
---------------
Text is composed from fragment pools rather than fixed sentences, so that a model trained on it
sees the variety of real text and cannot key on one token:

* a *core* phrase per label (intent level 0-3 for comments, tone for mentions, rating for
  reviews), drawn from several weighted sub-pools (for comments at level 0: jokes about the video,
  spam bots, negation / anti-consumption, complaints, non-purchase questions, emoji-only ...);
* slots filled per row: ``{it}`` (how the product is referred to: "the lip oil", "this", "it",
  "the one in the video"), ``{noun}``, ``{brand}``, ``{friend}`` (an @mention), category-specific
  questions and experiences (``{q}``: "does it work on curly hair"), numbers, prices, colours ...;
* optional openers ("omg", "ngl", "wait", "ok but"), endings ("??", "lol", "fr"), emoji;
* styling applied to a share of rows: sentence case, all lower case, ALL CAPS, elongations
  ("sooo", "pleaseee") and typos (two letters swapped, a letter dropped or doubled);
* about 4 % non-English text (Spanish, Portuguese, French, German, a little Tagalog, Indonesian
  and romanized Korean) with the same label semantics ("dónde lo compro??" is a question).

Speed: phrases are picked by integer index per row and assembled with polars string expressions;
a slot is only filled on the rows whose phrase contains it. There is no per-row Python loop
(loops run over pools, categories and languages): 250,000 comments take about 1.3 s on a
2-core machine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
import pyarrow as pa

__all__ = [
    "bios",
    "comment_texts",
    "customer_names",
    "mention_texts",
    "review_texts",
    "sentiment_label",
    "survey_comments",
    "video_descriptions",
]

#: Sentiment above this is "positive", below minus this "negative" (truth labels use it).
SENTIMENT_THRESHOLD = 0.2


# ============================================================================================
# Machinery: pools, grouped draws, slot filling, styling
# ============================================================================================


def _lines(block: str) -> list[str]:
    """Phrases of a block, one per line (surrounding blanks and empty lines dropped)."""
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


def _words(block: str) -> list[str]:
    """Whitespace-separated words of a block."""
    return block.split()


@dataclass(frozen=True)
class _Pool:
    """A weighted phrase pool: the phrases and the probability of drawing each."""

    items: list[str]
    p: np.ndarray

    @staticmethod
    def of(parts: Sequence[tuple[float, Sequence[str]]]) -> _Pool:
        """Pool of sub-pools: each sub-pool gets its weight, shared evenly by its phrases."""
        items: list[str] = []
        weights: list[float] = []
        for weight, phrases in parts:
            if not phrases or weight <= 0:
                continue
            items.extend(phrases)
            weights.extend([weight / len(phrases)] * len(phrases))
        p = np.asarray(weights, dtype=np.float64)
        return _Pool(items, p / p.sum())

    @staticmethod
    def flat(phrases: Sequence[str]) -> _Pool:
        """Pool of equally likely phrases."""
        return _Pool.of([(1.0, phrases)])

    @staticmethod
    def weighted(pairs: Sequence[tuple[str, float]]) -> _Pool:
        """Pool from (phrase, weight) pairs."""
        p = np.asarray([w for _, w in pairs], dtype=np.float64)
        return _Pool([s for s, _ in pairs], p / p.sum())

    def without(self, *tokens: str) -> _Pool:
        """The pool without phrases containing any of ``tokens`` (renormalised)."""
        keep = [i for i, s in enumerate(self.items) if not any(t in s for t in tokens)]
        if not keep:
            return self
        return _Pool([self.items[i] for i in keep], self.p[keep] / self.p[keep].sum())

    def indices(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` random phrase indices."""
        if len(self.items) == 1:
            return np.zeros(n, dtype=np.int64)
        return rng.choice(len(self.items), size=n, p=self.p)

    def draw(self, rng: np.random.Generator, n: int) -> pl.Series:
        """``n`` random phrases."""
        return pl.Series(self.items, dtype=pl.String).gather(self.indices(rng, n))


def _draw_grouped(rng: np.random.Generator, group: np.ndarray, pools: Sequence[_Pool]) -> pl.Series:
    """One phrase per row from ``pools[group[row]]``."""
    bank = pl.Series([s for pool in pools for s in pool.items], dtype=pl.String)
    offsets = np.cumsum([0] + [len(pool.items) for pool in pools])
    idx = np.zeros(len(group), dtype=np.int64)
    for g, pool in enumerate(pools):
        rows = np.flatnonzero(group == g)
        if len(rows):
            idx[rows] = offsets[g] + pool.indices(rng, len(rows))
    return bank.gather(idx)


def _codes(values: pl.Series, keys: Sequence[str]) -> np.ndarray:
    """Index of each value in ``keys`` (``len(keys)`` when absent)."""
    mapping = {k: i for i, k in enumerate(keys)}
    codes = values.replace_strict(mapping, default=len(keys), return_dtype=pl.Int64)
    return codes.to_numpy()


#: A slot filler: given the rows that contain the slot, one replacement per row.
_Filler = Callable[[np.ndarray], pl.Series]


def _fill(text: pl.Series, fillers: Sequence[tuple[str, _Filler]]) -> pl.Series:
    """Replace each ``{slot}`` (in order) on the rows that contain it; fillers may add slots."""
    text = text.clone()
    for slot, filler in fillers:
        token = "{" + slot + "}"
        rows = np.flatnonzero(text.str.contains(token, literal=True).to_numpy())
        if not len(rows):
            continue
        frame = pl.DataFrame({"t": text.gather(rows), "v": filler(rows)})
        done = frame.select(pl.col("t").str.replace_all(token, pl.col("v"), literal=True))
        text.scatter(rows, done.to_series())
    return text


def _const(value: pl.Series) -> _Filler:
    """Filler taking the value of each row from a per-row series."""
    return lambda rows: value.gather(rows)


def _from(rng: np.random.Generator, pool: _Pool) -> _Filler:
    """Filler drawing from a pool."""
    return lambda rows: pool.draw(rng, len(rows))


def _from_groups(rng: np.random.Generator, group: np.ndarray, pools: Sequence[_Pool]) -> _Filler:
    """Filler drawing from ``pools[group[row]]``."""
    return lambda rows: _draw_grouped(rng, group[rows], pools)


def _apply(text: pl.Series, rows: np.ndarray, expr: Callable[[pl.Expr], pl.Expr]) -> pl.Series:
    """``text`` with ``expr`` applied to the given rows only."""
    if not len(rows):
        return text
    done = pl.DataFrame({"t": text.gather(rows)}).select(expr(pl.col("t"))).to_series()
    return text.scatter(rows, done)


def _sentence_case(t: pl.Expr) -> pl.Expr:
    """First character upper case, the rest untouched."""
    return pl.concat_str([t.str.slice(0, 1).str.to_uppercase(), t.str.slice(1)])


def _lower_first(t: pl.Expr) -> pl.Expr:
    """First character lower case, the rest untouched."""
    return pl.concat_str([t.str.slice(0, 1).str.to_lowercase(), t.str.slice(1)])


def _casing(
    rng: np.random.Generator, text: pl.Series, sentence: float, lower: float, caps: np.ndarray
) -> pl.Series:
    """Sentence case / all lower case / ALL CAPS on a share of rows (``caps`` per row)."""
    n = len(text)
    u = rng.random(n)
    text = _apply(text, np.flatnonzero(u < caps), lambda t: t.str.to_uppercase())
    text = _apply(text, np.flatnonzero((u >= caps) & (u < caps + sentence)), _sentence_case)
    low = (u >= caps + sentence) & (u < caps + sentence + lower)
    return _apply(text, np.flatnonzero(low), lambda t: t.str.to_lowercase())


#: Words people stretch ("sooo", "pleaseee") and the letter they repeat.
_STRETCH: dict[str, str] = {
    "so": "o", "omg": "g", "need": "d", "please": "e", "pls": "s", "yes": "s", "cute": "e",
    "love": "e", "now": "w", "stop": "p", "girl": "l", "wow": "w", "what": "t", "obsessed": "d",
    "pretty": "y", "want": "t", "link": "k", "hi": "i", "why": "y", "ugh": "h", "noo": "o",
    "yay": "y", "cuteee": "e", "omgg": "g", "pleasee": "e", "plss": "s", "yess": "s",
}  # fmt: skip


def _stretch(rng: np.random.Generator, text: pl.Series, share: float) -> pl.Series:
    """Elongate stretchable words ("so" -> "sooo") on a share of rows."""
    chosen = np.flatnonzero(rng.random(len(text)) < share)
    if not len(chosen):
        return text
    extra = rng.integers(0, 3, len(chosen))
    for k, repeat in enumerate((2, 3, 6)):
        rows = chosen[extra == k]

        def stretch(t: pl.Expr, repeat: int = repeat) -> pl.Expr:
            for word, letter in _STRETCH.items():
                t = t.str.replace_all(rf"\b{word}\b", word + letter * repeat)
            return t

        text = _apply(text, rows, stretch)
    return text


def _typos(rng: np.random.Generator, text: pl.Series, share: float) -> pl.Series:
    """Typing slips on a share of rows: two adjacent letters swapped, one dropped or doubled."""
    rows = np.flatnonzero(rng.random(len(text)) < share)
    if not len(rows):
        return text
    sub = text.gather(rows)
    length = sub.str.len_chars().to_numpy().astype(np.int64)
    pos = np.floor(rng.random(len(rows)) * np.maximum(length - 1, 1)).astype(np.int64)
    kind = rng.integers(0, 3, len(rows))
    frame = pl.DataFrame({"t": sub, "p": pos, "k": kind})
    t, p, k = pl.col("t"), pl.col("p"), pl.col("k")
    head, c1, c2, rest = (
        t.str.slice(0, p),
        t.str.slice(p, 1),
        t.str.slice(p + 1, 1),
        t.str.slice(p + 2),
    )
    letters = pl.concat_str([c1, c2]).str.contains("^[a-z]{2}$")
    slipped = (
        pl.when(~letters)
        .then(t)
        .when(k == 0)
        .then(pl.concat_str([head, c2, c1, rest]))
        .when(k == 1)
        .then(pl.concat_str([head, c2, rest]))
        .otherwise(pl.concat_str([head, c1, c1, c2, rest]))
    )
    return text.scatter(rows, frame.select(slipped).to_series())


def _emoji_pool(
    emoji: str, single: float = 0.5, double: float = 0.25, triple: float = 0.15
) -> _Pool:
    """Emoji tails from a string of emoji: one, the same one 2-3 times, or two different ones."""
    chars = list(emoji)
    pairs = [a + b for a in chars for b in chars if a != b]
    return _Pool.of(
        [
            (single, chars),
            (double, [c * 2 for c in chars]),
            (triple, [c * 3 for c in chars]),
            (1.0 - single - double - triple, pairs),
        ]
    )


def _as_series(values: np.ndarray | Sequence[str], name: str = "t") -> pl.Series:
    """A polars string series of ``values`` (numpy ``str`` or object arrays, lists)."""
    array = np.asarray(values)
    if array.dtype.kind != "U":
        array = array.astype(str)
    return pl.Series(name, array.astype(object), dtype=pl.String)


def _out(text: pl.Series) -> np.ndarray:
    """Result as a numpy object array of python ``str``."""
    return text.to_numpy().astype(object)


def _chance(rng: np.random.Generator, n: int, share: float | np.ndarray) -> np.ndarray:
    """Boolean per row, true with probability ``share``."""
    return rng.random(n) < share


def _blank(text: pl.Series, mask: np.ndarray) -> pl.Series:
    """``text`` with the masked rows set to the empty string."""
    return _apply(text, np.flatnonzero(mask), lambda t: t.str.slice(0, 0))


# ============================================================================================
# Shared slot values
# ============================================================================================

#: How a product is referred to (``{it}``) when the video features one.
_IT_PRODUCT = _Pool.weighted(
    [
        ("the {noun}", 30), ("this {noun}", 14), ("that {noun}", 4), ("this", 17), ("it", 11),
        ("that", 3), ("the one in the video", 4), ("the {brand} {noun}", 7), ("the {brand} one", 2),
        ("your {noun}", 4), ("these", 1), ("this exact {noun}", 1), ("the {noun} you used", 2),
    ]
)  # fmt: skip
#: How the "product" is referred to when the video has none (noun is a topic: "skincare routine").
_IT_TOPIC = _Pool.weighted(
    [
        ("this", 30), ("it", 18), ("that", 8), ("everything", 5), ("your {noun}", 12),
        ("the stuff in this {noun}", 4), ("all of this", 5), ("the one you used", 8),
        ("what you used", 4), ("the thing you used at the start", 3),
    ]
)  # fmt: skip

_NUM = _Pool.weighted(
    [("2", 30), ("3", 14), ("two", 14), ("three", 6), ("4", 5), ("5", 3), ("a few", 6),
     ("10", 2), ("another one", 6), ("one", 8), ("6", 1)]
)  # fmt: skip
_WHO = _Pool.flat(
    _lines("""
    my mom
    my sister
    my bestie
    my bf
    my gf
    my husband
    my wife
    my daughter
    my son
    my roommate
    my coworker
    my grandma
    my mother in law
    my best friend
    my niece
    my boyfriend
    my little sister
    my dad
    my aunt
    my hubby
    """)
)
_TIME = _Pool.flat(
    _lines("""
    a week
    2 weeks
    3 days
    a month
    two months
    a few days
    6 months
    3 weeks
    two days
    like a week
    10 days
    a year
    """)
)
_PRICE = _Pool.flat(
    _lines("""
    $12
    $15
    $19.99
    $20
    $25
    $29
    $30
    $34.99
    $40
    $45
    $50
    $60
    $80
    $100
    40 bucks
    20 dollars
    $18
    $27
    """)
)
_COLOR = _Pool.flat(
    _lines("""
    black
    white
    pink
    beige
    sage
    brown
    blue
    lilac
    navy
    cream
    red
    green
    grey
    gold
    silver
    purple
    baby blue
    mocha
    """)
)
_COUNTRY = _Pool.flat(
    _lines("""
    canada
    the uk
    australia
    germany
    ireland
    mexico
    the philippines
    new zealand
    france
    puerto rico
    hawaii
    alaska
    """)
)
_ALT = _Pool.flat(
    _lines("""
    the dyson
    the stanley
    the amazon one
    the target one
    the $5 one
    the expensive one
    the original
    the one from temu
    the shein one
    the costco one
    the one everyone had last year
    the viral one
    """)
)
_STORE = _Pool.flat(
    _lines("""
    amazon
    target
    tiktok shop
    walmart
    temu
    costco
    sephora
    ulta
    their website
    """)
)
#: Given names used for @mentions, author handles and customer names.
_HANDLE_NAMES = _words("""
jess sam mia alex tay kayla emma liv jordan chris ash becca nat sofia dani maddie
lexi bri jay mike tyler hannah kat jen lauren megan ana lucy zoe ella grace ruby
josh matt dev priya leo nina maya isa jake ryan rach sarah kim steph vic mel
abby carly dom gabby izzy jojo kenz lila nora paige quinn rosie sierra tori val
""")
_HANDLE_STYLES = _Pool.weighted(
    [("{n}", 20), ("{n}{d}", 20), ("{n}_{d}", 8), ("{n}.{s}", 10), ("its{n}", 5),
     ("{n}xo", 4), ("{n}_{s}", 8), ("x{n}x", 2), ("{n}{s}{d}", 6), ("{n}.official", 1),
     ("the.real.{n}", 2), ("{n}__", 2)]
)  # fmt: skip
_HANDLE_SURNAME_BITS = _words("m k r b smith lee g t j w h p")


def _friend_handles(rng: np.random.Generator, n: int) -> pl.Series:
    """``n`` @handles of friends tagged in comments ("@jess", "@kayla.m", "@tay_22")."""
    style = _HANDLE_STYLES.draw(rng, n)
    name = pl.Series(_HANDLE_NAMES).gather(rng.integers(0, len(_HANDLE_NAMES), n))
    digits = pl.Series(rng.integers(1, 100, n).astype(str))
    surname = pl.Series(_HANDLE_SURNAME_BITS).gather(rng.integers(0, len(_HANDLE_SURNAME_BITS), n))
    frame = pl.DataFrame({"s": style, "n": name, "d": digits, "b": surname})
    handle = (
        pl.col("s")
        .str.replace_all("{n}", pl.col("n"), literal=True)
        .str.replace_all("{d}", pl.col("d"), literal=True)
        .str.replace_all("{s}", pl.col("b"), literal=True)
    )
    return frame.select(pl.concat_str([pl.lit("@"), handle])).to_series()


def _links(rng: np.random.Generator, n: int) -> pl.Series:
    """Spam links ("bit.ly/3xQ9fa", "linktr.ee/earnfast22")."""
    alphabet = np.array(list("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"))
    code = alphabet[rng.integers(0, len(alphabet), (n, 6))]
    code_s = pl.DataFrame({f"c{i}": code[:, i] for i in range(6)}).select(
        pl.concat_str([pl.col(f"c{i}") for i in range(6)])
    )
    host = pl.Series(
        ["bit.ly/", "tinyurl.com/", "linktr.ee/", "shorturl.at/", "cutt.ly/", "t.ly/"]
    ).gather(rng.integers(0, 6, n))
    return (
        pl.DataFrame({"h": host, "c": code_s.to_series()})
        .select(pl.concat_str([pl.col("h"), pl.col("c")]))
        .to_series()
    )


def _brand_handle(brand: pl.Series) -> pl.Series:
    """Brand account handle: "Pawsome Co" -> "@pawsomeco"."""
    return "@" + brand.str.to_lowercase().str.replace_all(r"[^a-z0-9]", "")


def _common_fillers(
    rng: np.random.Generator,
    noun: pl.Series,
    brand: pl.Series,
    has_brand: np.ndarray,
) -> list[tuple[str, _Filler]]:
    """Fillers of the slots shared by all text families (order matters: ``{it}`` adds slots)."""
    return [
        ("it", _from_groups(rng, has_brand.astype(np.int64), [_IT_TOPIC, _IT_PRODUCT])),
        ("friend", lambda rows: _friend_handles(rng, len(rows))),
        ("num", _from(rng, _NUM)),
        ("who", _from(rng, _WHO)),
        ("time", _from(rng, _TIME)),
        ("price", _from(rng, _PRICE)),
        ("color", _from(rng, _COLOR)),
        ("country", _from(rng, _COUNTRY)),
        ("alt", _from(rng, _ALT)),
        ("store", _from(rng, _STORE)),
        ("link", lambda rows: _links(rng, len(rows))),
        ("noun", _const(noun)),
        ("brand", _const(brand)),
        ("handle", lambda rows: _brand_handle(brand.gather(rows))),
        ("brandtag", lambda rows: _brand_handle(brand.gather(rows)).str.strip_prefix("@")),
    ]


# ============================================================================================
# TikTok comments
# ============================================================================================

# --- Level 0: no buying intent ------------------------------------------------------------

#: Reactions to the video itself, the creator, pets, the sound; off-topic chatter.
_C0_VIDEO = _lines("""
the cat in the back 😭
why is no one talking about the cat
the dog in the background is everything
not the dog judging you the whole time
the cat walking in at the end 💀
your nails are so pretty
your hair looks so good in this
ur so pretty
your voice is so calming
the way you said that 😭
the voice at the end 💀
i came here for the song
the transition tho
the editing on this 🔥
you look like my cousin
pov: me watching this at 3am instead of sleeping
me at 2am watching {noun} videos instead of sleeping
why am i watching this, i don't even need one
the algorithm knows me too well
i'm just here for the comments
the comments 💀
comment section is wild
who else is watching this at work
your kitchen is so clean omg
your apartment is a vibe
queen 👑
mother
mother is mothering
i love your content
your videos always make my day
can you do a get ready with me next
part 2 pls
pt 2??
storytime when?
why did this make me laugh so hard
i'm crying 😭😭
bro thought he did something 💀
the way the {noun} fell 😭
the {noun} falling at the end 😂
ok but the {noun} hitting the floor 💀
my cat would destroy this in 2 seconds
my dog would eat that
happy friday everyone
anyone else here from the other video
the lighting in here is immaculate
you sound like a nature documentary
not the ad voice 😭
tiktok shop is taking over my fyp
every video on my fyp is this {noun} now
how many of these videos do i have to watch today
commenting for the algorithm
hi from germany 👋
who's watching from the philippines
love from brazil 🇧🇷
i thought this was a different video
wait i thought that was a sandwich
the way i thought that was a phone at first
day 47 of asking you to say hi to me
can u say hi to me
hi mom
notification gang
early gang
first
first 🥇
who's here after the update
i watched this 10 times
so satisfying to watch
this video is so satisfying
the sound of the packaging 🤤
the asmr in this
you're glowing in this one
the fit tho
your smile 🥹
the baby laughing in the background 😭
your husband in the back 💀
he's so done with you 😂
bro said nothing the entire video
i'm watching this instead of doing my homework
lmao the face you made
not you whispering
the way you held it like a baby
this made my day
i'm so tired
why is this on my fyp
how did i get here
tiktok stop showing me this
this is so random
ok the ending got me
the blooper at the end 😂
you look like you haven't slept in days 😭
the outfit you're wearing tho
we need a tour of your apartment
i could listen to you talk all day
this is the content i'm here for
unrelated but your eyebrows are perfect
the little dance at the end
the plant in the corner is thriving
no because the lighting
the confidence 😭
i'm screaming at the dog
we're not going to talk about what happened at 0:08?
the music choice 🔥
i have this song stuck in my head now
watching this with no sound
""")
#: Spam and bot comments (links, follow-for-follow, promo offers, bot praise).
_C0_SPAM = _lines("""
check my page 💰
follow for follow
f4f?
follow me i follow back 💯
DM for promo 📩
promote it on @viralgrowth.hq 🚀
want more views? dm @boostyourreach
i made $500 this week from home, link in my bio 💸
free giveaway on my page 🎁 hurry
win a free iphone 👉 check bio
this is so beautiful 😍 please check my page too 🙏
nice video 👍 visit my profile
great content! collab? dm us on ig
we'd love to feature you! dm @shopfinds.daily 💌
earn money from your phone 👉 {link}
who wants free followers 👀 check bio
crypto signals in bio 📈
sub4sub
hello dear, kindly check your inbox
i love this! check out my small business 💕
your content is amazing, we sent you a dm for a collab
🔥🔥🔥 follow me for daily finds
get paid to review products 👉 {link}
claim your free gift card here {link}
i grew to 10k in a week with @fastfollowsz
free shein haul 👉 {link}
promo? send it to @trendyfinds_promo
amazing 😍 we want to partner with you, check dm
make $200/day doing nothing, ask me how
for more deals like this follow @dailydealz_us
dm me for wholesale prices 📦
100% legit giveaway, winners announced on my page
""")
#: Negation and anti-consumption ("would never buy this", de-influencing).
_C0_NEGATION = _lines("""
would never buy this
another thing nobody needs
not buying this
i'm not falling for this one
tiktok made me NOT buy it
this is how they get you
overconsumption at its finest
the overconsumption on this app is insane
you don't need a {noun}
nobody needs a {noun} this badly
save your money, seriously
why would anyone pay for this
this is literally just a regular {noun} with a markup
i'll stick with my cheap one
just use what you already have
my wallet said no
scrolling past because i'm on a no buy year
no buy year stays strong 💪
deinfluencing this one
adding this to the list of things i'll never buy
you can find this at dollar tree
this is just temu with extra steps
this is going straight to a landfill
it's always an ad 🙄
every video is an ad now
the way you got paid to say this
it's sponsored so i don't trust it
y'all will buy anything
consumerism is crazy
i don't get the hype
meh, looks cheap
this looks so cheap tbh
not worth {price}
that's a no from me
hard pass
i'm good lol
it's giving landfill
it's giving temu
they really will sell anything
who is actually buying these
i almost bought this then remembered i'm broke
my bank account can't take another tiktok find
i don't need it, i don't need it, i don't need it
not me resisting for once
i have like 5 {noun}s already, not buying another
did we really need a new {noun}
the {noun} i already own works fine thanks
no one needs a {price} {noun}
stop buying stuff from tiktok guys
the markup on this is criminal
{brand} is just rebranded amazon stuff
don't fall for it
deinfluencing: you don't need the {noun}
this would end up in my junk drawer
it's cute but i would never use it
i'd rather keep my money
there's a cheaper version of this everywhere
not another {noun} 😩
""")
#: Complaints by (claimed) owners.
_C0_COMPLAINT = _lines("""
mine broke after a week
mine broke after {time}
i had this and it stopped working after {time}
got it and it looks nothing like the video
don't buy, it's so cheap in person
returned mine, total waste
bought it, used it twice, now it's in a drawer
mine smelled like chemicals
took {time} to arrive and came broken
mine came damaged and they never answered
the quality is terrible irl
ordered {color} and got a completely different color
fell for this and regret it
tiktok made me buy it and i regret it
the {noun} i got was half the size 😒
{brand} customer service ghosted me
mine stopped working the day after the return window closed
it looks way better on camera than in real life trust me
i bought this last year, it's in the trash now
mine fell apart after a few uses
{bad}
{bad}
{bad}
honestly {bad}
i had it and {bad}
""")
#: Questions that are not purchase questions.
_C0_QUESTION = _lines("""
is that your cat?
what's the song called?
song?
song name pls?
what's the sound?
where are you from? your accent is so cute
is that your bf filming?
what's your cat's name?
why are you whispering?
who's in the background?
did you film this at 3am?
what filter is this?
is this a skit?
is this real or ai?
is this ai?
what city is this?
are you ok?
what's your insta?
how do you have so much energy?
why is the {noun} in the bathroom?
what's your dog's breed?
how old is your baby?
did anyone else hear that?
why does this have so many views?
who is this guy?
how is this on my fyp?
what app did you edit this with?
where is this, it's so pretty?
is it just me or is the audio off?
am i the only one who thought the {noun} was food?
what nail shape is that?
are you left handed?
what time is it there?
is this your house?
wait is that a real dog?
""")
#: Short filler comments.
_C0_MISC = _lines("""
lol
lmao
ok
hii
same
real
fr
ayo
bruh
who asked 💀
me
this
the way i
nah
💀
me fr
literally me
ok and?
wow ok
noted
lmaoo
this app is so weird
why am i awake
i'm so bored
anyone up?
here before this blows up
""")
_C0_TAG = _lines("""
{friend} this is literally you 😂
{friend} remember when you did this lol
{friend} look at the cat
{friend} the dog 😭
{friend} this is so us
{friend} why is this so funny
{friend} the voice at the end 💀
{friend} you would never lol
{friend} look how cheap it looks
{friend} this is what i was talking about, the ads never end
""")
_C0_EMOJI = ["😂", "💀", "😭", "🤣", "😂😂", "💀💀💀", "😭😭", "🙄", "😐", "🤡", "👋", "😹"]

# --- Level 1: interest -------------------------------------------------------------------

_C1_LOVE = _lines("""
so cute
obsessed 😍
ok this is actually genius
need
i need this
i need it
need need need
want
i want one so bad
this is so pretty
the {noun} is so pretty
this is genius
who invented this, give them a raise
wow
love love love
i love this
in love
this looks amazing
the {noun} is so satisfying
it's giving luxury
it's giving main character
this ate
ate and left no crumbs
slay
the color 😍
the {color} one is so pretty
this is the cutest thing i've ever seen
why is this so cute
stop this is adorable
no bc this is actually so smart
why didn't i think of this
game changer
this would change my life
{who} would love this
this is so me
i didn't know i needed this until now
didn't know this existed
the way i gasped
my jaw dropped
tiktok is gonna make me broke
my wallet is crying already
trying so hard not to buy this
must resist
this is dangerous for my bank account
the way this would look in my apartment 😍
pretty!!
gorgeous
stunning
beautiful
so aesthetic
aesthetic af
the {noun} looks so good on you
it looks so good on you
that {noun} is everything
the packaging is so cute
i've been seeing this everywhere
seeing this everywhere 👀
need this in my life
need it in every color
{brand} never misses
{brand} does it again
{brand} stays winning
i love {brand} so much
{brand} is so underrated
i'm a sucker for anything {brand}
this is the best {noun} i've seen
ok this is cool
wait this is actually cool
ooh
ooo i like this
yesss
obsessed is an understatement
highkey want this
lowkey need this
this is so smart omg
cute!!
10/10
chef's kiss
perfection
i'm in love with the {noun}
the {noun} 😍😍
omg the {noun}
the {noun} tho
ur {noun} is so cute
my dream {noun}
dream {noun} fr
i want everything in this video
everything in this video is so pretty
saving this
saving this for later
bookmarked
the way i need this
this is so satisfying
i love how it looks
this is so clever
how cool is that
not me wanting this so bad
my inner child needs this
this is so pretty i could cry
i want it i want it i want it
that's so cool
it's so pretty omg
ok the {noun} is calling my name
the {brand} {noun} is so cute
the quality looks so good
looks so expensive
looks so comfy
the {noun} looks so good
i need a {noun} like this
this is exactly what i've been looking for
obsessed with the {noun}
that's genius honestly
this is so smart
it's giving clean girl
it's giving rich auntie
it's giving expensive
highkey obsessed
so good
love it
love this for you
this is beautiful
i'm obsessed
YES
literally perfect
okay i see the hype
i get the hype now
now i understand the hype
this is the one
the {noun} is so it
the details 😍
the texture 😍
""")
#: Rhetorical questions that express interest, not a purchase question.
_C1_RHETORICAL = _lines("""
    why is this so cute?
    how is this so pretty?
    why didn't i know about this sooner?
    how does this only have a few likes?
    who else is obsessed?
    why do i suddenly need a {noun}?
    how have i lived without this?
    is it just me or is this the cutest {noun} ever?
    why is the {noun} so pretty?
    how is nobody talking about this?
    """)
#: Sarcastic or ambivalent interest.
_C1_SARCASM = _lines("""
great, another thing i need 🙄
thanks tiktok, i definitely needed another {noun} 🙄
cool cool cool, my wallet hates you
wow thanks for this, my bank account loves you 🙃
why do you keep doing this to me
stop showing me things i want
not you making me want a {noun} i didn't know existed
i was doing so well with my savings until this video
my bank account is begging me to scroll
great, now i want one
ugh why is it so cute
i hate that i want this
""")
_C1_TAG = _lines("""
{friend} look how cute
{friend} omg
{friend} you'd love this
{friend} 😍😍
{friend} this is so you
{friend} look at the {noun}
{friend} the {noun} 😭
{friend} i'm obsessed
{friend} this is sooo pretty
{friend} you need to see this
""")
_C1_EMOJI = ["😍😍😍", "🔥🔥", "🥹🥹", "😍", "🤩", "✨✨", "💕💕", "😍🔥", "🙌", "👀👀", "🥰", "❤️❤️"]

# --- Level 2: consideration ----------------------------------------------------------------

_C2_WHERE = _lines("""
where is this from?
where is {it} from?
where did you get {it}?
where can i buy {it}?
where can i get {it}
link pls
link?
link
link please
linkkk
drop the link
can you link {it}?
is there a link?
where's the link
i can't find the link
the link isn't working
the link doesn't work for me
is {it} on amazon?
is this on tiktok shop?
is it on amazon or tiktok shop?
what's the brand?
brand?
what brand is {it}?
name of the {noun}?
what's it called?
what's the name of the shop?
shop name?
send link
link in bio?
pin the link pls
is it in the orange cart?
the orange cart isn't showing for me
how do i buy this?
how do i order {it}?
can i get {it} in store?
is it at target?
is it at walmart?
do they sell it at costco?
is {it} on {store}?
what's the link to the {noun}?
can you pin the {noun} link
need the link to the {noun}
where did you get the {noun} from?
who makes the {noun}?
i need the link
link for the {noun}?
""")
_C2_ASK = _lines("""
does it come in {color}?
do they have it in {color}?
what color is that?
is it worth it?
is {it} worth it?
is it worth the hype?
worth the money?
honest review?
how much?
how much is {it}?
price?
how much was it?
is it still on sale?
is the discount still going?
does the code still work?
is there a code?
do you have a discount code?
any codes?
do they ship to {country}?
does it ship to {country}?
how long did shipping take?
how long does shipping take?
does it actually work?
does it really work or is it just the filter?
how long have you had it?
how's it holding up?
is it better than {alt}?
is this a dupe for {alt}?
is this the viral one?
is this the same as {alt}?
which one should i get?
which color would you recommend?
should i get {it}?
thinking about getting {it}, is it good?
debating on getting {it} 🤔
i've been eyeing {it} for weeks, should i?
on the fence about {it}
is this legit?
is {brand} legit?
has anyone tried {it}?
anyone tried {it}?
anyone have {it}? is it good?
is {brand} good quality?
how's the quality?
is it sturdy?
how long does it last?
do you need to buy refills?
when does it restock?
is it back in stock?
sold out 😭 when restock?
will it go on sale for black friday?
is it cheaper on amazon?
is it cheaper anywhere else?
is it cheaper on tiktok shop or amazon?
can i still get the discount?
how many do you get for that price?
does it come with a warranty?
can you return it if it doesn't work?
is it easy to use?
would you buy it again?
is it worth {price}?
was it really {price}?
is the {brand} one better than the cheap ones?
real review pls, is it worth it?
is it good for the price?
ok but is the {noun} actually good?
does the {noun} come in other colors?
how big is the {noun}?
{q}?
{q}?
{q}?
{q}?
{q}?
{q}?
wait {q}?
question, {q}?
for the people who bought it, {q}?
anyone know if {q}?
""")
#: Consideration phrased around the product itself ("is the walking pad loud?").
_C2_NOUN = _lines("""
    where is the {noun} from?
    {noun} link?
    link to the {noun} pls
    the {noun} link isn't showing
    how much is the {noun}?
    how much was the {noun}?
    does the {noun} come in {color}?
    is the {noun} worth it?
    is the {noun} worth the hype?
    what brand is the {noun}?
    which {noun} is this?
    is that the {brand} {noun}?
    is the {brand} {noun} worth it?
    is the {noun} on sale rn?
    is the {noun} on {store}?
    where did you get that {noun}?
    where can i find this {noun}?
    i need that {noun}, where is it from?
    ok where is that {noun} from
    is the {noun} good quality?
    how long have you had the {noun}?
    does the {noun} really work?
    is this {noun} better than {alt}?
    is the {noun} a dupe for {alt}?
    been looking for a {noun} like this, link?
    debating between this {noun} and {alt}
    thinking about getting the {noun} for {who}
    would the {noun} make a good gift?
    is the {noun} still in stock?
    which {noun} should i get?
    does the {noun} run small?
    {q} (the {noun})?
    anyone have the {brand} {noun}?
    has anyone tried this {noun}?
    wait is the {noun} from {store}?
    need the name of the {noun}
    """)
_C2_PLAN = _lines("""
adding to my wishlist
putting {it} on my christmas list
this is my sign to get {it}
if this goes on sale again i'm getting it
waiting for payday 😭
payday can't come soon enough 🙏
adding it to my birthday list
might have to get {it}
seriously considering it
i think i'm getting {it}
ok i might need {it}
need to get this for {who}
this would be perfect for {who}, where do i get it?
would this work as a gift for {who}?
if it comes in {color} i'm buying it
i want to get {it} but i'm scared it won't be like the video
on my list for next month
saving up for {it}
""")
_C2_TAG = _lines("""
{friend} we need this
{friend} should we get this
{friend} for your birthday?? 👀
{friend} split it with me?
{friend} look, should i get it
{friend} matching ones?
{friend} we need this for the apartment
{friend} get this for me 🙏
{friend} is this the one you have? is it good?
{friend} christmas gift idea for me 👀
{friend} you have this right? worth it?
{friend} buy me this
""")

# --- Level 3: purchase / commitment ----------------------------------------------------------

_C3_BOUGHT = _lines("""
just ordered {num}
just ordered {it}
ordered!
ordered 🛒
ordered it lol
added to cart
added to cart 🛒
in my cart rn
checking out rn
ordering rn
ordering {it} right now
bought it after this video
bought {it} because of you
bought it 😭
i bought it
i caved and bought it
caved
ok i caved
you made me buy it
you made me buy {it} and i don't regret it
tiktok made me buy it
tiktok made me buy it and i'm not mad
code worked thx
code worked!
used your code!
used your code, thank you
just used your code 🙏
got it with your code
ordered with your link ✨
bought it from your link
bought {num} for christmas gifts
got one for {who} too
ordered one for me and one for {who}
bought it for {who}'s birthday
got it in {color}!!
bought it in every color
i bought {num} of these lol
grabbed the last one
snagged one before it sold out
got it on sale 🙌
got it during the flash sale
bought it 2 minutes into the video
didn't even finish the video before buying
paused the video to buy it
not me ordering this at 2am
not me buying this immediately
the way i ordered this so fast
my bank account: 📉 me: added to cart
done. bought.
purchased ✅
order placed
order confirmed 📦
just placed my order
just checked out
checked out before i could think
impulse bought it again lol
well there goes {price}
there goes {price} 💸
you've cost me so much money lol
in the cart, no regrets
tried to order but it's sold out 😭
just got mine from {brand}!!
ordered from the {brand} website
ordered {it} on {store}
bought it. no thoughts.
buying this for myself as a treat
treated myself to {it}
gifting this to everyone this year
bought {it} the second i saw this
just ordered the {color} one
ordered the {noun}, can't wait
bought the {noun} for {who}
went to {store} and bought it today
it's in my cart and i'm checking out rn
finally bought {it} after watching like 10 of these videos
you're the reason i bought {it}
""")
_C3_HAVE = _lines("""
mine just arrived and omg
mine came today!!
mine is coming tomorrow 🥹
mine is out for delivery
can't wait for mine to arrive
waiting for mine to come
mine should be here friday
my package comes tomorrow 🥹
it came in {time}!
mine shipped already!
i have it and i love it
i have {it} and it's worth every penny
i own it and it's the best thing i've bought
i have this in {color} and use it every day
been using mine for {time}, 10/10
my second one is on the way
buying a second one
reordering for the third time
just reordered
i bought it and it's even better irl
just got mine and it's even better in person
i have it! {own}
bought it last month and {own}
got mine and {own}
i got it because of you and {own}
i have {it} and {own}
bought {it} and {own}
{own}, so glad i bought it
ordered it after your last video and {own}
i have the {brand} one and {own}
bought it for {who} and they love it
i have 3 of these lol
on my third one already
got it yesterday and i'm obsessed
""")
#: Purchases phrased around the product itself ("my walking pad just arrived").
_C3_NOUN = _lines("""
    just ordered the {noun}
    ordered the {noun} in {color}
    bought the {noun}!!
    the {noun} is in my cart
    my {noun} just arrived
    my {noun} came today and {own}
    got the {noun} with your code
    {noun} ordered ✅
    just got the {brand} {noun}
    love my {noun}, bought it after your last video
    bought the {noun} for {who}
    added the {noun} to cart
    my {brand} {noun} arrives tomorrow
    finally caved and got the {noun}
    the {noun} i ordered came early
    just bought my second {noun}
    the {noun} was on sale so i got {num}
    i have the {noun} and {own}
    ordered the {noun} last night
    bought this {noun} after your video, no regrets
    my {noun} is out for delivery 🥹
    i bought the {noun} last week and {own}
    grabbed the {noun} during the sale
    got the {noun} for christmas and {own}
    the {brand} {noun} is in my cart rn
    just checked out with the {noun}
    """)
_C3_TAG = _lines("""
{friend} i just ordered us both one
{friend} i got you one too 🎁
{friend} bought it, we're matching
{friend} i ordered it!!
{friend} i got it, come over and try it
{friend} ordered yours too don't be mad
{friend} this is what i bought you for christmas lol
{friend} i caved 😭
""")
#: Purchases phrased as questions ("guess who just ordered?").
_C3_RHETORICAL = _lines("""
    guess who just ordered?
    who else ordered after this video?
    anyone else order it after this?
    why did i just buy {num}?
    why did i order this at 2am?
    how did i end up with {num} in my cart?
    who else used the code?
    can you tell i just bought it?
    """)
_C3_EMOJI = ["🛒", "🛒🛒", "💸💸", "📦"]

#: Category-specific purchase questions (``{q}``), without the question mark.
_CATEGORY_QUESTIONS: dict[str, list[str]] = {
    "skincare": _lines("""
        does it break you out
        is it good for sensitive skin
        does it help with acne
        can i use it with retinol
        is it fragrance free
        does it pill under makeup
        is it good for oily skin
        does it work on dry skin
        does it leave a white cast
        is it safe for pregnancy
        does it burn
        how long until you saw results
        """),
    "makeup": _lines("""
        what shade are you wearing
        is it transfer proof
        does it last all day
        is it sticky
        does it work on dark skin
        does it crease
        does it oxidize
        is it good for hooded eyes
        does it smudge
        is it the shade {color}
        """),
    "haircare": _lines("""
        does it work on curly hair
        does it work on fine hair
        does it make your hair greasy
        is it good for 4c hair
        does it work on thick hair
        does it smell good
        is it safe for color treated hair
        does it work on short hair
        how long do the curls last
        """),
    "fragrance": _lines("""
        what does it smell like
        how long does it last on skin
        is it strong
        is it similar to baccarat rouge
        does it project
        is it more sweet or fresh
        is it a dupe for anything
        is it good for everyday
        does it smell like vanilla
        """),
    "apparel": _lines("""
        what size are you wearing
        is it true to size
        is it see through
        does it shrink in the wash
        how tall are you
        is the material thick
        does it come in petite
        does it come in plus sizes
        does it wrinkle easily
        is it itchy
        what size should i get if i'm usually a medium
        """),
    "shoes": _lines("""
        are they true to size
        are they comfy
        do they run narrow
        are they good for wide feet
        can you walk in them all day
        do they give blisters
        what size did you get
        do they come in half sizes
        are they slippery
        """),
    "accessories": _lines("""
        is it heavy
        does it fit a laptop
        is it real leather
        does it hold thick hair
        is it sturdy
        does it come in {color}
        how big is it
        is it big enough for a water bottle
        """),
    "jewelry": _lines("""
        is it real gold
        does it tarnish
        is it waterproof
        does it turn your skin green
        is it hypoallergenic
        is it sterling silver
        can you shower with it
        is it adjustable
        """),
    "home_decor": _lines("""
        how big is it
        what are the dimensions
        does it need batteries
        is it plug in
        does it get hot
        is it heavy
        does it come with the bulb
        does it have a remote
        """),
    "kitchen": _lines("""
        is it dishwasher safe
        is it easy to clean
        is it bpa free
        does it fit in the cupholder
        does it keep drinks cold all day
        is it loud
        does it leak
        is it microwave safe
        """),
    "cleaning": _lines("""
        does it work on grout
        does it scratch
        is it safe on granite
        does it work on pet hair
        how long does the battery last
        is it strong enough for carpet
        does it work on hard water stains
        is it safe for stainless steel
        """),
    "organization": _lines("""
        what size are the bins
        do they fit in a standard drawer
        are they sturdy
        how many come in a pack
        do they stack
        are they clear or frosted
        """),
    "gadgets": _lines("""
        how long does the battery last
        is it compatible with iphone
        does it need wifi
        is it easy to set up
        does it work with alexa
        what resolution is it
        does it need an app
        does it work without wifi
        """),
    "phone_accessories": _lines("""
        does it fit the iphone 16
        is it magsafe compatible
        does it work with a case
        how fast does it charge
        is it strong enough to hold the phone
        does it come for samsung
        does it fit the pro max
        is it strong enough for a car mount
        """),
    "audio": _lines("""
        how's the sound quality
        do they fall out when you run
        is the noise cancelling good
        how long is the battery
        do they work with android
        are they comfy for long use
        can you take calls with them
        is there a lag on videos
        """),
    "fitness": _lines("""
        how much weight can it hold
        is it loud
        does it fold
        is it good for beginners
        can you use it on carpet
        is it non slip
        does it fit under a desk
        how fast does it go
        """),
    "supplements": _lines("""
        what does it taste like
        does it actually work
        how many do you take
        is it third party tested
        does it have sugar
        does it make you bloated
        how long until you noticed a difference
        is it safe while breastfeeding
        """),
    "toys": _lines("""
        what age is it for
        is it safe for toddlers
        how big is it
        does it need batteries
        can you pick which one you get
        is it washable
        """),
    "pet_supplies": _lines("""
        does it work for big dogs
        is it safe for cats
        is it easy to clean
        does it work for long hair cats
        is it chew proof
        is it loud
        does it fit a small dog
        """),
}
_GENERIC_QUESTIONS = _lines("""
is it good quality
does it break easily
is it worth the price
how long does it last
is it easy to use
does it come in other colors
""")

#: Category-specific experiences of happy owners (``{own}``).
_CATEGORY_OWN: dict[str, list[str]] = {
    "skincare": _lines("""
        my skin has never looked better
        my skin is so glowy now
        my acne cleared up so much
        my skin feels like glass
        my dry patches are gone
        """),
    "makeup": _lines("""
        it lasts all day on me
        the color is even prettier irl
        it doesn't move at all
        i get compliments every time
        """),
    "haircare": _lines("""
        my hair is so soft now
        my curls have never been this defined
        my hair grew so much
        no more frizz
        """),
    "fragrance": _lines("""
        i get compliments every single time
        it lasts all day
        it smells even better in person
        everyone asks what i'm wearing
        """),
    "apparel": _lines("""
        it fits perfectly
        the material is so soft
        i wear it every week
        it's even cuter in person
        i got the {color} one too
        """),
    "shoes": _lines("""
        they're so comfy
        i walked 20k steps in them no problem
        they go with everything
        no blisters at all
        """),
    "accessories": _lines("""
        it goes with everything
        it's so sturdy
        i use it every day
        it holds all my stuff
        """),
    "jewelry": _lines("""
        it hasn't tarnished at all
        i shower with it and it's still perfect
        i never take it off
        it looks so expensive
        """),
    "home_decor": _lines("""
        my room looks so cozy now
        it makes my whole apartment look expensive
        everyone who comes over asks about it
        the vibe is unmatched
        """),
    "kitchen": _lines("""
        i use it every single day
        it keeps my water cold all day
        it's so easy to clean
        my mornings are so much better
        """),
    "cleaning": _lines("""
        my grout looks brand new
        it picks up everything
        my house has never been this clean
        it took off stains i've had for years
        """),
    "organization": _lines("""
        my pantry looks like a magazine now
        everything finally has a place
        my drawers are so neat now
        """),
    "gadgets": _lines("""
        the battery lasts forever
        it was so easy to set up
        i use it every day
        it works perfectly
        """),
    "phone_accessories": _lines("""
        it holds my phone perfectly
        it charges so fast
        it's so sturdy
        i get asked about it all the time
        """),
    "audio": _lines("""
        the sound is amazing
        the battery lasts all week
        they don't fall out when i run
        the noise cancelling is so good
        """),
    "fitness": _lines("""
        i walk every day now
        i hit 10k steps while working
        it's so quiet
        my workouts are so much better
        """),
    "supplements": _lines("""
        i actually noticed a difference
        they taste like candy
        i sleep so much better
        i have so much more energy
        """),
    "toys": _lines("""
        my kids are obsessed
        my daughter plays with it every day
        it's so soft
        my son won't put it down
        """),
    "pet_supplies": _lines("""
        my dog loves it
        my cat is obsessed
        my cat finally drinks water
        no more hair on the couch
        """),
}
_GENERIC_OWN = _lines("""
it's so good
it's even better in person
i use it all the time
it works so well
""")

#: Category-specific complaints of disappointed owners (``{bad}``).
_CATEGORY_BAD: dict[str, list[str]] = {
    "skincare": _lines("""
        it broke me out so bad
        it burned my face
        it pilled under everything
        it did absolutely nothing for my skin
        """),
    "makeup": _lines("""
        the shade was way darker than the video
        it transferred everywhere
        it was so sticky
        it creased in an hour
        """),
    "haircare": _lines("""
        it made my hair so greasy
        it did nothing for my curls
        it smelled awful
        my hair felt like straw after
        """),
    "fragrance": _lines("""
        the smell lasted like 20 minutes
        it smells like bug spray
        it smells nothing like they describe
        """),
    "apparel": _lines("""
        it pilled after one wash
        it was completely see through
        the sizing is way off
        it shrank in the wash
        """),
    "shoes": _lines("""
        they gave me blisters day one
        the sole came off after {time}
        they run so small
        """),
    "accessories": _lines("""
        the strap broke in a week
        it's so flimsy
        the clip snapped the first day
        """),
    "jewelry": _lines("""
        it turned my finger green
        it tarnished in a week
        the stone fell out
        """),
    "home_decor": _lines("""
        it came shattered
        it's way smaller than it looks
        the light flickers constantly
        """),
    "kitchen": _lines("""
        it leaks everywhere
        it stopped working after {time}
        the coating came off
        """),
    "cleaning": _lines("""
        it scratched my counter
        the battery died in 5 minutes
        it barely picks anything up
        """),
    "organization": _lines("""
        they cracked right away
        they don't fit in anything
        they're way smaller than advertised
        """),
    "gadgets": _lines("""
        the battery died in a week
        it stopped connecting
        it overheats
        the app never works
        """),
    "phone_accessories": _lines("""
        it fell off my phone twice
        it barely charges
        the magnet is so weak
        """),
    "audio": _lines("""
        the sound is so tinny
        one side stopped working
        they fall out constantly
        """),
    "fitness": _lines("""
        the belt started slipping
        it's so loud my neighbors complained
        it snapped the second time i used it
        """),
    "supplements": _lines("""
        they taste awful
        they made me so bloated
        did nothing for me
        """),
    "toys": _lines("""
        it broke in a day
        my kid lost interest in 5 minutes
        the paint chipped right away
        """),
    "pet_supplies": _lines("""
        my dog destroyed it in an hour
        my cat won't touch it
        it leaked all over the floor
        """),
}
_GENERIC_BAD = _lines("""
it broke in a week
it's so cheap in person
it stopped working after {time}
it looks nothing like the pictures
""")

#: Comment pools per intent level: (weight, phrases) sub-pools.
_COMMENT_POOLS: dict[int, _Pool] = {
    0: _Pool.of(
        [
            (0.34, _C0_VIDEO), (0.08, _C0_SPAM), (0.15, _C0_NEGATION), (0.09, _C0_COMPLAINT),
            (0.12, _C0_QUESTION), (0.09, _C0_MISC), (0.04, _C0_TAG), (0.09, _C0_EMOJI),
        ]
    ),
    1: _Pool.of(
        [(0.74, _C1_LOVE), (0.04, _C1_RHETORICAL), (0.05, _C1_SARCASM), (0.06, _C1_TAG),
         (0.11, _C1_EMOJI)]
    ),
    2: _Pool.of(
        [(0.28, _C2_WHERE), (0.36, _C2_ASK), (0.20, _C2_NOUN), (0.08, _C2_PLAN), (0.08, _C2_TAG)]
    ),
    3: _Pool.of(
        [(0.41, _C3_BOUGHT), (0.27, _C3_HAVE), (0.24, _C3_NOUN), (0.03, _C3_RHETORICAL),
         (0.035, _C3_TAG), (0.015, _C3_EMOJI)]
    ),
}  # fmt: skip

#: Non-English comments per language and intent level (same semantics as the English pools).
_FOREIGN_COMMENTS: dict[str, dict[int, list[str]]] = {
    "es": {
        0: _lines("""
            jajaja el gato 😂
            nadie necesita esto
            qué canción es?
            primero
            no lo compraría nunca
            el mío se rompió en una semana
            sígueme y te sigo
            puro consumismo
            otra cosa que nadie necesita
            jajaja tu perro al final
            saludos desde colombia 👋
            se ve muy barato la verdad
            """),
        1: _lines("""
            me encanta
            qué lindo
            lo necesito
            está hermoso 😍
            qué buena idea
            lo quiero
            qué bonito
            me muero de lo lindo
            necesito uno ya
            """),
        2: _lines("""
            dónde lo compro?
            link por fa
            cuánto cuesta?
            lo venden en méxico?
            vale la pena?
            hay en negro?
            dónde consigo el {noun}?
            qué marca es?
            hacen envíos a españa?
            alguien lo ha probado?
            """),
        3: _lines("""
            ya lo pedí
            lo acabo de comprar
            ya me llegó y me encanta
            comprado 🛒
            lo compré por tu video
            ya tengo el mío
            pedí dos
            me llegó hoy!!
            """),
    },
    "pt": {
        0: _lines("""
            kkkkk o gato
            ninguém precisa disso
            qual a música?
            nunca compraria
            o meu quebrou em uma semana
            segue de volta
            consumismo demais
            kkkkkk o cachorro no fundo
            """),
        1: _lines("""
            amei
            que lindo
            preciso disso
            perfeito 😍
            que ideia genial
            quero muito
            que fofo
            apaixonada
            """),
        2: _lines("""
            onde compra?
            link pfv
            quanto custa?
            entrega no brasil?
            vale a pena?
            tem em preto?
            qual a marca?
            alguém já testou?
            """),
        3: _lines("""
            já comprei
            acabei de pedir
            chegou o meu e amei
            comprei por causa do seu vídeo
            no carrinho 🛒
            comprei dois
            """),
    },
    "fr": {
        0: _lines("""
            mdrr le chat
            personne n'a besoin de ça
            c'est quoi la musique?
            jamais j'achète ça
            le mien s'est cassé en une semaine
            encore une pub
            """),
        1: _lines("""
            trop beau
            j'adore
            il me le faut
            trop mignon 😍
            trop bien
            génial
            """),
        2: _lines("""
            c'est où?
            le lien stp
            ça coûte combien?
            ça livre en france?
            ça vaut le coup?
            c'est quelle marque?
            """),
        3: _lines("""
            commandé!
            je viens de le commander
            reçu aujourd'hui et je l'adore
            acheté grâce à toi
            dans mon panier 🛒
            """),
    },
    "de": {
        0: _lines("""
            die katze 😂
            braucht kein mensch
            welcher song ist das?
            würde ich nie kaufen
            meins ist nach einer woche kaputt gegangen
            schon wieder werbung
            """),
        1: _lines("""
            wie süß
            brauch ich
            so schön 😍
            voll genial
            mega cool
            will ich haben
            """),
        2: _lines("""
            wo gibt's das?
            link bitte
            wie teuer?
            liefern die nach deutschland?
            lohnt sich das?
            welche marke ist das?
            """),
        3: _lines("""
            hab's bestellt
            gerade bestellt
            meins ist heute angekommen, liebe es
            hab's wegen dir gekauft
            im warenkorb 🛒
            """),
    },
    "tl": {
        0: _lines("""
            hahaha yung pusa
            di ko kailangan to
            ano yung song?
            sayang pera
            """),
        1: _lines("""
            ang ganda
            gusto ko to
            ang cute 😍
            ang galing
            """),
        2: _lines("""
            saan mabibili?
            magkano po?
            link po
            legit po ba?
            meron po bang {color}?
            """),
        3: _lines("""
            nag order na ako
            nabili ko na
            dumating na yung akin
            na-checkout ko na
            """),
    },
    "id": {
        0: _lines("""
            wkwkwk kucingnya
            gak butuh
            lagunya apa?
            boros banget
            """),
        1: _lines("""
            lucu banget
            mau dong
            bagus banget 😍
            keren
            """),
        2: _lines("""
            beli dimana kak?
            berapa harganya?
            link dong kak
            ready kak?
            worth it gak kak?
            """),
        3: _lines("""
            udah checkout
            udah beli kak
            barangnya udah sampe, suka banget
            baru order
            """),
    },
    "ko": {
        0: _lines("""
            ㅋㅋㅋㅋㅋ
            kkkkk goyangi
            noraega mwoyeyo?
            """),
        1: _lines("""
            daebak
            neomu yeppeuda
            jinjja gwiyeopda
            wa daebak 😍
            """),
        2: _lines("""
            eodiseo sasseoyo?
            eolmayeyo?
            link juseyo
            """),
        3: _lines("""
            sasseoyo!
            jumunhaesseoyo
            bangeum jumunham
            """),
    },
}
#: Language mix of non-English text.
_LANGUAGES = ["es", "pt", "fr", "de", "tl", "id", "ko"]
_LANGUAGE_P = np.array([0.36, 0.24, 0.12, 0.11, 0.08, 0.06, 0.03])
#: Share of comments that are not in English.
_FOREIGN_COMMENT_SHARE = 0.04

#: Openers per intent level (with their separator).
_COMMENT_OPENERS: dict[int, _Pool] = {
    0: _Pool.flat(
        _lines("""
        omg
        lmao
        nah
        bruh
        wait
        ok but
        bro
        girl
        ngl
        literally
        honestly
        y'all
        not gonna lie
        ok
        um
        sir
        ma'am
        lol
        """)
    ),
    1: _Pool.flat(
        _lines("""
        omg
        omg,
        ngl
        wait
        wait,
        ok but
        okay but
        bestie
        girl
        sis
        honestly
        literally
        lowkey
        stop
        ok wow
        aww
        ooh
        no bc
        babe
        y'all
        oh
        ahh
        """)
    ),
    2: _Pool.flat(
        _lines("""
        wait
        wait,
        ok but
        bestie
        girl
        sis
        hi!
        hey
        pls
        sorry if this was asked but
        omg
        ok so
        babe
        hii
        um
        """)
    ),
    3: _Pool.flat(
        _lines("""
        ok
        omg
        welp
        well
        update:
        ok fine
        yeah so
        lol
        ngl
        bestie
        girl
        sis
        literally
        ok so
        lmao
        """)
    ),
}
#: Share of comments with an opener.
_OPENER_SHARE = 0.26
#: Endings of statements / questions (English and language-neutral ones).
_END_STATEMENT = _Pool.weighted(
    [("", 40), ("!", 8), ("!!", 8), ("!!!", 3), (".", 4), ("...", 4), (" lol", 8),
     (" lmao", 2), (" fr", 5), (" tbh", 3), (" ngl", 2), (" haha", 3), (" fr fr", 1),
     (" honestly", 1), (" omg", 1), (" like fr", 1), (" 😭", 2), (" ong", 1)]
)  # fmt: skip
_END_QUESTION = _Pool.weighted(
    [("?", 38), ("??", 20), ("???", 6), ("", 20), (" ?", 3), ("? pls", 4), ("?? 🙏", 3),
     ("? thanks!", 2), ("? 👀", 2), ("?!", 2)]
)  # fmt: skip
_END_NEUTRAL_STATEMENT = _Pool.weighted([("", 60), ("!", 15), ("!!", 15), ("...", 10)])
_END_NEUTRAL_QUESTION = _Pool.weighted([("?", 50), ("??", 25), ("", 25)])
#: Emoji tails per level and share of comments with one.
_COMMENT_EMOJI: dict[int, _Pool] = {
    0: _emoji_pool("😂💀😭🤣🙄😐😹"),
    1: _emoji_pool("😍🔥✨🥹😭💕🤩👀🥰"),
    2: _emoji_pool("👀🙏🥺🤔😍✨"),
    3: _emoji_pool("🛒💸😭🙏✨📦🥹🔥"),
}
_COMMENT_EMOJI_SHARE = {0: 0.2, 1: 0.32, 2: 0.18, 3: 0.3}
#: Share of ALL CAPS comments per level (excitement shows as caps).
_COMMENT_CAPS = {0: 0.02, 1: 0.05, 2: 0.02, 3: 0.05}


def _category_pools(
    table: dict[str, list[str]], generic: list[str]
) -> tuple[list[str], list[_Pool]]:
    """Category keys and one pool per category (plus the generic pool for unknown ones)."""
    keys = list(table)
    return keys, [_Pool.flat(table[k]) for k in keys] + [_Pool.flat(generic)]


def _category_fillers(rng: np.random.Generator, category: pl.Series) -> list[tuple[str, _Filler]]:
    """Fillers of the category-specific slots ``{q}``, ``{own}``, ``{bad}``."""
    fillers: list[tuple[str, _Filler]] = []
    for slot, table, generic in (
        ("q", _CATEGORY_QUESTIONS, _GENERIC_QUESTIONS),
        ("own", _CATEGORY_OWN, _GENERIC_OWN),
        ("bad", _CATEGORY_BAD, _GENERIC_BAD),
    ):
        keys, pools = _category_pools(table, generic)
        fillers.append((slot, _from_groups(rng, _codes(category, keys), pools)))
    return fillers


def comment_texts(
    rng: np.random.Generator,
    intent_level: np.ndarray,
    noun: np.ndarray,
    category: np.ndarray,
    brand: np.ndarray,
) -> np.ndarray:
    """TikTok comments under a video, one per row, with the given true buying-intent level.

    Levels: 0 no intent (jokes, off-topic, spam bots, negation / anti-consumption, complaints,
    non-purchase questions), 1 interest ("obsessed 😍", sarcastic wanting), 2 consideration
    (where / link / price / size / category-specific questions, tagging a friend "we need this"),
    3 purchase or commitment ("just ordered 2", "code worked thx", "mine just arrived").

    Args:
        rng: random generator (all randomness comes from it).
        intent_level: int 0-3 per row.
        noun: product noun ("lip oil") or video topic ("skincare routine") per row.
        category: category slug per row (for category-specific questions and experiences).
        brand: brand name per row, ``""`` when the video features no product.

    Returns:
        numpy object array of ``str``, same length as the inputs.
    """
    level = np.clip(np.asarray(intent_level, dtype=np.int64), 0, 3)
    n = len(level)
    if n == 0:
        return np.array([], dtype=object)
    noun_s, brand_s = _as_series(noun), _as_series(brand)
    has_brand = (brand_s.str.len_chars() > 0).to_numpy()

    # Core phrase: English pools per level (brand-free ones without a brand), or another language.
    foreign = _chance(rng, n, _FOREIGN_COMMENT_SHARE)
    language = rng.choice(len(_LANGUAGES), size=n, p=_LANGUAGE_P)
    pools: list[_Pool] = []
    for lvl in range(4):
        pools += [_COMMENT_POOLS[lvl].without("{brand}", "{handle}"), _COMMENT_POOLS[lvl]]
    for lang in _LANGUAGES:
        pools += [_Pool.flat(_FOREIGN_COMMENTS[lang][lvl]) for lvl in range(4)]
    group = np.where(foreign, 8 + language * 4 + level, level * 2 + has_brand)
    core = _draw_grouped(rng, group, pools)
    core = _fill(
        core,
        _category_fillers(rng, _as_series(category))
        + _common_fillers(rng, noun_s, brand_s, has_brand),
    )

    # Questions end in "?" in the pools; the ending decides how it is typed.
    question = core.str.ends_with("?").to_numpy()
    core = _apply(core, np.flatnonzero(question), lambda t: t.str.strip_suffix("?"))
    wordy = core.str.contains(r"[A-Za-zÀ-ÿ]").to_numpy()
    end_group = np.where(foreign, 2, 0) + question
    ending = _draw_grouped(
        rng,
        end_group,
        [_END_STATEMENT, _END_QUESTION, _END_NEUTRAL_STATEMENT, _END_NEUTRAL_QUESTION],
    )
    # After an emoji or for emoji-only comments most people type no punctuation.
    emoji_end = core.str.contains(r"[^\x00-\x7F\u00C0-\u024F]$").to_numpy()
    # No "!!" after "!!" and no "lol" after "lol".
    punct_end = core.str.contains(r"[!.…]$").to_numpy() & ending.str.contains(r"^[!.]").to_numpy()
    word_end = core.str.contains(r"\b(lol|lmao|haha|tbh|fr|ngl|omg|honestly)$").to_numpy()
    plain = ~wordy | (emoji_end & _chance(rng, n, 0.75)) | punct_end | word_end
    ending = _blank(ending, plain & ~question)
    with_opener = _chance(rng, n, _OPENER_SHARE) & ~foreign & wordy
    opener = _draw_grouped(rng, level, [_COMMENT_OPENERS[lvl] for lvl in range(4)])
    opener = _blank(opener + " ", ~with_opener)
    emoji_share = np.array([_COMMENT_EMOJI_SHARE[lvl] for lvl in range(4)])[level]
    emoji = _draw_grouped(rng, level, [_COMMENT_EMOJI[lvl] for lvl in range(4)])
    emoji = pl.Series(np.where(_chance(rng, n, 0.7), " ", "")) + emoji
    emoji = _blank(emoji, ~(_chance(rng, n, emoji_share) & wordy))

    body = (
        pl.DataFrame({"o": opener, "c": core, "e": ending, "m": emoji})
        .select(pl.concat_str(["o", "c", "e", "m"]))
        .to_series()
    )
    body = _stretch(rng, body, 0.07)
    caps = np.array([_COMMENT_CAPS[lvl] for lvl in range(4)])[level]
    body = _casing(rng, body, sentence=0.22, lower=0.12, caps=caps)
    body = _typos(rng, body, 0.05)
    return _out(body)


# ============================================================================================
# Brand / product mentions (X, Reddit)
# ============================================================================================

# Tones: 0 very negative (< -0.6), 1 negative, 2 neutral (|s| <= 0.2), 3 positive, 4 very positive.

_TWEETS: dict[int, list[str]] = {
    0: _lines("""
        {brand} is a scam. my {noun} broke after {time} and customer service ignored me
        never ordering from {brand} again
        {handle} it's been {time} and still no refund
        my {brand} {noun} literally fell apart. absolute garbage
        do NOT buy the {brand} {noun}. worst purchase of the year
        {brand} customer service is a joke
        returned the {noun} {time} ago and {brand} still hasn't refunded me
        the {brand} {noun} gave me a rash, i'm furious
        paid {price} for a {noun} that stopped working in {time}. thanks {brand} 🙃
        how is {brand} still in business
        tiktok lied to me about the {brand} {noun}
        {brand} {noun} = landfill. save your money
        {handle} answer your emails
        i want my money back {brand}
        worst customer service i've ever dealt with. {brand} should be embarrassed
        the {brand} {noun} is the biggest scam on tiktok shop
        fell for the {brand} hype and got burned
        my order from {brand} never arrived and they closed my ticket
        {brand} sent me a used {noun}. unbelievable
        {handle} why is my {noun} leaking everywhere
        {brand} deleted my negative review lol. that tells you everything
        love that my {brand} {noun} broke on day 3 🙃
        {time} of emails and {brand} still won't refund a broken {noun}
        filing a chargeback against {brand}, done being ignored
        everyone who hyped the {brand} {noun} owes me {price}
        this {brand} {noun} is dangerous, it overheated and burned my counter
        boycott {brand}
        """),
    1: _lines("""
        kinda disappointed in the {brand} {noun} tbh
        the {brand} {noun} is fine but def not worth {price}
        not impressed with {brand} this time
        the hype around the {brand} {noun} is wild, it's mid
        {brand} quality has gone downhill
        {brand} shipping is so slow
        the {noun} from {brand} looks nothing like the videos
        returning the {brand} {noun}. just not for me
        idk why everyone loves {brand}, it's overpriced
        my {brand} {noun} smells weird? anyone else?
        overhyped. the {brand} {noun} is just ok
        {brand} really needs to fix their sizing
        second {brand} order that's come damaged 😒
        meh on the {brand} {noun}
        wish i hadn't bought the {brand} {noun}
        wow {brand}, {time} for shipping, amazing 🙄
        the {brand} {noun} worked for like {time} and now it's meh
        {brand} used to be good
        tiktok made me buy the {brand} {noun} and i kinda regret it
        why is the {brand} {noun} {price} now
        the new {brand} {noun} is a downgrade
        """),
    2: _lines("""
        anyone tried the {brand} {noun}?
        is {brand} legit?
        thinking about getting the {brand} {noun}, thoughts?
        {brand} just dropped a new {noun}
        {brand} {noun} restock is live
        does {brand} ship to canada?
        {brand} vs the dupe, which one
        saw the {brand} {noun} all over my fyp, is it worth it
        {brand} is having a sale this weekend
        new {brand} {noun} colors just came out
        what's the deal with {brand}
        {brand} {noun} or the amazon one?
        {brand} is at target now
        got an email from {brand} about a new {noun}
        is the {brand} {noun} the one everyone's talking about?
        {brand} opening a pop up in nyc
        {brand} raised prices again
        the {brand} {noun} is back in stock fyi
        ordered the {brand} {noun}, will report back
        does anyone know if {brand} does returns
        {brand} {noun} showed up today, trying it tomorrow
        {handle} when is the next restock?
        which {brand} {noun} should i get
        the {brand} {noun} is on my fyp again
        {brand} collab with a creator i've never heard of
        """),
    3: _lines("""
        the {brand} {noun} is actually really nice
        ok the {brand} {noun} lives up to the hype
        pleasantly surprised by {brand}
        {brand} shipping was fast 👍
        really liking my new {noun} from {brand}
        {brand} customer service sorted my order in a day, respect
        the {brand} {noun} is worth it imo
        solid {noun}. {brand} did good
        the {brand} {noun} is a good buy for {price}
        {time} with the {brand} {noun} and it's holding up great
        not bad at all {brand}
        the {brand} {noun} is better than i expected
        {brand} packaging is so cute
        {brand} is growing on me
        i get why people like the {brand} {noun} now
        """),
    4: _lines("""
        OBSESSED with my {brand} {noun} 😍
        the {brand} {noun} changed my life no joke
        {brand} never misses 🔥
        best purchase i've made all year: the {brand} {noun}
        i'd buy the {brand} {noun} again in a heartbeat
        everyone needs the {brand} {noun}. trust me
        {brand} is the GOAT
        bought the {brand} {noun} for my whole family
        10/10 would recommend {brand}
        just ordered my third {brand} {noun}, that's how much i love it
        {brand} you have a customer for life 💕
        the {brand} {noun} is worth every penny
        {handle} you guys are amazing, my {noun} is perfect
        can't stop talking about my {brand} {noun}
        {brand} {noun} supremacy
        tiktok made me buy the {brand} {noun} and it was the best decision
        """),
}
_TWEET_OPENERS: dict[int, list[str]] = {
    0: ["PSA:", "ugh", "so", "update:", "honestly", "wow.", "unreal.", "lol", "y'all"],
    1: ["ugh", "honestly", "not gonna lie", "hot take:", "unpopular opinion:", "so", "hmm"],
    2: ["ok", "question:", "genuine question:", "so", "hmm", "random but", "quick q:", "y'all"],
    3: ["ok", "honestly", "not gonna lie", "update:", "y'all", "so", "ngl"],
    4: ["ok", "honestly", "PSA:", "y'all", "hot take:", "not gonna lie", "update:", "ngl"],
}
_TWEET_HASHTAGS: dict[int, list[str]] = {
    0: ["#scam", "#neveragain", "#customerservice", "#fail", "#tiktokmademebuyit", "#refund"],
    1: ["#disappointed", "#overhyped", "#tiktokmademebuyit", "#returns", "#meh", "#review"],
    2: ["#tiktokmademebuyit", "#amazonfinds", "#question", "#help", "#review", "#newin"],
    3: ["#tiktokmademebuyit", "#review", "#worthit", "#amazonfinds", "#tiktokshopfinds"],
    4: ["#obsessed", "#musthave", "#tiktokmademebuyit", "#holygrail", "#worthit", "#loveit"],
}
_TWEET_EMOJI: dict[int, _Pool] = {
    0: _emoji_pool("😡🤬🙄😤💀👎"),
    1: _emoji_pool("😒🙄😕😐🫤"),
    2: _emoji_pool("🤔👀🤷"),
    3: _emoji_pool("👍🙂✨👌"),
    4: _emoji_pool("😍🔥💕🙌✨🥹"),
}

_REDDIT_TITLES: dict[int, list[str]] = {
    0: _lines("""
        PSA: {brand} is a scam, don't order the {noun}
        {brand} {noun} broke after {time} and they won't refund
        Warning about {brand}
        Worst customer service experience ever ({brand})
        {brand} refused my return on a defective {noun}
        Do not buy the {brand} {noun}
        {brand} {noun} burned my skin - be careful
        Has anyone actually gotten a refund from {brand}?
        Got scammed by a {brand} TikTok Shop listing
        {brand} deleted my review after I complained
        Never again, {brand}
        My {brand} {noun} overheated. Reporting it.
        """),
    1: _lines("""
        Disappointed with the {brand} {noun}
        {brand} {noun} - not worth the hype imo
        Is it just me or has {brand} quality dropped?
        Returned my {brand} {noun}, here's why
        {brand} {noun} review: overpriced for what it is
        Anyone else's {brand} {noun} falling apart?
        Regret buying the {brand} {noun}
        The {brand} {noun} is mid, change my mind
        {brand} shipping times are ridiculous lately
        Underwhelmed by the {brand} {noun}
        """),
    2: _lines("""
        Anyone tried the {brand} {noun}?
        Thoughts on {brand}?
        {brand} {noun} vs alternatives?
        Is the {brand} {noun} worth it?
        Question about {brand} sizing
        {brand} {noun} restock?
        Looking for a {noun} recommendation - is {brand} any good?
        Has anyone ordered from {brand}? Is it legit?
        {brand} sale this week
        What's the best {noun}? Considering {brand}
        {brand} {noun} or a dupe?
        How long does {brand} take to ship?
        Is {brand} the same company that makes the viral {noun}?
        {brand} vs {alt}?
        """),
    3: _lines("""
        {brand} {noun} review after {time}
        Pleasantly surprised by the {brand} {noun}
        {brand} {noun} is actually good
        Good experience with {brand} customer service
        The {brand} {noun} is worth it (for once a TikTok thing is)
        {brand} {noun}: {time} update
        Small win: {brand} replaced my {noun} quickly
        """),
    4: _lines("""
        The {brand} {noun} lives up to the hype!
        HG {noun}: {brand}
        {brand} {noun} changed my routine
        Best {noun} I've ever owned ({brand})
        Can't recommend the {brand} {noun} enough
        Finally a TikTok product that's actually worth it: {brand} {noun}
        {brand} appreciation post
        Obsessed with my {brand} {noun}
        """),
}
_REDDIT_TITLE_PREFIX: dict[int, list[str]] = {
    0: ["[Rant] ", "PSA: ", "[Warning] ", "Update: "],
    1: ["[Review] ", "[Rant] ", "[Discussion] "],
    2: ["[Question] ", "[Help] ", "[Discussion] ", "Q: "],
    3: ["[Review] ", "Update: ", "[Discussion] "],
    4: ["[Review] ", "[Rave] ", "Update: "],
}

_REDDIT_CONTEXT = _lines("""
I bought the {brand} {noun} about {time} ago after seeing it all over TikTok.
So I finally caved and ordered the {noun} from {brand}.
Long time lurker, first post.
Got the {brand} {noun} as a gift.
I've been using the {brand} {noun} for {time} now.
Ordered it during the sale for {price}.
For context I've tried a bunch of {noun}s before.
My sister recommended {brand} so I gave it a shot.
Saw like 20 videos about the {brand} {noun} and gave in.
Bought it on {store} because it was cheaper there.
This is going to be long, sorry.
I don't usually post reviews but here we go.
I was skeptical because of all the TikTok hype.
Ordered the {noun} in {color}.
Mobile formatting, sorry.
Been debating this purchase for weeks.
Throwaway because my main is linked to my instagram.
""")
_REDDIT_BODY: dict[int, list[str]] = {
    0: _lines("""
        It broke after {time} and {brand} has ignored every email since.
        Customer service told me it was "user error" and closed the ticket.
        The quality is honestly insulting for {price}.
        It looks nothing like what the creators show, it's cheap plastic.
        I've asked for a refund three times and keep getting a bot reply.
        It gave me a rash the first day and they refuse to take it back because it's "opened".
        Their return policy is a joke, you have to pay shipping to China.
        I'm filing a chargeback at this point.
        Every creator pushing this got it for free, that's the only explanation.
        Half the reviews on their site are obviously fake.
        The {noun} arrived damaged and the replacement was damaged too.
        I feel completely scammed.
        They blocked me on Instagram after I commented about my order.
        It literally stopped working the day after the return window closed.
        """),
    1: _lines("""
        Honestly it's fine but nowhere near worth {price}.
        The quality is okay, just not what the videos made it look like.
        Shipping took {time}, which is way longer than they say.
        It works, but I could have gotten the same thing at {store} for half.
        It's already showing wear after {time}.
        I don't hate it, I just don't get the hype.
        The sizing is off, I had to exchange it.
        It smells a bit weird, not sure if that's normal.
        I'll probably return it, it's just not for me.
        It's a decent {noun} but the marketing oversells it.
        Customer service was slow but they did eventually answer.
        I expected more from {brand} honestly.
        """),
    2: _lines("""
        Has anyone here tried it?
        I'm trying to decide between this and {alt}.
        Is the {noun} worth it or is it just TikTok hype?
        Does {brand} ship internationally?
        I can't find many reviews outside of TikTok.
        How does the sizing run?
        Is it the same as the one on {store}?
        I haven't opened it yet, should I just return it?
        Curious if anyone has used it for more than a few months.
        It just arrived, first impressions are mixed.
        The price went up from what I remember.
        I've seen both good and bad things, so I'm on the fence.
        """),
    3: _lines("""
        It's actually pretty good for the price.
        Shipping was quick and it was packaged well.
        After {time} it's holding up well.
        Not life changing, but I use it a lot.
        It's better quality than I expected from a TikTok brand.
        Customer service replaced a missing part within a couple of days.
        I'd buy it again at {price}.
        It does what it says, no complaints so far.
        The {color} is even nicer in person.
        """),
    4: _lines("""
        I genuinely use it every single day.
        It's the best {noun} I've owned, and I've tried a lot.
        Worth every penny of the {price}.
        I already bought a second one for {who}.
        The quality is amazing, it feels way more expensive than it is.
        It completely lives up to the hype.
        {brand} customer service was lovely when I had a question.
        I have zero regrets, ten out of ten.
        I've recommended it to everyone I know.
        I was skeptical but it won me over in a week.
        """),
}
_REDDIT_CLOSING: dict[int, list[str]] = {
    0: _lines("""
        Save your money.
        Never again.
        Has anyone had luck getting a refund?
        Edit: still no response from {brand}.
        Stay away.
        Edit: they finally replied and offered a 10% coupon. Lol.
        """),
    1: _lines("""
        Just my two cents.
        Maybe I got a bad one?
        Curious if others had the same experience.
        Probably won't repurchase.
        """),
    2: _lines("""
        Any thoughts?
        Would love to hear your experiences.
        Thanks in advance!
        Is it worth it or should I look elsewhere?
        TIA
        """),
    3: _lines("""
        Would recommend.
        Happy to answer questions!
        Edit: a few people asked, I paid {price}.
        Overall a good buy.
        """),
    4: _lines("""
        10/10 would buy again.
        Highly recommend!
        Happy to answer questions!
        Edit: wow this blew up. Yes it's still going strong.
        """),
}
_REDDIT_COMMENTS: dict[int, list[str]] = {
    0: _lines("""
        Same thing happened to me. {brand} never replied.
        Yeah avoid {brand}, mine broke too.
        Dispute it with your bank, that's the only way they respond.
        This is why I stopped buying TikTok stuff.
        Mine lasted {time}. Total garbage.
        {brand} is a dropshipping scam, look up the Alibaba listing.
        Report them to the BBB, seriously.
        Wow that's awful. I'm cancelling my order.
        They did the exact same thing to me, refused the return.
        The {noun} gave me a rash too, I thought it was just me.
        """),
    1: _lines("""
        Mine was meh too honestly.
        Agree, it's overhyped.
        Honestly the cheaper ones are just as good.
        Returned mine as well.
        Yeah it's fine but not {price} fine.
        Same, mine started falling apart after {time}.
        I liked it at first but it got old fast.
        It's okay but {brand} isn't what it used to be.
        """),
    2: _lines("""
        Following, was wondering the same.
        What size did you get?
        Did you get it from their site or {store}?
        Commenting to see answers.
        I haven't tried it but my friend has one.
        How long did shipping take for you?
        Is this the same one as the viral {noun}?
        Do they have a discount code?
        Which color did you go with?
        Not OP but I'm curious too.
        Did you compare it with {alt}?
        """),
    3: _lines("""
        I've had mine for {time} and it's been good.
        Mine's holding up fine!
        Not bad for the price imo.
        Had a good experience with their support too.
        It's solid, not life changing but solid.
        Mine arrived quickly and works fine.
        I like mine, use it most days.
        """),
    4: _lines("""
        Love mine! Use it every day.
        Best purchase I made this year honestly.
        100% worth it, I bought a second one.
        I got one for {who} and now she won't stop talking about it.
        The {brand} {noun} is my favorite thing I own lol.
        Can confirm, it's amazing.
        Mine is {time} old and still perfect.
        This is the one TikTok product I don't regret.
        """),
}
_REDDIT_COMMENT_OPENERS = [
    "Honestly", "Yeah", "Same.", "This.", "Lol", "Tbh", "Agreed.", "Oof,", "I mean", "Huh,",
    "Ok so", "Hmm,", "Not gonna lie,", "Edit:",
]  # fmt: skip

#: Non-English mentions per language and tone group (0 negative, 1 neutral, 2 positive).
_FOREIGN_MENTIONS: dict[str, dict[int, list[str]]] = {
    "es": {
        0: _lines("""
            {brand} es una estafa, mi {noun} se rompió en una semana
            nunca más le compro a {brand}
            el servicio al cliente de {brand} es pésimo
            """),
        1: _lines("""
            alguien ha probado el {noun} de {brand}?
            {brand} vale la pena?
            {brand} tiene descuentos esta semana
            """),
        2: _lines("""
            me encanta mi {noun} de {brand} 😍
            {brand} nunca falla
            el {noun} de {brand} vale cada peso
            """),
    },
    "pt": {
        0: _lines("""
            {brand} é golpe, não comprem
            meu {noun} da {brand} quebrou em uma semana
            """),
        1: _lines("""
            alguém já usou o {noun} da {brand}?
            a {brand} entrega no brasil?
            """),
        2: _lines("""
            amei meu {noun} da {brand}
            {brand} nunca decepciona 😍
            """),
    },
    "fr": {
        0: _lines("""
            {brand} c'est une arnaque
            mon {noun} {brand} est déjà cassé, service client inexistant
            """),
        1: _lines("""
            quelqu'un a testé le {noun} de {brand}?
            {brand} livre en france?
            """),
        2: _lines("""
            j'adore mon {noun} {brand}
            {brand} au top comme d'habitude
            """),
    },
    "de": {
        0: _lines("""
            {brand} ist abzocke, finger weg
            mein {noun} von {brand} ist nach einer woche kaputt
            """),
        1: _lines("""
            hat jemand das {noun} von {brand} getestet?
            liefert {brand} nach deutschland?
            """),
        2: _lines("""
            ich liebe mein {noun} von {brand}
            {brand} enttäuscht nie 😍
            """),
    },
}
_MENTION_LANGUAGES = ["es", "pt", "fr", "de"]
_MENTION_LANGUAGE_P = np.array([0.45, 0.25, 0.15, 0.15])
_FOREIGN_MENTION_SHARE = {"tweet": 0.045, "reddit_title": 0.02, "reddit_body": 0.02,
                          "reddit_comment": 0.03}  # fmt: skip
_MENTION_KINDS = ("tweet", "reddit_title", "reddit_body", "reddit_comment")


def _tone(sentiment: np.ndarray) -> np.ndarray:
    """Tone bucket 0-4 of sentiment values (label thresholds at +-0.2, strong beyond +-0.6)."""
    s = np.nan_to_num(np.asarray(sentiment, dtype=np.float64))
    t = SENTIMENT_THRESHOLD
    return (2 + (s > t) + (s > 0.6) - (s < -t) - (s < -0.6)).astype(np.int64)


def _distinct_draws(
    rng: np.random.Generator, group: np.ndarray, pools: Sequence[_Pool], k: int
) -> list[pl.Series]:
    """``k`` phrases per row from ``pools[group]``, different from each other (pools >= k)."""
    bank = pl.Series([s for pool in pools for s in pool.items], dtype=pl.String)
    offsets = np.cumsum([0] + [len(pool.items) for pool in pools])
    idx = np.zeros((k, len(group)), dtype=np.int64)
    for g, pool in enumerate(pools):
        rows = np.flatnonzero(group == g)
        size = len(pool.items)
        first = rng.integers(0, size, len(rows))
        # Shifts 0 < s_1 < s_2 < ... < size keep the k indices distinct.
        shifts = np.sort(rng.random((len(rows), k - 1)), axis=1) if k > 1 else None
        idx[0, rows] = offsets[g] + first
        for j in range(1, k):
            step = 1 + np.floor(shifts[:, j - 1] * (size - k + 1)).astype(np.int64) + (j - 1)
            idx[j, rows] = offsets[g] + (first + np.minimum(step, size - 1)) % size
    return [bank.gather(idx[j]) for j in range(k)]


def _join(parts: Sequence[pl.Series], separator: pl.Series | str = " ") -> pl.Series:
    """Concatenate per-row parts with a separator, skipping empty parts."""
    frame = pl.DataFrame({f"p{i}": part for i, part in enumerate(parts)})
    columns = [pl.when(pl.col(c) != "").then(pl.col(c)) for c in frame.columns]
    if isinstance(separator, str):
        return frame.select(
            pl.concat_str(columns, separator=separator, ignore_nulls=True)
        ).to_series()
    # Per-row separators: join with a marker, then replace it.
    marker = "\u0000"
    joined = frame.select(pl.concat_str(columns, separator=marker, ignore_nulls=True)).to_series()
    return (
        pl.DataFrame({"t": joined, "s": separator})
        .select(pl.col("t").str.replace_all(marker, pl.col("s"), literal=True))
        .to_series()
    )


def mention_texts(
    rng: np.random.Generator,
    sentiment: np.ndarray,
    brand: np.ndarray,
    noun: np.ndarray,
    kind: str,
) -> np.ndarray:
    """Brand / product mentions whose tone follows the true sentiment (-1..1) of each row.

    Strongly negative: angry complaints (broke, refunds, "scam", ignored by customer service);
    mildly negative: disappointment, "overhyped"; near zero: questions, news, "anyone tried X?";
    positive: praise and recommendations, strongly positive: raves. Sarcasm appears among the
    negative ones ("love that my X broke on day 3 🙃").

    Args:
        rng: random generator.
        sentiment: true sentiment per row (labels: :func:`sentiment_label`).
        brand: brand name per row.
        noun: product noun ("lip oil") or a department noun ("products") per row.
        kind: ``"tweet"`` (short, hashtags / emoji sometimes), ``"reddit_title"``,
            ``"reddit_body"`` (2-5 sentences) or ``"reddit_comment"`` (conversational).

    Returns:
        numpy object array of ``str``.
    """
    if kind not in _MENTION_KINDS:
        raise ValueError(f"kind must be one of {_MENTION_KINDS}, got {kind!r}")
    tone = _tone(sentiment)
    n = len(tone)
    if n == 0:
        return np.array([], dtype=object)
    noun_s, brand_s = _as_series(noun), _as_series(brand)
    has_brand = (brand_s.str.len_chars() > 0).to_numpy()
    fillers = _common_fillers(rng, noun_s, brand_s, has_brand)

    if kind == "tweet":
        text = _tweets(rng, tone, has_brand)
    elif kind == "reddit_title":
        text = _reddit_titles(rng, tone, has_brand)
    elif kind == "reddit_body":
        text = _reddit_bodies(rng, tone)
    else:
        text = _reddit_comments(rng, tone, has_brand)

    # A share of mentions in another language (short, same tone).
    foreign = np.flatnonzero(_chance(rng, n, _FOREIGN_MENTION_SHARE[kind]))
    if len(foreign):
        language = rng.choice(len(_MENTION_LANGUAGES), size=len(foreign), p=_MENTION_LANGUAGE_P)
        tone3 = np.sign(tone[foreign] - 2) + 1
        pools = [
            _Pool.flat(_FOREIGN_MENTIONS[lang][t]) for lang in _MENTION_LANGUAGES for t in range(3)
        ]
        text.scatter(foreign, _draw_grouped(rng, language * 3 + tone3, pools))

    text = _fill(text, fillers)
    if kind == "tweet":
        caps = np.where((tone == 0) | (tone == 4), 0.05, 0.015)
        text = _stretch(rng, text, 0.04)
        text = _casing(rng, text, sentence=0.3, lower=0.25, caps=caps)
        text = _typos(rng, text, 0.04)
    elif kind == "reddit_comment":
        text = _casing(rng, text, sentence=0.0, lower=0.12, caps=np.full(n, 0.005))
        text = _typos(rng, text, 0.03)
    elif kind == "reddit_title":
        text = _casing(rng, text, sentence=0.0, lower=0.1, caps=np.full(n, 0.01))
        text = _typos(rng, text, 0.015)
    else:
        text = _typos(rng, text, 0.015)
    return _out(text)


def _tweets(rng: np.random.Generator, tone: np.ndarray, has_brand: np.ndarray) -> pl.Series:
    """Tweet skeletons: opener, core, emoji, hashtags."""
    n = len(tone)
    core_pools = [_Pool.flat(_TWEETS[t]) for t in range(5)]
    core = _draw_grouped(
        rng,
        tone * 2 + has_brand,
        [p for pool in core_pools for p in (pool.without("{brand}", "{handle}"), pool)],
    )
    opener = _draw_grouped(rng, tone, [_Pool.flat(_TWEET_OPENERS[t]) for t in range(5)])
    opener = _blank(opener, ~_chance(rng, n, 0.15))
    emoji = _draw_grouped(rng, tone, [_TWEET_EMOJI[t] for t in range(5)])
    emoji = _blank(emoji, ~_chance(rng, n, np.array([0.35, 0.2, 0.12, 0.2, 0.4])[tone]))
    tags_pools = [_Pool.flat(_TWEET_HASHTAGS[t]) for t in range(5)]
    tag1 = _blank(_draw_grouped(rng, tone, tags_pools), ~_chance(rng, n, 0.28))
    tag2 = _blank(_draw_grouped(rng, tone, tags_pools), ~_chance(rng, n, 0.1))
    brand_tag = pl.Series(np.where(_chance(rng, n, 0.08) & has_brand, "#{brandtag}", ""))
    return _join([opener, core, emoji, tag1, tag2, brand_tag])


def _reddit_titles(rng: np.random.Generator, tone: np.ndarray, has_brand: np.ndarray) -> pl.Series:
    """Reddit submission titles, some with a flair-like prefix."""
    n = len(tone)
    pools = [_Pool.flat(_REDDIT_TITLES[t]) for t in range(5)]
    core = _draw_grouped(
        rng, tone * 2 + has_brand, [p for pool in pools for p in (pool.without("{brand}"), pool)]
    )
    prefix = _draw_grouped(rng, tone, [_Pool.flat(_REDDIT_TITLE_PREFIX[t]) for t in range(5)])
    prefix = _blank(prefix, ~_chance(rng, n, 0.15))
    return pl.DataFrame({"p": prefix, "c": core}).select(pl.concat_str(["p", "c"])).to_series()


def _reddit_bodies(rng: np.random.Generator, tone: np.ndarray) -> pl.Series:
    """Reddit self-texts: context, 1-3 evaluation sentences, a closing; 2-5 sentences."""
    n = len(tone)
    has_context, has_second = _chance(rng, n, 0.7), _chance(rng, n, 0.75)
    has_third = _chance(rng, n, 0.35)
    # A closing is optional unless the body would have a single sentence.
    has_closing = _chance(rng, n, 0.5) | (~has_context & ~has_second)
    context = _blank(_Pool.flat(_REDDIT_CONTEXT).draw(rng, n), ~has_context)
    evaluations = _distinct_draws(rng, tone, [_Pool.flat(_REDDIT_BODY[t]) for t in range(5)], 3)
    evaluations[1] = _blank(evaluations[1], ~has_second)
    evaluations[2] = _blank(evaluations[2], ~has_third)
    closing = _draw_grouped(rng, tone, [_Pool.flat(_REDDIT_CLOSING[t]) for t in range(5)])
    closing = _blank(closing, ~has_closing)
    separator = pl.Series(np.where(_chance(rng, n, 0.25), "\n\n", " "))
    return _join([context, *evaluations, closing], separator)


def _reddit_comments(
    rng: np.random.Generator, tone: np.ndarray, has_brand: np.ndarray
) -> pl.Series:
    """Reddit comments: optional opener, one or two conversational sentences."""
    n = len(tone)
    pools = [_Pool.flat(_REDDIT_COMMENTS[t]) for t in range(5)]
    first, second = _distinct_draws(
        rng, tone * 2 + has_brand, [p for pool in pools for p in (pool.without("{brand}"), pool)], 2
    )
    second = _blank(second, ~_chance(rng, n, 0.25))
    with_opener = _chance(rng, n, 0.2)
    opener = _blank(_Pool.flat(_REDDIT_COMMENT_OPENERS).draw(rng, n), ~with_opener)
    # After an opener the sentence goes on in lower case ("Honestly mine was meh too").
    mid_sentence = with_opener & ~opener.str.ends_with(".").to_numpy()
    first = _apply(first, np.flatnonzero(mid_sentence), _lower_first)
    return _join([opener, first, second])


# ============================================================================================
# Video captions and creator bios
# ============================================================================================

_CAPTIONS_PRODUCT = _lines("""
the {noun} everyone's been asking about
ok the {brand} {noun} is actually worth it
pov: you finally found the perfect {noun}
{noun} review 🫶
things tiktok made me buy pt {part}
amazon finds that actually slap
rating viral {noun}s so you don't have to
honest review of the {brand} {noun}
this {noun} lives rent free in my head
grwm ft. my new {noun}
if you don't have this {noun} yet… 👀
replying to {friend} here's the link!! it's in my showcase
link in bio 🔗
part {part} of my favorite {noun}s
unboxing the {brand} {noun} 📦
is the viral {noun} worth it?
3 ways to use this {noun}
the {noun} that broke the internet
day {part} using the {noun}: results
testing the {brand} {noun} so you don't have to
my honest thoughts on the {noun} everyone is buying
{brand} did NOT disappoint
restock alert 🚨 the {noun} is back
this {noun} is on sale rn, run
the {noun} i'll never stop recommending
obsessed is an understatement
tiktok shop find of the week
the {noun} in {color} 😍
answering your questions about the {noun}
you asked, here's the link 🔗
it's in the orange cart 🛒
found the perfect {noun} dupe
is it worth {price}? let's see
wait for it…
tell me you need this without telling me
my {who} stole my {noun} again 😂
best {price} i've ever spent
{noun} hack you didn't know you needed
things in my cart rn
stop scrolling if you need a new {noun}
i was today years old when i found this {noun}
deinfluencing: do you really need this {noun}?
returning this {noun}, here's why
not sponsored, i just really love this {noun}
{noun} check ✔️
the {brand} {noun} after {time}: honest update
why is nobody talking about this {noun}
the only {noun} i'll ever use
i didn't think i needed a {noun} until now
come unbox with me
small things that make my day better
{noun} that looks way more expensive than it is
cheap vs expensive {noun}
""")
_CAPTIONS_TOPIC = _lines("""
my {noun} 🫶
{noun} with me
{noun} update
grwm
come with me
storytime
this is your sign to reset your {noun}
a very realistic {noun}
{noun} but make it aesthetic
day in my life
answering your questions
rating my {noun} from last year
things i stopped buying
no buy year update: month {part}
my current {noun}
{noun} that changed everything for me
what i'd do differently with my {noun}
weekly {noun} reset
trying the viral {noun} trend
sunday reset
replying to {friend} my full {noun}
part {part}
""")
_CAPTION_PART = _Pool.flat([str(i) for i in range(2, 48)])
#: Disclosures when the hashtags carry none, and optional extras when they do.
_DISCLOSURES = _Pool.weighted(
    [("#ad", 40), ("#sponsored", 20), ("paid partnership with {brand}", 20),
     ("thank you {handle} for sponsoring this video #ad", 8), ("{handle} #ad", 7),
     ("#{brandtag}partner #ad", 5)]
)  # fmt: skip
_DISCLOSURE_EXTRAS = _Pool.weighted(
    [("paid partnership with {brand}", 35), ("thank you {handle} for sending this 💕", 20),
     ("{handle}", 25), ("use my code for a discount!", 12), ("gifted by {handle}", 8)]
)  # fmt: skip
_CAPTION_EMOJI = _emoji_pool("✨🫶😍🔥💕🛒👀🤍")


def _tag_lists(hashtags: np.ndarray | pl.Series) -> pl.Series:
    """Hashtag lists as a polars ``List(String)`` series (missing lists become empty)."""
    if isinstance(hashtags, pl.Series):
        tags = hashtags.cast(pl.List(pl.String))
    else:
        # Arrow converts the python lists in C++ (polars' own constructor goes row by row).
        tags = pl.Series(pa.array(np.asarray(hashtags, dtype=object), type=pa.list_(pa.string())))
    return tags.fill_null(pl.lit([], dtype=pl.List(pl.String))).rename("tags")


def video_descriptions(
    rng: np.random.Generator,
    noun: np.ndarray,
    brand: np.ndarray,
    hashtags: np.ndarray,
    is_sponsored: np.ndarray,
) -> np.ndarray:
    """Video captions ending with the post's hashtags; sponsored ones carry a disclosure.

    Args:
        rng: random generator.
        noun: product noun, or the video topic when there is no product, per row.
        brand: brand name per row, ``""`` when the video features no product.
        hashtags: per row a python list of hashtag names (without ``#``).
        is_sponsored: per row, whether the post is a paid partnership.

    Returns:
        numpy object array of ``str``: caption, then ``#tag`` for each hashtag. Sponsored
        captions always contain ``#ad``, ``#sponsored`` or "paid partnership with <brand>"
        (from the hashtags or added here).
    """
    n = len(noun)
    if n == 0:
        return np.array([], dtype=object)
    noun_s, brand_s = _as_series(noun), _as_series(brand)
    has_brand = (brand_s.str.len_chars() > 0).to_numpy()
    sponsored = np.asarray(is_sponsored, dtype=bool)
    tags = _tag_lists(hashtags)
    disclosed = (tags.list.set_intersection(["ad", "sponsored"]).list.len() > 0).to_numpy()

    product_pool = _Pool.flat(_CAPTIONS_PRODUCT)
    pools = [
        _Pool.flat(_CAPTIONS_TOPIC),
        product_pool.without("{brand}", "{handle}"),
        product_pool,
        # A paid post does not say "not sponsored" or de-influence its own product.
        product_pool.without("not sponsored", "deinfluencing", "returning this"),
    ]
    group = np.where(has_brand, np.where(sponsored, 3, 2), np.where(_chance(rng, n, 0.5), 0, 1))
    core = _draw_grouped(rng, group, pools)
    core = _blank(core, _chance(rng, n, 0.06))
    emoji = _blank(_CAPTION_EMOJI.draw(rng, n), ~_chance(rng, n, 0.3))

    needs = sponsored & ~disclosed
    extra = sponsored & disclosed & has_brand & _chance(rng, n, 0.35)
    marker_group = np.where(needs, np.where(has_brand, 1, 0), 2)
    marker = _draw_grouped(
        rng, marker_group, [_DISCLOSURES.without("{brand}", "{handle}", "{brandtag}"),
                            _DISCLOSURES, _DISCLOSURE_EXTRAS]
    )  # fmt: skip
    marker = _blank(marker, ~(needs | extra))
    hashtag_text = (
        pl.DataFrame({"t": tags})
        .select(pl.col("t").list.eval(pl.lit("#") + pl.element()).list.join(" "))
        .to_series()
    )

    # Style the caption itself; disclosures and hashtags stay as typed (a typo never hides #ad).
    caption = _fill(
        _join([core, emoji]),
        [("part", _from(rng, _CAPTION_PART)), *_common_fillers(rng, noun_s, brand_s, has_brand)],
    )
    caption = _casing(rng, caption, sentence=0.3, lower=0.1, caps=np.full(n, 0.01))
    caption = _typos(rng, caption, 0.02)
    marker = _fill(marker, _common_fillers(rng, noun_s, brand_s, has_brand))
    text = _join([caption, marker, hashtag_text])
    return _out(text)


#: Bio descriptors per category.
_BIO_CATEGORY: dict[str, list[str]] = {
    "skincare": ["skincare + outfits", "skincare junkie", "glass skin era", "licensed esthetician",
                 "skincare that actually works", "acne journey", "spf every day ☀️"],
    "makeup": ["makeup + chaos", "mua", "makeup for hooded eyes", "drugstore makeup lover",
               "lip combo queen 💋", "everyday makeup"],
    "haircare": ["curly hair tips", "hair care that works", "heatless hair era", "hairstylist ✂️",
                 "4c hair journey", "blowout obsessed"],
    "fragrance": ["perfume addict", "smelling good is my personality", "fragrance reviews",
                  "vanilla girl 🍦", "scent layering"],
    "apparel": ["outfits + hauls", "petite fashion", "midsize style", "ootd daily",
                "thrift + try ons", "styling basics", "tall girl fashion"],
    "shoes": ["sneakerhead", "shoe collector 👟", "comfy shoes only", "shoe reviews"],
    "accessories": ["bags + accessories", "bag charm era", "accessorize everything",
                    "what's in my bag"],
    "jewelry": ["jewelry stacks", "gold everything ✨", "jewelry that doesn't tarnish",
                "stacking rings addict"],
    "home_decor": ["cozy home ideas", "small apartment decor", "renter friendly decor 🏠",
                   "home decor on a budget", "diy + decor"],
    "kitchen": ["easy recipes", "kitchen gadgets", "girl dinner specialist", "home cook",
                "air fryer everything"],
    "cleaning": ["cleaning hacks", "cleantok", "satisfying cleans 🫧", "clean with me",
                 "cleaning motivation"],
    "organization": ["organizing + restocks", "home organization", "restock asmr",
                     "pantry goals", "organized chaos"],
    "gadgets": ["tech reviews", "gadget nerd", "desk setups", "techtok", "cool tech finds"],
    "phone_accessories": ["phone case collector", "iphone tips", "tech accessories",
                          "magsafe everything"],
    "audio": ["audio reviews 🎧", "headphone nerd", "vinyl collector", "music + tech"],
    "fitness": ["fitness + wellness", "pilates princess", "walking pad girlie",
                "personal trainer", "gym tips", "hot girl walks"],
    "supplements": ["wellness girlie", "gut health", "supplements + routines",
                    "nutritionist", "healthy habits"],
    "toys": ["toy reviews", "blind box addict", "mom of toddlers", "kids finds"],
    "pet_supplies": ["dog mom 🐶", "cat dad", "pet finds", "my dog runs this account",
                     "2 cats 1 dog"],
}  # fmt: skip
_BIO_LIFE = _lines("""
mom of 2
mom of 3
she/her
he/him
23
27
dog mom 🐶
nurse by day
college girlie
just a girl
dad of 3
teacher 🍎
coffee addict ☕
living my best life
engaged 💍
new mom
boy mom
chronically online
introvert
girl's girl
bride to be 👰
""")
#: Home towns by creator region (written in a share of bios).
_BIO_CITY: dict[str, list[str]] = {
    "US": ["nyc", "la based", "texas", "florida girl 🌴", "chicago", "atlanta", "nashville"],
    "GB": ["london", "manchester", "uk based"], "CA": ["toronto", "vancouver", "montreal"],
    "AU": ["sydney", "melbourne", "brisbane"], "BR": ["são paulo", "rio"],
    "MX": ["cdmx", "monterrey"], "ES": ["madrid", "barcelona"], "DE": ["berlin", "münchen"],
    "FR": ["paris", "lyon"], "PH": ["manila", "cebu"], "ID": ["jakarta", "bandung"],
}  # fmt: skip
_BIO_CTA = _lines("""
LTK: shop my faves
amazon storefront ⬇️
📩 collabs: dm
shop my finds 👇
🛒 tiktok shop faves
business: link in bio
📧 collabs via link
ugc creator
pr friendly 💌
new videos daily
follow for daily finds
everything i use ⬇️
links ⬇️
my amazon faves 👇
LTK + amazon ⬇️
""")
_BIO_LOCAL: dict[str, list[str]] = {
    "BR": ["dicas de skincare", "achadinhos da shopee 🛍️", "mãe de 2", "parcerias no direct",
           "achadinhos", "moda e beleza"],
    "MX": ["amante del skincare", "mamá de 2", "hallazgos de amazon", "colaboraciones por dm",
           "moda y belleza"],
    "ES": ["belleza y moda", "mamá de 2", "colaboraciones por dm", "chollos de amazon"],
    "DE": ["beauty & lifestyle", "mama von 2", "kooperationen per dm", "amazon fundstücke"],
    "FR": ["beauté & lifestyle", "maman de 2", "collabs en dm", "pépites amazon"],
    "ID": ["racun shopee", "ibu 2 anak", "endorse via dm", "review jujur"],
    "PH": ["shopee finds ph", "mommy of 2", "collab? dm po", "budol finds"],
}  # fmt: skip
_FLAGS: dict[str, str] = {
    "US": "🇺🇸", "GB": "🇬🇧", "CA": "🇨🇦", "AU": "🇦🇺", "BR": "🇧🇷", "DE": "🇩🇪", "FR": "🇫🇷",
    "MX": "🇲🇽", "PH": "🇵🇭", "ID": "🇮🇩", "ES": "🇪🇸", "KR": "🇰🇷",
}  # fmt: skip
_BIO_SEPARATORS = _Pool.weighted(
    [(" | ", 30), (" · ", 20), (" ✨ ", 10), (" • ", 15), ("\n", 20), (" 🌸 ", 5)]
)


def bios(rng: np.random.Generator, category: np.ndarray, region_code: np.ndarray) -> np.ndarray:
    """Creator bios: category descriptor, life details, call to action, flag.

    Examples: "skincare + outfits · 🇺🇸", "mom of 2 | cleaning hacks ✨ | LTK: shop my faves".
    Creators in BR, MX, ES, DE, FR, ID and PH often write (part of) their bio in their language.

    Returns:
        numpy object array of ``str`` (about 3 % empty: no bio).
    """
    n = len(category)
    if n == 0:
        return np.array([], dtype=object)
    cat_s, region_s = _as_series(category), _as_series(region_code)
    cat_keys = list(_BIO_CATEGORY)
    cat_code = _codes(cat_s, cat_keys)
    cat_pools = [_Pool.flat(_BIO_CATEGORY[k]) for k in cat_keys] + [_Pool.flat(_BIO_LIFE)]
    descriptor = _draw_grouped(rng, cat_code, cat_pools)
    local_keys = list(_BIO_LOCAL)
    local_code = _codes(region_s, local_keys)
    is_local = (local_code < len(local_keys)) & _chance(rng, n, 0.6)
    local_pools = [_Pool.flat(_BIO_LOCAL[k]) for k in local_keys] + [_Pool.flat(_BIO_LIFE)]
    life = _draw_grouped(rng, np.where(is_local, local_code, len(local_keys)), local_pools)
    life = _blank(life, ~(is_local | _chance(rng, n, 0.5)))
    city_keys = list(_BIO_CITY)
    city_code = _codes(region_s, city_keys)
    city = _draw_grouped(
        rng, city_code, [_Pool.flat(_BIO_CITY[k]) for k in city_keys] + [_Pool.flat([""])]
    )
    city = _blank(city, ~_chance(rng, n, 0.2))
    cta = _blank(_Pool.flat(_BIO_CTA).draw(rng, n), ~_chance(rng, n, 0.45))
    flag = region_s.replace_strict(_FLAGS, default="")
    flag = _blank(flag, ~_chance(rng, n, 0.4))
    # Shuffle the order of descriptor and life details.
    swap = _chance(rng, n, 0.5)
    first = pl.Series(np.where(swap, life.to_numpy(), descriptor.to_numpy()).astype(object))
    second = pl.Series(np.where(swap, descriptor.to_numpy(), life.to_numpy()).astype(object))
    separator = _BIO_SEPARATORS.draw(rng, n)
    text = _join([first.cast(pl.String), second.cast(pl.String), city, cta, flag], separator)
    text = _casing(rng, text, sentence=0.2, lower=0.0, caps=np.full(n, 0.02))
    text = _blank(text, _chance(rng, n, 0.03))
    return _out(text)


# ============================================================================================
# Product reviews and post-purchase survey comments
# ============================================================================================

#: Category of a product noun, by keyword (first match wins; order matters: "ring light" is a
#: gadget, "pet hair remover" a pet product, "hair mask" hair care, "face mask" skin care).
_NOUN_CATEGORY_PATTERNS: list[tuple[str, str]] = [
    ("pet_supplies", r"\b(cat|cats|dog|dogs|pet|lick mat|litter|leash)\b"),
    ("fragrance", r"parfum|perfume|body mist|rollerball|cologne|fragrance"),
    ("phone_accessories", r"magsafe|phone|power bank|tripod|charger"),
    ("gadgets", r"projector|label maker|ring light|camera|smart plug|gadget"),
    ("audio", r"earbuds|speaker|headphones|turntable|audio"),
    ("fitness", r"walking pad|resistance band|pilates|yoga|grip socks|workout|dumbbell"),
    ("supplements", r"gummies|collagen|magnesium|greens|electrolyte|supplement|protein"),
    ("toys", r"blind box|plush|fidget|building set|slime|\btoy"),
    ("makeup", r"\blip|mascara|blush|concealer|setting spray|bronzer|brow|foundation|eyeliner"),
    ("haircare", r"hair|scalp|shampoo|curler|heat protectant|conditioner"),
    ("skincare", r"serum|moisturi[sz]er|cleanser|toner|sunscreen|spf|eye cream|mask|exfoliant"),
    ("accessories", r"tote|\bbag\b|claw clip|sunglasses|\bbelt\b|\bhat\b|scarf"),
    ("jewelry", r"hoops|necklace|\brings?\b|earrings|bracelet|jewelry|charm"),
    ("shoes", r"flats|sneakers|loafers|slides|boots|shoes|heels|sandals"),
    ("apparel", r"pants|hoodie|dress|leggings|\btee\b|coat|cardigan|jeans|sweater|shirt|skirt"),
    ("home_decor", r"lamp|blanket|mirror|vase|candle|wall art|led strip|decor|rug"),
    ("kitchen", r"tumbler|air fryer|waffle|knife|frother|ice maker|kitchen|cup\b|pan\b"),
    ("cleaning", r"cleaning|vacuum|scrub|lint|\bmop\b"),
    ("organization", r"organi[sz]er|\bbins\b|cable box|hangers"),
]


def _noun_categories(noun: pl.Series) -> pl.Series:
    """Category slug of each product noun ("other" when no keyword matches)."""
    out = np.full(len(noun), "other", dtype=object)
    todo = np.ones(len(noun), dtype=bool)
    lower = noun.str.to_lowercase()
    for category, pattern in _NOUN_CATEGORY_PATTERNS:
        hit = lower.str.contains(pattern).to_numpy() & todo
        out[hit] = category
        todo &= ~hit
    return pl.Series(out, dtype=pl.String)


_REVIEW_TITLES: dict[int, list[str]] = {
    5: _lines("""
        Love it!
        Obsessed
        Worth every penny
        Best {noun} ever
        Exactly as described
        Perfect
        Five stars
        Lives up to the hype
        Amazing quality
        So glad I bought this
        Buy it!
        Holy grail
        My new favorite
        Great purchase
        Even better than the video
        10/10
        """),
    4: _lines("""
        Really nice
        Great but pricey
        Very good {noun}
        Happy with it
        Pretty good!
        Almost perfect
        Good quality
        Would buy again
        Solid
        Nice, a few small issues
        Good, not life changing
        """),
    3: _lines("""
        It's okay
        Meh
        Decent
        Not bad, not great
        Average
        Does the job
        Fine for the price
        Expected more
        Mixed feelings
        Okay I guess
        """),
    2: _lines("""
        Disappointed
        Not worth the hype
        Not as pictured
        Meh quality
        Wouldn't buy again
        Overpriced
        Looks cheap
        Not what I expected
        Returned it
        Cute but flimsy
        """),
    1: _lines("""
        Broke after a week
        Waste of money
        Garbage
        Do not buy
        Scam
        Terrible quality
        Fell apart
        Never again
        Doesn't work
        Complete waste
        Awful
        Want a refund
        """),
}
_REVIEW_REGRET_TITLES = _lines("""
Not worth the hype
TikTok made me buy it... regret
Impulse buy I regret
Returned it
Didn't need this
Looked better in the video
Fell for the hype
Reselling mine
Should have read the reviews
""")
_REVIEW_SHORT: dict[int, list[str]] = {
    5: ["love it!", "obsessed", "perfect", "works great", "exactly as described", "10/10",
        "so good", "buy it", "amazing!!", "love love love", "great product"],
    4: ["really nice, just a bit pricey", "good quality", "happy with it", "works well",
        "pretty good", "nice!"],
    3: ["it's ok", "does the job", "meh", "fine", "it's alright", "average"],
    2: ["not great", "disappointed", "not worth it", "meh, returning", "cheap quality"],
    1: ["garbage", "broke immediately", "don't waste your money", "returned", "awful quality",
        "doesn't work", "scam"],
}  # fmt: skip
_REVIEW_OPENING: dict[int, list[str]] = {
    5: _lines("""
        I absolutely love this {noun}.
        This {noun} is even better than I expected.
        Bought this after seeing it everywhere and it did not disappoint.
        I've had it for {time} and I'm obsessed.
        Best purchase I've made in a while.
        I was skeptical but this {noun} is amazing.
        Got this for {who} and ended up buying one for myself too.
        Finally a viral product that lives up to the hype.
        """),
    4: _lines("""
        Really nice {noun} overall.
        Very happy with this purchase.
        I like it a lot.
        Good {noun}, does exactly what I wanted.
        Pretty happy with it so far.
        Nice quality for the price.
        """),
    3: _lines("""
        It's okay.
        Not bad but not amazing.
        The {noun} is fine, nothing special.
        Mixed feelings about this one.
        It does the job I guess.
        Decent but I expected more after all the hype.
        """),
    2: _lines("""
        Pretty disappointed with this {noun}.
        Not worth the price.
        It's not what I expected.
        I wanted to love it but I don't.
        Underwhelming.
        Looks nothing like the pictures.
        """),
    1: _lines("""
        Complete waste of money.
        Do not buy this {noun}.
        Terrible quality.
        This was a huge disappointment.
        Worst purchase I've made.
        I want my money back.
        """),
}
_REVIEW_MINOR = _lines("""
it's a bit pricey
shipping took forever
it's smaller than i expected
the color is slightly off
it feels a little cheap
the packaging was damaged
the instructions are useless
it's not as nice as in the video
""")
_REVIEW_SHIPPING: dict[int, list[str]] = {
    0: ["Shipping took almost three weeks.", "Arrived with a dented box.",
        "The package was left in the rain.", "It came late and the box was crushed.",
        "Took forever to arrive and nobody answered my emails."],
    1: ["Shipping was okay.", "Arrived on time.", "Came in a plain box."],
    2: ["Shipping was fast.", "Arrived in two days.", "Came well packaged.",
        "Arrived earlier than expected."],
}  # fmt: skip
_REVIEW_CLOSING: dict[int, list[str]] = {
    5: ["Highly recommend!", "Would buy again.", "Already ordered another one.", "10/10.",
        "Get it, you won't regret it."],
    4: ["Would recommend.", "Would buy again on sale.", "Overall happy.", "Four stars."],
    3: ["Probably wouldn't buy again.", "It's fine for the price.", "Not sure it's worth it."],
    2: ["Wouldn't recommend.", "Going to return it.", "Not buying again."],
    1: ["Save your money.", "Returning it ASAP.", "Stay away.", "Zero stars if I could."],
}  # fmt: skip
_REVIEW_REGRET: dict[int, list[str]] = {
    0: _lines("""
        Bought it because of TikTok, not worth the hype.
        Honestly an impulse buy I didn't need.
        Ended up returning it.
        I'm reselling mine on Poshmark.
        Looked way better in the video.
        I only bought it because every creator was posting it.
        Should have waited for real reviews instead of buying on a whim.
        It's sitting in a drawer now.
        """),
    1: _lines("""
        It's nice, I just didn't really need it.
        Cute, but honestly an impulse buy from TikTok.
        Good product, I just don't use it as much as I thought I would.
        Bought it in a TikTok haze, it's fine but I could have lived without it.
        """),
}


def _sentence(t: pl.Expr) -> pl.Expr:
    """Sentence case with a final period when the clause has no end punctuation."""
    capital = _sentence_case(t)
    return pl.when(t.str.contains(r"[.!?]$")).then(capital).otherwise(capital + ".")


def review_texts(
    rng: np.random.Generator,
    rating: np.ndarray,
    noun: np.ndarray,
    brand: np.ndarray,
    regretted: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Title and body of shop reviews; the tone follows the star rating.

    About a quarter of bodies are short ("love it!"); the others have 2-4 sentences: an opening,
    a product-specific remark (fit, scent, skin, battery, taste ... from the noun), sometimes
    shipping and a closing. Regretted purchases mention returning, reselling or the TikTok hype.

    Args:
        rng: random generator.
        rating: star rating 1-5 per row.
        noun: product noun per row.
        brand: brand name per row.
        regretted: whether the buyer regrets the purchase.

    Returns:
        ``(title, body)``, numpy object arrays of ``str``.
    """
    stars = np.clip(np.asarray(rating, dtype=np.int64), 1, 5)
    n = len(stars)
    if n == 0:
        return np.array([], dtype=object), np.array([], dtype=object)
    regret = np.asarray(regretted, dtype=bool)
    noun_s, brand_s = _as_series(noun), _as_series(brand)
    has_brand = (brand_s.str.len_chars() > 0).to_numpy()
    category = _noun_categories(noun_s)
    fillers = _category_fillers(rng, category) + _common_fillers(rng, noun_s, brand_s, has_brand)

    # Titles: by rating, regretted buyers often title the regret.
    regret_title = regret & _chance(rng, n, 0.4)
    title_pools = [_Pool.flat(_REVIEW_TITLES[r]) for r in range(1, 6)]
    title = _draw_grouped(
        rng, np.where(regret_title, 5, stars - 1), [*title_pools, _Pool.flat(_REVIEW_REGRET_TITLES)]
    )
    title = _fill(title, fillers)
    title = _casing(rng, title, sentence=0.0, lower=0.12, caps=np.full(n, 0.03))

    # Bodies.
    polarity = np.where(stars <= 2, 0, np.where(stars == 3, 1, 2))
    short = _chance(rng, n, 0.25)
    opening = _draw_grouped(rng, stars - 1, [_Pool.flat(_REVIEW_OPENING[r]) for r in range(1, 6)])
    aspect = _draw_grouped(
        rng, polarity, [_Pool.flat(["{bad}"]), _Pool.flat(["{own}, but {minor}"]),
                        _Pool.flat(["{own}"])]
    )  # fmt: skip
    aspect = _blank(aspect, ~_chance(rng, n, 0.8))
    shipping = _draw_grouped(rng, polarity, [_Pool.flat(_REVIEW_SHIPPING[p]) for p in range(3)])
    shipping = _blank(shipping, ~_chance(rng, n, 0.3))
    closing = _draw_grouped(rng, stars - 1, [_Pool.flat(_REVIEW_CLOSING[r]) for r in range(1, 6)])
    closing = _blank(closing, ~_chance(rng, n, 0.5))
    regret_line = _draw_grouped(
        rng, (stars >= 4).astype(np.int64), [_Pool.flat(_REVIEW_REGRET[k]) for k in range(2)]
    )
    regret_line = _blank(regret_line, ~(regret & _chance(rng, n, 0.75)))
    parts = [opening, aspect, regret_line, shipping, closing]
    parts = [
        pl.DataFrame({"t": _fill(p, [("minor", _from(rng, _Pool.flat(_REVIEW_MINOR))), *fillers])})
        .select(pl.when(pl.col("t") != "").then(_sentence(pl.col("t"))).otherwise(pl.col("t")))
        .to_series()
        for p in parts
    ]
    body = _join(parts)
    short_body = _draw_grouped(rng, stars - 1, [_Pool.flat(_REVIEW_SHORT[r]) for r in range(1, 6)])
    body = body.zip_with(pl.Series(~short), short_body)
    body = _casing(rng, body, sentence=0.0, lower=0.1, caps=np.full(n, 0.01))
    body = _typos(rng, body, 0.03)
    return _out(title), _out(body)


_KEPT_STATUSES = ["kept", "returned", "resold", "gave_away", "discarded"]
#: Survey answers per disposal status and regret band (0 low 1-2, 1 mid 3, 2 high 4-5).
_SURVEY_STATUS: dict[str, dict[int, list[str]]] = {
    "kept": {
        0: _lines("""
            use it every day
            love it, no regrets
            best thing i bought this year
            still use it all the time
            it's great, would buy again
            exactly what i wanted
            worth it
            {who} wants one now
            {own}
            honestly {own}
            """),
        1: _lines("""
            it's fine, i use it sometimes
            it's ok, nothing special
            kept it but it's not as good as the video
            use it now and then
            decent for the price
            it's alright, i expected a bit more
            """),
        2: _lines("""
            kept it but barely use it
            it's sitting in my closet
            wish i hadn't bought it but too lazy to return it
            not worth what i paid, should have returned it
            impulse buy, don't really use it
            it's in a drawer somewhere
            missed the return window
            used it twice
            """),
    },
    "returned": {
        0: _lines("""
            returned it for a different size, no big deal
            had to return it but the process was easy
            returned it, wasn't the right color for me
            returned it, i already had something similar
            """),
        1: _lines("""
            returned it, just didn't need it
            sent it back, it didn't fit
            returned it, the color was off
            returned it because it was way smaller than expected
            """),
        2: _lines("""
            returned it, looked nothing like the video
            sent it back, didn't fit at all
            returned it, quality was bad
            returned, it broke in the first week
            returned it. refund took forever
            returned it, {bad}
            sent it back, total waste of time
            returned it, felt so cheap
            """),
    },
    "resold": {
        0: _lines("""
            sold it on poshmark, upgraded to a different one
            resold it, got most of my money back
            sold it to a friend who wanted one
            """),
        1: _lines("""
            sold it on poshmark
            listed it on ebay after a month
            sold it on facebook marketplace
            resold it on mercari
            """),
        2: _lines("""
            listed it on ebay after a month, never used it
            resold it on mercari for half what i paid
            sold it on poshmark, not worth keeping
            sold it, {bad}
            """),
    },
    "gave_away": {
        0: _lines("""
            gave it to my sister, she loves it
            gave it to {who} as a gift
            bought it as a gift for {who}
            """),
        1: _lines("""
            gave it to my sister
            gave it to a friend who actually uses it
            gave it to {who}
            regifted it lol
            """),
        2: _lines("""
            donated it
            gave it away, didn't want it anymore
            regifted it, wasn't for me
            gave it to {who}, i never used it
            """),
    },
    "discarded": {
        0: _lines("""
            used it until it wore out
            threw it out after a long time, it did its job
            """),
        1: _lines("""
            it broke so i tossed it
            threw it out when it stopped working
            """),
        2: _lines("""
            threw it out, broke after 2 weeks
            in the trash, total waste
            threw it away, it was unusable
            had to throw it out, it started smelling weird
            threw it out, {bad}
            """),
    },
}
_SURVEY_SATISFACTION: dict[int, list[str]] = {
    0: ["quality was really disappointing", "not worth the money", "very unhappy",
        "would not buy from this brand again", "felt misled by the ads"],
    1: ["it's ok", "quality is average", "nothing special", "it's fine for the price"],
    2: ["overall happy", "quality is good", "would recommend", "great quality",
        "really happy with it"],
}  # fmt: skip
_SURVEY_INFLUENCE = _lines("""
bought it because of a tiktok video
saw it on a creator's page
saw it all over my fyp
my friend recommended it
bought it on impulse at 2am
bought it during the sale
a creator i follow used it
saw it in an instagram reel
it was in the tiktok shop live
""")
#: Share of survey responses without a comment.
_SURVEY_EMPTY_SHARE = 0.4


def survey_comments(
    rng: np.random.Generator,
    regret: np.ndarray,
    satisfaction: np.ndarray,
    kept_status: np.ndarray,
    noun: np.ndarray,
) -> np.ndarray:
    """Free-text answer of a post-purchase survey, consistent with regret and disposal.

    About 40 % of answers are empty (no comment). The others state what happened to the item
    ("returned it, looked nothing like the video", "gave it to my sister", "use it every day")
    with a wording that follows the regret score, sometimes with a satisfaction remark and what
    made them buy it.

    Args:
        rng: random generator.
        regret: 1-5 (5 = strong regret) per row.
        satisfaction: 1-5 per row.
        kept_status: one of kept, returned, resold, gave_away, discarded per row.
        noun: product noun per row.

    Returns:
        numpy object array of ``str`` (``""`` for no comment).
    """
    n = len(regret)
    if n == 0:
        return np.array([], dtype=object)
    band = np.digitize(np.asarray(regret, dtype=np.int64), [3, 4])  # 1-2 -> 0, 3 -> 1, 4-5 -> 2
    sat = np.digitize(np.asarray(satisfaction, dtype=np.int64), [3, 4])
    status = _codes(_as_series(kept_status), _KEPT_STATUSES)
    status = np.where(status >= len(_KEPT_STATUSES), 0, status)
    noun_s = _as_series(noun)
    pools = [_Pool.flat(_SURVEY_STATUS[s][b]) for s in _KEPT_STATUSES for b in range(3)]
    main = _draw_grouped(rng, status * 3 + band, pools)
    remark = _draw_grouped(rng, sat, [_Pool.flat(_SURVEY_SATISFACTION[s]) for s in range(3)])
    remark = _blank(remark, ~_chance(rng, n, 0.3))
    influence = _blank(_Pool.flat(_SURVEY_INFLUENCE).draw(rng, n), ~_chance(rng, n, 0.2))
    separator = _Pool.weighted([(". ", 45), (", ", 35), (" - ", 10), (". \n", 10)]).draw(rng, n)
    text = _join([main, remark, influence], separator)
    category = _noun_categories(noun_s)
    empty = pl.Series(np.full(n, ""), dtype=pl.String)
    text = _fill(
        text,
        _category_fillers(rng, category) + _common_fillers(rng, noun_s, empty, np.zeros(n, bool)),
    )
    text = _casing(rng, text, sentence=0.45, lower=0.0, caps=np.full(n, 0.01))
    text = _typos(rng, text, 0.03)
    text = _blank(text, _chance(rng, n, _SURVEY_EMPTY_SHARE))
    return _out(text)


# ============================================================================================
# Customer names
# ============================================================================================

#: Name origins: (share, first names, last names). US-majority customer base of a US shop, with
#: the Hispanic, Asian, European, African and Middle Eastern names of a diverse population.
#: A few names carry diacritics (José, Zoë, Nguyễn) the way customers type them.
_NAME_GROUPS: list[tuple[float, list[str], list[str]]] = [
    (
        0.56,
        _words("""
        Emma Olivia Ava Sophia Isabella Mia Charlotte Amelia Harper Evelyn Abigail Emily
        Madison Elizabeth Avery Ella Scarlett Grace Chloe Lily Hannah Addison Natalie Brooklyn
        Samantha Leah Zoe Audrey Claire Lauren Ashley Jessica Sarah Megan Rachel Brittany
        Taylor Kayla Amanda Jennifer Nicole Stephanie Heather Melissa Amber Danielle Courtney
        Kelsey Morgan Jasmine Destiny Aaliyah Imani Ebony Keisha Tiana Shanice Brianna Kennedy
        Liam Noah Oliver Elijah James William Benjamin Lucas Henry Alexander Mason Michael
        Ethan Daniel Jacob Logan Jackson Sebastian Jack Aiden Owen Samuel Matthew Joseph Levi
        David John Wyatt Carter Ryan Tyler Brandon Justin Kevin Andrew Josh Zachary Cody
        Dylan Austin Jordan Marcus Darnell Malik Jamal Andre Terrell DeShawn Kendrick Zoë
        """),
        _words("""
        Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore
        Jackson Martin Thompson White Harris Clark Lewis Robinson Walker Young Allen King
        Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips
        Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Morgan Cooper
        Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks Wood James Bennett
        Gray Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell Sullivan
        Bell Coleman Butler Henderson Barnes Fisher Washington O'Brien McCarthy O'Neil
        """),
    ),
    (
        0.17,
        _words("""
        José María Sofía Valentina Camila Lucía Ximena Daniela Gabriela Mariana Alejandra
        Carmen Rosa Guadalupe Paola Andrea Natalia Fernanda Isabel Adriana Juan Luis Carlos
        Miguel Diego Javier Alejandro Mateo Santiago Jorge Ricardo Fernando Eduardo Andrés
        Jesús Manuel Antonio Rafael Emilio Héctor Raúl Iván Sergio Marisol Yesenia Araceli
        """),
        _words("""
        Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores
        Rivera Gomez Diaz Reyes Cruz Morales Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza
        Castillo Jimenez Vasquez Romero Herrera Medina Aguilar Vargas Castro Guzmán Peña
        Jiménez Muñoz Álvarez Domínguez Núñez Ibáñez Soto Delgado Vega Rojas Salazar Ortega
        """),
    ),
    (
        0.12,
        _words("""
        Wei Jing Mei Li Xin Yan Hui Ming Jun Hao Chen Yu Min-jun Ji-woo Seo-yeon Hye-jin
        Jisoo Minji Soo-ah Hiroshi Yuki Haruto Sakura Aiko Kenji Ren Hana Priya Ananya Aarav
        Arjun Rohan Divya Neha Anjali Vikram Raj Sanjay Deepika Kavya Linh Thao Minh Anh
        Huong Tuan Khanh Jasmine Kevin Michelle Vivian Grace Andrew Angela Joy Maricel
        """),
        _words("""
        Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Lin Kim Lee Park
        Choi Jung Kang Cho Yoon Jang Tanaka Sato Suzuki Takahashi Watanabe Ito Yamamoto
        Nakamura Patel Shah Singh Kumar Sharma Gupta Reddy Iyer Rao Mehta Nguyen Nguyễn Tran
        Trần Le Lê Pham Phạm Hoang Vu Dang Santos Reyes Cruz Bautista Mendoza
        """),
    ),
    (
        0.10,
        _words("""
        Lukas Leon Finn Jonas Felix Mia Hannah Lena Lea Anna Léa Chloé Camille Manon Inès
        Louis Hugo Théo Raphaël Chiara Giulia Francesca Marco Luca Matteo Alessandro Giorgia
        Søren Freja Astrid Björn Ingrid Lars Erik Sven Magnus Nora Oliwia Zofia Jakub Kacper
        Aoife Siobhan Niamh Ciarán Seán Renée Zoë Noémie Amélie François Jürgen Jörg Maëlle
        """),
        _words("""
        Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch
        Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Lefèvre Girard
        Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
        Jensen Nielsen Hansen Andersen Sørensen Larsen Johansson Lindqvist Karlsson Nowak
        Kowalski Wiśniewski Wójcik Kowalczyk Murphy Kelly Byrne Ryan O'Sullivan Doyle
        """),
    ),
    (
        0.05,
        _words("""
        Ahmed Mohammed Omar Ali Youssef Fatima Aisha Layla Noor Zainab Mariam Hassan Karim
        Amira Yasmin Tariq Chidi Ngozi Adaeze Emeka Oluwaseun Kwame Ama Kofi Abena Amara
        Fatou Moussa Aminata Tendai Zanele Thabo Sipho Nia Kemi Tunde Ife Chiamaka Dawit
        """),
        _words("""
        Khan Ahmed Hassan Ali Ibrahim Haddad Khoury Nasser Mansour Saleh Abdullah Rahman
        Okafor Okoye Adeyemi Balogun Mensah Owusu Boateng Diallo Traoré Ndiaye Mbeki Dlamini
        Nkosi Abebe Tesfaye Haile Osei Eze Nwosu Adebayo Oyelaran Kamara Kariuki Mwangi
        """),
    ),
]


def customer_names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` (first name, last name) pairs of shop customers.

    Mostly US names, with Hispanic, Asian, European, African and Middle Eastern names; a few
    with diacritics (José, Zoë, Nguyễn). First and last name usually share an origin (85 %);
    the rest mix (married names, mixed families). About 2 % of customers type their name in
    lower case and 0.5 % in upper case, as in real checkout data.

    Returns:
        ``(first_name, last_name)``, numpy object arrays of ``str``.
    """
    if n == 0:
        return np.array([], dtype=object), np.array([], dtype=object)
    shares = np.array([g[0] for g in _NAME_GROUPS])
    origin = rng.choice(len(_NAME_GROUPS), size=n, p=shares / shares.sum())
    other = rng.choice(len(_NAME_GROUPS), size=n, p=shares / shares.sum())
    last_origin = np.where(_chance(rng, n, 0.85), origin, other)
    first = _draw_grouped(rng, origin, [_Pool.flat(g[1]) for g in _NAME_GROUPS])
    last = _draw_grouped(rng, last_origin, [_Pool.flat(g[2]) for g in _NAME_GROUPS])
    u = rng.random(n)
    lower, upper = np.flatnonzero(u < 0.02), np.flatnonzero((u >= 0.02) & (u < 0.025))
    for rows, recase in (
        (lower, lambda t: t.str.to_lowercase()),
        (upper, lambda t: t.str.to_uppercase()),
    ):
        first, last = _apply(first, rows, recase), _apply(last, rows, recase)
    return _out(first), _out(last)


# ============================================================================================
# Labels
# ============================================================================================


def sentiment_label(sentiment: np.ndarray) -> np.ndarray:
    """ "positive" above 0.2, "negative" below -0.2, "neutral" otherwise (truth labels).

    Returns:
        numpy ``str`` array, same length as ``sentiment``.
    """
    values = np.asarray(sentiment, dtype=np.float64)
    t = SENTIMENT_THRESHOLD
    return np.where(values > t, "positive", np.where(values < -t, "negative", "neutral"))
