"""Collection-wide study settings, stored as JSON in the collection's ``config`` table."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from . import bounds


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
    fsrs_params: list[float] | None = None  # the 21 FSRS-6 weights from `optimize`; None: defaults

    def validated(self) -> Settings:
        """Raise ``ValueError`` with a readable message if any value is out of range."""
        for name in bounds.DAILY_LIMITS:
            bounds.check_daily_limit(name, getattr(self, name))
        b = bounds
        checks = [
            (b.DESIRED_RETENTION, self.desired_retention, "desired retention must be {0:.2f}–{1:.2f}"),
            (b.DAY_START_HOUR, self.day_start_hour, "the day start hour must be {0}–{1}"),
            (b.LEARN_AHEAD_MINUTES, self.learn_ahead_minutes, "learn-ahead must be {0}–{1} minutes"),
            (b.MAX_ANSWER_SECONDS, self.max_answer_seconds, "maximum answer time must be {0}–{1} s"),
            (b.LEECH_LAPSES, self.leech_lapses, "leech threshold must be {0}–{1} lapses"),
        ]
        for limits, value, message in checks:
            if not bounds.within(value, limits):
                raise ValueError(message.format(*limits))
        if self.fsrs_params is not None:
            from .scheduling import valid_parameters

            valid_parameters(self.fsrs_params)
        if self.timezone:
            from zoneinfo import ZoneInfo

            try:
                ZoneInfo(self.timezone)
            except Exception as exc:  # ZoneInfoNotFoundError, ValueError
                raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        return self

    def clamp_answer_ms(self, duration_ms: int | None) -> int:
        """An answer's time as logged: 0 ≤ ms ≤ ``max_answer_seconds`` (the one place it is capped)."""
        return max(0, min(int(duration_ms or 0), self.max_answer_seconds * 1000))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
