"""Save a screenshot of the deck list with exam outlooks and the exam date dialog over it,
to ``docs/screenshots/exam-date-light.png``. Run headless::

    QT_QPA_PLATFORM=offscreen python tools/screenshots_exam.py [--out DIR]

Uses the bundled ``decks/`` (else ``tests/fixtures/decks``) on a throw-away collection.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from flashcards import Collection, Rating  # noqa: E402
from flashcards.ui.main_window import MainWindow, has_deck_files  # noqa: E402
from flashcards.ui.operations import CollectionState  # noqa: E402
from flashcards.ui.theme import apply_theme  # noqa: E402

SIZE = (1100, 760)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(decks: Path, out: Path, app: QApplication, work: Path, theme: str = "light") -> Path:
    col = Collection.open(work / "collection.sqlite3")
    col.import_decks([decks])
    apply_theme(app, theme)
    window = MainWindow(CollectionState(col), None)
    window.resize(*SIZE)
    window.show()
    _settle(app)
    names = sorted(col.deck_names(), key=lambda n: (n.count("::"), n))
    window.start_study(names[0])                       # some history: the outlook is not all zeros
    for rating in (Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Easy):
        if window.study.card is None:
            break
        window.study.reveal()
        window.study.grade(rating)
    today = col.learner_day.day_of(datetime.now(UTC))
    col.decks.update_options(names[0], exam_date=today + timedelta(days=24))
    if len(names) > 1:
        col.decks.update_options(names[-1], exam_date=today + timedelta(days=9))
    window.show_decks()
    window.deck_list.select(names[0])
    window.deck_list.edit_exam_date()
    dialog = window.deck_list.exam_dialog
    assert dialog is not None
    _settle(app)
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(QPoint((shot.width() - dialog.width()) // 2, 150), dialog.grab())
    painter.end()
    path = out / f"exam-date-{theme}.png"
    shot.save(str(path))
    dialog.reject()
    window.close()
    col.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    decks = ROOT / "decks" if has_deck_files(ROOT / "decks") else ROOT / "tests" / "fixtures" / "decks"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="flashcards-shots-") as tmp:
        QCoreApplication.setOrganizationName("FlashcardsScreenshots")
        QCoreApplication.setApplicationName("FlashcardsScreenshots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        print(shoot(decks, args.out, app, Path(tmp)))     # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
