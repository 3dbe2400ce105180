"""The synthetic collection both sides get: N basic cards in 10 decks under "Bench"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

DECKS = 10
PARENT = "Bench"
LIMIT = 9999                       # new and review cards per day, on both sides
RATINGS = (3, 3, 1, 4, 2, 3, 3, 1, 3, 4)   # Again=1 .. Easy=4, cycled over the study loop


def deck_name(index: int) -> str:
    return f"{PARENT}::Deck {index:02d}"


def notes(n: int) -> Iterator[tuple[int, str, str, str]]:
    """``(deck index, id, front, back)`` for ``n`` cards, in contiguous blocks per deck."""
    per_deck = -(-n // DECKS)
    for i in range(n):
        d = i // per_deck
        yield (d, f"q{i}", f"Bench question {i}: which structure is number {i} in deck {d}?",
               f"Answer {i}: the structure numbered {i}, described in section {i % 97}.")


def write_yaml_decks(folder: Path, n: int) -> Path:
    """Write the cards as deck files (one per deck), as a learner's folder would hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    lines: dict[int, list[str]] = {}
    for d, key, front, back in notes(n):
        out = lines.setdefault(d, [f'deck: "{deck_name(d)}"', f"new_per_day: {LIMIT}",
                                   f"reviews_per_day: {LIMIT}", "cards:"])
        out += [f"  - id: {key}", f'    front: "{front}"', f'    back: "{back}"']
    for d, out in lines.items():
        (folder / f"deck{d:02d}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder
