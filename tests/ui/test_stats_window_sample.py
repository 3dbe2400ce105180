"""The statistics window names the calibration's sample when only some cards were replayed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from flashcards import Collection
from flashcards.core import progress as pg
from flashcards.ui.stats_window import calibration_title

from .app_fixtures import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)


def test_calibration_title_names_the_sample(tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "Art::One", 3, "a")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([tmp_path / "decks"])
        p = pg.progress(col, now=NOW)
    assert calibration_title(p) == "Predicted vs actual recall"
    sampled = replace(p, calibration_cards=180, calibration_answered=12_000)
    assert calibration_title(sampled) == "Predicted vs actual recall (180 of 12,000 cards)"
