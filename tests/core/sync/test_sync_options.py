"""Deck options and scheduling settings travel (last writer wins); a copied collection is refused."""

from __future__ import annotations

import random
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.sync import new_device_id, sync
from flashcards.core.sync.device import COPIED, CopiedCollection
from flashcards.core.sync.replay import mismatches

from .sim import Device, card_states, deliver, make_devices, review_log, settle, study

PARAMS = [0.3, 1.2, 3.0, 16.0, 7.0, 0.5, 1.5, 0.002, 1.5, 0.1, 1.0, 1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.3,
          0.1, 0.2]


def _close(devices: list[Device]) -> None:
    for dev in devices:
        dev.col.close()


def test_desired_retention_and_parameters_travel_and_both_replay_alike(tmp_path: Path) -> None:
    rng = random.Random(7)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        study(a, rng, 15)
        study(b, rng, 15)
        settle(devices, rng)
        a.col.update_settings(desired_retention=0.85)
        a.clock = max(a.clock, b.clock) + timedelta(minutes=5)      # timed by the sync that sends it
        settle(devices, rng)
        b.col.update_settings(fsrs_params=PARAMS)
        b.clock = a.clock + timedelta(hours=1)                   # the later change
        settle(devices, rng)
        for dev in devices:
            assert dev.col.settings.desired_retention == 0.85
            assert dev.col.settings.fsrs_params == PARAMS
            assert mismatches(dev.col) == []
        assert card_states(a.col) == card_states(b.col)
        assert review_log(a.col) == review_log(b.col)
    finally:
        _close(devices)


def test_deck_options_last_writer_wins(tmp_path: Path) -> None:
    rng = random.Random(8)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        settle(devices, rng)
        a.col.decks.update_options("Shared", leech_lapses=2)
        a.sync()
        b.clock = a.clock + timedelta(hours=1)
        b.col.decks.update_options("Shared", leech_lapses=5, new_per_day=7)
        settle(devices, rng)
        for dev in devices:
            got = dev.col.decks.options("Shared")
            assert (got.leech_lapses, got.new_per_day) == (5, 7)
    finally:
        _close(devices)


def test_a_copied_collection_is_refused_until_it_takes_a_new_device_id(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    with Collection.open(tmp_path / "a" / "c.sqlite3") as col:
        sync(col, tmp_path / "home")
    shutil.copytree(tmp_path / "a", tmp_path / "copy")
    with Collection.open(tmp_path / "a" / "c.sqlite3") as col:
        sync(col, tmp_path / "home")                                # the original syncs on
    with Collection.open(tmp_path / "copy" / "c.sqlite3") as copy:
        with pytest.raises(CopiedCollection) as refused:
            sync(copy, tmp_path / "home")
        assert str(refused.value) == COPIED and "flashcards sync --new-device" in COPIED and "\n" not in COPIED
        new_device_id(copy)
        sync(copy, tmp_path / "home")
    with Collection.open(tmp_path / "a" / "c.sqlite3") as col:
        sync(col, tmp_path / "home")                                # the original is not refused


def test_a_device_joining_later_adopts_the_settings_in_the_folder(tmp_path: Path) -> None:
    rng = random.Random(9)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        a.col.update_settings(fsrs_params=PARAMS)
        a.sync()
        b.clock = a.clock + timedelta(days=3)                   # b's first sync is later, with the defaults
        deliver(a, b, rng, mess=False)                          # and a's files are already there
        b.sync()
        settle(devices, rng)
        assert b.col.settings.fsrs_params == PARAMS and a.col.settings.fsrs_params == PARAMS
    finally:
        _close(devices)
