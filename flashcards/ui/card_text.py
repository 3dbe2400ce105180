"""HTML for the card area: question and answer sides, cloze highlighting, type-in diffs.

All card text goes through helper-3's :func:`flashcards.ui.render.card_html` (everything
escaped), so nothing from a deck file can inject markup or load resources. Colours are passed
in as hex strings.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from pathlib import Path

from flashcards.core import media
from flashcards.core.cloze import cloze_segments
from flashcards.core.models import Card, CardType

from .colors import COLORS
from .render import IMAGE_SCHEME, card_html


@dataclass(frozen=True)
class CardColors:
    text: str = COLORS["light"]["text"]
    muted: str = COLORS["light"]["muted"]
    cloze: str = COLORS["light"]["cloze"]
    good: str = "#237a3b"
    bad: str = "#b8322a"
    rule: str = "#dbe2e6"


@dataclass
class CardImages:
    """The images one side of a card may show: only files :func:`flashcards.core.media.resolve`
    accepts in the deck's media ``folder``; ``found`` maps each ``cardimg:`` URL to its file."""

    folder: Path | None
    found: dict[str, Path] = field(default_factory=dict)

    def url(self, name: str) -> str | None:
        path = media.resolve(self.folder, name)
        if path is None:
            return None
        url = f"{IMAGE_SCHEME}:{len(self.found)}"
        self.found[url] = path
        return url


def safe_html(text: str, images: CardImages | None = None, colors: CardColors | None = None) -> str:
    """Card text as inert HTML (escaped; line breaks kept). With ``images``, ``![alt](media/name)``
    shows that image from the deck's media folder, or says it cannot be shown."""
    if images is None or not media.MEDIA_RE.search(text):
        return card_html(text)
    muted = (colors or CardColors()).muted
    parts = []
    for piece, name in media.split_images(text):
        if name is None:
            parts.append(card_html(piece))
            continue
        url = images.url(name)
        if url is not None:
            parts.append(f'<br><img src="{url}" alt="{html.escape(piece, quote=True)}"><br>')
        else:
            parts.append(f'<span style="color:{muted}">[image not shown: {card_html(piece or name)}]</span>')
    return "".join(parts)


def _block(inner: str) -> str:
    return f'<div align="center">{inner}</div>'


def _rule(colors: CardColors) -> str:
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:18px; margin-bottom:18px">'
            f'<tr><td style="background-color:{colors.rule}; font-size:1px" height="1"></td></tr></table>')


def cloze_html(text: str, number: int, reveal: bool, colors: CardColors) -> str:
    """The cloze sentence with deletion ``number`` as ``[...]`` or, revealed, highlighted."""
    return card_html(text, cloze_segments(text, number, reveal), cloze_color=colors.cloze)


def question_html(card: Card, colors: CardColors, images: CardImages | None = None) -> str:
    """The question side (``images``: where its pictures may come from)."""
    if card.type == CardType.CLOZE:
        return _block(cloze_html(card.text, card.cloze_number, False, colors))
    body = _block(safe_html(card.question(), images, colors))
    if card.type == CardType.LIST and card.items:
        body += _block(f'<p style="color:{colors.muted}; font-size:small">'
                       f"Recall {len(card.items)} items</p>")
    return body


def answer_html(card: Card, colors: CardColors, typed_diff: str = "", images: CardImages | None = None) -> str:
    """The answer side: question, a rule, then the answer (list items are shown as checkboxes
    by the study screen, so only the question is rendered here for list cards)."""
    if card.type == CardType.CLOZE:
        body = _block(cloze_html(card.text, card.cloze_number, True, colors))
        if card.back:
            body += _rule(colors) + _block(_mark_answer(safe_html(card.back, images, colors)))
        return body
    body = _block(safe_html(card.question(), images, colors))
    if card.type == CardType.LIST:
        return body
    body += _rule(colors)
    if typed_diff:
        body += _block(_mark_answer(typed_diff)) + "<br>"
        return body + _block(safe_html(card.answer(), images, colors))
    return body + _block(_mark_answer(safe_html(card.answer(), images, colors)))


def _mark_answer(inner: str) -> str:
    """``inner`` (safe HTML) where the answer starts. The study screen finds that place below the
    rule (no anchor: card HTML holds no link or anchor at all)."""
    return inner



def normalise(text: str) -> str:
    """For comparing typed answers: case and runs of whitespace do not matter."""
    return " ".join(text.casefold().split())


def typed_diff_html(typed: str, expected: str, colors: CardColors) -> str:
    """Anki-style comparison: the typed text with right characters green and wrong ones red,
    then (when different) the expected text with the missed characters underlined."""
    mono = "font-family:monospace"
    if normalise(typed) == normalise(expected):
        return (f'<span style="{mono}; color:{colors.good}; font-weight:600">{html.escape(typed.strip())}</span>'
                f' <span style="color:{colors.good}">✓</span>')
    if not typed.strip():
        return f'<span style="color:{colors.muted}">(nothing typed)</span>'
    matcher = difflib.SequenceMatcher(None, typed.casefold(), expected.casefold(), autojunk=False)
    got, want = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        mine, theirs = html.escape(typed[a1:a2]), html.escape(expected[b1:b2])
        if op == "equal":
            got.append(f'<span style="color:{colors.good}">{mine}</span>')
            want.append(f'<span style="color:{colors.good}">{theirs}</span>')
        else:
            if mine:
                got.append(f'<span style="color:{colors.bad}; text-decoration:line-through">{mine}</span>')
            if theirs:
                want.append(f'<span style="color:{colors.bad}; text-decoration:underline">{theirs}</span>')
    return (f'<span style="{mono}">{"".join(got)}</span><br>'
            f'<span style="color:{colors.muted}">↓</span><br>'
            f'<span style="{mono}">{"".join(want)}</span>')
