"""File → Import… of Anki packages, CSV and Markdown, and File → Export Deck… in each format, on a
worker thread (file dialogs monkeypatched)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from flashcards import Collection

from .app_fixtures import decks_dir, isolated_qsettings, open_window


def _boxes(name: str) -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()]


def test_import_csv_and_markdown(qtbot, open_window, tmp_path: Path, monkeypatch) -> None:
    window = open_window(None, wait_import=False)
    table = tmp_path / "Pharm.csv"
    table.write_text("front,back\nDose of X?,5 mg\n", encoding="utf-8")
    notes = tmp_path / "heart.txt"
    notes.write_text("#flashcards/Heart\nSystole::Contraction\n", encoding="utf-8")
    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(table), str(notes)])
    window.import_files()
    qtbot.waitUntil(lambda: not window.state.busy and bool(window.deck_list.items()), timeout=10_000)
    assert window.state.col.deck_names() == ["Heart", "Pharm"]
    assert "Imported" in window.statusBar().currentMessage()


def test_import_anki_package_with_history(qtbot, open_window, tmp_path: Path, monkeypatch) -> None:
    from tests.core.interop.anki_build import build_package

    built = build_package(tmp_path / "anki", legacy=False)
    window = open_window(None, wait_import=False)
    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(built.path)])
    monkeypatch.setattr(window, "_ask_history", lambda: True)
    window.import_files()
    qtbot.waitUntil(lambda: not window.state.busy and bool(window.deck_list.items()), timeout=20_000)
    assert {"Top", "Top::Sub"} <= set(window.state.col.deck_names())
    assert sum(c.reps for c in window.state.col.cards()) == built.reviews


def test_bad_import_shows_the_line_and_imports_nothing(qtbot, open_window, tmp_path: Path, monkeypatch) -> None:
    window = open_window(None, wait_import=False)
    bad = tmp_path / "bad.csv"
    bad.write_text("front,back\nq,a\n,empty\n", encoding="utf-8")
    monkeypatch.setattr(window, "_choose_import_files", lambda: [str(bad)])
    window.import_files()
    qtbot.waitUntil(lambda: bool(_boxes("errorBox")), timeout=10_000)
    assert f"{bad}:3:" in _boxes("errorBox")[0].text()
    _boxes("errorBox")[0].close()
    assert window.state.col.deck_names() == []


def test_export_in_each_format(qtbot, open_window, decks_dir: Path, tmp_path: Path, monkeypatch) -> None:
    window = open_window(decks_dir)
    for fmt, name in (("apkg", "hfs.apkg"), ("csv", "hfs.csv"), ("yaml", "yaml-out")):
        target = tmp_path / "out" / name
        monkeypatch.setattr(window, "_choose_export_format", lambda fmt=fmt: fmt)
        monkeypatch.setattr(window, "_choose_export_target", lambda deck, f, target=target: target)
        window.export_deck("Hemifacial Spasm")
        qtbot.waitUntil(lambda: not window.state.busy and window.statusBar().currentMessage().startswith("Exported"),
                        timeout=20_000)
        assert target.exists(), fmt
        window.statusBar().clearMessage()
    with Collection.open(tmp_path / "other" / "collection.sqlite3") as other:
        from flashcards.core.interop.apkg_import import import_package

        assert len(import_package(other, tmp_path / "out" / "hfs.apkg").report.added) == 8
