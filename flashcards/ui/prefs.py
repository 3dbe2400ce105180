"""The UI preferences kept in the collection (``col.get_config("ui")``): theme and card font size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flashcards.core.collection import Collection

UI_KEY = "ui"
THEME_CHOICES = ("system", "light", "dark")
FONT_SIZE_RANGE = (10, 48)


@dataclass(frozen=True)
class UiPrefs:
    """``theme`` is "system", "light" or "dark"; ``font_size`` is the card text size in points."""

    theme: str = "system"
    font_size: int = 18

    @classmethod
    def from_json(cls, raw: Any) -> UiPrefs:
        """Read stored prefs, replacing missing or invalid values with the defaults."""
        data = raw if isinstance(raw, dict) else {}
        theme = data.get("theme")
        size = data.get("font_size")
        lo, hi = FONT_SIZE_RANGE
        return cls(theme=theme if theme in THEME_CHOICES else cls.theme,
                   font_size=int(size) if isinstance(size, (int, float)) and not isinstance(size, bool)
                   and lo <= size <= hi else cls.font_size)


def load_ui_prefs(col: Collection) -> UiPrefs:
    return UiPrefs.from_json(col.get_config(UI_KEY, {}))


def ui_prefs_config(col: Collection, prefs: UiPrefs) -> dict[str, Any]:
    """The config entries that store ``prefs``, keeping any other keys the UI keeps under "ui"."""
    raw = col.get_config(UI_KEY, {})
    data = dict(raw) if isinstance(raw, dict) else {}
    data.update(theme=prefs.theme, font_size=prefs.font_size)
    return {UI_KEY: data}


def save_ui_prefs(col: Collection, prefs: UiPrefs) -> None:
    """Store ``prefs`` (one transaction)."""
    col.conf.update(prefs=ui_prefs_config(col, prefs))
