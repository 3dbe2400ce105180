"""FSRS parameter optimisation from the learner's own review log (``col.optimize``).

The optimiser is ``fsrs-rs-python`` (the Rust FSRS optimiser Anki uses; no torch). Elapsed
times are handed to it in learner days counted from the collection's day start, as the
scheduler counts them. The guard: new parameters replace the current ones only when, fitted on
the earlier part of the log (time order), they predict the later part (:data:`HOLDOUT` of the
reviews) with a lower log loss than the current parameters; the saved parameters are then
fitted on the whole log. The result says what happened either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .changes import OpChanges
from .clock import LearnerDay
from .evaluate import log_loss, replay
from .revlog_csv import HistoryRow, by_card
from .scheduling import Scheduler, valid_parameters

if TYPE_CHECKING:
    from .collection import Collection

HOLDOUT = 0.2                 # the later share of the reviews the guard predicts
MIN_ITEMS = 64                # fewer reviews after an earlier day: too few to optimise on

Progress = Callable[[int, int, str], None]   # (step done, steps, what is happening)


class OptimizeError(ValueError):
    """The log cannot be optimised on (too few reviews); nothing was changed."""


@dataclass(frozen=True)
class OptimizeResult:
    """What an optimisation found: the parameters before and the candidate, the log losses
    (nats) of both on the hold-out, whether the candidate was saved, and what changed."""

    old_params: tuple[float, ...]
    new_params: tuple[float, ...]
    old_log_loss: float
    new_log_loss: float
    replaced: bool
    reviews: int
    holdout_reviews: int
    changes: OpChanges

    def summary(self) -> str:
        verdict = ("The new parameters predict your later reviews better; they are now used."
                   if self.replaced else
                   "The new parameters do not predict your later reviews better; the current ones are kept.")
        return (f"{verdict}\nLog loss on your latest {self.holdout_reviews} reviews: current "
                f"{self.old_log_loss:.4f}, optimised {self.new_log_loss:.4f} (lower is better; "
                f"{self.reviews} reviews in all).")


def fsrs_items(rows: Sequence[HistoryRow], day: LearnerDay) -> list:
    """The optimiser's training items: per card, every prefix of its reviews that ends in a
    review on a later learner day than the one before (elapsed whole learner days)."""
    import fsrs_rs_python as rs

    items = []
    for reviews in by_card(list(rows)).values():
        seq = []
        for i, row in enumerate(reviews):
            delta = day.days_between(reviews[i - 1].time, row.time) if i else 0
            seq.append(rs.FSRSReview(int(row.rating), delta))
            if i and delta > 0:
                items.append(rs.FSRSItem(list(seq)))
    return items


def fit(rows: Sequence[HistoryRow], day: LearnerDay) -> tuple[float, ...]:
    """FSRS-6 parameters fitted to ``rows`` (deterministic: the optimiser's fixed seed)."""
    import fsrs_rs_python as rs

    items = fsrs_items(rows, day)
    if len(items) < MIN_ITEMS:
        raise OptimizeError(f"too few reviews to optimise on: {len(items)} follow a review on an "
                            f"earlier day, at least {MIN_ITEMS} are needed")
    params = rs.FSRS(rs.DEFAULT_PARAMETERS).compute_parameters(items)
    return valid_parameters(params)


def holdout_log_loss(rows: Sequence[HistoryRow], day: LearnerDay, params: Sequence[float] | None,
                     since: datetime) -> tuple[float, int]:
    """Log loss (nats) and count of the evaluated reviews from ``since`` on, replaying all rows."""
    preds = replay(rows, Scheduler(day, fuzz=False, parameters=tuple(params) if params else None), since=since)
    if not preds:
        raise OptimizeError("no reviews to check the parameters on")
    return log_loss(preds), len(preds)


def optimize_rows(rows: Sequence[HistoryRow], day: LearnerDay, current: Sequence[float] | None,
                  progress: Progress | None = None) -> tuple[tuple[float, ...], tuple[float, ...], float, float, int]:
    """The guard on a history in time order: (parameters to save or None's defaults when
    refused: the current ones, the candidate fitted on the earlier part, current log loss,
    candidate log loss, hold-out reviews); replaced when candidate loss < current loss."""
    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, 4, what)

    if len(rows) < 2:
        raise OptimizeError("too few reviews to optimise on")
    cut = rows[int(len(rows) * (1 - HOLDOUT))].time
    step(0, "Fitting parameters to your earlier reviews…")
    candidate = fit([r for r in rows if r.time < cut], day)
    step(1, "Checking them on your later reviews…")
    old_loss, held = holdout_log_loss(rows, day, current, cut)
    new_loss, _ = holdout_log_loss(rows, day, candidate, cut)
    replaced = new_loss < old_loss
    step(2, "Fitting parameters to all your reviews…")
    final = fit(rows, day) if replaced else tuple(current or Scheduler().weights)
    step(3, "Saving…")
    return final, candidate, old_loss, new_loss, held


def rows_from_log(col: Collection, deck: str | None = None) -> list[HistoryRow]:
    """The collection's review log (of ``deck`` and its children) as history rows, time order."""
    wanted = {c.id for c in col.sched.cards(deck)} if deck else None
    return [HistoryRow(str(e.card_id), e.rating, e.time, e.duration_ms, 0)
            for e in col.card_store.review_log() if wanted is None or e.card_id in wanted]


def optimize_collection(col: Collection, deck: str | None = None,
                        progress: Progress | None = None) -> OptimizeResult:
    """Optimise on the collection's log (``deck``: only its cards' reviews); saves the new
    parameters in the settings (``fsrs_params``) only when the guard accepts them."""
    rows = rows_from_log(col, deck)
    old = col.conf.scheduler.weights
    final, candidate, old_loss, new_loss, held = optimize_rows(rows, col.conf.learner_day,
                                                              col.settings.fsrs_params, progress)
    replaced = new_loss < old_loss
    changes = (col.conf.update(settings={"fsrs_params": list(final)}) if replaced
               else OpChanges("optimize", undo=col.undo_status()))
    if progress is not None:
        progress(4, 4, "Done")
    return OptimizeResult(old, final if replaced else candidate, old_loss, new_loss, replaced, len(rows), held,
                          changes)
