"""Replaying a card's review log reproduces its stored scheduling state exactly."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from flashcards import Collection
from flashcards.core.sync.replay import mismatches, replay_cards

from ..conftest import T0, make_deck


def _studied(tmp_path: Path, fuzz: bool, seed: int = 7) -> Collection:
    col = Collection.open(tmp_path / "c.sqlite3")
    col.update_settings(timezone="Europe/Berlin", fuzz=fuzz, leech_lapses=3)
    col.import_decks([make_deck(tmp_path / "d.yaml", "Replay", 30)])
    rng = random.Random(seed)
    now = T0
    cards = col.cards()
    for _ in range(600):                    # minutes to weeks apart, every rating
        now += timedelta(minutes=rng.choice([1, 7, 45, 600, 1500, 4000, 20000]), seconds=rng.random() * 50)
        card = rng.choice(cards)
        col.sched.answer(card.id, rng.choice([1, 2, 3, 3, 3, 4]), now=now, duration_ms=rng.randrange(500, 9000))
    return col


def test_replay_reproduces_the_stored_state_with_fuzz(tmp_path: Path) -> None:
    with _studied(tmp_path, fuzz=True) as col:
        assert len(col.review_log()) == 600
        assert any(c.leech for c in col.cards())
        assert mismatches(col) == []


def test_replay_reproduces_the_stored_state_without_fuzz(tmp_path: Path) -> None:
    with _studied(tmp_path, fuzz=False, seed=3) as col:
        assert mismatches(col) == []


def test_replay_writes_nothing_when_the_state_is_reproduced(tmp_path: Path) -> None:
    with _studied(tmp_path, fuzz=True) as col:
        ids = [c.id for c in col.cards()]
        with col.db.write() as conn:
            assert replay_cards(col, conn, ids) == []


def test_replay_repairs_a_card_whose_state_was_tampered_with(tmp_path: Path) -> None:
    with _studied(tmp_path, fuzz=True) as col:
        card = next(c for c in col.cards() if c.reps > 2)
        with col.db.write() as conn:
            conn.execute("UPDATE cards SET stability = 999, reps = 1 WHERE id = ?", (card.id,))
        assert len(mismatches(col, [card.id])) == 2
        with col.db.write() as conn:
            assert replay_cards(col, conn, [card.id]) == [card.id]
        assert mismatches(col) == []
        assert col.card(card.id).stability == card.stability
