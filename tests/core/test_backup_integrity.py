"""Damage is caught before it spreads: an index out of step with its table (which quick_check
misses) never reaches a backup, is repaired by REINDEX, and killed backups/restores leave the
collection intact and their temp files are cleaned up."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core import backup as backups
from flashcards.core import lock
from flashcards.core.integrity import Status
from flashcards.core.lock import lock_path_for

from .conftest import T0, make_deck


def corrupt_index(path: Path) -> None:
    """Change a table row behind its index's back: hide the index from the schema, update the
    row, put the index back. The index pages are intact but no longer match the table."""
    conn = sqlite3.connect(path, isolation_level=None)
    entry = conn.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master "
                         "WHERE name = 'cards_new'").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("DELETE FROM sqlite_master WHERE name = 'cards_new'")
    conn.close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE cards SET position = position + 1000 WHERE id = (SELECT min(id) FROM cards)")
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("INSERT INTO sqlite_master VALUES (?, ?, ?, ?, ?)", entry)
    conn.close()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([make_deck(tmp_path / "d.yaml", "Index", 30)])
        col.create_backup(now=T0)
    corrupt_index(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"       # what the old check saw
    assert "missing from index cards_new" in conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return path


def test_index_damage_never_reaches_a_backup(damaged: Path) -> None:
    with Collection.open(damaged) as col:
        with pytest.raises(backups.BackupError, match="damaged"):
            col.create_backup(now=T0 + timedelta(hours=1))
        assert [b.time for b in col.backups()] == [T0]
    assert not list((damaged.parent / "backups").glob(".backup-*"))
    assert backups.check_backup(damaged) is not None


def test_restore_latest_skips_a_backup_that_fails_the_full_check(damaged: Path) -> None:
    directory = damaged.parent / "backups"
    newer = directory / backups.backup_name(T0 + timedelta(days=1))
    newer.write_bytes(damaged.read_bytes())  # as an older version of the app would have copied it
    assert "damaged" in (backups.check_backup(newer) or "")
    good = backups.newest_good_backup(directory)
    assert good is not None and good.time == T0


def test_check_integrity_repairs_index_damage_with_reindex(damaged: Path) -> None:
    with Collection.open(damaged) as col:
        report = col.check_integrity()
        assert report.status is Status.REPAIRED and report.ok
        assert any("missing from index cards_new" in d for d in report.details)
        assert col.check_integrity().status is Status.OK
        assert backups.check_backup(col.create_backup(now=T0 + timedelta(hours=1))) is None
        assert len(col.cards()) == 30


def test_an_unclean_shutdown_runs_the_full_check_at_open(damaged: Path) -> None:
    lock_path_for(damaged).write_bytes(lock.OPEN_MARKER)  # what a killed writer leaves behind
    with Collection.open(damaged) as col:
        assert col.integrity_report is not None and col.integrity_report.status is Status.REPAIRED
    conn = sqlite3.connect(damaged)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


BACKUP_LOOP = """
import sys
from flashcards import Collection
with Collection.open(sys.argv[1]) as col:
    while True:
        print("start", flush=True)
        col.create_backup()
"""

RESTORE_LOOP = """
import sys
from pathlib import Path
from flashcards.core import backup as backups
while True:
    print("start", flush=True)
    backups.restore(Path(sys.argv[2]), Path(sys.argv[1]))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("script", [BACKUP_LOOP, RESTORE_LOOP], ids=["backup", "restore"])
def test_sigkill_during_backup_or_restore_keeps_the_collection(tmp_path: Path, script: str) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([make_deck(tmp_path / "d.yaml", "Big", 3000)])
        source = col.create_backup(now=T0)
    # A temp file as a kill during the copy leaves it (the loop below may or may not leave one).
    (tmp_path / "backups" / ".backup-stale.tmp").write_bytes(b"half a copy")
    (tmp_path / ".restore-stale.tmp").write_bytes(b"half a copy")
    for kill in range(4):
        proc = subprocess.Popen([sys.executable, "-c", script, str(path), str(source)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(kill + 1):  # land inside the first, second, ... backup or restore
            assert proc.stdout.readline().strip() == "start"
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        with Collection.open(path) as col:  # intact and openable; stray temp files are gone
            assert len(col.cards()) == 3000
            assert col.check_integrity().status is Status.OK
        assert not list(tmp_path.glob(".restore-*")) and not list(tmp_path.glob(".new-*"))
        assert not list((tmp_path / "backups").glob(".backup-*"))
    for info in backups.list_backups(tmp_path / "backups"):
        assert backups.check_backup(info.path) is None  # every backup that got a name is sound
