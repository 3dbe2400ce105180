"""The YAML deck format: find deck files, read them within bounds, validate, report ``path:line: message``.

A file is checked with ``os.stat`` before it is read (a regular file, at most
``MAX_DECK_FILE_BYTES``), read through :mod:`.deckyaml` (plain data only; anchors, aliases, tags
and duplicate keys refused; bounded in values and depth) and validated by :mod:`.deckcheck`
(every problem of every card, each with its line). The format is documented in
``docs/deck-format.md``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from . import deckyaml
from .deckcheck import CARD_KEYS, DECK_KEYS, ID_RE, validate_deck
from .deckspec import DeckError, DeckFile, DeckValidationError, NoteSpec
from .deckyaml import LineDict
from .limits import MAX_DECK_FILE_BYTES

__all__ = ["CARD_KEYS", "DECK_KEYS", "DECK_SUFFIXES", "ID_RE", "DeckError", "DeckFile", "DeckValidationError",
           "LineDict", "NoteSpec", "find_deck_files", "load_deck_file", "load_deck_files", "parse_yaml"]

DECK_SUFFIXES = (".yaml", ".yml")


def find_deck_files(paths: Iterable[Path]) -> tuple[list[Path], list[DeckError]]:
    """Expand folders into their ``*.yaml``/``*.yml`` files (sorted); report missing paths."""
    files: list[Path] = []
    errors: list[DeckError] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in DECK_SUFFIXES and p.is_file())
            if not found:
                errors.append(DeckError(path, 0, "no deck files (*.yaml, *.yml) in this folder"))
            files.extend(found)
        elif path.exists() or path.is_symlink():
            files.append(path)            # load_deck_file says what is wrong with odd files
        else:
            errors.append(DeckError(path, 0, "no such file or folder"))
    return files, errors


def load_deck_files(paths: Iterable[Path], progress: Callable[[int, int], None] | None = None
                    ) -> tuple[list[DeckFile], list[DeckError]]:
    """Load and validate every deck file under ``paths``; also checks deck names are unique.
    ``progress(files done, files)`` is called after each file."""
    files, errors = find_deck_files(paths)
    decks: list[DeckFile] = []
    seen: dict[str, Path] = {}
    for done, path in enumerate(files, 1):
        deck, file_errors = load_deck_file(path)
        if progress is not None:
            progress(done, len(files))
        errors.extend(file_errors)
        if deck is None:
            continue
        if deck.name in seen:
            errors.append(DeckError(path, 1, f"deck {deck.name!r} is also defined in {seen[deck.name]}"))
            continue
        seen[deck.name] = path
        decks.append(deck)
    return decks, errors


def read_deck_text(path: Path) -> str:
    """The file's text: a regular file of at most ``MAX_DECK_FILE_BYTES``, UTF-8 without NUL bytes.

    The size and kind are checked before reading, and no more than the limit is ever read.
    Raises :class:`DeckValidationError` with one :class:`DeckError`.
    """
    def refuse(line: int, message: str) -> DeckValidationError:
        return DeckValidationError([DeckError(path, line, message)])

    try:
        with open(path, "rb", opener=_open_nonblocking) as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise refuse(0, "not a regular file (a folder, device or pipe?)")
            if info.st_size > MAX_DECK_FILE_BYTES:
                raise refuse(0, f"file is {info.st_size:,} bytes; the limit is {MAX_DECK_FILE_BYTES:,}")
            raw = fh.read(MAX_DECK_FILE_BYTES + 1)
    except OSError as exc:
        raise refuse(0, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_DECK_FILE_BYTES:  # it grew while we read it
        raise refuse(0, f"file is over the limit of {MAX_DECK_FILE_BYTES:,} bytes")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(raw[: exc.start].count(b"\n") + 1, "not UTF-8 text (is this a binary file?)") from None
    if "\x00" in text:
        raise refuse(text[: text.index("\x00")].count("\n") + 1, "contains NUL bytes (binary file?)")
    return text


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without blocking on a FIFO that has no writer (the kind check then refuses it)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def load_deck_file(path: Path) -> tuple[DeckFile | None, list[DeckError]]:
    """Parse one file; returns the deck (None if unusable) and every problem found."""
    try:
        data = parse_yaml(read_deck_text(path))
    except DeckValidationError as exc:
        return None, exc.errors
    except deckyaml.DeckYAMLError as exc:
        return None, [DeckError(path, exc.line, exc.message)]
    return validate_deck(path, data)


def parse_yaml(text: str) -> object:
    """Safe-load ``text`` with :func:`.deckyaml.parse`: mappings come back as :class:`LineDict`."""
    return deckyaml.parse(text)
