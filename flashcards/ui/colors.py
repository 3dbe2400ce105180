"""The theme colours, light and dark: the one table the palette, the stylesheet's helpers and
HTML that cannot use the stylesheet (card text, About) read. Plain data, no Qt."""

from __future__ import annotations

COLORS: dict[str, dict[str, str]] = {
    "light": {"window": "#f4f6f8", "base": "#ffffff", "alt_base": "#f1f4f6", "text": "#1d262c",
              "muted": "#5d6b74", "disabled": "#a3aeb5", "button": "#ffffff", "border": "#dbe2e6",
              "accent": "#0f7f8c", "on_accent": "#ffffff", "selection": "#d3eef0", "link": "#0b6aa8",
              "tooltip": "#ffffff", "cloze": "#1c63ad", "shadow": "#9aa7af"},
    "dark": {"window": "#181c20", "base": "#21262b", "alt_base": "#1d2126", "text": "#e3e8eb",
             "muted": "#9aa7af", "disabled": "#5c676e", "button": "#2a3036", "border": "#333b42",
             "accent": "#2fa9b8", "on_accent": "#08181b", "selection": "#1f4a51", "link": "#6cc0ea",
             "tooltip": "#2b3137", "cloze": "#84b7ff", "shadow": "#000000"},
}
