"""Calibration over a bounded sample of the review log (core/calibration.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core import calibration as cal
from flashcards.core.evaluate import replay
from flashcards.core.optimize import rows_from_log

from .conftest import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
RATINGS = (Rating.Good, Rating.Again, Rating.Good, Rating.Hard, Rating.Easy, Rating.Good)


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    """Two decks of 6 cards, each card answered on 6 different days over the last 60 days."""
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "Art::One", 6, "a")
    make_deck(decks / "b.yaml", "Art::Two", 6, "b")
    with Collection.open(tmp_path / "c.sqlite3") as collection:
        collection.update_settings(fuzz=False)
        collection.import_decks([decks])
        for k, card in enumerate(collection.sched.cards()):
            for i in range(6):
                collection.sched.answer(card.id, RATINGS[(k + i) % 6],
                                        now=NOW - timedelta(days=60 - 10 * i - k % 3, hours=k))
        yield collection


def _full(col: Collection, deck: str | None, since: datetime) -> list[cal.CalibrationBin]:
    """The calibration as it was defined before sampling: the whole log replayed."""
    scheduler = replace(col.conf.scheduler, fuzz=False)
    return cal.bin_predictions(replay(rows_from_log(col, deck), scheduler, since=since, until=NOW))


@pytest.mark.parametrize("deck", [None, "Art::Two"])
def test_within_the_budget_it_is_the_whole_replay(col: Collection, deck: str | None) -> None:
    since = NOW - timedelta(days=25)
    result = cal.calibration(col, deck, since=since, until=NOW)
    assert not result.sampled and result.cards == result.answered == (12 if deck is None else 6)
    assert result.bins == _full(col, deck, since) and sum(b.count for b in result.bins) > 0


def test_over_the_budget_a_deterministic_sample_of_whole_histories(col: Collection) -> None:
    since = NOW - timedelta(days=25)
    rows, cards, answered = cal.sample_rows(col, None, since, NOW, budget=20)
    assert (cards, answered, len(rows)) == (3, 12, 18)              # 6 rows a card: 3 fit in 20
    assert rows == sorted(rows, key=lambda r: r.time)
    assert cal.sample_rows(col, None, since, NOW, budget=20) == (rows, cards, answered)
    for card in {r.card for r in rows}:                             # each sampled card's whole history
        assert [r for r in rows if r.card == card] == [r for r in rows_from_log(col) if r.card == card]


def test_one_card_over_the_budget_is_still_replayed(col: Collection) -> None:
    rows, cards, answered = cal.sample_rows(col, None, NOW - timedelta(days=25), NOW, budget=1)
    assert (cards, answered, len(rows)) == (1, 12, 6)


def test_progress_reports_the_sample(col: Collection, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards.core import progress as pg

    full = pg.progress(col, now=NOW)
    assert (full.calibration_cards, full.calibration_answered) == (12, 12)
    monkeypatch.setattr(cal, "SAMPLE_ROWS", 20)
    monkeypatch.setattr(cal.sample_rows, "__defaults__", (20,))
    part = pg.progress(col, now=NOW)
    assert (part.calibration_cards, part.calibration_answered) == (3, 12)
    assert part.to_json()["calibration_cards"] == 3
