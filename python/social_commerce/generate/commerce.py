"""Commerce sources: Shopify, GA4, ads and experiments, from the world and its creator posts.

:func:`build_commerce` turns a :class:`~social_commerce.generate.world.World` (with
``world.posts`` filled by :mod:`.social`) into clean raw-shaped records and the truth behind them,
then hands the order lines and customers to :mod:`.aftermarket` (creator contracts, reviews,
resale, surveys).

What is modelled, with the published benchmark each choice imitates:

* **Traffic mix**: sessions by channel near the e-commerce traffic-source shares of Wolfgang
  Digital's E-commerce KPI Benchmarks and Littledata's channel benchmarks (direct ~20 %, organic
  search ~17 %, paid search ~11 %, email ~7 %), with social and creator traffic raised to what a
  social-first shop sees (~36 % social in total). Volume follows :func:`.world.retail_season`
  (Adobe / Salesforce holiday peaks), visits peak in the evening (shop time).
* **Ad spend first**: per campaign and day a budget (base x season x fortnightly budget changes x
  noise) is decided, and paid sessions follow ``a x spend^b`` with ``b`` in 0.6-0.8: the
  diminishing returns that marketing-mix models (Google's Meridian / Jin et al. 2017 "Bayesian
  methods for media mix modeling with carryover and shape effects") fit. Written to truth.
* **Creator traffic**: every product post draws sessions in proportion to views x the creator's
  audience intent (link-in-bio / shop-link click-through well under 1 % of views), most within two
  days of the post, the rest over weeks (the decay of creator-video traffic reported by creator
  analytics vendors). Creator links carry ``utm_medium=creator`` (5 % ``influencer``, 2 %
  ``Creator``: hand-built links), ``utm_content`` = the creator's handle.
* **Journeys**: a session is a new visitor (share per channel) or a returning one attached to a
  visitor first seen in the last 28 days, picked by a gamma-distributed return propensity that
  decays with the days since the first visit, so that paths are short for most visitors and long
  for a few, and most multi-visit purchases follow the first visit within a week or two (GA4
  new/returning splits; Google's "messy middle" and time-lag reports). A returning customer's
  next journey may come from the same device (same ``user_pseudo_id``) or a new one.
* **Conversion (true incremental effects)**: a journey converts, at its last visit, with
  ``P = 1 - (1 - h0) * prod(1 - h_c)`` over its touches (a hazard per touch by channel; creator
  touches scaled by the creator's audience intent), calibrated to the scale's order count
  (~3 % of sessions, in the 2-3 % range of Shopify / IRP Commerce conversion benchmarks).
* **Experiments**: four experiments with known effects assigned at the first visit in their
  window, before the conversion draw: a regret badge (fewer regretted purchases, slightly fewer
  conversions), a sticky cart (more conversions), an A/A test and a test whose treatment
  assignments are partly lost from the log on the app (a sample-ratio mismatch).
* **Orders**: the converting journey's product (the creator's post product, the campaign brand's
  product or one chosen by demand that day), 1-4 lines, Shopify Markets prices in local currency
  for non-US customers, creator promo codes, BFCM / holiday / welcome codes, tax and shipping;
  ~22 % of orders from returning customers (Shopify's repeat-purchase benchmarks), ~1 % cancelled.
* **Regret**: a true logit on purchase-time drivers only (price, impulse = hours from first touch
  to purchase, trend stage at purchase, creator-driven purchase by category, the badge), ~22 %
  regretted (consumer-survey regret shares of a fifth to a third). Regretted lines are mostly
  returned (a refund 5-30 days later) or resold; kept lines stay, some are gifted (more so in the
  holidays). E-commerce return rates of ~15-20 % (NRF / Appriss Retail returns reports) follow.
* **GA4 export**: lean BigQuery-export events (session_start, page_view, some view_item, cart and
  checkout steps, purchase with the Shopify order id), ~6 % of visitors untracked (consent denied
  or blocked: their orders have no GA4 journey), the property in the shop's time zone. Rows are
  grouped by event name within a day (BigQuery exports have no row order).

Truth: ``channel_effects`` and ``creator_effects`` (hazard per touch), ``ad_response`` (spend ->
sessions curve per campaign), ``experiment_effects``, ``order_line_regret`` and
``regret_coefficients``, ``order_journeys`` (every order's journey, tracked or not).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from social_commerce.generate import text
from social_commerce.generate.config import (
    CURRENCIES,
    DAYS,
    SHOP_TIMEZONE,
    START,
    EntityFrames,
    FrameChunks,
    scaled,
)
from social_commerce.generate.social import _sample_by_day
from social_commerce.generate.world import (
    DAY_S,
    START_S,
    World,
    _allocate,
    brand_slug,
    campaign_season,
    datetime_utc,
    iso_z,
    retail_season,
    round_price,
    unique_ids,
    uniquify,
    weekday_of,
    window_end,
)

#: First second after the window, and the latest start of a generated session (one hour before).
END_S = window_end()
LAST_SESSION_S = END_S - 3600
#: When the extracts were pulled: a day after the window closes. Later refunds are not in them.
EXTRACT_S = END_S + DAY_S
#: The shop's storefront.
SHOP_URL = "https://shop.example.com"
#: Hours to add to the shop's local time to get UTC (New York standard time; DST is ignored for
#: visit times, which only need a plausible daily rhythm).
_SHOP_UTC_OFFSET_H = 5

# --------------------------------------------------------------------------------------------
# Channels
# --------------------------------------------------------------------------------------------

#: Channel names exactly as in ``seeds/channel_grouping.csv`` (column ``channel``).
CHANNELS: tuple[str, ...] = (
    "creator_tiktok",
    "creator_instagram",
    "paid_social",
    "paid_search",
    "organic_search",
    "email",
    "affiliate",
    "organic_social",
    "referral",
    "direct",
)
_CT, _CI, _PSOC, _PSEA, _ORG, _EMAIL, _AFF, _OSOC, _REF, _DIR = range(len(CHANNELS))

#: Share of all sessions per traffic source (creator = both creator channels). See the module
#: docstring for the benchmarks; paid and creator volumes are produced by spend and posts and only
#: calibrated to these shares.
SESSION_SHARE: dict[str, float] = {
    "creator": 0.11,
    "paid_social": 0.15,
    "paid_search": 0.11,
    "organic_search": 0.17,
    "email": 0.07,
    "affiliate": 0.045,
    "organic_social": 0.10,
    "referral": 0.045,
    "direct": 0.20,
}

#: True incremental hazard per touch, by channel, before calibration to the order count (one
#: common factor keeps their ratios). Ordering after per-session conversion rates by channel in
#: Littledata's and IRP Commerce's benchmarks (email and search highest, social lowest); creator
#: touches are scaled by the creator's audience intent / its mean (so creators differ).
CHANNEL_HAZARD: dict[str, float] = {
    "creator_tiktok": 0.040,
    "creator_instagram": 0.036,
    "paid_social": 0.016,
    "paid_search": 0.040,
    "organic_search": 0.028,
    "email": 0.045,
    "affiliate": 0.030,
    "organic_social": 0.012,
    "referral": 0.018,
    "direct": 0.026,
}
#: Baseline conversion hazard of a journey regardless of its touches (before calibration).
BASELINE_HAZARD = 0.004
#: Bisection steps of the hazard calibration (on a log scale from 0.01 to 50: ample precision).
_CALIBRATION_STEPS = 32
#: Cap of a journey's conversion probability.
_MAX_CONVERSION = 0.95

#: Share of a channel's sessions that come from a new visitor (the rest return). Direct and email
#: visits are mostly returning visitors (GA4 new-vs-returning reports), creator and paid social
#: mostly new.
NEW_VISITOR_SHARE: dict[str, float] = {
    "creator_tiktok": 0.70,
    "creator_instagram": 0.70,
    "paid_social": 0.60,
    "paid_search": 0.35,
    "organic_search": 0.45,
    "email": 0.05,
    "affiliate": 0.45,
    "organic_social": 0.55,
    "referral": 0.50,
    "direct": 0.20,
}
#: Gamma shape of a visitor's return propensity (small = a few very engaged visitors).
_RETURN_SHAPE = 0.6
#: Returning visits come soon after the first: a visitor's pull decays with this time constant
#: (days), so that half of the journeys that convert after several visits do so within about a
#: week (Google / Think with Google path-length and time-lag reports: most paths are short).
_RETURN_DECAY_DAYS = 4.0
#: A returning visit belongs to a visitor first seen at most this many days before (the ~30-day
#: lookback of attribution tools).
JOURNEY_DAYS = 28
#: Minimum gap between two visits of a visitor (GA4's 30-minute session timeout).
_SESSION_GAP_S = 1800
#: Share of visitors without GA4 events (consent denied, blockers): their orders have no journey.
UNTRACKED_SHARE = 0.06

#: Share of a channel's sessions landing on a product page (the rest on the home or a collection).
_PRODUCT_LANDING: dict[str, float] = {
    "creator_tiktok": 1.0,
    "creator_instagram": 1.0,
    "paid_social": 0.7,
    "paid_search": 0.5,
    "organic_search": 0.6,
    "email": 0.5,
    "affiliate": 0.9,
    "organic_social": 0.8,
    "referral": 0.8,
    "direct": 0.3,
}

#: Visit starts by hour of day, shop time: online shopping peaks 7-10 pm (Salesforce Shopping
#: Index / Adobe hourly traffic curves), low at night.
_SESSION_HOURS = np.array(
    [0.9, 0.55, 0.35, 0.25, 0.2, 0.25, 0.45, 0.75, 1.0, 1.15, 1.25, 1.35,
     1.45, 1.4, 1.35, 1.35, 1.4, 1.5, 1.7, 1.95, 2.1, 2.1, 1.8, 1.35]
)  # fmt: skip

#: Search engines of organic search (StatCounter US search-engine share, rounded).
_ENGINES = [("google", 0.88), ("bing", 0.08), ("duckduckgo", 0.04)]
#: Social sites of unpaid social visits: (GA4 source = referrer host without www, referrer, share).
_SOCIAL_REFERRERS = [
    ("tiktok.com", "https://www.tiktok.com/", 0.40),
    ("l.instagram.com", "https://l.instagram.com/", 0.30),
    ("reddit.com", "https://www.reddit.com/", 0.20),
    ("t.co", "https://t.co/", 0.10),
]
#: Referring sites (gift guides and editorial round-ups): (source, referrer).
_REFERRAL_SITES = [
    ("buzzfeed.com", "https://www.buzzfeed.com/shopping"),
    ("refinery29.com", "https://www.refinery29.com/en-us/shopping"),
    ("nymag.com", "https://nymag.com/strategist/"),
    ("allure.com", "https://www.allure.com/"),
    ("glamour.com", "https://www.glamour.com/"),
    ("theverge.com", "https://www.theverge.com/"),
    ("apartmenttherapy.com", "https://www.apartmenttherapy.com/"),
    ("wikihow.com", "https://www.wikihow.com/"),
]
#: Affiliate networks: (utm_source, referrer, share).
_AFFILIATES = [
    ("rakuten", "https://click.linksynergy.com/", 0.4),
    ("skimlinks", "https://go.skimresources.com/", 0.3),
    ("ltk", "https://www.shopltk.com/", 0.3),
]
#: Klaviyo emails: newsletter sends and flows, with their share of email visits.
_EMAIL_CAMPAIGNS = [
    ("newsletter", 0.55),
    ("abandoned_cart", 0.15),
    ("browse_abandonment", 0.10),
    ("welcome_series", 0.10),
    ("winback", 0.05),
    ("back_in_stock", 0.05),
]
#: Newsletter send weekdays (Tuesday, Thursday) and the lift of a send day's email visits.
_SEND_WEEKDAYS = (1, 3)
_SEND_DAY_LIFT = 2.5
#: BFCM window (day 21 .. 32: 2025-11-22 .. 2025-12-03), when the shop mails every day.
_BFCM_DAYS = (21, 33)
#: Creator link media: share written ``influencer`` and ``Creator`` instead of ``creator``.
_CREATOR_MEDIUM_VARIANTS = (("influencer", 0.05), ("Creator", 0.02))

# --------------------------------------------------------------------------------------------
# Ads
# --------------------------------------------------------------------------------------------

#: Ad platforms: (platform, campaign id prefix, share of campaigns, channel index, base daily
#: budget USD at scale 1, click-through rate, share of clicks that land as a session).
#: CTRs after WordStream's Facebook / Google Ads benchmarks (~0.9 % social, ~4-6 % search).
_PLATFORMS = [
    ("tiktok", "tt", 0.27, _PSOC, 70.0, 0.008, 0.80),
    ("meta", "mt", 0.33, _PSOC, 80.0, 0.010, 0.80),
    ("google", "gg", 0.27, _PSEA, 60.0, 0.045, 0.90),
    ("pinterest", "pi", 0.13, _PSOC, 40.0, 0.005, 0.80),
]
#: Ad formats per platform (campaign name suffix).
_AD_FORMATS = {
    "tiktok": ["Spark Ads", "In-Feed"],
    "meta": ["Advantage+ Shopping", "Reels"],
    "google": ["Brand Search", "Shopping"],
    "pinterest": ["Shopping Pins", "Idea Ads"],
}
#: Campaigns at scale 1 (about 11,000 campaign-days), and the floor at small scales.
_CAMPAIGNS_SCALE_1 = 60
_MIN_CAMPAIGNS = 8
#: Range of the true spend -> sessions exponent (diminishing returns).
AD_EXPONENT_RANGE = (0.6, 0.8)
#: Budgets change every this many days by a log-normal factor (sd), plus daily noise (sd).
_BUDGET_BLOCK_DAYS = 14
_BUDGET_LEVEL_SD = 0.35
_SPEND_NOISE_SD = 0.12
#: Advertisers spend more in the season: budget x season^power.
_SPEND_SEASON_POWER = 0.8
#: Share of campaigns run from a European ad account (EUR or GBP).
_FOREIGN_ACCOUNT_SHARE = 0.12
#: Share of TikTok campaigns tagged ``utm_medium=cpc`` instead of ``paid_social``.
_TIKTOK_CPC_SHARE = 0.25

# --------------------------------------------------------------------------------------------
# Customers and orders
# --------------------------------------------------------------------------------------------

#: Countries of visitors and customers: (code, share, GA4 name, currency, tax rate, tax included
#: in prices). A US shop with ~20 % international orders (Shopify Markets cross-border shares).
_COUNTRIES = [
    ("US", 0.80, "United States", "USD", 0.07, False),
    ("CA", 0.06, "Canada", "CAD", 0.13, False),
    ("GB", 0.06, "United Kingdom", "GBP", 0.20, True),
    ("AU", 0.03, "Australia", "AUD", 0.10, True),
    ("DE", 0.03, "Germany", "EUR", 0.19, True),
    ("FR", 0.02, "France", "EUR", 0.20, True),
]
#: Places: (country, province code, GA4 region, city, postcode prefix, weight in its country).
_PLACES = [
    ("US", "CA", "California", "Los Angeles", "900", 6.0),
    ("US", "CA", "California", "San Francisco", "941", 3.0),
    ("US", "TX", "Texas", "Houston", "770", 3.5),
    ("US", "TX", "Texas", "Austin", "787", 2.5),
    ("US", "NY", "New York", "New York", "100", 5.0),
    ("US", "FL", "Florida", "Miami", "331", 3.0),
    ("US", "FL", "Florida", "Orlando", "328", 2.0),
    ("US", "IL", "Illinois", "Chicago", "606", 3.5),
    ("US", "PA", "Pennsylvania", "Philadelphia", "191", 2.5),
    ("US", "OH", "Ohio", "Columbus", "432", 2.0),
    ("US", "GA", "Georgia", "Atlanta", "303", 2.5),
    ("US", "NC", "North Carolina", "Charlotte", "282", 2.0),
    ("US", "MI", "Michigan", "Detroit", "482", 1.8),
    ("US", "NJ", "New Jersey", "Newark", "071", 2.0),
    ("US", "WA", "Washington", "Seattle", "981", 2.0),
    ("US", "AZ", "Arizona", "Phoenix", "850", 2.0),
    ("US", "MA", "Massachusetts", "Boston", "021", 1.8),
    ("US", "TN", "Tennessee", "Nashville", "372", 1.5),
    ("US", "CO", "Colorado", "Denver", "802", 1.5),
    ("US", "MN", "Minnesota", "Minneapolis", "554", 1.3),
    ("US", "OR", "Oregon", "Portland", "972", 1.0),
    ("US", "NV", "Nevada", "Las Vegas", "891", 1.0),
    ("CA", "ON", "Ontario", "Toronto", "M5V", 5.0),
    ("CA", "QC", "Quebec", "Montreal", "H2X", 3.0),
    ("CA", "BC", "British Columbia", "Vancouver", "V6B", 2.0),
    ("CA", "AB", "Alberta", "Calgary", "T2P", 1.5),
    ("GB", "ENG", "England", "London", "E1", 5.0),
    ("GB", "ENG", "England", "Manchester", "M1", 2.0),
    ("GB", "SCT", "Scotland", "Glasgow", "G1", 1.0),
    ("GB", "WLS", "Wales", "Cardiff", "CF10", 0.5),
    ("AU", "NSW", "New South Wales", "Sydney", "2000", 4.0),
    ("AU", "VIC", "Victoria", "Melbourne", "3000", 3.5),
    ("AU", "QLD", "Queensland", "Brisbane", "4000", 2.0),
    ("DE", "BE", "Berlin", "Berlin", "10115", 2.0),
    ("DE", "BY", "Bavaria", "Munich", "80331", 1.5),
    ("DE", "HH", "Hamburg", "Hamburg", "20095", 1.0),
    ("FR", None, "Ile-de-France", "Paris", "75001", 3.0),
    ("FR", None, "Auvergne-Rhone-Alpes", "Lyon", "69001", 1.0),
]
#: Share of non-US customers who pay in their own currency (Shopify Markets); the rest pay USD.
_LOCAL_CURRENCY_SHARE = 0.85
#: Flat shipping fee per currency below the free-shipping threshold.
_SHIPPING_FEE = {"USD": 5.99, "CAD": 7.99, "GBP": 3.99, "EUR": 4.99, "AUD": 8.99}
#: Free shipping from this order value (USD equivalent).
_FREE_SHIPPING_USD = 50.0

#: Devices: (GA4 category, share, operating systems with shares). StatCounter: ~2/3 of US
#: e-commerce visits on mobile; social and creator traffic is almost all mobile.
_DEVICES = [
    ("mobile", 0.66, [("iOS", 0.57), ("Android", 0.43)]),
    ("desktop", 0.30, [("Windows", 0.6), ("Macintosh", 0.4)]),
    ("tablet", 0.04, [("iOS", 0.7), ("Android", 0.3)]),
]
#: Share of mobile devices for visitors who arrive from a social or creator link.
_SOCIAL_MOBILE_SHARE = 0.9

#: Share of customers with orders (the rest signed up or were invited without buying).
_BUYER_SHARE = 0.94
#: How much likelier a converting journey with an email touch is a returning customer's.
_EMAIL_REPEAT_WEIGHT = 3.0
#: Share of repeat orders placed from the device of the first order (same ``user_pseudo_id``).
_SAME_DEVICE_SHARE = 0.5
#: Share of a returning customer's visits made signed in (GA4 ``user_id`` set).
_SIGNED_IN_SHARE = 0.5
#: Lines per order and units per line (Shopify's ~1.5 items per order for small shops).
_LINES_PER_ORDER = ([1, 2, 3, 4], [0.70, 0.22, 0.06, 0.02])
_UNITS_PER_LINE = ([1, 2, 3], [0.88, 0.10, 0.02])
#: Share of a converting journey's first line that is the product it was shown (creator post or
#: landing page); otherwise the product is chosen by that day's demand.
_SHOWN_PRODUCT_SHARE = 0.8
#: Share of creator-driven buyers who use the creator's promo code (code suffix = % off).
_PROMO_CODE_SHARE = 0.35
#: Percent-off suffixes of creator codes (world.py draws them).
_PROMO_PERCENTS = (10, 15, 20, 25)
#: Site-wide codes: (code, percent off, first day, last day + 1, share of orders using it).
_SITE_CODES = [
    ("BFCM25", 25, 21, 33, 0.6),
    ("HOLIDAY15", 15, 33, 55, 0.3),
]
#: Welcome code for first orders (newsletter sign-up offer) and its use among first orders.
_WELCOME_CODE = ("WELCOME10", 10, 0.12)
#: Share of orders cancelled within a day (not fulfilled, no regret outcome).
_CANCELLED_SHARE = 0.01

# --------------------------------------------------------------------------------------------
# Regret
# --------------------------------------------------------------------------------------------

#: True regret logit (per order line); the intercept is calibrated so that the mean regret
#: probability is :data:`TARGET_REGRET_RATE`. Drivers are only what is known at purchase time.
REGRET_COEFFICIENTS: dict[str, float] = {
    "log_price_usd_over_30": 0.45,
    "log1p_impulse_hours": -0.30,
    "stage_peak": 0.20,
    "stage_declining": 0.60,
    "stage_faded": 0.85,
    "creator_driven": 0.15,
    "creator_driven_x_apparel": 0.55,
    "creator_driven_x_gadgets": 0.50,
    "creator_driven_x_makeup": 0.45,
    "regret_badge_treatment": -0.45,
}
TARGET_REGRET_RATE = 0.22
#: Trend stages at purchase (of the product's fad hashtag; ``none`` without a fad).
TREND_STAGES = ("none", "pre_trend", "rising", "peak", "declining", "faded")
#: Outcome mix of regretted and of other lines: kept, returned, resold, discarded, gifted.
OUTCOMES = ("kept", "returned", "resold", "discarded", "gifted")
_REGRETTED_OUTCOMES = [0.05, 0.58, 0.17, 0.12, 0.08]
_CONTENT_OUTCOMES = [0.90, 0.03, 0.01, 0.0, 0.06]
#: Extra share of contented lines given as gifts in the holiday season (window days before this).
_HOLIDAY_GIFT_LIFT = 0.08
_HOLIDAY_END_DAY = 55
#: Days from order to refund of a returned line (delivery plus return shipping).
_REFUND_DELAY_DAYS = (5.0, 30.0)
#: Median days from order to a resale listing, and the log-normal spread.
_RESALE_MEDIAN_DAYS = 25.0
_RESALE_SIGMA = 0.6
#: Refund notes for regretted and for other returns.
_REGRET_NOTES = ["changed my mind", "not as expected", "didn't need it", "not worth the price"]
#: Refund note of a regretted creator-driven purchase (some of them).
_CREATOR_REGRET_NOTE = ("looks different than in the video", 0.3)
_OTHER_NOTES = ["arrived damaged", "wrong size", "defective"]

# --------------------------------------------------------------------------------------------
# Experiments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Experiment:
    """A planted experiment: window, target assignments at scale 1, and true effects."""

    experiment_id: str
    start_day: int
    end_day: int
    assignments_scale_1: int
    conversion_effect: float  # relative change of the treatment's conversion probability
    regret_logit_effect: float = 0.0  # treatment's shift of the regret logit
    treatment_log_loss: float = 0.0  # share of app treatment assignments missing from the log


#: The experiments (~100,000 assignments at scale 1). Effect sizes are in the range that
#: published online experiments report (Kohavi, Tang & Xu, "Trustworthy Online Controlled
#: Experiments": most wins are a few percent).
EXPERIMENTS: tuple[Experiment, ...] = (
    Experiment("exp_sticky_cart", 60, 150, 30_000, conversion_effect=0.12),
    Experiment(
        "exp_regret_badge",
        150,
        250,
        30_000,
        conversion_effect=-0.03,
        regret_logit_effect=REGRET_COEFFICIENTS["regret_badge_treatment"],
    ),
    Experiment("exp_homepage_hero_aa", 200, 280, 20_000, conversion_effect=0.0),
    Experiment(
        "exp_free_shipping_bar", 255, 345, 20_000, conversion_effect=0.05, treatment_log_loss=0.5
    ),
)
#: Share of mobile visitors in an experiment who are on the shop's app (``platform=app``).
_APP_SHARE_OF_MOBILE = 0.3

# --------------------------------------------------------------------------------------------
# GA4 funnel
# --------------------------------------------------------------------------------------------

#: Share of non-converting sessions with a ``view_item``: landing on a product page, or not.
_VIEW_ITEM_PRODUCT_LANDING = 0.5
_VIEW_ITEM_OTHER_LANDING = 0.15
#: Share of non-converting sessions that add to cart, and of those that begin checkout (cart
#: abandonment ~70 %, Baymard Institute).
_ABANDONED_CART_SHARE = 0.025
_ABANDONED_CHECKOUT_SHARE = 0.4
#: Seconds between funnel steps of a session (uniform ranges).
_STEP_SECONDS = {
    "page_view": (0.2, 3.0),
    "view_item": (15.0, 180.0),
    "add_to_cart": (20.0, 300.0),
    "begin_checkout": (30.0, 400.0),
    "purchase": (60.0, 900.0),
}

_EVENT_ITEM = pl.Struct({"item_id": pl.String, "price": pl.Float64, "quantity": pl.Int64})
#: Low-cardinality GA4 strings are held as enums / categoricals (the JSON is the same; the
#: frame is much smaller, which matters at large scales).
_EVENT_NAME = pl.Enum(
    ["session_start", "page_view", "view_item", "add_to_cart", "begin_checkout", "purchase"]
)
_PARAM_KEY = pl.Enum(
    ["ga_session_id", "ga_session_number", "page_location", "page_referrer", "source", "medium",
     "campaign", "content", "term"]
)  # fmt: skip


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


def _shop_iso(seconds: np.ndarray) -> pl.Series:
    """Epoch seconds as Shopify timestamps: ISO 8601 with the shop's offset (``-05:00``)."""
    local = datetime_utc(seconds).dt.convert_time_zone(SHOP_TIMEZONE)
    return local.dt.strftime("%Y-%m-%dT%H:%M:%S%:z")


