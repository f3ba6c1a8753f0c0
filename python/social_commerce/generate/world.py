"""The simulated world behind every raw extract: brands, products, creators, trends, daily latents.

:func:`build_world` draws the entities every source talks about and the hidden daily series that
drive them (trend interest, brand sentiment, product demand, creator followers). The social module
(:mod:`.social`) turns the world into TikTok / Instagram / X / Reddit / Google Trends records and
fills :attr:`World.posts`; the commerce module reads the world to make shop traffic and orders.

Every distribution is documented where it is drawn, with the published benchmark it imitates.
Numbers are chosen to be *plausible*, not to reproduce any one report exactly; what matters for
the warehouse is the shape (heavy tails, tiers, lifecycles, seasonality) and the planted truths.

Everything is vectorized: loops run over the handful of departments, categories, tiers or option
kinds, never over products x days, creators x days or posts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import numpy as np
import polars as pl
from scipy.signal import lfilter

from social_commerce.generate.config import DAYS, START, TAXONOMY, TIERS, scaled

#: Epoch seconds of :data:`~social_commerce.generate.config.START`.
START_S = int(START.timestamp())
#: Seconds in a day.
DAY_S = 86_400

#: Effect size ``k`` of brand sentiment on demand: demand x (1 + k * sentiment(day - lag)).
SENTIMENT_EFFECT_K = 0.6
#: Range of the planted lag (days) by which mention sentiment leads sales, inclusive. Bollen,
#: Mao & Zeng (2011, "Twitter mood predicts the stock market", J. Comput. Sci.) found public mood
#: leading by 3-4 days; Asur & Huberman (2010, "Predicting the future with social media") found
#: buzz leading box-office sales by days. We plant one lag of 3-5 days.
SENTIMENT_LAG_RANGE = (3, 5)
#: Days of sentiment simulated before the window so that lagged values exist on day 0.
_SENTIMENT_BURN_IN = 30

#: Creator regions (ISO country), population share and UTC offset (hours, standard time) used to
#: turn local posting hours into UTC. US-heavy, like the creator bases of US-focused brands in
#: HypeAuditor's State of Influencer Marketing reports (US the largest single market).
REGIONS: list[tuple[str, float, int]] = [
    ("US", 0.55, -5),
    ("GB", 0.09, 0),
    ("CA", 0.07, -5),
    ("AU", 0.05, 10),
    ("BR", 0.05, -3),
    ("DE", 0.04, 1),
    ("FR", 0.04, 1),
    ("MX", 0.04, -6),
    ("PH", 0.03, 8),
    ("ID", 0.02, 7),
    ("ES", 0.02, 1),
]

#: Evergreen shopping hashtags: always alive, never fade (no category of their own).
EVERGREEN_HASHTAGS = [
    "amazonfinds",
    "tiktokmademebuyit",
    "tiktokshopfinds",
    "founditonamazon",
    "dupes",
]
#: Category of the evergreen hashtags in :attr:`World.trends` (they span all categories).
EVERGREEN_CATEGORY = "general"

#: Schema of :attr:`World.posts` (filled by :func:`social_commerce.generate.social.build_social`).
POSTS_SCHEMA: dict[str, pl.DataType] = {
    "post_id": pl.String(),
    "platform": pl.String(),
    "creator_id": pl.Int64(),
    "product_id": pl.Int64(),
    "created_at": pl.Datetime("us", "UTC"),
    "views": pl.Int64(),
    "likes": pl.Int64(),
    "comments": pl.Int64(),
    "shares": pl.Int64(),
    "hashtags": pl.List(pl.String()),
    "is_sponsored": pl.Boolean(),
    "is_viral": pl.Boolean(),
}

#: Schema of :attr:`World.fake_jumps` (bought-follower jumps, the truth behind fake followers).
FAKE_JUMPS_SCHEMA: dict[str, pl.DataType] = {
    "creator_id": pl.Int64(),
    "platform": pl.String(),
    "day": pl.Int32(),
    "added_followers": pl.Int64(),
}


def _empty_fake_jumps() -> pl.DataFrame:
    """A ``fake_jumps`` frame with no rows."""
    return pl.DataFrame(schema=FAKE_JUMPS_SCHEMA)


@dataclass
class World:
    """Entities and hidden daily series shared by the social and commerce generators.

    Column names and dtypes are the contract of ``generate/README.md``; ``fake_jumps`` is
    an addition (with a default) holding the bought-follower jumps, so that the social module can
    separate real from fake audience and write the ``creator_fake_followers`` truth.
    """

    brands: pl.DataFrame
    products: pl.DataFrame
    creators: pl.DataFrame
    creator_daily: pl.DataFrame
    trends: pl.DataFrame
    trend_daily: pl.DataFrame
    sentiment_daily: pl.DataFrame
    demand_daily: pl.DataFrame
    sentiment_lag_days: int
    posts: pl.DataFrame
    fake_jumps: pl.DataFrame = field(default_factory=_empty_fake_jumps)


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

#: Invented brand names per department (the 40 brands are drawn from these pools).
_BRAND_POOLS: dict[str, list[str]] = {
    "beauty": [
        "Glowverse", "Dewlab", "Velvetine", "Lumiere Lane", "Peachy Potion", "Skinnova",
        "Halo Haus", "Mellow Muse", "Rosewater Co", "Blushbloom", "Silkroot", "Aura Apothecary",
        "Nectar Nine", "Cloudmilk",
    ],
    "fashion": [
        "Threadwell", "Mobline", "Cinder & Silk", "Nova Stitch", "Loomlane", "Bellaform",
        "Kicksmith", "Gildwire", "Soleberry", "Pearl Parade", "Urban Fable", "Coastline Co",
    ],
    "home": [
        "Nestly", "Hearthware", "Tidy Tribe", "Casa Calm", "Brightnook", "Spoonful Studio",
        "Sparkhaus", "Cozyform", "Shelfie", "Kindred Kitchen",
    ],
    "tech": [
        "Voltbean", "Pixelpod", "Chargely", "Sonicloop", "Gizmora", "Snapgrip", "Echobud",
        "Lumacase",
    ],
    "wellness": ["Vitalyn", "Pulsefit", "Zenroot", "Gummyology", "Flexform", "Stridewell"],
    "kids_pets": ["Pawsome Co", "Tiny Tumble", "Wigglewag", "Plushpals", "Snoutly"],
}  # fmt: skip

#: Home region of brands (mostly US DTC brands; Korean beauty; a few European/Commonwealth).
_BRAND_REGIONS = (
    ["US", "GB", "CA", "KR", "FR", "AU", "DE"],
    [0.62, 0.1, 0.08, 0.06, 0.05, 0.05, 0.04],
)

#: Short product nouns per category (used in titles and in generated text).
_NOUNS: dict[str, list[str]] = {
    "skincare": ["serum", "moisturizer", "cleanser", "toner", "sunscreen", "eye cream", "face mask",
                 "exfoliant"],
    "makeup": ["lip oil", "lip tint", "mascara", "blush", "concealer", "setting spray", "bronzer",
               "brow gel"],
    "haircare": ["hair oil", "scalp serum", "dry shampoo", "heatless curler", "hair mask",
                 "heat protectant"],
    "fragrance": ["eau de parfum", "body mist", "perfume oil", "solid perfume", "rollerball"],
    "apparel": ["cargo pants", "cropped hoodie", "slip dress", "leggings", "oversized tee",
                "faux fur coat", "cardigan"],
    "shoes": ["ballet flats", "platform sneakers", "loafers", "slides", "ankle boots",
              "running shoes"],
    "accessories": ["tote bag", "claw clip", "sunglasses", "bag charm", "belt", "bucket hat",
                    "scarf"],
    "jewelry": ["gold hoops", "charm necklace", "stacking rings", "pearl earrings",
                "tennis bracelet"],
    "home_decor": ["sunset lamp", "throw blanket", "arch mirror", "vase", "candle", "wall art",
                   "led strip"],
    "kitchen": ["tumbler", "air fryer liner", "mini waffle maker", "knife set", "milk frother",
                "ice maker"],
    "cleaning": ["cleaning paste", "handheld vacuum", "scrub brush", "lint remover", "spin mop"],
    "organization": ["drawer organizer", "acrylic bins", "cable box", "velvet hangers",
                     "fridge bins"],
    "gadgets": ["mini projector", "label maker", "ring light", "digital camera", "smart plug"],
    "phone_accessories": ["magsafe wallet", "phone case", "phone charm", "power bank",
                          "phone tripod"],
    "audio": ["wireless earbuds", "open-ear earbuds", "bluetooth speaker", "headphones",
              "turntable"],
    "fitness": ["walking pad", "resistance bands", "pilates ring", "yoga mat", "grip socks"],
    "supplements": ["creatine gummies", "collagen powder", "magnesium drink", "greens powder",
                    "electrolyte mix"],
    "toys": ["blind box figure", "plush toy", "fidget toy", "building set", "slime kit"],
    "pet_supplies": ["lick mat", "cat fountain", "dog harness", "pet hair remover", "cat tree"],
}  # fmt: skip

#: Title adjectives per department.
_ADJECTIVES: dict[str, list[str]] = {
    "beauty": ["Dewy", "Glow", "Hydra", "Velvet", "Barrier", "Cloud", "Silk", "Peptide"],
    "fashion": ["Everyday", "Classic", "Cozy", "Sculpt", "Butter", "Luxe", "Cloud"],
    "home": ["Cozy", "Mini", "Smart", "Nordic", "Pro", "Compact"],
    "tech": ["Mini", "Pro", "Ultra", "Slim", "Max", "Go"],
    "wellness": ["Daily", "Pure", "Active", "Calm"],
    "kids_pets": ["Happy", "Mini", "Cuddle", "Snuggle"],
}

#: Median base price (USD) per category. Price points of TikTok Shop / Amazon best-seller lists
#: cluster in the 15-60 USD "impulse" band; fragrance, shoes and audio sit higher.
_MEDIAN_PRICE: dict[str, float] = {
    "skincare": 28, "makeup": 22, "haircare": 24, "fragrance": 55, "apparel": 38, "shoes": 62,
    "accessories": 25, "jewelry": 32, "home_decor": 34, "kitchen": 30, "cleaning": 18,
    "organization": 22, "gadgets": 38, "phone_accessories": 20, "audio": 48, "fitness": 32,
    "supplements": 32, "toys": 24, "pet_supplies": 24,
}  # fmt: skip
#: Spread (sigma of log price) of prices around the category median.
_PRICE_SIGMA = 0.4

#: Share of the catalogue per category: beauty & personal care, fashion and home are the largest
#: TikTok Shop categories in published GMV rankings of shop-analytics vendors; tech and wellness
#: follow. The weights are our rounding of that ordering, not a measured share.
CATEGORY_WEIGHT: dict[str, float] = {
    "skincare": 0.10, "makeup": 0.10, "haircare": 0.06, "fragrance": 0.04, "apparel": 0.10,
    "shoes": 0.04, "accessories": 0.05, "jewelry": 0.04, "home_decor": 0.06, "kitchen": 0.06,
    "cleaning": 0.05, "organization": 0.04, "gadgets": 0.05, "phone_accessories": 0.03,
    "audio": 0.03, "fitness": 0.05, "supplements": 0.04, "toys": 0.03, "pet_supplies": 0.03,
}  # fmt: skip

#: Variant options per category: (kind, option values, price multiplier per value).
_OPTIONS: dict[str, tuple[list[str], list[float]]] = {
    "size": (["XS", "S", "M", "L", "XL"], [1.0, 1.0, 1.0, 1.0, 1.0]),
    "shoe": (["6", "7", "8", "9", "10", "11"], [1.0] * 6),
    "volume": (["15 ml", "30 ml", "50 ml", "100 ml"], [1.0, 1.5, 2.1, 3.2]),
    "shade": (["Rose", "Nude", "Berry", "Coral", "Mocha"], [1.0] * 5),
    "color": (["Black", "White", "Sage", "Blush", "Sand"], [1.0] * 5),
    "servings": (["30 servings", "60 servings", "90 servings", "120 servings"],
                 [1.0, 1.8, 2.5, 3.1]),
}  # fmt: skip
_CATEGORY_OPTION: dict[str, str] = {
    "skincare": "volume", "makeup": "shade", "haircare": "volume", "fragrance": "volume",
    "apparel": "size", "shoes": "shoe", "accessories": "color", "jewelry": "color",
    "home_decor": "color", "kitchen": "color", "cleaning": "color", "organization": "color",
    "gadgets": "color", "phone_accessories": "color", "audio": "color", "fitness": "color",
    "supplements": "servings", "toys": "color", "pet_supplies": "color",
}  # fmt: skip

#: Invented trend hashtags per category, in the style of real TikTok-era fads (glass skin,
#: clean girl, mob wife, the Stanley cup, 12-3-30 walk ...). Trends are drawn from these pools.
_TREND_POOLS: dict[str, list[str]] = {
    "skincare": ["glassskin", "slugging", "skincycling", "barrierrepair", "dewyszn"],
    "makeup": ["cleangirl", "lattemakeup", "douyinmakeup", "lipcombo", "blushblind"],
    "haircare": ["heatlesscurls", "scalpcare", "hairoiling", "slickbackbun"],
    "fragrance": ["perfumetok", "scentlayering", "gourmandszn", "vanillagirl"],
    "apparel": ["mobwife", "quietluxury", "coastalcowgirl", "balletcore", "tomatogirl"],
    "shoes": ["balletflatszn", "sambaszn", "chunkyloafer", "meshflats"],
    "accessories": ["bagcharms", "clawclipszn", "scarfhack", "quencherbag"],
    "jewelry": ["stackedrings", "pearlcore", "chunkygold", "charmnecklace"],
    "home_decor": ["dopaminedecor", "japandi", "cozycorner", "sunsetlamp"],
    "kitchen": ["quenchercup", "girldinner", "airfryerhacks", "mocktailhour"],
    "cleaning": ["cleantok", "speedclean", "resetsunday", "pinkstuff"],
    "organization": ["restocktok", "pantryorg", "fridgescaping", "closetreset"],
    "gadgets": ["techtok", "desksetup", "minifan", "digicamrevival"],
    "phone_accessories": ["magsafeszn", "phonecharms", "caseswap", "lockscreenaesthetic"],
    "audio": ["openearbuds", "vinylrevival", "headphonefit", "silentwalk"],
    "fitness": ["12330walk", "pilatesprincess", "hotgirlwalk", "wallpilates"],
    "supplements": ["creatinegummies", "sleepymocktail", "guthealthtok", "cortisolcocktail"],
    "toys": ["blindboxhaul", "plushpal", "fidgettok", "squishyszn"],
    "pet_supplies": ["catsoftiktok", "lickmathack", "petrestock", "doggyenrichment"],
}  # fmt: skip

#: First names for creator handles and display names.
_FIRST_NAMES = [
    "maya", "jess", "ava", "mia", "zoe", "lily", "emma", "chloe", "sofia", "nora", "ella",
    "grace", "ivy", "ruby", "hana", "aisha", "priya", "leah", "sara", "nina", "tess", "jade",
    "kira", "luna", "rosa", "bea", "cleo", "dani", "elle", "faye", "gigi", "isla", "june",
    "kat", "lola", "mona", "nia", "olive", "pia", "remi", "skye", "tara", "vera", "wren",
    "yara", "alex", "sam", "jordan", "taylor", "casey", "riley", "jamie", "noah", "liam",
    "leo", "max", "ethan", "lucas", "omar", "diego", "mateo", "kai", "ben", "theo", "marco",
    "andre", "jay", "nate", "ryan", "sean", "tomas", "yusuf", "camila", "valen", "bruna",
    "ana", "lea", "marie", "hannah", "amelie", "nadia", "chiara", "ines", "lucia", "mei",
]  # fmt: skip
#: Words creators of a category put in their handles.
_HANDLE_WORDS: dict[str, list[str]] = {
    "beauty": ["glow", "skin", "beauty", "glam", "dewy", "makeup"],
    "fashion": ["style", "fits", "closet", "wears", "outfits", "drip"],
    "home": ["home", "cozy", "cleans", "nest", "kitchen", "finds"],
    "tech": ["tech", "gadgets", "setup", "unboxed", "bytes"],
    "wellness": ["fit", "moves", "wellness", "pilates", "gains"],
    "kids_pets": ["pets", "toys", "mom", "pup", "kitty"],
}

#: Creator tier parameters: (P(verified), median engagement rate by views, mean annual log
#: follower growth).
#: * Engagement falls with tier: Influencer Marketing Hub's Influencer Marketing Benchmark
#:   Report and HypeAuditor's State of Influencer Marketing both report engagement rates
#:   decreasing from nano to mega accounts; TikTok engagement per view of a few percent to
#:   ~10 % (Dash Hudson and Later TikTok engagement benchmarks).
#: * Verification concentrates in large accounts (platform verification favours notability).
#: * Relative follower growth is faster for small accounts (assumption: the usual pattern of
#:   creator-growth analyses; a 5 % gain is easy at 3k followers and hard at 3M).
_TIER_PARAMS: dict[str, tuple[float, float, float]] = {
    "nano": (0.03, 0.090, 0.32),
    "micro": (0.10, 0.072, 0.26),
    "mid": (0.35, 0.058, 0.19),
    "macro": (0.65, 0.047, 0.13),
    "mega": (0.90, 0.038, 0.09),
}
#: Extra annual log growth of verified creators (assumption: verified accounts get more
#: distribution and press, so they grow faster at equal size).
_VERIFIED_GROWTH_BONUS = 0.15
#: Share of creators with bought followers, and the range of the fake share of their audience.
#: HypeAuditor's influencer-fraud studies report a large minority of Instagram accounts with
#: suspicious follower growth; we plant a clear-cut 8 % with 20-60 % fake followers.
FAKE_CREATOR_SHARE = 0.08
FAKE_SHARE_RANGE = (0.2, 0.6)
#: Daily sd of organic log follower changes (small, so bought-follower jumps stand out).
_FOLLOWER_NOISE_SD = 0.0015

#: Mean audience intent (latent 0..1) per department: beauty and fashion audiences buy more
#: readily from creators (beauty and fashion are the leading influencer-marketing verticals in
#: Influencer Marketing Hub's benchmark surveys); a weak effect on purpose.
_INTENT_MEAN: dict[str, float] = {
    "beauty": 0.46,
    "fashion": 0.43,
    "home": 0.41,
    "tech": 0.36,
    "wellness": 0.40,
    "kids_pets": 0.38,
}
#: Concentration (a + b) of the audience-intent beta distribution.
_INTENT_CONCENTRATION = 6.0


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _allocate(total: int, weights: np.ndarray, minimum: int = 1) -> np.ndarray:
    """Split ``total`` into integer counts proportional to ``weights`` (largest remainder).

    Every entry gets at least ``minimum`` when ``total`` allows it.
    """
    weights = np.asarray(weights, dtype=float)
    k = len(weights)
    floor = minimum if total >= minimum * k else 0
    rest = total - floor * k
    share = weights / weights.sum() * rest
    counts = np.floor(share).astype(np.int64)
    left = rest - counts.sum()
    order = np.argsort(-(share - counts), kind="stable")
    counts[order[:left]] += 1
    return counts + floor


def unique_ids(rng: np.random.Generator, n: int, low: int, high: int) -> np.ndarray:
    """``n`` distinct increasing int64 ids in ``[low, high)`` (random gaps, guaranteed unique)."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    max_gap = max(1, (high - low) // (n + 1))
    gaps = rng.integers(1, max_gap + 1, n, dtype=np.int64)
    return low + np.cumsum(gaps)


