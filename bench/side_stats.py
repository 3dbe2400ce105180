"""Statistics over a large review log (ours only; Anki's stats screen is not a library call)."""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flashcards import Collection
from flashcards.core.stats import review_stats

from . import synth
from .measure import peak_rss_mb, repeat

DAYS = 365


def fill_revlog(col: Collection, rows: int, now: datetime, seed: int = 1) -> None:
    """Append ``rows`` synthetic answers spread evenly over the last DAYS days (plain SQL)."""
    rng = random.Random(seed)
    conn = col._conn
    card_ids = [r[0] for r in conn.execute("SELECT id FROM cards")]
    end = int(now.timestamp() * 1000)
    day = col.learner_day
    start = int(day.start_of(day.day_of(now) - timedelta(days=DAYS - 1)).timestamp() * 1000)
    step = (end - start) / rows

    def batch(first: int, count: int):
        for i in range(first, first + count):
            rating = rng.choices((1, 2, 3, 4), (10, 10, 70, 10))[0]
            t = int(start + i * step)
            yield (rng.choice(card_ids), t, rating, rng.randint(1500, 30000), 2, 2 if rating > 1 else 3,
                   10.0, 5.0, t + 86_400_000, 1, "{}")

    conn.execute("BEGIN")
    for first in range(0, rows, 100_000):
        conn.executemany(
            "INSERT INTO revlog (card_id, time, rating, duration_ms, state_before, state_after, "
            "stability, difficulty, due, elapsed_days, before) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            batch(first, min(100_000, rows - first)))
    conn.execute("COMMIT")


def run(n: int, revlog_rows: int, repeats: int) -> dict[str, Any]:
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="bench-stats-") as tmp:
        decks = synth.write_yaml_decks(Path(tmp) / "decks", n)
        with Collection.open(Path(tmp) / "c.sqlite3") as col:
            col.import_decks([decks])
            fill_revlog(col, revlog_rows, now)
            result = repeat(lambda: review_stats(col, days=DAYS, now=now + timedelta(seconds=1)), repeats * 3)
            stats = review_stats(col, days=DAYS, now=now + timedelta(seconds=1))
            assert stats.total.reviews == revlog_rows, stats.total
    return {"stats": result, "rss_mb": peak_rss_mb(),
            "check": {"reviews": stats.total.reviews, "retention": stats.total.retention}}
