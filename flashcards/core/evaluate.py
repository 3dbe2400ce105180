"""How well the scheduler predicts a review history: replay in time order, then log loss,
RMSE(bins) and AUC of the recall predictions.

Which reviews count: every review whose previous review of the same card was on an earlier
calendar day (midnight in the review's own UTC offset), so that one set of reviews is compared
whatever the learner day; the scheduler itself counts learner days from ``day_start_hour``.
Predictions use the time actually elapsed (:meth:`Scheduler.retrievability`).

RMSE(bins) is the FSRS benchmark's: reviews grouped by elapsed days, review number and lapses
(each on a logarithmic scale), RMSE between mean outcome and mean prediction per group,
weighted by group size.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from .clock import LearnerDay
from .models import Rating
from .revlog_csv import HistoryRow
from .scheduling import SchedState, Scheduler, forgetting_curve


@dataclass(frozen=True)
class OffsetDay(LearnerDay):
    """A learner day counted in a fixed UTC offset (a history file's own offset)."""

    offset_minutes: int = 0

    def _tz(self) -> tzinfo | None:
        from datetime import timezone
        return timezone(timedelta(minutes=self.offset_minutes))


def day_for(rows: Sequence[HistoryRow], hour: int) -> OffsetDay:
    """The learner day of a history: starting at ``hour`` in the offset of its first review."""
    offset = rows[0].offset if rows else timedelta(0)
    return OffsetDay(hour=hour, offset_minutes=int(offset.total_seconds() // 60))


def calendar_day(moment: datetime) -> date:
    """The calendar date of ``moment`` in its own UTC offset."""
    return moment.date()


@dataclass(frozen=True)
class Prediction:
    """One evaluated review: predicted recall, outcome (1 recalled), elapsed learner days,
    review number of the card (1-based) and its earlier lapses."""

    p: float
    y: int
    elapsed_days: int
    number: int
    lapses: int


@dataclass(frozen=True)
class Metrics:
    """Log loss (nats), RMSE(bins) and AUC over ``count`` predictions."""

    log_loss: float
    rmse_bins: float
    auc: float
    count: int


def log_loss(preds: Sequence[Prediction]) -> float:
    return -sum(math.log(x.p) if x.y else math.log(1 - x.p) for x in preds) / len(preds)


def _log_bin(value: float, base: float, scale: float, digits: int) -> float:
    return round(scale * base ** math.floor(math.log(max(value, 1e-6)) / math.log(base)), digits)


def rmse_bins(preds: Sequence[Prediction]) -> float:
    """The FSRS benchmark's RMSE(bins)."""
    groups: dict[tuple[float, float, float], list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for x in preds:
        key = (_log_bin(x.elapsed_days, 3.62, 2.48, 2), _log_bin(x.number, 1.89, 1.99, 0),
               _log_bin(x.lapses, 1.73, 1.65, 0) if x.lapses else 0.0)
        g = groups[key]
        g[0] += 1
        g[1] += x.p
        g[2] += x.y
    total = sum(g[0] for g in groups.values())
    return math.sqrt(sum(g[0] * ((g[1] - g[2]) / g[0]) ** 2 for g in groups.values()) / total)


def auc(preds: Sequence[Prediction]) -> float:
    """Area under the ROC curve (ties count half); 0.5 when one outcome is missing."""
    ranked = sorted(preds, key=lambda x: x.p)
    positives = sum(x.y for x in preds)
    negatives = len(preds) - positives
    if not positives or not negatives:
        return 0.5
    rank_sum, i = 0.0, 0
    while i < len(ranked):                       # average ranks over ties
        j = i
        while j < len(ranked) and ranked[j].p == ranked[i].p:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(x.y for x in ranked[i:j])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def metrics(preds: Sequence[Prediction]) -> Metrics:
    if not preds:
        raise ValueError("no reviews to evaluate (none follows a review on an earlier day)")
    return Metrics(log_loss(preds), rmse_bins(preds), auc(preds), len(preds))


@dataclass
class _CardTrack:
    state: SchedState = field(default_factory=SchedState)
    reviews: int = 0
    lapses: int = 0


Predict = Callable[[Scheduler, SchedState, datetime], float]


def replay(rows: Sequence[HistoryRow], scheduler: Scheduler, since: datetime | None = None,
           until: datetime | None = None, predict: Predict | None = None) -> list[Prediction]:
    """Answer every row in time order with ``scheduler`` (cards keyed by the file's id) and
    return the predictions for the evaluated reviews at or after ``since`` and before ``until``
    (``predict``: how to predict; default :meth:`Scheduler.retrievability`)."""
    cards: dict[str, _CardTrack] = defaultdict(_CardTrack)
    out: list[Prediction] = []
    day = scheduler.day
    for row in rows:
        if until is not None and row.time >= until:
            break
        track = cards[row.card]
        st, now = track.state, row.time.astimezone(UTC)
        last = st.last_review
        if last is not None and calendar_day(row.time) > calendar_day(last.astimezone(row.time.tzinfo)) \
                and (since is None or row.time >= since):
            p = predict(scheduler, st, now) if predict else scheduler.retrievability(st, now)
            out.append(Prediction(p, int(row.rating > Rating.Again),
                                  max(1, day.days_between(last, now)), track.reviews + 1, track.lapses))
        if last is not None and row.rating == Rating.Again and day.days_between(last, now) > 0:
            track.lapses += 1
        track.state = scheduler.answer(st, row.rating, now)
        track.reviews += 1
    return out


def split_times(rows: Sequence[HistoryRow], split: float, folds: int) -> list[datetime]:
    """Fold starts of the later part: the later ``1 - split`` of the reviews cut into ``folds``
    time-ordered parts, then the moment after the last review."""
    if not 0 < split < 1 or folds < 1:
        raise ValueError("split must be between 0 and 1 and folds at least 1")
    n = len(rows)
    starts = [rows[min(n - 1, int(n * (split + (1 - split) * k / folds)))].time for k in range(folds)]
    return [*starts, rows[-1].time + timedelta(seconds=1)]


def predictions_with(rows: Sequence[HistoryRow], day: LearnerDay, bounds: Sequence[datetime],
                     params_for: Callable[[int], Sequence[float] | None],
                     predict: Predict | None = None) -> list[Prediction]:
    """Predictions of each fold ``k`` (``bounds[k]`` to ``bounds[k+1]``) with the parameters
    ``params_for(k)`` (None: the defaults), the history replayed from its start."""
    out: list[Prediction] = []
    for k in range(len(bounds) - 1):
        params = params_for(k)
        scheduler = Scheduler(day, fuzz=False, parameters=tuple(params) if params else None)
        out += replay(rows, scheduler, since=bounds[k], until=bounds[k + 1], predict=predict)
    return out


def legacy_prediction(scheduler: Scheduler, st: SchedState, now: datetime) -> float:
    """FSRS-6 as the app predicted before: elapsed whole learner days, so a review later the
    same learner day was predicted as certain (here clamped to ``R_MAX``)."""
    assert st.last_review is not None and st.stability is not None
    return forgetting_curve(scheduler.day.days_between(st.last_review, now), st.stability, scheduler.weights)


@dataclass(frozen=True)
class Evaluation:
    """``flashcards evaluate``: the metrics of each way of predicting on the same later reviews."""

    rows: list[tuple[str, Metrics]]
    day_start_hour: int
    later_from: datetime


DEFAULT_SPLIT = 0.5           # the earlier half of the reviews is never evaluated on
DEFAULT_FOLDS = 8             # the later part is predicted in this many time-ordered folds


def evaluate_history(rows: Sequence[HistoryRow], hour: int, split: float = DEFAULT_SPLIT,
                     folds: int = DEFAULT_FOLDS,
                     progress: Callable[[int, int, str], None] | None = None) -> Evaluation:
    """Compare FSRS-6 with default parameters (as the app predicted before, whole learner days)
    with the app's predictions (elapsed time) with default parameters and with parameters fitted
    only on reviews before each fold of the later part (re-fitted per fold, as a learner who
    re-optimises would). ``rows`` in time order; learner days start at ``hour`` in the offset
    of the first review."""
    from .optimize import fit

    day = day_for(rows, hour)
    bounds = split_times(rows, split, folds)
    fitted: list[tuple[float, ...]] = []
    for k in range(folds):
        if progress is not None:
            progress(k, folds, f"fitting fold {k + 1}/{folds}")
        fitted.append(fit([r for r in rows if r.time < bounds[k]], day))
    results = [
        ("FSRS-6 defaults, whole learner days (before)",
         metrics(predictions_with(rows, day, bounds, lambda k: None, legacy_prediction))),
        ("FSRS-6 defaults, elapsed time", metrics(predictions_with(rows, day, bounds, lambda k: None))),
        ("optimised on earlier reviews, elapsed time",
         metrics(predictions_with(rows, day, bounds, lambda k: fitted[k]))),
    ]
    return Evaluation(results, hour, bounds[0])
