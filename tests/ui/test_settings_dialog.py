"""The Settings dialog: values round-trip through the collection file; Cancel discards."""

import os
import sqlite3

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from flashcards.core.collection import Collection
from flashcards.core.settings import Settings
from flashcards.ui import theme
from flashcards.ui.prefs import UiPrefs, load_ui_prefs
from flashcards.ui.settings_dialog import HourSpinBox, SettingsDialog


@pytest.fixture
def app(qapp):
    """The QApplication, with its look restored afterwards (the dialog may re-theme it)."""
    saved = (qapp.styleSheet(), QPalette(qapp.palette()), qapp.property("flashcardsTheme"),
             qapp.property("flashcardsDark"))
    yield qapp
    qapp.setStyleSheet(saved[0])
    qapp.setPalette(saved[1])
    qapp.setProperty("flashcardsTheme", saved[2])
    qapp.setProperty("flashcardsDark", saved[3])
    qapp.styleHints().unsetColorScheme()


@pytest.fixture
def col_path(tmp_path):
    return tmp_path / "collection.sqlite3"


@pytest.fixture
def col(col_path):
    c = Collection.open(col_path)
    yield c
    c.close()


def _dialog(qtbot, col) -> SettingsDialog:
    dlg = SettingsDialog(col)
    qtbot.addWidget(dlg)
    return dlg


def test_shows_the_defaults(app, qtbot, col):
    dlg = _dialog(qtbot, col)
    d = Settings()
    assert dlg.new_per_day.value() == d.new_per_day
    assert dlg.reviews_per_day.value() == d.reviews_per_day
    assert dlg.retention.value() == pytest.approx(d.desired_retention)
    assert dlg.day_start.value() == d.day_start_hour
    assert dlg.theme.currentData() == "system"
    assert dlg.font_size.value() == 18
    assert "90%" in dlg.retention_hint.text()


def test_round_trip_through_the_file(app, qtbot, col, col_path):
    col.set_config("ui", {"window_geometry": "abc"})  # another part of the UI keeps this here
    dlg = _dialog(qtbot, col)
    dlg.new_per_day.setValue(35)
    dlg.reviews_per_day.setValue(450)
    dlg.retention.setValue(0.85)
    dlg.day_start.setValue(6)
    dlg.theme.setCurrentIndex(dlg.theme.findData("dark"))
    dlg.font_size.setValue(24)
    with qtbot.waitSignal(dlg.settings_changed, timeout=2000):
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dlg.result() == SettingsDialog.DialogCode.Accepted
    assert theme.is_dark(app)  # the new theme is applied at once
    col.close()

    with Collection.open(col_path) as again:
        s = again.settings
        assert (s.new_per_day, s.reviews_per_day, s.desired_retention, s.day_start_hour) == (35, 450, 0.85, 6)
        assert again.get_config("ui") == {"window_geometry": "abc", "theme": "dark", "font_size": 24}
        reopened = SettingsDialog(again)
        qtbot.addWidget(reopened)
        assert reopened.new_per_day.value() == 35
        assert reopened.retention.value() == pytest.approx(0.85)
        assert reopened.day_start.text() == "06:00"
        assert reopened.theme.currentData() == "dark"
        assert reopened.font_size.value() == 24


def test_cancel_discards(app, qtbot, col, col_path):
    dlg = _dialog(qtbot, col)
    dlg.new_per_day.setValue(99)
    dlg.theme.setCurrentIndex(dlg.theme.findData("light"))
    with qtbot.assertNotEmitted(dlg.settings_changed):
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert dlg.result() == SettingsDialog.DialogCode.Rejected
    assert col.settings == Settings()
    assert col.get_config("ui") is None


def test_apply_can_be_called_directly(app, qtbot, col):
    dlg = _dialog(qtbot, col)
    dlg.font_size.setValue(30)
    with qtbot.waitSignal(dlg.settings_changed, timeout=2000):
        dlg.apply()
    assert load_ui_prefs(col) == UiPrefs(theme="system", font_size=30)


def test_invalid_values_cannot_be_entered(app, qtbot, col):
    dlg = _dialog(qtbot, col)
    for spin, low, high in ((dlg.new_per_day, 0, 100_000), (dlg.reviews_per_day, 0, 1_000_000)):
        spin.setValue(-5)
        assert spin.value() == low
        spin.setValue(10_000_000)
        assert spin.value() == high
    for bad in (-5, 24, 1000):  # the hour box wraps round the clock but never leaves 0–23
        dlg.day_start.setValue(bad)
        assert 0 <= dlg.day_start.value() <= 23
    dlg.retention.setValue(0.2)
    assert dlg.retention.value() == pytest.approx(0.70)
    dlg.retention.setValue(1.5)
    assert dlg.retention.value() == pytest.approx(0.99)
    dlg.font_size.setValue(500)
    assert dlg.font_size.value() == 48
    dlg.apply()  # extremes are all accepted by the core
    assert col.settings.desired_retention == 0.99


