"""The editor: add a card of each type with its live preview, inline validation, images, edit a
card met during study with E (progress kept, the same card shown again), delete and undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards.core.media import media_dir
from flashcards.ui.deck_dialogs import DeckManagerDialog, DeckOptionsDialog
from flashcards.ui.editor import EditorDialog

from .app_fixtures import decks_dir, isolated_qsettings, key, open_window

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082")


def fill(editor: EditorDialog, kind: str, **fields: str) -> None:
    editor.type_box.setCurrentText(kind)
    for name, value in fields.items():
        if name == "tags":
            editor.tags_edit.setText(value)
        else:
            editor.edits[name].setPlainText(value)
    editor.refresh()


def test_editor_adds_a_card_of_each_type(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    col = window.state.col
    cases = [
        ("basic", {"front": "First-line drug?", "back": "Botulinum toxin"}, "First-line drug?"),
        ("reverse", {"front": "MVD", "back": "Microvascular decompression"}, "MVD"),
        ("cloze", {"text": "{{c1::Carbamazepine}} is an option."}, "[...] is an option."),
        ("list", {"front": "Two surgical risks?", "items": "Hearing loss\nFacial weakness"}, "Two surgical risks?"),
    ]
    for kind, fields, question in cases:
        editor = EditorDialog(window.state, None, "Hemifacial Spasm::Drugs", window)
        qtbot.addWidget(editor)
        fill(editor, kind, **fields, tags="new")
        assert editor.errors == [] and editor.save_button.isEnabled()
        assert question in editor.question_view.toPlainText()          # the study screen's renderer
        with qtbot.waitSignal(editor.saved):
            editor.save()
    cards = col.cards("Hemifacial Spasm::Drugs")
    assert sorted({c.type for c in cards}) == ["basic", "cloze", "list", "reverse"] and len(cards) == 5
    assert all(c.tags == ("new",) for c in cards)
    assert col.undo_status().label == "Undo Add note"


def test_inline_validation(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    editor = EditorDialog(window.state, None, "Hemifacial Spasm::Causes", window)
    qtbot.addWidget(editor)
    fill(editor, "basic", front="A question", back="")
    assert "'back' is empty" in editor.problems.text() and not editor.save_button.isEnabled()
    fill(editor, "cloze", text="no deletion")
    assert "cloze text has no deletion" in editor.problems.text()
    editor.key_edit.setText("botox")
    fill(editor, "basic", front="Q", back="A")
    assert "duplicate card id 'botox'" in editor.problems.text()
    editor.key_edit.setText("")
    fill(editor, "basic", front="Which drug starts with B?", back="Botox")
    assert editor.errors == [] and "letter hint" in editor.problems.text() and editor.save_button.isEnabled()


def test_image_is_copied_into_media(qtbot, open_window, decks_dir: Path, tmp_path: Path) -> None:
    window = open_window(decks_dir)
    image = tmp_path / "scan.png"
    image.write_bytes(PNG)
    editor = EditorDialog(window.state, None, "Imaging", window)
    qtbot.addWidget(editor)
    fill(editor, "basic", front="What does the scan show?", back="A vascular loop")
    assert editor.add_image(image) == "scan.png"
    assert (media_dir(window.state.col.path) / "scan.png").read_bytes() == PNG
    assert editor.edits["front"].toPlainText().endswith("![scan](media/scan.png)")


def test_e_edits_the_current_card_and_returns_to_it(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    window.start_study("Hemifacial Spasm::Symptoms")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "1")                                     # an answer: progress to keep
    card = window.study.card
    assert card is not None
    key(qtbot, window, "e")
    editor = window.editor
    assert editor.isVisible() and editor.note is not None and card.id in editor.note.card_ids
    editor.edits["back"].setPlainText("Edited during study.")
    with qtbot.waitSignal(editor.saved):
        editor.save()
    assert not editor.isVisible()
    assert window.stack.currentWidget() is window.study and window.study.card.id == card.id
    assert window.study.card.back == "Edited during study."
    assert window.state.col.card(card.id).reps == card.reps


def test_delete_from_the_editor_and_undo(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    col = window.state.col
    card = col.find_cards("key:botox")[0]
    window.edit_card(card)
    window.editor.delete()
    assert col.find_cards("key:botox*") == []
    window.undo()
    assert col.find_cards("key:botox")[0] == card


def test_deck_management_dialog(qtbot, open_window, decks_dir: Path, monkeypatch) -> None:
    window = open_window(decks_dir)
    col = window.state.col
    dialog = DeckManagerDialog(window.state, window)
    qtbot.addWidget(dialog)
    dialog.create_deck("Neurology")
    dialog.select("Hemifacial Spasm")
    dialog.move_deck("Neurology")
    assert "Neurology::Hemifacial Spasm::Causes" in col.deck_names() and dialog.current() == "Neurology::Hemifacial Spasm"
    dialog.rename_deck("Neurology::HFS")
    assert dialog.current() == "Neurology::HFS" and len(col.find_cards("deck:Neurology::HFS")) == 8
    options = DeckOptionsDialog(window.state, "Neurology::HFS", dialog)
    qtbot.addWidget(options)
    own, spin = options.limits["new_per_day"]
    own.setChecked(True)
    spin.setValue(7)
    options.order.setCurrentIndex(1)
    options.save()
    assert col.decks.options("Neurology::HFS").new_per_day == 7
    assert col.decks.options("Neurology::HFS").order == "new_first"
    dialog.select("Neurology::HFS::Symptoms")
    dialog.delete_deck(confirm=False)
    assert "Neurology::HFS::Symptoms" not in col.deck_names()
    assert "Neurology::HFS::Symptoms" not in [dialog.list.item(i).data(Qt.ItemDataRole.UserRole)
                                              for i in range(dialog.list.count())]