def _choice(rng: np.random.Generator, shares: list[float], n: int) -> np.ndarray:
    """``n`` indices drawn with the given (unnormalised) shares."""
    p = np.asarray(shares, dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _strings(values: list[str] | np.ndarray | pl.Series, index: np.ndarray) -> pl.Series:
    """``values[index]`` as a string series, null where ``index`` is negative."""
    idx = pl.Series(np.asarray(index, dtype=np.int64))
    idx = pl.select(pl.when(idx >= 0).then(idx)).to_series()
    source = values if isinstance(values, pl.Series) else pl.Series(list(values), dtype=pl.String)
    return source.cast(pl.String).gather(idx)


def _hex_ids(values: np.ndarray, salt: int) -> pl.Series:
    """A stable 32-character hex digest of integer ids (two splitmix64 rounds, salted)."""
    parts = []
    for round_salt in (salt, salt * 31 + 7):
        x = np.asarray(values, dtype=np.int64).view(np.uint64) + np.uint64(round_salt)
        x = x ^ (x >> np.uint64(30))
        x = x * np.uint64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> np.uint64(27))
        x = x * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
        digits = (x[:, None] >> (np.uint64(4) * np.arange(15, -1, -1, dtype=np.uint64))) & 15
        chars = np.array(list("0123456789abcdef"), dtype="<U1")[digits.astype(np.int64)]
        parts.append(np.ascontiguousarray(chars).view("<U16").ravel())
    return pl.Series(np.char.add(parts[0], parts[1]))


#: Alphabet of base64url ids (gclids).
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _random_chars(rng: np.random.Generator, n: int, width: int, alphabet: str) -> np.ndarray:
    """``n`` random strings of ``width`` characters from ``alphabet``."""
    if n == 0:
        return np.zeros(0, dtype=f"<U{width}")
    codes = rng.integers(0, len(alphabet), (n, width))
    chars = np.array(list(alphabet), dtype="<U1")[codes]
    return np.ascontiguousarray(chars).view(f"<U{width}").ravel()


def _times_on_days(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """Visit start seconds on window ``days`` at an hour from the daily visit rhythm."""
    n = len(days)
    hour = rng.choice(24, size=n, p=_SESSION_HOURS / _SESSION_HOURS.sum())
    seconds = (
        START_S
        + days.astype(np.int64) * DAY_S
        + (hour + _SHOP_UTC_OFFSET_H).astype(np.int64) * 3600
        + rng.integers(0, 3600, n)
    )
    return np.where(seconds > LAST_SESSION_S, seconds - DAY_S, seconds)


def _group_starts(keys: np.ndarray) -> np.ndarray:
    """Start position of each run of equal values in the sorted array ``keys``."""
    if len(keys) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])


# --------------------------------------------------------------------------------------------
# The world as arrays
# --------------------------------------------------------------------------------------------


@dataclass
class _Catalog:
    """Numpy views of products, variants, creators, posts and trends used throughout."""

    products: pl.DataFrame  # sorted by product_id
    product_id: np.ndarray
    price: np.ndarray
    brand: np.ndarray  # brand row per product
    brands: list[str]
    brand_slugs: list[str]
    category: np.ndarray  # category slug per product
    demand_by_day: np.ndarray  # DAYS x products
    variants: pl.DataFrame  # variant_id, sku, variant_title, variant_price, product_row
    var_start: np.ndarray  # first variant row per product
    var_count: np.ndarray
    stage_days: np.ndarray  # products x 4: emerge, peak, decline, fade (fad products)
    has_fad: np.ndarray
    creators: pl.DataFrame  # sorted by creator_id
    intent: np.ndarray  # audience intent per creator row
    posts: pl.DataFrame  # product posts: post_id, platform, creator_row, product_row, ...


def _catalog(world: World) -> _Catalog:
    """Arrays of the world in the shapes the commerce simulation needs."""
    products = world.products.sort("product_id")
    product_id = products["product_id"].to_numpy()
    brands = world.brands["brand"].to_list()
    brand_index = {b: i for i, b in enumerate(brands)}
    brand_slugs = world.brands.select(brand_slug(pl.col("brand")))["brand"].to_list()
    demand = (
        world.demand_daily.sort("product_id", "day")["demand"].to_numpy().reshape(-1, DAYS)
        if products.height
        else np.zeros((0, DAYS))
    )
    variants = (
        products.select(pl.int_range(pl.len()).alias("product_row"), "variants")
        .explode("variants")
        .unnest("variants")
        .rename({"title": "variant_title", "price": "variant_price"})
    )
    var_count = products["variants"].list.len().to_numpy().astype(np.int64)
    var_start = np.cumsum(var_count) - var_count

    fads = world.trends.filter(~pl.col("is_evergreen"))
    stage = products.select("hashtag").join(
        fads.select("hashtag", "emerge_day", "peak_day", "decline_day", "fade_day"),
        on="hashtag",
        how="left",
        maintain_order="left",
    )
    has_fad = stage["emerge_day"].is_not_null().to_numpy()
    stage_days = (
        stage.select("emerge_day", "peak_day", "decline_day", "fade_day")
        .fill_null(0)
        .to_numpy()
        .astype(np.int64)
    )

    creators = world.creators.sort("creator_id")
    creator_ids = creators["creator_id"].to_numpy()
    posts = world.posts.filter(pl.col("product_id").is_not_null())
    posts = posts.with_columns(
        pl.Series("creator_row", np.searchsorted(creator_ids, posts["creator_id"].to_numpy())),
        pl.Series("product_row", np.searchsorted(product_id, posts["product_id"].to_numpy())),
    )
    return _Catalog(
        products=products,
        product_id=product_id,
        price=products["price"].to_numpy(),
        brand=products["brand"].replace_strict(brand_index, return_dtype=pl.Int64).to_numpy(),
        brands=brands,
        brand_slugs=brand_slugs,
        category=products["category"].to_numpy().astype(str),
        demand_by_day=np.ascontiguousarray(demand.T),
        variants=variants,
        var_start=var_start,
        var_count=var_count,
        stage_days=stage_days,
        has_fad=has_fad,
        creators=creators,
        intent=creators["audience_intent"].to_numpy(),
        posts=posts,
    )


def _pick_variant(rng: np.random.Generator, cat: _Catalog, product: np.ndarray) -> np.ndarray:
    """A variant row of each product (uniform among its variants)."""
    return cat.var_start[product] + (rng.random(len(product)) * cat.var_count[product]).astype(
        np.int64
    )


def _products_by_demand(
    rng: np.random.Generator, cat: _Catalog, days: np.ndarray, brand: np.ndarray | None = None
) -> np.ndarray:
    """A product row per draw, in proportion to that day's demand (within ``brand`` if given).

    Returns -1 where the day (or the brand on that day) has no demand.
    """
    out = np.full(len(days), -1, dtype=np.int64)
    if len(days) == 0 or cat.demand_by_day.shape[1] == 0:
        return out
    if brand is None:
        index, has = _sample_by_day(rng, cat.demand_by_day, days)
        return np.where(has, index, -1)
    for b in np.unique(brand):
        rows = np.flatnonzero(brand == b)
        columns = np.flatnonzero(cat.brand == b)
        if len(columns) == 0:
            continue
        index, has = _sample_by_day(rng, cat.demand_by_day[:, columns], days[rows])
        out[rows] = np.where(has, columns[index], -1)
    return out


# --------------------------------------------------------------------------------------------
# Ads: spend first, then paid sessions
# --------------------------------------------------------------------------------------------


@dataclass
class _Campaigns:
    """Ad campaigns, their daily spend (USD) and the paid sessions it bought."""

    frame: pl.DataFrame  # one row per campaign
    channel: np.ndarray
    brand: np.ndarray
    spend_usd: np.ndarray  # campaigns x DAYS
    sessions: np.ndarray  # campaigns x DAYS (drawn)
    exponent: np.ndarray
    scale: np.ndarray


