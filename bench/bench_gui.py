"""GUI benchmark: cold start to the deck list, and key press (grade) to the next card shown.

    QT_QPA_PLATFORM=offscreen python bench/bench_gui.py [--cards 100000] [--runs 5] [--answers 60]
                                                        [--profile] [--json]

Builds a collection of N basic cards in 10 decks once (YAML decks imported with the core API)
in a temporary folder. Cold start runs in fresh processes (Python start, imports, open, main
window, deck list shown and painted). The grading loop presses Space then 3-style keys on the
real main window and times each grade key until the next card is on screen. Medians printed;
with ``--json`` the last line is JSON (``seconds`` = median cold start, for bench/run.py).
"""

from __future__ import annotations

import time

T_START = time.time()  # before any heavy import: the child's cold start begins here

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
KEYS = (1, 3, 3, 2, 3, 4, 3, 1, 3, 3)   # grades cycled over the loop


def build(folder: Path, n: int) -> tuple[Path, float]:
    """Write YAML decks and import them into a new collection; returns (path, seconds)."""
    from bench.synth import write_yaml_decks
    from flashcards import Collection

    decks = write_yaml_decks(folder / "decks", n)
    path = folder / "data" / "collection.sqlite3"
    t0 = time.perf_counter()
    with Collection.open(path) as col:
        col.import_decks([decks])
    return path, time.perf_counter() - t0


def _isolate_settings(tmp: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings

    QCoreApplication.setOrganizationName("FlashcardsBench")
    QCoreApplication.setApplicationName("FlashcardsBench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))


def child_cold_start(path: Path) -> None:
    """Run in a fresh process: open the app on ``path`` and report when the deck list is painted."""
    from PySide6.QtWidgets import QApplication

    from flashcards import Collection
    from flashcards.ui.main_window import MainWindow
    from flashcards.ui.operations import CollectionState
    from flashcards.ui.prefs import load_ui_prefs
    from flashcards.ui.theme import apply_theme

    _isolate_settings(path.parent)
    app = QApplication(sys.argv[:1])
    col = Collection.open(path)
    apply_theme(app, load_ui_prefs(col).theme)
    window = MainWindow(CollectionState(col), None)
    window.show()
    app.processEvents()
    window.deck_list.tree.viewport().repaint()
    ready = time.time()
    assert window.deck_list.items(), "deck list is empty"
    print(json.dumps({"ready": ready, "inside": ready - T_START}))
    sys.stdout.flush()
    window.close()
    col.close()


def cold_starts(path: Path, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        proc = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=ROOT)
        if proc.returncode:
            raise SystemExit(f"cold-start child failed:\n{proc.stderr}")
        ready = json.loads(proc.stdout.strip().splitlines()[-1])["ready"]
        out.append(ready - t0)
    return out


def grade_latencies(path: Path, answers: int, profile: bool) -> tuple[list[float], str]:
    """Milliseconds from each grade key press to the next card painted, on the real window."""
    import cProfile
    import io
    import pstats

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from flashcards import Collection
    from flashcards.ui.main_window import MainWindow
    from flashcards.ui.operations import CollectionState

    _isolate_settings(path.parent)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    col = Collection.open(path)
    window = MainWindow(CollectionState(col), None)
    window.resize(1000, 720)
    window.show()
    window.activateWindow()
    app.processEvents()
    window.deck_list.select("Bench::Deck 03")
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert window.study.card is not None
    profiler = cProfile.Profile() if profile else None
    times, counted = [], []
    for i in range(answers):
        QTest.keyClick(window, Qt.Key.Key_Space)
        QTest.qWait(30)                     # the answer side is shown, counts settled
        before = window.study.card
        if profiler:
            profiler.enable()
        t0 = time.perf_counter()
        QTest.keyClick(window, str(KEYS[i % len(KEYS)]))   # answer + next card + its HTML
        window.study.repaint()              # the new card painted (what the next frame shows)
        times.append((time.perf_counter() - t0) * 1000)
        QTest.qWait(15)                     # the deferred counts query runs
        counted.append((time.perf_counter() - t0) * 1000 - 15)
        if profiler:
            profiler.disable()
        assert window.study.card is not None and window.study.card is not before
    report = ""
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("cumulative").print_stats(25)
        report = buf.getvalue()
    window.close()
    col.close()
    print(f"  (counts updated: median {statistics.median(counted):.0f} ms after the key press)")
    return times, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time")
    parser.add_argument("--answers", type=int, default=60, help="grades to time")
    parser.add_argument("--profile", action="store_true", help="cProfile the grading loop")
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_cold_start(args.child)
        return 0
    with tempfile.TemporaryDirectory(prefix="flashcards-gui-bench-") as tmp:
        path, build_s = build(Path(tmp), args.cards)
        print(f"built {args.cards:,} cards in 10 decks: import {build_s:.1f} s")
        cold = cold_starts(path, args.runs)
        print(f"cold start to deck list: median {statistics.median(cold) * 1000:.0f} ms "
              f"(runs: {', '.join(f'{c * 1000:.0f}' for c in cold)} ms; target < 1000 ms)")
        lat, report = grade_latencies(path, args.answers, args.profile)
        p95 = sorted(lat)[int(0.95 * (len(lat) - 1))]
        print(f"grade key to next card shown: median {statistics.median(lat):.1f} ms, p95 {p95:.1f} ms, "
              f"max {max(lat):.1f} ms over {len(lat)} answers (target < 50 ms)")
        if report:
            print(report)
        if args.json:
            print(json.dumps({"cards": args.cards, "import_s": build_s, "seconds": statistics.median(cold),
                              "cold_start_s": cold, "grade_ms_median": statistics.median(lat),
                              "grade_ms_p95": p95}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
