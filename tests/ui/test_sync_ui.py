"""Sync in the app: File menu actions, syncing on open and on close, the "Sync through a folder"
settings with its conflicts list, and the class report window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QPushButton

from flashcards import Collection, Rating
from flashcards.core import sync as syncing
from flashcards.core.notes import NoteFields
from flashcards.core.progress_file import export_progress
from flashcards.ui.class_report_window import ClassReportWindow
from flashcards.ui.main_window import MainWindow
from flashcards.ui.operations import CollectionState
from flashcards.ui.settings_dialog import SettingsDialog
from flashcards.ui.sync_settings import SyncSettingsDialog

from .app_fixtures import decks_dir, isolated_qsettings, make_deck, open_window


def _other_device(tmp_path: Path, shared: Path, decks: Path, answers: int) -> None:
    with Collection.open(tmp_path / "other" / "collection.sqlite3") as col:
        col.import_decks([decks])
        for card in col.sched.cards()[:answers]:
            col.sched.answer(card, Rating.Good)
        syncing.sync(col, shared)


def test_the_file_menu_has_the_sync_actions(open_window, decks_dir: Path) -> None:
    window: MainWindow = open_window(decks_dir)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert texts.index("Sync Now") < texts.index("Export Progress…") < texts.index("Class Report…") < texts.index("Quit")


def test_the_app_syncs_on_open_and_on_close(qtbot, tmp_path: Path, decks_dir: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _other_device(tmp_path, shared, decks_dir, 3)
    col = Collection.open(tmp_path / "data" / "collection.sqlite3")
    col.import_decks([decks_dir])
    syncing.set_sync_folder(col, shared)
    window = MainWindow(CollectionState(col))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: len(col.review_log()) == 3, timeout=10_000)               # synced on open
    qtbot.waitUntil(lambda: not window.sync.running, timeout=10_000)
    col.sched.answer(col.sched.cards()[5], Rating.Easy)
    window.close()                                                                      # syncs, waits for it
    own = shared / "devices" / syncing.device_id(col)
    assert sum(p.read_text().count('"t":"r"') for p in own.glob("reviews-*.jsonl")) == 1
    col.close()


def test_sync_settings_remember_the_folder_and_list_conflicts_as_plain_text(qtbot, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    deck = make_deck(tmp_path / "d.yaml", "Deck", 3)
    cols = []
    for name, front, when in (("a", "<b>from A</b>", 2_000), ("b", "from B", 1_000)):
        col = Collection.open(tmp_path / name / "c.sqlite3")
        col.import_decks([deck])
        syncing.sync(col, shared)
        card = col.cards()[0]
        col.notes.update(col.notes.note(card.id).id, NoteFields(front=front, back="x"))
        with col.db.write() as conn:
            conn.execute("UPDATE notes SET modified_ms = ? WHERE key = 'q0'", (when,))
        cols.append(col)
    a, b = cols
    syncing.sync(a, shared)
    state = CollectionState(b)
    dialog = SyncSettingsDialog(state)
    qtbot.addWidget(dialog)
    assert dialog.folder.text() == ""
    dialog.folder.setText(str(shared))
    dialog.sync_now()
    qtbot.waitUntil(lambda: dialog.status_label.text().startswith("synced"), timeout=10_000)
    assert syncing.sync_folder(b) == shared.resolve()
    assert dialog.conflicts.count() == 1
    assert dialog.conflicts.item(0).text().startswith("Deck / q0: replaced version from")
    assert dialog.conflicts.item(0).text().endswith(": from B")
    assert b.notes.note(b.cards()[0].id).fields.front == "<b>from A</b>"
    dialog.dismiss_selected()
    assert dialog.conflicts.count() == 0 and syncing.conflicts(b) == []
    dialog.folder.setText(str(tmp_path / "missing"))
    dialog.sync_now()
    assert dialog.status_label.text().endswith("no such folder")
    for col in cols:
        col.close()


def test_the_settings_dialog_opens_the_sync_settings(qtbot, tmp_path: Path, monkeypatch) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        dialog = SettingsDialog(col)
        qtbot.addWidget(dialog)
        opened: list[bool] = []
        monkeypatch.setattr(SyncSettingsDialog, "exec", lambda self: opened.append(True) or 0)
        dialog.findChild(QPushButton, "syncSettingsButton").click()
        assert opened == [True]


def test_the_class_report_window_shows_each_student(qtbot, tmp_path: Path) -> None:
    klass = tmp_path / "class"
    klass.mkdir()
    deck = make_deck(tmp_path / "d.yaml", "Course::Part", 4)
    for name, answers in (("anna", 3), ("ben", 1)):
        with Collection.open(tmp_path / name / "c.sqlite3") as col:
            col.import_decks([deck])
            for card in col.cards()[:answers]:
                col.answer(card.id, Rating.Again)
            export_progress(col, klass / f"{name}.json")
    window = ClassReportWindow(klass, now=datetime.now(UTC) + timedelta(days=30))    # recall has faded
    qtbot.addWidget(window)
    assert window.summary.text().startswith("2 student(s), 1 section(s)")
    assert window.students.rowCount() == 2 and window.students.item(0, 0).text() == "anna"
    assert window.sections.item(0, 0).text() == "Course::Part"
    assert window.weakest.rowCount() >= 1
    assert window.save(str(tmp_path / "r.html")) and "Class report" in (tmp_path / "r.html").read_text()
