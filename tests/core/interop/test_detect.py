"""Choosing the importer by content, not by extension."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flashcards.core.interop import InteropError
from flashcards.core.interop.detect import detect


@pytest.mark.parametrize(("name", "content", "kind"), [
    ("deck.txt", "deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n", "yaml"),
    ("notes.txt", "Some prose\nQuestion::Answer\n", "markdown"),
    ("cards.txt", "Question\n?\nAnswer\n", "markdown"),
    ("cards.md", "a,b\n", "markdown"),
    ("export.txt", "front\tback\nq\ta\n", "csv"),
    ("export.csv", "front,back\nq,a\n", "csv"),
])
def test_text_kinds(tmp_path: Path, name: str, content: str, kind: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert detect(path) == kind


def test_packages_by_content(tmp_path: Path) -> None:
    package = tmp_path / "deck.zip"
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("collection.anki21", b"x")
    assert detect(package) == "apkg"
    other = tmp_path / "other.apkg"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("readme.txt", b"x")
    with pytest.raises(InteropError, match="not an Anki package"):
        detect(other)
    db = tmp_path / "collection.anki2"
    db.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    with pytest.raises(InteropError, match=r"export it from Anki as a \.apkg"):
        detect(db)
