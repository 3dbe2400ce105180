"""The allowed range of every study setting and daily limit: the one source that the settings,
the deck options, the deck-file reader and the settings dialog's spin boxes all read.

Each range is ``(lowest, highest)``, both allowed; units are in the names (per learner day,
minutes, seconds, lapses).
"""

from __future__ import annotations

NEW_PER_DAY = (0, 100_000)               # new cards introduced per learner day
REVIEWS_PER_DAY = (0, 1_000_000)         # review-state answers per learner day
DESIRED_RETENTION = (0.70, 0.99)         # FSRS target recall probability
DAY_START_HOUR = (0, 23)                 # local hour the learner day starts
LEARN_AHEAD_MINUTES = (0, 24 * 60)
MAX_ANSWER_SECONDS = (1, 3600)           # longer answers are logged as this long
LEECH_LAPSES = (1, 1000)

DAILY_LIMITS = {"new_per_day": NEW_PER_DAY, "reviews_per_day": REVIEWS_PER_DAY}


def within(value: float, bounds: tuple[float, float]) -> bool:
    """True when ``bounds[0] <= value <= bounds[1]``."""
    return bounds[0] <= value <= bounds[1]


def check_daily_limit(name: str, value: int | None) -> None:
    """Raise ``ValueError`` unless ``value`` (``None``: unset) is a valid ``name`` limit
    ("new_per_day" or "reviews_per_day")."""
    low, high = DAILY_LIMITS[name]
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high):
        what = "new cards per day" if name == "new_per_day" else "reviews per day"
        raise ValueError(f"{what} must be {low}–{high}")
