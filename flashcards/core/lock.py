"""One writer per collection: a lock file beside it, holding the owner's pid and host.

A lock whose process is gone (the app crashed or was killed) is stale and is taken over. The
same process may open a collection more than once (the lock is counted).
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

_HELD: dict[Path, int] = {}  # lock path -> open count in this process


class CollectionLockedError(RuntimeError):
    """The collection is open in another running Flashcards; nothing was written."""


def lock_path_for(collection: Path) -> Path:
    return collection.with_name(collection.name + ".lock")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return False
    return True


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def acquire(collection: Path) -> Path:
    """Take the lock for ``collection`` or raise :class:`CollectionLockedError`."""
    path = lock_path_for(collection).resolve()
    if path in _HELD:
        _HELD[path] += 1
        return path
    me = {"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()}
    for _ in range(3):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            owner = _read(path)
            same_host = owner.get("host") == me["host"]
            if owner and (not same_host or _pid_alive(int(owner.get("pid", 0)))):
                where = "on this computer" if same_host else f"on {owner.get('host')}"
                raise CollectionLockedError(
                    f"{collection} is open in another Flashcards (process {owner.get('pid')} {where}). "
                    "Close it there first; nothing was changed here.") from None
            path.unlink(missing_ok=True)  # stale: its process is gone (or the file is unreadable)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(me, handle)
        _HELD[path] = 1
        return path
    raise CollectionLockedError(f"{collection}: could not take the lock file {path}")


def release(path: Path) -> None:
    count = _HELD.get(path, 0)
    if count > 1:
        _HELD[path] = count - 1
        return
    _HELD.pop(path, None)
    if _read(path).get("pid") == os.getpid():
        path.unlink(missing_ok=True)
