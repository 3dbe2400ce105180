"""Look and feel: Fusion style, a light or dark QPalette, the matching stylesheet, and icons.

``apply_theme(app, "system" | "light" | "dark")`` sets all three; "system" follows the OS colour
scheme and re-applies itself when it changes. ``icon(name)`` draws ``resources/icons/<name>.svg``
in the current text colour at any size (crisp on high-DPI screens, follows theme switches).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyleFactory

from flashcards.core.paths import resources_dir

from .colors import COLORS as _COLORS

THEMES = ("system", "light", "dark")
MIN_UI_POINT_SIZE = 11.0
_THEME_PROP = "flashcardsTheme"        # the theme asked for ("system", "light", "dark")
_DARK_PROP = "flashcardsDark"          # whether the applied palette is dark
_HOOKED_PROP = "flashcardsSchemeHooked"
_FUSION_PROP = "flashcardsFusion"

class _ThemeNotifier(QObject):
    """Emits ``changed(dark)`` after every theme application (for widgets that cache colours)."""

    changed = Signal(bool)


_notifier: _ThemeNotifier | None = None


def notifier() -> _ThemeNotifier:
    """The process-wide notifier; connect to ``notifier().changed`` to refresh custom colours."""
    global _notifier
    if _notifier is None:
        _notifier = _ThemeNotifier()
    return _notifier


def colors(dark: bool | None = None) -> dict[str, str]:
    """The named colours (hex strings) of the dark or light theme (default: the applied one)."""
    if dark is None:
        app = QApplication.instance()
        dark = is_dark(app) if isinstance(app, QGuiApplication) else False
    return dict(_COLORS["dark" if dark else "light"])


def _system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(app: QGuiApplication) -> bool:
    """True when the palette in use is dark (the applied theme, else judged from the palette)."""
    flag = app.property(_DARK_PROP)
    if isinstance(flag, bool):
        return flag
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def build_palette(dark: bool) -> QPalette:
    """A complete QPalette for the light or dark theme (disabled colours included)."""
    c = _COLORS["dark" if dark else "light"]
    pal = QPalette()
    role = QPalette.ColorRole
    for r, key in ((role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
                   (role.AlternateBase, "alt_base"), (role.Text, "text"), (role.Button, "button"),
                   (role.ButtonText, "text"), (role.ToolTipBase, "tooltip"), (role.ToolTipText, "text"),
                   (role.PlaceholderText, "muted"), (role.Highlight, "accent"),
                   (role.HighlightedText, "on_accent"), (role.Link, "link"), (role.LinkVisited, "link"),
                   (role.BrightText, "on_accent"), (role.Shadow, "shadow")):
        pal.setColor(r, QColor(c[key]))
    pal.setColor(role.Accent, QColor(c["accent"]))
    border = QColor(c["border"])
    pal.setColor(role.Mid, border)
    pal.setColor(role.Dark, border.darker(130) if not dark else border.lighter(115))
    pal.setColor(role.Light, QColor(c["base"]).lighter(110))
    pal.setColor(role.Midlight, QColor(c["alt_base"]))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText, role.HighlightedText):
        pal.setColor(disabled, r, QColor(c["disabled"]))
    pal.setColor(disabled, role.Highlight, QColor(c["border"]))
    pal.setColor(disabled, role.Base, QColor(c["alt_base"]))
    return pal


@lru_cache(maxsize=4)
def _stylesheet(name: str) -> str:
    """The QSS for ``name`` ("light"/"dark") with its image folder filled in."""
    style = resources_dir() / "style"
    text = (style / f"{name}.qss").read_text(encoding="utf-8")
    return text.replace("@IMG@", (style / "img" / name).as_posix())


def stylesheet(dark: bool) -> str:
    return _stylesheet("dark" if dark else "light")


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply "system", "light" or "dark" to ``app``: Fusion style, palette, stylesheet, UI font.

    With "system" the OS colour scheme decides, and the theme follows later OS changes.
    Unknown names fall back to "system".
    """
    if theme not in THEMES:
        theme = "system"
    app.setProperty(_THEME_PROP, theme)
    hints = app.styleHints()
    if not app.property(_HOOKED_PROP):
        hints.colorSchemeChanged.connect(lambda _scheme: _on_scheme_changed(app))
        app.setProperty(_HOOKED_PROP, True)
    # Tell the platform too, so native title bars and dialogs match (Qt >= 6.8).
    if theme == "system":
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    _apply(app, theme == "dark" or (theme == "system" and _system_is_dark(app)))


def _on_scheme_changed(app: QApplication) -> None:
    if app.property(_THEME_PROP) == "system":
        dark = _system_is_dark(app)
        if dark != app.property(_DARK_PROP):
            _apply(app, dark)


def _apply(app: QApplication, dark: bool) -> None:
    # With a stylesheet set, app.style() is Qt's stylesheet proxy (no name): remember instead.
    if not app.property(_FUSION_PROP):
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
            app.setProperty(_FUSION_PROP, True)
    app.setProperty(_DARK_PROP, dark)
    app.setPalette(build_palette(dark))
    font = app.font()
    if font.pointSizeF() < MIN_UI_POINT_SIZE:
        font.setPointSizeF(MIN_UI_POINT_SIZE)
        app.setFont(font)
    app.setStyleSheet(stylesheet(dark))
    notifier().changed.emit(dark)


def card_font(point_size: float, base: QFont | None = None) -> QFont:
    """The font for card text at ``point_size`` (the user's "card font size" preference)."""
    font = QFont(base if base is not None else QApplication.font())
    font.setPointSizeF(max(6.0, float(point_size)))
    return font


# ----------------------------------------------------------------------------- icons
def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@lru_cache(maxsize=64)
def _svg_source(name: str) -> str:
    return icon_path(name).read_text(encoding="utf-8")


class _SvgIconEngine(QIconEngine):
    """Renders an SVG at the requested size, painting ``currentColor`` in the palette's text colour.

    The colour is looked up at paint time, so icons follow a theme switch without being rebuilt.
    Icons without ``currentColor`` (the app icon) keep their own colours.
    """

    def __init__(self, source: str):
        super().__init__()
        self._source = source
        self._renderers: dict[str, QSvgRenderer] = {}

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        app = QApplication.instance()
        pal = app.palette() if isinstance(app, QGuiApplication) else QPalette()
        if mode == QIcon.Mode.Disabled:
            color = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        elif mode == QIcon.Mode.Selected:
            color = pal.color(QPalette.ColorRole.HighlightedText)
        else:
            color = pal.color(QPalette.ColorRole.WindowText)
        key = color.name()
        if key not in self._renderers:
            data = self._source.replace("currentColor", key).encode("utf-8")
            self._renderers[key] = QSvgRenderer(QByteArray(data))
        return self._renderers[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = self._renderer(mode)
        size = renderer.defaultSize().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(rect.x() + (rect.width() - size.width()) / 2,
                        rect.y() + (rect.height() - size.height()) / 2, size.width(), size.height())
        renderer.render(painter, target)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pixmap.width(), pixmap.height()), mode, state)
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._source)

    def key(self) -> str:
        return "flashcards-svg"


def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty QIcon if there is no such file."""
    try:
        source = _svg_source(name)
    except OSError:
        return QIcon()
    return QIcon(_SvgIconEngine(source))


def icon_names() -> list[str]:
    """Every icon shipped in ``resources/icons``."""
    return sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))
