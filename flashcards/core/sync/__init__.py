"""Sync through any shared folder (Syncthing, Nextcloud, Dropbox, a USB stick, …); see docs/sync.md.

The review log is the source of truth: every review has a globally unique id and the device that
made it; each device appends to its own files in ``devices/<device-id>/`` and reads the others',
merging by review id and replaying the cards whose history changed (:mod:`.replay`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .content import Conflict
from .device import CopiedCollection, device_id, new_device_id, set_sync_folder, sync_folder
from .engine import SyncResult, sync

__all__ = ["Conflict", "CopiedCollection", "SyncResult", "conflicts", "device_id", "dismiss_conflict", "new_device_id",
           "set_sync_folder", "sync", "sync_folder"]

if TYPE_CHECKING:
    from ..collection import Collection


def conflicts(col: Collection) -> list[Conflict]:
    """The conflicts list: versions of notes that lost to an edit made elsewhere, newest first."""
    from .content import conflicts as read
    with col.db.read() as conn:
        return read(conn)


def dismiss_conflict(col: Collection, conflict_id: int) -> None:
    """Remove one entry from the conflicts list (the learner has looked at it)."""
    with col.db.write() as conn:
        conn.execute("DELETE FROM sync_conflicts WHERE id = ?", (conflict_id,))
