"""This collection's identity in a sync folder and the folder it syncs with (both in config).

The device id is made by schema migration v3 (16 hex digits) and names the folder the device
writes (``devices/<id>/``). A collection file copied to a second computer carries the same id:
give the copy its own with :func:`new_device_id` before it first syncs.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes import OpChanges

if TYPE_CHECKING:
    from ..collection import Collection

DEVICE_KEY = "sync_device"       # written by the v3 migration (schema.py)
FOLDER_KEY = "sync_folder"       # the folder last synced with (absolute path), or absent


def device_id(col: Collection) -> str:
    """This collection's device id (made here if a file somehow lacks one)."""
    value = col.conf.get(DEVICE_KEY)
    if not isinstance(value, str) or not value:
        value = uuid.uuid4().hex[:16]
        col.conf.set(DEVICE_KEY, value)
    return value


def new_device_id(col: Collection) -> str:
    """Give this collection a new device id (for a copy of another device's collection); its
    own reviews are then sent again under the new id and deduplicated by uid elsewhere."""
    value = uuid.uuid4().hex[:16]
    with col.db.write() as conn:
        conn.execute("UPDATE revlog SET device = ? WHERE device = (SELECT json_extract(value, '$') FROM config "
                     "WHERE key = ?)", (value, DEVICE_KEY))
    col.conf.update(prefs={DEVICE_KEY: value, SEQ_KEY: 0})
    return value


def sync_folder(col: Collection) -> Path | None:
    """The folder this collection syncs with, if one was chosen."""
    value = col.conf.get(FOLDER_KEY)
    return Path(value) if isinstance(value, str) and value else None


def set_sync_folder(col: Collection, folder: str | Path | None) -> OpChanges:
    """Remember ``folder`` (an absolute path) for the next syncs; None forgets it."""
    return col.conf.set(FOLDER_KEY, str(Path(folder).resolve()) if folder else None)


SEQ_KEY = "sync_seq"             # how many syncs this collection made under its device id
SEQ_FILE = "device.json"         # the same count in the device's own folder (written after the sync)
COPIED = ("this collection is a copy of another device's collection (its sync folder is ahead of it): "
          "run `flashcards sync --new-device` on this copy")


class CopiedCollection(RuntimeError):
    """This device's folder was written by another copy of the collection: nothing is synced."""

    def __init__(self) -> None:
        super().__init__(COPIED)


def check_not_copied(col: Collection, own: Path) -> int:
    """Raise :class:`CopiedCollection` when ``own`` (this device's folder) records more syncs than
    this collection made; returns the next sync's number (stored first in the collection)."""
    import json

    mine = col.conf.get(SEQ_KEY, 0)
    try:
        theirs = json.loads((own / SEQ_FILE).read_text()).get("seq", 0)
    except (OSError, ValueError, AttributeError):
        theirs = 0
    if isinstance(theirs, int) and theirs > mine:
        raise CopiedCollection()
    col.conf.set(SEQ_KEY, mine + 1)
    return int(mine + 1)
