"""Theme application, stylesheets and icons."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, qInstallMessageHandler
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSpinBox, QTreeWidget, QVBoxLayout, QWidget

from flashcards.core.paths import resources_dir
from flashcards.ui import theme

OBJECT_NAMES = ["againButton", "hardButton", "goodButton", "easyButton", "newCount", "learnCount",
                "dueCount", "cardView", "deckTree"]


@pytest.fixture
def app(qapp):
    """The QApplication, with its look restored afterwards (other test modules share it)."""
    saved = (qapp.styleSheet(), QPalette(qapp.palette()), qapp.style().name(), qapp.font(),
             qapp.property("flashcardsTheme"), qapp.property("flashcardsDark"))
    yield qapp
    sheet, palette, style, font, name, dark = saved
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
    qapp.setProperty("flashcardsFusion", None)
    qapp.setFont(font)
    qapp.setProperty("flashcardsTheme", name)
    qapp.setProperty("flashcardsDark", dark)
    qapp.styleHints().unsetColorScheme()


@pytest.mark.parametrize("name,dark", [("light", False), ("dark", True)])
def test_apply_theme_sets_style_palette_and_sheet(app, name, dark):
    theme.apply_theme(app, name)
    assert "againButton" in app.styleSheet()
    assert "@IMG@" not in app.styleSheet()
    assert theme.is_dark(app) is dark
    window = app.palette().color(QPalette.ColorRole.Window)
    assert (window.lightness() < 128) is dark
    assert app.palette().color(QPalette.ColorRole.Highlight) == QColor(theme.colors(dark)["accent"])
    assert app.font().pointSizeF() >= theme.MIN_UI_POINT_SIZE
    app.setStyleSheet("")  # app.style() is the stylesheet proxy while a sheet is set
    assert app.style().name().lower() == "fusion"


def test_text_contrast_is_readable(app):
    """Body text against the window and base colours: WCAG contrast >= 7 (AAA) in both themes."""
    def luminance(hex_color: str) -> float:
        c = QColor(hex_color)
        chans = [v / 255 for v in (c.red(), c.green(), c.blue())]
        lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in chans]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    for dark in (False, True):
        c = theme.colors(dark)
        assert contrast(c["text"], c["window"]) >= 7
        assert contrast(c["text"], c["base"]) >= 7
        assert contrast(c["muted"], c["base"]) >= 4.5
        assert contrast(c["on_accent"], c["accent"]) >= 4.5


def test_system_theme_follows_the_os(app, monkeypatch):
    scheme = {"dark": False}
    monkeypatch.setattr(theme, "_system_is_dark", lambda _app: scheme["dark"])
    theme.apply_theme(app, "system")
    assert not theme.is_dark(app)
    scheme["dark"] = True
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.is_dark(app)
    assert app.palette().color(QPalette.ColorRole.Window) == QColor(theme.colors(True)["window"])
    # An explicit theme is not overridden by later OS changes.
    theme.apply_theme(app, "light")
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not theme.is_dark(app)


def test_unknown_theme_falls_back_to_system(app, monkeypatch):
    monkeypatch.setattr(theme, "_system_is_dark", lambda _app: True)
    theme.apply_theme(app, "neon")
    assert app.property("flashcardsTheme") == "system"
    assert theme.is_dark(app)


def test_theme_notifier_fires(app, qtbot):
    with qtbot.waitSignal(theme.notifier().changed, timeout=1000) as blocker:
        theme.apply_theme(app, "dark")
    assert blocker.args == [True]


@pytest.mark.parametrize("name", ["light", "dark"])
def test_stylesheets_name_every_object_and_parse(app, qtbot, name):
    path = resources_dir() / "style" / f"{name}.qss"
    text = path.read_text(encoding="utf-8")
    header = text.split("*/", 1)[0]
    for obj in OBJECT_NAMES:
        assert obj in header, f"{obj} missing from the comment at the top of {path.name}"
        assert f"#{obj}" in text
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _ctx, msg: messages.append(msg))
    try:
        theme.apply_theme(app, name)
        root = _styled_widgets(qtbot)
    finally:
        qInstallMessageHandler(previous)
    assert not [m for m in messages if "stylesheet" in m.lower()], messages
    good = root.findChild(QPushButton, "goodButton")
    again = root.findChild(QPushButton, "againButton")
    assert good.palette().color(QPalette.ColorRole.ButtonText) != again.palette().color(QPalette.ColorRole.ButtonText)


def test_a_broken_sheet_would_be_noticed(app, qtbot):
    """The parse check above can fail: Qt reports a broken sheet through the message handler."""
    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _ctx, msg: messages.append(msg))
    try:
        app.setStyleSheet("QPushButton { color: red; ")
        _styled_widgets(qtbot)
    finally:
        qInstallMessageHandler(previous)
    assert [m for m in messages if "stylesheet" in m.lower()]


def _styled_widgets(qtbot) -> QWidget:
    root = QWidget()
    layout = QVBoxLayout(root)
    for obj in OBJECT_NAMES:
        w = QTreeWidget() if obj == "deckTree" else QPushButton(obj) if obj.endswith("Button") else QLabel(obj)
        w.setObjectName(obj)
        layout.addWidget(w)
    layout.addWidget(QSpinBox())
    qtbot.addWidget(root)
    root.show()
    root.grab()
    return root


def test_light_and_dark_sheets_style_the_same_selectors():
    def selectors(name: str) -> set[str]:
        text = re.sub(r"/\*.*?\*/", "", (resources_dir() / "style" / f"{name}.qss").read_text(), flags=re.S)
        return {s.strip() for block in re.findall(r"([^{}]+)\{", text) for s in block.split(",")}

    assert selectors("light") == selectors("dark")


@pytest.mark.parametrize("dark", [False, True])
def test_stylesheet_images_exist(dark):
    for url in re.findall(r"url\(([^)]+)\)", theme.stylesheet(dark)):
        assert Path(url).is_file(), url


def test_icons_are_plain_svg_without_external_references():
    names = theme.icon_names()
    for required in ("app", "import", "settings", "undo", "about", "deck", "check"):
        assert required in names
    for name in names:
        text = theme.icon_path(name).read_text(encoding="utf-8")
        root = ET.fromstring(text)
        assert root.tag.endswith("svg")
        assert "href" not in text and "http://" not in text.replace("http://www.w3.org/2000/svg", "")
        assert "<script" not in text


@pytest.mark.parametrize("name", ["app", "import", "settings", "undo", "about", "deck", "check"])
def test_icons_render_crisply_at_any_size(app, name):
    ico = theme.icon(name)
    assert not ico.isNull()
    for size in (16, 24, 64):
        pm = ico.pixmap(QSize(size, size))
        assert pm.size() == QSize(size, size)
        img = pm.toImage()
        assert any(img.pixelColor(x, y).alpha() > 0 for x in range(size) for y in range(size))
    hidpi = ico.pixmap(QSize(32, 32), 2.0)
    assert hidpi.deviceIndependentSize().toSize() == QSize(32, 32)
    assert hidpi.size() == QSize(64, 64)


def test_icon_colour_follows_the_theme(app):
    def darkest_alpha_pixel(ico: QIcon) -> QColor:
        img = ico.pixmap(QSize(48, 48)).toImage()
        opaque = [img.pixelColor(x, y) for x in range(48) for y in range(48) if img.pixelColor(x, y).alpha() > 250]
        assert opaque
        return opaque[len(opaque) // 2]

    ico = theme.icon("check")
    theme.apply_theme(app, "light")
    light = darkest_alpha_pixel(ico)
    theme.apply_theme(app, "dark")
    dark = darkest_alpha_pixel(ico)
    assert light.lightness() < 100 < dark.lightness()
    disabled = ico.pixmap(QSize(24, 24), QIcon.Mode.Disabled)
    assert not disabled.isNull()


def test_unknown_icon_is_null():
    assert theme.icon("no-such-icon").isNull()


def test_card_font_size():
    assert theme.card_font(22).pointSizeF() == 22
    assert theme.card_font(1).pointSizeF() >= 6