def round_price(values: np.ndarray) -> np.ndarray:
    """Retail prices ending in .99 (never below 2.99)."""
    return np.maximum(np.round(values) - 0.01, 2.99).round(2)


def retail_season(days: np.ndarray) -> np.ndarray:
    """Relative online retail demand per day of the window (1 = an ordinary day).

    Shape after Adobe Digital Economy Index holiday-season reports and the Salesforce Shopping
    Index: a November-December season (Cyber Monday the biggest online shopping day, Black Friday
    next, the Cyber Week around them high), a January lull, a July marketplace event (Prime-Day
    style) and a small back-to-school bump. Weekly: Sunday/Monday evenings shop most.
    Window day 0 is 2025-11-01; Black Friday 2025-11-28 is day 27, Cyber Monday day 30.
    """
    d = np.asarray(days, dtype=float)
    season = 1.0 + 0.85 * np.exp(-(((d - 45.0) / 24.0) ** 2))  # holiday season, peak mid-Dec
    season -= 0.22 * np.exp(-(((d - 76.0) / 14.0) ** 2))  # January lull
    season += 0.35 * np.exp(-(((d - 250.0) / 1.8) ** 2))  # July marketplace event
    season += 0.10 * np.exp(-(((d - 290.0) / 12.0) ** 2))  # back to school
    bfcm = {21: 0.15, 22: 0.15, 23: 0.2, 24: 0.25, 25: 0.3, 26: 0.45, 27: 1.6, 28: 0.9,
            29: 0.8, 30: 1.4, 31: 0.45, 32: 0.2}  # fmt: skip
    day_int = np.asarray(days, dtype=np.int64)
    for day, lift in bfcm.items():
        season = season + lift * (day_int == day)
    weekday = weekday_of(day_int)
    weekly = np.array([1.04, 1.0, 0.99, 0.98, 0.95, 0.96, 1.08])[weekday]
    return season * weekly


