"""Every released schema version opens (migrating forward); a failed migration changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from flashcards import Collection, SchemaError
from flashcards.core import backup as backups
from flashcards.core import schema

STORED = Path(__file__).parents[1] / "fixtures" / "schema"


@pytest.mark.parametrize("version", range(1, schema.SCHEMA_VERSION + 1))
def test_stored_file_of_each_version_opens(tmp_path: Path, version: int) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(STORED / f"v{version}.sqlite3", path)
    with Collection.open(path) as col:
        assert len(col.cards()) == 8
        assert len(col.review_log()) == 3
        assert all(col.decks.options(name).validated() for name in col.decks.names())
        assert col.settings.timezone == "UTC"
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_failed_migration_leaves_the_old_file_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    shutil.copy(STORED / "v1.sqlite3", path)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, "ALTER TABLE cards ADD COLUMN extra INTEGER;\nTHIS IS NOT SQL;")
    with pytest.raises(SchemaError, match="upgrading from schema 1 to 2 failed"):
        Collection.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in conn.execute("PRAGMA table_info(cards)")]
    assert "extra" not in columns
    conn.close()
    safety = [b for b in backups.list_backups(tmp_path / "backups") if b.reason == "before-migration-v1"]
    assert len(safety) == 1
    monkeypatch.undo()                               # the real migration then succeeds
    with Collection.open(path) as col:
        assert len(col.review_log()) == 3
