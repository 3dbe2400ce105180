"""The article wizard: generate on a worker thread with a progress bar, untick and edit cards,
see the flags, import, then study a generated card; File → Import of an article opens it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from flashcards.core.articles.drafts import card_text

from .app_fixtures import decks_dir, isolated_qsettings, key, open_window

ARTICLE = (Path(__file__).parents[1] / "fixtures" / "knee-pain.txt").read_text(encoding="utf-8")
EDITED = "Wear of the joint cartilage over many years of use."


def write_article(folder: Path, name: str = "knee-pain.txt") -> Path:
    path = folder / name
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_wizard_untick_edit_import_and_study(qtbot, open_window, decks_dir: Path, tmp_path: Path) -> None:
    window = open_window(decks_dir)
    col = window.state.col
    wizard = window.articles.open_wizard()
    assert wizard.currentPage() is wizard.choose and not wizard.choose.isComplete()
    wizard.choose.path_edit.setText(str(write_article(tmp_path)))
    assert wizard.choose.isComplete()
    wizard.next()                                   # generation starts on a worker thread
    review = wizard.review
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=10_000)
    assert review.progress.value() == review.progress.maximum() == len(wizard.draft.decks)
    items = review.card_items()
    assert len(items) == len(wizard.draft.cards()) and review.isComplete()
    assert "no lint flags" in review.summary.text()

    dropped, edited = items[1], items[2]
    dropped_id, edited_card = dropped.data(0, Qt.ItemDataRole.UserRole).data["id"], edited.data(0, Qt.ItemDataRole.UserRole)
    dropped.setCheckState(0, Qt.CheckState.Unchecked)
    assert f"{len(items) - 1} of {len(items)} cards ticked" in review.summary.text()
    review.tree.setCurrentItem(edited)
    assert review.source_label.text().startswith(f"Line {edited_card.source_line}: ")
    edited.setText(1, "")                           # an empty side: flagged, import refused
    assert "'back' is empty" in edited.text(3) and not review.isComplete()
    assert "Fix before importing" in review.summary.text()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    edited.setText(1, EDITED)
    assert edited.text(3) == "" and review.isComplete() and card_text(edited_card)[1] == EDITED
    assert col.deck_names() == sorted(col.deck_names()) and "Knee Pain" not in col.deck_names()

    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "Knee Pain::Causes" in imported.args[0]
    assert not wizard.isVisible()
    keys = {c.key for c in col.cards("Knee Pain")}
    assert dropped_id not in keys and edited_card.data["id"] in keys
    stored = next(c for c in col.cards("Knee Pain") if c.key == edited_card.data["id"])
    assert stored.back == EDITED and stored.source_line == edited_card.source_line

    deck = stored.deck                              # study a generated card on the study screen
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_study(deck)
    assert window.stack.currentWidget() is window.study and window.study.card.deck == deck
    studied = window.study.card.id
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.study.revealed
    key(qtbot, window, Qt.Key.Key_3)
    assert [e.rating for e in col.review_log(studied)] == [3]


def test_file_import_of_an_article_opens_the_wizard(qtbot, open_window, decks_dir: Path, tmp_path: Path,
                                                    monkeypatch) -> None:
    window = open_window(decks_dir)
    before = window.state.col.deck_names()
    article = write_article(tmp_path, "knee.md")
    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(article)])
    window.import_files()
    wizard = window.articles.wizard
    assert wizard is not None and wizard.isVisible() and wizard.currentPage() is wizard.review
    qtbot.waitUntil(lambda: wizard.draft is not None, timeout=10_000)
    assert wizard.draft.path == article and wizard.review.isComplete()
    assert window.state.col.deck_names() == before              # nothing imported until Import
    assert not window.findChildren(type(window), "errorBox")
    wizard.reject()


def test_wizard_on_a_file_that_is_not_an_article(qtbot, open_window, decks_dir: Path, tmp_path: Path) -> None:
    window = open_window(decks_dir)
    prose = tmp_path / "notes.txt"
    prose.write_text("Just one sentence of prose, nothing to card.\n", encoding="utf-8")
    wizard = window.articles.open_wizard(prose)
    qtbot.waitUntil(lambda: "nothing to card" in wizard.review.summary.text(), timeout=10_000)
    assert wizard.draft is None and not wizard.review.isComplete()
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    wizard.reject()