def weekday_of(days: np.ndarray) -> np.ndarray:
    """Weekday (Monday 0 .. Sunday 6) of window days (day 0 = 2025-11-01, a Saturday)."""
    return (np.asarray(days, dtype=np.int64) + START.weekday()) % 7


def slug(expr: pl.Expr) -> pl.Expr:
    """Lowercase URL slug of a string expression."""
    return (
        expr.str.to_lowercase()
        .str.replace_all("&", "and", literal=True)
        .str.replace_all(r"[^a-z0-9]+", "-")
        .str.strip_chars("-")
    )


def uniquify(values: pl.Series, ignore: str | None = None, sep: str = "") -> pl.Series:
    """Make strings unique by appending ``sep`` + 2, 3, ... to repeats.

    Values are compared with the regex ``ignore`` removed (e.g. punctuation of handles); the
    suffixing repeats until no two values collide.
    """
    frame = pl.DataFrame({"value": values})
    while True:
        key = pl.col("value")
        if ignore is not None:
            key = key.str.replace_all(ignore, "")
        rank = frame.select(pl.int_range(pl.len()).over(key).alias("rank"))["rank"]
        if frame.height == 0 or rank.max() == 0:
            return frame["value"]
        frame = frame.with_columns(
            pl.when(rank == 0)
            .then(pl.col("value"))
            .otherwise(pl.concat_str([pl.col("value"), pl.lit(sep), pl.lit(rank + 1)]))
            .alias("value")
        )


