"""Cloze deletions: ``{{c1::answer}}`` or ``{{c1::answer::hint}}`` inside a sentence."""

from __future__ import annotations

import re

CLOZE_RE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def cloze_numbers(text: str) -> list[int]:
    """The distinct deletion numbers in ``text``, ascending (``[1, 2]``)."""
    return sorted({int(m.group(1)) for m in CLOZE_RE.finditer(text)})


def cloze_segments(text: str, number: int, reveal: bool) -> list[tuple[str, bool]]:
    """Split ``text`` into ``(text, is_asked)`` pieces for display.

    The asked deletion ``number`` becomes ``[...]`` (or ``[hint]``) unless ``reveal``; other
    deletions show their answer as plain text.
    """
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in CLOZE_RE.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos : m.start()], False))
        answer, hint = m.group(2), m.group(3)
        if int(m.group(1)) == number:
            shown = answer if reveal else f"[{hint}]" if hint else "[...]"
            pieces.append((shown, True))
        else:
            pieces.append((answer, False))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def render_cloze(text: str, number: int, reveal: bool) -> str:
    """Plain-text rendering of :func:`cloze_segments`."""
    return "".join(piece for piece, _ in cloze_segments(text, number, reveal))
