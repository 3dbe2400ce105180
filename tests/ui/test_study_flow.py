"""The real main window driven by keyboard events: first run, a study session, undo, reopen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards import Collection, Rating

from .app_fixtures import decks_dir, isolated_qsettings, key, make_deck, open_window

BIG = "Anatomy::Shoulder"


def _counts_in_list(window, deck: str) -> tuple[int, int, int]:
    for item in window.deck_list.items():
        if item.data(0, Qt.ItemDataRole.UserRole) == deck:
            return int(item.text(1)), int(item.text(2)), int(item.text(3))
    raise AssertionError(f"{deck} not in the deck list")


def test_first_run_imports_bundled_decks(open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    names = [item.data(0, Qt.ItemDataRole.UserRole) for item in window.deck_list.items()]
    assert names == ["Hemifacial Spasm", "Hemifacial Spasm::Causes", "Hemifacial Spasm::Symptoms"]
    assert all(item.isExpanded() for item in window.deck_list.items() if item.childCount())
    assert window.deck_list.due_label.text() == "Today, all decks: 8 new · 0 learning · 0 to review"
    assert _counts_in_list(window, "Hemifacial Spasm::Causes") == (6, 0, 0)
    assert window.stack.currentWidget() is window.deck_list


def test_keyboard_session_undo_and_reopen(qtbot, open_window, tmp_path: Path) -> None:
    decks = tmp_path / "my-decks"
    make_deck(decks / "shoulder.yaml", BIG, 14)
    make_deck(decks / "knee.yaml", "Anatomy::Knee", 3, prefix="k")
    window = open_window(decks)
    before = _counts_in_list(window, BIG)
    assert before == (14, 0, 0)

    tree = window.deck_list.tree
    tree.setFocus()
    while window.deck_list.current_deck() != BIG:  # arrow keys move the selection
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.study

    ratings = [3, 3, 1, 3, 4, 2, 3, 3, 1, 3]
    answered: list[tuple[int, int]] = []
    for rating in ratings:
        card = window.study.card
        assert card is not None and not window.study.revealed
        key(qtbot, window, str(rating))            # digits do nothing on the question side
        assert window.study.card is card and not window.study.revealed
        key(qtbot, window, Qt.Key.Key_Space)
        assert window.study.revealed
        key(qtbot, window, str(rating))
        answered.append((card.id, rating))
        assert window.study.card is not None and window.study.card.id != card.id
    assert window.undo_action.text() == "Undo Answer" and window.undo_action.isEnabled()

    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.study.card.id == answered[-1][0] and not window.study.revealed
    assert window.study.stats.studied == 9
    key(qtbot, window, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.deck_list
    after = _counts_in_list(window, BIG)
    assert after != before

    window.close()
    window.state.col.close()
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        log = col.review_log()
        assert [(e.card_id, int(e.rating)) for e in log] == answered[:-1]
        assert all(0 <= e.duration_ms <= 60_000 for e in log)
        counts = col.counts(BIG)
        assert (counts.new, counts.learning, counts.review) == after
        assert counts.new == 14 - 9


def test_space_on_answer_side_is_good(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "a.yaml", "A", 3)
    window = open_window(tmp_path / "d")
    seconds = [100.0]
    window.study.controller.clock = lambda: seconds[0]   # the clock passed in: thinking time
    window.start_study("A")
    first = window.study.card
    seconds[0] += 2.5
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Return)   # Enter on the answer side = Good
    last = window.state.col.review_log()[-1]
    assert last.card_id == first.id and last.rating == Rating.Good
    assert last.duration_ms == 2500
    counts = window.study.bar.counts.labels       # refreshed just after the next card is painted
    qtbot.waitUntil(lambda: (counts["new"].text(), counts["learn"].text()) == ("<u>2</u>", "1"))


def test_undo_menu_label_and_state(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    assert not window.undo_action.isEnabled() and window.undo_action.text() == "Undo"
    window.start_study("Hemifacial Spasm::Symptoms")
    card = window.study.card
    key(qtbot, window, "-")                 # bury
    assert window.state.col.card(card.id).buried
    assert window.undo_action.text() == "Undo Bury"
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.state.col.card(card.id).buried and window.study.card.id == card.id
    key(qtbot, window, "@")                 # suspend
    assert window.state.col.card(card.id).suspended
    assert window.undo_action.text() == "Undo Suspend"
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.state.col.card(card.id).suspended
    assert not window.undo_action.isEnabled()


def test_undo_label_comes_from_the_core(qtbot, open_window, decks_dir: Path, monkeypatch) -> None:
    from flashcards.core.changes import OpChanges, UndoStatus
    from flashcards.ui.operations import CollectionOp

    window = open_window(decks_dir)
    state = window.state
    monkeypatch.setattr(state.col, "undo_status", lambda: UndoStatus("edit_note"))
    CollectionOp(window, state, "config", lambda c: c.set_config("x", 1)).run()    # an old-style call
    assert window.undo_action.text() == "Undo Edit note" and window.undo_action.isEnabled()
    CollectionOp(window, state, "tag", lambda c: OpChanges("tag", card=True, undo=UndoStatus("suspend"))).run()
    assert window.undo_action.text() == "Undo Suspend" and window.undo_action.isEnabled()
    CollectionOp(window, state, "tag", lambda c: OpChanges("tag", card=True)).run()  # nothing to undo now
    assert window.undo_action.text() == "Undo" and not window.undo_action.isEnabled()


def test_study_screen_shows_the_controller(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    study = window.study
    window.start_study("Hemifacial Spasm::Causes")
    c = study.controller
    while c.card.type != "list":
        assert study.card is c.card and study.bar.hint.text() == c.hint()
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, "4")
    assert study.bar.hint.text() == c.hint()
    key(qtbot, window, Qt.Key.Key_Space)
    assert study.items.isVisible() and len(study.items.boxes) == c.total == len(c.card.items)
    key(qtbot, window, "a")                              # letter keys tick through the controller
    assert c.ticked[0] and study.items.boxes[0].isChecked()
    study.items.boxes[1].click()                         # so do clicks on the boxes
    assert c.ticked[1] and study.bar.hint.text() == c.hint() and "Recalled 2 of" in c.hint()
    suggested = c.suggestion
    assert study.bar.buttons[suggested].text().endswith("★")
    key(qtbot, window, Qt.Key.Key_Space)                 # Space accepts the suggestion
    assert window.state.col.review_log()[-1].rating == suggested
    assert not study.items_scroll.isVisible() and study.bar.hint.text() == c.hint()
