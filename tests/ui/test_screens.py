"""Empty collection, imports and their errors, summary, "nothing due", leeches, settings, startup errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMessageBox

from flashcards import Collection, Rating
from flashcards.ui import app as app_module
from flashcards.ui.settings_dialog import SettingsDialog

from .app_fixtures import FIXTURES, decks_dir, isolated_qsettings, key, make_deck, open_window


def _error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


def test_empty_collection_offers_import(qtbot, open_window, tmp_path: Path, monkeypatch) -> None:
    window = open_window(None, wait_import=False)
    deck_list = window.deck_list
    assert deck_list.pages.currentWidget() is deck_list.empty_page
    assert deck_list.empty_import.isVisible() and deck_list.empty_import.hasFocus()

    bad = tmp_path / "bad.yaml"
    bad.write_text('deck: "Bad"\ncards:\n  - id: x\n    type: nonsense\n    front: "q"\n', encoding="utf-8")
    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(bad)])
    deck_list.empty_import.click()
    qtbot.waitUntil(lambda: bool(_error_boxes()), timeout=10_000)
    boxes = _error_boxes()
    assert len(boxes) == 1 and f"{bad}:4:" in boxes[0].text()
    boxes[0].close()
    assert window.state.col.deck_names() == []

    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(p) for p in sorted(FIXTURES.glob("*.yaml"))])
    window.import_files()
    qtbot.waitUntil(lambda: deck_list.pages.currentWidget() is deck_list.tree_page, timeout=10_000)
    assert deck_list.total_due == 8 and not _error_boxes()


def test_summary_then_nothing_due(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "one.yaml", "One", 1)
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.update_settings(learn_ahead_minutes=0)
    window = open_window(tmp_path / "d")
    window.deck_list.select("One")
    key(qtbot, window, Qt.Key.Key_Return)
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "3")                          # Good: learning, due again in 10 min
    summary = window.summary
    assert window.stack.currentWidget() is summary
    assert summary.studied.value.text() == "1"
    assert summary.correct.value.text() == "100 %"
    assert summary.detail.text() in ("Next card due in 10 min.", "Next card due in 9 min.")
    assert "s" in summary.time.value.text()
    key(qtbot, window, Qt.Key.Key_Return)            # back to the decks
    assert window.stack.currentWidget() is window.deck_list
    assert window.deck_list.current_deck() == "One"
    key(qtbot, window, Qt.Key.Key_Return)            # nothing due: no empty study screen
    screen = window.nothing_due
    assert window.stack.currentWidget() is screen
    assert screen.text.lower().startswith("nothing due now — next card in ")
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.deck_list


def test_undo_after_the_last_card_resumes_the_session(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "one.yaml", "One", 1)
    window = open_window(tmp_path / "d")
    window.start_study("One")
    card_id = window.study.card.id
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "4")                          # Easy: due in days, the session ends
    assert window.stack.currentWidget() is window.summary
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.study and window.study.card.id == card_id
    assert window.state.col.review_log() == [] and window.study.stats.studied == 0


def test_leech_notice(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "one.yaml", "One", 1)
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.update_settings(leech_lapses=1)
        col.import_decks([tmp_path / "d"])
        col.decks.update_options("One", leech_action="tag")    # only marked: the session goes on
        card = col.cards("One")[0]
        col.answer(card.id, Rating.Easy, now=datetime.now(UTC) - timedelta(days=30))
    window = open_window(tmp_path / "d")
    window.start_study("One")
    study = window.study
    assert study.bar.counts.labels["due"].text() == "<u>1</u>"     # the current card's kind underlined
    assert not study.leech_notice.isVisible()
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "1")                          # a lapse: the card becomes a leech
    assert study.leech_notice.isVisible() and "leech" in study.leech_notice.text().lower()
    assert window.state.col.card(card.id).leech


def test_settings_font_size_applies_to_the_card(qtbot, open_window, decks_dir: Path, monkeypatch) -> None:
    window = open_window(decks_dir)
    window.start_study("Hemifacial Spasm")
    assert window.study.view.font().pointSizeF() == 18

    def fake_exec(dialog: SettingsDialog) -> int:
        dialog.font_size.setValue(26)
        dialog.accept()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", fake_exec)
    window.open_settings()
    assert window.study.view.font().pointSizeF() == 26
    assert window.stack.currentWidget() is window.study


def test_deck_list_counts_follow_changes(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    window.start_study("Hemifacial Spasm::Symptoms")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "3")
    key(qtbot, window, Qt.Key.Key_Escape)
    symptoms = next(i for i in window.deck_list.items()
                    if i.data(0, Qt.ItemDataRole.UserRole) == "Hemifacial Spasm::Symptoms")
    assert (symptoms.text(1), symptoms.text(2)) == ("1", "1")
    assert window.deck_list.due_label.text() == "Today, all decks: 7 new · 1 learning · 0 to review"


def test_damaged_collection_shows_an_error_and_exits_1(qapp, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "collection.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    shown: list[str] = []

    def record(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[-1])  # "Quit"
    assert app_module.run(path, None) == 1
    assert len(shown) == 1 and str(path) in shown[0] and "No intact backup" in shown[0]
    assert path.read_bytes() == b"this is not a database" * 100


def test_window_remembers_its_geometry(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(None, wait_import=False)
    window.resize(700, 520)
    window.close()
    again = open_window(None, data_dir=tmp_path / "other", wait_import=False, size=None)
    assert (again.width(), again.height()) == (700, 520)


def test_session_end_backs_up_in_the_background(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "one.yaml", "One", 1)
    window = open_window(tmp_path / "d")
    assert window.state.col.backups() == []
    window.start_study("One")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "4")
    assert window.stack.currentWidget() is window.summary
    qtbot.waitUntil(lambda: len(window.state.col.backups()) == 1, timeout=10_000)


def test_theme_switch_recolours_counts_and_card(qtbot, open_window, decks_dir: Path) -> None:
    from flashcards.ui.theme import apply_theme

    window = open_window(decks_dir)
    causes = next(i for i in window.deck_list.items()
                  if i.data(0, Qt.ItemDataRole.UserRole) == "Hemifacial Spasm::Causes")
    try:
        apply_theme(QApplication.instance(), "light")
        light = window.deck_list.items()[1].foreground(1).color().name()
        apply_theme(QApplication.instance(), "dark")
        dark = window.deck_list.items()[1].foreground(1).color().name()
        assert causes is not None and light != dark
    finally:
        apply_theme(QApplication.instance(), "light")


def _unnamed_focusable(root) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QWidget

    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text):
            out.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return out


def test_every_control_has_an_accessible_name(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    assert _unnamed_focusable(window) == []
    window.start_study("Hemifacial Spasm::Causes")
    while window.study.card.type != "list":
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, "4")
    assert _unnamed_focusable(window) == []
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.study.items.isVisible() and _unnamed_focusable(window) == []


def test_long_session_backs_up_while_studying(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "many.yaml", "Many", 5)
    window = open_window(tmp_path / "d")
    window._backup_timer.timeout.emit()           # on the deck list: no backup
    assert window.state.col.backups() == []
    window.start_study("Many")
    window._backup_timer.timeout.emit()           # mid-session: the core finds none yet, makes one
    qtbot.waitUntil(lambda: len(window.state.col.backups()) == 1, timeout=10_000)
    window._backup_timer.timeout.emit()           # minutes later: the last one is recent, no new one
    QThreadPool.globalInstance().waitForDone()
    assert len(window.state.col.backups()) == 1


def test_second_instance_is_told_and_writes_nothing(qapp, tmp_path: Path, monkeypatch) -> None:
    import subprocess
    import sys

    from flashcards.core.lock import lock_path_for

    path = tmp_path / "collection.sqlite3"
    Collection.open(path).close()
    before = path.read_bytes()
    # Another running app (a child process stands in for it) holds the lock.
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from flashcards.core import lock; "
                               "lock.acquire(sys.argv[1]); print('held', flush=True); sys.stdin.read()",
                               str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
        assert app_module.run(path, None) == 1
    finally:
        holder.kill()
        holder.wait()
    assert len(shown) == 1 and "open in another Flashcards" in shown[0]
    assert path.read_bytes() == before and lock_path_for(path).exists()


def _restore_chosen(monkeypatch) -> None:
    from PySide6.QtWidgets import QDialog

    from flashcards.ui.backup_dialog import RestoreBackupDialog

    monkeypatch.setattr(RestoreBackupDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


def test_restore_runs_off_the_gui_thread(qtbot, open_window, decks_dir: Path, monkeypatch) -> None:
    import threading

    window = open_window(decks_dir)
    old = window.state.col
    old.create_backup()
    threads: list[threading.Thread] = []
    real = Collection.restore_backup

    def recording(col: Collection, backup: Path) -> Collection:
        threads.append(threading.current_thread())
        return real(col, backup)

    monkeypatch.setattr(Collection, "restore_backup", recording)
    _restore_chosen(monkeypatch)
    seen: list[str] = []
    window.state.changed.connect(lambda changes, _who: seen.append(changes.kind))
    window.restore_backup()
    assert window.state.busy                              # views leave the collection alone meanwhile
    qtbot.waitUntil(lambda: window.state.col is not old and not window.state.busy, timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert seen == ["restore"] and not window.state.col.closed and not _error_boxes()
    assert window.stack.currentWidget() is window.deck_list and window.deck_list.total_due == 8


def test_a_failed_restore_reopens_the_file_off_the_gui_thread(qtbot, open_window, decks_dir: Path,
                                                              monkeypatch) -> None:
    import threading

    window = open_window(decks_dir)
    old = window.state.col
    old.create_backup()
    opened_on: list[threading.Thread] = []
    real_open = Collection.open.__func__                 # type: ignore[attr-defined]

    def failing_restore(col: Collection, backup: Path) -> Collection:
        col.close()                                      # it fails after the file was closed
        raise OSError("the backup disk went away")

    def recording_open(cls, path, **kwargs):
        opened_on.append(threading.current_thread())
        return real_open(cls, path, **kwargs)

    monkeypatch.setattr(Collection, "restore_backup", failing_restore)
    monkeypatch.setattr(Collection, "open", classmethod(recording_open))
    _restore_chosen(monkeypatch)
    window.restore_backup()
    qtbot.waitUntil(lambda: bool(_error_boxes()), timeout=10_000)
    boxes = _error_boxes()
    assert len(boxes) == 1 and boxes[0].text() == "the backup disk went away"
    boxes[0].close()
    new = window.state.col
    assert new is not old and old.closed and not new.closed and new.path == old.path
    assert opened_on and all(t is not threading.main_thread() for t in opened_on)
    assert window.stack.currentWidget() is window.deck_list and window.deck_list.total_due == 8
