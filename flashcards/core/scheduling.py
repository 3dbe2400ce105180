"""FSRS-6 scheduling, counted in learner days.

The arithmetic of one review is :mod:`.fsrs_math` (checked against the ``fsrs`` package, which
also gives the default weights and validates weights). ``fsrs`` itself measures elapsed time in
whole 24 h periods; Anki and we count learner days (a review 20 hours later on the next day is
one day later), and we put review-state cards due at the start of their learner day.

Predictions of recall (:meth:`Scheduler.retrievability`) are different: they use the time that
actually elapsed, in fractional days, so a card reviewed two hours ago is not predicted as
certain, and they stay strictly between 0 and 1 (:data:`R_MIN`, :data:`R_MAX`).

Interval fuzz is seeded from the card id and its review count (as Anki does), so replaying one
history gives the same states on every machine.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property, lru_cache
from typing import NamedTuple

import fsrs
from fsrs.scheduler import FUZZ_RANGES

from .clock import LearnerDay
from .fsrs_math import Fsrs6, Outcome
from .models import CardState, Rating

LEARNING_STEPS = (timedelta(minutes=1), timedelta(minutes=10))
RELEARNING_STEPS = (timedelta(minutes=10),)
MAX_INTERVAL_DAYS = 36500
DEFAULT_PARAMETERS: tuple[float, ...] = tuple(float(w) for w in fsrs.scheduler.DEFAULT_PARAMETERS)
R_MIN, R_MAX = 1e-4, 1 - 1e-4     # predictions are clamped into this range (never 0 or 1)
SECONDS_PER_DAY = 86_400.0
_RATINGS = tuple(Rating)


class SchedState(NamedTuple):
    """The scheduling part of a card (what an answer changes); times in UTC. (A named tuple:
    an answer makes two, and a frozen dataclass is several times slower to make.)"""

    state: CardState = CardState.New
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0


@lru_cache(maxsize=16)
def _fsrs_math(desired_retention: float, parameters: tuple[float, ...]) -> Fsrs6:
    return Fsrs6(parameters, desired_retention, [s.total_seconds() for s in LEARNING_STEPS],
                 [s.total_seconds() for s in RELEARNING_STEPS], MAX_INTERVAL_DAYS)


@lru_cache(maxsize=16)
def _fsrs_scheduler(desired_retention: float, parameters: tuple[float, ...]) -> fsrs.Scheduler:
    """The reference implementation with these settings (it validates weights)."""
    return fsrs.Scheduler(parameters=parameters, desired_retention=desired_retention,
                          learning_steps=LEARNING_STEPS, relearning_steps=RELEARNING_STEPS,
                          maximum_interval=MAX_INTERVAL_DAYS, enable_fuzzing=False)


def forgetting_curve(elapsed_days: float, stability: float, parameters: Sequence[float] = DEFAULT_PARAMETERS) -> float:
    """FSRS-6's probability of recall after ``elapsed_days`` (fractional days, ≥ 0) at
    ``stability`` (days), clamped into [R_MIN, R_MAX]."""
    decay = -float(parameters[20])
    factor = 0.9 ** (1 / decay) - 1
    r = (1 + factor * max(0.0, elapsed_days) / max(stability, 1e-6)) ** decay
    return min(R_MAX, max(R_MIN, r))


def fuzz_range(interval_days: int, maximum: int = MAX_INTERVAL_DAYS) -> tuple[int, int]:
    """The lowest and highest fuzzed interval (days) for ``interval_days`` (``fsrs``'s ranges)."""
    delta = 1.0
    for r in FUZZ_RANGES:
        delta += r["factor"] * max(min(float(interval_days), r["end"]) - r["start"], 0.0)
    low, high = max(2, round(interval_days - delta)), min(round(interval_days + delta), maximum)
    return min(low, high), high


def fuzzed_days(interval_days: int, seed: int, maximum: int = MAX_INTERVAL_DAYS) -> int:
    """``interval_days`` with deterministic fuzz from ``seed`` (Anki: card id + review count);
    intervals under 2.5 days are not fuzzed."""
    if interval_days < 2.5:
        return interval_days
    low, high = fuzz_range(interval_days, maximum)
    return min(low + int(random.Random(seed).random() * (high - low + 1)), high)


@dataclass(frozen=True)
class Scheduler:
    """Computes the next state of a card for a rating. Pure: no I/O.

    ``parameters``: the 21 FSRS-6 weights (None: the defaults).
    """

    day: LearnerDay = field(default_factory=LearnerDay)
    desired_retention: float = 0.9
    fuzz: bool = True
    parameters: tuple[float, ...] | None = None

    @property
    def weights(self) -> tuple[float, ...]:
        return self.parameters or DEFAULT_PARAMETERS

    @cached_property
    def _math(self) -> Fsrs6:
        return _fsrs_math(self.desired_retention, self.weights)

    def _elapsed(self, st: SchedState, now: datetime) -> int | None:
        """Whole learner days since the last review (None: never reviewed)."""
        if st.state == CardState.New or st.last_review is None:
            return None
        return self.day.days_between(st.last_review, now)

    def outcome(self, st: SchedState, rating: Rating, now: datetime) -> Outcome:
        """What ``rating`` at ``now`` (UTC) does to ``st``, before fuzz. The same for every
        moment of ``now``'s learner day: FSRS counts whole learner days elapsed."""
        return self._math.outcome(
            st.state, st.step, st.stability, st.difficulty, self._elapsed(st, now), rating)

    def outcomes(self, st: SchedState, now: datetime) -> dict[Rating, Outcome]:
        """:meth:`outcome` of each rating (what the answer buttons offer)."""
        math6, elapsed = self._math, self._elapsed(st, now)
        return {rating: math6.outcome(st.state, st.step, st.stability, st.difficulty, elapsed, rating)
                for rating in _RATINGS}

    def place(self, st: SchedState, rating: Rating, outcome: Outcome, now: datetime, card_id: int = 0) -> SchedState:
        """The state after answering ``rating`` at ``now`` with ``outcome`` (from :meth:`outcome`
        on the same learner day): a review's interval fuzzed (seeded from ``card_id`` and the
        review count) and due at the start of its learner day, a learning step due from ``now``."""
        if outcome.state == CardState.Review:
            days = fuzzed_days(outcome.review_days, card_id + st.reps) if self.fuzz else outcome.review_days
            due = self.day.start_of(self.day.day_of(now) + timedelta(days=days))
        else:
            due = now + outcome.wait
        lapse = st.state == CardState.Review and rating == Rating.Again
        return SchedState(CardState(outcome.state), outcome.step, outcome.stability, outcome.difficulty, due, now,
                          st.reps + 1, st.lapses + (1 if lapse else 0))

    def answer(self, st: SchedState, rating: Rating, now: datetime, card_id: int = 0) -> SchedState:
        """The state after answering ``rating`` at ``now`` (UTC); the fuzz is seeded from
        ``card_id`` and the card's review count."""
        return self.place(st, rating, self.outcome(st, rating, now), now, card_id)

    def preview(self, st: SchedState, now: datetime) -> dict[Rating, timedelta]:
        """The interval each rating would give, without fuzz (for the answer buttons): whole
        learner days for a review, the step for learning. The same arithmetic as :meth:`answer`."""
        return {rating: o.wait for rating, o in self.outcomes(st, now).items()}

    def retrievability(self, st: SchedState, now: datetime) -> float:
        """Predicted probability of recall at ``now`` from the time actually elapsed since the
        last review (fractional days), strictly between 0 and 1; 0 for a card never reviewed."""
        if st.state == CardState.New or st.stability is None or st.last_review is None:
            return 0.0
        elapsed = (now - st.last_review).total_seconds() / SECONDS_PER_DAY
        return forgetting_curve(elapsed, st.stability, self.weights)


def valid_parameters(values: Sequence[float]) -> tuple[float, ...]:
    """``values`` as FSRS-6 weights (21 finite numbers accepted by ``fsrs``); ``ValueError`` if not."""
    weights = tuple(float(v) for v in values)
    if len(weights) != len(DEFAULT_PARAMETERS) or not all(math.isfinite(w) for w in weights):
        raise ValueError(f"FSRS parameters must be {len(DEFAULT_PARAMETERS)} finite numbers")
    try:
        _fsrs_scheduler(0.9, weights)
    except ValueError as exc:
        raise ValueError(f"FSRS parameters out of range: {exc}") from exc
    return weights


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
