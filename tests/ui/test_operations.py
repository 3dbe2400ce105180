"""CollectionOp: one change signal per success, one error box per failure, background + progress."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from flashcards import Collection
from flashcards.ui.operations import CollectionOp, CollectionState, OpChanges, UndoStatus


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

        release = threading.Event()

        def slow(c: Collection) -> str:
            threads.append(threading.current_thread())
            release.wait(10)                   # until the test has seen the progress dialog
            return "done"

        results: list[str] = []
        CollectionOp(parent, state, "import", slow).in_background("Importing decks…").success(results.append).run()
        assert state.busy
        qtbot.waitUntil(lambda: any(d.labelText() == "Importing decks…" for d in _boxes(QProgressDialog)))
        assert results == []                   # still running: the dialog shows while it works
        release.set()
        qtbot.waitUntil(lambda: results == ["done"], timeout=5_000)
        assert not state.busy and threads[0] is not threading.main_thread()
        qtbot.waitUntil(lambda: not _boxes(QProgressDialog))


def test_a_raising_success_handler_still_refreshes_the_views(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        state = CollectionState(col)
        parent = QWidget()
        qtbot.addWidget(parent)
        seen: list[OpChanges] = []
        state.changed.connect(lambda changes, _who: seen.append(changes))

        def broken(_result: None) -> None:
            raise RuntimeError("handler broke")

        CollectionOp(parent, state, "config", lambda c: c.set_config("ui", {"font_size": 30}),
                     error_title="Oops").success(broken).run()
        assert [c.kind for c in seen] == ["config"]              # the views were told all the same
        assert state.ui_prefs.font_size == 30                     # and the prefs cache followed
        boxes = [b for b in _boxes(QMessageBox) if b.objectName() == "errorBox"]
        assert len(boxes) == 1 and boxes[0].text() == "handler broke"
        boxes[0].close()


def test_changes_come_from_the_result_or_the_kind(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        state = CollectionState(col)
        assert not hasattr(state, "_undo_kinds")                  # the core owns the undo stack
        seen: list[OpChanges] = []
        state.changed.connect(lambda changes, _who: seen.append(changes))
        own = OpChanges("edit", card_ids=(4,), note=True, undo=UndoStatus("edit_note"))
        CollectionOp(None, state, "edit", lambda c: own).run()

        class Result:
            changes = OpChanges("tag", card=True)

        CollectionOp(None, state, "tag", lambda c: Result()).run()
        CollectionOp(None, state, "backup", lambda c: None).run()  # an old call: built from its kind
        assert seen[0] is own and seen[1] is Result.changes
        assert seen[2].kind == "backup" and not seen[2].affects_study and seen[2].undo == col.undo_status()


def test_ui_prefs_are_read_once_not_per_render(qtbot, tmp_path: Path, monkeypatch) -> None:
    from flashcards.ui.study import card_font_size

    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.set_config("ui", {"font_size": 22})
        state = CollectionState(col)
        reads: list[str] = []
        real = col.get_config
        def counting(key: str, default: object = None) -> object:
            reads.append(key)
            return real(key, default)

        monkeypatch.setattr(col, "get_config", counting)
        assert [card_font_size(state) for _ in range(5)] == [22.0] * 5 and reads == []
        CollectionOp(None, state, "backup", lambda c: None).run()   # touches no config: no read
        assert reads == []
        CollectionOp(None, state, "config", lambda c: c.set_config("ui", {"font_size": 26})).run()
        assert card_font_size(state) == 26.0 and reads.count("ui") == 1


def test_a_background_op_reports_its_steps_as_a_bar(qtbot, tmp_path: Path) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        state = CollectionState(col)
        parent = QWidget()
        qtbot.addWidget(parent)
        parent.show()
        reported, release = threading.Event(), threading.Event()

        def slow(c: Collection) -> str:
            op.report(3, 10)                   # as the core's progress(done, total) callbacks do
            reported.set()
            release.wait(10)
            return "done"

        op: CollectionOp[str] = CollectionOp(parent, state, "import", slow)
        op.in_background("Importing decks…").run()
        qtbot.waitUntil(reported.is_set)

        def bar() -> tuple[int, int, int] | None:
            dialogs = [d for d in _boxes(QProgressDialog) if d.labelText() == "Importing decks…"]
            return (dialogs[0].value(), dialogs[0].minimum(), dialogs[0].maximum()) if dialogs else None

        qtbot.waitUntil(lambda: bar() == (3, 0, 10))
        release.set()
        qtbot.waitUntil(lambda: not _boxes(QProgressDialog))

