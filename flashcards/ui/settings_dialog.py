"""The Settings dialog: daily limits, scheduling, theme and card font size.

Study settings and UI preferences are saved by ONE :class:`CollectionOp` (``kind="settings"``),
so every view refreshes from its changes and any error is shown in an error box over the dialog,
which then stays open. Spin-box ranges match the core's validation, so invalid values cannot be
entered. ``apply()`` does all the writing (OK calls it; tests may call it directly).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.collection import Collection
from flashcards.core.settings import Settings

from . import theme as theme_mod
from .operations import CollectionOp, CollectionState
from .prefs import FONT_SIZE_RANGE, UiPrefs, ui_prefs_config

THEME_LABELS = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class HourSpinBox(QSpinBox):
    """0–23 shown as a clock time ("04:00"); typing "4" or "04:00" both work."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRange(0, 23)
        self.setWrapping(True)

    def textFromValue(self, value: int) -> str:
        return f"{value:02d}:00"

    def valueFromText(self, text: str) -> int:
        digits = text.split(":", 1)[0].strip()
        return int(digits) if digits.isdigit() else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        head, _, tail = text.partition(":")
        head = head.strip()
        if not head:
            return QValidator.State.Intermediate, text, pos
        if not head.isdigit() or tail.strip() not in ("", "0", "00"):
            return QValidator.State.Invalid, text, pos
        return (QValidator.State.Acceptable if 0 <= int(head) <= 23 else QValidator.State.Invalid), text, pos


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def _section(text: str) -> QLabel:
    label = QLabel(text.upper())
    label.setProperty("role", "section")
    return label


def save_settings(col: Collection, changes: dict[str, Any], prefs: UiPrefs) -> Settings:
    """Save study-settings ``changes`` and the UI ``prefs`` in one transaction: both or neither
    (values are validated before anything is written)."""
    col.conf.update(settings=changes, prefs=ui_prefs_config(col, prefs))
    return col.settings


