"""Backups: online copies, rolling retention, restore keeping the current file, bad files."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating, SchemaError
from flashcards.core import backup as backups
from flashcards.core import lock
from flashcards.core.integrity import Status
from flashcards.core.lock import lock_path_for
from flashcards.core.schema import Reason

from .conftest import T0


def test_backup_is_a_consistent_copy_of_a_live_collection(col: Collection) -> None:
    card = col.next_card(now=T0)
    col.answer(card.id, Rating.Good, now=T0)  # still in the WAL, not yet in the main file
    path = col.create_backup(now=T0)
    assert backups.check_backup(path) is None
    copy = sqlite3.connect(path)
    assert copy.execute("SELECT count(*) FROM revlog").fetchone()[0] == 1
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_maybe_backup_runs_at_most_every_30_minutes(col: Collection) -> None:
    assert col.maybe_backup(now=T0) is not None
    assert col.maybe_backup(now=T0 + timedelta(minutes=29)) is None
    assert col.maybe_backup(now=T0 + timedelta(minutes=31)) is not None
    assert len(col.backups()) == 2


def test_close_with_backup(tmp_path: Path, decks_dir: Path) -> None:
    col = Collection.open(tmp_path / "c.sqlite3")
    col.import_decks([decks_dir])
    col.close(backup=True)
    assert len(backups.list_backups(tmp_path / "backups")) == 1


def test_retention_keeps_recent_daily_weekly_monthly(tmp_path: Path) -> None:
    directory = tmp_path / "backups"
    directory.mkdir()
    now = T0
    for i in range(24 * 2 * 400 // 8):  # one every 4 hours for ~400 days
        (directory / backups.backup_name(now - timedelta(hours=4 * i))).write_bytes(b"x")
    backups.prune(directory, now)
    kept = backups.list_backups(directory)
    assert len(kept) <= 30 + 12 + 10 + 9
    assert kept[0].time == now  # the newest survives
    assert kept[-1].time < now - timedelta(days=200)  # monthly ones reach far back


def test_restore_keeps_the_current_file_first(tmp_path: Path, decks_dir: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks_dir])
        good = col.create_backup(now=T0)
        card = col.next_card(now=T0)
        col.answer(card.id, Rating.Good, now=T0)
    safety = backups.restore(good, path, now=T0 + timedelta(minutes=1))
    assert safety is not None and "before_restore" in safety.name
    with Collection.open(path) as col:
        assert col.review_log() == []
    assert sqlite3.connect(safety).execute("SELECT count(*) FROM revlog").fetchone()[0] == 1


def test_damaged_file_is_refused_untouched_and_offers_the_newest_good_backup(tmp_path: Path, decks_dir: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks_dir])
        col.create_backup(now=T0)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048  # overwrite page 2
    path.write_bytes(bytes(data))
    lock_path_for(path).write_bytes(lock.OPEN_MARKER)  # as a crash leaves it: a full check at open
    with pytest.raises(SchemaError) as info:
        Collection.open(path)
    assert info.value.reason is Reason.DAMAGED and info.value.backup is not None
    assert path.read_bytes() == bytes(data)
    backups.restore(info.value.backup.path, path, now=T0 + timedelta(hours=1))
    with Collection.open(path) as col:
        assert len(col.cards()) == 8
    damaged = [b for b in backups.list_backups(tmp_path / "backups") if b.reason == "damaged"]
    assert len(damaged) == 1 and damaged[0].path.read_bytes() == bytes(data)


def test_damage_after_a_clean_close_is_found_by_the_check_and_never_backed_up(tmp_path: Path,
                                                                              decks_dir: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks_dir])
        col.create_backup(now=T0)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xde\xad" * 2048
    path.write_bytes(bytes(data))
    with Collection.open(path) as col:  # a clean open runs no check ...
        report = col.check_integrity()  # ... the app runs this one in the background
        assert report.status is Status.DAMAGED and not report.ok
        with pytest.raises(backups.BackupError, match="damaged"):
            col.create_backup(now=T0 + timedelta(hours=1))
    assert [b.time for b in backups.list_backups(tmp_path / "backups")] == [T0]


def test_restore_refuses_a_bad_backup(tmp_path: Path) -> None:
    bad = tmp_path / "backups" / backups.backup_name(T0)
    bad.parent.mkdir()
    bad.write_bytes(b"nope" * 100)
    with pytest.raises(backups.BackupError, match="cannot restore"):
        backups.restore(bad, tmp_path / "c.sqlite3")
    assert not (tmp_path / "c.sqlite3").exists()
