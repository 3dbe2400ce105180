"""Deck text is plain text everywhere: a hostile deck name, card text, source and error message
(``<img src="file://…">``, ``<a href=…>``, ``<b>``, Qt's ``[*]`` title placeholder) is shown
literally in the deck list and its tooltips, the window title, the study screen, the summary,
About and error boxes; no image is loaded and no link is clickable.

Every check reads what Qt would show: a label or tooltip Qt renders as rich text is parsed the
way Qt parses it, and the parsed document must hold no image or link.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTextBrowser,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from flashcards.ui.about_dialog import AboutDialog
from flashcards.ui.main_window import MainWindow
from flashcards.ui.plain import plain_label, plain_title, plain_tooltip

from .app_fixtures import OpenWindow, isolated_qsettings, key, open_window

LINKS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
SCREENSHOT_ENV = "FLASHCARDS_SCREENSHOTS"   # set to docs/screenshots to refresh the committed image


@dataclass
class Hostile:
    image: Path      # a real image: were anything rendered as HTML, it would show up
    name: str        # the deck name
    front: str
    back: str
    item: str


def hostile_text(image: Path, what: str) -> str:
    return (f'<img src="file://{image}"> {what} <a href="https://example.com/">link</a> '
            f'<b>bold</b> [*] &amp;')


@pytest.fixture
def hostile(tmp_path: Path) -> Hostile:
    image = tmp_path / "x.png"
    picture = QImage(64, 64, QImage.Format.Format_RGB32)
    picture.fill(QColor("red"))
    assert picture.save(str(image))
    return Hostile(image, hostile_text(image, "deck"), hostile_text(image, "front") + "?",
                   hostile_text(image, "back"), hostile_text(image, "item"))


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture
def hostile_decks(tmp_path: Path, hostile: Hostile) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    (folder / "hostile.yaml").write_text("\n".join([
        f"deck: {_yaml(hostile.name)}",
        f"source_title: {_yaml(hostile_text(hostile.image, 'title'))}",
        f"attribution: {_yaml(hostile_text(hostile.image, 'author'))}",
        f"disclaimer: {_yaml(hostile_text(hostile.image, 'disclaimer'))}",
        "cards:",
        "  - id: basic",
        f"    front: {_yaml(hostile.front)}",
        f"    back: {_yaml(hostile.back)}",
        "  - id: items",
        "    type: list",
        f"    front: {_yaml(hostile.front)}",
        f"    items: [{_yaml(hostile.item)}, 'plain item']",
        "",
    ]), encoding="utf-8")
    return folder


# ------------------------------------------------------------------------------ what Qt shows
def shown(text: str, fmt: Qt.TextFormat = Qt.TextFormat.AutoText) -> tuple[str, bool]:
    """(the text a reader sees, whether Qt renders it as rich text); rich text must hold no
    image and no link."""
    rich = fmt == Qt.TextFormat.RichText or (fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if not rich:
        return text, False
    doc = QTextDocument()
    doc.setHtml(text)
    assert not links_and_images(doc), f"rendered as HTML with an image or link: {text!r}"
    return doc.toPlainText(), True


def links_and_images(doc: QTextDocument) -> list[str]:
    """The pieces of ``doc`` Qt shows as a link or an image."""
    found = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() or fmt.isImageFormat():
                found.append(fragment.text())
            it += 1
        block = block.next()
    return found


def visible_texts(root: QWidget) -> list[str]:
    """What ``root`` and its children show as labels, tooltips, item tooltips, rich-text views
    and window titles; asserts on the way that no label or view can open a link."""
    out: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.toolTip():
            out.append(shown(widget.toolTip())[0])
        if isinstance(widget, QLabel):
            text, rich = shown(widget.text(), widget.textFormat())
            out.append(text)
            assert not widget.openExternalLinks(), widget.objectName()
            assert not (rich and widget.textInteractionFlags() & LINKS), f"clickable links in {text!r}"
        elif isinstance(widget, QTextBrowser):
            assert not links_and_images(widget.document())
            assert not widget.openExternalLinks() and not widget.openLinks()
            out.append(widget.toPlainText())
        elif isinstance(widget, QTreeWidget):
            items = [widget.topLevelItem(i) for i in range(widget.topLevelItemCount())]
            while items:
                item = items.pop()
                assert item is not None
                items += [item.child(i) for i in range(item.childCount())]
                for col in range(widget.columnCount()):
                    out.append(item.text(col))
                    out.append(shown(item.toolTip(col))[0])
        elif isinstance(widget, QAbstractButton):
            out.append(widget.text())   # buttons always paint plain text
    if isinstance(root, QMainWindow):
        out.append(root.statusBar().currentMessage())   # QStatusBar paints plain text
    handle = root.windowHandle()
    if root.isWindow() and handle is not None:
        out.append(handle.title())      # after Qt's "[*]" processing: what the title bar shows
    return out


def assert_shown(texts: list[str], literal: str) -> None:
    assert any(literal in t for t in texts), f"{literal!r} is not shown literally in {texts!r}"


def _screenshot(widget: QWidget, tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SCREENSHOT_ENV) or tmp_path)
    path = folder / "hostile-deck-name.png"
    pixmap = widget.grab()
    assert not pixmap.isNull() and pixmap.save(str(path))
    return path


def _error_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


# ------------------------------------------------------------------------------ the helpers
def test_plain_tooltip_shows_markup_literally(hostile: Hostile) -> None:
    assert plain_tooltip("Decks › Causes") == "Decks › Causes"   # plain already: unchanged
    text, rich = shown(plain_tooltip(hostile.name + "\nsecond line"))
    assert rich and text == hostile.name + "\nsecond line"


def test_plain_title_keeps_the_placeholder_literal(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle(plain_title("Deck [*] and [*][*]"))
    window.show()
    assert window.windowHandle().title() == "Deck [*] and [*][*]"


def test_plain_label_turns_links_off(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.setOpenExternalLinks(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    plain_label(label, '<a href="https://example.com/">x</a>')
    assert label.textFormat() == Qt.TextFormat.PlainText and not label.openExternalLinks()
    assert not label.textInteractionFlags() & LINKS
    assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


# ------------------------------------------------------------------------------ the app
def test_deck_list_shows_a_hostile_deck_name_literally(qtbot: QtBot, open_window: OpenWindow,
                                                       hostile: Hostile, hostile_decks: Path, tmp_path: Path) -> None:
    window: MainWindow = open_window(hostile_decks)
    window.deck_list.select(hostile.name)
    item = window.deck_list.tree.currentItem()
    assert item is not None and item.text(0) == hostile.name
    tooltip, rich = shown(item.toolTip(0))
    assert rich and tooltip == hostile.name       # escaped: Qt would render the raw name as HTML
    texts = visible_texts(window)
    assert_shown(texts, hostile.name)
    assert window.windowHandle().title() == "Flashcards"


def test_study_screen_and_summary_show_card_text_literally(qtbot: QtBot, open_window: OpenWindow,
                                                           hostile: Hostile, hostile_decks: Path,
                                                           tmp_path: Path) -> None:
    window: MainWindow = open_window(hostile_decks)
    window.deck_list.select(hostile.name)
    key(qtbot, window, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.study
    assert window.windowHandle().title() == f"{hostile.name} — Flashcards"
    seen: list[str] = []
    for _ in range(4):                                  # two cards, each shown then answered Easy
        if window.stack.currentWidget() is not window.study:
            break
        seen += visible_texts(window)
        key(qtbot, window, Qt.Key.Key_Space)
        seen += visible_texts(window)
        if window.study.card is not None and window.study.card.key == "basic":
            assert _screenshot(window, tmp_path).stat().st_size > 0   # deck name, question, answer
        key(qtbot, window, "4")
    assert window.stack.currentWidget() is window.summary
    assert window.study.deck_label.textFormat() == Qt.TextFormat.PlainText
    for literal in (hostile.name, hostile.front, hostile.back, hostile.item):
        assert_shown(seen, literal)
    summary = visible_texts(window)
    assert_shown(summary, f"You have finished {hostile.name} for now.")
    assert window.windowHandle().title() == f"{hostile.name} — Flashcards"
    assert window.study.view.resource_requests == type(window.study.view.resource_requests)()


def test_nothing_due_screen_shows_the_name_literally(qtbot: QtBot, open_window: OpenWindow,
                                                     hostile: Hostile, hostile_decks: Path) -> None:
    window: MainWindow = open_window(hostile_decks)
    window.nothing_due.show_deck(hostile.name, None)
    window.stack.setCurrentWidget(window.nothing_due)
    assert_shown(visible_texts(window.nothing_due), hostile.name)


def test_about_shows_hostile_sources_literally(qtbot: QtBot, open_window: OpenWindow,
                                               hostile: Hostile, hostile_decks: Path) -> None:
    window: MainWindow = open_window(hostile_decks)
    about = AboutDialog(window.state.col, window)
    qtbot.addWidget(about)
    about.show()
    texts = visible_texts(about)
    for what in ("title", "author", "disclaimer"):
        assert_shown(texts, hostile_text(hostile.image, what))
    assert_shown(texts, hostile.name)
    assert not about.sources.textInteractionFlags() & LINKS
    assert not about.sources.resource_requests


def test_import_error_with_html_is_shown_as_text(qtbot: QtBot, open_window: OpenWindow,
                                                 hostile: Hostile, tmp_path: Path) -> None:
    window: MainWindow = open_window(None, wait_import=False)
    folder = tmp_path / '<b>folder<b> <a href=#top>here<a> <img src=x.png>'   # no "/" in a name
    folder.mkdir()
    bad = folder / "bad.yaml"
    bad_id = '<a href="https://example.com/">click</a>'
    bad.write_text(f"deck: {_yaml(hostile.name)}\ncards:\n  - id: {_yaml(bad_id)}\n    front: q\n    back: a\n",
                   encoding="utf-8")
    window.import_paths([bad])
    qtbot.waitUntil(lambda: bool(_error_boxes()), timeout=10_000)
    (box,) = _error_boxes()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert f"{bad}:3:" in box.text() and bad_id in box.text()
    texts = visible_texts(box)
    assert_shown(texts, f"{bad}:3:")
    assert_shown(texts, bad_id)
    labels = box.findChildren(QLabel)
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText and not label.openExternalLinks()
                          and not label.textInteractionFlags() & LINKS for label in labels)
    box.close()
    assert window.state.col.deck_names() == []


def test_long_error_keeps_its_informative_text_plain(qtbot: QtBot, hostile: Hostile) -> None:
    from flashcards.ui.operations import show_error

    parent = QWidget()
    qtbot.addWidget(parent)
    lines = [f"{hostile.name} line {i}" for i in range(20)]
    box = show_error(parent, hostile.name, "\n".join(lines))
    qtbot.waitUntil(box.isVisible)
    assert box.windowHandle().title().startswith(hostile.name)
    assert box.detailedText() == "\n".join(lines)
    texts = visible_texts(box)
    assert_shown(texts, lines[0])
    for label in box.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText and not label.openExternalLinks()
    box.close()
