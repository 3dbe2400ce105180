"""The parsed article: sections of items, with 1-based source lines; and the error for unusable input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class ArticleError(ValueError):
    """Unusable article; ``str(e)`` is ``"path:line: message"`` or ``"path: message"``."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")


@dataclass
class Item:
    """A list item: ``term`` (None for plain items), explanation, 1-based lines, sub-items."""

    term: str | None
    explanation: str
    line: int
    explanation_line: int
    children: list[Item] = field(default_factory=list)
    indent: int = 0
    numbered: bool = False
    depth: int = 0  # 0 for a section's items, 1 for their sub-items, ...
    kind: str = ""  # "" (a list line), "row" (a table row), "faq" (a question), "definition", "alias" (from prose)


@dataclass
class Section:
    """A heading with its intro sentence and items. ``name`` is the short name ("Causes")."""

    heading: str
    line: int
    level: int = 0
    name: str = ""
    intro: str = ""
    intro_line: int = 0
    items: list[Item] = field(default_factory=list)
    paragraphs: list[tuple[int, str]] = field(default_factory=list)
    facts: list[tuple[int, str]] = field(default_factory=list)  # (line, sentence): one cloze each


@dataclass
class Article:
    """The parsed article. ``sections`` holds only sections with items (the content)."""

    path: Path
    title: str
    title_line: int
    lead: list[tuple[int, str]]
    sections: list[Section]
    conclusion: str = ""
    disclaimer: str = ""
    attribution: str | None = None
    body: str = ""
    condition: str = ""
    aliases: list[str] = field(default_factory=list)
