"""Deck content through the sync folder: new notes, edits (last writer wins, the loser kept in
the conflicts list) and suspensions."""

from __future__ import annotations

import random
from pathlib import Path

from flashcards.core.notes import NoteFields
from flashcards.core.sync import conflicts, dismiss_conflict

from .sim import Device, card_states, deliver, make_devices, note_texts, settle


def _edit(dev: Device, key: str, front: str, time_ms: int) -> None:
    card_id = next(c.id for c in dev.col.cards() if c.key == key)
    note = dev.col.notes.note(card_id)
    dev.col.notes.update(note.id, NoteFields(front=front, back=note.fields.back))
    with dev.col.db.write() as conn:                  # the edit's time, on this device's clock
        conn.execute("UPDATE notes SET modified_ms = ? WHERE id = ?", (time_ms, note.id))


def _exchange(a: Device, b: Device, rng: random.Random) -> None:
    a.sync()
    b.sync()
    deliver(a, b, rng, mess=False)
    deliver(b, a, rng, mess=False)
    b.sync()
    a.sync()


def test_a_note_added_on_one_device_arrives_with_the_same_card_ids(tmp_path: Path) -> None:
    a, b = devices = make_devices(tmp_path, 2)
    try:
        added = a.col.notes.add("Shared::New", NoteFields(type="reverse", front="Kiel", back="Germany"), key="kiel")
        _exchange(a, b, random.Random(1))
        got = {c.key: c.id for c in b.col.cards("Shared::New")}
        assert got == {"kiel": added.card_ids[0], "kiel/reverse": added.card_ids[1]}
        assert note_texts(b.col)[("Shared::New", "kiel")] == ("Kiel", "Germany")
    finally:
        for dev in devices:
            dev.col.close()


def test_an_edit_travels_without_a_conflict(tmp_path: Path) -> None:
    rng = random.Random(2)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        settle(devices, rng)
        _edit(a, "q1", "First edit", 1_000)
        _exchange(a, b, rng)
        _edit(b, "q1", "Second edit, made from the first", 2_000)
        _exchange(a, b, rng)
        for dev in devices:
            assert note_texts(dev.col)[("Shared", "q1")][0] == "Second edit, made from the first"
            assert conflicts(dev.col) == []
    finally:
        for dev in devices:
            dev.col.close()


def test_concurrent_edits_last_writer_wins_and_the_other_is_listed(tmp_path: Path) -> None:
    rng = random.Random(3)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        settle(devices, rng)
        _edit(a, "q2", "Edited on A (later)", 5_000)
        _edit(b, "q2", "Edited on B (earlier)", 4_000)
        _exchange(a, b, rng)
        settle(devices, rng)
        for dev in devices:
            assert note_texts(dev.col)[("Shared", "q2")][0] == "Edited on A (later)"
            (listed,) = conflicts(dev.col)
            assert (listed.key, listed.fields["front"], listed.device) == ("q2", "Edited on B (earlier)", b.id)
        dismiss_conflict(a.col, conflicts(a.col)[0].id)
        assert conflicts(a.col) == []
        assert card_states(a.col) == card_states(b.col)
    finally:
        for dev in devices:
            dev.col.close()


def test_a_suspension_travels_and_the_later_change_wins(tmp_path: Path) -> None:
    rng = random.Random(4)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        card = next(c for c in a.col.cards() if c.key == "q3")
        a.col.sched.suspend(card.id)
        _exchange(a, b, rng)
        assert b.col.card(card.id).suspended
        b.clock = a.clock.replace(hour=9)
        b.col.sched.unsuspend(card.id)
        _exchange(a, b, rng)
        assert not a.col.card(card.id).suspended and not b.col.card(card.id).suspended
    finally:
        for dev in devices:
            dev.col.close()
