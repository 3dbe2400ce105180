"""Deletions, deck renames and resets travel between devices, whatever the order of arrival."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from flashcards.core.notes import NoteFields
from flashcards.core.sync.replay import mismatches

from .sim import Device, card_states, deliver, make_devices, note_texts, review_log, settle


def _close(devices: list[Device]) -> None:
    for dev in devices:
        dev.col.close()


def _card(dev: Device, key: str) -> int:
    return next(c.id for c in dev.col.cards() if c.key == key)


def _same(devices: list[Device]) -> None:
    a = devices[0]
    for dev in devices[1:]:
        assert card_states(dev.col) == card_states(a.col)
        assert review_log(dev.col) == review_log(a.col)
        assert note_texts(dev.col) == note_texts(a.col)
    for dev in devices:
        assert mismatches(dev.col) == []


def test_a_deleted_note_is_deleted_everywhere_and_the_delete_wins_over_a_review(tmp_path: Path) -> None:
    rng = random.Random(1)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        settle(devices, rng)
        a.col.notes.delete(_card(a, "q1"))
        b.col.sched.answer(_card(b, "q1"), 3, now=b.clock)          # reviewed meanwhile on b
        settle(devices, rng)
        for dev in devices:
            assert ("Shared", "q1") not in note_texts(dev.col)
        _same(devices)
        own = b.home / "devices" / b.id
        assert any('"card":"q1"' in p.read_text() for p in own.glob("reviews-*.jsonl"))   # kept in b's log
        assert '"t":"x"' not in "".join(p.read_text() for p in own.glob("*.jsonl"))       # never taken back
    finally:
        _close(devices)


def test_a_deck_deleted_and_a_deck_renamed_travel_in_any_order(tmp_path: Path) -> None:
    rng = random.Random(2)
    a, b, c = devices = make_devices(tmp_path, 3)
    try:
        a.col.notes.add("Other::Sub", NoteFields(front="Kiel", back="Germany"), key="kiel")
        settle(devices, rng)
        a.col.decks.rename("Shared", "Renamed::Shared")
        b.col.sched.answer(_card(b, "q2"), 3, now=b.clock)          # under the old name
        c.col.decks.delete("Other")
        for dev in devices:
            dev.sync()
        for src, dst in ((c, b), (b, a), (a, c), (c, a), (a, b), (b, c)):   # scrambled, messy deliveries
            deliver(src, dst, rng)
            dst.sync()
        settle(devices, rng)
        for dev in devices:
            names = dev.col.decks.names()
            assert "Renamed::Shared" in names and "Shared" not in names and "Other" not in names
            assert len(dev.col.review_log()) == 1
        _same(devices)
    finally:
        _close(devices)


def test_a_reset_wins_over_earlier_reviews_and_loses_to_later_ones(tmp_path: Path) -> None:
    rng = random.Random(3)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        card = _card(a, "q3")
        for minutes in (0, 20):
            b.col.sched.answer(card, 3, now=a.clock + timedelta(minutes=minutes))   # before the reset
        a.col.notes.reset(card, now=a.clock + timedelta(hours=1))
        settle(devices, rng)
        for dev in devices:
            got = dev.col.card(card)
            assert (got.reps, int(got.state)) == (0, 0)                  # new again, history kept
            assert len(dev.col.review_log()) == 2
        b.col.sched.answer(card, 4, now=a.clock + timedelta(hours=2))   # after the reset
        settle(devices, rng)
        for dev in devices:
            assert dev.col.card(card).reps == 1
        _same(devices)
        for dev in devices:                                             # duplicates change nothing
            deliver(a, dev, rng) if dev is not a else None
            dev.sync()
        _same(devices)
    finally:
        _close(devices)


def test_undoing_a_reset_before_syncing_sends_nothing(tmp_path: Path) -> None:
    rng = random.Random(4)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        card = _card(a, "q4")
        a.col.sched.answer(card, 3, now=a.clock)
        a.col.notes.reset(card, now=a.clock + timedelta(hours=1))
        a.col.undo()
        settle(devices, rng)
        assert b.col.card(card).reps == 1
        _same(devices)
    finally:
        _close(devices)


def test_the_summary_counts_deletions_renames_resets_and_settings(tmp_path: Path) -> None:
    rng = random.Random(5)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        settle(devices, rng)
        a.clock = max(a.clock, b.clock) + timedelta(minutes=5)          # timed by the sync that sends it
        a.col.notes.delete(_card(a, "q1"))
        a.col.decks.rename("Shared", "Renamed")
        a.col.update_settings(desired_retention=0.85)
        a.sync()
        deliver(a, b, rng, mess=False)
        result = b.sync()
        assert (result.notes_deleted, result.decks_renamed, result.values_changed) == (1, 1, 1)
        line = result.summary()
        assert "1 note(s) deleted" in line and "1 deck(s) renamed or moved" in line
        assert "1 setting(s) or deck option(s) changed" in line
    finally:
        _close(devices)
