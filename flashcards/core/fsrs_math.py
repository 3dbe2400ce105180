"""FSRS-6 for one review, in plain float arithmetic: what each rating does to a card.

The ``fsrs`` package (py-fsrs) is the reference implementation and stays our source of the
default weights, their bounds and the optimiser's format; this module computes the same numbers
without its per-call overhead (a copied card object, datetime arithmetic, time-zone checks),
because the study screen needs four outcomes for every card it shows.
``tests/core/test_fsrs_math.py`` checks, over random cards, weights and ratings, that every
result equals ``fsrs.Scheduler.review_card``'s (same formulas in the same order, so the floats
are identical).

Units: stability and intervals in days, elapsed time in whole learner days, learning steps in
seconds. States and ratings are the ints of :class:`~flashcards.core.models.CardState`
(0 new, 1 learning, 2 review, 3 relearning) and :class:`~flashcards.core.models.Rating`
(1 Again … 4 Easy).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import timedelta
from typing import NamedTuple

STABILITY_MIN = 0.001                      # days (as fsrs)
DIFFICULTY_MIN, DIFFICULTY_MAX = 1.0, 10.0
NEW, LEARNING, REVIEW, RELEARNING = 0, 1, 2, 3
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
_E = math.e                                # fsrs raises e to a power (not math.exp): same bits


class Outcome(NamedTuple):
    """What one rating does to a card before fuzz: the next state and the wait until it is due
    (a learning step exactly; a review ``review_days`` whole learner days, else 0)."""

    state: int
    step: int | None
    stability: float
    difficulty: float
    wait: timedelta
    review_days: int


class Fsrs6:
    """FSRS-6 with 21 weights, a desired retention, learning and relearning steps (seconds) and
    a maximum interval (days)."""

    def __init__(self, weights: Sequence[float], desired_retention: float, learning_steps: Sequence[float],
                 relearning_steps: Sequence[float], maximum_interval: int):
        w = self.w = tuple(float(x) for x in weights)
        self.learning_steps = tuple(float(s) for s in learning_steps)
        self.relearning_steps = tuple(float(s) for s in relearning_steps)
        self.maximum_interval = maximum_interval
        self.decay = -w[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self._interval_per_stability = desired_retention ** (1 / self.decay) - 1
        self._easy_difficulty = w[4] - (_E ** (w[5] * (EASY - 1))) + 1     # the mean-reversion target
        self._first: dict[int, Outcome] = {}      # a first review's outcome depends on the rating only

    # ------------------------------------------------------------ the formulas
    def retrievability(self, elapsed_days: int, stability: float) -> float:
        return (1 + self.factor * elapsed_days / stability) ** self.decay

    def interval(self, stability: float) -> int:
        """Days until recall is predicted to drop to the desired retention (1 … maximum)."""
        days = round((stability / self.factor) * self._interval_per_stability)
        return min(max(days, 1), self.maximum_interval)

    def _initial_difficulty(self, rating: int) -> float:
        w = self.w
        d = w[4] - (_E ** (w[5] * (rating - 1))) + 1
        return min(max(d, DIFFICULTY_MIN), DIFFICULTY_MAX)

    def _next_difficulty(self, difficulty: float, rating: int) -> float:
        w = self.w
        change = -(w[6] * (rating - 3))
        damped = difficulty + (10.0 - difficulty) * change / 9.0
        d = w[7] * self._easy_difficulty + (1 - w[7]) * damped
        return min(max(d, DIFFICULTY_MIN), DIFFICULTY_MAX)

    def _same_day_stability(self, stability: float, rating: int) -> float:
        w = self.w
        growth = (_E ** (w[17] * (rating - 3 + w[18]))) * (stability ** -w[19])
        if rating != AGAIN:
            growth = max(growth, 1.0)
        return max(stability * growth, STABILITY_MIN)

    def _later_stability(self, difficulty: float, stability: float, recall: float, rating: int) -> float:
        w = self.w
        if rating == AGAIN:
            long_term = (w[11] * (difficulty ** -w[12]) * (((stability + 1) ** (w[13])) - 1)
                         * (_E ** ((1 - recall) * w[14])))
            short_term = stability / (_E ** (w[17] * w[18]))
            s = min(long_term, short_term)
        else:
            hard = w[15] if rating == HARD else 1
            easy = w[16] if rating == EASY else 1
            s = stability * (1 + (_E ** (w[8])) * (11 - difficulty) * (stability ** -w[9])
                             * ((_E ** ((1 - recall) * w[10])) - 1) * hard * easy)
        return max(s, STABILITY_MIN)

    # ------------------------------------------------------------- one review
    def outcome(self, state: int, step: int | None, stability: float | None, difficulty: float | None,
                elapsed_days: int | None, rating: int) -> Outcome:
        """The card after ``rating``; ``elapsed_days`` since its last review (None or a new
        card: its first review)."""
        if state == NEW or stability is None or difficulty is None or elapsed_days is None:
            first = self._first.get(rating)
            if first is None:
                first = self._first[rating] = self._after_steps(LEARNING, 0, max(self.w[rating - 1], STABILITY_MIN),
                                                                self._initial_difficulty(rating), rating)
            return first
        if elapsed_days < 1:
            s = self._same_day_stability(stability, rating)
        else:
            s = self._later_stability(difficulty, stability, self.retrievability(elapsed_days, stability), rating)
        return self._after_steps(state, step, s, self._next_difficulty(difficulty, rating), rating)

    def _after_steps(self, state: int, step: int | None, s: float, d: float, rating: int) -> Outcome:
        """The next state and wait, given the new stability ``s`` and difficulty ``d``."""
        if state == REVIEW:
            if rating == AGAIN and self.relearning_steps:
                return self._step(RELEARNING, 0, s, d, self.relearning_steps[0])
            return self._review(s, d)
        steps = self.learning_steps if state == LEARNING else self.relearning_steps
        step = step or 0
        if not steps or (step >= len(steps) and rating != AGAIN):
            return self._review(s, d)
        if rating == AGAIN:
            return self._step(state, 0, s, d, steps[0])
        if rating == HARD:
            if step == 0:
                wait = steps[0] * 1.5 if len(steps) == 1 else (steps[0] + steps[1]) / 2.0
            else:
                wait = steps[step]
            return self._step(state, step, s, d, wait)
        if rating == GOOD and step + 1 < len(steps):
            return self._step(state, step + 1, s, d, steps[step + 1])
        return self._review(s, d)

    def outcomes(self, state: int, step: int | None, stability: float | None, difficulty: float | None,
                 elapsed_days: int | None) -> dict[int, Outcome]:
        """:meth:`outcome` of each rating, Again to Easy."""
        return {rating: self.outcome(state, step, stability, difficulty, elapsed_days, rating)
                for rating in (AGAIN, HARD, GOOD, EASY)}

    @staticmethod
    def _step(state: int, step: int, stability: float, difficulty: float, seconds: float) -> Outcome:
        return Outcome(state, step, stability, difficulty, timedelta(seconds=seconds), 0)

    def _review(self, stability: float, difficulty: float) -> Outcome:
        days = self.interval(stability)
        return Outcome(REVIEW, None, stability, difficulty, timedelta(days=days), days)