def _departments() -> list[str]:
    """Departments of the taxonomy, in taxonomy order."""
    return list(dict.fromkeys(dept for _, _, dept in TAXONOMY))


# --------------------------------------------------------------------------------------------
# Brands, trends, products
# --------------------------------------------------------------------------------------------


def _build_brands(rng: np.random.Generator) -> pl.DataFrame:
    """40 brands, spread over departments in proportion to their number of categories."""
    departments = _departments()
    per_dept = np.array([sum(1 for _, _, d in TAXONOMY if d == dept) for dept in departments])
    counts = _allocate(scaled("brands", 1.0), per_dept)
    names: list[str] = []
    depts: list[str] = []
    for dept, count in zip(departments, counts, strict=True):
        pool = _BRAND_POOLS[dept]
        names.extend(str(x) for x in rng.choice(pool, size=min(count, len(pool)), replace=False))
        depts.extend([dept] * min(int(count), len(pool)))
    codes, probs = _BRAND_REGIONS
    regions = rng.choice(codes, size=len(names), p=probs)
    return pl.DataFrame(
        {"brand": names, "department": depts, "home_region": regions.astype(str)},
        schema={"brand": pl.String, "department": pl.String, "home_region": pl.String},
    )


def _build_trends(rng: np.random.Generator) -> pl.DataFrame:
    """60 hashtags: a few evergreen shopping tags plus fads per category with lifecycles.

    Fad lifespans are log-normal with a median of 7 weeks, clipped to 2-20 weeks: Google Trends
    curves of TikTok-era fads (searches such as "clean girl", "mob wife", "stanley cup" on
    trends.google.com) rise within weeks, peak, and decay within one to a few months. The rise
    takes 20-40 % of the lifespan, a plateau 10-25 %, the decline the rest.
    """
    n_total = scaled("trend_hashtags", 1.0)
    n_evergreen = len(EVERGREEN_HASHTAGS)
    categories = [cat for _, cat, _ in TAXONOMY]
    pool_sizes = np.array([len(_TREND_POOLS[c]) for c in categories])
    counts = np.minimum(_allocate(n_total - n_evergreen, np.ones(len(categories))), pool_sizes)
    tags: list[str] = []
    cats: list[str] = []
    for cat, count in zip(categories, counts, strict=True):
        tags.extend(str(x) for x in rng.choice(_TREND_POOLS[cat], size=count, replace=False))
        cats.extend([cat] * int(count))
    n_fad = len(tags)

    lifespan = np.clip(np.exp(rng.normal(np.log(49.0), 0.55, n_fad)), 14, 140).round()
    emerge = rng.integers(-20, DAYS - 45, n_fad)
    rise = np.maximum(2, np.round(lifespan * rng.uniform(0.2, 0.4, n_fad)))
    plateau = np.maximum(2, np.round(lifespan * rng.uniform(0.1, 0.25, n_fad)))
    peak = emerge + rise
    decline = peak + plateau
    fade = np.maximum(emerge + lifespan, decline + 5)
    peak_interest = np.clip(np.exp(rng.normal(np.log(0.7), 0.3, n_fad)), 0.25, 1.0)

    # Evergreen tags: emerged long before the window and never fade within it.
    ev = len(EVERGREEN_HASHTAGS)
    ev_emerge = np.full(ev, -730)
    ev_peak = np.full(ev, -365)
    ev_decline = np.full(ev, DAYS + 365)
    ev_fade = np.full(ev, DAYS + 730)
    return (
        pl.DataFrame(
            {
                "hashtag": tags + EVERGREEN_HASHTAGS,
                "category": cats + [EVERGREEN_CATEGORY] * ev,
                "emerge_day": np.concatenate([emerge, ev_emerge]),
                "peak_day": np.concatenate([peak, ev_peak]),
                "decline_day": np.concatenate([decline, ev_decline]),
                "fade_day": np.concatenate([fade, ev_fade]),
                "peak_interest": np.concatenate([peak_interest, rng.uniform(0.45, 0.7, ev)]),
                "is_evergreen": np.concatenate([np.zeros(n_fad, bool), np.ones(ev, bool)]),
            }
        )
        .with_columns(
            pl.col("emerge_day", "peak_day", "decline_day", "fade_day").cast(pl.Int32),
            (pl.col("fade_day") - pl.col("emerge_day")).cast(pl.Int32).alias("lifespan_days"),
        )
        .select(
            "hashtag",
            "category",
            "emerge_day",
            "peak_day",
            "decline_day",
            "fade_day",
            "lifespan_days",
            "peak_interest",
            "is_evergreen",
        )
    )


