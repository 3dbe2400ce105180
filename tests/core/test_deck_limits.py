"""Bounded, strict deck input: every limit of core/limits.py, checked by validate with path:line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flashcards.cli import main
from flashcards.core import deckyaml, limits
from flashcards.core.deckfile import load_deck_file, load_deck_files


def write(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    deck, errors = load_deck_file(path)
    assert (deck is None) == bool(errors)
    return [str(e) for e in errors]


def card(extra: str = "", front: str = "q", back: str = "a", card_id: str = "a") -> str:
    return f"  - id: {card_id}\n    front: {front}\n    back: {back}\n{extra}"


def deck(name: str = "D", cards: str | None = None) -> str:
    return f"deck: {name}\ncards:\n{card() if cards is None else cards}"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with open(path, "wb") as fh:  # sparse: 20 MB of NUL bytes, which would be "binary" if read
        fh.truncate(20 * 1024 * 1024)
    errors = errors_of(path)
    assert errors == [f"{path}: file is {20 * 1024 * 1024:,} bytes; the limit is {limits.MAX_DECK_FILE_BYTES:,}"]


def test_a_fifo_and_a_device_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # no writer: opening it for reading would block without O_NONBLOCK
    assert "not a regular file" in errors_of(fifo)[0]
    _, errors = load_deck_files([Path("/dev/zero")])
    assert "not a regular file" in str(errors[0])


def test_reading_stops_at_the_value_limit_without_parsing_the_rest(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deckyaml, "MAX_YAML_VALUES", 1000)
    # A flow list far over the limit, then a syntax error that is never reached.
    path = write(tmp_path, "deck: D\ncards: [" + "a, " * 5000 + "\n]]] not yaml: [\n")
    assert errors_of(path) == [f"{path}:2: more than 1,000 values; the file is too large"]


def test_deep_nesting_is_refused_at_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "deck: D\ncards: " + "[" * 50 + "]" * 50 + "\n")
    assert errors_of(path) == [f"{path}:2: nested more than {limits.MAX_YAML_DEPTH} levels deep"]
    path = write(tmp_path, "deck: D\ncards: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert errors_of(path)[0].startswith(f"{path}:2: ")  # libyaml's own depth limit, or ours


@pytest.mark.parametrize("name, fragment", [
    ("'A:::B'", "empty part"),
    ("'::'", "empty part"),
    ("'::A'", "empty part"),
    ("'A::'", "empty part"),
    ("'A:: ::B'", "empty part"),
    ('"A\\u200bB"', "invisible or control character (U+200B)"),
    ('"A\\u202eB"', "invisible or control character (U+202E)"),
    ('"A\\x07B"', "invisible or control character (U+0007)"),
    ('"A\\u2028B"', "invisible or control character (U+2028)"),
    ("'" + "::".join(["L"] * 2000) + "'", f"5,998 characters; the limit is {limits.MAX_DECK_NAME_CHARS}"),
    ("'" + "::".join(["L"] * (limits.MAX_DECK_DEPTH + 1)) + "'",
     f"{limits.MAX_DECK_DEPTH + 1} levels; the limit is {limits.MAX_DECK_DEPTH}"),
    ("'" + "x" * 3_000_000 + "'", f"3,000,000 characters; the limit is {limits.MAX_DECK_NAME_CHARS}"),
    ("''", "non-empty string"),
    ("null", "non-empty string"),
])
def test_bad_deck_names_are_refused(tmp_path: Path, name: str, fragment: str) -> None:
    path = write(tmp_path, deck(name))
    errors = errors_of(path)
    assert len(errors) == 1 and errors[0].startswith(f"{path}:1: ") and fragment in errors[0], errors
    assert len(errors[0]) < 300  # the name is not echoed in full


def test_the_deepest_and_longest_allowed_deck_name_is_accepted(tmp_path: Path) -> None:
    parts = ["P" * 20] * limits.MAX_DECK_DEPTH
    path = write(tmp_path, deck("'" + "::".join(parts) + "'"))
    assert errors_of(path) == []


@pytest.mark.parametrize("body, line, fragment", [
    (deck(cards=card("    source_line: 9223372036854775808\n")), 6, "whole number from 1 to 10,000,000"),
    (deck(cards=card("    source_line: -9223372036854775809\n")), 6, "whole number from 1"),
    (deck(cards=card("    source_line: 1e30\n")), 6, "whole number from 1"),
    ("deck: D\nnew_per_day: 99999999999999999999999\ncards:\n" + card(), 2, "'new_per_day' must be a whole number"),
    (deck(cards=card(front="null")), 4, "'front' must be text, not nothing"),
    (deck(cards=card(back="~")), 5, "'back' must be text, not nothing"),
    (deck(cards="  - id: a\n    type: cloze\n    text:\n"), 5, "'text' must be text, not nothing"),
    (deck(cards="  - id: a\n    type: list\n    front: q\n    items: null\n"), 6, "'items' must be a list"),
    (deck(cards=card(front="'" + "x" * (limits.MAX_TEXT_CHARS + 1) + "'")), 4, "the limit is 20,000"),
    (deck(cards=card(card_id="a" * (limits.MAX_ID_CHARS + 1))), 3, f"1 to {limits.MAX_ID_CHARS} letters"),
    (deck(cards=card("    tags: [" + ", ".join(f"t{i}" for i in range(limits.MAX_TAGS + 1)) + "]\n")), 6,
     f"'tags' has {limits.MAX_TAGS + 1} entries; the limit is {limits.MAX_TAGS}"),
    (deck(cards=card("    tags: [" + "t" * (limits.MAX_TAG_CHARS + 1) + "]\n")), 6, "an entry of 'tags' is 101"),
    (deck(cards=card('    tags: ["a\\u200d"]\n')), 6, "invisible or control character (U+200D)"),
    (deck(cards="  - id: a\n    type: list\n    front: q\n    items: [" + ", ".join(["x"] * 51) + "]\n"), 6,
     "'items' has 51 entries; the limit is 50"),
    (deck(cards=card("    front: again\n")), 6, "duplicate key 'front' (first on line 4)"),
    ("deck: D\ndeck: E\ncards:\n" + card(), 2, "duplicate key 'deck' (first on line 1)"),
    (deck(cards=card("    <<: {x: 1}\n")), 6, "merge keys"),
    ("deck: &n D\ncards:\n" + card(), 1, "anchors and aliases"),
    ("deck: D\n---\ndeck: E\n", 2, "only one YAML document"),
])
def test_each_limit_and_rule_is_reported_with_its_line(tmp_path: Path, body: str, line: int, fragment: str) -> None:
    path = write(tmp_path, body)
    errors = errors_of(path)
    assert any(e.startswith(f"{path}:{line}: ") and fragment in e for e in errors), errors
    assert all(len(e) < 400 for e in errors)


def test_too_many_cards_in_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards.core import deckcheck
    monkeypatch.setattr(deckcheck, "MAX_CARDS_PER_FILE", 3)
    cards = "".join(card(card_id=f"c{i}") for i in range(4))
    path = write(tmp_path, deck(cards=cards))
    assert errors_of(path) == [f"{path}:2: 4 cards; the limit per file is 3"]


def test_every_problem_of_one_card_is_reported(tmp_path: Path) -> None:
    body = deck(cards="  - id: a/b\n    type: list\n    front: null\n    items: [x, '', 3, [y]]\n"
                      "    tags: ok\n    source_line: 0\n    colour: red\n")
    errors = errors_of(write(tmp_path, body))
    messages = "\n".join(errors)
    for fragment in ["no '/' or spaces", "'front' must be text, not nothing", "an entry of 'items' is empty",
                     "every entry of 'items' must be non-empty text, not a list", "'tags' must be a list",
                     "'source_line' must be a whole number", "unknown key 'colour'"]:
        assert fragment in messages, (fragment, errors)
    assert len(errors) == 7, errors


def test_a_long_list_card_is_valid_with_a_lint_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    items = ", ".join(f"item {i}" for i in range(12))
    path = write(tmp_path, deck(cards=f"  - id: a\n    type: list\n    front: q\n    items: [{items}]\n"))
    deck_file, errors = load_deck_file(path)
    assert errors == [] and deck_file is not None
    assert [str(w) for w in deck_file.warnings] == [
        f"{path}:6: card 'a': 12 items; a list of at most 7 is easier to learn (split it)"]
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr()
    assert f"{path}:6: warning: card 'a': 12 items" in out.err and out.out.startswith("ok: 1 deck(s)")


def test_source_line_out_of_sqlite_range_is_refused_by_validate_and_import(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, deck(cards=card(f"    source_line: {2**63}\n")))
    assert main(["validate", str(path)]) == 1
    assert f"{path}:6: card 'a': 'source_line' must be a whole number" in capsys.readouterr().err
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was imported" in err
