"""Schema v3: every review has a unique id and a device; the stored v2 file gets them."""

from __future__ import annotations

import shutil
from pathlib import Path

from flashcards import Collection, Rating
from flashcards.core.sync import device_id
from flashcards.core.sync.reviews import fill_missing_uids

STORED = Path(__file__).parents[2] / "fixtures" / "schema"


def test_a_migrated_v2_file_gives_its_reviews_ids_and_this_device(tmp_path: Path) -> None:
    shutil.copy(STORED / "v2.sqlite3", tmp_path / "c.sqlite3")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        rows = col.db.conn.execute("SELECT uid, device FROM revlog").fetchall()
        assert len(rows) == 3 and len({r[0] for r in rows}) == 3
        assert all(len(r[0]) == 32 and r[1] == device_id(col) for r in rows)


def test_answers_get_a_uid_and_rows_written_without_one_get_it_at_sync(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([Path(__file__).parents[2] / "fixtures" / "decks"])
        card = col.cards()[0]
        col.answer(card.id, Rating.Good)
        with col.db.write() as conn:        # another writer of the log (an importer) without the columns
            conn.execute("INSERT INTO revlog (card_id, time, rating, state_before, state_after, before) "
                         "VALUES (?, 1, 3, 0, 1, '{}')", (card.id,))
            assert fill_missing_uids(conn, device_id(col)) == 1
        rows = col.db.conn.execute("SELECT uid, device FROM revlog").fetchall()
        assert len({r[0] for r in rows}) == 2 and {r[1] for r in rows} == {device_id(col)}
