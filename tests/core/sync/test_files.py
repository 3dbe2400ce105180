"""Reading and writing the sync folder's files."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.core.sync import files


@pytest.mark.parametrize("name", ["reviews-2026-03 (conflicted copy 2026-03-02).jsonl",
                                  "reviews-2026-03 (Anna's conflicted copy).jsonl",
                                  "reviews-2026-03.sync-conflict-20260302-101010-ABCDEFG.jsonl",
                                  "content (conflict 1).jsonl"])
def test_conflict_copies_are_recognised_and_read(name: str) -> None:
    assert files.is_conflict_copy(name) and files.is_record_file(name)


@pytest.mark.parametrize("name", [".reviews-2026-03.jsonl.123.tmp", ".syncthing.content.jsonl.tmp",
                                  "~content.jsonl", "notes.txt"])
def test_temporary_and_foreign_files_are_not_read(name: str) -> None:
    assert not files.is_record_file(name)


def test_a_cut_short_last_line_and_damaged_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "content.jsonl"
    path.write_bytes(b'{"t":"r","a":1}\nnot json\n[1,2]\n{"t":"s","b":2}\n{"t":"r","c"')
    read = files.read_file(path)
    assert read.records == [{"t": "r", "a": 1}, {"t": "s", "b": 2}]
    assert (read.damaged, read.partial) == (2, True)


def test_appending_keeps_old_lines_and_drops_a_cut_short_tail(tmp_path: Path) -> None:
    path = tmp_path / "reviews-2026-03.jsonl"
    files.append_records(path, [{"t": "r", "n": 1}])
    path.write_bytes(path.read_bytes() + b'{"t":"r","n"')
    files.append_records(path, [{"t": "r", "n": 2}])
    assert path.read_bytes() == b'{"n":1,"t":"r"}\n{"n":2,"t":"r"}\n'
    assert [p.name for p in tmp_path.iterdir()] == [path.name]          # no temporary file left


def test_a_missing_folder_is_refused_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        files.prepare(tmp_path / "typo", "abc123")
    assert not (tmp_path / "typo").exists()
