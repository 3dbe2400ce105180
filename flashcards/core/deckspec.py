"""What a deck file holds once validated (decks, notes) and the problems found in one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cloze import cloze_numbers
from .models import CardType


@dataclass(frozen=True)
class DeckError:
    """One problem in a deck file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    def warning(self) -> str:
        """The problem as a lint warning line (it does not make the file invalid)."""
        return f"{self.path}:{self.line}: warning: {self.message}" if self.line else f"{self.path}: warning: {self.message}"


class DeckValidationError(ValueError):
    """Raised by import when any deck file is invalid; nothing was changed."""

    def __init__(self, errors: list[DeckError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class NoteSpec:
    """One entry of a deck file's ``cards:`` list."""

    id: str
    type: str
    front: str = ""
    back: str = ""
    text: str = ""
    items: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_line: int | None = None
    line: int = 0

    def study_cards(self) -> list[tuple[str, int]]:
        """The ``(key, ord)`` of each study card this note yields."""
        if self.type == CardType.REVERSE:
            return [(self.id, 0), (f"{self.id}/reverse", 1)]
        if self.type == CardType.CLOZE:
            return [(self.id if n == 1 else f"{self.id}/c{n}", n - 1) for n in cloze_numbers(self.text)]
        return [(self.id, 0)]


@dataclass
class DeckFile:
    """A validated deck file."""

    path: Path
    name: str
    description: str = ""
    source: str = ""
    source_title: str = ""
    attribution: str = ""
    disclaimer: str = ""
    new_per_day: int | None = None
    reviews_per_day: int | None = None
    notes: list[NoteSpec] = field(default_factory=list)
    warnings: list[DeckError] = field(default_factory=list)   # lint: valid, but worth a look
