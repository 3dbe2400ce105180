"""One writer for sure: real processes racing for the lock, a killed holder, odd lock files."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards import Collection, CollectionLockedError
from flashcards.core import lock
from flashcards.core.lock import LockError, lock_path_for

ROUNDS = 40

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork-free spawn timing are POSIX")


def _racer(path: str, barrier, results) -> None:
    """Each round: wait for the other racer, try to open the collection, report, wait, close."""
    for round_no in range(ROUNDS):
        barrier.wait()
        try:
            col = Collection.open(path)
        except CollectionLockedError:
            col = None
        results.put((round_no, os.getpid(), col is not None))
        barrier.wait()           # both have tried while the winner still holds it
        if col is not None:
            col.close()
        barrier.wait()


def test_two_processes_racing_never_both_hold_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    Collection.open(path).close()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    procs = [ctx.Process(target=_racer, args=(str(path), barrier, results)) for _ in range(2)]
    for proc in procs:
        proc.start()
    wins: dict[int, int] = {}
    for _ in range(2 * ROUNDS):
        round_no, _pid, won = results.get(timeout=60)
        wins[round_no] = wins.get(round_no, 0) + int(won)
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    assert wins == dict.fromkeys(range(ROUNDS), 1)  # exactly one winner every round


HOLD = """
import sys
from flashcards import Collection
col = Collection.open(sys.argv[1])
col.create_deck("Held")
print("open", flush=True)
sys.stdin.read()
"""


def test_a_holder_killed_with_sigkill_never_locks_anyone_out(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        with pytest.raises(CollectionLockedError):
            Collection.open(path)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        with Collection.open(path) as col:   # the kernel dropped the lock with the process
            assert col.deck_names() == ["Held"]
            assert col.integrity_report is not None and col.integrity_report.ok  # unclean: checked


def test_restore_takes_the_same_lock(tmp_path: Path) -> None:
    from flashcards.core import backup as backups

    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        good = col.create_backup()
    before = path.read_bytes()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
        with pytest.raises(CollectionLockedError):
            backups.restore(good, path)
    finally:
        proc.kill()
        proc.wait()
    assert len(backups.list_backups(tmp_path / "backups")) == 1  # no safety copy was even made
    assert path.read_bytes() != b"" and before


def test_a_folder_as_lock_file_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    lock_path_for(path).mkdir()
    with pytest.raises(LockError, match="is a folder, not a lock file") as info:
        Collection.open(path)
    assert "\n" not in str(info.value) and not path.exists()


def test_a_dangling_symlink_as_lock_file_is_refused_and_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    target = tmp_path / "elsewhere" / "target"
    lock_path_for(path).symlink_to(target)
    with pytest.raises(LockError, match="symbolic link"):
        Collection.open(path)
    assert not target.exists() and not path.exists()


def test_the_same_process_counts_its_holds(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    first = lock.acquire(path)
    second = lock.acquire(path)
    assert first is second and first.count == 2
    lock.release(second)
    lock.release(first)
    assert lock._HELD == {}
