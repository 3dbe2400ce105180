"""Screenshots of the statistics window, light and dark, on a synthetic year of reviews.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_stats.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from bench.bench_stats import build
    from flashcards import Collection
    from flashcards.ui.operations import CollectionState
    from flashcards.ui.stats_window import StatsWindow
    from flashcards.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    now = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp), 600, 12_000, now)
        with Collection.open(path) as col:
            state = CollectionState(col)
            for theme in ("light", "dark"):
                apply_theme(app, theme)
                window = StatsWindow(state, clock=lambda: now)
                window.resize(980, 2100)
                window.show()
                for _ in range(10):
                    app.processEvents()
                out = args.out / f"stats-{theme}.png"
                window.grab().save(str(out))
                print(out)
                window.close()


if __name__ == "__main__":
    main()
