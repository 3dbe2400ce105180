"""A file the app refuses is never written: byte-identical, no -wal/-shm left behind; restores
never overwrite an earlier safety copy; disk-full and permission errors are not damage."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
import struct
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection, SchemaError
from flashcards.core import backup as backups
from flashcards.core import lock, schema
from flashcards.core.schema import Reason

from .conftest import T0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_user_version(path: Path, version: int, wal: bool = True) -> None:
    with Collection.open(path):
        pass
    conn = sqlite3.connect(path, isolation_level=None)
    if not wal:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def foreign(path: Path, wal: bool) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE things (x)")
    conn.execute("PRAGMA user_version = 1")  # even a version we know does not make it ours
    conn.close()


CASES = {
    "newer": (lambda p: with_user_version(p, schema.SCHEMA_VERSION + 1), Reason.NEWER),
    "newer-rollback-journal": (lambda p: with_user_version(p, 7, wal=False), Reason.NEWER),
    "negative-version": (lambda p: with_user_version(p, -1), Reason.FOREIGN),
    "foreign-wal": (lambda p: foreign(p, True), Reason.FOREIGN),
    "foreign-rollback": (lambda p: foreign(p, False), Reason.FOREIGN),
    "not-sqlite": (lambda p: p.write_bytes(b"PK\x03\x04" + b"zip" * 400), Reason.FOREIGN),
    "short-header": (lambda p: p.write_bytes(b"SQLite format 3\x00"), Reason.FOREIGN),
    "empty": (lambda p: p.write_bytes(b""), Reason.EMPTY),
}


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("read_only", [False, True])
def test_refused_file_is_left_byte_identical(tmp_path: Path, name: str, read_only: bool) -> None:
    path = tmp_path / "c.sqlite3"
    make, reason = CASES[name]
    make(path)
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    before = digest(path)
    with pytest.raises(SchemaError) as info:
        Collection.open(path, read_only=read_only)
    assert info.value.reason is reason and info.value.path == path
    assert "\n" not in str(info.value)
    assert digest(path) == before
    assert not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()
    assert lock._HELD == {}


def test_header_fields_are_read_without_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with_user_version(path, -1)
    data = path.read_bytes()
    assert struct.unpack(">i", data[60:64])[0] == -1
    header = schema.read_header(path)
    assert header.is_sqlite and header.user_version == -1


def test_empty_collection_offers_the_newest_good_backup_and_is_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.create_deck("Kept")
        col.create_backup(now=T0)
    path.write_bytes(b"")
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(SchemaError) as info:
        Collection.open(path)
    assert info.value.reason is Reason.EMPTY and info.value.backup is not None
    assert path.read_bytes() == b""
    backups.restore(info.value.backup.path, path, now=T0 + timedelta(hours=1))
    with Collection.open(path) as col:
        assert col.deck_names() == ["Kept"]


def test_two_restores_in_one_second_keep_both_safety_copies(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        source = col.create_backup(now=T0)
        col.create_deck("First")
    backups.restore(source, path, now=T0 + timedelta(minutes=1))
    with Collection.open(path) as col:
        col.create_deck("Second")
    backups.restore(source, path, now=T0 + timedelta(minutes=1))  # the same second
    safety = [b for b in backups.list_backups(tmp_path / "backups") if b.reason == "before-restore"]
    assert len(safety) == 2 and len({b.path for b in safety}) == 2
    decks = set()
    for info in safety:
        with Collection.open(info.path, read_only=True) as copy:
            decks.update(copy.deck_names())
    assert decks == {"First", "Second"}
    assert safety[0].seq == 2  # the later one is listed first


def test_a_new_collection_is_created_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"

    def fail(*_a: object, **_k: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(schema, "migrate", fail)
    with pytest.raises(SchemaError) as info:
        Collection.open(path)
    assert info.value.reason is Reason.DISK_FULL and info.value.backup is None
    assert not path.exists() and not list(tmp_path.glob(".new-*"))  # no 0-byte file left behind


def test_disk_full_and_permission_errors_are_not_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.create_backup(now=T0)  # a backup exists, yet none may be offered
    real_connect = sqlite3.connect

    def read_only_connect(target: str, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(target) == str(path):  # the collection file is read-only
            return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)  # type: ignore[arg-type]
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(schema.sqlite3, "connect", read_only_connect)
    conn = real_connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")       # so that switching to WAL must write
    conn.close()
    before = digest(path)
    with pytest.raises(SchemaError) as info:
        Collection.open(path)
    assert info.value.reason is Reason.PERMISSION and info.value.backup is None
    assert digest(path) == before
    monkeypatch.undo()
    for code, reason in ((errno.ENOSPC, Reason.DISK_FULL), (errno.EACCES, Reason.PERMISSION),
                         (errno.EROFS, Reason.PERMISSION), (errno.EIO, Reason.UNREADABLE)):
        assert schema.reason_for(OSError(code, "x")) is reason
    assert schema.reason_for(sqlite3.OperationalError("database or disk is full")) is Reason.DISK_FULL
    assert schema.reason_for(sqlite3.OperationalError("attempt to write a readonly database")) \
        is Reason.PERMISSION
    assert not Reason.DISK_FULL.is_damage and not Reason.PERMISSION.is_damage


def test_a_full_disk_during_a_backup_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.create_deck("D")
        dest_limit = "PRAGMA max_page_count = 2"

        class Tiny(sqlite3.Connection):
            def backup(self, target: sqlite3.Connection, **kwargs: object) -> None:  # type: ignore[override]
                target.execute(dest_limit)
                super().backup(target, **kwargs)  # type: ignore[arg-type]

        tiny = sqlite3.connect(path, factory=Tiny)
        with pytest.raises(backups.BackupError, match="disk is full") as info:
            backups.write_backup(tiny, tmp_path / "backups", T0)
        tiny.close()
        assert info.value.reason is Reason.DISK_FULL
    assert backups.list_backups(tmp_path / "backups") == []
    assert not list((tmp_path / "backups").glob(".backup-*"))
