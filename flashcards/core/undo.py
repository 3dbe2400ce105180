"""Undo for answers, buries and suspends: what each change overwrote, and how to put it back."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from .clock import to_ms
from .scheduling import SchedState


@dataclass(frozen=True)
class UndoResult:
    """What :meth:`Collection.undo` reverted: ``action`` is "answer", "bury" or "suspend"."""

    action: str
    card_id: int


@dataclass(frozen=True)
class UndoEntry:
    """A card's state before one change (and the review-log row the change added, if any)."""

    action: str
    card_id: int
    before: SchedState
    suspended: bool
    buried_day: str | None
    leech: bool
    revlog_id: int | None = None

    def revert(self, conn: sqlite3.Connection) -> UndoResult:
        """Restore the card and drop the log row, inside the caller's transaction."""
        st = self.before
        conn.execute(
            "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
            "last_review = ?, reps = ?, lapses = ?, suspended = ?, buried_day = ?, leech = ? WHERE id = ?",
            (int(st.state), st.step, st.stability, st.difficulty, to_ms(st.due) if st.due else None,
             to_ms(st.last_review) if st.last_review else None, st.reps, st.lapses,
             int(self.suspended), self.buried_day, int(self.leech), self.card_id))
        if self.revlog_id is not None:
            conn.execute("DELETE FROM revlog WHERE id = ?", (self.revlog_id,))
        return UndoResult(self.action, self.card_id)


def sched_to_json(st: SchedState, extra: dict[str, Any]) -> str:
    """The review log's ``before`` column: a card's scheduling state as JSON (times in ms UTC)."""
    return json.dumps({"state": int(st.state), "step": st.step, "stability": st.stability,
                       "difficulty": st.difficulty, "due": to_ms(st.due) if st.due else None,
                       "last_review": to_ms(st.last_review) if st.last_review else None,
                       "reps": st.reps, "lapses": st.lapses, **extra})
