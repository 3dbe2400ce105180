"""Clock trouble: DST, time-zone changes and a clock set backwards never lose a due card."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashcards import Collection, Rating
from flashcards.core.clock import LearnerDay

from .conftest import make_deck

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("day", [date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 25), date(2026, 10, 26)])
def test_learner_days_are_contiguous_across_dst(day: date) -> None:
    learner = LearnerDay(4, "Europe/Berlin")
    start, end = learner.start_of(day), learner.start_of(day + timedelta(days=1))
    assert start.astimezone(BERLIN).hour == 4 and end.astimezone(BERLIN).hour == 4
    assert timedelta(hours=23) <= end - start <= timedelta(hours=25)
    assert learner.day_of(start) == day and learner.day_of(end - timedelta(seconds=1)) == day


@given(st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", None]),
       st.integers(0, 23), st.lists(st.integers(0, 3 * 365 * 24 * 60), min_size=1, max_size=40))
def test_the_remembered_day_gives_what_a_fresh_lookup_gives(zone: str | None, hour: int, minutes: list[int]) -> None:
    """day_of and bounds remember the last learner day; across DST changes (Lord Howe shifts
    by half an hour) and in any order of moments they equal a lookup without memory."""
    shared = LearnerDay(hour, zone)
    for m in minutes:
        moment = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=m)
        fresh = LearnerDay(hour, zone)
        assert shared.day_of(moment) == (fresh.local(moment) - timedelta(hours=hour)).date()
        assert shared.bounds(moment) == (fresh.start_of(fresh.day_of(moment)),
                                         fresh.start_of(fresh.day_of(moment) + timedelta(days=1)))


def test_a_review_due_on_a_dst_day_is_shown_that_day(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="Europe/Berlin", fuzz=False)
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 1)])
        card = col.next_card()
        before = datetime(2026, 3, 27, 20, 0, tzinfo=BERLIN)
        col.answer(card.id, Rating.Easy, now=before)
        due = col.card(card.id).due
        assert due.astimezone(BERLIN).hour == 4
        on_due_day = due + timedelta(minutes=1)
        assert col.counts(now=on_due_day).review == 1
        assert col.counts(now=due - timedelta(minutes=1)).review == 0


def test_time_zone_change_keeps_due_cards_due(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="Europe/Berlin", fuzz=False)
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 1)])
        card = col.next_card()
        col.answer(card.id, Rating.Easy, now=datetime(2026, 5, 1, 12, tzinfo=BERLIN))
        due = col.card(card.id).due
        later = due + timedelta(days=3)
        for zone in ("Pacific/Auckland", "America/Los_Angeles", "UTC"):
            col.update_settings(timezone=zone)
            assert col.counts(now=later).review == 1, zone
            assert col.next_card(now=later).id == card.id


def test_clock_set_backwards_gives_no_negative_interval(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 1)])
        card = col.next_card()
        t = datetime(2026, 6, 10, 12, tzinfo=UTC)
        col.answer(card.id, Rating.Easy, now=t)
        earlier = t - timedelta(days=2)  # the clock jumped back two days
        for _rating in Rating:
            assert all(v >= timedelta(0) for v in col.next_intervals(card.id, now=earlier).values())
        after = col.answer(card.id, Rating.Good, now=earlier)
        assert after.due > earlier
        assert 0 <= col.retrievability(card.id, now=earlier - timedelta(days=1)) <= 1
        assert col.review_log(card_id=card.id)[-1].interval_days > 0
