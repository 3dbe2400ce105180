"""WAL checkpoints on the background thread: they happen, they let the WAL start over, they
never raise, and closing the collection leaves no WAL behind."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from flashcards import Collection
from flashcards.core import checkpoint
from flashcards.core.checkpoint import Checkpointer

from .conftest import T0, make_deck


def _wal_size(path: Path) -> int:
    wal = Path(f"{path}-wal")
    return wal.stat().st_size if wal.exists() else 0


def test_the_collection_checkpoints_on_its_thread_and_keeps_a_backstop(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        assert col.db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoint.BACKSTOP_PAGES
        col.update_settings(new_per_day=500)
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 300)])
        for _ in range(checkpoint.CHECKPOINT_EVERY_COMMITS):
            card = col.sched.next_card(now=T0)
            assert card is not None
            col.sched.answer(card, 3, now=T0)
        thread = col._checkpointer
        assert thread is not None and thread.wait_idle(timeout=30)
        assert thread.checkpoints >= 1 and thread.last_error is None
    assert not Path(f"{path}-wal").exists()          # the last connection folded the WAL in


def test_after_a_checkpoint_in_a_pause_the_wal_starts_over(tmp_path: Path) -> None:
    """Writes with pauses (a learner answering): the WAL stays about one checkpoint's size."""
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x BLOB)")
    thread = Checkpointer(path, every=10)
    try:
        sizes = []
        for _round in range(5):
            for _ in range(10):
                conn.execute("INSERT INTO t VALUES (?)", (os.urandom(3000),))
                thread.committed()
            assert thread.wait_idle(timeout=30)
            sizes.append(_wal_size(path))
        assert thread.checkpoints == 5 and thread.last_error is None
        assert max(sizes) < 2 * sizes[0], sizes       # without checkpoints: 5 times the first
        assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 50
    finally:
        thread.close()
        conn.close()


def test_a_large_write_starts_a_checkpoint_before_the_commit_count(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("CREATE TABLE t (x BLOB)")
    thread = Checkpointer(path, limit_bytes=256 * 1024, every=10_000)
    try:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?)", [(os.urandom(3000),) for _ in range(200)])
        conn.execute("COMMIT")
        for _ in range(16):                         # the WAL's size is looked at every 16 commits
            conn.execute("INSERT INTO t VALUES (1)")
            thread.committed()
        assert thread.wait_idle(timeout=30)
        assert thread.checkpoints == 1
    finally:
        thread.close()
        conn.close()


def test_a_failing_checkpoint_is_kept_not_raised(tmp_path: Path) -> None:
    not_a_database = tmp_path / "c.sqlite3"
    not_a_database.write_bytes(b"this is not an SQLite file" * 100)
    thread = Checkpointer(not_a_database)
    try:
        thread.request()
        assert thread.wait_idle(timeout=30)
        assert isinstance(thread.last_error, sqlite3.Error) and thread.checkpoints == 0
    finally:
        thread.close()
    assert not_a_database.read_bytes() == b"this is not an SQLite file" * 100
