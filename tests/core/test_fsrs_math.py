"""fsrs_math against the reference implementation (``fsrs.Scheduler.review_card``): every
outcome equal, float for float, over random cards, weights, retentions and ratings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from fsrs.scheduler import LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS
from hypothesis import given
from hypothesis import strategies as st

from flashcards.core.fsrs_math import Fsrs6
from flashcards.core.scheduling import DEFAULT_PARAMETERS, LEARNING_STEPS, MAX_INTERVAL_DAYS, RELEARNING_STEPS

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

weights = st.one_of(
    st.just(DEFAULT_PARAMETERS),
    st.tuples(*(st.floats(lo, hi) for lo, hi in zip(LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS))))
cards = st.one_of(
    st.tuples(st.just(0), st.none(), st.none(), st.none(), st.none()),                      # new
    st.tuples(st.sampled_from([1, 3]), st.integers(0, 2),                                   # (re)learning
              st.floats(0.001, 400), st.floats(1, 10), st.integers(0, 30)),
    st.tuples(st.just(2), st.none(), st.floats(0.001, 36500), st.floats(1, 10), st.integers(0, 5000)))


def reference(w: tuple[float, ...], retention: float, card: tuple, rating: int) -> fsrs.Card:
    state, step, stability, difficulty, elapsed = card
    scheduler = fsrs.Scheduler(parameters=w, desired_retention=retention, learning_steps=LEARNING_STEPS,
                               relearning_steps=RELEARNING_STEPS, maximum_interval=MAX_INTERVAL_DAYS,
                               enable_fuzzing=False)
    if state == 0:
        ref = fsrs.Card(card_id=1, state=fsrs.State.Learning, step=0, due=NOW)
    else:
        # elapsed whole days; 0 = earlier the same day
        last = NOW - (timedelta(days=elapsed) if elapsed else timedelta(hours=3))
        ref = fsrs.Card(card_id=1, state=fsrs.State(state), step=step, stability=stability,
                        difficulty=difficulty, due=NOW, last_review=last)
    return scheduler.review_card(ref, fsrs.Rating(rating), NOW)[0]


@given(weights, st.floats(0.7, 0.97), cards, st.integers(1, 4))
def test_every_outcome_equals_the_reference(w: tuple[float, ...], retention: float, card: tuple,
                                            rating: int) -> None:
    state, step, stability, difficulty, elapsed = card
    math6 = Fsrs6(w, retention, [s.total_seconds() for s in LEARNING_STEPS],
                  [s.total_seconds() for s in RELEARNING_STEPS], MAX_INTERVAL_DAYS)
    ours = math6.outcome(state, step, stability, difficulty, elapsed, rating)
    ref = reference(tuple(w), retention, card, rating)
    assert (ours.state, ours.step) == (int(ref.state), ref.step)
    assert ours.stability == ref.stability
    assert ours.difficulty == ref.difficulty
    assert ours.wait == ref.due - NOW
    assert ours.review_days == (ours.wait.days if ours.state == 2 else 0)


@pytest.mark.parametrize(("state", "step", "rating", "wait"), [
    (0, None, 1, timedelta(minutes=1)), (0, None, 2, timedelta(minutes=5, seconds=30)),
    (0, None, 3, timedelta(minutes=10)), (1, 1, 2, timedelta(minutes=10)), (1, 0, 1, timedelta(minutes=1)),
    (2, None, 1, timedelta(minutes=10)), (3, 0, 2, timedelta(minutes=15)), (3, 0, 1, timedelta(minutes=10)),
])
def test_learning_steps_are_anki_s(state: int, step: int | None, rating: int, wait: timedelta) -> None:
    """Steps 1m 10m, relearning 10m; Hard on the first step waits halfway (Anki's rule)."""
    math6 = Fsrs6(DEFAULT_PARAMETERS, 0.9, [60, 600], [600], MAX_INTERVAL_DAYS)
    card = (state, step, None, None, None) if state == 0 else (state, step, 3.0, 5.0, 0)
    assert math6.outcome(*card, rating).wait == wait


def test_graduating_gives_whole_days_within_the_maximum() -> None:
    math6 = Fsrs6(DEFAULT_PARAMETERS, 0.9, [60, 600], [600], 100)
    assert math6.outcome(1, 1, 3.0, 5.0, 0, 3).review_days >= 1
    assert math6.outcome(2, None, 30_000.0, 1.0, 400, 4).review_days == 100
    assert math6.interval(1e-3) == 1