def _trend_interest(rng: np.random.Generator, trends: pl.DataFrame) -> np.ndarray:
    """True daily interest (hashtags x days, 0..1): rise, peak plateau, decay, residual; noise."""
    t = np.arange(DAYS, dtype=float)[None, :]
    emerge = trends["emerge_day"].to_numpy().astype(float)[:, None]
    peak = trends["peak_day"].to_numpy().astype(float)[:, None]
    decline = trends["decline_day"].to_numpy().astype(float)[:, None]
    fade = trends["fade_day"].to_numpy().astype(float)[:, None]
    level = trends["peak_interest"].to_numpy()[:, None]
    evergreen = trends["is_evergreen"].to_numpy()[:, None]

    rising = 0.02 + 0.98 * np.clip((t - emerge) / (peak - emerge), 0, 1) ** 1.8
    plateau = 1.0 - 0.15 * np.clip((t - peak) / (decline - peak), 0, 1)
    decay = 0.85 * np.exp(-3.0 * np.clip((t - decline) / (fade - decline), 0, None))
    residual = 0.042 * np.exp(-np.clip(t - fade, 0, None) / 30.0) + 0.005
    curve = np.where(
        t < emerge,
        0.0,
        np.where(t < peak, rising, np.where(t < decline, plateau, np.where(t < fade, decay, 0))),
    )
    curve = np.where(t >= fade, residual, curve)
    season = retail_season(np.arange(DAYS))[None, :]
    ever = 1.0 + 0.35 * (season - 1.0)
    curve = np.where(evergreen, ever, curve)
    noise = np.exp(rng.normal(0.0, 0.08, curve.shape))
    return np.clip(curve * level * noise, 0.0, 1.0)


def _build_products(
    rng: np.random.Generator, scale: float, brands: pl.DataFrame, trends: pl.DataFrame
) -> pl.DataFrame:
    """Catalogue: category mix, brand, title/handle/noun, log-normal price, 1-4 variants."""
    n = scaled("products", scale)
    categories = [cat for _, cat, _ in TAXONOMY]
    types = {cat: ptype for ptype, cat, _ in TAXONOMY}
    dept_of = {cat: dept for _, cat, dept in TAXONOMY}
    weights = np.array([CATEGORY_WEIGHT[c] for c in categories])
    n_cat = len(categories)
    first = np.arange(min(n, n_cat))  # every category present even at tiny scales
    cat_idx = np.concatenate(
        [first, rng.choice(n_cat, size=n - len(first), p=weights / weights.sum())]
    )
    cat_idx = rng.permutation(cat_idx)
    category = np.array(categories)[cat_idx]
    department = np.array([dept_of[c] for c in categories])[cat_idx]

    brand = np.empty(n, dtype=object)
    for dept in _departments():
        mask = department == dept
        pool = brands.filter(pl.col("department") == dept)["brand"].to_numpy()
        popularity = np.exp(rng.normal(0.0, 0.5, len(pool)))
        brand[mask] = rng.choice(pool, size=int(mask.sum()), p=popularity / popularity.sum())

    noun = np.empty(n, dtype=object)
    adjective = np.empty(n, dtype=object)
    hashtag = np.full(n, None, dtype=object)
    price = np.empty(n)
    fad = trends.filter(~pl.col("is_evergreen"))
    for i, cat in enumerate(categories):
        mask = cat_idx == i
        k = int(mask.sum())
        if k == 0:
            continue
        noun[mask] = rng.choice(_NOUNS[cat], size=k)
        adjective[mask] = rng.choice(_ADJECTIVES[dept_of[cat]], size=k)
        price[mask] = _MEDIAN_PRICE[cat] * np.exp(rng.normal(0.0, _PRICE_SIGMA, k))
        # ~45 % of products ride one of their category's fads (launched for / pushed by it).
        cat_tags = fad.filter(pl.col("category") == cat)["hashtag"].to_numpy()
        if len(cat_tags):
            rides = rng.random(k) < 0.45
            picks = rng.choice(cat_tags, size=k)
            hashtag[mask] = np.where(rides, picks, None)
    price = round_price(np.clip(price, 3.0, 400.0))

    # Launch dates: fad products launch up to 3 weeks before their trend emerges; most others
    # were in the catalogue before the window, one in eight launches during it.
    emerge_of = dict(zip(fad["hashtag"].to_list(), fad["emerge_day"].to_list(), strict=True))
    tag_series = pl.Series(hashtag.tolist(), dtype=pl.String)
    emerge = tag_series.replace_strict(emerge_of, default=0, return_dtype=pl.Float64).to_numpy()
    rides = tag_series.is_not_null().to_numpy()
    before = -rng.uniform(30, 900, n)
    during = rng.uniform(0, DAYS - 30, n)
    launch_day = np.where(rng.random(n) < 0.88, before, during)
    launch_day = np.where(rides, emerge - rng.uniform(0, 21, n), launch_day)
    created_s = (START_S + launch_day * DAY_S).astype(np.int64)
    order = np.argsort(created_s, kind="stable")

    frame = pl.DataFrame(
        {
            "category": category[order],
            "department": department[order],
            "brand": brand[order].astype(str),
            "noun": noun[order].astype(str),
            "adjective": adjective[order].astype(str),
            "price": price[order],
            "created_s": created_s[order],
            "hashtag": pl.Series(hashtag[order].tolist(), dtype=pl.String),
        }
    )
    frame = frame.with_columns(
        pl.Series("product_id", unique_ids(rng, n, 7_000_000_000_000, 9_000_000_000_000)),
        pl.col("category").replace_strict(types).alias("product_type"),
        pl.concat_str(
            [pl.col("brand"), pl.col("adjective"), pl.col("noun").str.to_titlecase()],
            separator=" ",
        ).alias("title"),
        (pl.col("created_s") * 1_000_000)
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("UTC")
        .alias("created_at"),
    )
    frame = frame.with_columns(
        uniquify(frame.select(slug(pl.col("title")))["title"], sep="-").alias("handle")
    )
    variants = _build_variants(rng, frame)
    return frame.join(variants, on="product_id", how="left", maintain_order="left").select(
        "product_id",
        "title",
        "handle",
        "brand",
        "product_type",
        "category",
        "department",
        "price",
        "created_at",
        "hashtag",
        "noun",
        "variants",
    )


