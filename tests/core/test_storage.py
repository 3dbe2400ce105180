"""Storage: a write is one transaction under the collection's lock, committed or rolled back."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from flashcards import Collection

from .conftest import make_deck


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


def test_closing_after_a_refused_import_runs_no_optimize(tmp_path: Path) -> None:
    """PRAGMA optimize may write planner statistics: only a session that wrote runs it, so a
    refused import leaves the file as it was (byte for byte)."""
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([make_deck(tmp_path / "a.yaml", "A", 50)])
    before = path.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: X\ncards:\n  - id: [\n", encoding="utf-8")
    col = Collection.open(path)
    with pytest.raises(ValueError):
        col.import_decks([bad])
    statements: list[str] = []
    col.db.conn.set_trace_callback(statements.append)
    col.close()
    assert not any("optimize" in s.lower() for s in statements)
    assert path.read_bytes() == before
    with Collection.open(path) as col:                  # a session that writes still optimizes
        col.conf.set("probe", 1)
        statements.clear()
        col.db.conn.set_trace_callback(statements.append)
    assert any("optimize" in s.lower() for s in statements)
