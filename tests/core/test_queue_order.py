"""Queue order: reviews spread evenly among the day's new cards (Anki's default), or the deck's
other order; tested over several learner days with the ``now`` parameter."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core.models import CardState
from flashcards.core.queue_pick import new_turn

from .conftest import T0, make_deck


def _collection(tmp_path: Path, reviews: int = 6, cards: int = 80) -> Collection:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "A", cards, "a")
    col = Collection.open(tmp_path / "c.sqlite3")
    col.conf.update(settings={"timezone": "UTC", "fuzz": False})
    col.decks.import_files([decks])
    for card in col.sched.cards("A")[-reviews:]:           # the last cards: reviews due by T0
        col.sched.answer(card, Rating.Easy, now=T0 - timedelta(days=40))
    return col


def _day(col: Collection, deck: str, now: datetime, limit: int = 200) -> list[str]:
    """The kinds ("n" new, "r" review) of the day's cards in the order shown; every answer Good,
    learning cards (shown once the piles are empty) left out."""
    kinds: list[str] = []
    for _ in range(limit):
        queued = col.sched.get_queued(deck, now=now)
        if queued is None:
            break
        card = queued.card
        if card.state == CardState.New:
            kinds.append("n")
        elif card.state == CardState.Review:
            kinds.append("r")
        col.sched.answer(card, Rating.Good, now=now)
        now += timedelta(seconds=5)
    return kinds


def _longest_new_run(kinds: list[str]) -> int:
    return max(len(run) for run in "".join(kinds).split("r"))


def test_twenty_new_and_six_reviews_are_mixed_evenly(tmp_path: Path) -> None:
    with _collection(tmp_path) as col:
        counts = col.sched.counts("A", now=T0)
        assert (counts.new, counts.review) == (20, 6)
        kinds = _day(col, "A", T0)
        assert kinds.count("n") == 20 and kinds.count("r") == 6
        assert "r" in kinds[:4]                    # the first review comes early
        assert kinds[:14].count("r") >= 3          # stopping after 14 cards, half the reviews are done
        assert _longest_new_run(kinds) <= 4        # 20 / 6: a review every 3–4 new cards
        assert kinds[-1] == "n"                    # reviews are spread through, not bunched at either end


def test_the_mix_stays_even_over_several_days_and_sessions(tmp_path: Path) -> None:
    with _collection(tmp_path, reviews=12, cards=200) as col:
        seen_reviews = 0
        for day in range(4):
            now = T0 + timedelta(days=day)
            first = _day(col, "A", now, limit=7)     # a short session, then the rest of the day
            rest = _day(col, "A", now + timedelta(hours=3))
            kinds = first + rest
            if kinds.count("r"):
                seen_reviews += 1
                assert _longest_new_run(kinds) <= -(-kinds.count("n") // kinds.count("r")) + 1, kinds
                assert "r" in kinds[: len(kinds) // kinds.count("r") + 2], kinds
            assert kinds.count("n") == 20
        assert seen_reviews >= 2


@pytest.mark.parametrize(("order", "expected"), [("new_first", "n" * 20 + "r" * 6),
                                                 ("reviews_first", "r" * 6 + "n" * 20)])
def test_the_deck_option_chooses_anki_other_orders(tmp_path: Path, order: str, expected: str) -> None:
    with _collection(tmp_path) as col:
        col.decks.update_options("A", order=order)
        assert "".join(_day(col, "A", T0)) == expected


def test_a_parent_deck_uses_its_own_order_for_its_children(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "p.yaml", "P", 1, "p")
    make_deck(decks / "c.yaml", "P::C", 40, "c")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.conf.update(settings={"timezone": "UTC", "fuzz": False})
        col.decks.import_files([decks])
        for card in col.sched.cards("P::C")[-5:]:
            col.sched.answer(card, Rating.Easy, now=T0 - timedelta(days=40))
        col.decks.update_options("P::C", order="new_first")   # the child's order: not used for P
        col.decks.update_options("P", order="reviews_first")
        kinds = _day(col, "P", T0)
        assert "".join(kinds[:5]) == "rrrrr"


def test_new_turn_rules() -> None:
    assert new_turn("mixed", 0, 5, 0, 0) is True            # only new cards
    assert new_turn("mixed", 0, 0, 0, 5) is False
    assert new_turn("mixed", 0, 1, 0, 1) is False           # a tie goes to the review
    assert new_turn("mixed", 0, 20, 0, 6) is True           # 1/21 before 1/7
    assert new_turn("mixed", 2, 18, 0, 6) is False          # 3/21 ties 1/7
    assert new_turn("new_first", 0, 1, 0, 100) is True
    assert new_turn("reviews_first", 0, 100, 0, 1) is False
