"""Card ids for imported rows: unique per deck, stable in order, and linear for many alike rows."""

from __future__ import annotations

from pathlib import Path

from flashcards.core.interop.apply import UniqueKeys
from flashcards.core.interop.csv_io import read_csv


def test_keys_count_up_per_base_and_skip_taken_ones() -> None:
    keys = UniqueKeys()
    keys.taken.add("a-3")                       # an explicit id from the file
    assert [keys("a") for _ in range(4)] == ["a", "a-2", "a-4", "a-5"]
    assert keys("b") == "b" and keys("a-2") == "a-2-2"


def test_many_rows_with_the_same_question_get_distinct_ids(tmp_path: Path) -> None:
    path = tmp_path / "same.csv"
    path.write_text("front,back\n" + "Same question?,Same answer\n" * 3000, encoding="utf-8")
    drafts = read_csv(path, "Deck")
    ids = [d.key for d in drafts]
    assert len(set(ids)) == 3000 and ids[:3] == ["same-question", "same-question-2", "same-question-3"]