def _campaigns(
    rng: np.random.Generator, cat: _Catalog, scale: float, paid_targets: dict[int, float]
) -> _Campaigns:
    """Campaign flights and budgets; sessions per campaign-day = Poisson(a x spend^b)."""
    n = max(_MIN_CAMPAIGNS, round(_CAMPAIGNS_SCALE_1 * scale))
    counts = _allocate(n, np.array([p[2] for p in _PLATFORMS]))
    platform_row = np.repeat(np.arange(len(_PLATFORMS)), counts)
    n = len(platform_row)
    platform = np.array([p[0] for p in _PLATFORMS])[platform_row]
    channel = np.array([p[3] for p in _PLATFORMS])[platform_row]
    brand = rng.integers(0, len(cat.brands), n)

    # Flights: always-on, holiday (Nov-Dec) or a 1-5 month flight.
    kind = rng.choice(3, size=n, p=[0.35, 0.2, 0.45])
    start = np.where(kind == 0, 0, np.where(kind == 1, rng.integers(0, 21, n), 0))
    flight_start = rng.integers(0, DAYS - 60, n)
    start = np.where(kind == 2, flight_start, start)
    end = np.where(
        kind == 0,
        DAYS,
        np.where(kind == 1, rng.integers(50, 66, n), flight_start + rng.integers(30, 151, n)),
    )
    end = np.minimum(end, DAYS)
    theme = np.where(
        kind == 0, "always_on", np.where(kind == 1, "holiday", campaign_season(start))
    ).astype(str)

    days = np.arange(DAYS)
    active = (days[None, :] >= start[:, None]) & (days[None, :] < end[:, None])
    base = np.array([p[4] for p in _PLATFORMS])[platform_row] * scale
    base = base * np.exp(rng.normal(0.0, 0.5, n))
    blocks = DAYS // _BUDGET_BLOCK_DAYS + 1
    level = np.exp(rng.normal(0.0, _BUDGET_LEVEL_SD, (n, blocks)))
    level = np.repeat(level, _BUDGET_BLOCK_DAYS, axis=1)[:, :DAYS]
    weekday = np.array([1.0, 1.02, 1.02, 1.0, 0.96, 0.92, 0.95])[weekday_of(days)]
    season = retail_season(days) ** _SPEND_SEASON_POWER
    noise = np.exp(rng.normal(0.0, _SPEND_NOISE_SD, (n, DAYS)))
    spend = np.round(base[:, None] * level * weekday[None, :] * season[None, :] * noise, 2)
    spend = np.where(active, np.maximum(spend, 0.01), 0.0)

    exponent = rng.uniform(*AD_EXPONENT_RANGE, n)
    quality = np.exp(rng.normal(0.0, 0.3, n))
    response = quality[:, None] * np.where(active, spend, 0.0) ** exponent[:, None]
    a = np.zeros(n)
    for ch, target in paid_targets.items():
        rows = channel == ch
        total = response[rows].sum()
        if total > 0:
            a[rows] = quality[rows] * target / total
    expected = a[:, None] * np.where(active, spend, 0.0) ** exponent[:, None]
    sessions = rng.poisson(expected)

    fmt = np.array(
        [_AD_FORMATS[p][i] for p, i in zip(platform, rng.integers(0, 2, n), strict=True)]
    )
    foreign = rng.random(n) < _FOREIGN_ACCOUNT_SHARE
    currency = np.where(foreign, np.where(rng.random(n) < 0.6, "EUR", "GBP"), "USD")
    meta_source = np.where(rng.random(n) < 0.6, "facebook", "instagram")
    utm_source = np.where(
        platform == "meta", meta_source, np.where(platform == "google", "google", platform)
    )
    tiktok_cpc = (platform == "tiktok") & (rng.random(n) < _TIKTOK_CPC_SHARE)
    utm_medium = np.where((platform == "google") | tiktok_cpc, "cpc", "paid_social")
    prefix = np.array([p[1] for p in _PLATFORMS])[platform_row]
    brand_names = np.array(cat.brands)[brand]
    slugs = np.array(cat.brand_slugs)[brand]
    theme_title = pl.Series(theme).str.replace_all("_", " ").str.to_titlecase()
    frame = pl.DataFrame(
        {
            "prefix": prefix,
            "number": np.arange(n) + 1001,
            "platform": platform,
            "brand": brand_names,
            "theme_title": theme_title,
            "format": fmt,
            "slug": slugs,
            "theme": theme,
            "utm_source": utm_source,
            "utm_medium": utm_medium,
            "currency": currency,
        }
    )
    frame = frame.with_columns(
        pl.concat_str([pl.col("prefix"), pl.col("number").cast(pl.String)], separator="-").alias(
            "campaign_id"
        ),
        pl.concat_str(
            [pl.col("brand"), pl.col("theme_title"), pl.col("format")], separator=" "
        ).alias("campaign_name"),
        pl.concat_str([pl.col("slug"), pl.col("theme")], separator="_").alias("raw_campaign"),
    )
    frame = frame.with_columns(uniquify(frame["raw_campaign"], sep="_").alias("utm_campaign"))
    frame = frame.select(
        "campaign_id",
        "platform",
        "brand",
        "campaign_name",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "currency",
        pl.Series("channel", np.array(CHANNELS)[channel]),
        pl.Series("ctr", np.array([p[5] for p in _PLATFORMS])[platform_row]),
        pl.Series("landing_rate", np.array([p[6] for p in _PLATFORMS])[platform_row]),
        pl.Series("start_day", start.astype(np.int32)),
        pl.Series("end_day", end.astype(np.int32)),
    )
    return _Campaigns(frame, channel, brand, spend, sessions, exponent, a)


# --------------------------------------------------------------------------------------------
# Sessions by channel
# --------------------------------------------------------------------------------------------

#: Creator links in sponsored posts are pushed harder (pinned link, code in caption).
_SPONSORED_LINK_BOOST = 1.3
#: Delay of creator-driven visits after the post: a fast share (mean in days) and a slow tail.
_CREATOR_FAST_SHARE = 0.7
_CREATOR_FAST_DAYS = 0.6
_CREATOR_SLOW_DAYS = 5.0
#: Seasonality power per organic channel (social traffic is less seasonal than search).
_SEASON_POWER = {
    _ORG: 1.0,
    _EMAIL: 1.0,
    _AFF: 1.2,
    _OSOC: 0.5,
    _REF: 1.0,
    _DIR: 1.0,
}


@dataclass
class _Sessions:
    """All simulated visits (tracked or not), sorted by journey then time after :func:`_journeys`.

    ``sub`` is a channel-specific index: search engine, social referrer, referring site,
    affiliate network or email campaign (-1 when not used).
    """

    t: np.ndarray
    channel: np.ndarray
    new: np.ndarray
    campaign: np.ndarray
    post: np.ndarray
    product: np.ndarray
    sub: np.ndarray
    journey: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def take(self, rows: np.ndarray) -> _Sessions:
        """The sessions at ``rows`` (in that order)."""
        return _Sessions(
            t=self.t[rows],
            channel=self.channel[rows],
            new=self.new[rows],
            campaign=self.campaign[rows],
            post=self.post[rows],
            product=self.product[rows],
            sub=self.sub[rows],
            journey=self.journey[rows] if len(self.journey) else self.journey,
        )


def _day_weights(channel: int) -> np.ndarray:
    """Relative visits per window day for an organic channel."""
    days = np.arange(DAYS)
    weight = retail_season(days) ** _SEASON_POWER[channel]
    if channel == _EMAIL:
        send = np.isin(weekday_of(days), _SEND_WEEKDAYS) | (
            (days >= _BFCM_DAYS[0]) & (days < _BFCM_DAYS[1])
        )
        weight = weight * (1.0 + _SEND_DAY_LIFT * send)
    return weight


def _draw_sessions(
    rng: np.random.Generator, cat: _Catalog, camps: _Campaigns, n_total: int
) -> _Sessions:
    """Visits of every channel: paid from spend, creator from posts, the rest by day weights."""
    parts: list[dict[str, np.ndarray]] = []

    # Paid: the campaign-day counts drawn from the spend curve.
    c_idx, d_idx = np.nonzero(camps.sessions)
    campaign = np.repeat(c_idx, camps.sessions[c_idx, d_idx])
    day = np.repeat(d_idx, camps.sessions[c_idx, d_idx])
    parts.append(
        {"t": _times_on_days(rng, day), "channel": camps.channel[campaign], "campaign": campaign}
    )

    # Creator: visits after each product post, in proportion to views x audience intent.
    posts = cat.posts
    if posts.height:
        views = posts["views"].to_numpy().astype(float)
        weight = (
            views
            * cat.intent[posts["creator_row"].to_numpy()]
            * np.where(posts["is_sponsored"].to_numpy(), _SPONSORED_LINK_BOOST, 1.0)
        )
        target = SESSION_SHARE["creator"] * n_total
        counts = rng.poisson(weight * target / max(weight.sum(), 1e-9))
        post = np.repeat(np.arange(posts.height), counts)
        fast = rng.random(len(post)) < _CREATOR_FAST_SHARE
        delay = np.where(
            fast,
            rng.exponential(_CREATOR_FAST_DAYS, len(post)),
            rng.exponential(_CREATOR_SLOW_DAYS, len(post)),
        )
        posted = posts["created_at"].dt.epoch("s").to_numpy()[post]
        t = posted + 60 + (delay * DAY_S).astype(np.int64)
        keep = t <= LAST_SESSION_S
        platform = posts["platform"].to_numpy()[post]
        parts.append(
            {
                "t": t[keep],
                "channel": np.where(platform == "tiktok", _CT, _CI)[keep],
                "post": post[keep],
            }
        )

    # Organic channels: a share of all visits, spread over days by their seasonality.
    organic = {
        _ORG: ("organic_search", [s for _, s in _ENGINES]),
        _EMAIL: ("email", [s for _, s in _EMAIL_CAMPAIGNS]),
        _AFF: ("affiliate", [s for *_, s in _AFFILIATES]),
        _OSOC: ("organic_social", [s for *_, s in _SOCIAL_REFERRERS]),
        _REF: ("referral", [1.0] * len(_REFERRAL_SITES)),
        _DIR: ("direct", None),
    }
    for channel, (name, sub_shares) in organic.items():
        total = round(SESSION_SHARE[name] * n_total)
        weight = _day_weights(channel)
        day = np.repeat(np.arange(DAYS), rng.multinomial(total, weight / weight.sum()))
        part = {"t": _times_on_days(rng, day), "channel": np.full(len(day), channel)}
        if sub_shares is not None:
            part["sub"] = _choice(rng, sub_shares, len(day))
        parts.append(part)

    n = sum(len(p["t"]) for p in parts)

    def column(name: str, default: int) -> np.ndarray:
        return np.concatenate([p.get(name, np.full(len(p["t"]), default)) for p in parts]).astype(
            np.int64
        )

    t = column("t", 0)
    channel = column("channel", -1)
    campaign = column("campaign", -1)
    post = column("post", -1)
    sub = column("sub", -1)
    new_share = np.array([NEW_VISITOR_SHARE[c] for c in CHANNELS])[channel]
    new = rng.random(n) < new_share

    # Landing product: the creator's post product; a campaign's brand; or the day's demand.
    day = (t - START_S) // DAY_S
    product = np.full(n, -1, dtype=np.int64)
    is_creator = post >= 0
    product[is_creator] = posts["product_row"].to_numpy()[post[is_creator]]
    lands = rng.random(n) < np.array([_PRODUCT_LANDING[c] for c in CHANNELS])[channel]
    paid = lands & (campaign >= 0)
    product[paid] = _products_by_demand(rng, cat, day[paid], brand=camps.brand[campaign[paid]])
    other = lands & ~is_creator & (campaign < 0)
    product[other] = _products_by_demand(rng, cat, day[other])
    return _Sessions(t, channel, new, campaign, post, product, sub)


# --------------------------------------------------------------------------------------------
# Journeys: returning visits attached to visitors seen in the last four weeks
# --------------------------------------------------------------------------------------------


@dataclass
class _Journeys:
    """Visitors' journeys: sessions (sorted by journey and time) and per-journey positions."""

    s: _Sessions
    start: np.ndarray  # first session row of each journey
    end: np.ndarray  # last session row of each journey
    n: int


def _journeys(rng: np.random.Generator, sessions: _Sessions) -> _Journeys:
    """Attach each returning visit to a visitor first seen 30 min - 28 days before.

    Visitors are picked in proportion to a gamma return propensity (a few visitors come back
    often, most never) decaying with the days since their first visit. A returning visit with
    no visitor to return to starts a journey.
    Visits of one visitor are kept at least 30 minutes apart (GA4's session timeout).
    """
    order = np.argsort(sessions.t, kind="stable")
    s = sessions.take(order)
    starts = np.flatnonzero(s.new)
    start_t = s.t[starts]
    # Weight of visitor j for a visit at t: propensity_j x exp(-(t - start_j) / tau). The factor
    # exp(-t / tau) is common to all candidates, so cumulative propensity_j x exp(start_j / tau)
    # picks among the visitors of the last four weeks by inverse transform.
    recency = np.exp((start_t - START_S) / (_RETURN_DECAY_DAYS * DAY_S))
    cum = np.cumsum(rng.gamma(_RETURN_SHAPE, 1.0, len(starts)) * recency)
    ret = np.flatnonzero(~s.new)
    lo = np.searchsorted(start_t, s.t[ret] - JOURNEY_DAYS * DAY_S, side="left")
    hi = np.searchsorted(start_t, s.t[ret] - _SESSION_GAP_S, side="right")
    ok = hi > lo
    below = np.where(lo > 0, cum[np.maximum(lo - 1, 0)], 0.0) if len(cum) else np.zeros(len(ret))
    above = cum[np.maximum(hi - 1, 0)] if len(cum) else np.zeros(len(ret))
    target = below + rng.random(len(ret)) * (above - below)
    pick = np.searchsorted(cum, target, side="right") if len(cum) else np.zeros(len(ret), int)
    pick = np.clip(pick, lo, np.maximum(hi - 1, lo))

    is_start = s.new.copy()
    is_start[ret[~ok]] = True
    journey = np.cumsum(is_start) - 1
    journey[ret[ok]] = journey[starts[np.minimum(pick[ok], len(starts) - 1)]]

    order = np.lexsort((s.t, journey))
    s = s.take(order)
    journey = journey[order]
    # Keep a visitor's visits >= 30 min apart: t'_k = cummax(t_k - gap*k) + gap*k per journey.
    first = _group_starts(journey)
    rank = np.arange(len(journey)) - np.repeat(first, np.diff(np.r_[first, len(journey)]))
    shifted = s.t - _SESSION_GAP_S * rank + journey.astype(np.int64) * (1 << 32)
    s.t = np.maximum.accumulate(shifted) - journey.astype(np.int64) * (1 << 32)
    s.t = s.t + _SESSION_GAP_S * rank
    keep = s.t <= LAST_SESSION_S
    s = s.take(np.flatnonzero(keep))
    journey = journey[keep]
    first = _group_starts(journey)
    # Renumber journeys 0..n-1 (none is lost: a journey's first visit never moves).
    s.journey = np.repeat(np.arange(len(first)), np.diff(np.r_[first, len(journey)]))
    end = np.r_[first[1:], len(journey)] - 1
    return _Journeys(s, first, end, len(first))


@dataclass
class _Visitors:
    """Per-journey visitor attributes: tracking, device and place."""

    tracked: np.ndarray
    device: np.ndarray  # index into _DEVICES
    os: np.ndarray  # operating system name
    country: np.ndarray  # index into _COUNTRIES
    place: np.ndarray  # index into _PLACES


def _places_in(rng: np.random.Generator, country: np.ndarray) -> np.ndarray:
    """A place (row of :data:`_PLACES`) in each given country."""
    place = np.zeros(len(country), dtype=np.int64)
    codes = [c[0] for c in _COUNTRIES]
    for i, code in enumerate(codes):
        rows = np.flatnonzero(country == i)
        local = [k for k, p in enumerate(_PLACES) if p[0] == code]
        weights = [_PLACES[k][5] for k in local]
        place[rows] = np.array(local)[_choice(rng, weights, len(rows))]
    return place


def _visitors(rng: np.random.Generator, j: _Journeys) -> _Visitors:
    """Draw tracking, device and place of each journey's visitor."""
    n = j.n
    first_channel = j.s.channel[j.start]
    social = np.isin(first_channel, [_CT, _CI, _PSOC, _OSOC])
    device = _choice(rng, [d[1] for d in _DEVICES], n)
    device = np.where(social & (rng.random(n) < _SOCIAL_MOBILE_SHARE), 0, device)
    os = np.empty(n, dtype=object)
    for i, (_, _, systems) in enumerate(_DEVICES):
        rows = np.flatnonzero(device == i)
        os[rows] = np.array([name for name, _ in systems])[
            _choice(rng, [share for _, share in systems], len(rows))
        ]
    country = _choice(rng, [c[1] for c in _COUNTRIES], n)
    return _Visitors(
        tracked=rng.random(n) >= UNTRACKED_SHARE,
        device=device,
        os=os.astype(str),
        country=country,
        place=_places_in(rng, country),
    )


# --------------------------------------------------------------------------------------------
# Experiments (assigned before the conversion draw)
# --------------------------------------------------------------------------------------------