def _build_variants(rng: np.random.Generator, products: pl.DataFrame) -> pl.DataFrame:
    """1-4 variants per product (size, shade, volume ...), with ids, SKUs and prices."""
    n = products.height
    n_var = rng.choice([1, 2, 3, 4], size=n, p=[0.35, 0.3, 0.2, 0.15])
    total = int(n_var.sum())
    owner = np.repeat(np.arange(n), n_var)
    starts = np.repeat(np.cumsum(n_var) - n_var, n_var)
    position = np.arange(total) - starts
    category = products["category"].to_numpy()[owner]
    kind = pl.Series(category, dtype=pl.String).replace_strict(_CATEGORY_OPTION).to_numpy()
    title = np.empty(total, dtype=object)
    mult = np.ones(total)
    for name, (values, mults) in _OPTIONS.items():
        mask = kind == name
        if not mask.any():
            continue
        # Sizes and colours start anywhere in the list; volumes and servings from the smallest.
        graded = name in ("volume", "servings")
        room = len(values) - n_var[owner[mask]]
        offset = (
            np.zeros(int(mask.sum()), int)
            if graded
            else (rng.random(mask.sum()) * (room + 1)).astype(int)
        )
        idx = np.minimum(offset + position[mask], len(values) - 1)
        title[mask] = np.array(values)[idx]
        mult[mask] = np.array(mults)[idx]
    title = np.where(n_var[owner] == 1, "Default Title", title)
    base = products["price"].to_numpy()[owner]
    price = np.where(mult == 1.0, base, round_price(base * mult))
    brand_code = (
        products.select(pl.col("brand").str.replace_all(r"[^A-Za-z]", "").str.slice(0, 3))
        .to_series()
        .str.to_uppercase()
        .to_numpy()[owner]
    )
    frame = pl.DataFrame(
        {
            "product_id": products["product_id"].to_numpy()[owner],
            "variant_id": unique_ids(rng, total, 40_000_000_000_000, 49_999_999_999_999),
            "brand_code": brand_code.astype(str),
            "cat_code": pl.Series(category.astype(str)).str.slice(0, 3).str.to_uppercase(),
            "seq": owner + 1,
            "pos": position + 1,
            "title": title.astype(str),
            "price": price,
        }
    )
    return (
        frame.with_columns(
            pl.concat_str(
                [
                    pl.col("brand_code"),
                    pl.col("cat_code"),
                    pl.col("seq").cast(pl.String).str.zfill(5),
                    pl.col("pos").cast(pl.String).str.zfill(2),
                ],
                separator="-",
            ).alias("sku")
        )
        .group_by("product_id", maintain_order=True)
        .agg(pl.struct("variant_id", "sku", "title", "price").alias("variants"))
    )


# --------------------------------------------------------------------------------------------
# Creators
# --------------------------------------------------------------------------------------------


def _build_creators(rng: np.random.Generator, scale: float) -> pl.DataFrame:
    """Creators: tier mix, log-uniform followers, engagement, verification, intent, handles."""
    n = scaled("creators", scale)
    tier_names = [t[0] for t in TIERS]
    tier_counts = _allocate(n, np.array([t[3] for t in TIERS]))
    tier_idx = rng.permutation(np.repeat(np.arange(len(TIERS)), tier_counts))
    lo = np.array([t[1] for t in TIERS], float)[tier_idx]
    hi = np.array([t[2] for t in TIERS], float)[tier_idx]
    # Follower counts are heavy-tailed (power law); within a tier, log-uniform (density ~ 1/x,
    # Zipf-like), which reproduces the many-small / few-large shape of HypeAuditor's data.
    followers_start = np.floor(np.exp(rng.uniform(np.log(lo), np.log(hi)))).astype(np.int64)
    followers_start = np.clip(followers_start, lo.astype(np.int64), hi.astype(np.int64) - 1)

    p_verified, er_median, growth = (
        np.array([_TIER_PARAMS[t][i] for t in tier_names])[tier_idx] for i in range(3)
    )
    is_verified = rng.random(n) < p_verified
    engagement_rate = np.clip(er_median * np.exp(rng.normal(0.0, 0.3, n)), 0.005, 0.3)

    categories = [cat for _, cat, _ in TAXONOMY]
    dept_of = {cat: dept for _, cat, dept in TAXONOMY}
    weights = np.array([CATEGORY_WEIGHT[c] for c in categories])
    first = np.arange(min(n, len(categories)))
    cat_idx = np.concatenate(
        [first, rng.choice(len(categories), size=n - len(first), p=weights / weights.sum())]
    )
    cat_idx = rng.permutation(cat_idx)
    category = np.array(categories)[cat_idx]
    department = np.array([dept_of[c] for c in categories])[cat_idx]

    # Audience intent: beta around a department mean, independent of followers and engagement,
    # so "high intent, modest engagement" creators exist (the hidden gems the marts look for).
    mean = pl.Series(department).replace_strict(_INTENT_MEAN, return_dtype=pl.Float64).to_numpy()
    audience_intent = rng.beta(mean * _INTENT_CONCENTRATION, (1 - mean) * _INTENT_CONCENTRATION)

    codes = np.array([r[0] for r in REGIONS])
    probs = np.array([r[1] for r in REGIONS])
    region = rng.choice(codes, size=n, p=probs / probs.sum())

    primary_tiktok = rng.random(n) < 0.7
    on_both = rng.random(n) < 0.45
    on_tiktok = primary_tiktok | on_both
    on_instagram = ~primary_tiktok | on_both

    # Handles: "<name><sep><word>", "the<word><name>", "<name><word><nn>" ...
    first_name = rng.choice(_FIRST_NAMES, size=n)
    word = np.empty(n, dtype=object)
    for dept, words in _HANDLE_WORDS.items():
        mask = department == dept
        word[mask] = rng.choice(words, size=int(mask.sum()))
    style = rng.integers(0, 4, n)
    number = rng.integers(1, 100, n).astype(str)
    sep = rng.choice([".", "_", ""], size=n)
    frame = pl.DataFrame(
        {
            "first_name": first_name.astype(str),
            "word": word.astype(str),
            "style": style,
            "number": number,
            "sep": sep.astype(str),
            "initial": rng.choice(list("abcdefghijklmnoprstvwz"), size=n).astype(str),
        }
    )
    name, w = pl.col("first_name"), pl.col("word")
    handle = (
        pl.when(pl.col("style") == 0)
        .then(pl.concat_str([name, pl.col("sep"), w]))
        .when(pl.col("style") == 1)
        .then(pl.concat_str([pl.lit("the"), w, pl.lit("by"), name]))
        .when(pl.col("style") == 2)
        .then(pl.concat_str([name, w, pl.col("number")]))
        .otherwise(pl.concat_str([name, pl.col("initial"), pl.lit("."), w]))
    )
    frame = frame.with_columns(handle.alias("raw_handle"))
    # Unique after stripping punctuation, so promo codes built from handles are unique too.
    frame = frame.with_columns(uniquify(frame["raw_handle"], r"[._]").alias("username"))
    suffix = rng.choice(["10", "15", "20", "25"], size=n)
    frame = frame.with_columns(
        pl.Series("suffix", suffix.astype(str)),
        pl.col("first_name").str.to_uppercase().alias("upper_name"),
    ).with_columns(
        pl.when(pl.int_range(pl.len()).over("upper_name") == 0)
        .then(pl.concat_str([pl.col("upper_name"), pl.col("suffix")]))
        .otherwise(
            pl.concat_str(
                [
                    pl.col("username").str.replace_all(r"[._]", "").str.to_uppercase(),
                    pl.col("suffix"),
                ]
            )
        )
        .alias("raw_code"),
        pl.when(pl.Series(rng.random(n) < 0.5))
        .then(
            pl.concat_str(
                [name.str.to_titlecase(), pl.col("initial").str.to_uppercase() + pl.lit(".")],
                separator=" ",
            )
        )
        .otherwise(pl.concat_str([name.str.to_titlecase(), w.str.to_titlecase()], separator=" | "))
        .alias("display_name"),
    )
    frame = frame.with_columns(uniquify(frame["raw_code"]).alias("promo_code"))
    tiktok_ids = rng.permutation(
        unique_ids(rng, n, 6_700_000_000_000_000_000, 7_300_000_000_000_000_000)
    )
    ig_ids = rng.permutation(unique_ids(rng, n, 17_841_400_000_000_000, 17_841_499_999_999_999))
    return pl.DataFrame(
        {
            "creator_id": np.arange(1, n + 1, dtype=np.int64) + 10_000,
            "username": frame["username"],
            "display_name": frame["display_name"],
            "primary_platform": np.where(primary_tiktok, "tiktok", "instagram"),
            "on_tiktok": on_tiktok,
            "on_instagram": on_instagram,
            "tier": np.array(tier_names)[tier_idx],
            "followers_start": followers_start,
            "growth": growth + _VERIFIED_GROWTH_BONUS * is_verified,
            "is_verified": is_verified,
            "region_code": region.astype(str),
            "category": category,
            "engagement_rate": engagement_rate,
            "audience_intent": audience_intent,
            "promo_code": frame["promo_code"],
            "tiktok_user_id": _optional_id(tiktok_ids, on_tiktok),
            "instagram_account_id": _optional_id(ig_ids, on_instagram),
        }
    )


