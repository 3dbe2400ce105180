"""The generator on large and odd articles: it completes, gives every section its own file, and
every deck it writes passes `validate` (limits, deck names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.core.articles import generate_decks, write_decks
from flashcards.core.deckfile import load_deck_files

# Shapes of one long line that made the old regular expressions quadratic (a long word, a run of
# spaces, unmatched emphasis stars, brackets, '#'s).
LONG_LINES = {
    "word": "x" * 50_000,
    "spaces": "x" + " " * 50_000 + "y",
    "stars": "*x " * 17_000,
    "brackets": "[x](y " * 9_000,
    "at-signs": "a@b" * 17_000,
}


def valid(decks, tmp_path: Path) -> list[Path]:
    written = write_decks(decks, tmp_path / "out")
    loaded, errors = load_deck_files([tmp_path / "out"])
    assert errors == [], errors[:3]
    assert len(loaded) == len(decks) == len(written) == len(set(written))
    return written


@pytest.mark.parametrize("shape", sorted(LONG_LINES))
def test_one_very_long_line_completes_and_gives_valid_decks(tmp_path: Path, shape: str) -> None:
    line = LONG_LINES[shape]
    path = tmp_path / "long.md"
    path.write_text(f"# Gout\n\n## {line[:60]}\n\n1. Purines: {line}\n2. Alcohol: Beer raises uric acid.\n"
                    f"\n## Causes\n\n- Diet: {line}\n- Genes: Inherited.\n", encoding="utf-8")
    decks = generate_decks(path)
    assert decks
    valid(decks, tmp_path)


def test_four_hundred_sections_complete_with_one_file_each(tmp_path: Path) -> None:
    lines = ["# Gout", "", "Gout is a form of arthritis.", ""]
    for s in range(400):
        lines += [f"## Group {s} Causes", ""] + [f"{i}. Factor {s} {i}: Raises uric acid by {i} percent in group {s}."
                                                 for i in range(1, 6)] + [""]
    path = tmp_path / "many.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    decks = generate_decks(path)
    assert len(decks) == 401
    valid(decks, tmp_path)


def test_headings_that_slug_alike_get_their_own_files(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    items = "\n\n- Overuse: Too much running.\n- Shoes: Worn-out trainers.\n\n"
    path.write_text(f"# Shin Splints\n\n## Causes{items}## Causes!{items.replace('Overuse', 'Hills')}"
                    f"## Causes 2{items.replace('Overuse', 'Flat feet')}", encoding="utf-8")
    decks = generate_decks(path)
    assert [d.name for d in decks] == ["Shin Splints::Causes", "Shin Splints::Causes!", "Shin Splints::Causes 2"]
    assert [d.filename for d in decks] == ["shin-splints/causes.yaml", "shin-splints/causes-2.yaml",
                                           "shin-splints/causes-2-2.yaml"]
    written = valid(decks, tmp_path)
    assert len({p.read_text(encoding="utf-8") for p in written}) == 3


@pytest.mark.parametrize("title", ["Gout:::Flares", "Gout\u200b\u202e", "::Gout::", "G" * 500, "Gout \x07 Bell"])
def test_odd_titles_and_headings_still_give_valid_deck_names(tmp_path: Path, title: str) -> None:
    path = tmp_path / "a.md"
    path.write_text(f"# Gout\n\n## {title} Causes\n\n- Diet: Red meat.\n- Genes: Inherited.\n", encoding="utf-8")
    decks = generate_decks(path, title=title)
    assert decks and all(d.name.count("::") == 1 for d in decks)
    valid(decks, tmp_path)


def test_a_list_of_sixty_items_is_split_into_parts_of_at_most_seven(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Gout\n\n## Causes\n\n" + "\n".join(f"- Factor {i}: Raises uric acid ({i})." for i in range(60)),
                    encoding="utf-8")
    decks = generate_decks(path)
    lists = [c for d in decks for c in d.data["cards"] if c["type"] == "list"]
    assert all(2 <= len(c["items"]) <= 7 for c in lists)
    assert sorted(i for c in lists for i in c["items"]) == sorted(f"Factor {i}: Raises uric acid ({i})." for i in range(60))
    valid(decks, tmp_path)
