"""Save screenshots of the article wizard and the article reader, light and dark, to
``docs/screenshots/`` (``wizard-*.png``, ``reader-*.png``). Run headless::

    QT_QPA_PLATFORM=offscreen python tools/screenshots_articles.py [--out DIR]

The wizard runs on the bundled article (``resources/sources/hemifacial-spasm.txt``) with one card
unticked and one edited into a lint flag; the reader shows the bundled decks beside that article,
opened from a card. A throw-away collection and settings folder; the learner's data is never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from flashcards import Collection  # noqa: E402
from flashcards.core.paths import resources_dir  # noqa: E402
from flashcards.ui.main_window import MainWindow  # noqa: E402
from flashcards.ui.operations import CollectionState  # noqa: E402
from flashcards.ui.theme import apply_theme  # noqa: E402


def _settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(out: Path, theme: str, app: QApplication, work: Path) -> list[Path]:
    col = Collection.open(work / theme / "collection.sqlite3")
    col.import_decks([ROOT / "decks"])
    apply_theme(app, theme)
    window = MainWindow(CollectionState(col), None)
    window.resize(1100, 760)
    window.show()
    _settle(app)
    saved: list[Path] = []

    wizard = window.articles.open_wizard(resources_dir() / "sources" / "hemifacial-spasm.txt")
    while wizard.draft is None:
        app.processEvents()
    items = wizard.review.card_items()
    deck_two = wizard.review.tree.topLevelItem(1)
    if deck_two is not None:
        wizard.review.tree.scrollToItem(deck_two.child(0))
    items[len(wizard.draft.decks[0].cards) + 1].setCheckState(0, Qt.CheckState.Unchecked)
    first = items[len(wizard.draft.decks[0].cards)]
    flagged = items[len(wizard.draft.decks[0].cards) + 2]
    flagged.setText(0, first.text(0))                         # a duplicate question: a lint flag
    wizard.review.tree.setCurrentItem(first)
    wizard.resize(1100, 700)
    _settle(app)
    path = out / f"wizard-{theme}.png"
    wizard.grab().save(str(path))
    saved.append(path)
    wizard.reject()

    card = next(c for c in col.cards("Hemifacial Spasm::Causes") if c.source_line)
    reader = window.articles.show_source(card.id)
    reader.resize(1100, 700)
    _settle(app)
    reader.view.scrollToItem(reader.view.item(card.source_line - 1), reader.view.ScrollHint.PositionAtCenter)
    _settle(app)
    path = out / f"reader-{theme}.png"
    reader.grab().save(str(path))
    saved.append(path)
    reader.close()
    window.close()
    col.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="flashcards-shots-") as tmp:
        QCoreApplication.setOrganizationName("FlashcardsScreenshots")
        QCoreApplication.setApplicationName("FlashcardsScreenshots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        for theme in ("light", "dark"):
            for path in shoot(args.out, theme, app, Path(tmp)):  # type: ignore[arg-type]
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
