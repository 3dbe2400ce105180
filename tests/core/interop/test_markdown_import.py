"""Markdown import: ``Q::A``, ``Q:::A`` and ``?``-separated cards as the Obsidian SR plugin writes them."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards.core.interop import InteropError
from flashcards.core.interop.markdown_import import read_markdown

NOTE = """\
#flashcards/Anatomy/Heart
# Heading
What is the SA node::The heart's pacemaker #cardio
Tachycardia:::HR > 100 <!--SR:!2024-01-01,3,250-->
{{c1::a cloze}} is not a card

Name the layers
of the heart
?
Epicardium
Myocardium

Systole
??
Contraction

```
code::not a card
```
"""


def test_obsidian_cards(tmp_path: Path) -> None:
    path = tmp_path / "heart.md"
    path.write_text(NOTE, encoding="utf-8")
    got = [(d.deck, d.fields.type, d.fields.front, d.fields.back, d.fields.tags, d.line)
           for d in read_markdown(path, "heart")]
    assert got == [
        ("Anatomy::Heart", "basic", "What is the SA node", "The heart's pacemaker", ("cardio",), 3),
        ("Anatomy::Heart", "reverse", "Tachycardia", "HR > 100", (), 4),
        ("Anatomy::Heart", "basic", "Name the layers\nof the heart", "Epicardium\nMyocardium", (), 7),
        ("Anatomy::Heart", "reverse", "Systole", "Contraction", (), 13),
    ]


def test_empty_sides_and_no_cards(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_text("intro\n\nQuestion::\n", encoding="utf-8")
    with pytest.raises(InteropError) as info:
        read_markdown(path, "D")
    assert info.value.problems == [f"{path}:3: the answer is empty"]
    path.write_text("just prose\n", encoding="utf-8")
    with pytest.raises(InteropError, match="no cards"):
        read_markdown(path, "D")
