"""The card editor: add, edit or delete a note of any type, with a live preview drawn by the study
screen's own renderer (:mod:`card_text` in a :class:`CardBrowser`) and inline validation (the deck
format's rules and the lint findings, from ``col.notes.check``).

Saving is a :class:`CollectionOp` (``col.notes.add`` / ``update`` / ``delete``): undoable, and
every view refreshes from its :class:`OpChanges` — the study screen redraws the card it shows.
Images are copied into the collection's ``media/`` folder and referenced as ``![alt](media/NAME)``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.media import IMAGE_SUFFIXES, add_media, image_markup
from flashcards.core.models import Card, CardType
from flashcards.core.notes import Note, NoteFields, NoteResult

from .card_text import answer_html, question_html
from .card_view import CardBrowser
from .operations import CollectionOp, CollectionState, OpChanges
from .palette import card_colors
from .plain import plain_title

_FIELDS_BY_TYPE = {CardType.BASIC: ("front", "back"), CardType.REVERSE: ("front", "back"),
                   CardType.CLOZE: ("text", "back"), CardType.LIST: ("front", "items")}
_LABELS = {"front": "Front", "back": "Back", "text": "Cloze text", "items": "Items (one a line)"}
PREVIEW_DELAY_MS = 150


def preview_cards(deck: str, key: str, fields: NoteFields) -> list[Card]:
    """The study cards ``fields`` would make, as :class:`Card` objects for the renderer."""
    from flashcards.core.cloze import cloze_numbers

    base = {"deck": deck, "type": fields.type, "front": fields.front, "back": fields.back, "text": fields.text,
            "items": fields.items, "tags": fields.tags}
    if fields.type == CardType.REVERSE:
        ords = [0, 1]
    elif fields.type == CardType.CLOZE:
        ords = [n - 1 for n in cloze_numbers(fields.text)] or [0]
    else:
        ords = [0]
    return [Card(id=0, key=key, ord=o, **base) for o in ords]  # type: ignore[arg-type]


class EditorDialog(QDialog):
    """Edit the note of ``card_id`` or (``card_id`` None) add a new note to ``deck``.
    ``saved(card_id)`` is emitted after a successful save with the first card of the note."""

    saved = Signal(int)

    def __init__(self, state: CollectionState, card_id: int | None = None, deck: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.note: Note | None = state.col.notes.note(card_id) if card_id is not None else None
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.setObjectName("editorDialog")
        self.setWindowTitle(plain_title("Edit Card" if self.note else "Add Card"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build(deck)
        self.resize(1000, 640)
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build(self, deck: str | None) -> None:
        outer = QVBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        form_box = QWidget()
        form = QFormLayout(form_box)
        self.deck_box = QComboBox()
        self.deck_box.setEditable(True)
        self.deck_box.addItems(self._state.col.deck_names())
        self.deck_box.setCurrentText(self.note.deck if self.note else deck or "Default")
        self.deck_box.setEnabled(self.note is None)     # moving is a browser action
        self.deck_box.setAccessibleName("Deck")
        form.addRow("Deck", self.deck_box)
        self.type_box = QComboBox()
        self.type_box.addItems(list(CardType.ALL))
        self.type_box.setAccessibleName("Card type")
        form.addRow("Type", self.type_box)
        self.key_edit = QLineEdit(self.note.key if self.note else "")
        self.key_edit.setPlaceholderText("made from the front when left empty")
        self.key_edit.setReadOnly(self.note is not None)  # a card's id is its identity across imports
        self.key_edit.setAccessibleName("Card id")
        form.addRow("Id", self.key_edit)
        self.edits: dict[str, QPlainTextEdit] = {}
        self.labels: dict[str, QLabel] = {}
        for name in ("front", "text", "back", "items"):
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setAccessibleName(_LABELS[name])
            edit.setMinimumHeight(60)
            edit.textChanged.connect(self._timer.start)
            label = QLabel(_LABELS[name])
            form.addRow(label, edit)
            self.edits[name], self.labels[name] = edit, label
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("tags separated by spaces")
        self.tags_edit.setAccessibleName("Tags")
        self.tags_edit.textChanged.connect(self._timer.start)
        form.addRow("Tags", self.tags_edit)
        image = QPushButton("Add Image…")
        image.clicked.connect(lambda: self.add_image())
        form.addRow("", image)
        self.problems = QLabel()
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setWordWrap(True)
        self.problems.setObjectName("editorProblems")
        form.addRow(self.problems)
        split.addWidget(form_box)
        preview_box = QWidget()
        preview = QVBoxLayout(preview_box)
        top = QHBoxLayout()
        top.addWidget(QLabel("Preview"))
        self.card_box = QComboBox()
        self.card_box.setAccessibleName("Card to preview")
        self.card_box.currentIndexChanged.connect(lambda _i: self._render_preview())
        top.addWidget(self.card_box, 1)
        preview.addLayout(top)
        self.question_view = CardBrowser()
        self.answer_view = CardBrowser()
        preview.addWidget(QLabel("Question"))
        preview.addWidget(self.question_view, 1)
        preview.addWidget(QLabel("Answer"))
        preview.addWidget(self.answer_view, 2)
        split.addWidget(preview_box)
        split.setSizes([520, 480])
        outer.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        if self.note is not None:
            self.delete_button = buttons.addButton("Delete Note", QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.clicked.connect(self.delete)
        outer.addWidget(buttons)
        fields = self.note.fields if self.note else NoteFields()
        self.type_box.setCurrentText(fields.type)
        self.type_box.currentTextChanged.connect(self._type_changed)
        self.set_fields(fields)
        self._type_changed(fields.type)

    # ------------------------------------------------------------------ fields
    def set_fields(self, fields: NoteFields) -> None:
        self.type_box.setCurrentText(fields.type)
        self.edits["front"].setPlainText(fields.front)
        self.edits["back"].setPlainText(fields.back)
        self.edits["text"].setPlainText(fields.text)
        self.edits["items"].setPlainText("\n".join(fields.items))
        self.tags_edit.setText(" ".join(fields.tags))
        self._source_line = fields.source_line

    def fields(self) -> NoteFields:
        kind = self.type_box.currentText()
        used = _FIELDS_BY_TYPE.get(kind, ())
        text = {n: self.edits[n].toPlainText() if n in used else "" for n in ("front", "back", "text")}
        items = tuple(line.strip() for line in self.edits["items"].toPlainText().splitlines() if line.strip()) \
            if "items" in used else ()
        return NoteFields(kind, text["front"], text["back"], text["text"], items, tuple(self.tags_edit.text().split()),
                          getattr(self, "_source_line", None))

    @property
    def deck(self) -> str:
        return self.deck_box.currentText().strip()

    def _type_changed(self, kind: str) -> None:
        used = _FIELDS_BY_TYPE.get(kind, ())
        for name, edit in self.edits.items():
            edit.setVisible(name in used)
            self.labels[name].setVisible(name in used)
        self.labels["back"].setText("Extra (optional)" if kind == CardType.CLOZE else "Back")
        self._timer.start()

    # ------------------------------------------------------------------ preview and checks
    def refresh(self) -> None:
        """Check the fields and redraw the preview (also called after each edit, debounced)."""
        self._timer.stop()
        fields = self.fields()
        col = self._state.col
        key = self.key_edit.text().strip() or (col.notes.new_key(self.deck, fields) if self.deck else "card")
        self.errors, self.warnings = col.notes.check(self.deck, fields, key, self.note.id if self.note else None)
        lines = [f"✗ {e}" for e in self.errors] + [f"⚠ {w}" for w in self.warnings]
        self.problems.setText("\n".join(lines))
        self.problems.setStyleSheet("color: #b8322a" if self.errors else "color: #8a6100")
        self.save_button.setEnabled(not self.errors)
        cards = preview_cards(self.deck, key, fields)
        current = self.card_box.currentIndex()
        self.card_box.blockSignals(True)
        self.card_box.clear()
        for card in cards:
            label = {CardType.REVERSE: "Reverse" if card.ord else "Forward",
                     CardType.CLOZE: f"Cloze {card.cloze_number}"}.get(card.type, "Card")
            self.card_box.addItem(label)
        self.card_box.setCurrentIndex(min(max(current, 0), len(cards) - 1))
        self.card_box.blockSignals(False)
        self._cards = cards
        self._render_preview()

    def _render_preview(self) -> None:
        cards = getattr(self, "_cards", [])
        if not cards:
            return
        card = cards[max(0, self.card_box.currentIndex())]
        colors = card_colors()
        self.question_view.set_card_html(question_html(card, colors))
        html = answer_html(card, colors)
        if card.type == CardType.LIST:      # the study screen shows items as a checklist below
            html += "".join(f"<p>☐ {item}</p>" for item in _escaped(card.items))
        self.answer_view.set_card_html(html)

    # ------------------------------------------------------------------ actions
    def add_image(self, path: str | Path | None = None) -> str | None:
        """Copy an image into the collection's media folder and insert its markup at the cursor of
        the field being edited (the front when none is). Returns the name used."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Add Image", str(Path.home()),
                                                    "Images (" + " ".join(f"*{s}" for s in IMAGE_SUFFIXES) + ")")
            if not chosen:
                return None
            path = chosen
        try:
            name = add_media(self._state.col.path, Path(path))
        except (OSError, ValueError) as exc:
            from .operations import show_error
            show_error(self, "Could not add the image", str(exc))
            return None
        target = next((e for e in self.edits.values() if e.hasFocus() and e.isVisible()), None)
        if target is None:     # no field being edited: append to the question's field
            target = self.edits["text" if self.type_box.currentText() == CardType.CLOZE else "front"]
            target.moveCursor(QTextCursor.MoveOperation.End)
        target.insertPlainText(("\n" if target.textCursor().position() else "") + image_markup(name, Path(path).stem))
        return name

    def save(self) -> None:
        """Add or update the note through a :class:`CollectionOp`; closes the dialog on success."""
        self.refresh()
        if self.errors:
            return
        fields, deck, key = self.fields(), self.deck, self.key_edit.text().strip() or None
        if self.note is None:
            CollectionOp(self, self._state, "add_note", lambda col: col.notes.add(deck, fields, key),
                         initiator=self, error_title="Could not add the card").success(self._added).run()
        else:
            note_id, first = self.note.id, self.note.card_ids[0] if self.note.card_ids else 0
            CollectionOp(self, self._state, "edit_note", lambda col: col.notes.update(note_id, fields),
                         initiator=self, error_title="Could not save the card") \
                .success(lambda _changes: self._done(first)).run()

    def _added(self, result: NoteResult) -> None:
        self._done(result.card_ids[0] if result.card_ids else 0)

    def _done(self, card_id: int) -> None:
        self.saved.emit(card_id)
        self.accept()

    def delete(self) -> None:
        """Delete this note (undoable with Ctrl+Z)."""
        if self.note is None:
            return
        ids = list(self.note.card_ids)

        def done(_changes: OpChanges) -> None:
            self.accept()

        CollectionOp(self, self._state, "delete_cards", lambda col: col.notes.delete(ids), initiator=self) \
            .success(done).run()


def _escaped(items: tuple[str, ...]) -> list[str]:
    from .render import escape_text

    return [escape_text(i) for i in items]
