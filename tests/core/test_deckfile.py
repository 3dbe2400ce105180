"""Deck file validation: every kind of mistake is reported with its line number."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.core.deckfile import load_deck_file, load_deck_files

FIXTURES = Path(__file__).parents[1] / "fixtures" / "decks"


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    _, errors = load_deck_file(path)
    return [str(e) for e in errors]


def test_fixture_decks_are_valid() -> None:
    decks, errors = load_deck_files([FIXTURES])
    assert errors == []
    causes = next(d for d in decks if d.name == "Hemifacial Spasm::Causes")
    assert causes.description == "Why the facial nerve misfires."
    keys = [k for n in causes.notes for k, _ in n.study_cards()]
    assert keys == ["neurovascular-compression", "mvd-cloze", "mvd-cloze/c2", "types-list",
                    "botox", "botox/reverse"]


@pytest.mark.parametrize("body, line, fragment", [
    ("deck: D\ncards:\n  - front: q\n    back: a\n", 3, "missing field 'id'"),
    ("deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n  - id: a\n    front: q2\n    back: a2\n",
     6, "duplicate card id 'a' (first used on line 3)"),
    ("deck: D\ncards:\n  - id: a\n    type: flip\n    front: q\n    back: a\n", 4, "unknown type 'flip'"),
    ("deck: D\ncards:\n  - id: a\n    type: cloze\n    text: no deletion here\n", 5, "cloze text has no deletion"),
    ("deck: D\ncards:\n  - id: a\n    front: [1, 2]\n    back: a\n", 4, "'front' must be text, not a list"),
    ("deck: D\ncards:\n  - id: a\n    front: q\n", 3, "missing field 'back'"),
    ("deck: D\ncards:\n  - id: a\n    type: list\n    front: q\n    items: [only]\n", 6, "at least 2 items"),
    ("deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n    source_line: -3\n", 6, "whole number from 1"),
    ("deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n    tags: cause\n", 6, "'tags' must be a list"),
    ("deck: D\ncards:\n  - id: a/b\n    front: q\n    back: a\n", 3, "no '/' or spaces"),
    ("deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n    colour: red\n", 6, "unknown key 'colour'"),
    ("cards:\n  - id: a\n    front: q\n    back: a\n", 1, "missing field 'deck'"),
    ("deck: D\ncards: {}\n", 2, "'cards' must be a list"),
    ("deck: 'A::::B'\ncards:\n  - id: a\n    front: q\n    back: a\n", 1, "empty part"),
    ("deck: D\ncards:\n  - id: a\n    front: \"unclosed\n", 5, "invalid YAML"),
    ("deck: D\ncards:\n  - !!python/object:os.system {}\n", 3, "unsupported YAML tag"),
])
def test_each_mistake_reports_its_line(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    path = write(tmp_path, body)
    errors = errors_of(path)
    assert any(e.startswith(f"{path}:{line}: ") and fragment in e for e in errors), errors


def test_all_problems_are_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(tmp_path, "deck: D\ncards:\n  - id: a\n    type: cloze\n    text: x\n"
                           "  - id: b\n    type: weird\n  - front: q\n    back: a\n")
    lines = sorted(int(e.split(":")[1]) for e in errors_of(path))
    assert lines == [5, 7, 8], lines


def test_aliases_are_refused(tmp_path: Path) -> None:
    body = "deck: D\nx: &a [1, 2]\ncards:\n  - id: a\n    front: q\n    back: a\n    tags: *a\n"
    errors = errors_of(write(tmp_path, body))
    assert any(":2: " in e and "aliases" in e for e in errors), errors  # refused at the anchor


def test_empty_binary_and_missing_files(tmp_path: Path) -> None:
    assert errors_of(write(tmp_path, "")) == [f"{tmp_path / 'deck.yaml'}:1: the file is empty"]
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"deck: D\n\xff\xfe\x00\x01")
    assert "not UTF-8" in errors_of(binary)[0]
    _, errors = load_deck_files([tmp_path / "nope"])
    assert "no such file or folder" in str(errors[0])


def test_same_deck_in_two_files_is_an_error(tmp_path: Path) -> None:
    body = "deck: D\ncards:\n  - id: a\n    front: q\n    back: a\n"
    write(tmp_path, body, "one.yaml")
    write(tmp_path, body, "two.yaml")
    _, errors = load_deck_files([tmp_path])
    assert len(errors) == 1 and "also defined in" in str(errors[0])


def test_huge_string_is_refused_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "deck: D\ncards:\n  - id: a\n    front: q\n    back: " + "x" * 30_000 + "\n")
    assert any(":5: " in e and "limit" in e for e in errors_of(path))
