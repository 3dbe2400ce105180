"""Evaluation metrics and the honest predictions (never exactly 0 or 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flashcards.core.evaluate import (
    Prediction,
    auc,
    evaluate_history,
    log_loss,
    rmse_bins,
)
from flashcards.core.models import CardState
from flashcards.core.scheduling import R_MAX, SchedState, Scheduler

from .test_optimize import TRUE, synthetic_history


def test_metrics_on_known_predictions() -> None:
    preds = [Prediction(0.9, 1, 1, 2, 0), Prediction(0.2, 0, 1, 2, 0), Prediction(0.6, 1, 5, 3, 1)]
    assert auc(preds) == 1.0
    assert 0 < log_loss(preds) < 0.5
    assert rmse_bins([Prediction(0.5, 1, 1, 2, 0), Prediction(0.5, 0, 1, 2, 0)]) == 0.0


def test_retrievability_uses_elapsed_time_and_is_never_one() -> None:
    last = datetime(2024, 1, 1, 23, tzinfo=UTC)
    st = SchedState(CardState.Review, None, 5.0, 5.0, last + timedelta(days=5), last, 3, 0)
    sched = Scheduler()
    same_moment = sched.retrievability(st, last)
    two_hours = sched.retrievability(st, last + timedelta(hours=2))
    assert same_moment == R_MAX and two_hours < same_moment and 0 < two_hours < 1
    assert 0 < sched.retrievability(st, last + timedelta(days=100_000)) < two_hours


def test_evaluate_history_beats_defaults_on_a_learner_unlike_the_average() -> None:
    rows = synthetic_history(TRUE, cards=300, seed=11)
    result = evaluate_history(rows, hour=4, folds=2)
    before, _, optimised = (m for _, m in result.rows)
    assert before.count == optimised.count > 100
    assert optimised.log_loss < before.log_loss
