"""Markdown notes as cards, as the Obsidian Spaced Repetition plugin writes them.

- ``Question::Answer`` on one line: a basic card; ``Question:::Answer``: a reverse card.
- Multi-line cards: the question's lines, a line with only ``?`` (``??``: reverse), the answer's
  lines; the card ends at a blank line.
- ``#flashcards/Anatomy/Heart`` puts the cards after it into deck ``Anatomy::Heart`` (a plain
  ``#flashcards`` tag: the default deck); other ``#tags`` on a card's lines become its tags.
- The plugin's scheduling comments (``<!--SR:...-->``), fenced code blocks and cloze braces
  (``{{c1::...}}``) are not cards. Cards get ids from their question's words.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..models import CardType
from ..notes import NoteFields
from . import Draft, InteropError, problem
from .apply import UniqueKeys, text_key
from .textfile import read_text

_SR_COMMENT = re.compile(r"\s*<!--SR:[^>]*-->")
_DECK_TAG = re.compile(r"(?<!\S)#flashcards(?:/([\w/-]+))?")
_TAG = re.compile(r"(?<![\S])#([\w/-]+)")
_CLOZE = re.compile(r"\{\{.*?\}\}")


def _tags(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without its ``#tags`` and the tags (the deck tag is not one)."""
    tags = tuple(t for t in _TAG.findall(text) if not t.startswith("flashcards"))
    return _TAG.sub("", text).strip(), tags


def _split_inline(line: str) -> tuple[str, str, bool] | None:
    """(question, answer, reversed) of a ``Q::A``/``Q:::A`` line, or None."""
    masked = _CLOZE.sub(lambda m: "\x00" * len(m.group()), line)
    at = masked.find(":::")
    if at >= 0:
        return line[:at], line[at + 3:], True
    at = masked.find("::")
    if at >= 0:
        return line[:at], line[at + 2:], False
    return None


def read_markdown(path: Path, default_deck: str) -> list[Draft]:
    """The cards of ``path``; raises :class:`InteropError` with every ``file:line: problem``."""
    lines = read_text(path).split("\n")
    drafts: list[Draft] = []
    problems: list[str] = []
    taken: dict[str, UniqueKeys] = {}
    deck = default_deck
    fenced = False
    paragraph: list[tuple[int, str]] = []        # the current paragraph's (line number, text)

    def add(line: int, question: str, answer: str, reverse: bool, extra_tags: tuple[str, ...] = ()) -> None:
        question, q_tags = _tags(_SR_COMMENT.sub("", question))
        answer, a_tags = _tags(_SR_COMMENT.sub("", answer))
        if not question or not answer:
            problems.append(problem(path, f"the {'question' if not question else 'answer'} is empty", line))
            return
        tags = tuple(dict.fromkeys(extra_tags + q_tags + a_tags))
        fields = NoteFields(CardType.REVERSE if reverse else CardType.BASIC, question, answer, tags=tags)
        drafts.append(Draft(deck, taken.setdefault(deck, UniqueKeys())(text_key(fields)), fields, line))

    def end_paragraph() -> None:
        sep = next((i for i, (_, t) in enumerate(paragraph) if t.strip() in ("?", "??")), None)
        if sep is not None:
            number = paragraph[0][0]
            question = "\n".join(t for _, t in paragraph[:sep]).strip()
            answer = "\n".join(t for _, t in paragraph[sep + 1:]).strip()
            if sep == 0:
                problems.append(problem(path, "a '?' line needs the question on the lines above it", paragraph[0][0]))
            else:
                add(number, question, answer, paragraph[sep][1].strip() == "??")
        paragraph.clear()

    for number, text in enumerate(lines, start=1):
        if text.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            end_paragraph()
            continue
        if fenced:
            continue
        found = _DECK_TAG.search(text)
        if found:
            deck = "::".join(p for p in (found.group(1) or "").split("/") if p) or default_deck
        if not text.strip():
            end_paragraph()
            continue
        inline = None if text.lstrip().startswith("#") and not found else _split_inline(text)
        if inline is not None:
            end_paragraph()
            question = _DECK_TAG.sub("", inline[0])
            add(number, question, inline[1], inline[2])
            continue
        paragraph.append((number, text))
    end_paragraph()
    if problems:
        raise InteropError(problems)
    if not drafts:
        raise InteropError([problem(path, "no cards (expected 'Question::Answer' lines or cards split by a "
                                          "'?' line)")])
    return drafts
