"""The About dialog: app, version, the sources of the decks with their disclaimers, licences."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

import flashcards
from flashcards.core.collection import Collection

from . import theme as theme_mod
from .plain import plain_label
from .render import SafeTextBrowser, card_html

DESCRIPTION = ("Offline spaced-repetition flashcards for physiotherapy students. FSRS schedules each "
               "card for just before you would forget it, so a few minutes a day go a long way.")
LICENCES = ("Flashcards is open source (MIT). Built with Qt {qt} and PySide6 (LGPL-3.0), FSRS "
            "scheduling by py-fsrs (MIT) and PyYAML (MIT).")


@dataclass
class SourceGroup:
    """One distinct deck source and the decks that cite it."""

    source_title: str
    source: str
    attribution: str
    disclaimer: str
    decks: list[str] = field(default_factory=list)


def deck_sources(col: Collection) -> list[SourceGroup]:
    """The distinct (title, source, attribution, disclaimer) of the collection's decks, in deck order.

    Decks without any of these (e.g. parent decks made for ``A::B`` names) are left out.
    """
    groups: dict[tuple[str, str, str, str], SourceGroup] = {}
    for name in col.deck_names():
        info = col.deck_info(name)
        key = (info.source_title.strip(), info.source.strip(), info.attribution.strip(),
               info.disclaimer.strip())
        if not any(key):
            continue
        groups.setdefault(key, SourceGroup(*key)).decks.append(name)
    return list(groups.values())


_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s")


def _paragraphs(text: str) -> list[str]:
    """Split prose on blank lines and re-flow wrapped lines; list items keep their own lines."""
    blocks: list[str] = []
    current = ""
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            if current:
                blocks.append(current)
            current = ""
        elif not current:
            current = line.strip()
        elif _LIST_ITEM.match(line):
            current += "\n" + line.strip()
        else:
            current += " " + line.strip()
    if current:
        blocks.append(current)
    return blocks


def sources_html(groups: list[SourceGroup], dark: bool | None = None) -> str:
    """Safe HTML for the sources panel: every piece of deck text goes through ``card_html``."""
    c = theme_mod.colors(dark)
    muted = html.escape(c["muted"])
    if not groups:
        return f'<p style="color:{muted}">No decks imported yet.</p>'
    parts = []
    for g in groups:
        parts.append(f'<table width="100%" cellspacing="0" cellpadding="14" style="margin-bottom:12px" '
                     f'bgcolor="{html.escape(c["alt_base"])}"><tr><td>')
        title = g.source_title or g.source or "Untitled source"
        parts.append(f'<p style="margin-top:0; margin-bottom:2px; font-size:13pt; font-weight:600">'
                     f'{card_html(title)}</p>')
        if g.attribution:
            parts.append(f'<p style="margin:0">{card_html(g.attribution)}</p>')
        meta = []
        if g.source and g.source != title:
            meta.append(f"Source: {card_html(g.source)}")
        label = "Deck" if len(g.decks) == 1 else "Decks"
        meta.append(f"{label}: " + ", ".join(card_html(d.replace("::", " › ")) for d in g.decks))
        parts.append(f'<p style="color:{muted}; margin-top:2px">{"<br>".join(meta)}</p>')
        if g.disclaimer:
            parts.append('<p style="margin-top:10px; margin-bottom:4px; font-weight:700">Medical disclaimer</p>')
            parts.extend(f'<p style="margin-top:0; margin-bottom:6px">{card_html(p)}</p>'
                         for p in _paragraphs(g.disclaimer))
        parts.append("</td></tr></table>")
    return "".join(parts)


class AboutDialog(QDialog):
    """About Flashcards, with every deck source's attribution and medical disclaimer in full."""

    def __init__(self, col: Collection, parent: QWidget | None = None):
        super().__init__(parent)
        self.col = col
        self.setWindowTitle("About Flashcards")
        self.setWindowIcon(theme_mod.icon("app"))
        self.setObjectName("aboutDialog")
        self.groups = deck_sources(col)

        logo = QLabel()
        logo.setObjectName("aboutLogo")
        logo.setPixmap(theme_mod.icon("app").pixmap(QSize(72, 72), self.devicePixelRatioF()))
        logo.setFixedSize(80, 80)
        logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        name = plain_label(QLabel(), "Flashcards")
        name.setProperty("role", "title")
        self.version_label = plain_label(QLabel(), f"Version {flashcards.__version__}")
        self.version_label.setProperty("role", "subtitle")
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        description = plain_label(QLabel(), DESCRIPTION)
        description.setWordWrap(True)
        head_text = QVBoxLayout()
        head_text.setSpacing(2)
        head_text.addWidget(name)
        head_text.addWidget(self.version_label)
        head_text.addSpacing(6)
        head_text.addWidget(description)
        header = QHBoxLayout()
        header.setSpacing(18)
        header.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(head_text, 1)

        section = plain_label(QLabel(), "DECK SOURCES")
        section.setProperty("role", "section")
        self.sources = SafeTextBrowser()
        self.sources.setObjectName("aboutSources")
        self.sources.setAccessibleName("Deck sources and medical disclaimers")
        self.sources.setMinimumHeight(240)
        self.sources.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sources.document().setDocumentMargin(10)
        self.sources.setHtml(sources_html(self.groups))
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                             & ~Qt.TextInteractionFlag.LinksAccessibleByMouse
                                             & ~Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.licences = plain_label(QLabel(), LICENCES.format(qt=qVersion()))
        self.licences.setObjectName("licences")
        self.licences.setProperty("role", "hint")
        self.licences.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addSpacing(14)
        layout.addWidget(section)
        layout.addWidget(self.sources, 1)
        layout.addSpacing(4)
        layout.addWidget(self.licences)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.resize(620, 680)
        theme_mod.notifier().changed.connect(self._retheme)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _retheme(self, dark: bool) -> None:
        self.sources.setHtml(sources_html(self.groups, dark))
