"""Custom study: one-day limit increases (config), forgotten cards and review ahead as a
card-list session; tested with the ``now`` parameter across learner days."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core import custom_study as cs
from flashcards.core.models import CardState

from .conftest import T0, make_deck


@pytest.fixture
def col(tmp_path: Path):
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "A", 60, "a")
    make_deck(decks / "b.yaml", "B", 5, "b")
    with Collection.open(tmp_path / "c.sqlite3") as collection:
        collection.conf.update(settings={"timezone": "UTC", "fuzz": False})
        collection.decks.import_files([decks])
        yield collection


def test_more_new_cards_today_raises_the_limit_for_today_only(col: Collection) -> None:
    assert col.sched.counts("A", now=T0).new == 20
    changes = cs.extend_limits(col, "A", new=15, now=T0)
    assert changes.study_queue and changes.config
    assert col.sched.counts("A", now=T0).new == 35
    assert col.decks.tree(now=T0)[0].counts.new == 35              # the deck list says so too
    assert cs.extension(col, "A", now=T0) == (15, 0)
    cs.extend_limits(col, "A", new=5, now=T0 + timedelta(hours=1))  # added to today's increase
    assert col.sched.counts("A", now=T0).new == 40
    assert col.sched.counts("B", now=T0).new == 5                   # other decks keep their limits
    studied = 0
    now = T0
    while (queued := col.sched.get_queued("A", now=now)) is not None and queued.card.state == CardState.New:
        col.sched.answer(queued.card, Rating.Easy, now=now)
        studied += 1
    assert studied == 40
    tomorrow = T0 + timedelta(days=1)
    assert cs.extension(col, "A", now=tomorrow) == (0, 0)
    assert col.sched.counts("A", now=tomorrow).new == 20            # the increase lapsed


def test_more_reviews_and_bad_numbers(col: Collection) -> None:
    cs.extend_limits(col, "B", review=3, now=T0)
    assert cs.extension(col, "B", now=T0) == (0, 3)
    for bad in ({"new": 0}, {"new": -1}, {"review": 10_000}, {"new": True}):
        with pytest.raises(ValueError):
            cs.extend_limits(col, "A", now=T0, **bad)
    with pytest.raises(KeyError):
        cs.extend_limits(col, "Nope", new=1, now=T0)
    assert cs.extension(col, "A", now=T0) == (0, 0)


def test_forgotten_cards_session_shows_each_once_and_relearning_ones_again(col: Collection) -> None:
    cards = col.sched.cards("A")
    day0 = T0 - timedelta(days=30)
    for card in cards[:6]:
        col.sched.answer(card, Rating.Easy, now=day0)
    forgot = [c.id for c in cards[:3]]
    for i, card_id in enumerate(forgot):                 # forgotten 0, 2 and 5 days ago
        when = T0 - timedelta(days=(0, 2, 5)[i])
        col.sched.answer(col.sched.card(card_id, when), Rating.Again, now=when)
        col.sched.answer(col.sched.card(card_id, when), Rating.Good, now=when + timedelta(minutes=11))
    assert cs.forgotten_cards(col, "A", 3, now=T0) == forgot[:2]
    assert cs.forgotten_cards(col, "A", 7, now=T0) == forgot
    with pytest.raises(ValueError):
        cs.forgotten_cards(col, "A", 0, now=T0)

    session = cs.start_session(col, "A", cs.FORGOTTEN, 7, now=T0)
    assert session is not None and "forgotten in the last 7 days" in session.title
    shown = []
    queued = session.next(col, now=T0)
    now = T0
    while queued is not None and len(shown) < 10:
        shown.append(queued.card.id)
        rating = Rating.Again if len(shown) == 1 else Rating.Good
        result = session.answer_and_next(col, queued.card, rating, now=now)
        queued = result.next
        now += timedelta(seconds=30)
    assert shown[:3] == forgot and shown[3] == forgot[0]          # the Again card came back once
    assert len(shown) >= 4 and set(shown) == set(forgot)


def test_review_ahead_lists_cards_due_in_the_next_days(col: Collection) -> None:
    cards = col.sched.cards("A")[:4]
    for card in cards:
        col.sched.answer(card, Rating.Good, now=T0)
        col.sched.answer(col.sched.card(card.id, T0), Rating.Good, now=T0 + timedelta(minutes=11))
    dues = sorted(col.sched.card(c.id).due for c in cards)
    days = (dues[-1] - T0).days + 1
    ahead = cs.ahead_cards(col, "A", days, now=T0)
    assert sorted(ahead) == sorted(c.id for c in cards)
    assert cs.ahead_cards(col, "A", 1, now=T0 - timedelta(days=40)) == []
    session = cs.start_session(col, "A", cs.AHEAD, days, now=T0)
    assert session is not None and session.next(col, now=T0).counts.review == len(cards)
    log_before = len(col.review_log())
    session.answer_and_next(col, session.next(col, now=T0).card, Rating.Good, now=T0 + timedelta(hours=1))
    assert len(col.review_log()) == log_before + 1                 # answers are scheduled as usual


def test_unknown_kind(col: Collection) -> None:
    with pytest.raises(ValueError):
        cs.start_session(col, "A", "everything", 1, now=T0)
