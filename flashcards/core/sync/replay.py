"""A card's scheduling state as a pure function of its review history.

:func:`replay_history` answers the reviews in order (time, then uid) with the same
:class:`~flashcards.core.scheduling.Scheduler` and leech rule as ``SchedManager._answer``
(fuzz seeded by card id and review count), so replaying the stored log gives the stored state
exactly. A reset (Forget, ``card_resets``) at time T makes the card new again for the reviews
after T (a review at T itself comes before it); :func:`replay_cards` rewrites the cards and the log rows' derived columns from it, and
:func:`mismatches` compares without writing (tests, ``flashcards sync --check``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cardstore import sched_to_json
from ..clock import from_ms, to_ms
from ..deck_options import DeckOptions
from ..models import Rating
from ..scheduling import SchedState, Scheduler

if TYPE_CHECKING:
    from ..collection import Collection

NEW_CARD = {"state": 0, "step": None, "stability": None, "difficulty": None, "due": None, "last_review": None,
            "reps": 0, "lapses": 0, "leech": 0}


@dataclass(frozen=True)
class Step:
    """One replayed review: the state before and after, learner days since the previous review
    and the leech flag before and after."""

    before: SchedState
    after: SchedState
    elapsed_days: int
    leech_before: bool
    leech_after: bool


def replay_history(scheduler: Scheduler, card_id: int, reviews: Sequence[tuple[int, int]],
                   leech_lapses: int, resets: Sequence[int] = ()) -> list[Step]:
    """Answer ``reviews`` ((time ms UTC, rating), already in order) from a new card, starting
    from a new card again after each of ``resets`` (ms UTC, in order)."""
    steps: list[Step] = []
    st, leech = SchedState(), False
    pending = list(resets)
    for time_ms, rating in reviews:
        if pending and pending[0] < time_ms:
            st, leech = SchedState(), False
            while pending and pending[0] < time_ms:
                pending.pop(0)
        now = from_ms(time_ms)
        assert now is not None
        after = scheduler.answer(st, Rating(rating), now, card_id)
        leech_after = leech or (after.lapses > st.lapses and after.lapses >= leech_lapses)
        elapsed = scheduler.day.days_between(st.last_review, now) if st.last_review else 0
        steps.append(Step(st, after, elapsed, leech, leech_after))
        st, leech = after, leech_after
    return steps


def card_columns(steps: Sequence[Step], reviews: Sequence[tuple[int, int]], resets: Sequence[int] = ()) -> dict[str, Any]:
    """The ``cards`` scheduling columns after ``steps`` (a new card's when there are none, or
    when the last reset came after the last review)."""
    if not steps or (resets and resets[-1] >= reviews[-1][0]):
        return dict(NEW_CARD)
    a = steps[-1].after
    return {"state": int(a.state), "step": a.step, "stability": a.stability, "difficulty": a.difficulty,
            "due": to_ms(a.due) if a.due else None, "last_review": reviews[-1][0], "reps": a.reps,
            "lapses": a.lapses, "leech": int(steps[-1].leech_after)}


def log_columns(step: Step) -> dict[str, Any]:
    """The derived columns of one review-log row."""
    a = step.after
    return {"state_before": int(step.before.state), "state_after": int(a.state), "stability": a.stability,
            "difficulty": a.difficulty, "due": to_ms(a.due) if a.due else None, "elapsed_days": step.elapsed_days,
            "before": sched_to_json(step.before, {"leech": step.leech_before})}


def _history(conn: sqlite3.Connection, card_id: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT id, time, rating FROM revlog WHERE card_id = ? ORDER BY time, uid, id",
                        (card_id,)).fetchall()


def _leech_lapses(col: Collection, conn: sqlite3.Connection, card_id: int) -> int:
    row = conn.execute("SELECT d.new_per_day, d.reviews_per_day, d.options FROM cards c JOIN decks d "
                       "ON d.id = c.deck_id WHERE c.id = ?", (card_id,)).fetchone()
    options = DeckOptions.from_row(row[0], row[1], row[2]) if row else DeckOptions()
    return options.leech_lapses or col.settings.leech_lapses


def resets_of(conn: sqlite3.Connection, card_id: int) -> list[int]:
    """The times (ms UTC, in order) the card was reset on any device."""
    return [r[0] for r in conn.execute("SELECT DISTINCT time_ms FROM card_resets WHERE card_id = ? ORDER BY time_ms",
                                       (card_id,))]


def _replayed(col: Collection, conn: sqlite3.Connection,
              card_id: int) -> tuple[list[sqlite3.Row], list[Step], list[int]]:
    rows = _history(conn, card_id)
    reviews = [(r["time"], r["rating"]) for r in rows]
    resets = resets_of(conn, card_id)
    return rows, replay_history(col.conf.scheduler, card_id, reviews, _leech_lapses(col, conn, card_id), resets), resets


def replay_cards(col: Collection, conn: sqlite3.Connection, card_ids: Iterable[int]) -> list[int]:
    """Rewrite each card's scheduling columns and its log rows' derived columns from its history,
    inside the caller's transaction; returns the ids of cards whose stored state changed."""
    changed: list[int] = []
    for card_id in sorted(set(card_ids)):
        stored = conn.execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
        if stored is None:
            continue
        rows, steps, resets = _replayed(col, conn, card_id)
        for row, step in zip(rows, steps):
            cols = log_columns(step)
            conn.execute(f"UPDATE revlog SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                         (*cols.values(), row["id"]))
        cols = card_columns(steps, [(r["time"], r["rating"]) for r in rows], resets)
        if any(stored[c] != v for c, v in cols.items()):
            conn.execute(f"UPDATE cards SET {', '.join(f'{c} = ?' for c in cols)} WHERE id = ?",
                         (*cols.values(), card_id))
            changed.append(card_id)
    col.card_store.forget(changed)
    return changed


def mismatches(col: Collection, card_ids: Iterable[int] | None = None) -> list[str]:
    """Where the stored state differs from the replay of the log (empty: it is reproduced
    exactly); one line per difference, ``card <id>: <column> stored … replayed …``."""
    out: list[str] = []
    with col.db.read() as conn:
        ids = list(card_ids) if card_ids is not None else [
            r[0] for r in conn.execute("SELECT DISTINCT card_id FROM revlog ORDER BY card_id")]
        for card_id in ids:
            stored = conn.execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
            rows, steps, resets = _replayed(col, conn, card_id)
            want = card_columns(steps, [(r["time"], r["rating"]) for r in rows], resets)
            out += [f"card {card_id}: {c} stored {stored[c]!r} replayed {v!r}"
                    for c, v in want.items() if stored[c] != v]
            for row, step in zip(rows, steps):
                log = conn.execute("SELECT * FROM revlog WHERE id = ?", (row["id"],)).fetchone()
                out += [f"card {card_id}: review {row['id']} {c} stored {log[c]!r} replayed {v!r}"
                        for c, v in log_columns(step).items() if log[c] != v]
    return out
