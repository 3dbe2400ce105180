"""Simulated devices for the sync tests: each has a collection and its own copy ("home") of the
shared folder; :func:`deliver` plays the folder synchroniser, copying files between homes in
any order, cut short, twice, or as a synchroniser's conflict copy."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flashcards import Collection
from flashcards.core.sync import new_device_id, sync

from ..conftest import make_deck

CARD_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "leech",
                "suspended", "retired")
LOG_COLUMNS = ("uid", "device", "time", "rating", "duration_ms", "state_before", "state_after", "stability",
               "difficulty", "due", "elapsed_days", "before")


@dataclass
class Device:
    name: str
    col: Collection
    home: Path
    clock: datetime

    @property
    def id(self) -> str:
        return str(self.col.conf.get("sync_device"))

    def sync(self) -> Any:
        return sync(self.col, self.home, now=self.clock)


def make_devices(tmp_path: Path, count: int, cards: int = 12, fuzz: bool = True) -> list[Device]:
    deck = make_deck(tmp_path / "deck.yaml", "Shared", cards)
    out = []
    for i in range(count):
        base = tmp_path / f"dev{i}"
        (base / "home").mkdir(parents=True)
        col = Collection.open(base / "c.sqlite3")
        col.update_settings(timezone="UTC", fuzz=fuzz, leech_lapses=3)
        col.import_decks([deck])
        out.append(Device(f"dev{i}", col, base / "home", datetime(2026, 3, 2, 8, tzinfo=UTC)))
    ids = {d.id for d in out}
    for d in out:                         # the same file copied would share an id: never here
        if len(ids) < count:
            new_device_id(d.col)
    return out


def study(dev: Device, rng: random.Random, answers: int) -> None:
    """``answers`` grades of random cards, the device's clock moving on by minutes to days."""
    cards = [c.id for c in dev.col.cards() if not c.suspended]
    for _ in range(answers):
        dev.clock += timedelta(minutes=rng.choice([1, 3, 11, 90, 700, 1500, 3000]), seconds=rng.randrange(60))
        dev.col.sched.answer(rng.choice(cards), rng.choice([1, 2, 3, 3, 4]), now=dev.clock,
                             duration_ms=rng.randrange(800, 20000))


def files_of(dev: Device) -> list[Path]:
    own = dev.home / "devices" / dev.id
    return sorted(p for p in own.glob("*.jsonl")) if own.exists() else []


def deliver(src: Device, dst: Device, rng: random.Random, mess: bool = True) -> None:
    """Copy ``src``'s own files into ``dst``'s home; with ``mess``, some arrive cut short, some
    twice under a conflict-copy name."""
    target = dst.home / "devices" / src.id
    target.mkdir(parents=True, exist_ok=True)
    for path in files_of(src):
        data = path.read_bytes()
        roll = rng.random() if mess else 1.0
        if roll < 0.2:
            (target / path.name).write_bytes(data[:rng.randrange(len(data) + 1)])   # half-written
        elif roll < 0.3:
            shutil.copyfile(path, target / path.name)
            stem = path.name[:-len(".jsonl")]
            copy = rng.choice([f"{stem} (conflicted copy 2026-03-0{rng.randrange(1, 9)}).jsonl",
                               f"{stem}.sync-conflict-20260302-10{rng.randrange(10, 60)}00-ABCDEF.jsonl"])
            (target / copy).write_bytes(data[:rng.randrange(len(data) + 1)])
        else:
            shutil.copyfile(path, target / path.name)


def card_states(col: Collection) -> dict[tuple[str, str], tuple[Any, ...]]:
    with col.db.read() as conn:
        return {(r["name"], r["key"]): tuple(r[c] for c in CARD_COLUMNS) for r in conn.execute(
            f"SELECT d.name, c.key, {', '.join('c.' + c for c in CARD_COLUMNS)} FROM cards c "
            "JOIN decks d ON d.id = c.deck_id")}


def review_log(col: Collection) -> list[tuple[Any, ...]]:
    with col.db.read() as conn:
        return [tuple(r) for r in conn.execute(
            f"SELECT d.name, c.key, {', '.join('r.' + c for c in LOG_COLUMNS)} FROM revlog r "
            "JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id ORDER BY r.uid")]


def note_texts(col: Collection) -> dict[tuple[str, str], tuple[str, str]]:
    with col.db.read() as conn:
        return {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
            "SELECT d.name, n.key, n.front, n.back FROM notes n JOIN decks d ON d.id = n.deck_id")}


def settle(devices: list[Device], rng: random.Random) -> None:
    """Everyone syncs, every file reaches everyone whole, everyone syncs again (twice: what one
    device merged in the first round is in nobody's files, so nothing more is needed)."""
    for _ in range(2):
        for dev in devices:
            dev.sync()
        for src in devices:
            for dst in devices:
                if src is not dst:
                    deliver(src, dst, rng, mess=False)
    for dev in devices:
        dev.sync()
