"""Images on cards: ``![alt](media/NAME)`` in a card's text names a file in a ``media/`` folder.

A deck file's images live in the ``media/`` folder beside it; the collection keeps its copies in
``media/`` beside the collection file. The editor copies a chosen image there
(:func:`add_media`), import copies a deck's referenced images in (:func:`import_media`) and export
copies them out beside the exported file (``deck_export.py``). Names are plain file names (no
folders, no ``..``); an existing file with other content is never overwritten: the copy gets a
name with a short content hash instead.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MEDIA_FOLDER = "media"
#: ``![alt](media/NAME)``; NAME is letters, digits, ``-``, ``_``, ``.`` and spaces, no folders.
MEDIA_RE = re.compile(r"!\[([^\]\n]*)\]\(media/([A-Za-z0-9][A-Za-z0-9 _.-]{0,120})\)")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
MAX_MEDIA_BYTES = 20 * 1024 * 1024   # one image


def media_dir(collection_path: Path) -> Path:
    """The collection's media folder (beside its file)."""
    return Path(collection_path).parent / MEDIA_FOLDER


def references(texts: Iterable[str]) -> list[str]:
    """The media file names referenced in ``texts``, in order of first use, without repeats."""
    names: dict[str, None] = {}
    for text in texts:
        for m in MEDIA_RE.finditer(text or ""):
            names.setdefault(m.group(2), None)
    return list(names)


def image_markup(name: str, alt: str = "") -> str:
    """The text that shows image ``name`` on a card."""
    alt = re.sub(r"[\[\]\n]", " ", alt).strip()
    return f"![{alt}]({MEDIA_FOLDER}/{name})"


def _safe_name(name: str) -> str:
    stem, dot, suffix = Path(name).name.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "image"
    suffix = re.sub(r"[^A-Za-z0-9]", "", suffix).lower()
    return f"{stem[:80]}.{suffix}" if suffix else stem[:80]


def _same(a: Path, b: Path) -> bool:
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def copy_in(source: Path, folder: Path, name: str | None = None) -> str:
    """Copy file ``source`` into ``folder`` as ``name`` (default: its own name, made safe);
    returns the name used. An identical file already there is reused; a different one with the
    same name makes a ``stem-<hash>.suffix`` name. Raises ``ValueError`` for a file that is not a
    regular file or is over :data:`MAX_MEDIA_BYTES`, ``OSError`` when the copy fails."""
    source = Path(source)
    if not source.is_file():
        raise ValueError(f"{source}: not a file")
    if source.stat().st_size > MAX_MEDIA_BYTES:
        raise ValueError(f"{source}: image is over {MAX_MEDIA_BYTES // (1024 * 1024)} MB")
    folder.mkdir(parents=True, exist_ok=True)
    name = _safe_name(name or source.name)
    target = folder / name
    if target.exists():
        if _same(source, target):
            return name
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem}-{digest}.{suffix}" if dot else f"{name}-{digest}"
        target = folder / name
        if target.exists():
            return name
    partial = target.with_name(target.name + ".partial")
    try:
        shutil.copyfile(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return name


def add_media(collection_path: Path, source: Path) -> str:
    """Copy image ``source`` into the collection's media folder; returns its name there."""
    if Path(source).suffix.lower() not in IMAGE_SUFFIXES:
        raise ValueError(f"{source}: not an image ({', '.join(IMAGE_SUFFIXES)})")
    return copy_in(Path(source), media_dir(collection_path))


def import_media(decks: Iterable[Any], collection_path: Path) -> list[str]:
    """Copy the images the imported ``decks`` (``DeckFile``) reference from the ``media/`` folder
    beside each file into the collection's media folder; missing files are skipped."""
    copied: list[str] = []
    target = media_dir(collection_path)
    for deck in decks:
        folder = Path(deck.path).parent / MEDIA_FOLDER
        texts = [t for n in deck.notes for t in (n.front, n.back, n.text, *n.items)]
        for name in references(texts):
            source = folder / name
            if source.is_file() and not (target / name).exists():
                copied.append(copy_in(source, target, name))
    return copied
