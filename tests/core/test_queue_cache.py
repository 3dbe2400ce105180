"""The study queue's cache (counts, deck tree, each deck's first card) never changes an answer:
after any sequence of study actions, counts and the next card equal a fresh computation."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from flashcards import Collection
from flashcards.core import queue_pick, study_queue

from .conftest import FIXTURES, T0, make_deck

ACTIONS = st.lists(st.tuples(st.sampled_from(["study"] * 3 + ["lean"] * 3 + ["time"] * 2
                                            + ["bury", "suspend", "undo", "limits", "external", "unhide", "stale"]),
                             st.integers(0, 10_000)), min_size=5, max_size=60)


def fresh(col: Collection, deck: str | None, now) -> tuple:
    """Counts and next card id computed without any cache."""
    conn, times, bury = col.db.conn, col.conf.queue_times(now), col.settings.bury_siblings
    kept, col.decks._queue = col.decks._queue, study_queue.QueueCache()
    try:
        row = col.decks.row(deck)                          # a deck tree read afresh
    finally:
        col.decks._queue = kept
    counts = queue_pick.counts_for(row, study_queue.load_state(conn, times, bury))
    picked = queue_pick.pick_card(conn, row, times, bury)
    return counts, (picked[0] if picked else None)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS, bury=st.booleans())
@example(actions=[("study", 5)] * 20, bury=True)             # deck "Siblings": answers hide siblings
@example(actions=[("study", 0), ("time", 3), ("study", 1)] * 8, bury=True)
def test_cached_queue_matches_a_fresh_computation(tmp_path_factory, actions, bury) -> None:
    tmp = tmp_path_factory.mktemp("q")
    decks = tmp / "decks"
    decks.mkdir()
    for path in FIXTURES.glob("*.yaml"):
        (decks / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    make_deck(decks / "extra.yaml", "Hemifacial Spasm::Extra", 6)
    lines = ['deck: "Siblings"', "cards:"]
    for i in range(6):                                     # notes with two or three cards each
        lines += [f"  - id: r{i}", "    type: reverse", f'    front: "F{i}"', f'    back: "B{i}"',
                  f"  - id: c{i}", "    type: cloze", f'    text: "{{{{c1::a{i}}}}} {{{{c2::b{i}}}}} {{{{c3::c{i}}}}}"']
    (decks / "siblings.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Collection.open(tmp / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False, bury_siblings=bury, new_per_day=100, reviews_per_day=4)
        col.import_decks([decks])
        for i, card in enumerate(col.cards()):           # some history: reviews due now, some later
            if i % 3:
                col.answer(card.id, 4, now=T0 - timedelta(days=(20, 3)[i % 2]))
        names = [None, *col.deck_names()]
        now = T0
        for action, n in actions:
            deck = names[n % len(names)]
            ids = [c.id for c in col.cards()]
            if action == "study":
                card = col.next_card(deck, now=now)
                if card is not None:
                    col.answer(card.id, (4, 3, 4, 3, 1, 2)[n % 6], now=now)
            elif action == "lean":                         # answer and next card in one call
                queued = col.sched.get_queued(deck, now=now)
                if queued is not None:
                    result = col.sched.answer_and_next(queued.card, (4, 3, 1, 2)[n % 4], deck, now=now)
                    counts, next_id = fresh(col, deck, now)
                    assert result.counts == counts
                    assert (result.next.card.id if result.next else None) == next_id
                    if result.next:                            # a card read ahead is as stored now
                        assert result.next.card == col.sched.card(next_id, now=now)
            elif action == "stale":                            # the card shown changes before its answer
                queued = col.sched.get_queued(deck, now=now)
                if queued is not None:
                    other = sqlite3.connect(col.path)
                    other.execute("UPDATE cards SET suspended = ?, buried_day = ? WHERE id = ?",
                                  (n % 2, None if n % 3 else "2999-01-01", queued.card.id))
                    other.commit()
                    other.close()
                    col.counts(deck, now=now)                  # the queue reads the file again
                    col.sched.answer_and_next(queued, (4, 3, 1, 2)[n % 4], deck, now=now)
            elif action == "unhide":
                (col.sched.unbury if n % 2 else col.sched.unsuspend)(ids[n % len(ids):][:3])
            elif action == "time":
                now += timedelta(minutes=(1, 11, 600, 1500, 6000, 20000)[n % 6])
            elif action == "bury":
                col.bury(ids[n % len(ids)], now=now)
            elif action == "suspend":
                col.suspend(ids[n % len(ids)], bool(n % 3))
            elif action == "undo":
                col.undo()
            elif action == "limits" and deck:
                col.set_deck_options(deck, new_per_day=n % 4, reviews_per_day=n % 5)
            elif action == "external":                     # another process changes the file
                other = sqlite3.connect(col.path)
                other.execute("UPDATE cards SET suspended = ? WHERE id = ?", (n % 2, ids[n % len(ids)]))
                other.commit()
                other.close()
            counts, next_id = fresh(col, deck, now)
            assert col.counts(deck, now=now) == counts
            card = col.next_card(deck, now=now)
            assert (card.id if card else None) == next_id
            if card:
                assert card == col.sched.card(card.id, now=now)