def _optional_id(ids: np.ndarray, present: np.ndarray) -> pl.Series:
    """Ids as strings, null where the creator has no account on the platform."""
    text = pl.Series(ids.astype(np.int64)).cast(pl.String)
    return pl.select(pl.when(pl.Series(present)).then(text)).to_series()


def _follower_series(
    rng: np.random.Generator, creators: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, np.ndarray, np.ndarray]:
    """Daily followers per creator and platform, fake-follower jumps, shares and end counts.

    Organic growth is geometric with a small Brownian-bridge wiggle (so the year's growth is
    exactly the drawn rate); ~8 % of creators buy followers in 2-5 jumps that add up to their
    fake share of the final audience. The secondary platform carries a scaled copy of the organic
    audience (cross-posting creators are usually much smaller on their second platform).
    """
    n = creators.height
    start = creators["followers_start"].to_numpy().astype(float)
    log_growth = creators["growth"].to_numpy() + rng.normal(0.0, 0.25, n)
    t = np.arange(DAYS, dtype=float) / (DAYS - 1)
    walk = np.cumsum(rng.normal(0.0, _FOLLOWER_NOISE_SD, (n, DAYS)), axis=1)
    bridge = walk - t[None, :] * walk[:, -1:]
    organic = start[:, None] * np.exp(log_growth[:, None] * t[None, :] + bridge)
    organic[:, 0] = start

    n_fake = max(1, round(FAKE_CREATOR_SHARE * n))
    fake_idx = np.sort(rng.choice(n, size=n_fake, replace=False))
    share = np.zeros(n)
    share[fake_idx] = rng.uniform(*FAKE_SHARE_RANGE, n_fake)
    bought = share[fake_idx] / (1 - share[fake_idx]) * organic[fake_idx, -1]
    n_jumps = rng.integers(2, 6, n_fake)
    jump_rows = np.repeat(np.arange(n_fake), n_jumps)
    # Distinct jump days per creator: a random sorted sample of days 10..DAYS-11.
    keys = rng.random((n_fake, DAYS - 20))
    ranks = np.argsort(keys, axis=1)
    pos = np.arange(len(jump_rows)) - np.repeat(np.cumsum(n_jumps) - n_jumps, n_jumps)
    jump_day = ranks[jump_rows, pos] + 10
    raw = 1.0 + rng.random(len(jump_rows))
    total_raw = np.bincount(jump_rows, weights=raw, minlength=n_fake)
    added = np.round(bought[jump_rows] * raw / total_raw[jump_rows]).astype(np.int64)
    fake_cum = np.zeros((n, DAYS))
    np.add.at(fake_cum, (fake_idx[jump_rows], jump_day), added)
    fake_cum = np.cumsum(fake_cum, axis=1)
    primary = np.round(organic + fake_cum).astype(np.int64)

    primary_platform = creators["primary_platform"].to_numpy()
    has_secondary = (creators["on_tiktok"] & creators["on_instagram"]).to_numpy()
    ratio = np.clip(np.exp(rng.normal(np.log(0.3), 0.6, n)), 0.02, 1.5)
    sec_idx = np.flatnonzero(has_secondary)
    secondary = np.maximum(np.round(organic[sec_idx] * ratio[sec_idx, None]), 1).astype(np.int64)
    secondary_platform = np.where(primary_platform[sec_idx] == "tiktok", "instagram", "tiktok")

    # Rows ordered by creator, platform, day: order the (creator, platform) blocks, then expand.
    ids = creators["creator_id"].to_numpy()
    block_id = np.concatenate([ids, ids[sec_idx]])
    block_platform = np.concatenate([primary_platform, secondary_platform]).astype("<U9")
    block_order = np.lexsort((block_platform, block_id))
    followers = np.concatenate([primary, secondary])[block_order]
    daily = pl.DataFrame(
        {
            "creator_id": np.repeat(block_id[block_order], DAYS),
            "platform": pl.Series(block_platform[block_order]).gather(
                np.repeat(np.arange(len(block_order)), DAYS)
            ),
            "day": np.tile(np.arange(DAYS, dtype=np.int32), len(block_order)),
            "followers": followers.ravel(),
        }
    )
    jumps = pl.DataFrame(
        {
            "creator_id": ids[fake_idx][jump_rows],
            "platform": primary_platform[fake_idx][jump_rows],
            "day": jump_day.astype(np.int32),
            "added_followers": added,
        },
        schema=FAKE_JUMPS_SCHEMA,
    ).sort("creator_id", "day")
    return daily, jumps, share, primary[:, -1]


# --------------------------------------------------------------------------------------------
# Sentiment and demand
# --------------------------------------------------------------------------------------------


def _sentiment(rng: np.random.Generator, n_brands: int) -> np.ndarray:
    """Latent buzz sentiment per brand and day (brands x (burn-in + DAYS)), in (-1, 1).

    A brand-level mean (mostly mildly positive: most brand mentions in social listening are
    neutral-to-positive), a smooth AR(1) (phi 0.93, half-life ~10 days) and a few
    shocks per brand and year (65 % negative: recalls, backlash, bad reviews going viral) that
    decay with the same persistence; squashed into (-1, 1) with tanh.
    """
    length = _SENTIMENT_BURN_IN + DAYS
    mean = rng.normal(0.2, 0.15, n_brands)
    innovations = rng.normal(0.0, 0.06, (n_brands, length))
    n_shocks = rng.poisson(1.5, n_brands)
    rows = np.repeat(np.arange(n_brands), n_shocks)
    days = rng.integers(0, length, len(rows))
    signs = np.where(rng.random(len(rows)) < 0.65, -1.0, 1.0)
    np.add.at(innovations, (rows, days), signs * rng.uniform(0.5, 1.0, len(rows)))
    ar = lfilter([1.0], [1.0, -0.93], innovations, axis=1)
    return np.tanh(mean[:, None] + ar)


