"""Calibration: does the scheduler's predicted recall hold for this learner?

The review log is replayed through the collection's scheduler with
:func:`flashcards.core.evaluate.replay` (the same predictions ``flashcards evaluate`` scores:
elapsed time in fractional days, reviews following one on an earlier day), and the predictions
are grouped in bins of predicted recall; each bin holds the mean prediction and the share of
those reviews actually recalled (not Again).

Only the cards answered in the chosen period are replayed (the others predict nothing there),
and at most ``SAMPLE_ROWS`` log rows of them: when their histories hold more, a deterministic
sample of those cards (ordered by a hash of the card id) is replayed instead, whole histories
each, and :class:`Calibration` says how many cards it covers (the replay costs ~30 µs a row).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from . import study_queue
from .card_stats import card_rows
from .clock import ensure_aware, to_ms
from .evaluate import Prediction, replay
from .models import Rating
from .revlog_csv import HistoryRow

BINS = 10                     # bins of predicted recall, each 0.1 wide
SAMPLE_ROWS = 5_000           # most review-log rows replayed for one calibration
_HASH = 2_654_435_761         # Knuth's multiplicative hash: the sample's card order


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


@dataclass(frozen=True)
class Calibration:
    """The bins, and the cards answered in the period: all of them, or ``cards`` of them
    (a deterministic sample) when their histories exceed the row budget."""

    bins: list[CalibrationBin]
    cards: int = 0
    answered: int = 0

    @property
    def sampled(self) -> bool:
        return self.cards < self.answered


def sample_rows(col: Any, deck: str | None, since: datetime | None, until: datetime | None,
                budget: int = SAMPLE_ROWS) -> tuple[list[HistoryRow], int, int]:
    """Whole histories (time order, before ``until``) of the cards of ``deck`` answered from
    ``since`` to ``until``, at most ``budget`` rows unless one card alone has more; returns the
    rows, the cards they cover and the cards answered in the period."""
    lo = to_ms(ensure_aware(since)) if since is not None else 0
    hi = to_ms(ensure_aware(until)) if until is not None else 2**62
    wanted = None
    if deck:        # the ids of the deck's cards (as col.sched.cards(deck), without building cards)
        decks = [d.id for d in study_queue.subtree(col.decks.row(deck)) if d.id]
        wanted = {r.id for r in card_rows(col.db, decks)}
    with col.db.read() as conn:
        ids = [r[0] for r in conn.execute("SELECT DISTINCT card_id FROM revlog WHERE time >= ? AND time < ?",
                                          (lo, hi)) if wanted is None or r[0] in wanted]
        order = [((i * _HASH) % 2**32, i) for i in ids]    # taken in this order, lazily: a heap
        heapq.heapify(order)
        chosen: list[int] = []
        total = 0
        while order:
            card_id = heapq.heappop(order)[1]
            n = conn.execute("SELECT count(*) FROM revlog WHERE card_id = ? AND time < ?", (card_id, hi)).fetchone()[0]
            if chosen and total + n > budget:
                break
            chosen.append(card_id)
            total += n
        rows = []
        for first in range(0, len(chosen), 500):
            part = chosen[first:first + 500]
            rows += conn.execute(f"SELECT id, card_id, rating, time, duration_ms FROM revlog WHERE card_id IN "
                                 f"({','.join('?' * len(part))}) AND time < ?", (*part, hi)).fetchall()
    rows.sort(key=lambda r: (r[3], r[0]))
    return ([HistoryRow(str(r[1]), Rating(r[2]), datetime.fromtimestamp(r[3] / 1000, UTC), r[4], 0) for r in rows],
            len(chosen), len(ids))


def calibration(col: Any, deck: str | None = None, since: datetime | None = None,
                until: datetime | None = None) -> Calibration:
    """Calibration of the reviews of ``deck`` (None: all) from ``since`` to ``until`` (UTC),
    each card's whole history replayed with the collection's scheduler (no fuzz: predictions
    do not depend on it); a sample of the cards when the histories exceed ``SAMPLE_ROWS``."""
    rows, cards, answered = sample_rows(col, deck, since, until)
    scheduler = replace(col.conf.scheduler, fuzz=False)
    return Calibration(bin_predictions(replay(rows, scheduler, since=since, until=until)), cards, answered)
