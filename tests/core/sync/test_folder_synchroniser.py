"""Two homes kept in step by a real folder synchroniser: ``rsync`` between their sync folders
(``.ci/run`` installs it from Debian packages when it can), or a plain file copy."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from flashcards.core.sync.replay import mismatches

from .sim import Device, card_states, make_devices, review_log, study

RSYNC = shutil.which("rsync")


def _rsync(src: Device, dst: Device) -> None:
    """Push ``src``'s own folder to ``dst``'s home, as a one-way synchroniser share would
    (each device is the only writer of its folder)."""
    own = f"devices/{src.id}"
    (dst.home / own).mkdir(parents=True, exist_ok=True)
    subprocess.run([RSYNC or "rsync", "-a", "--delete", f"{src.home / own}/", f"{dst.home / own}/"],
                   check=True, capture_output=True)


def _copy(src: Device, dst: Device) -> None:
    own = src.home / "devices" / src.id
    shutil.copytree(own, dst.home / "devices" / src.id, dirs_exist_ok=True)


@pytest.mark.parametrize("transport", [
    pytest.param("rsync", marks=pytest.mark.skipif(
        RSYNC is None, reason="rsync is not installed (apt-get install rsync); the copy variant still runs")),
    "copy"])
def test_two_homes_synced_by_a_folder_synchroniser_converge(tmp_path: Path, transport: str) -> None:
    rng = random.Random(21)
    move = _rsync if transport == "rsync" else _copy
    a, b = devices = make_devices(tmp_path, 2, cards=20)
    b.clock = a.clock.replace(minute=29)
    try:
        for _round in range(4):
            for dev in devices:
                study(dev, rng, rng.randrange(5, 20))
                dev.sync()
            move(a, b)
            move(b, a)
        for dev in (a, b, a):
            dev.sync()
            move(a, b)
            move(b, a)
        _same(devices)
    finally:
        for dev in devices:
            dev.col.close()


def _same(devices: list[Device]) -> None:
    a, b = devices
    assert review_log(a.col) == review_log(b.col) and len(review_log(a.col)) > 40
    assert card_states(a.col) == card_states(b.col)
    assert mismatches(a.col) == [] and mismatches(b.col) == []