class SettingsDialog(QDialog):
    """Edit the collection's study settings and the UI preferences; OK applies, Cancel discards."""

    settings_changed = Signal()

    def __init__(self, state: CollectionState | Collection, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state if isinstance(state, CollectionState) else CollectionState(state, self)
        self.col = self.state.col
        self.setWindowTitle("Settings")
        self.setWindowIcon(theme_mod.icon("settings"))
        self.setObjectName("settingsDialog")

        self.new_per_day = QSpinBox()
        self.new_per_day.setRange(0, 100_000)
        self.new_per_day.setObjectName("newPerDay")
        self.reviews_per_day = QSpinBox()
        self.reviews_per_day.setRange(0, 1_000_000)
        self.reviews_per_day.setObjectName("reviewsPerDay")
        self.retention = QDoubleSpinBox()
        self.retention.setRange(0.70, 0.99)
        self.retention.setSingleStep(0.01)
        self.retention.setDecimals(2)
        self.retention.setObjectName("desiredRetention")
        self.retention_hint = _hint("")
        self.retention_hint.setObjectName("retentionHint")
        self.workload_hint = _hint("")
        self.workload_hint.setObjectName("workloadHint")
        self.optimise_button = QPushButton("Optimise…")
        self.optimise_button.setObjectName("optimiseButton")
        self.optimise_button.setToolTip("Fit the scheduler to your own review history")
        self.optimise_button.clicked.connect(self.optimise)
        self.optimise_message: QMessageBox | None = None
        self.day_start = HourSpinBox()
        self.day_start.setObjectName("dayStartHour")
        self.theme = QComboBox()
        self.theme.setObjectName("themeCombo")
        for key, label in THEME_LABELS:
            self.theme.addItem(label, key)
        self.font_size = QSpinBox()
        self.font_size.setRange(*FONT_SIZE_RANGE)
        self.font_size.setSuffix(" pt")
        self.font_size.setObjectName("cardFontSize")
        for spin in (self.new_per_day, self.reviews_per_day, self.retention, self.day_start, self.font_size):
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.sync_button = QPushButton("Sync through a folder…")
        self.sync_button.setObjectName("syncSettingsButton")
        self.sync_button.clicked.connect(self.open_sync_settings)
        # Every field and button of the right column one width: as wide as the longest theme name
        # or button text needs (nothing clipped at any font size), so their edges line up.
        self.theme.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        fields = (self.new_per_day, self.reviews_per_day, self.retention, self.day_start, self.font_size,
                  self.theme, self.optimise_button, self.sync_button)
        width = max(200, *(field.sizeHint().width() for field in (self.theme, self.optimise_button, self.sync_button)))
        for field in fields:
            field.setFixedWidth(width)
        view = self.theme.view()
        view.setMinimumWidth(max(width, view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        self.grid = grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(0, 1)
        self._rows = 0
        self._add_section("Daily limits", first=True)
        self._add_row("New cards per day", self.new_per_day)
        self._add_row("Maximum reviews per day", self.reviews_per_day)
        self._add_hint(_hint("Defaults for every deck. A deck file can set its own limits."))
        self._add_section("Scheduling")
        self._add_row("Desired retention", self.retention)
        self._add_hint(self.retention_hint)
        self._add_hint(self.workload_hint)
        self._add_row("Parameters", self.optimise_button)
        self._add_row("Next day starts at", self.day_start)
        self._add_hint(_hint("Until this hour, late-night reviews still count for the day before."))
        self._add_section("Appearance")
        self._add_row("Theme", self.theme)
        self._add_row("Card text size", self.font_size)
        self._add_section("Sync")
        self._add_row("Other computers", self.sync_button)
        layout.addLayout(grid)
        layout.addSpacing(22)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText("Defaults")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        layout.addWidget(self.buttons)

        self.retention.valueChanged.connect(self._update_retention_hint)
        self.load()
        self.setMinimumWidth(520)

    def _add_section(self, text: str, first: bool = False) -> None:
        if not first:
            self.grid.setRowMinimumHeight(self._rows, 14)
            self._rows += 1
        self.grid.addWidget(_section(text), self._rows, 0, 1, 2)
        self._rows += 1

    def _add_row(self, text: str, field: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(field)
        self.grid.addWidget(label, self._rows, 0)
        self.grid.addWidget(field, self._rows, 1)
        self._rows += 1

    def _add_hint(self, hint: QLabel) -> None:
        self.grid.addWidget(hint, self._rows, 0, 1, 2)
        self._rows += 1

    # ------------------------------------------------------------------ values
    def load(self) -> None:
        """Fill the fields from the collection."""
        self._show(self.col.settings, self.state.ui_prefs)

    def _show(self, s: Settings, prefs: UiPrefs) -> None:
        self.new_per_day.setValue(s.new_per_day)
        self.reviews_per_day.setValue(s.reviews_per_day)
        self.retention.setValue(s.desired_retention)
        self.day_start.setValue(s.day_start_hour)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.font_size.setValue(prefs.font_size)
        self._update_retention_hint()
        self._show_workload()

    def open_sync_settings(self) -> None:
        from .sync_settings import SyncSettingsDialog

        SyncSettingsDialog(self.state, self).exec()

    def restore_defaults(self) -> None:
        """Put the default values in the fields (nothing is saved until OK)."""
        self._show(Settings(), UiPrefs())

    def _update_retention_hint(self) -> None:
        pct = round(self.retention.value() * 100)
        self.retention_hint.setText(f"Recall about {pct}% of cards when due; higher means more reviews.")

    def _show_workload(self) -> None:
        from flashcards.core.workload import describe, workload

        s = self.col.settings
        rows = workload(len(self.col.cards()), s.new_per_day, s.fsrs_params)
        self.workload_hint.setText(f"Expected reviews a day over a year: {describe(rows)}")

    def optimise(self) -> None:
        """Fit FSRS parameters to the review log in the background, then say what happened."""
        def done(result: Any) -> None:
            from .plain import plain_message_box

            box = QMessageBox(QMessageBox.Icon.Information, "Optimise", result.summary(),
                              QMessageBox.StandardButton.Ok, self)
            plain_message_box(box)
            box.setObjectName("optimiseResult")
            box.open()
            self.optimise_message = box
            self._show_workload()

        CollectionOp(self, self.state, "optimize", lambda col: col.optimize(), initiator=self,
                     error_title="Could not optimise") \
            .in_background("Optimising the scheduler on your reviews…").success(done).run()

    def ui_prefs(self) -> UiPrefs:
        """The UI preferences as currently entered."""
        return UiPrefs(theme=str(self.theme.currentData()), font_size=self.font_size.value())

    def study_settings(self) -> dict[str, Any]:
        """The study settings as currently entered (keyword arguments of ``update_settings``)."""
        return {"new_per_day": self.new_per_day.value(), "reviews_per_day": self.reviews_per_day.value(),
                "desired_retention": round(self.retention.value(), 2), "day_start_hour": self.day_start.value()}

    def apply(self) -> bool:
        """Save the fields in one op, re-theme the app if needed and emit ``settings_changed``.

        Returns True when saved; on any error nothing is saved, the error is shown over the
        dialog and False is returned.
        """
        old_theme = self.state.ui_prefs.theme
        settings, prefs = self.study_settings(), self.ui_prefs()
        saved: list[bool] = []

        def done(_new: Settings) -> None:
            saved.append(True)
            app = QApplication.instance()
            if prefs.theme != old_theme and isinstance(app, QApplication):
                theme_mod.apply_theme(app, prefs.theme)
            self.settings_changed.emit()

        CollectionOp(self, self.state, "settings", lambda col: save_settings(col, settings, prefs),
                     initiator=self, error_title="Settings not saved") \
            .success(done).run()
        return bool(saved)

    def accept(self) -> None:
        if self.apply():
            super().accept()
