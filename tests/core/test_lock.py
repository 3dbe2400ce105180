"""One writer: a second app on the same collection is refused; a dead owner never locks anyone out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards import Collection, CollectionLockedError
from flashcards.core import lock
from flashcards.core.lock import lock_path_for

HOLD = """
import sys, time
from flashcards import Collection
col = Collection.open(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_second_process_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Collection.open(path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "open"
        with pytest.raises(CollectionLockedError, match="open in another Flashcards"):
            Collection.open(path)
        with Collection.open(path, read_only=True) as reader:  # reading is still allowed
            assert reader.deck_names() == []
            with pytest.raises(PermissionError):
                reader.create_deck("X")
    finally:
        proc.kill()
        proc.wait()
    # The kernel released the killed process's lock; its "open" marker asks for a full check.
    assert lock_path_for(path).read_bytes() == lock.OPEN_MARKER
    with Collection.open(path) as col:
        col.create_deck("After")
        assert col.integrity_report is not None and col.integrity_report.ok
    assert lock_path_for(path).read_bytes() == lock.CLEAN_MARKER
    with Collection.open(path) as col:  # after a clean close: no check at open
        assert col.integrity_report is None


@pytest.mark.parametrize("contents", [b"", b'{"pid": "abc"}', b'{"pid": 1, "host": "elsewhere"}',
                                      json.dumps({"pid": 2**22 + 12345}).encode(), b"\xff\xfe garbage"])
def test_odd_lock_file_contents_are_ignored(tmp_path: Path, contents: bytes) -> None:
    path = tmp_path / "c.sqlite3"
    lock_path_for(path).write_bytes(contents)
    with Collection.open(path) as col:
        col.create_deck("Fine")


def test_same_process_may_reopen(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path):
        with Collection.open(path) as second:
            second.create_deck("Twice")
        assert lock_path_for(path).read_bytes() == lock.OPEN_MARKER  # the first is still open
    assert lock_path_for(path).read_bytes() == lock.CLEAN_MARKER
    assert lock._HELD == {}


class _FakeMsvcrt:
    """msvcrt as Windows has it: ``locking`` on a byte range, OSError when another process holds it."""

    LK_NBLCK = 2

    def __init__(self, held_elsewhere: bool):
        self.held_elsewhere = held_elsewhere
        self.calls: list[tuple[int, int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((fd, mode, nbytes, os.lseek(fd, 0, os.SEEK_CUR)))
        if self.held_elsewhere:
            raise OSError(36, "Resource deadlock avoided")


@pytest.mark.parametrize("held_elsewhere", [False, True])
def test_the_windows_lock_takes_byte_zero_without_waiting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          held_elsewhere: bool) -> None:
    """The msvcrt path, run here with a stand-in module: it locks one byte at offset 0 without
    waiting, reports another holder as locked (never raises), and the marker keeps the file's size
    (a byte-range lock must stay inside the file)."""
    fake = _FakeMsvcrt(held_elsewhere)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(lock.sys, "platform", "win32")
    path = tmp_path / "c.sqlite3.lock"
    path.write_bytes(b"x" * 40)
    fd = os.open(path, os.O_RDWR)
    try:
        os.lseek(fd, 17, os.SEEK_SET)
        assert lock._try_lock(fd) is (not held_elsewhere)
        assert fake.calls == [(fd, fake.LK_NBLCK, 1, 0)]
        handle = lock.LockHandle(path, fd, False)
        lock._write_marker(handle, b"ok")
        assert path.stat().st_size == 40 and path.read_bytes().startswith(b"ok")
    finally:
        os.close(fd)
