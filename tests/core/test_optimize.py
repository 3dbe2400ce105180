"""Optimisation on a synthetic history drawn from known parameters; the guard."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from flashcards.core.clock import LearnerDay
from flashcards.core.models import Rating
from flashcards.core.optimize import fit, holdout_log_loss, optimize_rows
from flashcards.core.revlog_csv import HistoryRow
from flashcards.core.scheduling import DEFAULT_PARAMETERS, SchedState, Scheduler

T0 = datetime(2024, 1, 1, 9, tzinfo=UTC)
DAY = LearnerDay(4, "UTC")
# A learner who forgets much faster than the average one (lower initial stabilities).
TRUE = (0.05, 0.2, 0.5, 1.5, *DEFAULT_PARAMETERS[4:])


def synthetic_history(params: tuple[float, ...], cards: int = 300, seed: int = 1) -> list[HistoryRow]:
    """Cards reviewed after random gaps (minutes to weeks); recalled with the true model's
    probability (seeded)."""
    rng = random.Random(seed)
    sched = Scheduler(DAY, fuzz=False, parameters=params)
    rows: list[HistoryRow] = []
    for c in range(cards):
        st, t = SchedState(), T0 + timedelta(days=c // 10, minutes=rng.randrange(300))
        for _ in range(7):
            recalled = st.last_review is None or rng.random() < sched.retrievability(st, t)
            rating = Rating.Good if recalled else Rating.Again
            rows.append(HistoryRow(f"c{c}", rating, t, 1000, 0))
            st = sched.answer(st, rating, t)
            t += timedelta(hours=rng.choice([0.2, 3, 20, 30, 50, 100, 200, 400]))
    return sorted(rows, key=lambda r: r.time)


def test_fit_recovers_parameters_that_predict_better_than_the_defaults() -> None:
    rows = synthetic_history(TRUE)
    cut = rows[int(len(rows) * 0.7)].time
    fitted = fit([r for r in rows if r.time < cut], DAY)
    fitted_loss, n = holdout_log_loss(rows, DAY, fitted, cut)
    default_loss, _ = holdout_log_loss(rows, DAY, None, cut)
    assert n > 100
    assert fitted_loss < default_loss
    assert fitted[2] < DEFAULT_PARAMETERS[2]        # Good's initial stability moves toward the truth


def test_guard_replaces_parameters_that_predict_worse() -> None:
    rows = synthetic_history(TRUE, seed=2)
    bad = (5.0, 10.0, 30.0, 60.0, *DEFAULT_PARAMETERS[4:])    # far too optimistic for this learner
    final, _candidate, old, new, _ = optimize_rows(rows, DAY, bad)
    assert new < old and final != bad


def test_guard_refuses_parameters_that_predict_worse(monkeypatch) -> None:
    from flashcards.core import optimize

    rows = synthetic_history(TRUE, seed=3)
    bad = (5.0, 10.0, 30.0, 60.0, *DEFAULT_PARAMETERS[4:])
    monkeypatch.setattr(optimize, "fit", lambda _rows, _day: bad)      # an optimiser gone wrong
    final, candidate, old, new, _ = optimize_rows(rows, DAY, TRUE)
    assert candidate == bad and new > old and final == TRUE
    steps: list[tuple[int, int]] = []
    optimize_rows(rows, DAY, TRUE, progress=lambda done, total, _what: steps.append((done, total)))
    assert steps[0] == (0, 4) and steps[-1][0] == 3
