"""Hostile and mutated deck files: never a traceback, and a rejected import changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashcards import Collection, DeckValidationError
from flashcards.core.deckfile import load_deck_file

VALID = """deck: "Fuzz::Deck"
description: "d"
cards:
  - id: one
    type: basic
    front: "What is one?"
    back: "One."
    tags: [a, b]
    source_line: 3
  - id: two
    type: cloze
    text: "{{c1::Two}} is a {{c2::number}}."
  - id: three
    type: list
    front: "Name three things."
    items: ["x", "y", "z"]
  - id: four
    type: reverse
    front: "four"
    back: "4"
"""

SNIPPETS = ["", ":", "- ", "  ", "\t", "{", "}", "[", "]", "&a ", "*a", "!!python/object:os.system ",
            "!!binary ", "'", '"', "{{c1::", "}}", "type: list", "type: cloze", "id: one", "cards:",
            "deck:", "\n", "\x00", "\ufeff", "é", "🙂", "0x10", "-1", "null", "~", "yes", "1e999",
            "? ", "%YAML 1.1\n", "---\n", "...\n", "<<: *a", "!!set {a}", "!!timestamp 2001-01-01"]


@st.composite
def mutated_deck(draw: st.DrawFn) -> str:
    lines = VALID.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["delete", "insert", "replace", "dup", "cut", "swap"]))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and lines:
            del lines[i]
        elif op == "insert":
            lines.insert(i, draw(st.sampled_from(SNIPPETS)) + draw(st.text(max_size=12)))
        elif op == "replace" and lines:
            line = lines[i]
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(SNIPPETS)) + line[j + draw(st.integers(0, 6)):]
        elif op == "dup" and lines:
            lines.insert(i, lines[i])
        elif op == "cut":
            lines = lines[:i]
        elif op == "swap" and len(lines) > 1:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


deck_text = st.one_of(mutated_deck(), st.text(max_size=300),
                      st.builds(lambda xs: "\n".join(xs), st.lists(st.sampled_from(SNIPPETS), max_size=20)))


def _fingerprint(path: Path) -> str:
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def fuzz_col(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("fuzz") / "c.sqlite3"
    with Collection.open(path) as col:
        yield col


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=deck_text)
def test_validate_and_import_never_crash(fuzz_col: Collection, tmp_path_factory: pytest.TempPathFactory,
                                        text: str) -> None:
    folder = tmp_path_factory.mktemp("deck")
    path = folder / "deck.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    deck, errors = load_deck_file(path)  # must not raise
    assert (deck is None) == bool(errors)
    for error in errors:
        assert str(error).startswith(str(path)) and error.message
    before = _fingerprint(fuzz_col.path)
    try:
        fuzz_col.import_decks([path])
    except DeckValidationError as exc:
        assert exc.errors == errors
        assert _fingerprint(fuzz_col.path) == before
    else:
        assert not errors


@pytest.mark.parametrize("name, text, fragment", [
    ("bomb", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", "aliases"),
    ("recursive", "deck: D\ncards: &c\n  - *c\n", "aliases"),
    ("python", "deck: D\ncards:\n  - !!python/object/apply:os.system [echo pwned]\n", "unsupported YAML tag"),
    ("deep", "deck: D\ncards: " + "[" * 5000 + "]" * 5000 + "\n", ""),
    ("huge", "deck: D\ncards:\n  - id: a\n    front: q\n    back: \"" + "x" * 10_000_000 + "\"\n", "limit"),
])
def test_hostile_decks_are_refused_with_a_clear_message(tmp_path: Path, name: str, text: str, fragment: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    deck, errors = load_deck_file(path)
    assert deck is None and errors
    assert fragment in str(errors[0])
    assert str(errors[0]).startswith(f"{path}:")
