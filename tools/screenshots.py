"""Save screenshots of the main window (deck list, question, answer, cloze, list card, the study
screen at the largest text size, a card with an image, custom study, practice test, summary),
light and dark, to ``docs/screenshots/``. Run headless::

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--decks DIR] [--out DIR]

Uses the bundled ``decks/`` when it has deck files, else ``tests/fixtures/decks``. Works on a
throw-away collection and settings folder; the learner's own data is never touched.
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

from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from flashcards import Collection, Rating  # noqa: E402
from flashcards.core.models import CardState, CardType  # noqa: E402
from flashcards.ui.custom_study_dialog import CustomStudyDialog  # noqa: E402
from flashcards.ui.main_window import MainWindow, has_deck_files  # noqa: E402
from flashcards.ui.operations import CollectionState, OpChanges  # noqa: E402
from flashcards.ui.practice import PracticeDialog  # noqa: E402
from flashcards.ui.prefs import FONT_SIZE_RANGE, UiPrefs, save_ui_prefs  # noqa: E402
from flashcards.ui.session import SessionStats  # noqa: E402
from flashcards.ui.settings_dialog import SettingsDialog  # noqa: E402
from flashcards.ui.theme import apply_theme  # noqa: E402

SIZE = (1100, 760)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _pick(col: Collection, kind: str) -> tuple[str, int]:
    """A (deck, card id) of a new card of ``kind`` (else any card of that kind, else any card)."""
    cards = [c for c in col.cards() if not c.suspended and c.type == kind and not c.is_reverse]
    cards.sort(key=lambda c: c.state != CardState.New)
    card = cards[0] if cards else col.cards()[0]
    return card.deck, card.id


# A schematic of the facial nerve's course, for the card-image screenshot (drawn here, no file in
# the repository: a deck's own media/ folder holds its pictures).
NERVE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="480" height="240" viewBox="0 0 480 240">
<rect width="480" height="240" rx="14" fill="#eef3f6"/>
<ellipse cx="110" cy="120" rx="70" ry="92" fill="#d9c7b8" stroke="#8a6f5a" stroke-width="3"/>
<text x="110" y="124" font-family="sans-serif" font-size="16" text-anchor="middle" fill="#5a4636">pons</text>
<circle cx="176" cy="150" r="9" fill="#c0392b"/>
<text x="176" y="188" font-family="sans-serif" font-size="14" text-anchor="middle" fill="#c0392b">root exit zone</text>
<path d="M176 150 C 240 140, 260 90, 320 92 S 400 150, 450 130" stroke="#e0a800" stroke-width="8" fill="none"/>
<text x="330" y="78" font-family="sans-serif" font-size="15" fill="#6b5200">facial nerve (VII)</text>
<path d="M205 150 C 230 200, 280 200, 330 200" stroke="#b03a2e" stroke-width="5" fill="none" stroke-dasharray="8 6"/>
<text x="330" y="206" font-family="sans-serif" font-size="13" fill="#b03a2e">compressing artery</text>
</svg>"""


def _image_deck(work: Path) -> Path:
    folder = work / "image-deck"
    (folder / "media").mkdir(parents=True, exist_ok=True)
    (folder / "media" / "facial-nerve.svg").write_text(NERVE_SVG, encoding="utf-8")
    (folder / "anatomy.yaml").write_text(
        'deck: "Anatomy::Facial nerve"\ncards:\n  - id: rez\n'
        '    front: "Where is the facial nerve usually compressed in hemifacial spasm?"\n'
        '    back: "At its root exit zone, where it leaves the brainstem. ![Course of the facial nerve]'
        '(media/facial-nerve.svg)"\n', encoding="utf-8")
    return folder


