"""The YAML writer: decks it writes never use anchors/aliases, which the deck reader refuses."""

from __future__ import annotations

from pathlib import Path

import yaml

from flashcards.core.articles import GeneratedDeck, dump_deck, write_decks
from flashcards.core.deckfile import load_deck_files


def test_two_cards_sharing_one_tags_list_are_written_without_anchors(tmp_path: Path) -> None:
    tags = ["causes", "nerves"]
    data = {"deck": "D::Causes", "cards": [
        {"id": "a", "type": "basic", "front": "Q1?", "back": "A1.", "tags": tags},
        {"id": "b", "type": "basic", "front": "Q2?", "back": "A2.", "tags": tags},
    ]}
    text = dump_deck(data)
    assert "&id" not in text and "*id" not in text
    assert yaml.safe_load(text) == data
    write_decks([GeneratedDeck(name="D::Causes", filename="d/causes.yaml", data=data)], tmp_path)
    decks, errors = load_deck_files([tmp_path])
    assert errors == []
    assert [n.tags for n in decks[0].notes] == [("causes", "nerves"), ("causes", "nerves")]
