"""One writer per collection: an OS lock (``flock`` / ``msvcrt.locking``) on a file beside it.

The lock is held on an open file for as long as the collection is open, so the kernel
releases it when the process exits in any way (a crash, SIGKILL, a reboot): a dead owner never
locks the learner out, and pid reuse or a new host name do not matter. Taking it is one atomic
call, never delete-then-create, so two processes can never both hold it. The lock file is never
deleted; its contents are only a marker: ``open`` while a writer has the collection open,
``closed`` after a clean close (see :attr:`LockHandle.was_unclean`). Whatever else it holds is ignored.

The same process may open a collection more than once (the lock is counted).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

OPEN_MARKER = b"open\n"
CLEAN_MARKER = b"closed\n"


class LockError(RuntimeError):
    """The lock file cannot be used (a folder, a symbolic link, no permission); nothing was written."""


class CollectionLockedError(LockError):
    """The collection is open in another running Flashcards; nothing was written."""


@dataclass
class LockHandle:
    """A held lock. ``was_unclean``: the previous writer did not close the collection cleanly."""

    path: Path
    fd: int
    was_unclean: bool
    count: int = 1
    marked: int = field(default=0)  # how many holders in this process marked the collection open


_HELD: dict[Path, LockHandle] = {}
_GUARD = threading.Lock()


def lock_path_for(collection: Path) -> Path:
    return collection.with_name(collection.name + ".lock")


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on ``fd`` without waiting; False if another process has it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:  # e.g. a file system without locks
        raise LockError(f"cannot lock {exc.filename or 'the lock file'}: {exc.strerror}") from None
    return True


def _open(path: Path) -> int:
    if path.is_symlink():
        raise LockError(f"{path} is a symbolic link, not a lock file; remove it and try again")
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags, 0o644)
    except PermissionError:
        try:  # a read-only lock file (in a read-only folder) can still be locked
            return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            pass
        raise LockError(f"{path}: no permission to create or open the lock file "
                        "(the folder or file is read-only)") from None
    except IsADirectoryError:
        raise LockError(f"{path} is a folder, not a lock file; remove it and try again") from None
    except OSError as exc:
        if path.is_dir():  # Windows says EACCES for a folder
            raise LockError(f"{path} is a folder, not a lock file; remove it and try again") from None
        raise LockError(f"{path}: cannot open the lock file ({exc.strerror})") from None


def acquire(collection: Path) -> LockHandle:
    """Take the lock for ``collection`` or raise :class:`CollectionLockedError` / :class:`LockError`."""
    path = lock_path_for(Path(collection).absolute())
    path = path.parent.resolve() / path.name
    with _GUARD:
        held = _HELD.get(path)
        if held is not None:
            held.count += 1
            return held
        fd = _open(path)
        try:
            if not _try_lock(fd):
                raise CollectionLockedError(
                    f"{collection} is open in another Flashcards; close it there first "
                    "(nothing was changed here)")
            os.lseek(fd, 0, os.SEEK_SET)
            was_unclean = os.read(fd, 64).startswith(OPEN_MARKER.strip())
        except BaseException:
            os.close(fd)
            raise
        handle = LockHandle(path, fd, was_unclean)
        _HELD[path] = handle
        return handle


def _write_marker(handle: LockHandle, data: bytes) -> None:
    try:
        os.lseek(handle.fd, 0, os.SEEK_SET)
        os.write(handle.fd, data)
        if sys.platform != "win32":  # msvcrt locks byte 0: the file keeps its size there
            os.ftruncate(handle.fd, len(data))
    except OSError:
        pass  # only a hint for the next open; a read-only lock file just means no marker


def mark_open(handle: LockHandle) -> None:
    """Record that a writer has the collection open (cleared by :func:`mark_clean`)."""
    with _GUARD:
        handle.marked += 1
        if handle.marked == 1:
            _write_marker(handle, OPEN_MARKER)


def mark_clean(handle: LockHandle) -> None:
    """The writer closed the collection cleanly (the last one in this process clears the marker)."""
    with _GUARD:
        handle.marked = max(0, handle.marked - 1)
        if handle.marked == 0:
            _write_marker(handle, CLEAN_MARKER)


def release(handle: LockHandle) -> None:
    """Drop one hold; the last one closes the file, which releases the OS lock."""
    with _GUARD:
        handle.count -= 1
        if handle.count > 0:
            return
        _HELD.pop(handle.path, None)
        with contextlib.suppress(OSError):
            os.close(handle.fd)