def shoot(decks: Path, out: Path, theme: str, app: QApplication, work: Path) -> list[Path]:
    col = Collection.open(work / theme / "collection.sqlite3")
    col.import_decks([decks])
    col.import_decks([_image_deck(work / theme)])
    apply_theme(app, theme)
    window = MainWindow(CollectionState(col), None)
    window.resize(*SIZE)
    window.show()
    _settle(app)
    saved: list[Path] = []

    def save(name: str) -> None:
        _settle(app)
        path = out / f"{name}-{theme}.png"
        window.grab().save(str(path))
        saved.append(path)

    # Some history so the deck list shows all three colours.
    first_deck = sorted(col.deck_names(), key=lambda n: (n.count("::") == 0, n))[0]
    window.start_study(first_deck)
    for rating in (Rating.Again, Rating.Good):
        window.study.reveal()
        window.study.grade(rating)
    window.show_decks()
    save("deck-list")

    deck, card_id = _pick(col, CardType.BASIC)
    window.start_study(deck)
    window.study.show_question(col.card(card_id))
    save("question")
    window.study.reveal()
    save("answer")

    deck, card_id = _pick(col, CardType.CLOZE)
    window.start_study(deck)
    window.study.show_question(col.card(card_id))
    window.study.reveal()
    save("cloze-answer")

    deck, card_id = _pick(col, CardType.LIST)
    window.start_study(deck)
    window.study.show_question(col.card(card_id))
    window.study.reveal()
    if window.study.items.total:
        window.study.items.toggle(0)
    save("list-card")

    window.start_study("Anatomy::Facial nerve")
    window.study.reveal()
    save("card-image")

    save_ui_prefs(col, UiPrefs(theme=theme, font_size=FONT_SIZE_RANGE[1]))
    window.state.notify(OpChanges("config", config=True))
    deck, card_id = _pick(col, CardType.LIST)
    window.start_study(deck)
    window.study.show_question(col.card(card_id))
    _settle(app)
    window.study.reveal()
    if window.study.items.total:
        window.study.controller.toggle_item(0)
    save("study-large-text")
    window.study.show_question(col.card(_pick(col, CardType.BASIC)[1]))
    window.study.reveal()
    save("answer-large-text")
    save_ui_prefs(col, UiPrefs(theme=theme))
    window.state.notify(OpChanges("config", config=True))

    def save_dialog(dialog, name: str) -> None:
        dialog.show()
        _settle(app)
        path = out / f"{name}-{theme}.png"
        dialog.grab().save(str(path))
        saved.append(path)
        dialog.close()

    window.show_decks()
    custom = CustomStudyDialog(first_deck, window)
    custom.buttons["forgotten"].setChecked(True)
    save_dialog(custom, "custom-study")
    practice = PracticeDialog(col, deck.rsplit("::", 1)[0] if "::" in deck else deck, window)
    save_dialog(practice, "practice")
    save_dialog(SettingsDialog(window.state, window), "settings")

    stats = SessionStats(deck)
    for i, (rating, ms) in enumerate([(3, 7400), (3, 5200), (1, 12800), (4, 3100), (3, 6900), (2, 9800),
                                      (3, 4400), (3, 8100), (3, 5600), (4, 2900), (3, 6100), (1, 11200)]):
        stats.record(i, Rating(rating), ms)
    now = datetime.now(UTC)
    tomorrow = col.learner_day.start_of(col.learner_day.day_of(now) + timedelta(days=1))
    window.summary.show_stats(stats, tomorrow, now)  # as after a session with nothing left today
    window._show_page(window.summary, deck.rsplit("::", 1)[-1])
    save("summary")

    window.close()
    col.close()
    return saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=Path, help="deck folder (default: decks/ or the test fixtures)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    decks = args.decks or (ROOT / "decks" if has_deck_files(ROOT / "decks") else ROOT / "tests" / "fixtures" / "decks")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="flashcards-shots-") as tmp:
        QCoreApplication.setOrganizationName("FlashcardsScreenshots")
        QCoreApplication.setApplicationName("FlashcardsScreenshots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        app = QApplication.instance() or QApplication(sys.argv[:1])
        for theme in ("light", "dark"):
            for path in shoot(decks, args.out, theme, app, Path(tmp)):  # type: ignore[arg-type]
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
