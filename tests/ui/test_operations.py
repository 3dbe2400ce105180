"""CollectionOp: one change signal per success, one error box per failure, background + progress."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from flashcards import Collection
from flashcards.ui.operations import CollectionOp, CollectionState, OpChanges


def _boxes(kind: type) -> list:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_success_notifies_once_and_failure_shows_one_error(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        state = CollectionState(col)
        parent = QWidget()
        qtbot.addWidget(parent)
        seen: list[tuple[OpChanges, object]] = []
        state.changed.connect(lambda changes, initiator: seen.append((changes, initiator)))
        results: list[int] = []
        CollectionOp(parent, state, "config", lambda c: c.set_config("x", 1) or 7, initiator=parent) \
            .success(results.append).run()
        assert results == [7] and [(c.kind, c.config, c.card, who) for c, who in seen] == [
            ("config", True, False, parent)]

        def boom(_c: Collection) -> None:
            raise ValueError("no such thing")

        CollectionOp(parent, state, "config", boom, error_title="Oops").run()
        boxes = [b for b in _boxes(QMessageBox) if b.objectName() == "errorBox"]
        assert len(boxes) == 1 and boxes[0].text() == "no such thing" and len(seen) == 1
        boxes[0].close()
        handled: list[BaseException] = []
        CollectionOp(parent, state, "config", boom).failure(handled.append).run()
        assert len(handled) == 1 and not [b for b in _boxes(QMessageBox) if b.objectName() == "errorBox"]


def test_background_op_runs_off_the_gui_thread_with_progress(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        state = CollectionState(col)
        parent = QWidget()
        qtbot.addWidget(parent)
        parent.show()
        threads: list[threading.Thread] = []

        def slow(c: Collection) -> str:
            threads.append(threading.current_thread())
            time.sleep(0.6)
            return "done"

        results: list[str] = []
        CollectionOp(parent, state, "import", slow).in_background("Importing decks…").success(results.append).run()
        assert state.busy
        qtbot.waitUntil(lambda: any(d.labelText() == "Importing decks…" for d in _boxes(QProgressDialog)))
        qtbot.waitUntil(lambda: results == ["done"], timeout=5_000)
        assert not state.busy and threads[0] is not threading.main_thread()
        qtbot.waitUntil(lambda: not _boxes(QProgressDialog))
