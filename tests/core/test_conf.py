"""col.conf: settings and UI preferences saved together, or not at all."""

from __future__ import annotations

import pytest

from flashcards import Collection, Settings
from flashcards.core import bounds


def test_settings_and_prefs_are_saved_in_one_transaction(col: Collection) -> None:
    statements: list[str] = []
    col.db.conn.set_trace_callback(statements.append)
    col.conf.update(settings={"new_per_day": 9, "day_start_hour": 5}, prefs={"ui": {"theme": "dark"}, "x": 1})
    col.db.conn.set_trace_callback(None)
    assert [s for s in statements if s in ("BEGIN IMMEDIATE", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"]
    assert col.settings.new_per_day == 9 and col.conf.get("ui") == {"theme": "dark"} and col.conf.get("x") == 1
    col.close()
    with Collection.open(col.path) as again:
        assert again.settings.day_start_hour == 5 and again.conf.get("ui") == {"theme": "dark"}


@pytest.mark.parametrize("settings, prefs", [
    ({"new_per_day": bounds.NEW_PER_DAY[1] + 1}, {"ui": "new"}),     # a setting out of range
    ({"new_per_day": 3}, {"ui": object()}),                          # a value that is not JSON
    ({"new_per_day": 3}, {"settings": {}}),                          # settings only through settings=
])
def test_a_refused_update_changes_nothing(col: Collection, settings: dict, prefs: dict) -> None:
    col.conf.update(prefs={"ui": "old"})
    before = col.settings
    with pytest.raises(ValueError):
        col.conf.update(settings=settings, prefs=prefs)
    assert col.settings == before and col.conf.get("ui") == "old"
    assert col.conf.get("settings")["new_per_day"] == before.new_per_day


def test_a_whole_settings_object_replaces_the_settings(col: Collection) -> None:
    col.conf.update(settings=Settings(timezone="UTC", leech_lapses=3))
    assert col.settings.leech_lapses == 3 and col.settings.new_per_day == Settings().new_per_day


def test_one_bound_for_each_daily_limit(col: Collection) -> None:
    deck = col.decks.names()[0]
    high = bounds.REVIEWS_PER_DAY[1]
    col.decks.set_options(deck, reviews_per_day=high)
    col.conf.update(settings={"reviews_per_day": high})
    for refuse in (lambda: col.decks.set_options(deck, new_per_day=bounds.NEW_PER_DAY[1] + 1),
                   lambda: col.conf.update(settings={"new_per_day": bounds.NEW_PER_DAY[1] + 1})):
        with pytest.raises(ValueError, match="new cards per day must be 0–100000"):
            refuse()


def test_the_answer_time_is_capped_once_in_core(col: Collection) -> None:
    col.conf.update(settings={"max_answer_seconds": 30})
    card = col.sched.next_card()
    result = col.sched.answer(card, 3, duration_ms=95_000)
    assert result.duration_ms == 30_000 == col.review_log(card.id)[-1].duration_ms
    assert col.settings.clamp_answer_ms(-5) == 0 and col.settings.clamp_answer_ms(None) == 0