def test_typing_into_the_hour_box(app, qtbot):
    box = HourSpinBox()
    qtbot.addWidget(box)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "7")
    box.interpretText()
    assert box.value() == 7 and box.text() == "07:00"
    assert box.valueFromText("23:00") == 23
    from PySide6.QtGui import QValidator
    assert box.validate("24", 2)[0] == QValidator.State.Invalid
    assert box.validate("ab", 2)[0] == QValidator.State.Invalid
    assert box.validate("", 0)[0] == QValidator.State.Intermediate


def test_restore_defaults_only_fills_the_fields(app, qtbot, col):
    col.update_settings(new_per_day=5, desired_retention=0.8)
    dlg = _dialog(qtbot, col)
    assert dlg.new_per_day.value() == 5
    dlg.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dlg.new_per_day.value() == 20 and dlg.retention.value() == pytest.approx(0.9)
    assert col.settings.new_per_day == 5  # nothing saved until OK


def test_bad_stored_prefs_fall_back_to_defaults(app, qtbot, col):
    col.set_config("ui", {"theme": "neon", "font_size": "huge"})
    dlg = _dialog(qtbot, col)
    assert dlg.theme.currentData() == "system" and dlg.font_size.value() == 18
    assert UiPrefs.from_json(["not", "a", "dict"]) == UiPrefs()
    assert UiPrefs.from_json({"font_size": True}) == UiPrefs()


def test_keyboard_only(app, qtbot, col):
    """Every field has a label buddy (Alt/mnemonic and screen-reader friendly) and Enter = OK."""
    dlg = _dialog(qtbot, col)
    dlg.show()
    dlg.new_per_day.setFocus()
    dlg.new_per_day.selectAll()
    qtbot.keyClicks(dlg.new_per_day, "12")
    with qtbot.waitSignal(dlg.settings_changed, timeout=2000):
        qtbot.keyClick(dlg.new_per_day, Qt.Key.Key_Return)
    assert col.settings.new_per_day == 12


def _error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "errorBox" and w.isVisible()]


@pytest.mark.parametrize("error", [OSError("disk full"), sqlite3.OperationalError("database is locked")])
def test_a_failed_save_changes_nothing(app, qtbot, col, col_path, monkeypatch, error):
    """The one write failing (any error) leaves the file as it was and keeps the dialog open."""
    col.update_settings(new_per_day=7)
    before = (col.settings, col.get_config("settings"), col.get_config("ui"))
    dlg = _dialog(qtbot, col)
    dlg.show()
    dlg.new_per_day.setValue(50)
    dlg.font_size.setValue(30)
    real = col.db.write

    def failing_write():
        raise error

    monkeypatch.setattr(col.db, "write", failing_write)
    with qtbot.assertNotEmitted(dlg.settings_changed):
        dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.isVisible()                                     # not accepted: the learner can retry
    boxes = _error_boxes()
    assert len(boxes) == 1 and boxes[0].text() == str(error) and boxes[0].windowTitle() == "Settings not saved"
    boxes[0].close()
    assert (col.settings, col.get_config("settings"), col.get_config("ui")) == before
    monkeypatch.setattr(col.db, "write", real)
    col.close()
    with Collection.open(col_path) as again:
        assert again.settings.new_per_day == 7 and again.get_config("ui") is None


def test_saving_is_one_op_that_tells_the_views(app, qtbot, col):
    from flashcards.ui.operations import CollectionState

    state = CollectionState(col)
    seen = []
    state.changed.connect(lambda changes, initiator: seen.append((changes, initiator)))
    dlg = SettingsDialog(state)
    qtbot.addWidget(dlg)
    dlg.new_per_day.setValue(33)
    dlg.font_size.setValue(28)
    assert dlg.apply()
    assert [(c.kind, c.config, c.study_queue, who) for c, who in seen] == [("settings", True, True, dlg)]
    assert state.ui_prefs.font_size == 28 and col.settings.new_per_day == 33


def test_fields_and_buttons_line_up_in_one_column(app, qtbot, col):
    """Every field and button on the right is one width, so their edges line up (the two buttons
    were wider than the fields), and no button text is cut."""
    dlg = _dialog(qtbot, col)
    dlg.show()
    qtbot.waitExposed(dlg)
    column = [dlg.new_per_day, dlg.reviews_per_day, dlg.retention, dlg.optimise_button, dlg.day_start,
              dlg.theme, dlg.font_size, dlg.sync_button]
    rights = {w.mapTo(dlg, w.rect().topRight()).x() for w in column}
    assert len({w.width() for w in column}) == 1 and len(rights) == 1
    for button in (dlg.optimise_button, dlg.sync_button):
        assert button.width() >= button.sizeHint().width()
