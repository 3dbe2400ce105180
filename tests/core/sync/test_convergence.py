"""Devices studying the same cards offline converge after syncing, whatever order files arrive
in, cut short, twice, or as conflict copies."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from flashcards.core.sync.replay import mismatches

from .sim import Device, card_states, deliver, make_devices, review_log, settle, study


def _converged(devices: list[Device], reviews: int) -> None:
    first = devices[0]
    states, log = card_states(first.col), review_log(first.col)
    assert len(log) == reviews
    assert len({row[2] for row in log}) == reviews                     # uids unique
    for dev in devices[1:]:
        assert card_states(dev.col) == states, dev.name
        assert review_log(dev.col) == log, dev.name
    for dev in devices:
        assert mismatches(dev.col) == [], dev.name


def _close(devices: list[Device]) -> None:
    for dev in devices:
        dev.col.close()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_devices_converge(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    devices = make_devices(tmp_path, 2)
    a, b = devices
    b.clock = a.clock.replace(minute=17)                               # interleaved clocks
    try:
        total = 0
        for _round in range(4):
            for dev in devices:
                n = rng.randrange(5, 25)
                study(dev, rng, n)
                total += n
                if rng.random() < 0.7:
                    dev.sync()
            for src, dst in ((a, b), (b, a)):
                if rng.random() < 0.8:
                    deliver(src, dst, rng)
            if rng.random() < 0.5:
                b.sync()
        settle(devices, rng)
        _converged(devices, total)
    finally:
        _close(devices)


@pytest.mark.parametrize("seed", [11, 12])
def test_ten_devices_converge_in_any_order_of_arrival(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    devices = make_devices(tmp_path, 10, cards=15)
    for i, dev in enumerate(devices):
        dev.clock = dev.clock.replace(minute=(i * 7) % 60)
    try:
        total = 0
        for _round in range(3):
            for dev in rng.sample(devices, len(devices)):
                n = rng.randrange(0, 12)
                study(dev, rng, n)
                total += n
                dev.sync()
            for _ in range(25):                                        # random partial gossip
                src, dst = rng.sample(devices, 2)
                deliver(src, dst, rng)
                if rng.random() < 0.5:
                    dst.sync()
        settle(devices, rng)
        _converged(devices, total)
    finally:
        _close(devices)


def test_a_review_undone_after_it_was_sent_is_removed_everywhere(tmp_path: Path) -> None:
    rng = random.Random(5)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        study(a, rng, 6)
        a.sync()
        deliver(a, b, rng, mess=False)
        assert b.sync().received == 6
        undone = a.col.undo()
        assert undone is not None
        result = a.sync()
        assert result.sent == 1
        deliver(a, b, rng, mess=False)
        assert b.sync().removed == 1
        settle(devices, rng)
        _converged(devices, 5)
    finally:
        _close(devices)


def test_duplicate_deliveries_count_once(tmp_path: Path) -> None:
    rng = random.Random(8)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        study(a, rng, 10)
        a.sync()
        for name in ("x (conflicted copy 2026-03-02).jsonl", "x.sync-conflict-20260302-101010-ABCDEF.jsonl"):
            deliver(a, b, rng, mess=False)
            own = a.home / "devices" / a.id
            for path in own.glob("reviews-*.jsonl"):
                (b.home / "devices" / a.id / name).write_bytes(path.read_bytes())
        first = b.sync()
        assert first.received == 10 and first.conflict_copies == 2
        assert b.sync().received == 0
        assert len(b.col.review_log()) == 10
    finally:
        _close(devices)


def test_a_cut_short_file_is_read_up_to_its_last_whole_line(tmp_path: Path) -> None:
    rng = random.Random(9)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        study(a, rng, 10)
        a.sync()
        (path,) = (a.home / "devices" / a.id).glob("reviews-*.jsonl")
        data = path.read_bytes()
        cut = data.index(b"\n", len(data) // 2) + 20                    # mid-way through a line
        target = b.home / "devices" / a.id
        target.mkdir(parents=True)
        (target / path.name).write_bytes(data[:cut])
        partial = b.sync()
        assert partial.partial_files == 1 and 0 < partial.received < 10
        assert mismatches(b.col) == []
        deliver(a, b, rng, mess=False)
        assert b.sync().received == 10 - partial.received
        settle(devices, rng)
        _converged(devices, 10)
    finally:
        _close(devices)


def test_undoing_an_answer_after_others_were_merged_replays_the_card(tmp_path: Path) -> None:
    rng = random.Random(6)
    a, b = devices = make_devices(tmp_path, 2)
    try:
        card = a.col.cards()[0].id
        for dev, minutes in ((a, 0), (b, 30)):
            dev.col.sched.answer(card, 3, now=a.clock.replace(minute=minutes))
            dev.sync()
        deliver(b, a, rng, mess=False)
        a.col.sched.answer(card, 1, now=a.clock.replace(hour=9))
        assert a.sync().received == 1                      # b's review merged: the card is replayed
        a.col.undo()                                       # puts back the columns from before a's answer
        a.sync()
        assert mismatches(a.col) == []
        settle(devices, rng)
        _converged(devices, 2)
    finally:
        _close(devices)
