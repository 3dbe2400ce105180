"""Shared fixtures for core tests: a fresh collection and a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timezone
from pathlib import Path

import pytest

from flashcards import Collection

FIXTURES = Path(__file__).parents[1] / "fixtures" / "decks"
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday, 10:00 UTC


@pytest.fixture
def decks_dir(tmp_path: Path) -> Path:
    target = tmp_path / "decks"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture
def col(tmp_path: Path, decks_dir: Path) -> Iterator[Collection]:
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as collection:
        collection.update_settings(timezone="UTC", fuzz=False)
        collection.import_decks([decks_dir])
        yield collection


def make_deck(path: Path, name: str, count: int, prefix: str = "q") -> Path:
    """Write a deck file with ``count`` basic cards."""
    lines = [f'deck: "{name}"', "cards:"]
    for i in range(count):
        lines += [f"  - id: {prefix}{i}", f'    front: "Question {prefix}{i}?"', f'    back: "Answer {i}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