def build_world(rng: np.random.Generator, scale: float) -> World:
    """Draw the whole world at ``scale`` (1 = 400 products, 1,500 creators; 40 brands, 60 tags)."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    r_brands, r_trends, r_products, r_creators, r_followers, r_sentiment, r_demand = rng.spawn(7)
    brands = _build_brands(r_brands)
    trends = _build_trends(r_trends)
    interest = _trend_interest(r_trends, trends)
    products = _build_products(r_products, scale, brands, trends)
    creators = _build_creators(r_creators, scale)
    creator_daily, fake_jumps, fake_share, followers_end = _follower_series(r_followers, creators)
    creators = creators.with_columns(
        pl.Series("followers_end", followers_end),
        pl.Series("fake_follower_share", fake_share),
    ).select(
        "creator_id",
        "username",
        "display_name",
        "primary_platform",
        "on_tiktok",
        "on_instagram",
        "tier",
        "followers_start",
        "followers_end",
        "is_verified",
        "region_code",
        "category",
        "engagement_rate",
        "fake_follower_share",
        "audience_intent",
        "promo_code",
        "tiktok_user_id",
        "instagram_account_id",
    )

    lo, hi = SENTIMENT_LAG_RANGE
    lag = int(r_sentiment.integers(lo, hi + 1))
    sentiment = _sentiment(r_sentiment, brands.height)
    brand_names = brands["brand"].to_numpy()
    sentiment_daily = pl.DataFrame(
        {
            "brand": np.repeat(brand_names, DAYS),
            "day": np.tile(np.arange(DAYS, dtype=np.int32), len(brand_names)),
            "sentiment": sentiment[:, _SENTIMENT_BURN_IN:].ravel(),
        }
    )
    trend_daily = pl.DataFrame(
        {
            "hashtag": np.repeat(trends["hashtag"].to_numpy(), DAYS),
            "day": np.tile(np.arange(DAYS, dtype=np.int32), trends.height),
            "interest": interest.ravel(),
        }
    )
    demand = _demand(r_demand, products, trends, interest, brand_names, sentiment, lag)
    demand_daily = pl.DataFrame(
        {
            "product_id": np.repeat(products["product_id"].to_numpy(), DAYS),
            "day": np.tile(np.arange(DAYS, dtype=np.int32), products.height),
            "demand": demand.ravel(),
        }
    )
    return World(
        brands=brands,
        products=products,
        creators=creators,
        creator_daily=creator_daily,
        trends=trends,
        trend_daily=trend_daily,
        sentiment_daily=sentiment_daily,
        demand_daily=demand_daily,
        sentiment_lag_days=lag,
        posts=pl.DataFrame(schema=POSTS_SCHEMA),
        fake_jumps=fake_jumps,
    )


def _demand(
    rng: np.random.Generator,
    products: pl.DataFrame,
    trends: pl.DataFrame,
    interest: np.ndarray,
    brand_names: np.ndarray,
    sentiment: np.ndarray,
    lag: int,
) -> np.ndarray:
    """Relative purchase propensity (products x days).

    ``popularity x retail_season(day) x trend(day) x (1 + k * sentiment(brand, day - lag))``,
    zero before the product's launch. Products riding a fad sell ``0.25 + 2.5 x interest`` times
    the ordinary rate (nearly nothing before the trend, a multiple at its peak).
    """
    n = products.height
    days = np.arange(DAYS)
    popularity = np.exp(rng.normal(0.0, 0.6, n))
    season = retail_season(days)
    tag_row = {tag: i for i, tag in enumerate(trends["hashtag"].to_list())}
    row = products["hashtag"].replace_strict(tag_row, default=-1, return_dtype=pl.Int64)
    row = row.fill_null(-1).to_numpy()
    trend_factor = np.where((row >= 0)[:, None], 0.25 + 2.5 * interest[np.maximum(row, 0)], 1.0)
    brand_row = {b: i for i, b in enumerate(brand_names.tolist())}
    b_idx = products["brand"].replace_strict(brand_row, return_dtype=pl.Int64).to_numpy()
    lagged = sentiment[b_idx][:, _SENTIMENT_BURN_IN - lag : _SENTIMENT_BURN_IN - lag + DAYS]
    created_day = ((products["created_at"].dt.epoch("s").to_numpy() - START_S) // DAY_S).astype(
        np.int64
    )
    launched = days[None, :] >= created_day[:, None]
    return (
        popularity[:, None]
        * season[None, :]
        * trend_factor
        * (1.0 + SENTIMENT_EFFECT_K * lagged)
        * launched
    )


def day_of(seconds: np.ndarray) -> np.ndarray:
    """Window day index of epoch seconds."""
    return (np.asarray(seconds, dtype=np.int64) - START_S) // DAY_S


def window_end() -> int:
    """Epoch seconds of the first instant after the window."""
    return START_S + DAYS * DAY_S


def pull_cap() -> int:
    """Latest epoch second a pull may carry (three days after the window, minus one second)."""
    return int((START + timedelta(days=DAYS + 3)).timestamp()) - 1


def datetime_utc(seconds: np.ndarray) -> pl.Series:
    """Epoch seconds as a ``datetime[us, UTC]`` series."""
    micros = pl.Series(np.asarray(seconds, dtype=np.int64) * 1_000_000)
    return micros.cast(pl.Datetime("us")).dt.replace_time_zone("UTC")


def iso_z(seconds: np.ndarray) -> pl.Series:
    """Epoch seconds as ``2026-01-05T18:04:11Z`` strings (the ``pulled_at`` format)."""
    return datetime_utc(seconds).dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def pull_after(
    rng: np.random.Generator, seconds: np.ndarray, low_h: float, high_h: float
) -> np.ndarray:
    """Pull stamps ``low_h``-``high_h`` hours after ``seconds``, never after :func:`pull_cap`."""
    delay = rng.uniform(low_h * 3600, high_h * 3600, len(seconds)).astype(np.int64)
    return np.minimum(np.asarray(seconds, dtype=np.int64) + delay, pull_cap())


#: Season of a month (1-12) in campaign names: creator links are tagged
#: ``utm_campaign=<brand slug>_<season of the post>`` (commerce) and contracts carry the tag of
#: their first sponsored post (aftermarket), so both read this one table.
CAMPAIGN_SEASON_OF_MONTH: dict[int, str] = {
    1: "newyear", 2: "newyear", 3: "spring", 4: "spring", 5: "spring", 6: "summer", 7: "summer",
    8: "summer", 9: "fall", 10: "fall", 11: "holiday", 12: "holiday",
}  # fmt: skip


def campaign_season(days: np.ndarray) -> np.ndarray:
    """Season label (:data:`CAMPAIGN_SEASON_OF_MONTH`) of window days, for campaign names."""
    dates = np.datetime64(START.date().isoformat()) + np.asarray(days, dtype="timedelta64[D]")
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    labels = np.array(["", *(CAMPAIGN_SEASON_OF_MONTH[m] for m in range(1, 13))])
    return labels[month]


def brand_slug(expr: pl.Expr) -> pl.Expr:
    """Brand as used in ``utm_campaign`` values: lowercase letters and digits only."""
    return slug(expr).str.replace_all("-", "")
