"""Restoring a backup from the File menu, and the offer made when the collection is damaged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from flashcards import Collection, Rating, SchemaError
from flashcards.core import backup as backups
from flashcards.ui.app import offer_backup
from flashcards.ui.backup_dialog import RestoreBackupDialog, describe

from .app_fixtures import decks_dir, isolated_qsettings, open_window


def test_restore_from_the_file_menu(qtbot, open_window, decks_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(decks_dir)
    old = window.state.col
    old.create_backup()
    card = old.next_card()
    old.answer(card.id, Rating.Good)
    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.restore_backup()                     # runs on a worker thread
    qtbot.waitUntil(lambda: window.state.col is not old and not window.state.busy, timeout=10_000)
    new = window.state.col
    assert new is not old and old.closed and not new.closed
    assert new.review_log() == []  # back to the backup, made before the answer
    kept = [b for b in new.backups() if b.reason == "before-restore"]
    assert len(kept) == 1
    with Collection.open(kept[0].path, read_only=True) as safety:
        assert len(safety.review_log()) == 1
    assert window.stack.currentWidget() is window.deck_list
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Restore from Backup…" in menu_texts


def test_restore_dialog_lists_backups_newest_first(qtbot, tmp_path: Path) -> None:
    infos = []
    for hour in (8, 9, 10):
        path = tmp_path / f"collection-20260302-{hour:02d}0000.sqlite3"
        path.write_bytes(b"x" * 2048)
    infos = backups.list_backups(tmp_path)
    dialog = RestoreBackupDialog(infos)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3 and dialog.chosen() == infos[0]
    assert "KiB" in describe(infos[0])
    empty = RestoreBackupDialog([])
    qtbot.addWidget(empty)
    assert not empty.restore_button.isEnabled() and empty.chosen() is None


def test_damaged_collection_offers_the_newest_good_backup(qapp, tmp_path: Path, decks_dir: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.import_decks([decks_dir])
        col.create_backup()
    damaged = b"definitely not sqlite" * 500
    path.write_bytes(damaged)
    Path(f"{path}-wal").unlink(missing_ok=True)
    with pytest.raises(Exception) as info:
        Collection.open(path)
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box.text() + "\n" + box.informativeText())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0]
                        if box.buttons()[0].text() == "Restore Backup" else box.buttons()[-1])
    restored = offer_backup(info.value, path)
    assert restored is not None
    try:
        assert len(restored.cards()) == 8
    finally:
        restored.close()
    assert "newest intact backup" in shown[0]
    rescued = [b for b in backups.list_backups(tmp_path / "backups") if b.reason == "damaged"]
    assert rescued and rescued[0].path.read_bytes() == damaged


def test_no_backup_means_quit_and_the_file_is_untouched(qapp, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"junk" * 300)
    with pytest.raises(Exception) as info:
        Collection.open(path)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[-1])
    assert offer_backup(info.value, path) is None
    assert path.read_bytes() == b"junk" * 300


def test_permission_error_is_not_offered_a_restore_and_shows_plain_text(qapp, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards.core.schema import Reason
    from flashcards.ui import app as app_module

    path = tmp_path / "c.sqlite3"
    with Collection.open(path) as col:
        col.create_backup()
    error = SchemaError(path, Reason.PERMISSION, '<a href="file:///etc">attempt to write a readonly database</a>')

    def refuse(*_a: object, **_k: object) -> Collection:
        raise error

    shown: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(box)
        return 0

    monkeypatch.setattr(Collection, "open", refuse)
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert app_module.run(path, None) == 1
    assert len(shown) == 1
    box = shown[0]
    assert [b.text() for b in box.buttons() if b.text() == "Restore Backup"] == []
    assert box.textFormat() == Qt.TextFormat.PlainText and "no permission" in box.text()
    assert '<a href="file:///etc">' in box.text()  # shown as the characters it is, not a link


def test_background_check_repairs_and_tells(open_window, decks_dir: Path, qtbot,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from flashcards.core.integrity import IntegrityReport, Status
    from flashcards.ui.backup_dialog import IntegrityWatch

    window = open_window(decks_dir)
    repaired = IntegrityReport(Status.REPAIRED, ("row 1 missing from index cards_new",))
    monkeypatch.setattr(type(window.state.col), "check_integrity", lambda col: repaired)
    watch = IntegrityWatch(window, window.state, first_ms=10_000_000)
    watch.start()
    watch.check_now()
    qtbot.waitUntil(lambda: watch.last_report is not None, timeout=10_000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "integrityBox"]
    assert boxes and boxes[-1].textFormat() == Qt.TextFormat.PlainText
    assert "repaired" in boxes[-1].text() and "cards_new" in boxes[-1].detailedText()
    assert watch.timer.isActive()  # and again later
    for box in boxes:
        box.close()
