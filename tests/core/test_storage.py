"""Storage: a write is one transaction under the collection's lock, committed or rolled back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from flashcards import Collection


def test_an_error_inside_a_write_rolls_it_back_and_frees_the_lock(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        commits: list[bool] = []
        col.db.after_commit = lambda: commits.append(True)
        with pytest.raises(RuntimeError), col.db.write() as conn:
            conn.execute("INSERT INTO config (key, value) VALUES ('probe', '1')")
            raise RuntimeError("in the middle")
        assert not col.db.conn.in_transaction and commits == []
        with col.db.read() as conn:
            assert conn.execute("SELECT count(*) FROM config WHERE key = 'probe'").fetchone()[0] == 0
        taken = threading.Event()

        def other_thread() -> None:              # the lock is free again: another thread gets it
            with col.db.write() as conn:
                conn.execute("INSERT INTO config (key, value) VALUES ('probe', '2')")
            taken.set()

        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join(timeout=30)
        assert taken.is_set() and commits == [True]


def test_a_read_only_collection_refuses_a_write(tmp_path: Path) -> None:
    Collection.open(tmp_path / "c.sqlite3").close()
    with Collection.open(tmp_path / "c.sqlite3", read_only=True) as col, \
            pytest.raises(PermissionError, match="read-only"), col.db.write():
        pass
