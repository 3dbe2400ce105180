"""A study session killed with SIGKILL loses at most the answer in flight."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from flashcards import Collection

from .conftest import make_deck

STUDY = """
import random, sys
from flashcards import Collection, Rating
with Collection.open(sys.argv[1]) as col:
    cards = [c.id for c in col.cards()]
    while True:
        card = col.next_card()
        card_id = card.id if card else random.choice(cards)
        col.answer(card_id, random.choice(list(Rating)), duration_ms=1200)
        print(card_id, flush=True)   # acknowledged: answer() has returned
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_never_loses_an_acknowledged_answer(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([make_deck(tmp_path / "d.yaml", "Kill", 200)])
    acknowledged: Counter[int] = Counter()
    rng = random.Random(20261125)
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", STUDY, str(path)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(rng.randint(1, 40)):
            line = proc.stdout.readline()
            if not line:
                break
            acknowledged[int(line)] += 1
        time.sleep(rng.random() * 0.02)  # land somewhere inside the next answer
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in rest.split():  # printed before the kill landed: acknowledged too
            acknowledged[int(line)] += 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    logged = Counter(dict(conn.execute("SELECT card_id, count(*) FROM revlog GROUP BY card_id").fetchall()))
    conn.close()
    assert sum(acknowledged.values()) >= 20
    for card_id, count in acknowledged.items():
        assert logged[card_id] >= count, f"card {card_id}: {count} acknowledged, {logged[card_id]} logged"
    assert sum(logged.values()) - sum(acknowledged.values()) <= 20  # at most one in flight per kill
    with Collection.open(path) as col:  # the stale lock of the killed process is taken over
        assert len(col.review_log()) == sum(logged.values())
