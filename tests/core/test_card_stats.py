"""The statistics' fast paths give the same figures as the straightforward ones: card figures from
light rows (no Card objects), the daily activity read on a second connection in a thread, and
the daily query answered from the covering index alone (schema v5)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core import card_stats, stats
from flashcards.core.clock import LearnerDay, to_ms

from .conftest import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
BERLIN = "Europe/Berlin"
DAY = LearnerDay(4, BERLIN)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "Art::One", 5, "a")
    with Collection.open(tmp_path / "c.sqlite3") as collection:
        collection.update_settings(timezone=BERLIN, fuzz=False, day_start_hour=4)
        collection.import_decks([decks])
        cards = collection.sched.cards()
        for k, card in enumerate(cards[:4]):           # answered across the DST change of 03-29
            for step in range(3):
                collection.sched.answer(card.id, Rating.Good if (k + step) % 3 else Rating.Again,
                                        now=NOW - timedelta(days=10 - 3 * step, hours=k), duration_ms=1000 * (k + 1))
        yield collection


def _ids(col: Collection) -> list[int]:
    return [col.decks.row(name).id for name in col.decks.names()]


def test_daily_activity_on_a_thread_equals_the_direct_one(col: Collection, tmp_path: Path) -> None:
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    direct = stats.daily_activity(col, first, last, DAY)
    assert sum(d.total for d in direct) == 12
    assert stats.daily_activity_later(col, first, last, DAY)() == direct
    deck = [col.decks.row("Art::One").id]
    assert stats.daily_activity_later(col, first, last, DAY, deck)() == stats.daily_activity(col, first, last, DAY, deck)
    conn = sqlite3.connect(tmp_path / "c.sqlite3")             # not a collection with a path: read at once
    try:
        assert stats.daily_activity_later(conn, first, last, DAY)() == direct
    finally:
        conn.close()


def test_recall_is_the_schedulers(col: Collection) -> None:
    rows = card_stats.card_rows(col.db, _ids(col))
    cards = {c.id: c for c in col.sched.cards(now=NOW)}
    assert sorted(r.id for r in rows) == sorted(cards)
    recall = card_stats.recall(rows, col.conf.scheduler, NOW + timedelta(microseconds=123_457))
    assert recall == {i: col.sched.retrievability(c, NOW + timedelta(microseconds=123_457)) for i, c in cards.items()}
    assert any(0 < v < 1 for v in recall.values()) and recall[max(cards)] == 0.0


def test_intervals_in_learner_days_and_far_ones(col: Collection) -> None:
    rows = card_stats.card_rows(col.db, _ids(col))
    review = [r for r in rows if r.state == 2]
    assert review
    got = card_stats.intervals(rows, DAY, far=365)
    for r in review:
        assert r.due is not None and r.last_review is not None
        due, last = (datetime.fromtimestamp(ms / 1000, UTC) for ms in (r.due, r.last_review))
        assert got[r.id] == max(0, (DAY.day_of(due) - DAY.day_of(last)).days)
    # Across the DST change: 03-28 23:00 UTC is learner day 03-28; 03-30 02:30 UTC (04:30 CEST) is 03-30.
    row = review[0]._replace(last_review=to_ms(datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),
                             due=to_ms(datetime(2026, 3, 30, 2, 30, tzinfo=UTC)))
    far = review[0]._replace(id=-1, due=row.last_review + 500 * 86_400_000, last_review=row.last_review)
    assert card_stats.intervals([row, far], DAY, far=365) == {row.id: 2, -1: 365}


def test_the_daily_query_reads_only_the_covering_index(col: Collection) -> None:
    sql = stats._ACTIVITY_SQL.format(deck="")
    plan = " ".join(r[3] for r in col.db.conn.execute("EXPLAIN QUERY PLAN " + sql, (0, to_ms(NOW))))
    assert "COVERING INDEX revlog_stats" in plan
