"""Statistics benchmark: the statistics window over a large review log.

    QT_QPA_PLATFORM=offscreen python -m bench.bench_stats [--cards 20000] [--reviews 1000000] [--runs 5]

Builds a collection of N basic cards in 10 section decks (bench/synth.py, imported with the core
API) and fills its review log with R answers spread over the last 365 days, inserted with SQL in
one transaction through the collection's own connection (``col.db.write()``); every card then
gets the plausible review state of its last answer. Times (median of ``--runs`` after one
warm-up) the core figures the window uses (``progress``, calibration, daily activity,
``review_stats``) and ``StatsWindow`` built, shown and its charts filled. Target (issue 12):
the window renders in < 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DAYS = 365
WINDOW_TARGET_MS = 500
DAY_MS = 86_400_000


def fill(col: Any, rows: int, now: datetime, seed: int = 1) -> None:
    """Append ``rows`` answers over the last DAYS days, card by card with growing intervals, and
    give every card the state of its last answer (review, or relearning after an Again)."""
    rng = random.Random(seed)
    end = int(now.timestamp() * 1000) - 60_000
    start = end - DAYS * DAY_MS
    with col.db.write() as conn:
        card_ids = [r[0] for r in conn.execute("SELECT id FROM cards ORDER BY id")]
        device = conn.execute("SELECT json_extract(value, '$') FROM config WHERE key = 'sync_device'").fetchone()[0]
        per_card = rows // len(card_ids)
        extra = rows - per_card * len(card_ids)
        log: list[tuple[Any, ...]] = []
        cards: list[tuple[Any, ...]] = []
        for k, cid in enumerate(card_ids):
            n = per_card + (1 if k < extra else 0)
            span = (end - start) / max(1, n)
            t = start + rng.randint(0, DAY_MS)
            stab, diff, lapses, state = 0.0, rng.uniform(3, 8), 0, 0
            for i in range(n):
                rating = 1 if i and rng.random() < 0.12 else rng.choices((2, 3, 4), (10, 75, 15))[0]
                before = state
                if rating == 1:
                    lapses += 1
                    stab, state = max(0.5, stab * 0.3), 3
                else:
                    stab, state = min(400.0, max(1.0, stab * 1.6 + 1)), 2
                due = t + int(stab * DAY_MS)
                log.append((uuid.uuid4().hex, device, cid, t, rating, rng.randint(1500, 30000), before, state,
                            stab, diff, due, max(0, int(span // DAY_MS)), "{}"))
                t = min(end - (n - i - 1) * 60_000, int(t + span * rng.uniform(0.6, 1.4)))
            last: int = log[-1][3] if n else 0
            cards.append((state if n else 0, stab if n else None, diff if n else None,
                          (last + int(stab * DAY_MS)) if n else None, last, n, lapses, int(lapses >= 8), cid))
        conn.executemany(
            "INSERT INTO revlog (uid, device, card_id, time, rating, duration_ms, state_before, state_after, "
            "stability, difficulty, due, elapsed_days, before) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            sorted(log, key=lambda r: r[3]))
        conn.executemany("UPDATE cards SET state=?, stability=?, difficulty=?, due=?, last_review=?, reps=?, "
                         "lapses=?, leech=? WHERE id=?", cards)


def build(folder: Path, n: int, rows: int, now: datetime) -> Path:
    from bench.synth import write_yaml_decks
    from flashcards import Collection

    decks = write_yaml_decks(folder / "decks", n)
    path = folder / "data" / "collection.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks])
        fill(col, rows, now)
    return path


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def bench_core(path: Path, now: datetime, runs: int) -> dict[str, float]:
    from flashcards import Collection
    from flashcards.core import progress as pg
    from flashcards.core import stats
    from flashcards.core.calibration import calibration

    out: dict[str, float] = {}
    with Collection.open(path) as col:
        day = col.conf.learner_day
        today = day.day_of(now)
        since = day.start_of(today - timedelta(days=pg.DEFAULT_PERIOD_DAYS - 1))
        out["progress (window's figures, 1 month)"] = median_ms(lambda: pg.progress(col, None, now=now), runs)
        out["progress without calibration"] = median_ms(
            lambda: pg.progress(col, None, now=now, with_calibration=False), runs)
        out["progress, one section deck"] = median_ms(lambda: pg.progress(col, "Bench::Deck 03", now=now), runs)
        out["calibration (1 month)"] = median_ms(lambda: calibration(col, None, since=since, until=now), runs)
        out["daily activity (365 days)"] = median_ms(
            lambda: stats.daily_activity(col, today - timedelta(days=pg.HEATMAP_DAYS - 1), today, day), runs)
        out["review_stats (365 days)"] = median_ms(lambda: stats.review_stats(col, days=DAYS, now=now), runs)
    return out


def bench_window(path: Path, now: datetime, runs: int) -> dict[str, float]:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from flashcards import Collection
    from flashcards.ui.operations import CollectionState
    from flashcards.ui.stats_window import StatsWindow

    QCoreApplication.setOrganizationName("FlashcardsBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path.parent / "settings"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    samples = []
    with Collection.open(path) as col:
        state = CollectionState(col)
        for _ in range(runs + 1):
            start = time.perf_counter()
            window = StatsWindow(state, clock=lambda: now)
            window.show()
            app.processEvents()
            window.repaint()
            samples.append((time.perf_counter() - start) * 1000)
            assert window.progress is not None and len(window.charts) == 11
            window.close()
            window.deleteLater()
            app.processEvents()
    return {"cold_ms": samples[0], "median_ms": statistics.median(samples[1:])}


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--cards", type=int, default=20_000)
    parser.add_argument("--reviews", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="flashcards-bench-") as tmp:
        t0 = time.perf_counter()
        path = build(Path(tmp), args.cards, args.reviews, now)
        print(f"built {args.cards:,} cards and {args.reviews:,} reviews in {time.perf_counter() - t0:.1f} s")
        core = bench_core(path, now, args.runs)
        window = bench_window(path, now, args.runs)
    width = max(len(k) for k in core) + 2
    print(f"\nstatistics over {args.reviews:,} reviews of {args.cards:,} cards (median of {args.runs})")
    for name, ms in core.items():
        print(f"  {name:<{width}} {ms:8.1f} ms")
    print(f"  {'statistics window shown, charts filled':<{width}} {window['median_ms']:8.1f} ms "
          f"(first: {window['cold_ms']:.0f} ms; target < {WINDOW_TARGET_MS} ms)")
    if args.json:
        print(json.dumps({"cards": args.cards, "reviews": args.reviews, "core": core, "window": window}))


if __name__ == "__main__":
    main()
