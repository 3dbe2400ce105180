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
    col.conf.set(DEVICE_KEY, value)
    return value


def sync_folder(col: Collection) -> Path | None:
    """The folder this collection syncs with, if one was chosen."""
    value = col.conf.get(FOLDER_KEY)
    return Path(value) if isinstance(value, str) and value else None


def set_sync_folder(col: Collection, folder: str | Path | None) -> OpChanges:
    """Remember ``folder`` (an absolute path) for the next syncs; None forgets it."""
    return col.conf.set(FOLDER_KEY, str(Path(folder).resolve()) if folder else None)
