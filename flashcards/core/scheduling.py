"""FSRS-6 scheduling through the ``fsrs`` package, counted in learner days.

``fsrs`` measures elapsed time in whole 24 h periods; Anki and we count learner days (a review
20 hours later on the next day is one day later). We hand ``fsrs`` a last-review moment exactly
that many days back, so its arithmetic sees learner days, and we put review-state cards due at
the start of their learner day.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache

import fsrs

from .clock import LearnerDay
from .models import CardState, Rating

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAX_INTERVAL_DAYS = 36500


@dataclass(frozen=True)
class SchedState:
    """The scheduling part of a card (what an answer changes); times in UTC."""

    state: CardState = CardState.New
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


@lru_cache(maxsize=8)
def _fsrs_scheduler(desired_retention: float, fuzz: bool) -> fsrs.Scheduler:
    return fsrs.Scheduler(desired_retention=desired_retention, learning_steps=LEARNING_STEPS,
                          relearning_steps=RELEARNING_STEPS, maximum_interval=MAX_INTERVAL_DAYS,
                          enable_fuzzing=fuzz)


@dataclass(frozen=True)
class Scheduler:
    """Computes the next state of a card for a rating. Pure: no I/O."""

    day: LearnerDay = field(default_factory=LearnerDay)
    desired_retention: float = 0.9
    fuzz: bool = True

    def _fsrs(self) -> fsrs.Scheduler:
        return _fsrs_scheduler(self.desired_retention, self.fuzz)

    def _fsrs_card(self, st: SchedState, now: datetime) -> fsrs.Card:
        # An explicit card_id: without one, fsrs.Card() sleeps 1 ms to make its default id unique.
        if st.state == CardState.New or st.last_review is None:
            return fsrs.Card(card_id=0, state=fsrs.State.Learning, step=0, due=now)
        days = self.day.days_between(st.last_review, now)
        # A moment exactly `days` whole days back: fsrs then counts `days` elapsed days.
        virtual_last = now - timedelta(days=days) if days else min(st.last_review, now)
        return fsrs.Card(card_id=0, state=fsrs.State(int(st.state)), step=st.step, stability=st.stability,
                         difficulty=st.difficulty, due=st.due or now, last_review=virtual_last)

    def answer(self, st: SchedState, rating: Rating, now: datetime) -> SchedState:
        """The state after answering ``rating`` at ``now`` (UTC)."""
        card, _ = self._fsrs().review_card(self._fsrs_card(st, now), fsrs.Rating(int(rating)), now)
        state = CardState(int(card.state))
        due = card.due
        if state == CardState.Review:
            interval_days = max(1, round((card.due - now) / timedelta(days=1)))
            due = self.day.start_of(self.day.day_of(now) + timedelta(days=interval_days))
        lapse = st.state == CardState.Review and rating == Rating.Again
        return SchedState(state=state, step=card.step, stability=card.stability,
                          difficulty=card.difficulty, due=due, last_review=now,
                          reps=st.reps + 1, lapses=st.lapses + (1 if lapse else 0))

    def preview(self, st: SchedState, now: datetime) -> dict[Rating, timedelta]:
        """The interval each rating would give, without fuzz (for the answer buttons)."""
        plain = replace(self, fuzz=False)
        out: dict[Rating, timedelta] = {}
        for rating in Rating:
            nxt = plain.answer(st, rating, now)
            if nxt.state == CardState.Review and nxt.due is not None:
                out[rating] = timedelta(days=(self.day.day_of(nxt.due) - self.day.day_of(now)).days)
            else:
                out[rating] = (nxt.due or now) - now
        return out

    def retrievability(self, st: SchedState, now: datetime) -> float:
        """Predicted probability of recall at ``now`` (0 for a card never reviewed)."""
        if st.state == CardState.New or st.stability is None or st.last_review is None:
            return 0.0
        return float(self._fsrs().get_card_retrievability(self._fsrs_card(st, now), now))


def format_interval(delta: timedelta) -> str:
    """Short label for an answer button: ``<1m``, ``10m``, ``3h``, ``4d``, ``2mo``, ``1.5y``."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        months = days / 30.4
        return f"{months:.0f}mo" if months >= 10 or months == int(months) else f"{months:.1f}mo"
    return f"{days / 365:.1f}y".replace(".0y", "y")
