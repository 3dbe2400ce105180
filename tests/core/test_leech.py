"""Leeches: a card failed ``leech_lapses`` times is marked a leech and suspended or only marked,
as its deck's options say; undo puts it back."""

from __future__ import annotations

from datetime import datetime, timedelta

from flashcards import Collection, Rating
from flashcards.core.models import Card

from .conftest import T0


def _lapse_until(col: Collection, card: Card, lapses: int) -> tuple[Card, datetime]:
    """Answer ``card`` Good then Again, a review a few days apart, until it has ``lapses`` lapses."""
    now = T0
    card = col.sched.answer(card, Rating.Good, now=now).card
    while card.lapses < lapses:
        now += timedelta(days=3)
        card = col.sched.answer(card, Rating.Good, now=now).card      # learning/relearning -> review
        now += timedelta(days=3)
        if card.state == 2:
            card = col.sched.answer(card, Rating.Again, now=now).card
    return card, now


def test_eight_lapses_suspend_by_default(col: Collection) -> None:
    card = col.sched.cards()[0]
    card, now = _lapse_until(col, card, 7)
    assert not card.leech and not card.suspended
    card, now = _lapse_until(col, card, 8)
    assert card.leech and card.suspended
    stored = col.sched.card(card.id, now=now)
    assert stored.leech and stored.suspended and stored.lapses == 8
    assert card.id not in {c.id for c in [col.sched.next_card(now=now + timedelta(days=400))] if c}
    col.sched.undo()                                    # the answer that made it a leech
    back = col.sched.card(card.id, now=now)
    assert not back.leech and not back.suspended and back.lapses == 7


def test_deck_option_threshold_and_tag_only(col: Collection) -> None:
    card = col.sched.cards()[0]
    col.decks.update_options(card.deck, leech_lapses=2, leech_action="tag")
    card, now = _lapse_until(col, card, 1)
    assert not card.leech
    card, now = _lapse_until(col, card, 2)
    assert card.leech and not card.suspended
    assert not col.sched.card(card.id, now=now).suspended


def test_threshold_of_another_deck_does_not_apply(col: Collection) -> None:
    cards = col.sched.cards()
    other = next(c for c in cards if c.deck != cards[0].deck)
    col.decks.update_options(other.deck, leech_lapses=1)
    card, _ = _lapse_until(col, cards[0], 1)
    assert not card.leech
