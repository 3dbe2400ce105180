"""Other apps' files in and out: Anki packages (``.apkg``/``.colpkg``), CSV/TSV and Markdown.

Every importer turns its file into :class:`Draft` notes; :mod:`.apply` checks them with the deck
file's own rules and writes them in one transaction (merge: add and update, never retire), so a
file with any problem imports nothing. Errors are :class:`InteropError` lines ``file:line: what``
(``file: what`` for binary formats). ``docs/interop.md`` describes the formats.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..changes import OpChanges
from ..models import ImportReport
from ..notes import NoteFields


class InteropError(ValueError):
    """A file that cannot be imported or written; ``problems`` are one-line messages."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def problem(path: Path | str, message: str, line: int = 0) -> str:
    """``file:line: message`` (``file: message`` without a line)."""
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


@dataclass(frozen=True)
class Draft:
    """One note read from a file: its deck, its id (key) in that deck, its fields and the line
    (1-based, 0 for binary formats) it came from."""

    deck: str
    key: str
    fields: NoteFields
    line: int = 0


@dataclass
class ImportSummary:
    """What an import did: added/updated/unchanged cards (``report``), notes skipped with the
    reason, images copied and reviews replayed, and what changed for the views."""

    source: str
    report: ImportReport = field(default_factory=ImportReport)
    skipped: list[tuple[str, str]] = field(default_factory=list)   # (what, why)
    media: list[str] = field(default_factory=list)
    reviews: int = 0
    changes: OpChanges = field(default_factory=lambda: OpChanges("import"))

    def summary(self) -> str:
        """One line, then one line per reason for skipping (with its count)."""
        r = self.report
        text = (f"{self.source}: {len(r.added)} added, {len(r.updated)} updated, {len(r.unchanged)} unchanged, "
                f"{len(self.skipped)} skipped")
        if self.media:
            text += f"; {len(self.media)} image(s)"
        if self.reviews:
            text += f"; {self.reviews} review(s) replayed"
        for why, count in Counter(why for _, why in self.skipped).most_common():
            text += f"\n  skipped {count}: {why}"
        return text
