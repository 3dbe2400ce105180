"""Authoring benchmark: card search over N cards, and the card browser opened on all of them.

    QT_QPA_PLATFORM=offscreen python bench/bench_authoring.py [--cards 100000] [--runs 7] [--json]

Builds a collection of N basic cards in 10 decks (bench/synth.py, YAML decks imported with the
core API) with 1,000 answered cards, then times ``col.find_cards(query)`` for each query below
(median of ``--runs``, after one warm-up) and the browser: ``BrowserWindow`` built on every card,
shown and its first screen of rows painted (median; the first, cold open is reported too).
Targets (issue 17): search < 100 ms median, browser open < 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QUERIES = ['deck:"Bench::Deck 03"', "deck:Bench*", "is:new", "is:due", "is:review -is:suspended", "lapses>3",
           "reps>=1", '"structure numbered 4242"', "numbered 77 or numbered 78", "-is:new deck:Bench*",
           "tag:cause", "key:q9999*", "cid:1,2,3,500,90000", ""]
SEARCH_TARGET_MS = 100
BROWSER_TARGET_MS = 1000


def build(folder: Path, n: int) -> Path:
    """A collection of ``n`` cards, 1,000 of them answered once (so state terms find something)."""
    from bench.synth import write_yaml_decks
    from flashcards import Collection

    decks = write_yaml_decks(folder / "decks", n)
    path = folder / "data" / "collection.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks])
        now = datetime.now(UTC) - timedelta(days=30)
        for i, card_id in enumerate(col.find_cards("")[:1000]):
            col.answer(card_id, 1 + i % 4, now=now)
    return path


def time_ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def bench_search(path: Path, runs: int) -> dict[str, dict[str, float]]:
    from flashcards import Collection

    out: dict[str, dict[str, float]] = {}
    with Collection.open(path) as col:
        for query in QUERIES:
            found = len(col.find_cards(query))                       # warm-up
            samples = [time_ms(lambda q=query: col.find_cards(q)) for _ in range(runs)]
            out[query] = {"median_ms": statistics.median(samples), "found": found}
    return out


def bench_browser(path: Path, runs: int) -> dict[str, float]:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from flashcards import Collection
    from flashcards.ui.browser import BrowserWindow
    from flashcards.ui.operations import CollectionState

    QCoreApplication.setOrganizationName("FlashcardsBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path.parent / "settings"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    samples, shown = [], 0
    with Collection.open(path) as col:
        state = CollectionState(col)
        for _ in range(runs + 1):
            start = time.perf_counter()
            browser = BrowserWindow(state)
            browser.show()
            app.processEvents()
            browser.table.viewport().repaint()
            samples.append((time.perf_counter() - start) * 1000)
            shown = len(browser.model.ids)
            browser.close()
            browser.deleteLater()
            app.processEvents()
    return {"cold_ms": samples[0], "median_ms": statistics.median(samples[1:]), "cards": shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="flashcards-bench-") as tmp:
        t0 = time.perf_counter()
        path = build(Path(tmp), args.cards)
        print(f"built {args.cards:,} cards in {time.perf_counter() - t0:.1f} s")
        search = bench_search(path, args.runs)
        browser = bench_browser(path, args.runs)
    width = max(len(q) for q in QUERIES) + 2
    print(f"\nsearch over {args.cards:,} cards (median of {args.runs}; target < {SEARCH_TARGET_MS} ms)")
    for query, figures in search.items():
        print(f"  {query or '(empty: all cards)':<{width}} {figures['median_ms']:8.1f} ms  {figures['found']:>8,} found")
    overall = statistics.median(f["median_ms"] for f in search.values())
    worst = max(f["median_ms"] for f in search.values())
    print(f"  median over the queries: {overall:.1f} ms; slowest query: {worst:.1f} ms")
    print(f"\nbrowser open on {browser['cards']:,} cards: {browser['median_ms']:.0f} ms median "
          f"(first, cold: {browser['cold_ms']:.0f} ms; target < {BROWSER_TARGET_MS} ms)")
    if args.json:
        print(json.dumps({"cards": args.cards, "search": search, "search_median_ms": overall,
                          "search_worst_ms": worst, "browser": browser}))


if __name__ == "__main__":
    main()
