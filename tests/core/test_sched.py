"""col.sched: the lean answer path, unbury/unsuspend, and answering a card that changed."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from flashcards import Collection, Rating
from flashcards.core.notes import NoteFields

from .conftest import T0, make_deck

# Before the managers, one grade (answer, next card, counts, intervals) ran 18 statements, 6 of
# them PRAGMA data_version. Now: BEGIN, PRAGMA data_version, UPDATE, INSERT, COMMIT = 5 when the
# next card was read ahead with its deck's next new or review cards (a one-card note's share of
# the counts is computed, not read); +1 to read a learning card's row, or a note's share when it
# has siblings; +1 when a deck's cards are read ahead again (every 8 cards) or for the first time.
MAX_STATEMENTS_PER_GRADE = 6


def _study_collection(tmp_path: Path) -> Collection:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "A", 40, "a")
    make_deck(decks / "b.yaml", "A::B", 40, "b")
    col = Collection.open(tmp_path / "c.sqlite3")
    col.conf.update(settings={"timezone": "UTC", "fuzz": False})
    col.decks.import_files([decks])
    for i, card in enumerate(col.sched.cards()):       # some reviews due, some learning cards
        if i % 4 == 0:
            col.sched.answer(card, Rating.Easy, now=T0 - timedelta(days=10))
        elif i % 4 == 1:
            col.sched.answer(card, Rating.Again, now=T0 - timedelta(minutes=3))
    return col


def test_a_grade_runs_at_most_six_statements(tmp_path: Path) -> None:
    with _study_collection(tmp_path) as col:
        queued = col.sched.get_queued("A", now=T0)
        counts, kinds = [], []
        for i in range(30):
            statements: list[str] = []
            col.db.conn.set_trace_callback(statements.append)
            result = col.sched.answer_and_next(queued, (3, 1, 4, 2)[i % 4], "A", now=T0, duration_ms=4000)
            col.db.conn.set_trace_callback(None)
            counts.append(len(statements))
            kinds.append(tuple(s.split()[0] for s in statements))
            assert sum("data_version" in s for s in statements) == 1
            queued = result.next
            assert queued is not None
        assert max(counts) <= MAX_STATEMENTS_PER_GRADE + 1, counts    # 2 decks: one may be cold
        assert sum(counts) <= MAX_STATEMENTS_PER_GRADE * len(counts), counts
        # a new card read ahead, answered: the write and nothing else
        assert kinds.count(("BEGIN", "PRAGMA", "UPDATE", "INSERT", "COMMIT")) >= 5, kinds


def test_answer_and_next_equals_separate_calls(tmp_path: Path) -> None:
    with _study_collection(tmp_path) as col:
        now = T0
        queued = col.sched.get_queued(None, now=now)
        answered = 0
        while queued is not None and answered < 60:
            result = col.sched.answer_and_next(queued.card, (3, 1, 4, 2, 3)[answered % 5], None, now=now)
            answered += 1
            assert result.card == col.sched.card(queued.card.id, now=now)     # as stored
            assert result.counts == col.sched.counts(None, now=now)
            assert result.next == col.sched.get_queued(None, now=now)
            if result.next is not None:
                assert result.next.intervals == col.sched.next_intervals(result.next.card.id, now=now)
                assert result.next.counts == result.counts
            now += timedelta(minutes=(0, 1, 7)[answered % 3])
            queued = col.sched.get_queued(None, now=now)
        assert answered == 60


def test_a_card_changed_since_it_was_shown_is_read_again(col: Collection) -> None:
    card = col.sched.next_card(now=T0)
    col.sched.answer(card, Rating.Good, now=T0)
    col.sched.undo()
    shown_then = col.sched.answer(card, Rating.Again, now=T0).card     # the same object, after undo
    assert shown_then.reps == 1 and len(col.review_log(card.id)) == 1
    stale = col.sched.answer(card, Rating.Good, now=T0 + timedelta(minutes=2)).card   # an old copy
    assert stale.reps == 2 and [e.rating for e in col.review_log(card.id)] == [Rating.Again, Rating.Good]
    by_id = col.sched.answer(card.id, Rating.Good, now=T0 + timedelta(minutes=20)).card
    assert by_id.reps == 3 and by_id == col.sched.card(card.id, now=T0 + timedelta(minutes=20))


def test_unbury_and_unsuspend_bring_cards_back(col: Collection) -> None:
    first = col.sched.next_card(now=T0)
    before = col.sched.counts(now=T0)
    col.sched.bury([first.id], now=T0)
    col.sched.suspend(first.id)
    assert col.sched.card(first.id, now=T0).buried and col.sched.card(first.id).suspended
    col.sched.unsuspend([first.id])
    assert not col.sched.card(first.id).suspended and col.sched.next_card(now=T0) != first
    col.sched.unbury([first.id])
    assert col.sched.counts(now=T0) == before and col.sched.next_card(now=T0) == first
    col.sched.undo()                                         # undo unbury: buried again
    assert col.sched.card(first.id, now=T0).buried


def _twin(col: Collection, tmp_path: Path) -> Collection:
    """A second collection with the same content (backup API copy)."""
    col.db.conn.execute("PRAGMA wal_checkpoint(FULL)")
    target = tmp_path / "twin.sqlite3"
    dest = sqlite3.connect(target)
    col.db.conn.backup(dest)
    dest.close()
    return Collection.open(target)


def test_an_answer_given_the_queued_card_stores_what_an_answer_given_the_card_stores(tmp_path: Path) -> None:
    """The outcome the buttons showed is reused on the same learner day and computed afresh when
    the answer comes on a later one (every 7th answer, 20 hours later) — either way the stored
    card and review log equal an answer that recomputes everything."""
    with _study_collection(tmp_path) as col, _twin(col, tmp_path) as twin:
        now = T0
        for i in range(40):
            queued, shown = col.sched.get_queued(None, now=now), twin.sched.get_queued(None, now=now)
            assert queued is not None and shown is not None and queued.card == shown.card
            queued.intervals                                       # noqa: B018 - the answer side shown
            later = now + (timedelta(hours=20) if i % 7 == 6 else timedelta(seconds=30))
            rating = (3, 1, 4, 2, 3)[i % 5]
            a = col.sched.answer_and_next(queued, rating, None, now=later)
            b = twin.sched.answer_and_next(shown.card, rating, None, now=later)
            assert a.card == b.card and a.counts == b.counts
            assert (a.next.card if a.next else None) == (b.next.card if b.next else None)
            now = later
        assert [(e.card_id, e.time, e.rating, e.state_after, e.interval_days) for e in col.review_log()] == \
            [(e.card_id, e.time, e.rating, e.state_after, e.interval_days) for e in twin.review_log()]


def test_a_card_read_ahead_and_edited_before_it_is_shown_shows_the_edit(tmp_path: Path) -> None:
    """The queue reads each deck's next cards with their text; an edit in between (any write
    but an answer) drops them, so the next card shows the new text, not the text read ahead."""
    with _study_collection(tmp_path) as col:
        queued = col.sched.get_queued("A::B", now=T0)
        for _ in range(60):                  # to two cards in a row from the read-ahead (new or review)
            assert queued is not None
            following = col.sched.answer_and_next(queued, 3, "A::B", now=T0).next
            assert following is not None
            if following.card.state in (0, 2):
                col.sched.undo()             # back to `queued`: `following` is read ahead, not shown
                break
            queued = following
        again = col.sched.get_queued("A::B", now=T0)
        assert again is not None and again.card.id == queued.card.id
        note = col.notes.note(following.card.id)
        col.notes.update(note.id, NoteFields("basic", "Edited front?", "Edited back"))
        shown = col.sched.answer_and_next(again, 3, "A::B", now=T0).next
        assert shown is not None and shown.card.id == following.card.id
        assert (shown.card.front, shown.card.back) == ("Edited front?", "Edited back")
