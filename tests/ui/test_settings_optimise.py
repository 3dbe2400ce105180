"""Settings → Optimise…: a background op with a progress dialog and a message with the result;
the workload helper beside the desired retention."""

from __future__ import annotations

from pathlib import Path

from flashcards import Collection
from flashcards.ui.settings_dialog import SettingsDialog

from ..core.conftest import make_deck
from ..core.test_optimize import TRUE, synthetic_history


def test_workload_hint_shown(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 30)])
        dialog = SettingsDialog(col)
        qtbot.addWidget(dialog)
        assert dialog.workload_hint.text().startswith("Expected reviews a day")
        assert "97%:" in dialog.workload_hint.text()


def test_optimise_reports_too_few_reviews(qtbot, tmp_path: Path, monkeypatch) -> None:
    from flashcards.ui import operations

    shown: list[str] = []
    monkeypatch.setattr(operations, "show_error", lambda parent, title, text: shown.append(text))
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 3)])
        dialog = SettingsDialog(col)
        qtbot.addWidget(dialog)
        dialog.optimise()
        qtbot.waitUntil(lambda: bool(shown))
        assert "too few reviews" in shown[0]
        assert col.settings.fsrs_params is None


def test_optimise_saves_better_parameters_and_says_so(qtbot, tmp_path: Path) -> None:
    from flashcards.core.revlog_import import import_history

    rows = synthetic_history(TRUE, cards=200, seed=5)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC")
        col.import_decks([make_deck(tmp_path / "d.yaml", "D", 1)])
        import_history(col, rows, "D", create_missing=True)
        dialog = SettingsDialog(col)
        qtbot.addWidget(dialog)
        dialog.optimise()
        qtbot.waitUntil(lambda: dialog.optimise_message is not None, timeout=20000)
        text = dialog.optimise_message.text()
        assert "Log loss" in text
        assert ("now used" in text) == (col.settings.fsrs_params is not None)
