"""Images on cards: ``![alt](media/NAME)`` in a card's text names a file in a ``media/`` folder.

A deck file's images live in the ``media/`` folder beside it; the collection keeps its copies in
``media/`` beside the collection file. The editor copies a chosen image there
(:func:`add_media`), import copies a deck's referenced images in (:func:`import_media`) and export
copies them out beside the exported file (``deck_export.py``). Names are plain file names (no
folders, no ``..``); an existing file with other content is never overwritten: the copy gets a
name with a short content hash instead.

The study screen shows only what :func:`resolve` allows: a PNG, JPEG, GIF or SVG file of at most
:data:`MAX_IMAGE_BYTES` inside the collection's media folder — no URL, no other local path, no
link leading out of the folder (see docs/deck-format.md).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MEDIA_FOLDER = "media"
#: ``![alt](media/NAME)``; alt up to 200 characters on one line; NAME is letters, digits, ``-``,
#: ``_``, ``.`` and spaces, no folders.
MEDIA_RE = re.compile(r"!\[([^\]\n]{0,200})\]\(media/([A-Za-z0-9][A-Za-z0-9 _.-]{0,120})\)")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg")
MAX_IMAGE_BYTES = 2 * 1024 * 1024    # one image, copied in or shown


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


def split_images(text: str) -> list[tuple[str, str | None]]:
    """``text`` as pieces: ``(plain text, None)`` and ``(alt text, image name)`` in order."""
    out: list[tuple[str, str | None]] = []
    last = 0
    for m in MEDIA_RE.finditer(text):
        if m.start() > last:
            out.append((text[last:m.start()], None))
        out.append((m.group(1), m.group(2)))
        last = m.end()
    if last < len(text):
        out.append((text[last:], None))
    return out


def resolve(folder: Path | None, name: str) -> Path | None:
    """The image file ``name`` inside ``folder``, or None when anything is wrong: no folder, a
    name with a folder or ``..``, a file type not allowed, a link leading elsewhere, not a regular
    file, or larger than :data:`MAX_IMAGE_BYTES`."""
    if folder is None or "/" in name or "\\" in name or name in ("", ".", ".."):
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
    regular file or is over :data:`MAX_IMAGE_BYTES`, ``OSError`` when the copy fails."""
    source = Path(source)
    if not source.is_file():
        raise ValueError(f"{source}: not a file")
    if source.stat().st_size > MAX_IMAGE_BYTES:
        raise ValueError(f"{source}: image is over {MAX_IMAGE_BYTES // (1024 * 1024)} MiB")
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
    beside each file into the collection's media folder. Only what :func:`resolve` allows is
    copied (no link out of the folder, no other file type, nothing too big); the rest is skipped
    and shows as "image not shown" on the card."""
    copied: list[str] = []
    target = media_dir(collection_path)
    for deck in decks:
        folder = Path(deck.path).parent / MEDIA_FOLDER
        texts = [t for n in deck.notes for t in (n.front, n.back, n.text, *n.items)]
        for name in references(texts):
            source = resolve(folder, name)
            if source is not None and not (target / name).exists():
                copied.append(copy_in(source, target, name))
    return copied
