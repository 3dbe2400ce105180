"""The card figures of the statistics window (counts, distributions, forecast, recall per card)
from SQL aggregates and light rows of the ``cards`` table: no :class:`Card` objects are built.

Times in the table are ms UTC; intervals and stability in days; learner days come from a
:class:`LearnerDay` (day boundaries computed in Python once, DST-safe, then compared as ms).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from .clock import LearnerDay, to_ms
from .models import CardState
from .scheduling import SECONDS_PER_DAY, Scheduler, forgetting_curve
from .storage import Storage

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS_PER_DAY = 86_400_000
# A review interval longer than this (ms) is more learner days than any histogram edge (365), with
# room for UTC-offset changes: its exact learner days are not needed.
_FAR_MS = 400 * _MS_PER_DAY


class CardRow(NamedTuple):
    """One card as the statistics need it (times ms UTC, stability days)."""

    id: int
    deck: str
    state: int
    stability: float | None
    difficulty: float | None
    due: int | None
    last_review: int | None
    lapses: int
    suspended: int
    leech: int


def _ids(deck_ids: Sequence[int]) -> str:
    return ",".join(str(int(i)) for i in deck_ids) or "NULL"


def card_rows(db: Storage, deck_ids: Sequence[int]) -> list[CardRow]:
    """The cards of these decks that are not retired, in deck and file order (as
    :meth:`CardStore.in_decks`, so that sums over them add up in the same order)."""
    sql = ("SELECT c.id, d.name, c.state, c.stability, c.difficulty, c.due, c.last_review, c.lapses, "
           f"c.suspended, c.leech FROM cards c JOIN decks d ON d.id = c.deck_id "
           f"WHERE c.retired = 0 AND c.deck_id IN ({_ids(deck_ids)}) ORDER BY d.name, c.position")
    with db.read() as conn:
        cur = conn.cursor()
        cur.row_factory = None
        return list(map(CardRow._make, cur.execute(sql)))


def forecast(db: Storage, deck_ids: Sequence[int], today: date, day: LearnerDay, days: int) -> list[int]:
    """Cards due on each of ``days`` learner days from ``today`` (overdue ones count today);
    suspended and new cards are not due."""
    ends = [to_ms(day.start_of(today + timedelta(days=i + 1))) for i in range(days)]
    sql = ("SELECT " + ", ".join(f"count(*) FILTER (WHERE due < {e})" for e in ends) +
           f" FROM cards WHERE retired = 0 AND suspended = 0 AND due IS NOT NULL AND state != 0 "
           f"AND deck_id IN ({_ids(deck_ids)})")
    with db.read() as conn:
        upto = list(conn.execute(sql).fetchone())
    return [n - (upto[i - 1] if i else 0) for i, n in enumerate(upto)]


class DayIndex:
    """Learner day numbers of ms UTC times within one span, by bisection of its day starts."""

    def __init__(self, day: LearnerDay, first_ms: int, last_ms: int):
        self.first = day.day_of(datetime.fromtimestamp(first_ms / 1000, UTC))
        last = day.day_of(datetime.fromtimestamp(last_ms / 1000, UTC))
        self.starts = [to_ms(day.start_of(self.first + timedelta(days=i)))
                       for i in range((last - self.first).days + 1)]

    def number(self, ms: int) -> int:
        """Learner days from the span's first day to the day of ``ms``."""
        return bisect.bisect_right(self.starts, ms) - 1


def intervals(rows: Sequence[CardRow], day: LearnerDay, far: int) -> dict[int, int]:
    """{card id: current interval} of every review card: learner days from its last review to
    its due day (at least 0; 0 without either time). Intervals longer than about 400 days (more
    than any figure distinguishes) read ``far``."""
    out: dict[int, int] = {}
    near: list[tuple[int, int, int]] = []
    for r in rows:
        if r.state != CardState.Review:
            continue
        if r.due is None or r.last_review is None:
            out[r.id] = 0
        elif r.due - r.last_review > _FAR_MS:
            out[r.id] = far
        else:
            near.append((r.id, r.last_review, r.due))
    if near:
        times = [t for _, lr, due in near for t in (lr, due)]
        starts, find = DayIndex(day, min(times), max(times)).starts, bisect.bisect_right
        for cid, lr, due in near:        # the day numbers' difference, as in DayIndex.number
            out[cid] = max(0, find(starts, due) - find(starts, lr))
    return out


def recall(rows: Sequence[CardRow], scheduler: Scheduler, now: datetime) -> dict[int, float]:
    """{card id: predicted recall at ``now``} as :meth:`Scheduler.retrievability` computes it
    (fractional days since the last review; new cards and cards never reviewed 0)."""
    now_us = (now - _EPOCH) // timedelta(microseconds=1)
    weights = scheduler.weights
    out = {}
    for r in rows:
        if r.state == CardState.New or r.stability is None or r.last_review is None:
            out[r.id] = 0.0
        else:    # as timedelta.total_seconds(): exact microseconds over 10**6
            out[r.id] = forgetting_curve((now_us - r.last_review * 1000) / 10**6 / SECONDS_PER_DAY,
                                         r.stability, weights)
    return out


def count_sql(db: Storage, deck_ids: Sequence[int]) -> dict[str, Any]:
    """Cards by stage except young/mature (which need learner days): new, learning (and
    relearning), review (not suspended), suspended, leeches."""
    sql = ("SELECT count(*) FILTER (WHERE NOT suspended AND state = 0), "
           "count(*) FILTER (WHERE NOT suspended AND state IN (1, 3)), "
           "count(*) FILTER (WHERE NOT suspended AND state = 2), "
           "count(*) FILTER (WHERE suspended), count(*) FILTER (WHERE leech) "
           f"FROM cards WHERE retired = 0 AND deck_id IN ({_ids(deck_ids)})")
    with db.read() as conn:
        row = conn.execute(sql).fetchone()
    return dict(zip(("new", "learning", "review", "suspended", "leeches"), row))
