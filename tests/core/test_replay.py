"""Replay a real learner's review history (shared/data) and check FSRS's predictions hold up."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from flashcards import CardState, Collection, Rating

from .conftest import make_deck

HISTORY = Path(__file__).resolve().parents[3] / "shared" / "data" / "review-history-sample.csv"


@pytest.mark.skipif(not HISTORY.exists(), reason="shared/data is not beside this checkout")
def test_replayed_history_is_calibrated(tmp_path: Path) -> None:
    with HISTORY.open(newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["review_time"])
    source_ids = sorted({r["card_id"] for r in rows})
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([make_deck(tmp_path / "d.yaml", "Replay", len(source_ids))])
        ours = {source: card.id for source, card in zip(source_ids, col.cards())}
        predicted, recalled = [], []
        for row in rows:
            card_id = ours[row["card_id"]]
            now = datetime.fromisoformat(row["review_time"])
            card = col.card(card_id)
            if card.state == CardState.Review:
                predicted.append(col.retrievability(card_id, now=now))
                recalled.append(int(row["review_rating"]) > 1)
            col.answer(card_id, Rating(int(row["review_rating"])), now=now,
                       duration_ms=int(row["review_duration"]))
        assert len(col.review_log()) == len(rows)
    assert len(predicted) > 1000
    mean_predicted = sum(predicted) / len(predicted)
    actual = sum(recalled) / len(recalled)
    print(f"replayed {len(rows)} reviews; review-state recall predicted {mean_predicted:.3f}, actual {actual:.3f}")
    assert all(0.0 <= p <= 1.0 for p in predicted)
    assert abs(mean_predicted - actual) < 0.08
