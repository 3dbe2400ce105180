"""Card images: a deck's ``media/`` folder beside its deck file, and the checks that keep card text
from reaching anything else.

Card text refers to an image as ``![what it shows](file-name.png)`` (see docs/deck-format.md).
Only a plain relative name inside the deck's media folder is ever read: no URL, no absolute
path, no ``..``, no link leading out of the folder, only PNG, JPEG, GIF and SVG files, at most
:data:`MAX_IMAGE_BYTES` each. The importer remembers each deck's media folder in the config
under :data:`MEDIA_KEY` (``{deck name: absolute folder}``); the schema is unchanged.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MEDIA_KEY = "deck_media"
MEDIA_DIR = "media"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg"})
MAX_IMAGE_BYTES = 2 * 1024 * 1024
#: ``![alt text](name)``: alt up to 200 characters on one line, a name without spaces or brackets.
IMAGE_RE = re.compile(r"!\[([^\]\n]{0,200})\]\(([^()\s]{1,200})\)")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._ -]*(/[A-Za-z0-9][A-Za-z0-9._ -]*)*")


def split_images(text: str) -> list[tuple[str, str | None]]:
    """``text`` as pieces: ``(plain text, None)`` and ``(alt text, image name)`` in order."""
    out: list[tuple[str, str | None]] = []
    last = 0
    for m in IMAGE_RE.finditer(text):
        if m.start() > last:
            out.append((text[last:m.start()], None))
        out.append((m.group(1), m.group(2)))
        last = m.end()
    if last < len(text):
        out.append((text[last:], None))
    return out


def resolve(folder: Path | None, name: str) -> Path | None:
    """The image file ``name`` inside ``folder``, or None when anything is wrong: no folder, a
    URL or absolute path, ``..``, a file type not allowed, a link leading elsewhere, not a regular
    file, or larger than :data:`MAX_IMAGE_BYTES`."""
    if folder is None or not _SAFE_NAME.fullmatch(name) or ".." in name.split("/"):
        return None
    if Path(name).suffix.lower() not in IMAGE_SUFFIXES:
        return None
    try:
        root = folder.resolve(strict=True)
        path = (root / name).resolve(strict=True)
        info = path.stat()
    except (OSError, RuntimeError):
        return None
    if not path.is_relative_to(root) or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IMAGE_BYTES:
        return None
    return path


def folder_for(config: Any, deck: str) -> Path | None:
    """Deck ``deck``'s media folder as remembered at import (``config``: the ``deck_media`` value)."""
    if not isinstance(config, dict):
        return None
    folder = config.get(deck)
    return Path(folder) if isinstance(folder, str) and folder else None


def remember_folders(conn: sqlite3.Connection, decks: Iterable[Any]) -> None:
    """In the import's transaction: each imported deck's media folder (``media/`` beside its file)."""
    row = conn.execute("SELECT value FROM config WHERE key = ?", (MEDIA_KEY,)).fetchone()
    try:
        data = json.loads(row[0]) if row else {}
    except ValueError:
        data = {}
    data = data if isinstance(data, dict) else {}
    for deck in decks:
        data[deck.name] = str(Path(deck.path).resolve().parent / MEDIA_DIR)
    conn.execute("INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (MEDIA_KEY, json.dumps(data, sort_keys=True)))
