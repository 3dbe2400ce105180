"""Session totals, list-card suggestions and the time texts of the study screens (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from flashcards import Rating
from flashcards.ui.session import SessionStats, format_duration, format_next_due, suggested_rating


def test_suggested_rating_from_ticked_share() -> None:
    assert suggested_rating(3, 3) == Rating.Good
    assert suggested_rating(2, 3) == Rating.Hard
    assert suggested_rating(1, 2) == Rating.Hard
    assert suggested_rating(1, 3) == Rating.Again
    assert suggested_rating(0, 2) == Rating.Again


def test_session_stats_and_undo() -> None:
    stats = SessionStats("A")
    stats.record(1, Rating.Good, 5_000)
    stats.record(2, Rating.Again, 60_000)     # as the core logged it
    stats.record(3, Rating.Easy, 1_000)
    assert stats.studied == 3 and stats.time_ms == 66_000
    assert abs(stats.correct_share - 2 / 3) < 1e-9
    assert not stats.undo(2) and stats.undo(3) and stats.studied == 2


def test_format_duration() -> None:
    assert format_duration(45_400) == "45 s"
    assert format_duration(185_000) == "3 min 5 s"
    assert format_duration(120_000) == "2 min"
    assert format_duration(3_900_000) == "1 h 5 min"


def test_format_next_due() -> None:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert format_next_due(None, now) == ""
    assert format_next_due(now + timedelta(seconds=20), now) == "in less than a minute"
    assert format_next_due(now + timedelta(minutes=25), now) == "in 25 min"
    assert format_next_due(now + timedelta(hours=3), now) == "in 3 h"
    local_now = now.astimezone()
    tomorrow_4 = (local_now + timedelta(days=1)).replace(hour=4, minute=0, second=0, microsecond=0)
    assert format_next_due(tomorrow_4, now) == "tomorrow at 04:00"
    assert format_next_due(now + timedelta(days=30), now).startswith("on ")
