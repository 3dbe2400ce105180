"""Calibration: does the scheduler's predicted recall hold for this learner?

The review log is replayed through the collection's scheduler with
:func:`flashcards.core.evaluate.replay` (the same predictions ``flashcards evaluate`` scores:
elapsed time in fractional days, reviews following one on an earlier day), and the predictions
are grouped in bins of predicted recall; each bin holds the mean prediction and the share of
those reviews actually recalled (not Again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from .evaluate import Prediction, replay

BINS = 10                     # bins of predicted recall, each 0.1 wide


@dataclass(frozen=True)
class CalibrationBin:
    """Reviews whose predicted recall lay in [low, high): how many, mean prediction, share recalled."""

    low: float
    high: float
    count: int
    predicted: float
    actual: float


def bin_predictions(preds: Sequence[Prediction], bins: int = BINS) -> list[CalibrationBin]:
    """Group predictions into ``bins`` equal bins of predicted recall; empty bins are left out."""
    groups: list[list[Prediction]] = [[] for _ in range(bins)]
    for x in preds:
        groups[min(bins - 1, int(x.p * bins))].append(x)
    return [CalibrationBin(i / bins, (i + 1) / bins, len(g), sum(x.p for x in g) / len(g),
                           sum(x.y for x in g) / len(g)) for i, g in enumerate(groups) if g]


def calibration(col: Any, deck: str | None = None, since: datetime | None = None,
                until: datetime | None = None) -> list[CalibrationBin]:
    """Calibration of the reviews of ``deck`` (None: all) from ``since`` to ``until`` (UTC),
    each card's whole history replayed with the collection's scheduler (no fuzz: predictions
    do not depend on it)."""
    from .optimize import rows_from_log

    rows = rows_from_log(col, deck)
    scheduler = replace(col.conf.scheduler, fuzz=False)
    return bin_predictions(replay(rows, scheduler, since=since, until=until))
