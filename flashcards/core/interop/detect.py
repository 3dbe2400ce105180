"""Choosing how to import a file by its content (the extension only breaks ties), and importing.

``apkg``: a zip holding an Anki collection (``.apkg``/``.colpkg``, any name); ``yaml``: a deck
file (``deck:`` and ``cards:`` keys); ``markdown``: ``Question::Answer`` lines or cards split by
a ``?`` line; ``article``: a ``.txt``/``.md`` article the generator can card (headings with
list items; imported through ``flashcards generate`` or the app's article wizard, never here);
``csv``: anything else that is text. Folders are folders of deck files.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes import OpChanges
from ..deckfile import DECK_SUFFIXES
from . import Draft, ImportSummary, InteropError, problem
from .apply import Progress, to_decks, write

if TYPE_CHECKING:
    from ..collection import Collection

KINDS = ("apkg", "yaml", "markdown", "csv", "article")
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
ARTICLE_HINT = "this looks like an article: use 'flashcards generate' or the app's article wizard"
_SQLITE = b"SQLite format 3\x00"
_YAML = re.compile(r"^deck\s*:.*^cards\s*:|^cards\s*:.*^deck\s*:", re.MULTILINE | re.DOTALL)
_MARKDOWN = re.compile(r"^[^\n,;\t|]*[^:\n]::[^:\n]|^\?\??[ \t]*$", re.MULTILINE)
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_CLOZE = re.compile(r"\{\{.*?\}\}")


def detect(path: Path) -> str:
    """The kind of file ``path`` is (see :data:`KINDS`); raises :class:`InteropError` for a
    file none of the importers can read."""
    if path.is_dir() or not path.is_file():
        return "yaml"          # folders of deck files; the deck reader words odd files and missing paths
    try:
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
    except OSError as exc:
        raise InteropError([problem(path, f"cannot read: {exc.strerror or exc}")]) from None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return "apkg"                         # a damaged zip: the package reader says what is wrong
        if names & {"collection.anki21b", "collection.anki21", "collection.anki2"}:
            return "apkg"
        raise InteropError([problem(path, "a zip file, but not an Anki package (no collection inside)")])
    if head.startswith(_SQLITE):
        raise InteropError([problem(path, "an SQLite database; export it from Anki as a .apkg package first")])
    text = head.decode("utf-8-sig", errors="replace")
    if _YAML.search(text) or (path.suffix.lower() in DECK_SUFFIXES and "\x00" not in text):
        return "yaml"
    first = text.split("\n", 1)[0].strip().lower()
    if re.match(r"^(front|question)\s*[,;\t|]", first):
        return "csv"                              # a CSV header
    cards = _MARKDOWN.search(_CLOZE.sub("", text))
    if not cards and path.suffix.lower() in ARTICLE_SUFFIXES and is_article(path, text):
        return "article"
    if path.suffix.lower() in _MARKDOWN_SUFFIXES or cards:
        return "markdown"
    return "csv"


def is_article(path: Path, head: str) -> bool:
    """True if the article generator finds sections with items in ``path``, unless most lines of
    its ``head`` hold tabs (a TSV table)."""
    from ..articles import ArticleError, parse_article

    lines = [line for line in head.splitlines() if line.strip()]
    if lines and sum("\t" in line for line in lines) > len(lines) // 2:
        return False
    try:
        return bool(parse_article(path).sections)
    except (ArticleError, OSError):
        return False


def read_drafts(path: Path, kind: str, deck: str | None) -> list[Draft]:
    """The notes of a CSV/TSV or Markdown file (default deck: ``deck`` or the file's name)."""
    from .csv_io import read_csv
    from .markdown_import import read_markdown

    default = deck or path.stem.replace("_", " ").strip() or "Imported"
    return (read_markdown if kind == "markdown" else read_csv)(path, default)


def import_paths(col: Collection, paths: list[Path], deck: str | None = None, with_history: bool = False,
                 progress: Progress | None = None) -> list[ImportSummary]:
    """Import ``paths`` (each chosen by :func:`detect`). Every text file is read and checked before
    anything is written; a bad one raises :class:`InteropError` (or the deck reader's
    ``DeckValidationError``) and nothing is imported. Packages are checked as a whole first."""
    from ..deckfile import DeckValidationError, load_deck_files
    from .anki_formats import read_package
    from .apkg_import import import_package

    kinds = [(Path(p), detect(Path(p))) for p in paths]
    problems: list[str] = []
    texts: list[tuple[Path, list[Draft]]] = []
    packages = []
    for path, kind in kinds:
        if kind == "article":
            problems.append(problem(path, ARTICLE_HINT))
            continue
        try:
            if kind in ("csv", "markdown"):
                texts.append((path, read_drafts(path, kind, deck)))
            elif kind == "apkg":
                packages.append((path, read_package(path)))
        except InteropError as exc:
            problems += exc.problems
    yaml_paths = [p for p, k in kinds if k == "yaml"]
    if yaml_paths:
        _, errors = load_deck_files(yaml_paths)
        if errors:
            raise DeckValidationError(errors)
    decks = {path: to_decks(path, drafts) for path, drafts in texts} if not problems else {}
    if problems:
        raise InteropError(problems)
    summaries: list[ImportSummary] = []
    if yaml_paths:
        result = col.decks.import_files(yaml_paths, progress)
        summaries.append(ImportSummary(", ".join(map(str, yaml_paths)), result.report, changes=result.changes))
    for path, found in decks.items():
        summaries.append(ImportSummary(str(path), write(col, found), changes=_changes(col)))
    for path, pkg in packages:
        summaries.append(import_package(col, path, with_history, progress, pkg))
    return summaries


def _changes(col: Collection) -> OpChanges:
    return OpChanges("import", card=True, note=True, deck=True, study_queue=True, undo=col.undo_status())
