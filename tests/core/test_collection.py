"""The collection: schema, import, study, persistence, re-import, limits, undo."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import CardState, Collection, DeckValidationError, Rating, SchemaError
from flashcards.core.schema import SCHEMA_VERSION

from .conftest import T0, make_deck


def test_schema_is_created_and_reopened(tmp_path: Path) -> None:
    path = tmp_path / "new" / "c.sqlite3"
    with Collection.open(path) as col:
        assert col.deck_names() == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"decks", "notes", "cards", "revlog", "config"} <= tables
    conn.close()
    with Collection.open(path) as col:  # reopening an existing file works and keeps it
        assert col.deck_names() == []


def test_foreign_and_newer_files_are_refused_untouched(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(SchemaError):
        Collection.open(junk)
    assert junk.read_bytes() == b"this is not a database" * 100
    newer = tmp_path / "newer.sqlite3"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        Collection.open(newer)


def test_import_study_reopen_persists_state_and_log(tmp_path: Path, decks_dir: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        report = col.import_decks([decks_dir])
        assert len(report.added) == 8 and not report.removed
        assert col.deck_names() == ["Hemifacial Spasm", "Hemifacial Spasm::Causes", "Hemifacial Spasm::Symptoms"]
        card = col.next_card(now=T0)
        assert card is not None and card.state == CardState.New
        col.answer(card.id, Rating.Good, now=T0, duration_ms=3500)
    with Collection.open(path) as col:
        again = col.card(card.id)
        assert again.state == CardState.Learning and again.reps == 1
        log = col.review_log()
        assert [(e.card_id, e.rating, e.duration_ms, e.state_before, e.state_after) for e in log] == [
            (card.id, Rating.Good, 3500, CardState.New, CardState.Learning)]
        assert log[0].time == T0


def test_reimport_of_edited_deck_keeps_progress(col: Collection, decks_dir: Path) -> None:
    card = next(c for c in col.cards() if c.key == "neurovascular-compression")
    col.answer(card.id, Rating.Easy, now=T0)
    path = decks_dir / "causes.yaml"
    text = path.read_text().replace("a blood vessel pressing on the facial nerve",
                                    "an artery or vein compressing the facial nerve")
    text = text.replace("  - id: types-list\n    type: list\n    front: \"Name the two primary types of hemifacial spasm.\"\n"
                        "    items: [\"Primary hemifacial spasm\", \"Secondary hemifacial spasm\"]\n", "")
    path.write_text(text)
    report = col.import_decks([decks_dir])
    assert report.updated == ["Hemifacial Spasm::Causes/neurovascular-compression"]
    assert report.removed == ["Hemifacial Spasm::Causes/types-list"]
    after = col.card(card.id)
    assert after.state == CardState.Review and after.back.startswith("Neurovascular compression: an artery")
    assert "types-list" not in {c.key for c in col.cards()}
    assert len(col.review_log(card_id=card.id)) == 1


def test_removed_card_comes_back_with_its_progress(col: Collection, decks_dir: Path) -> None:
    card = next(c for c in col.cards() if c.key == "eye-closure")
    col.answer(card.id, Rating.Good, now=T0)
    path = decks_dir / "symptoms.yaml"
    original = path.read_text()
    path.write_text(original.split("  - id: eye-closure")[0] + original.split("back: \"Frequent involuntary closure.\"\n")[1])
    assert col.import_decks([decks_dir]).removed == ["Hemifacial Spasm::Symptoms/eye-closure"]
    path.write_text(original)
    report = col.import_decks([decks_dir])
    assert "Hemifacial Spasm::Symptoms/eye-closure" in report.updated
    assert col.card(card.id).reps == 1


def test_failed_import_changes_nothing(col: Collection, decks_dir: Path, tmp_path: Path) -> None:
    before = [(c.key, c.front) for c in col.cards()]
    (decks_dir / "causes.yaml").write_text((decks_dir / "causes.yaml").read_text().replace("most common", "usual"))
    (decks_dir / "broken.yaml").write_text("deck: X\ncards:\n  - id: a\n    type: nope\n")
    with pytest.raises(DeckValidationError) as info:
        col.import_decks([decks_dir])
    assert "broken.yaml:4: " in str(info.value)
    assert [(c.key, c.front) for c in col.cards()] == before
    assert "X" not in col.deck_names()


def test_parent_deck_studies_its_children(col: Collection) -> None:
    seen = set()
    now = T0
    while (card := col.next_card("Hemifacial Spasm", now=now)) is not None:
        seen.add(card.deck)
        col.answer(card.id, Rating.Easy, now=now)
    assert seen == {"Hemifacial Spasm::Causes", "Hemifacial Spasm::Symptoms"}
    assert col.counts("Hemifacial Spasm", now=now) == (0, 0, 0)


def test_reverse_and_cloze_siblings_wait_for_the_next_day(col: Collection) -> None:
    shown: list[str] = []
    now = T0
    while (card := col.next_card("Hemifacial Spasm::Causes", now=now)) is not None:
        shown.append(card.key)
        col.answer(card.id, Rating.Easy, now=now)
    assert "botox" in shown and "botox/reverse" not in shown
    assert "mvd-cloze" in shown and "mvd-cloze/c2" not in shown
    tomorrow = T0 + timedelta(days=1)
    later = []
    while (card := col.next_card("Hemifacial Spasm::Causes", now=tomorrow)) is not None:
        later.append(card.key)
        col.answer(card.id, Rating.Easy, now=tomorrow)
    assert {"botox/reverse", "mvd-cloze/c2"} <= set(later)


def test_card_sides(col: Collection) -> None:
    by_key = {c.key: c for c in col.cards()}
    assert by_key["botox/reverse"].question().startswith("Injected into facial muscles")
    assert by_key["botox/reverse"].answer() == "Botox (treatment of hemifacial spasm)"
    assert by_key["mvd-cloze"].question() == "[...] relieves pressure on the facial nerve."
    assert by_key["mvd-cloze/c2"].question() == "Microvascular decompression relieves pressure on the [...]."
    assert by_key["types-list"].answer() == "• Primary hemifacial spasm\n• Secondary hemifacial spasm"


def test_daily_limits_and_the_4am_day_boundary(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "big.yaml", "Big", 30)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([deck])
        col.set_deck_options("Big", new_per_day=5, reviews_per_day=200)
        evening = T0.replace(hour=23)
        assert col.counts("Big", now=evening).new == 5
        for _ in range(5):
            card = col.next_card("Big", now=evening)
            col.answer(card.id, Rating.Easy, now=evening)
        assert col.counts("Big", now=evening).new == 0
        assert col.next_card("Big", now=evening) is None
        # 03:59 the next morning is still the same learner day; 04:00 starts a new one.
        assert col.counts("Big", now=T0.replace(hour=3, minute=59) + timedelta(days=1)).new == 0
        assert col.counts("Big", now=T0.replace(hour=4) + timedelta(days=1)).new == 5
        col.update_settings(day_start_hour=0)
        assert col.counts("Big", now=T0.replace(hour=0, minute=30) + timedelta(days=1)).new == 5


def test_parent_limit_caps_children(tmp_path: Path) -> None:
    make_deck(tmp_path / "a.yaml", "P::A", 10, "a")
    make_deck(tmp_path / "b.yaml", "P::B", 10, "b")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", new_per_day=20)
        col.import_decks([tmp_path / "a.yaml", tmp_path / "b.yaml"])
        col.set_deck_options("P::A", new_per_day=3)
        col.set_deck_options("P", new_per_day=8)
        assert col.counts("P::A", now=T0).new == 3
        assert col.counts("P::B", now=T0).new == 10
        assert col.counts("P", now=T0).new == 8
        studied = []
        while (card := col.next_card("P", now=T0)) is not None and card.state == CardState.New:
            studied.append(card.deck)
            col.answer(card.id, Rating.Easy, now=T0)
        assert studied.count("P::A") == 3 and len(studied) == 8


def test_elapsed_time_counts_learner_days(tmp_path: Path) -> None:
    """A review 20 h later but on the next learner day is one day later, not zero."""
    make_deck(tmp_path / "d.yaml", "D", 1)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([tmp_path / "d.yaml"])
        card = col.next_card(now=T0)
        evening = T0.replace(hour=5)
        col.answer(card.id, Rating.Easy, now=evening)
        next_morning = evening + timedelta(hours=20)  # 01:00 next calendar day: same learner day
        after_4am = evening + timedelta(hours=23)     # 04:00 next day: one learner day later
        r_same = col.retrievability(card.id, now=next_morning)
        r_next = col.retrievability(card.id, now=after_4am)
        assert r_next < r_same < 1.0       # honest: 20 h have passed, not nothing
        col.answer(card.id, Rating.Good, now=after_4am)
        assert col.review_log(card_id=card.id)[-1].time == after_4am


def test_undo_reverts_the_last_answer_and_its_log_row(col: Collection) -> None:
    first = col.next_card(now=T0)
    col.answer(first.id, Rating.Good, now=T0)
    second = col.next_card(now=T0)
    col.answer(second.id, Rating.Again, now=T0)
    assert len(col.review_log()) == 2
    undone = col.undo()
    assert undone is not None and undone.card_id == second.id and undone.action == "answer"
    assert len(col.review_log()) == 1
    assert col.card(second.id).state == CardState.New
    assert col.next_card(now=T0).id == second.id
    assert col.undo().card_id == first.id
    assert col.undo() is None and not col.can_undo()


def test_bury_and_suspend(col: Collection) -> None:
    card = col.next_card("Hemifacial Spasm::Symptoms", now=T0)
    col.bury(card.id, now=T0)
    assert col.card(card.id, now=T0).buried
    assert col.next_card("Hemifacial Spasm::Symptoms", now=T0).id != card.id
    assert col.card(card.id, now=T0 + timedelta(days=1)).buried is False
    other = col.next_card("Hemifacial Spasm::Symptoms", now=T0)
    col.suspend(other.id)
    assert col.next_card("Hemifacial Spasm::Symptoms", now=T0) is None
    col.undo()
    assert col.next_card("Hemifacial Spasm::Symptoms", now=T0).id == other.id


def test_answer_accepts_any_card_and_caps_duration(col: Collection) -> None:
    card = next(c for c in col.cards() if c.key == "progression")
    col.answer(card.id, Rating.Hard, now=T0, duration_ms=10 * 60_000)
    assert col.review_log()[-1].duration_ms == 60_000


def test_leech_after_eight_lapses(col: Collection) -> None:
    card = next(c for c in col.cards() if c.key == "progression")
    now = T0
    col.answer(card.id, Rating.Easy, now=now)
    for _ in range(8):
        now = col.card(card.id).due + timedelta(minutes=1)
        col.answer(card.id, Rating.Again, now=now)
        now += timedelta(minutes=11)
        col.answer(card.id, Rating.Good, now=now)
    final = col.card(card.id)
    assert final.lapses == 8 and final.leech


def test_next_intervals_label_the_buttons(col: Collection) -> None:
    card = col.next_card(now=T0)
    intervals = col.next_intervals(card.id, now=T0)
    assert intervals[Rating.Again] == timedelta(minutes=1)
    assert intervals[Rating.Good] == timedelta(minutes=10)
    assert intervals[Rating.Easy] >= timedelta(days=1)


def test_learning_cards_respect_learn_ahead(col: Collection) -> None:
    card = col.next_card("Hemifacial Spasm::Symptoms", now=T0)
    col.answer(card.id, Rating.Good, now=T0)           # due in 10 minutes
    other = col.next_card("Hemifacial Spasm::Symptoms", now=T0)
    col.answer(other.id, Rating.Easy, now=T0)
    assert col.counts("Hemifacial Spasm::Symptoms", now=T0).learning == 1  # within 20 min
    assert col.next_card("Hemifacial Spasm::Symptoms", now=T0).id == card.id
    assert col.next_due_time("Hemifacial Spasm::Symptoms", now=T0) == T0 + timedelta(minutes=10)


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.update_settings(new_per_day=7, desired_retention=0.85, day_start_hour=5)
        with pytest.raises(ValueError):
            col.update_settings(desired_retention=1.5)
    with Collection.open(path) as col:
        s = col.settings
        assert (s.new_per_day, s.desired_retention, s.day_start_hour) == (7, 0.85, 5)


def test_naive_datetimes_are_refused(col: Collection) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        col.next_card(now=T0.replace(tzinfo=None))
