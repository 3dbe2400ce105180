"""Collection-wide study settings, stored as JSON in the collection's ``config`` table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Defaults follow Anki's; deck options override the two daily limits per deck."""

    new_per_day: int = 20            # new cards introduced per learner day
    reviews_per_day: int = 200       # review-state answers per learner day
    desired_retention: float = 0.9   # FSRS target recall probability
    day_start_hour: int = 4          # local hour the learner day starts
    timezone: str | None = None      # IANA zone; None: the machine's zone
    learn_ahead_minutes: int = 20    # learning cards due this soon count as due now
    max_answer_seconds: int = 60     # longer answers are logged as this long
    leech_lapses: int = 8            # lapses that flag a card as a leech
    fuzz: bool = True                # spread review intervals a little (FSRS fuzz)
    bury_siblings: bool = True       # hide a note's other cards until tomorrow once one is answered

    def validated(self) -> "Settings":
        """Raise ``ValueError`` with a readable message if any value is out of range."""
        checks = [
            (0 <= self.new_per_day <= 100_000, "new cards per day must be 0–100000"),
            (0 <= self.reviews_per_day <= 1_000_000, "reviews per day must be 0–1000000"),
            (0.7 <= self.desired_retention <= 0.99, "desired retention must be 0.70–0.99"),
            (0 <= self.day_start_hour <= 23, "the day start hour must be 0–23"),
            (0 <= self.learn_ahead_minutes <= 24 * 60, "learn-ahead must be 0–1440 minutes"),
            (1 <= self.max_answer_seconds <= 3600, "maximum answer time must be 1–3600 s"),
            (1 <= self.leech_lapses <= 1000, "leech threshold must be 1–1000 lapses"),
        ]
        for ok, message in checks:
            if not ok:
                raise ValueError(message)
        if self.timezone:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(self.timezone)
            except Exception as exc:  # ZoneInfoNotFoundError, ValueError
                raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Settings":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