@dataclass
class _Assignments:
    """Experiment assignments per journey and the effects they carry into the conversion."""

    frame: pl.DataFrame  # journey, experiment_id, variant, assigned_s, platform, logged
    conversion_factor: np.ndarray  # per journey
    regret_shift: np.ndarray  # per journey, added to the regret logit
    mask: np.ndarray  # per journey: bit e set when in experiment e


def _assign_experiments(
    rng: np.random.Generator, j: _Journeys, visitors: _Visitors, scale: float
) -> _Assignments:
    """Assign tracked visitors seen in each experiment's window, at their first visit in it."""
    conversion = np.ones(j.n)
    regret = np.zeros(j.n)
    mask = np.zeros(j.n, dtype=np.int64)
    total = scaled("experiment_assignments", scale)
    scale_1_total = sum(e.assignments_scale_1 for e in EXPERIMENTS)
    frames = []
    for e, exp in enumerate(EXPERIMENTS):
        lo, hi = START_S + exp.start_day * DAY_S, START_S + exp.end_day * DAY_S
        in_window = (j.s.t >= lo) & (j.s.t < hi) & visitors.tracked[j.s.journey]
        rows = np.flatnonzero(in_window)
        journeys, first = np.unique(j.s.journey[rows], return_index=True)
        target = max(1, round(total * exp.assignments_scale_1 / scale_1_total))
        chosen = rng.random(len(journeys)) < min(1.0, target / max(len(journeys), 1))
        journeys, session = journeys[chosen], rows[first[chosen]]
        treated = rng.random(len(journeys)) < 0.5
        conversion[journeys[treated]] *= 1.0 + exp.conversion_effect
        regret[journeys[treated]] += exp.regret_logit_effect
        mask[journeys] |= 1 << e
        app = (visitors.device[journeys] == 0) & (rng.random(len(journeys)) < _APP_SHARE_OF_MOBILE)
        lost = treated & app & (rng.random(len(journeys)) < exp.treatment_log_loss)
        frames.append(
            pl.DataFrame(
                {
                    "journey": journeys,
                    "experiment_id": np.full(len(journeys), exp.experiment_id),
                    "variant": np.where(treated, "treatment", "control"),
                    "assigned_s": j.s.t[session] + 1,
                    "platform": np.where(app, "app", "web"),
                    "logged": ~lost,
                },
                schema={
                    "journey": pl.Int64,
                    "experiment_id": pl.String,
                    "variant": pl.String,
                    "assigned_s": pl.Int64,
                    "platform": pl.String,
                    "logged": pl.Boolean,
                },
            )
        )
    return _Assignments(pl.concat(frames), conversion, regret, mask)


# --------------------------------------------------------------------------------------------
# Conversion: a hazard per touch, calibrated to the order count
# --------------------------------------------------------------------------------------------


@dataclass
class _Conversion:
    """The conversion draw: calibrated hazards and which journeys converted."""

    touch_hazard: np.ndarray  # per session, after calibration
    factor: float  # calibration factor applied to every hazard
    probability: np.ndarray  # per journey
    converted: np.ndarray  # per journey


def _touch_hazards(j: _Journeys, cat: _Catalog) -> np.ndarray:
    """Uncalibrated hazard of each session: its channel's, creator touches x intent / mean."""
    hazard = np.array([CHANNEL_HAZARD[c] for c in CHANNELS])[j.s.channel]
    creator = j.s.post >= 0
    if creator.any():
        rows = cat.posts["creator_row"].to_numpy()[j.s.post[creator]]
        hazard[creator] *= cat.intent[rows] / cat.intent.mean()
    return hazard


def _convert(
    rng: np.random.Generator,
    j: _Journeys,
    cat: _Catalog,
    assignments: _Assignments,
    target_orders: int,
) -> _Conversion:
    """``P = 1 - (1 - k h0) prod(1 - k h_c)`` x experiment effects; ``k`` fits the order count."""
    base = _touch_hazards(j, cat)

    def probability(k: float) -> np.ndarray:
        log_survival = np.bincount(
            j.s.journey, weights=np.log1p(-np.minimum(k * base, _MAX_CONVERSION)), minlength=j.n
        )
        p = 1.0 - (1.0 - min(k * BASELINE_HAZARD, _MAX_CONVERSION)) * np.exp(log_survival)
        return np.minimum(p * assignments.conversion_factor, _MAX_CONVERSION)

    low, high = 0.01, 50.0
    for _ in range(_CALIBRATION_STEPS):
        mid = np.sqrt(low * high)
        if probability(mid).sum() < target_orders:
            low = mid
        else:
            high = mid
    k = float(np.sqrt(low * high))
    p = probability(k)
    return _Conversion(
        touch_hazard=np.minimum(k * base, _MAX_CONVERSION),
        factor=k,
        probability=p,
        converted=rng.random(j.n) < p,
    )


# --------------------------------------------------------------------------------------------
# Orders and customers
# --------------------------------------------------------------------------------------------


@dataclass
class _Orders:
    """Orders in time order, with their journey, customer, money and funnel timing."""

    journey: np.ndarray
    session: np.ndarray  # converting (last) session row
    funnel_us: np.ndarray  # orders x 5: page_view, view_item, cart, checkout, purchase offsets
    start_us: np.ndarray  # converting session start (µs)
    t: np.ndarray  # purchase (epoch seconds)
    order_id: np.ndarray
    customer: np.ndarray  # customer row
    is_first: np.ndarray
    creator_row: np.ndarray  # most recent creator touch's creator (-1)
    creator_driven: np.ndarray
    cancelled: np.ndarray
    root: np.ndarray  # per journey: the journey whose user_pseudo_id it uses


@dataclass
class _Customers:
    """Customers (buyers first, in order of their first order, then sign-ups without orders)."""

    customer_id: np.ndarray
    created_s: np.ndarray
    updated_s: np.ndarray
    country: np.ndarray
    place: np.ndarray
    currency: np.ndarray
    n_orders: np.ndarray


def _funnel_offsets(rng: np.random.Generator, n: int) -> np.ndarray:
    """Cumulative µs offsets of page_view, view_item, add_to_cart, begin_checkout, purchase."""
    steps = np.column_stack([rng.uniform(lo, hi, n) for lo, hi in _STEP_SECONDS.values()]).reshape(
        n, len(_STEP_SECONDS)
    )
    return np.cumsum(np.round(steps * 1_000_000).astype(np.int64), axis=1)


def _orders(
    rng: np.random.Generator,
    j: _Journeys,
    visitors: _Visitors,
    assignments: _Assignments,
    conversion: _Conversion,
    cat: _Catalog,
    scale: float,
) -> tuple[_Orders, _Customers]:
    """Orders of converting journeys; first orders make customers, the rest are repeats."""
    oj = np.flatnonzero(conversion.converted)
    session = j.end[oj]
    start_us = j.s.t[session] * 1_000_000 + rng.integers(0, 1_000_000, len(oj))
    funnel = _funnel_offsets(rng, len(oj))
    purchase_us = start_us + funnel[:, -1]
    order = np.argsort(purchase_us, kind="stable")
    oj, session, start_us, funnel = oj[order], session[order], start_us[order], funnel[order]
    t = (start_us + funnel[:, -1]) // 1_000_000
    n_orders = len(oj)
    first_touch = j.s.t[j.start[oj]]

    # Which orders are repeats, and of whom.
    n_customers = scaled("customers", scale)
    repeats = n_orders - min(n_orders, round(n_customers * _BUYER_SHARE))
    email = np.bincount(j.s.journey, weights=j.s.channel == _EMAIL, minlength=j.n)[oj] > 0
    elapsed = (first_touch - START_S) / (DAYS * DAY_S)
    weight = np.where(email, _EMAIL_REPEAT_WEIGHT, 1.0) * (np.clip(elapsed, 0, 1) + 0.05)
    is_repeat = np.zeros(n_orders, dtype=bool)
    if repeats > 0:
        is_repeat[rng.choice(n_orders, size=repeats, replace=False, p=weight / weight.sum())] = True
    candidates = np.flatnonzero(is_repeat)
    first_idx = np.flatnonzero(~is_repeat)
    eligible = np.searchsorted(t[first_idx], first_touch[candidates], side="left")
    orphan = eligible == 0  # nobody bought before this journey began: a first order after all
    is_repeat[candidates[orphan]] = False
    candidates, eligible = candidates[~orphan], eligible[~orphan]
    pick = first_idx[(rng.random(len(candidates)) * eligible).astype(np.int64)]
    is_first = ~is_repeat
    customer = np.full(n_orders, -1, dtype=np.int64)
    customer[is_first] = np.arange(int(is_first.sum()))
    customer[candidates] = customer[pick]

    # A customer's place is their first order's; repeat journeys ship there too.
    n_buyers = int(is_first.sum())
    buyer_journey = oj[is_first]
    visitors.country[oj] = visitors.country[buyer_journey][customer]
    visitors.place[oj] = visitors.place[buyer_journey][customer]

    # A customer's second order may come from the first order's device (same user_pseudo_id),
    # when its journey began after the first order and the two share no experiment.
    by_customer = np.lexsort((t, customer))
    rank = np.zeros(n_orders, dtype=np.int64)
    cust_sorted = customer[by_customer]
    group_first = _group_starts(cust_sorted)
    sizes = np.diff(np.r_[group_first, n_orders])
    rank[by_customer] = np.arange(n_orders) - np.repeat(group_first, sizes)
    previous = np.full(n_orders, -1, dtype=np.int64)
    previous[by_customer[1:]] = np.where(rank[by_customer[1:]] > 0, by_customer[:-1], -1)
    second = np.flatnonzero(rank == 1)
    prev = previous[second]
    same_device = (
        (rng.random(len(second)) < _SAME_DEVICE_SHARE)
        & (first_touch[second] > t[prev])
        & (visitors.tracked[oj[second]] == visitors.tracked[oj[prev]])
        & ((assignments.mask[oj[second]] & assignments.mask[oj[prev]]) == 0)
    )
    root = np.arange(j.n)
    root[oj[second[same_device]]] = oj[prev[same_device]]

    # Creator touches of the journey: any (creator-driven) and the most recent one's creator.
    creator_session = np.full(j.n, -1, dtype=np.int64)
    rows = np.flatnonzero(j.s.post >= 0)
    np.maximum.at(creator_session, j.s.journey[rows], rows)
    last_creator = creator_session[oj]
    creator_row = np.where(
        last_creator >= 0,
        cat.posts["creator_row"].to_numpy()[j.s.post[np.maximum(last_creator, 0)]],
        -1,
    )

    orders = _Orders(
        journey=oj,
        session=session,
        funnel_us=funnel,
        start_us=start_us,
        t=t,
        order_id=unique_ids(rng, n_orders, 5_600_000_000_000, 5_900_000_000_000),
        customer=customer,
        is_first=is_first,
        creator_row=creator_row,
        creator_driven=last_creator >= 0,
        cancelled=rng.random(n_orders) < _CANCELLED_SHARE,
        root=root,
    )
    return orders, _customers(rng, orders, j, visitors, n_buyers, n_customers)


def _customers(
    rng: np.random.Generator,
    orders: _Orders,
    j: _Journeys,
    visitors: _Visitors,
    n_buyers: int,
    n_customers: int,
) -> _Customers:
    """Buyers (created at checkout or at an earlier sign-up) and sign-ups without orders."""
    first = np.flatnonzero(orders.is_first)
    signed_up_early = rng.random(n_buyers) < 0.25
    first_touch = j.s.t[j.start[orders.journey[first]]]
    at_checkout = orders.t[first] - rng.integers(30, 600, n_buyers)
    early = np.minimum(first_touch + rng.integers(60, 1200, n_buyers), orders.t[first] - 30)
    created = np.where(signed_up_early, early, at_checkout)
    n_orders = np.bincount(orders.customer, minlength=n_buyers)
    last_order = np.zeros(n_buyers, dtype=np.int64)
    np.maximum.at(last_order, orders.customer, orders.t)
    updated = np.minimum(last_order + rng.integers(1, 60, n_buyers), EXTRACT_S)
    country = visitors.country[orders.journey[first]]
    place = visitors.place[orders.journey[first]]

    n_extra = max(0, n_customers - n_buyers)
    extra_created = rng.integers(START_S - 365 * DAY_S, END_S, n_extra)
    extra_country = _choice(rng, [c[1] for c in _COUNTRIES], n_extra)
    created = np.concatenate([created, extra_created])
    country = np.concatenate([country, extra_country])
    local = rng.random(len(country)) < _LOCAL_CURRENCY_SHARE
    currency = np.where(local, np.array([c[3] for c in _COUNTRIES])[country], "USD")
    # Customer ids grow with creation time, like Shopify's.
    ids = np.empty(len(created), dtype=np.int64)
    ids[np.argsort(created, kind="stable")] = unique_ids(
        rng, len(created), 6_800_000_000_000, 7_000_000_000_000
    )
    return _Customers(
        customer_id=ids,
        created_s=created,
        updated_s=np.concatenate([updated, extra_created + rng.integers(0, 3600, n_extra)]),
        country=country,
        place=np.concatenate([place, _places_in(rng, extra_country)]),
        currency=currency.astype(str),
        n_orders=np.concatenate([n_orders, np.zeros(n_extra, dtype=np.int64)]),
    )


@dataclass
class _Lines:
    """Order lines (by order, then position) with prices, discount share and regret."""

    order: np.ndarray  # order row
    line_id: np.ndarray
    product: np.ndarray
    variant: np.ndarray
    quantity: np.ndarray
    unit_price: np.ndarray  # order currency
    price_usd: np.ndarray
    discount_pct: np.ndarray  # of the order's code, 0 if none


