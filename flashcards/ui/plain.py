"""Deck-derived text shown as plain text: the one place that makes labels, tooltips, message boxes
and window titles literal.

Qt guesses the format of a QLabel, a QMessageBox text and a tooltip with ``Qt.mightBeRichText``:
a deck named ``<img src="file:///…">`` would load that image and ``<a href=…>`` would become a
link (a message box even opens it in the browser). Everything a deck file, a file path or an
error message can reach goes through these helpers, so every character is shown as typed.
"""

from __future__ import annotations

import html

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_LINK_FLAGS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
_TITLE_PLACEHOLDER = "[*]"   # Qt hides it in window titles; "[*][*]" shows one literally


def plain_tooltip(text: str) -> str:
    """``text`` ready for ``setToolTip``: unchanged when Qt would show it as plain text anyway,
    else escaped (and wrapped so Qt renders the escaped form), keeping line breaks."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    body = html.escape(text, quote=False).replace("\n", "<br>")
    return f'<p style="white-space:pre-wrap">{body}</p>'


def plain_title(text: str) -> str:
    """``text`` ready for ``setWindowTitle``: Qt's ``[*]`` placeholder shown literally."""
    return text.replace(_TITLE_PLACEHOLDER, _TITLE_PLACEHOLDER * 2)


def plain_label(label: QLabel, text: str | None = None) -> QLabel:
    """Make ``label`` show its text literally (never rich text, no links); set ``text`` if given."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setTextInteractionFlags(label.textInteractionFlags() & ~_LINK_FLAGS)
    if text is not None:
        label.setText(text)
    return label


def text_label(text: str = "", role: str | None = None, name: str = "", centered: bool = False) -> QLabel:
    """A word-wrapped plain-text label with an optional stylesheet ``role`` and accessible
    ``name`` (deck-derived text shown as typed)."""
    label = plain_label(QLabel(), text)
    label.setWordWrap(True)
    if centered:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Make every text of ``box`` (text, informative text) plain and its links inert.

    Call it after the last ``setText``/``setInformativeText``: Qt creates the informative
    label lazily, and opens links in both labels in the browser by default. The detailed text
    is always plain.
    """
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        plain_label(label)
    return box


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                informative: str = "") -> QMessageBox:
    """A QMessageBox whose title, text and informative text are all shown as plain text."""
    box = QMessageBox(icon, plain_title(title), text, buttons, parent)
    if informative:
        box.setInformativeText(informative)
    return plain_message_box(box)

