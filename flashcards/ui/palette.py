"""Colours the main window and study screen paint themselves (matching helper-3's stylesheets)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from flashcards.core.models import Card, CardState

from .card_text import CardColors
from .theme import colors, is_dark

# New blue, learning orange-red, due green — the same values as the QSS count labels.
_COUNTS = {False: {"new": "#1e6fc0", "learn": "#d2452b", "due": "#2a8743"},
           True: {"new": "#7ab4ff", "learn": "#ff8a66", "due": "#74d18c"}}
_GRADES = {False: {"good": "#237a3b", "bad": "#b8322a"}, True: {"good": "#7bd492", "bad": "#ff8f85"}}


def dark_mode() -> bool:
    """Whether the applied theme is dark."""
    app = QApplication.instance()
    return is_dark(app) if isinstance(app, QApplication) else False


def theme_colors() -> dict[str, str]:
    """helper-3's named theme colours (text, muted, disabled, cloze, border, accent, …)."""
    return colors(dark_mode())


def count_colors() -> dict[str, str]:
    """``{"new": …, "learn": …, "due": …, "zero": …}`` for the current theme."""
    return {**_COUNTS[dark_mode()], "zero": theme_colors()["disabled"]}


def card_colors() -> CardColors:
    c, g = theme_colors(), _GRADES[dark_mode()]
    return CardColors(text=c["text"], muted=c["muted"], cloze=c["cloze"], good=g["good"], bad=g["bad"],
                      rule=c["border"])


def card_kind(card: Card) -> str:
    """Which count the card belongs to: "new", "learn" or "due"."""
    if card.state == CardState.New:
        return "new"
    return "due" if card.state == CardState.Review else "learn"