def _lines(
    rng: np.random.Generator, orders: _Orders, j: _Journeys, cat: _Catalog, rates: np.ndarray
) -> _Lines:
    """1-4 lines per order: the product the journey showed, then products by that day's demand."""
    n_orders = len(orders.t)
    n_lines = np.array(_LINES_PER_ORDER[0])[_choice(rng, _LINES_PER_ORDER[1], n_orders)]
    order = np.repeat(np.arange(n_orders), n_lines)
    position = np.arange(len(order)) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines)
    day = np.clip((orders.t - START_S) // DAY_S, 0, DAYS - 1)[order]

    creator_product = np.full(n_orders, -1, dtype=np.int64)
    creator_session = np.full(j.n, -1, dtype=np.int64)
    rows = np.flatnonzero(j.s.post >= 0)
    np.maximum.at(creator_session, j.s.journey[rows], rows)
    last_creator = creator_session[orders.journey]
    has_creator = last_creator >= 0
    creator_product[has_creator] = j.s.product[last_creator[has_creator]]
    shown = np.where(has_creator, creator_product, j.s.product[orders.session])

    product = _products_by_demand(rng, cat, day)
    use_shown = (
        (position == 0) & (shown[order] >= 0) & (rng.random(len(order)) < _SHOWN_PRODUCT_SHARE)
    )
    product = np.where(use_shown, shown[order], product)
    missing = product < 0
    product[missing] = rng.integers(0, len(cat.product_id), int(missing.sum()))
    variant = _pick_variant(rng, cat, product)
    # One line per variant and order (Shopify merges repeats into the quantity).
    keep = np.ones(len(order), dtype=bool)
    key = order * (len(cat.variants) + 1) + variant
    _, first = np.unique(key, return_index=True)
    keep[:] = False
    keep[first] = True
    order, product, variant = order[keep], product[keep], variant[keep]
    quantity = np.array(_UNITS_PER_LINE[0])[_choice(rng, _UNITS_PER_LINE[1], len(order))]

    base = cat.variants["variant_price"].to_numpy()[variant]
    rate = rates[order]
    local = np.where(rate == 1.0, base, np.maximum(np.round(base / rate) - 0.01, 0.99))
    return _Lines(
        order=order,
        line_id=unique_ids(rng, len(order), 14_100_000_000_000, 14_900_000_000_000),
        product=product,
        variant=variant,
        quantity=quantity.astype(np.int64),
        unit_price=np.round(local, 2),
        price_usd=np.round(local * rate, 2),
        discount_pct=np.zeros(len(order)),
    )


def _discount_codes(
    rng: np.random.Generator, orders: _Orders, cat: _Catalog
) -> tuple[np.ndarray, np.ndarray]:
    """The order's discount code (or ``""``) and its percent off (one code per order)."""
    n = len(orders.t)
    code = np.full(n, "", dtype=object)
    pct = np.zeros(n)
    day = (orders.t - START_S) // DAY_S
    welcome = orders.is_first & (rng.random(n) < _WELCOME_CODE[2])
    code[welcome], pct[welcome] = _WELCOME_CODE[0], _WELCOME_CODE[1]
    for name, percent, lo, hi, share in _SITE_CODES:
        uses = (day >= lo) & (day < hi) & (rng.random(n) < share)
        code[uses], pct[uses] = name, percent
    promo = (orders.creator_row >= 0) & (rng.random(n) < _PROMO_CODE_SHARE)
    codes = cat.creators["promo_code"].to_numpy()[orders.creator_row[promo]]
    code[promo] = codes
    pct[promo] = _promo_percent(pl.Series(codes.astype(str)))
    return code.astype(str), pct


def _promo_percent(codes: pl.Series) -> np.ndarray:
    """Percent off of creator codes ``<HANDLE><NN>``: the ``NN`` in 10/15/20/25 (world.py may have
    appended a digit to make a code unique)."""
    known = [str(p) for p in _PROMO_PERCENTS]
    last, before = codes.str.slice(-2), codes.str.slice(-3, 2)
    percent = (
        pl.when(last.is_in(known))
        .then(last)
        .when(before.is_in(known))
        .then(before)
        .otherwise(pl.lit(str(_PROMO_PERCENTS[1])))
    )
    return pl.select(percent.cast(pl.Float64)).to_series().to_numpy()


# --------------------------------------------------------------------------------------------
# Regret
# --------------------------------------------------------------------------------------------


@dataclass
class _Regret:
    """True regret of each line and what became of it."""

    probability: np.ndarray
    regretted: np.ndarray
    outcome: np.ndarray  # index into OUTCOMES
    outcome_s: np.ndarray  # epoch seconds, -1 when unknown
    impulse_hours: np.ndarray
    stage: np.ndarray  # index into TREND_STAGES
    intercept: float


def trend_stage(day: np.ndarray, stage_days: np.ndarray, has_fad: np.ndarray) -> np.ndarray:
    """Index into :data:`TREND_STAGES` of a purchase on ``day`` (``stage_days``: emerge, peak,
    decline, fade per row; rows without a fad are ``none``)."""
    passed = (np.asarray(day)[:, None] >= stage_days).sum(axis=1)  # 0 pre .. 4 faded
    return np.where(has_fad, passed + 1, 0)


def _regret(
    rng: np.random.Generator,
    lines: _Lines,
    orders: _Orders,
    j: _Journeys,
    cat: _Catalog,
    assignments: _Assignments,
) -> _Regret:
    """True regret logit on purchase-time drivers, the draw, and the outcome of each line."""
    o = lines.order
    purchase = orders.t[o]
    first_touch = j.s.t[j.start[orders.journey[o]]]
    impulse = (purchase - first_touch) / 3600.0
    day = np.clip((purchase - START_S) // DAY_S, 0, DAYS - 1)
    stage = trend_stage(day, cat.stage_days[lines.product], cat.has_fad[lines.product])
    category = cat.category[lines.product]
    creator = orders.creator_driven[o]
    c = REGRET_COEFFICIENTS
    logit = (
        c["log_price_usd_over_30"] * np.log(np.maximum(lines.price_usd, 0.5) / 30.0)
        + c["log1p_impulse_hours"] * np.log1p(impulse)
        + c["stage_peak"] * (stage == TREND_STAGES.index("peak"))
        + c["stage_declining"] * (stage == TREND_STAGES.index("declining"))
        + c["stage_faded"] * (stage == TREND_STAGES.index("faded"))
        + creator
        * (
            c["creator_driven"]
            + c["creator_driven_x_apparel"] * (category == "apparel")
            + c["creator_driven_x_gadgets"] * (category == "gadgets")
            + c["creator_driven_x_makeup"] * (category == "makeup")
        )
        + assignments.regret_shift[orders.journey[o]]
    )
    low, high = -10.0, 10.0
    for _ in range(60):
        mid = (low + high) / 2
        if len(logit) and (1 / (1 + np.exp(-(logit + mid)))).mean() < TARGET_REGRET_RATE:
            low = mid
        else:
            high = mid
    intercept = (low + high) / 2
    p = 1 / (1 + np.exp(-(logit + intercept)))
    regretted = rng.random(len(p)) < p

    n = len(p)
    content = np.tile(np.array(_CONTENT_OUTCOMES), (n, 1))
    holiday = day < _HOLIDAY_END_DAY
    content[holiday, OUTCOMES.index("gifted")] += _HOLIDAY_GIFT_LIFT
    content[holiday, OUTCOMES.index("kept")] -= _HOLIDAY_GIFT_LIFT
    mix = np.where(regretted[:, None], np.array(_REGRETTED_OUTCOMES)[None, :], content)
    cum = np.cumsum(mix, axis=1)
    outcome = np.minimum((rng.random(n)[:, None] > cum).sum(axis=1), len(OUTCOMES) - 1)
    returned = outcome == OUTCOMES.index("returned")
    resold = outcome == OUTCOMES.index("resold")
    refund_delay = rng.uniform(*_REFUND_DELAY_DAYS, n) * DAY_S
    resale_delay = (
        np.maximum(3.0, _RESALE_MEDIAN_DAYS * np.exp(rng.normal(0.0, _RESALE_SIGMA, n))) * DAY_S
    )
    outcome_s = np.where(
        returned,
        purchase + refund_delay.astype(np.int64),
        np.where(resold, purchase + resale_delay.astype(np.int64), -1),
    )
    return _Regret(p, regretted, outcome, outcome_s, impulse, stage, float(intercept))


# --------------------------------------------------------------------------------------------
# Traffic strings: UTM tags, referrers, landing pages
# --------------------------------------------------------------------------------------------

#: Referrer of paid social visits by ``utm_source``.
_PAID_SOCIAL_REFERRERS = {
    "tiktok": "https://www.tiktok.com/",
    "facebook": "https://m.facebook.com/",
    "instagram": "https://l.instagram.com/",
    "pinterest": "https://www.pinterest.com/",
}
#: Referrer of search visits by engine.
_ENGINE_REFERRERS = {
    "google": "https://www.google.com/",
    "bing": "https://www.bing.com/",
    "duckduckgo": "https://duckduckgo.com/",
}
#: Affiliate publishers per network (``utm_content`` = publisher id).
_PUBLISHERS_PER_NETWORK = 200


def _newsletter_labels() -> list[str]:
    """Per window day, the ``utm_campaign`` of the latest newsletter sent on or before it."""
    days = np.arange(DAYS)
    send = np.isin(weekday_of(days), _SEND_WEEKDAYS) | (
        (days >= _BFCM_DAYS[0]) & (days < _BFCM_DAYS[1])
    )
    latest = np.maximum.accumulate(np.where(send, days, 0))
    dates = np.datetime64(START.date().isoformat()) + latest.astype("timedelta64[D]")
    return [f"newsletter_{str(d).replace('-', '')}" for d in dates]


@dataclass
class _TrafficDraws:
    """Random parts of every session's tags, drawn once so that all views of a session agree."""

    creator_medium: np.ndarray  # index into the creator medium spellings
    publisher: np.ndarray  # affiliate publisher number
    gclid: np.ndarray  # 64 random bits of the Google click id


def _traffic_draws(rng: np.random.Generator, n: int) -> _TrafficDraws:
    """Draw the random parts of ``n`` sessions' tags."""
    shares = [
        1 - sum(share for _, share in _CREATOR_MEDIUM_VARIANTS),
        *[share for _, share in _CREATOR_MEDIUM_VARIANTS],
    ]
    return _TrafficDraws(
        creator_medium=_choice(rng, shares, n).astype(np.int8),
        publisher=rng.integers(0, _PUBLISHERS_PER_NETWORK, n).astype(np.int16),
        gclid=rng.integers(0, np.iinfo(np.int64).max, n, dtype=np.int64),
    )


def _base64_ids(values: np.ndarray) -> np.ndarray:
    """Non-negative 63-bit integers as 11-character base64url strings."""
    rest = np.asarray(values, dtype=np.int64).copy()
    digits = np.empty((len(rest), 11), dtype=np.int64)
    for position in range(10, -1, -1):
        digits[:, position] = rest & 63
        rest >>= 6
    chars = np.array(list(_BASE64URL), dtype="<U1")[digits]
    return np.ascontiguousarray(chars).view("<U11").ravel()


@dataclass
class _Vocab:
    """Every string a session's tags can take, so that tags are integer codes until the end."""

    source: list[str]  # utm_source and GA4 source values
    medium: list[str]
    referrer: list[str]
    campaign: pl.Series  # creator post campaigns | ad campaigns | newsletters | flows | programs
    content: pl.Series  # creator handles | affiliate publishers
    term: pl.Series  # product nouns | brand names
    path: pl.Series  # product pages | brand collections | home
    camp_source: np.ndarray  # source code per ad campaign
    camp_medium: np.ndarray  # medium code per ad campaign
    offsets: dict[str, int]  # where each block of the series vocabularies starts


_MEDIUMS = [
    "creator",
    *[name for name, _ in _CREATOR_MEDIUM_VARIANTS],
    "paid_social",
    "cpc",
    "email",
    "affiliate",
    "organic",
    "referral",
]


def _vocab(cat: _Catalog, camps: _Campaigns) -> _Vocab:
    """The tag vocabularies of this world and its ad campaigns."""
    camp = camps.frame
    sources = list(
        dict.fromkeys(
            [
                "tiktok",
                "instagram",
                *camp["utm_source"].to_list(),
                "klaviyo",
                *[a[0] for a in _AFFILIATES],
                *[e[0] for e in _ENGINES],
                *[r[0] for r in _SOCIAL_REFERRERS],
                *[r[0] for r in _REFERRAL_SITES],
            ]
        )
    )
    referrers = list(
        dict.fromkeys(
            [
                *_PAID_SOCIAL_REFERRERS.values(),
                *_ENGINE_REFERRERS.values(),
                *[r[1] for r in _SOCIAL_REFERRERS],
                *[r[1] for r in _REFERRAL_SITES],
                *[a[1] for a in _AFFILIATES],
            ]
        )
    )
    posts = cat.posts
    post_day = (posts["created_at"].dt.epoch("s").to_numpy() - START_S) // DAY_S
    # Creator links: utm_campaign = <brand slug of the post's product>_<season of the post>.
    post_campaign = pl.select(
        pl.concat_str(
            [
                _strings(cat.brand_slugs, cat.brand[posts["product_row"].to_numpy()]),
                pl.lit("_"),
                pl.Series(campaign_season(np.clip(post_day, 0, DAYS - 1))),
            ]
        )
    ).to_series()
    blocks = {
        "post": post_campaign,
        "ad": camp["utm_campaign"],
        "newsletter": pl.Series(_newsletter_labels()),
        "flow": pl.Series([name for name, _ in _EMAIL_CAMPAIGNS]),
        "program": pl.Series([f"{a[0]}_program" for a in _AFFILIATES]),
    }
    offsets: dict[str, int] = {}
    position = 0
    for name, block in blocks.items():
        offsets[name] = position
        position += len(block)
    offsets["publisher"] = cat.creators.height
    offsets["brand_term"] = cat.products.height
    offsets["collection"] = cat.products.height
    offsets["home"] = cat.products.height + len(cat.brands)
    source_code = {name: i for i, name in enumerate(sources)}
    medium_code = {name: i for i, name in enumerate(_MEDIUMS)}
    return _Vocab(
        source=sources,
        medium=_MEDIUMS,
        referrer=referrers,
        campaign=pl.concat([b.cast(pl.String) for b in blocks.values()]),
        content=pl.concat(
            [
                cat.creators["username"],
                pl.Series([f"pub{10_000 + k}" for k in range(_PUBLISHERS_PER_NETWORK)]),
            ]
        ),
        term=pl.concat(
            [
                cat.products["noun"],
                pl.Series(cat.brands).str.to_lowercase().str.replace_all("&", "and"),
            ]
        ),
        path=pl.concat(
            [
                "/products/" + cat.products["handle"],
                "/collections/" + pl.Series(cat.brand_slugs),
                pl.Series(["/"]),
            ]
        ),
        camp_source=np.array([source_code[x] for x in camp["utm_source"].to_list()], dtype=int),
        camp_medium=np.array([medium_code[x] for x in camp["utm_medium"].to_list()], dtype=int),
        offsets=offsets,
    )


def _traffic_codes(
    rows: np.ndarray,
    j: _Journeys,
    cat: _Catalog,
    camps: _Campaigns,
    draws: _TrafficDraws,
    vocab: _Vocab,
) -> dict[str, np.ndarray]:
    """Integer codes (-1: none) of the tags of the sessions at ``rows``, per tag."""
    ch = j.s.channel[rows]
    sub = j.s.sub[rows]
    post = j.s.post[rows]
    product = j.s.product[rows]
    campaign = j.s.campaign[rows]
    day = np.clip((j.s.t[rows] - START_S) // DAY_S, 0, DAYS - 1)
    off = vocab.offsets
    src = {name: i for i, name in enumerate(vocab.source)}
    med = {name: i for i, name in enumerate(vocab.medium)}
    ref = {name: i for i, name in enumerate(vocab.referrer)}
    creator = (ch == _CT) | (ch == _CI)
    paid = campaign >= 0
    camp = np.maximum(campaign, 0)

    def lookup(values: list[str], mapping: dict[str, int]) -> np.ndarray:
        return np.array([mapping[v] for v in values], dtype=np.int64)

    none = np.full(len(rows), -1, dtype=np.int64)
    utm_source = np.select(
        [creator, paid, ch == _EMAIL, ch == _AFF],
        [
            np.where(ch == _CT, src["tiktok"], src["instagram"]),
            vocab.camp_source[camp] if len(vocab.camp_source) else none,
            np.full(len(rows), src["klaviyo"]),
            lookup([a[0] for a in _AFFILIATES], src)[np.clip(sub, 0, len(_AFFILIATES) - 1)],
        ],
        -1,
    )
    ga_source = np.select(
        [utm_source >= 0, ch == _ORG, ch == _OSOC, ch == _REF],
        [
            utm_source,
            lookup([e[0] for e in _ENGINES], src)[np.clip(sub, 0, len(_ENGINES) - 1)],
            lookup([r[0] for r in _SOCIAL_REFERRERS], src)[
                np.clip(sub, 0, len(_SOCIAL_REFERRERS) - 1)
            ],
            lookup([r[0] for r in _REFERRAL_SITES], src)[np.clip(sub, 0, len(_REFERRAL_SITES) - 1)],
        ],
        -1,
    )
    utm_medium = np.select(
        [creator, paid, ch == _EMAIL, ch == _AFF],
        [
            draws.creator_medium[rows].astype(np.int64),
            vocab.camp_medium[camp] if len(vocab.camp_medium) else none,
            np.full(len(rows), med["email"]),
            np.full(len(rows), med["affiliate"]),
        ],
        -1,
    )
    ga_medium = np.select(
        [utm_medium >= 0, ch == _ORG, (ch == _OSOC) | (ch == _REF)],
        [utm_medium, np.full(len(rows), med["organic"]), np.full(len(rows), med["referral"])],
        -1,
    )
    newsletter = sub == 0
    utm_campaign = np.select(
        [creator, paid, (ch == _EMAIL) & newsletter, ch == _EMAIL, ch == _AFF],
        [
            off["post"] + post,
            off["ad"] + campaign,
            off["newsletter"] + day,
            off["flow"] + sub,
            off["program"] + sub,
        ],
        -1,
    )
    creator_row = none.copy()
    if cat.posts.height:
        creator_row = np.where(
            post >= 0, cat.posts["creator_row"].to_numpy()[np.maximum(post, 0)], -1
        )
    utm_content = np.select(
        [creator, ch == _AFF],
        [creator_row, off["publisher"] + draws.publisher[rows].astype(np.int64)],
        -1,
    )
    paid_brand = camps.brand[camp] if len(camps.brand) else none
    utm_term = np.where(
        ch == _PSEA, np.where(product >= 0, product, off["brand_term"] + paid_brand), -1
    )
    paid_social_ref = lookup(
        [_PAID_SOCIAL_REFERRERS[x] for x in ("tiktok", "facebook", "instagram", "pinterest")], ref
    )
    paid_source = np.array(vocab.source)[np.maximum(utm_source, 0)]
    social_index = np.select(
        [paid_source == "facebook", paid_source == "instagram", paid_source == "pinterest"],
        [1, 2, 3],
        0,
    )
    referrer = np.select(
        [ch == _CT, ch == _CI, ch == _PSOC, ch == _PSEA, ch == _ORG, ch == _AFF, ch == _OSOC,
         ch == _REF],
        [
            np.full(len(rows), ref[_PAID_SOCIAL_REFERRERS["tiktok"]]),
            np.full(len(rows), ref[_PAID_SOCIAL_REFERRERS["instagram"]]),
            paid_social_ref[social_index],
            np.full(len(rows), ref[_ENGINE_REFERRERS["google"]]),
            lookup(list(_ENGINE_REFERRERS.values()), ref)[np.clip(sub, 0, len(_ENGINES) - 1)],
            lookup([a[1] for a in _AFFILIATES], ref)[np.clip(sub, 0, len(_AFFILIATES) - 1)],
            lookup([r[1] for r in _SOCIAL_REFERRERS], ref)[
                np.clip(sub, 0, len(_SOCIAL_REFERRERS) - 1)
            ],
            lookup([r[1] for r in _REFERRAL_SITES], ref)[np.clip(sub, 0, len(_REFERRAL_SITES) - 1)],
        ],
        -1,
    )  # fmt: skip
    path = np.where(
        product >= 0,
        product,
        np.where(paid, off["collection"] + paid_brand, off["home"]),
    )
    return {
        "utm_source": utm_source,
        "utm_medium": utm_medium,
        "utm_campaign": utm_campaign,
        "utm_content": utm_content,
        "utm_term": utm_term,
        "referrer": referrer,
        "ga_source": ga_source,
        "ga_medium": ga_medium,
        "path": path,
    }


def _traffic(
    rows: np.ndarray,
    j: _Journeys,
    cat: _Catalog,
    camps: _Campaigns,
    draws: _TrafficDraws,
    vocab: _Vocab,
) -> pl.DataFrame:
    """For the sessions at ``rows``: UTM tags, GA4 source / medium, referrer and landing URL."""
    codes = _traffic_codes(rows, j, cat, camps, draws, vocab)
    search = np.flatnonzero(j.s.channel[rows] == _PSEA)
    gclid_row = np.full(len(rows), -1, dtype=np.int64)
    gclid_row[search] = np.arange(len(search))
    gclids = np.char.add("Cj0KCQ", _base64_ids(draws.gclid[rows[search]]))
    frame = pl.DataFrame(
        {
            "utm_source": _strings(vocab.source, codes["utm_source"]),
            "utm_medium": _strings(vocab.medium, codes["utm_medium"]),
            "utm_campaign": _strings(vocab.campaign, codes["utm_campaign"]),
            "utm_content": _strings(vocab.content, codes["utm_content"]),
            "utm_term": _strings(vocab.term, codes["utm_term"]),
            "gclid": _strings(gclids, gclid_row),
            "referrer": _strings(vocab.referrer, codes["referrer"]),
            "ga_source": _strings(vocab.source, codes["ga_source"]),
            "ga_medium": _strings(vocab.medium, codes["ga_medium"]),
            "path": _strings(vocab.path, codes["path"]),
        }
    )
    query = pl.concat_str(
        [
            pl.concat_str([pl.lit(f"utm_{name}="), pl.col(f"utm_{name}")])
            for name in ("source", "medium", "campaign", "content")
        ]
        + [
            pl.concat_str([pl.lit("utm_term="), pl.col("utm_term").str.replace_all(" ", "%20")]),
            pl.concat_str([pl.lit("gclid="), pl.col("gclid")]),
        ],
        separator="&",
        ignore_nulls=True,
    )
    return frame.select(
        pl.when(query == "")
        .then(pl.col("path"))
        .otherwise(pl.concat_str([pl.col("path"), pl.lit("?"), query]))
        .alias("landing_site"),
        pl.exclude("path"),
    )


# --------------------------------------------------------------------------------------------
# Shopify records
# --------------------------------------------------------------------------------------------


def _money(cents: np.ndarray) -> pl.Series:
    """Non-negative amounts in cents as Shopify decimal strings (``"24.00"``)."""
    c = pl.Series(np.asarray(cents, dtype=np.int64))
    return pl.select(
        pl.concat_str(
            [(c // 100).cast(pl.String), pl.lit("."), (c % 100).cast(pl.String).str.zfill(2)]
        )
    ).to_series()


def _cents(amount: np.ndarray) -> np.ndarray:
    """Amounts rounded to whole cents."""
    return np.round(np.asarray(amount, dtype=float) * 100).astype(np.int64)


def _shopify_products(rng: np.random.Generator, cat: _Catalog) -> pl.DataFrame:
    """Admin REST products with their variants."""
    p = cat.products
    created = p["created_at"].dt.epoch("s").to_numpy()
    lower = np.maximum(created, START_S - 30 * DAY_S)
    updated = lower + (rng.random(p.height) * (EXTRACT_S - lower)).astype(np.int64)
    v = cat.variants
    n = v.height
    price = v["variant_price"].to_numpy()
    compare = np.where(rng.random(n) < 0.2, round_price(price * rng.uniform(1.15, 1.5, n)), np.nan)
    inventory = rng.integers(0, 500, n)
    inventory = np.where(rng.random(n) < 0.02, -rng.integers(1, 6, n), inventory)
    variants = (
        pl.DataFrame(
            {
                "product_row": v["product_row"],
                "id": v["variant_id"],
                "product_id": pl.Series(cat.product_id[v["product_row"].to_numpy()]),
                "sku": v["sku"],
                "title": v["variant_title"],
                "price": _money(_cents(price)),
                "compare_at_price": pl.select(
                    pl.when(pl.Series(~np.isnan(compare))).then(
                        _money(_cents(np.nan_to_num(compare)))
                    )
                ).to_series(),
                "option1": v["variant_title"],
                "inventory_quantity": inventory.astype(np.int64),
            }
        )
        .group_by("product_row", maintain_order=True)
        .agg(pl.struct(pl.exclude("product_row")).alias("variants"))
        .sort("product_row")
    )
    tags = p.select(
        pl.concat_str(
            [pl.col("category"), pl.col("department"), pl.col("hashtag")],
            separator=", ",
            ignore_nulls=True,
        )
    ).to_series()
    return pl.DataFrame(
        {
            "id": p["product_id"],
            "title": p["title"],
            "handle": p["handle"],
            "vendor": p["brand"],
            "product_type": p["product_type"],
            "tags": tags,
            "status": np.full(p.height, "active"),
            "created_at": _shop_iso(created),
            "updated_at": _shop_iso(updated),
            "variants": variants["variants"],
        }
    )


def _phones(rng: np.random.Generator, country: np.ndarray) -> pl.Series:
    """Fictional phone numbers (555-01xx in North America, Ofcom / ACMA drama ranges), some null."""
    n = len(country)
    codes = np.array([c[0] for c in _COUNTRIES])[country]
    digits = rng.integers(0, 100, n).astype(str)
    digits = np.char.zfill(digits, 2)
    area = rng.integers(201, 990, n).astype(str)
    three = np.char.zfill(rng.integers(0, 1000, n).astype(str), 3)
    na = np.char.add(np.char.add(np.char.add("+1", area), "55501"), digits)
    phone = np.where(
        np.isin(codes, ["US", "CA"]),
        na,
        np.where(
            codes == "GB",
            np.char.add("+447700900", three),
            np.where(codes == "AU", np.char.add("+61491570", three), ""),
        ),
    )
    present = (rng.random(n) < 0.6) & (phone != "")
    return pl.select(pl.when(pl.Series(present)).then(pl.Series(phone))).to_series()


def _customer_frames(
    rng: np.random.Generator, customers: _Customers
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Shopify customer records and the ``customers_info`` frame for the aftermarket module."""
    n = len(customers.customer_id)
    first, last = text.customer_names(rng, n)
    first = np.asarray(first).astype(str)
    last = np.asarray(last).astype(str)
    ascii_first = pl.Series(first).str.normalize("NFKD").str.to_lowercase()
    ascii_last = pl.Series(last).str.normalize("NFKD").str.to_lowercase()
    clean = r"[^a-z]"
    style = rng.integers(0, 4, n)
    number = pl.Series(rng.integers(1, 100, n)).cast(pl.String)
    domains = ["example.com", "example.net", "example.org", "mail.example.com", "inbox.example.org"]
    names = pl.DataFrame(
        {
            "f": ascii_first.str.replace_all(clean, ""),
            "l": ascii_last.str.replace_all(clean, ""),
            "style": style,
            "number": number,
            "domain": _strings(domains, _choice(rng, [0.35, 0.25, 0.2, 0.12, 0.08], n)),
        }
    )
    f, lname = pl.col("f"), pl.col("l")
    local = (
        pl.when(pl.col("style") == 0)
        .then(pl.concat_str([f, pl.lit("."), lname]))
        .when(pl.col("style") == 1)
        .then(pl.concat_str([f, lname, pl.col("number")]))
        .when(pl.col("style") == 2)
        .then(pl.concat_str([f.str.slice(0, 1), lname]))
        .otherwise(pl.concat_str([f, pl.lit("_"), lname.str.slice(0, 1), pl.col("number")]))
    )
    emails = names.select(pl.concat_str([local, pl.lit("@"), pl.col("domain")]).alias("email"))[
        "email"
    ]
    emails = uniquify(emails.str.replace(r"^[._]+", "x"), sep="")
    # A few shoppers type their address capitalised; staging lower-cases before hashing.
    shout = rng.random(n) < 0.05
    emails = pl.select(
        pl.when(pl.Series(shout))
        .then(emails.str.slice(0, 1).str.to_uppercase() + emails.str.slice(1))
        .otherwise(emails)
    ).to_series()

    place = customers.place
    zip_prefix = np.array([p[4] for p in _PLACES])[place]
    codes = np.array([c[0] for c in _COUNTRIES])[customers.country]
    tail = np.where(
        codes == "US",
        np.char.zfill(rng.integers(0, 100, n).astype(str), 2),
        np.where(
            np.isin(codes, ["GB", "CA"]),
            np.char.add(" ", _random_chars(rng, n, 1, "123456789")),
            "",
        ),
    )
    tail = np.where(
        np.isin(codes, ["GB", "CA"]),
        np.char.add(tail, _random_chars(rng, n, 2, "ABDEFGHJLNPQRSTUWXYZ")),
        tail,
    )
    consent = _strings(
        ["subscribed", "not_subscribed", "unsubscribed"], _choice(rng, [0.55, 0.4, 0.05], n)
    )
    tags = np.where(
        customers.n_orders >= 4, "repeat, vip", np.where(customers.n_orders >= 2, "repeat", "")
    )
    records = pl.DataFrame(
        {
            "id": customers.customer_id,
            "email": emails,
            "first_name": first,
            "last_name": last,
            "phone": _phones(rng, customers.country),
            "created_at": _shop_iso(customers.created_s),
            "updated_at": _shop_iso(customers.updated_s),
            "state": np.where(rng.random(n) < 0.4, "enabled", "disabled"),
            "tags": tags,
            "consent": consent,
            "city": np.array([p[3] for p in _PLACES])[place],
            "province_code": pl.Series([p[1] for p in _PLACES], dtype=pl.String).gather(place),
            "country_code": codes,
            "zip": np.char.add(zip_prefix, tail),
        }
    ).select(
        "id",
        "email",
        "first_name",
        "last_name",
        "phone",
        "created_at",
        "updated_at",
        "state",
        "tags",
        pl.struct(pl.col("consent").alias("state")).alias("email_marketing_consent"),
        pl.struct("city", "province_code", "country_code", "zip").alias("default_address"),
    )
    ages = ["18-24", "25-34", "35-44", "45-54", "55+"]
    genders = ["female", "male", "nonbinary", "prefer_not"]
    info = pl.DataFrame(
        {
            "customer_id": customers.customer_id,
            "email": emails,
            "first_name": first,
            "last_name": last,
            "country_code": codes,
            # Social-commerce shoppers skew young and female (Pew Research social-media shopping
            # surveys; TikTok Shop audience reports).
            "age_band": _strings(ages, _choice(rng, [0.24, 0.34, 0.22, 0.12, 0.08], n)),
            "gender": _strings(genders, _choice(rng, [0.62, 0.33, 0.03, 0.02], n)),
        }
    )
    return records.sort("id"), info


@dataclass
class _Money:
    """Order money in cents of the order currency."""

    currency: np.ndarray
    rate: np.ndarray
    gross: np.ndarray
    discount: np.ndarray
    subtotal: np.ndarray
    shipping: np.ndarray
    tax: np.ndarray
    total: np.ndarray


def _order_money(orders: _Orders, lines: _Lines, customers: _Customers) -> _Money:
    """Subtotal after the code, shipping under the free-shipping threshold, tax by country."""
    n = len(orders.t)
    currency = customers.currency[orders.customer]
    rate = pl.Series(currency, dtype=pl.String).replace_strict(CURRENCIES, default=1.0).to_numpy()
    country = customers.country[orders.customer]
    tax_rate = np.array([c[4] for c in _COUNTRIES])[country]
    included = np.array([c[5] for c in _COUNTRIES])[country]
    line_total = _cents(lines.unit_price * lines.quantity)
    gross = np.bincount(lines.order, weights=line_total, minlength=n).astype(np.int64)
    pct = np.zeros(n)
    pct[lines.order] = lines.discount_pct
    discount = np.round(gross * pct / 100).astype(np.int64)
    subtotal = gross - discount
    fee = _cents(pl.Series(currency).replace_strict(_SHIPPING_FEE, default=0.0).to_numpy())
    shipping = np.where(subtotal / 100 * rate < _FREE_SHIPPING_USD, fee, 0)
    tax = np.where(
        included,
        np.round(subtotal * tax_rate / (1 + tax_rate)),
        np.round(subtotal * tax_rate),
    ).astype(np.int64)
    total = subtotal + shipping + np.where(included, 0, tax)
    return _Money(currency, rate, gross, discount, subtotal, shipping, tax, total)


def _shopify_orders(
    rng: np.random.Generator,
    orders: _Orders,
    lines: _Lines,
    regret: _Regret,
    customers: _Customers,
    money: _Money,
    code: np.ndarray,
    traffic: pl.DataFrame,
    cat: _Catalog,
    emails: pl.Series,
) -> tuple[pl.DataFrame, np.ndarray]:
    """Admin REST orders (nested lines, codes, refunds); also each line's refund time (-1).

    ``traffic`` holds the tags of each order's converting session (landing site, referrer).
    """
    n = len(orders.t)
    processed = orders.t + rng.integers(0, 6, n)
    cancelled_s = orders.t + rng.integers(1800, DAY_S, n)
    fulfilled_s = orders.t + rng.integers(DAY_S // 2, 3 * DAY_S, n)
    fulfilled = ~orders.cancelled & (fulfilled_s <= EXTRACT_S)

    refunded = (
        (regret.outcome == OUTCOMES.index("returned"))
        & (regret.outcome_s <= EXTRACT_S)
        & ~orders.cancelled[lines.order]
    )
    refund_rows = np.flatnonzero(refunded)
    last_refund = np.full(n, -1, dtype=np.int64)
    np.maximum.at(last_refund, lines.order[refund_rows], regret.outcome_s[refund_rows])
    n_refunded = np.bincount(lines.order[refund_rows], minlength=n)
    n_lines = np.bincount(lines.order, minlength=n)
    updated = np.maximum.reduce([processed, np.where(fulfilled, fulfilled_s, 0), last_refund])
    updated = np.where(orders.cancelled, cancelled_s, np.minimum(updated, EXTRACT_S))
    financial = np.where(
        orders.cancelled,
        "voided",
        np.where(
            n_refunded == 0,
            "paid",
            np.where(n_refunded == n_lines, "refunded", "partially_refunded"),
        ),
    )

    product_title = cat.products["title"]
    line_frame = pl.DataFrame(
        {
            "order_row": lines.order,
            "id": lines.line_id,
            "product_id": cat.product_id[lines.product],
            "variant_id": cat.variants["variant_id"].gather(lines.variant),
            "title": product_title.gather(lines.product),
            "sku": cat.variants["sku"].gather(lines.variant),
            "quantity": lines.quantity,
            "price": _money(_cents(lines.unit_price)),
        }
    )
    line_items = line_frame.group_by("order_row", maintain_order=True).agg(
        pl.struct(pl.exclude("order_row")).alias("line_items")
    )
    keep_share = 1 - lines.discount_pct[refund_rows] / 100
    refund_cents = np.round(
        _cents(lines.unit_price[refund_rows] * lines.quantity[refund_rows]) * keep_share
    ).astype(np.int64)
    regret_note = np.array(_REGRET_NOTES)[rng.integers(0, len(_REGRET_NOTES), len(refund_rows))]
    other_note = np.array(_OTHER_NOTES)[rng.integers(0, len(_OTHER_NOTES), len(refund_rows))]
    video = orders.creator_driven[lines.order[refund_rows]] & (
        rng.random(len(refund_rows)) < _CREATOR_REGRET_NOTE[1]
    )
    regret_note = np.where(video, _CREATOR_REGRET_NOTE[0], regret_note)
    refunds = (
        pl.DataFrame(
            {
                "order_row": lines.order[refund_rows],
                "at": regret.outcome_s[refund_rows],
                "id": unique_ids(rng, len(refund_rows), 980_000_000_000, 990_000_000_000),
                "created_at": _shop_iso(regret.outcome_s[refund_rows]),
                "note": np.where(regret.regretted[refund_rows], regret_note, other_note),
                "line_id": unique_ids(rng, len(refund_rows), 990_000_000_000, 999_000_000_000),
                "line_item_id": lines.line_id[refund_rows],
                "quantity": lines.quantity[refund_rows],
                "subtotal": _money(refund_cents),
            },
            schema_overrides={"note": pl.String},
        )
        .sort("order_row", "at")
        .select(
            "order_row",
            "id",
            "created_at",
            "note",
            pl.concat_list(
                pl.struct(pl.col("line_id").alias("id"), "line_item_id", "quantity", "subtotal")
            ).alias("refund_line_items"),
        )
        .group_by("order_row", maintain_order=True)
        .agg(pl.struct(pl.exclude("order_row")).alias("refunds"))
    )
    refund_type = refunds.schema["refunds"]
    converting = traffic
    place = customers.place[orders.customer]
    frame = pl.DataFrame(
        {
            "order_row": np.arange(n),
            "id": orders.order_id,
            "name": pl.Series(np.arange(n) + 1001).cast(pl.String).str.replace(r"^", "#"),
            "email": emails.gather(orders.customer),
            "customer_id": customers.customer_id[orders.customer],
            "created_at": _shop_iso(orders.t),
            "processed_at": _shop_iso(processed),
            "cancelled_s": np.where(orders.cancelled, cancelled_s, 0),
            "currency": money.currency,
            "total_price": _money(money.total),
            "subtotal_price": _money(money.subtotal),
            "total_discounts": _money(money.discount),
            "total_tax": _money(money.tax),
            "financial_status": financial,
            "fulfilled": fulfilled,
            "landing_site": converting["landing_site"],
            "referring_site": converting["referrer"],
            "code": code,
            "discount": _money(money.discount),
            "country_code": np.array([c[0] for c in _COUNTRIES])[
                customers.country[orders.customer]
            ],
            "province_code": pl.Series([p[1] for p in _PLACES], dtype=pl.String).gather(place),
            "updated_at": _shop_iso(updated),
        }
    )
    code_item = pl.struct(
        pl.col("code"), pl.col("discount").alias("amount"), pl.lit("percentage").alias("type")
    )
    code_type = pl.List(pl.Struct({"code": pl.String, "amount": pl.String, "type": pl.String}))
    frame = (
        frame.join(line_items, on="order_row", how="left", maintain_order="left")
        .join(refunds, on="order_row", how="left", maintain_order="left")
        .select(
            "id",
            "name",
            "email",
            pl.struct(pl.col("customer_id").alias("id")).alias("customer"),
            "created_at",
            "processed_at",
            pl.when(pl.col("cancelled_s") > 0)
            .then(
                pl.col("cancelled_s")
                .mul(1_000_000)
                .cast(pl.Datetime("us"))
                .dt.replace_time_zone("UTC")
                .dt.convert_time_zone(SHOP_TIMEZONE)
                .dt.strftime("%Y-%m-%dT%H:%M:%S%:z")
            )
            .alias("cancelled_at"),
            "currency",
            "total_price",
            "subtotal_price",
            "total_discounts",
            "total_tax",
            "financial_status",
            pl.when(pl.col("fulfilled")).then(pl.lit("fulfilled")).alias("fulfillment_status"),
            "landing_site",
            "referring_site",
            pl.lit("web").alias("source_name"),
            pl.when(pl.col("code") != "")
            .then(pl.concat_list(code_item))
            .otherwise(pl.lit([], dtype=code_type))
            .alias("discount_codes"),
            "line_items",
            pl.col("refunds").fill_null(pl.lit([], dtype=refund_type)),
            pl.struct("country_code", "province_code").alias("shipping_address"),
            "updated_at",
        )
    )
    refund_s = np.where(refunded, regret.outcome_s, -1)
    return frame, refund_s


# --------------------------------------------------------------------------------------------
# GA4 events
# --------------------------------------------------------------------------------------------

#: Salt of the GA4 ``user_id`` (a hash of the Shopify customer id).
_USER_ID_SALT = 20251101


#: Sessions turned into GA4 events at a time (bounds the memory of the nested intermediates).
_GA4_CHUNK_SESSIONS = 250_000


@dataclass
class _GA4Context:
    """What every chunk of GA4 sessions needs: the world, orders and per-journey ids."""

    j: _Journeys
    visitors: _Visitors
    orders: _Orders
    lines: _Lines
    cat: _Catalog
    camps: _Campaigns
    draws: _TrafficDraws
    vocab: _Vocab
    first_tags: dict[str, np.ndarray]  # per journey: codes of its first session's tags
    user_ids: pl.Series  # per journey
    journey_customer: np.ndarray  # per journey: customer row of a repeat order's journey, -1
    hashed: pl.Series  # GA4 user_id per customer row
    conv_of_session: np.ndarray  # per session: order row it converted into, -1
    first_line: np.ndarray  # per order: its first line row
    order_items: pl.DataFrame  # order_row, items
    revenue: np.ndarray  # per order, USD
    quantity: np.ndarray  # per order, units


def _ga4_events(
    rng: np.random.Generator,
    j: _Journeys,
    visitors: _Visitors,
    orders: _Orders,
    lines: _Lines,
    customers: _Customers,
    money: _Money,
    cat: _Catalog,
    camps: _Campaigns,
    draws: _TrafficDraws,
    vocab: _Vocab,
) -> tuple[FrameChunks, pl.Series]:
    """GA4 BigQuery-export events of tracked visitors; also each journey's ``user_pseudo_id``.

    Events are made in time-ordered chunks of sessions, one chunk at a time as the writer asks
    for them (GA4 is ~2.5M events per unit of scale, far more than every other entity together);
    ``ga_session_number`` counts a visitor's sessions over the whole window.
    """
    s = j.s
    # user_pseudo_id: "<random 31-bit client id>.<first visit, unix s>" of the journey's root.
    client = rng.integers(100_000_000, 2_147_483_647, j.n)
    root = orders.root
    user_ids = pl.select(
        pl.concat_str(
            [
                pl.Series(client[root]).cast(pl.String),
                pl.lit("."),
                pl.Series(s.t[j.start][root]).cast(pl.String),
            ]
        )
    ).to_series()

    rows = np.flatnonzero(visitors.tracked[s.journey])
    rows = rows[np.argsort(s.t[rows], kind="stable")]
    n = len(rows)
    user_root = root[s.journey[rows]]
    by_user = np.lexsort((s.t[rows], user_root))
    starts = _group_starts(user_root[by_user])
    number = np.empty(n, dtype=np.int64)
    number[by_user] = np.arange(n) - np.repeat(starts, np.diff(np.r_[starts, n])) + 1

    n_orders = len(orders.t)
    conv_of_session = np.full(len(s.t), -1, dtype=np.int64)
    conv_of_session[orders.session] = np.arange(n_orders)
    first_line = np.zeros(n_orders, dtype=np.int64)
    first_line[lines.order[::-1]] = np.arange(len(lines.order))[::-1]
    journey_customer = np.full(j.n, -1, dtype=np.int64)
    repeat = ~orders.is_first
    journey_customer[orders.journey[repeat]] = orders.customer[repeat]
    order_items = (
        pl.DataFrame(
            {
                "order_row": lines.order,
                "item_id": cat.variants["variant_id"].gather(lines.variant).cast(pl.String),
                "price": lines.price_usd,
                "quantity": lines.quantity,
            }
        )
        .group_by("order_row", maintain_order=True)
        .agg(pl.struct("item_id", "price", "quantity").alias("items"))
    )
    context = _GA4Context(
        j=j,
        visitors=visitors,
        orders=orders,
        lines=lines,
        cat=cat,
        camps=camps,
        draws=draws,
        vocab=vocab,
        first_tags=_traffic_codes(j.start, j, cat, camps, draws, vocab),
        user_ids=user_ids,
        journey_customer=journey_customer,
        hashed=_hex_ids(customers.customer_id, _USER_ID_SALT),
        conv_of_session=conv_of_session,
        first_line=first_line,
        order_items=order_items,
        revenue=np.round(money.total / 100 * money.rate, 2),
        quantity=np.bincount(lines.order, weights=lines.quantity, minlength=n_orders).astype(
            np.int64
        ),
    )
    start = copy.deepcopy(rng)

    def produce() -> Iterator[pl.DataFrame]:
        chunk_rng = copy.deepcopy(start)
        for lo in range(0, max(n, 1), _GA4_CHUNK_SESSIONS):
            sessions = _ga4_sessions(
                chunk_rng,
                context,
                rows[lo : lo + _GA4_CHUNK_SESSIONS],
                number[lo : lo + _GA4_CHUNK_SESSIONS],
            )
            yield _event_rows(sessions)

    return FrameChunks(produce), user_ids


def _ga4_sessions(
    rng: np.random.Generator, ctx: _GA4Context, rows: np.ndarray, number: np.ndarray
) -> pl.DataFrame:
    """One row per tracked session at ``rows``: ids, funnel, items, tags, device and place."""
    s, orders, lines, cat = ctx.j.s, ctx.orders, ctx.lines, ctx.cat
    n = len(rows)
    journey = s.journey[rows]
    user_root = orders.root[journey]
    t = s.t[rows]
    conv = ctx.conv_of_session[rows]
    converting = conv >= 0
    c = np.maximum(conv, 0)
    has_orders = len(orders.t) > 0
    start_us = np.where(
        converting,
        orders.start_us[c] if has_orders else 0,
        t * 1_000_000 + rng.integers(0, 1_000_000, n),
    )
    offsets = _funnel_offsets(rng, n)
    if has_orders:
        offsets = np.where(converting[:, None], orders.funnel_us[c], offsets)

    product = s.product[rows]
    view = converting | (
        rng.random(n) < np.where(product >= 0, _VIEW_ITEM_PRODUCT_LANDING, _VIEW_ITEM_OTHER_LANDING)
    )
    cart = converting | (view & (rng.random(n) < _ABANDONED_CART_SHARE))
    checkout = converting | (cart & (rng.random(n) < _ABANDONED_CHECKOUT_SHARE))
    viewed = product.copy()
    need = view & ~converting & (viewed < 0)
    day = np.clip((t - START_S) // DAY_S, 0, DAYS - 1)
    viewed[need] = _products_by_demand(rng, cat, day[need])
    viewed = np.where(viewed < 0, 0, viewed)
    variant = _pick_variant(rng, cat, viewed)
    if has_orders:
        line = ctx.first_line[c]
        variant = np.where(converting, lines.variant[line], variant)
        viewed = np.where(converting, lines.product[line], viewed)

    # GA4 user_id: signed-in visits of returning customers; every checkout of a buyer.
    customer = ctx.journey_customer[journey]
    signed_in = (customer >= 0) & (rng.random(n) < _SIGNED_IN_SHARE)
    session_user = _strings(ctx.hashed, np.where(signed_in, customer, -1))
    buyer = _strings(ctx.hashed, np.where(converting, orders.customer[c] if has_orders else 0, -1))

    tags = _traffic(rows, ctx.j, cat, ctx.camps, ctx.draws, ctx.vocab)
    first = pl.DataFrame(
        {
            "ga_source": _strings(ctx.vocab.source, ctx.first_tags["ga_source"][user_root]),
            "ga_medium": _strings(ctx.vocab.medium, ctx.first_tags["ga_medium"][user_root]),
            "utm_campaign": _strings(ctx.vocab.campaign, ctx.first_tags["utm_campaign"][user_root]),
        }
    )
    country = ctx.visitors.country[journey]
    place = ctx.visitors.place[journey]
    device = ctx.visitors.device[user_root]
    session = pl.DataFrame(
        {
            "user_pseudo_id": ctx.user_ids.gather(journey),
            "ga_session_id": t,
            "ga_session_number": number,
            "start_us": start_us,
            "page_view_us": start_us + offsets[:, 0],
            "view_us": start_us + offsets[:, 1],
            "cart_us": start_us + offsets[:, 2],
            "checkout_us": start_us + offsets[:, 3],
            "purchase_us": start_us + offsets[:, 4],
            "view": view,
            "cart": cart,
            "checkout": checkout,
            "converting": converting,
            "order_row": np.where(converting, conv, -1),
            "transaction_id": _strings(
                pl.Series(orders.order_id).cast(pl.String), np.where(converting, conv, -1)
            ),
            "purchase_revenue": ctx.revenue[c] if has_orders else np.zeros(n),
            "total_item_quantity": ctx.quantity[c] if has_orders else np.zeros(n, np.int64),
            "session_user": session_user,
            "buyer": buyer,
            "item_id": cat.variants["variant_id"].gather(variant).cast(pl.String),
            "item_price": cat.variants["variant_price"].gather(variant),
            "product_handle": cat.products["handle"].gather(viewed),
            "device_category": _strings([d[0] for d in _DEVICES], device),
            "operating_system": ctx.visitors.os[user_root],
            "geo_country": _strings([co[2] for co in _COUNTRIES], country),
            "geo_region": _strings([p[2] for p in _PLACES], place),
        }
    )
    session = pl.concat(
        [
            session,
            tags.select(
                pl.concat_str([pl.lit(SHOP_URL), pl.col("landing_site")]).alias("page_location"),
                pl.col("referrer").alias("page_referrer"),
                pl.col("ga_source").alias("source"),
                pl.col("ga_medium").alias("medium"),
                pl.col("utm_campaign").alias("campaign"),
                pl.col("utm_content").alias("content"),
                pl.col("utm_term").alias("term"),
                pl.col("utm_source").alias("manual_source"),
                pl.col("utm_medium").alias("manual_medium"),
                pl.col("utm_campaign").alias("manual_campaign_name"),
                pl.col("utm_content").alias("manual_content"),
                pl.col("utm_term").alias("manual_term"),
                "gclid",
            ),
            first.select(
                pl.col("ga_source").fill_null("(direct)").alias("ts_source"),
                pl.col("ga_medium").fill_null("(none)").alias("ts_medium"),
                pl.when(pl.col("utm_campaign").is_not_null())
                .then(pl.col("utm_campaign"))
                .when(pl.col("ga_medium") == "organic")
                .then(pl.lit("(organic)"))
                .when(pl.col("ga_medium") == "referral")
                .then(pl.lit("(referral)"))
                .otherwise(pl.lit("(direct)"))
                .alias("ts_name"),
            ),
        ],
        how="horizontal",
    )
    single = pl.concat_list(
        pl.struct(
            pl.col("item_id"),
            pl.col("item_price").alias("price"),
            pl.lit(1, pl.Int64).alias("quantity"),
        )
    )
    return session.join(
        ctx.order_items, on="order_row", how="left", maintain_order="left"
    ).with_columns(
        pl.when(pl.col("converting")).then(pl.col("items")).otherwise(single).alias("items")
    )


#: Traffic parameters carried by ``session_start`` only.
_START_PARAMS = ("source", "medium", "campaign", "content", "term")
_MANUAL_FIELDS = (
    "manual_source",
    "manual_medium",
    "manual_campaign_name",
    "manual_content",
    "manual_term",
    "gclid",
)


def _params(keys: tuple[str, ...], nullable: bool) -> pl.Expr:
    """GA4 ``event_params`` from columns named like the keys (``ga_session_*`` are integers).

    Built as a fixed-width array (polars' ``concat_list`` of struct columns is far slower) and,
    when some keys may be null, with the null ones dropped (GA4 exports only the set ones).
    """

    def param(key: str) -> pl.Expr:
        integer = key.startswith("ga_session")
        string = pl.lit(None, dtype=pl.String) if integer else pl.col(key)
        number = pl.col(key) if integer else pl.lit(None, dtype=pl.Int64)
        return pl.struct(
            pl.lit(key, dtype=_PARAM_KEY).alias("key"),
            pl.struct(string.alias("string_value"), number.alias("int_value")).alias("value"),
        )

    params = pl.concat_arr([param(key) for key in keys]).arr.to_list()
    if not nullable:
        return params
    value = pl.element().struct.field("value")
    return params.list.eval(
        pl.element().filter(
            value.struct.field("string_value").is_not_null()
            | value.struct.field("int_value").is_not_null()
        )
    )


def _event_rows(session: pl.DataFrame) -> pl.DataFrame:
    """Expand sessions into GA4 events in the BigQuery-export shape.

    Rows come grouped by event name, each group in the sessions' (time) order: BigQuery exports
    have no row order, and interleaving the nested rows by time would cost more than all the rest.
    """
    session = session.with_columns(
        pl.col("ga_session_id").cast(pl.Int64),
        pl.col("ga_session_number").cast(pl.Int64),
        pl.concat_str([pl.lit(SHOP_URL + "/products/"), pl.col("product_handle")]).alias(
            "product_page"
        ),
        pl.lit(SHOP_URL + "/checkout").alias("checkout_page"),
        pl.lit(SHOP_URL + "/checkout/thank-you").alias("thank_you_page"),
        pl.coalesce(pl.col("buyer"), pl.col("session_user")).alias("checkout_user"),
    )
    base = ("ga_session_id", "ga_session_number", "page_location")
    low = pl.Categorical()
    shared = [
        pl.struct(
            pl.col("ts_name").cast(low).alias("name"),
            pl.col("ts_medium").cast(low).alias("medium"),
            pl.col("ts_source").cast(low).alias("source"),
        ).alias("traffic_source"),
        pl.struct(
            pl.col("device_category").cast(low).alias("category"),
            pl.col("operating_system").cast(low),
        ).alias("device"),
        pl.struct(
            pl.col("geo_country").cast(low).alias("country"),
            pl.col("geo_region").cast(low).alias("region"),
        ).alias("geo"),
    ]
    cts_type = pl.Struct({name: pl.String for name in _MANUAL_FIELDS})
    ecommerce_type = pl.Struct(
        {
            "transaction_id": pl.String,
            "purchase_revenue": pl.Float64,
            "total_item_quantity": pl.Int64,
        }
    )

    def part(
        flag: str | None, name: str, stamp: str, page: str, user: str, kind: str
    ) -> pl.DataFrame:
        frame = session if flag is None else session.filter(flag)
        frame = frame.with_columns(pl.col(page).alias("page_location"))
        if kind == "start":
            params = _params((*base, "page_referrer", *_START_PARAMS), nullable=True)
        elif kind == "landing":
            params = _params((*base, "page_referrer"), nullable=True)
        else:
            params = _params(base, nullable=False)
        return frame.select(
            pl.col(stamp).alias("event_timestamp"),
            pl.lit(name, dtype=_EVENT_NAME).alias("event_name"),
            "user_pseudo_id",
            pl.col(user).alias("user_id"),
            params.alias("event_params"),
            (pl.struct(*_MANUAL_FIELDS) if kind == "start" else pl.lit(None, dtype=cts_type)).alias(
                "collected_traffic_source"
            ),
            *shared,
            (
                pl.struct("transaction_id", "purchase_revenue", "total_item_quantity")
                if kind == "purchase"
                else pl.lit(None, dtype=ecommerce_type)
            ).alias("ecommerce"),
            (
                pl.col("items")
                if kind in ("item", "purchase")
                else pl.lit([], dtype=pl.List(_EVENT_ITEM))
            ).alias("items"),
        )

    flat = pl.concat(
        [
            part(None, "session_start", "start_us", "page_location", "session_user", "start"),
            part(None, "page_view", "page_view_us", "page_location", "session_user", "landing"),
            part("view", "view_item", "view_us", "product_page", "session_user", "item"),
            part("cart", "add_to_cart", "cart_us", "product_page", "session_user", "item"),
            part(
                "checkout",
                "begin_checkout",
                "checkout_us",
                "checkout_page",
                "checkout_user",
                "item",
            ),
            part("converting", "purchase", "purchase_us", "thank_you_page", "buyer", "purchase"),
        ]
    )
    file_date = (
        pl.col("event_timestamp")
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("UTC")
        .dt.convert_time_zone(SHOP_TIMEZONE)
        .dt.date()
    )
    return flat.with_columns(file_date.alias("file_date")).select(
        pl.col("file_date").dt.strftime("%Y%m%d").cast(pl.Categorical()).alias("event_date"),
        "event_timestamp",
        "event_name",
        "user_pseudo_id",
        "user_id",
        "event_params",
        "collected_traffic_source",
        "traffic_source",
        "device",
        "geo",
        "ecommerce",
        "items",
        "file_date",
    )


# --------------------------------------------------------------------------------------------
# Ads and experiment records
# --------------------------------------------------------------------------------------------

#: Cost per thousand impressions used for days without clicks (WordStream-like social CPMs).
_FALLBACK_CPM_USD = 10.0


def _dates(days: np.ndarray) -> np.ndarray:
    """Window days as ``YYYY-MM-DD`` strings."""
    base = np.datetime64(START.date().isoformat())
    return (base + np.asarray(days).astype("timedelta64[D]")).astype(str)


def _ads_records(rng: np.random.Generator, camps: _Campaigns) -> pl.DataFrame:
    """Ads-manager daily export: spend in the account currency, impressions, clicks."""
    c, d = np.nonzero(camps.spend_usd > 0)
    f = camps.frame
    sessions = camps.sessions[c, d]
    land = f["landing_rate"].to_numpy()[c]
    ctr = f["ctr"].to_numpy()[c]
    clicks = sessions + rng.poisson(sessions * (1.0 / land - 1.0))
    noise = np.exp(rng.normal(0.0, 0.15, len(c)))
    spend_usd = camps.spend_usd[c, d]
    impressions = np.where(
        clicks > 0,
        np.round(clicks / ctr * noise),
        np.round(spend_usd * 1000 / _FALLBACK_CPM_USD * noise),
    )
    currency = f["currency"].to_numpy()[c]
    rate = np.array([CURRENCIES[x] for x in currency]) if len(c) else np.zeros(0)
    return pl.DataFrame(
        {
            "date": _dates(d),
            "platform": f["platform"].gather(c),
            "campaign_id": f["campaign_id"].gather(c),
            "campaign_name": f["campaign_name"].gather(c),
            "utm_source": f["utm_source"].gather(c),
            "utm_medium": f["utm_medium"].gather(c),
            "utm_campaign": f["utm_campaign"].gather(c),
            "currency": currency,
            "spend": np.round(np.maximum(spend_usd / rate, 0.01), 2),
            "impressions": np.maximum(impressions, clicks).astype(np.int64),
            "clicks": clicks.astype(np.int64),
        },
        schema_overrides={"date": pl.String, "currency": pl.String},
    ).sort("date", "campaign_id")


def _experiment_records(assignments: _Assignments, user_ids: pl.Series) -> pl.DataFrame:
    """Assignment log rows (lost app treatment rows of the SRM experiment are missing)."""
    logged = assignments.frame.filter("logged").sort("assigned_s", "experiment_id")
    return pl.DataFrame(
        {
            "experiment_id": logged["experiment_id"],
            "user_pseudo_id": user_ids.gather(logged["journey"]),
            "variant": logged["variant"],
            "assigned_at": iso_z(logged["assigned_s"].to_numpy()),
            "platform": logged["platform"],
        }
    )


# --------------------------------------------------------------------------------------------
# Truth
# --------------------------------------------------------------------------------------------


def _channel_truth(conversion: _Conversion, cat: _Catalog) -> dict[str, pl.DataFrame]:
    """True hazard per touch by channel and by creator (after calibration)."""
    k = conversion.factor
    notes = {
        "creator_tiktok": "at the mean audience intent; a creator's touch is this x "
        "audience_intent / mean intent (creator_effects)",
        "creator_instagram": "as creator_tiktok",
    }
    channel = pl.DataFrame(
        {
            "channel": [*CHANNELS, "baseline"],
            "true_hazard_per_touch": [k * CHANNEL_HAZARD[c] for c in CHANNELS]
            + [k * BASELINE_HAZARD],
            "notes": [
                notes.get(c, "P(convert) = 1 - (1 - baseline) x prod over touches (1 - hazard)")
                for c in CHANNELS
            ]
            + ["once per journey, whatever its touches"],
        }
    )
    creators = cat.creators
    factor = cat.intent / cat.intent.mean()
    rows = []
    for platform in ("tiktok", "instagram"):
        on = creators[f"on_{platform}"].to_numpy()
        rows.append(
            pl.DataFrame(
                {
                    "creator_id": creators["creator_id"].filter(on),
                    "username": creators["username"].filter(on),
                    "platform": np.full(int(on.sum()), platform),
                    "true_hazard_per_touch": k * CHANNEL_HAZARD[f"creator_{platform}"] * factor[on],
                },
                schema_overrides={"platform": pl.String},
            )
        )
    return {"channel_effects": channel, "creator_effects": pl.concat(rows)}


def _experiment_truth(
    lines: _Lines, orders: _Orders, regret: _Regret, assignments: _Assignments
) -> pl.DataFrame:
    """True effects: conversion lift, regret change, allocation and planted log loss."""
    rows: list[tuple[str, str, str, float]] = []
    frame = assignments.frame
    keep = ~orders.cancelled[lines.order]
    for exp in EXPERIMENTS:
        rows.append((exp.experiment_id, "control", "intended_allocation", 0.5))
        rows.append((exp.experiment_id, "treatment", "intended_allocation", 0.5))
        rows.append((exp.experiment_id, "control", "conversion_rate", 0.0))
        rows.append((exp.experiment_id, "treatment", "conversion_rate", exp.conversion_effect))
        if exp.regret_logit_effect:
            treated = frame.filter(
                (pl.col("experiment_id") == exp.experiment_id) & (pl.col("variant") == "treatment")
            )["journey"].to_numpy()
            in_arm = np.isin(orders.journey[lines.order], treated) & keep
            p = regret.probability[in_arm]
            logit = np.log(p / (1 - p)) - exp.regret_logit_effect
            untreated = 1 / (1 + np.exp(-logit))
            change = float(p.mean() / untreated.mean() - 1) if len(p) else 0.0
            rows.append((exp.experiment_id, "control", "regret_rate", 0.0))
            rows.append((exp.experiment_id, "treatment", "regret_rate", change))
        if exp.treatment_log_loss:
            rows.append(
                (exp.experiment_id, "treatment", "app_assignment_log_loss", exp.treatment_log_loss)
            )
    return pl.DataFrame(
        rows, schema=["experiment_id", "variant", "metric", "true_effect"], orient="row"
    )


def _journey_truth(
    j: _Journeys,
    visitors: _Visitors,
    orders: _Orders,
    conversion: _Conversion,
    customers: _Customers,
    user_ids: pl.Series,
) -> pl.DataFrame:
    """Per order: its journey (tracked or not), touches, first touch and channel path."""
    rows = np.flatnonzero(conversion.converted[j.s.journey])
    order_of_journey = np.full(j.n, -1, dtype=np.int64)
    order_of_journey[orders.journey] = np.arange(len(orders.t))
    paths = (
        pl.DataFrame(
            {
                "order_row": order_of_journey[j.s.journey[rows]],
                "channel": _strings(list(CHANNELS), j.s.channel[rows]),
            }
        )
        .group_by("order_row", maintain_order=True)
        .agg(
            pl.len().alias("touchpoints"),
            pl.col("channel").first().alias("first_touch_channel"),
            pl.col("channel").last().alias("last_touch_channel"),
            pl.col("channel").str.join(" > ").alias("channel_path"),
        )
    )
    first_touch = j.s.t[j.start[orders.journey]]
    frame = pl.DataFrame(
        {
            "order_row": np.arange(len(orders.t)),
            "order_id": orders.order_id,
            "customer_id": customers.customer_id[orders.customer],
            "is_repeat_customer": ~orders.is_first,
            "user_pseudo_id": user_ids.gather(orders.journey),
            "is_tracked": visitors.tracked[orders.journey],
            "first_touch_at": datetime_utc(first_touch),
            "ordered_at": datetime_utc(orders.t),
            "conversion_probability": conversion.probability[orders.journey],
        }
    )
    return frame.join(paths, on="order_row", how="left", maintain_order="left").drop("order_row")


def build_commerce(rng: np.random.Generator, world: World, scale: float) -> EntityFrames:
    """Commerce records and truth at ``scale`` (call after :func:`.social.build_social`).

    Records: ``shopify/products``, ``shopify/customers``, ``shopify/orders``, ``ga4/events``
    (with a ``file_date`` column the writer splits files by), ``ads/daily_spend``,
    ``experiments/assignments``, plus those of :func:`.aftermarket.build_aftermarket`.
    Truth: ``channel_effects``, ``creator_effects``, ``ad_response``, ``experiment_effects``,
    ``order_line_regret``, ``regret_coefficients``, ``order_journeys``.
    """
    (
        r_ads,
        r_sessions,
        r_journeys,
        r_visitors,
        r_experiments,
        r_conversion,
        r_orders,
        r_lines,
        r_codes,
        r_regret,
        r_traffic,
        r_products,
        r_customers,
        r_shop,
        r_ga4,
        r_records,
        r_aftermarket,
    ) = rng.spawn(17)
    cat = _catalog(world)
    n_total = round(scaled("sessions", scale) / (1 - UNTRACKED_SHARE))
    paid_targets = {
        _PSOC: SESSION_SHARE["paid_social"] * n_total,
        _PSEA: SESSION_SHARE["paid_search"] * n_total,
    }
    camps = _campaigns(r_ads, cat, scale, paid_targets)
    journeys = _journeys(r_journeys, _draw_sessions(r_sessions, cat, camps, n_total))
    visitors = _visitors(r_visitors, journeys)
    assignments = _assign_experiments(r_experiments, journeys, visitors, scale)
    conversion = _convert(r_conversion, journeys, cat, assignments, scaled("orders", scale))
    orders, customers = _orders(r_orders, journeys, visitors, assignments, conversion, cat, scale)
    order_currency = customers.currency[orders.customer]
    rates = (
        pl.Series(order_currency, dtype=pl.String)
        .replace_strict(CURRENCIES, default=1.0, return_dtype=pl.Float64)
        .to_numpy()
    )
    lines = _lines(r_lines, orders, journeys, cat, rates)
    code, pct = _discount_codes(r_codes, orders, cat)
    lines.discount_pct = pct[lines.order]
    regret = _regret(r_regret, lines, orders, journeys, cat, assignments)
    draws = _traffic_draws(r_traffic, len(journeys.s.t))
    vocab = _vocab(cat, camps)
    money = _order_money(orders, lines, customers)
    customer_records, customers_info = _customer_frames(r_customers, customers)
    order_records, _ = _shopify_orders(
        r_shop,
        orders,
        lines,
        regret,
        customers,
        money,
        code,
        _traffic(orders.session, journeys, cat, camps, draws, vocab),
        cat,
        customers_info["email"],
    )
    events, user_ids = _ga4_events(
        r_ga4, journeys, visitors, orders, lines, customers, money, cat, camps, draws, vocab
    )

    # Order lines (not cancelled): the interface to the aftermarket module and the regret truth.
    keep = ~orders.cancelled[lines.order]
    o = lines.order[keep]
    product = lines.product[keep]
    creator_row = orders.creator_row[o]
    creator_id = pl.select(
        pl.when(pl.Series(creator_row >= 0)).then(
            pl.Series(cat.creators["creator_id"].to_numpy()[np.maximum(creator_row, 0)])
        )
    ).to_series()
    outcome_s = regret.outcome_s[keep]
    last_channel = _strings(list(CHANNELS), journeys.s.channel[orders.session[o]])
    order_lines = pl.DataFrame(
        {
            "line_item_id": lines.line_id[keep],
            "order_id": orders.order_id[o],
            "customer_id": customers.customer_id[orders.customer[o]],
            "product_id": cat.product_id[product],
            "variant_id": cat.variants["variant_id"].gather(lines.variant[keep]),
            "sku": cat.variants["sku"].gather(lines.variant[keep]),
            "title": cat.products["title"].gather(product),
            "quantity": lines.quantity[keep],
            "unit_price": lines.unit_price[keep],
            "price_usd": lines.price_usd[keep],
            "currency": order_currency[o],
            "ordered_at": datetime_utc(orders.t[o]),
            "category": cat.category[product],
            "brand": cat.products["brand"].gather(product),
            "noun": cat.products["noun"].gather(product),
            "channel": last_channel,
            "is_creator_driven": orders.creator_driven[o],
            "creator_id": creator_id.cast(pl.Int64),
            "regret_probability": regret.probability[keep],
            "regretted": regret.regretted[keep],
            "outcome": _strings(list(OUTCOMES), regret.outcome[keep]),
            "outcome_at": pl.select(
                pl.when(pl.Series(outcome_s >= 0)).then(datetime_utc(np.maximum(outcome_s, 0)))
            ).to_series(),
        },
        schema_overrides={"currency": pl.String, "category": pl.String},
    )
    regret_truth = order_lines.select(
        "line_item_id",
        "order_id",
        "regret_probability",
        "regretted",
        "outcome",
        "outcome_at",
        "price_usd",
        pl.Series("impulse_hours", regret.impulse_hours[keep]),
        pl.Series("trend_stage_at_purchase", _strings(list(TREND_STAGES), regret.stage[keep])),
        "is_creator_driven",
        "category",
        "creator_id",
        "channel",
        pl.Series("regret_badge_treated", assignments.regret_shift[orders.journey[o]] != 0),
    )
    coefficients = pl.DataFrame(
        {
            "driver": ["intercept", *REGRET_COEFFICIENTS],
            "coefficient": [regret.intercept, *REGRET_COEFFICIENTS.values()],
        }
    )
    ad_response = camps.frame.select(
        "campaign_id",
        "platform",
        "channel",
        "utm_campaign",
        "currency",
        "start_day",
        "end_day",
        pl.Series("exponent", camps.exponent),
        pl.Series("scale", camps.scale),
        pl.lit(
            "expected sessions per day = scale x spend_usd ^ exponent (all visits; GA4 sees "
            f"{1 - UNTRACKED_SHARE:.0%} of them, the rest are untracked)"
        ).alias("notes"),
    )
    frames = EntityFrames(
        records={
            "shopify/products": _shopify_products(r_products, cat),
            "shopify/customers": customer_records,
            "shopify/orders": order_records,
            "ads/daily_spend": _ads_records(r_records, camps),
            "experiments/assignments": _experiment_records(assignments, user_ids),
        },
        chunked={"ga4/events": events},
        truth={
            **_channel_truth(conversion, cat),
            "ad_response": ad_response,
            "experiment_effects": _experiment_truth(lines, orders, regret, assignments),
            "order_line_regret": regret_truth,
            "regret_coefficients": coefficients,
            "order_journeys": _journey_truth(
                journeys, visitors, orders, conversion, customers, user_ids
            ),
        },
    )
    from social_commerce.generate.aftermarket import build_aftermarket

    frames.update(build_aftermarket(r_aftermarket, world, order_lines, customers_info, scale))
    return frames
