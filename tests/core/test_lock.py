"""One writer: a second app on the same collection is refused; stale locks are taken over."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flashcards import Collection, CollectionLockedError
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
    # The killed process left its lock behind: it is stale and taken over.
    assert lock_path_for(path).exists()
    with Collection.open(path) as col:
        col.create_deck("After")
    assert not lock_path_for(path).exists()


def test_lock_of_a_dead_process_is_stale(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    lock_path_for(path).write_text(json.dumps({"pid": 2**22 + 12345, "host": __import__("socket").gethostname()}))
    with Collection.open(path):
        pass


def test_same_process_may_reopen(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path):
        with Collection.open(path) as second:
            second.create_deck("Twice")
        assert lock_path_for(path).exists()
    assert not lock_path_for(path).exists()
