"""One note's share of the study queue's counts: what an answer of one of its cards changes.

A share is a list of rows, one per card of the note: ``[card id, deck id, active, new, review,
new done today, reviews done today, answers today]`` (ints), as the counts of
:mod:`.study_queue` count them. :class:`~flashcards.core.study_queue.QueueCache` patches its
counts with the share before an answer and the share after it.

The share is read with one query (:func:`read`), or, for a note of one card whose row the queue
has just read (the card shown), computed from that row without SQL (:func:`from_row`). Only the
differences between before and after matter, and whether the note had an answer today before
(then, with ``bury_siblings``, the note is hidden from the new and review counts).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any

from .queue_sql import ACTIVE, IS_NEW, IS_REVIEW_DUE

Share = list[list[int]]

_READ = (f"SELECT c.id, c.deck_id, ({ACTIVE}), ({ACTIVE} AND {IS_NEW}), ({ACTIVE} AND {IS_REVIEW_DUE}), "
         "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start AND r.state_before = 0), "
         "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start AND r.state_before = 2), "
         "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start) "
         "FROM cards c WHERE c.note_id = (SELECT note_id FROM cards WHERE id = :card)")


def _due_flags(active: bool, state: int, due_ms: int | None, day_end_ms: int) -> tuple[int, int]:
    """``(new, review due today)`` of one card as the counts count it (``IS_NEW``, ``IS_REVIEW_DUE``)."""
    return int(active and state == 0), int(active and state == 2 and due_ms is not None and due_ms < day_end_ms)


def read(conn: sqlite3.Connection, params: Mapping[str, object], card_id: int) -> Share:
    """``card_id``'s note, card by card, as stored (``params``: the queue's, see QueueTimes.sql)."""
    return [list(r) for r in conn.execute(_READ, {**params, "card": card_id})]


def from_row(row: Mapping[str, Any], card_id: int, params: Mapping[str, object], answered_today: bool) -> Share:
    """The share of a one-card note from its card's row (``deck_id``, ``retired``,
    ``suspended``, ``buried_day``, ``state``, ``due``), without SQL. ``answered_today``: the card
    has an answer of today in the review log. The done-today columns hold only that flag: an
    answer adds to them, so only their difference counts."""
    buried = row["buried_day"]
    active = int(not row["retired"] and not row["suspended"] and (buried is None or buried < params["today"]))
    new, review = _due_flags(bool(active), row["state"], row["due"], params["day_end"])  # type: ignore[arg-type]
    return [[card_id, row["deck_id"], active, new, review, 0, 0, int(answered_today)]]


def after_answer(rows: Share, card_id: int, state_before: int, state_after: int, due_after_ms: int | None,
                 day_end_ms: int) -> Share:
    """``rows`` once ``card_id`` is answered, without reading again: an answer changes only the
    answered card's state and due time and adds one review-log row of today."""
    out = []
    for row in rows:
        row = list(row)
        if row[0] == card_id:
            row[3], row[4] = _due_flags(bool(row[2]), state_after, due_after_ms, day_end_ms)
            row[5] += state_before == 0
            row[6] += state_before == 2
            row[7] += 1
        out.append(row)
    return out


def by_deck(rows: Share, bury_siblings: bool) -> dict[int, list[int]]:
    """Per deck, what the note adds to [new, review, new done, reviews done, answers today]."""
    share: dict[int, list[int]] = {}
    answered = False
    for row in rows:
        values = row[3:]
        totals = share.setdefault(row[1], [0, 0, 0, 0, 0])
        for i, v in enumerate(values):
            totals[i] += v
        answered = answered or values[4] > 0
    if answered and bury_siblings:                     # the note is hidden today
        for totals in share.values():
            totals[0] = totals[1] = 0
    return share
