"""Card-quality checks for deck files, after SuperMemo's rules of formulating knowledge.

``flashcards lint DECK…`` runs them; each finding reads ``path:line: card 'id': message``.
The checks are deliberately simple word heuristics, documented in ``docs/curation.md``:

* **give-away** – every content word of a basic/reverse answer is already in its question; a
  content word of a cloze deletion is visible elsewhere in the sentence.
* **letter hint** – "starts with", "first letter", "(He…)", ``h___``: a spelling test, not recall.
* **two blanks** – two or more ``___`` in one question, or one cloze number used twice.
* **bad cloze** – a deletion on a citation (``[7]``), an identifier (``HSV-1``) or half a range
  (``6 to {{c1::9}} months``).
* **duplicate question / duplicate answer** within a deck.
* **split fact** – a basic note whose front and back are another basic note's back and front:
  one fact asked twice, which should be one ``reverse`` note (its sides are kept apart).
* **restates the term** – the answer shares a word with the question and adds fewer than two
  new content words ("Stress → Emotional stress").
* **long answer** – more than :data:`MAX_ANSWER_WORDS` words. A paragraph after a blank line is an
  aside (where the article differs, a source note) and is not counted.
* **big list** – more than :data:`MAX_LIST_ITEMS` items.
* **trivia** – "how many … does the article list".

Words of the deck's own name ("Hemifacial Spasm::Causes") are context, not content: they do not
count as giving an answer away or as restating it. Pure Python, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .cloze import CLOZE_RE, cloze_numbers, render_cloze
from .deckfile import DeckError, DeckFile, NoteSpec, load_deck_files
from .models import CardType

MAX_ANSWER_WORDS = 25
MAX_LIST_ITEMS = 7
MIN_NEW_WORDS = 2

_STOPWORD_TEXT = """
a an the and or nor but if then so of to in on at by for with from into onto over under as is are was
were be been being it its this that these those there their they them he she his her him we you your
our i me my not no can could may might must should would will shall do does did done has have had
which what who whom whose when where why how than such also only very more most less least some any
all each both either other another one ones about after before between during via per up out off
same own just too used use using like e.g eg i.e ie etc name called
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_WORD_RE = re.compile(r"[a-z0-9]+(?:[’'][a-z]+)?")
_LETTER_HINT_RE = re.compile(
    r"\b(starts?|begins?|beginning|starting) with\b|\bfirst letters?\b"
    r"|\(\s*[A-Za-z]{1,4}\s*(?:…|\.\.\.)\s*\)"      # (He…)
    r"|\b[A-Za-z]{1,4}_{2,}",                          # h___
    re.IGNORECASE)
_BLANK_RE = re.compile(r"_{3,}")
_TRIVIA_RE = re.compile(
    r"\bhow many\b.*\b(article|text|source|author|page|list|listed|lists|mentioned|named)\b", re.IGNORECASE)
_IDENTIFIER_RE = re.compile(r"^(?=.*[A-Za-z])(?=.*\d)[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)*$")
_NUMBER_RE = re.compile(r"^\[?\s*\d+(?:[.,]\d+)?\s*\]?$")
_QUANTITY_RE = re.compile(r"^\d+(?:[.,]\d+)?(?:\s*[a-z%]+)?$", re.IGNORECASE)   # "9", "9 months", "5%"
_RANGE_BEFORE_RE = re.compile(r"\d\s*(?:[a-z]+\s+)?(?:-|–|—|to|and)\s*$", re.IGNORECASE)
_RANGE_AFTER_RE = re.compile(r"^\s*(?:-|–|—|to)\s*\d", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One card-quality problem: where it is and what is wrong."""

    path: Path
    line: int
    card_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: card {self.card_id!r}: {self.message}"


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (letters and digits; a plural 's' dropped)."""
    out = []
    for word in _WORD_RE.findall(text.casefold().replace("’", "'")):
        word = word.replace("'s", "")
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


def content_words(text: str, context: frozenset[str] = frozenset()) -> set[str]:
    """The words of ``text`` that carry meaning: no stop words, no ``context`` words."""
    return {w for w in words(text) if w not in STOPWORDS and w not in context and len(w) > 1}


def answer_part(text: str) -> str:
    """The answer proper: the text before the first blank line (what follows is an aside)."""
    return re.split(r"\n\s*\n", text.strip(), maxsplit=1)[0]


def _normal(text: str) -> str:
    return " ".join(words(text))


def lint_paths(paths: Iterable[Path]) -> tuple[list[DeckFile], list[DeckError], list[Finding]]:
    """Load the deck files under ``paths``; lint them if they are all valid."""
    decks, errors = load_deck_files(paths)
    if errors:
        return decks, errors, []
    return decks, errors, [f for deck in decks for f in lint_deck(deck)]


def lint_deck(deck: DeckFile) -> list[Finding]:
    """Every finding in one deck, in file order."""
    context = frozenset(content_words(deck.name.replace("::", " ")))
    findings: list[tuple[int, str, str]] = []
    for note in deck.notes:
        for message in lint_note(note, context):
            findings.append((note.line, note.id, message))
    findings += _duplicates(deck.notes)
    findings += _split_facts(deck.notes)
    findings.sort(key=lambda f: f[0])
    return [Finding(deck.path, line, card_id, message) for line, card_id, message in findings]


def _pairs(note: NoteSpec) -> list[tuple[str, str, bool]]:
    """The (question, answer, forward) pairs a basic or reverse note asks."""
    if note.type == CardType.BASIC:
        return [(note.front, note.back, True)]
    if note.type == CardType.REVERSE:
        return [(note.front, note.back, True), (note.back, note.front, False)]
    return []


def _questions(note: NoteSpec) -> list[str]:
    """Every question the note's study cards show."""
    if note.type == CardType.CLOZE:
        return [render_cloze(note.text, n, reveal=False) for n in cloze_numbers(note.text)]
    if note.type == CardType.REVERSE:
        return [note.front, answer_part(note.back)]
    return [note.front]


def lint_note(note: NoteSpec, context: frozenset[str] = frozenset()) -> list[str]:
    """The problems of one note on its own (``context``: the deck name's words)."""
    problems: list[str] = []
    for question in _questions(note):
        if _LETTER_HINT_RE.search(question):
            problems.append("letter hint in the question: recall the fact, not its spelling")
        if len(_BLANK_RE.findall(question)) >= 2:
            problems.append("two or more blanks in one question: ask one thing at a time")
        if _TRIVIA_RE.search(question):
            problems.append("trivia: 'how many … the article lists' is not worth remembering")
    for question, answer, forward in _pairs(note):
        problems += _giveaway(question, answer_part(answer), forward, context)
        if len(answer_part(answer).split()) > MAX_ANSWER_WORDS:
            problems.append(f"long answer ({len(answer_part(answer).split())} words; at most "
                            f"{MAX_ANSWER_WORDS}): split it or keep only the point")
    if note.type == CardType.CLOZE:
        problems += _cloze_problems(note.text, context)
    if note.type == CardType.LIST and len(note.items) > MAX_LIST_ITEMS:
        problems.append(f"list of {len(note.items)} items (at most {MAX_LIST_ITEMS}): group them "
                        "into smaller meaningful lists")
    return list(dict.fromkeys(problems))


def _giveaway(question: str, answer: str, forward: bool, context: frozenset[str]) -> list[str]:
    asked = content_words(question, context)
    given = content_words(answer, context)
    if not given:
        return []
    new = given - asked
    if not new:
        return ["give-away: every word of the answer is already in the question"]
    if forward and given & asked and len(new) < MIN_NEW_WORDS:
        return [(f"the answer only restates the question (adds {len(new)} new word: "
                 f"{', '.join(sorted(new))}); say what it means or does")]
    return []


def _cloze_problems(text: str, context: frozenset[str]) -> list[str]:
    problems: list[str] = []
    matches = list(CLOZE_RE.finditer(text))
    numbers = [m.group(1) for m in matches]
    if len(numbers) != len(set(numbers)):
        problems.append("two or more blanks in one question: a cloze number is used twice")
    for m in matches:
        deletion, hint = m.group(2).strip(), (m.group(3) or "").strip()
        before, after = text[: m.start()], text[m.end():]
        if _NUMBER_RE.match(deletion) and (before.rstrip().endswith("[") or after.lstrip().startswith("]")
                                           or deletion.startswith("[")):
            problems.append(f"cloze on a citation number {deletion!r}: delete the fact, not its reference")
        elif _IDENTIFIER_RE.match(deletion) and not _NUMBER_RE.match(deletion):
            problems.append(f"cloze on an identifier {deletion!r}: ask what it is, not how it is spelled")
        elif _QUANTITY_RE.match(deletion) and (_RANGE_BEFORE_RE.search(CLOZE_RE.sub(r"\2", before))
                                             or _RANGE_AFTER_RE.match(CLOZE_RE.sub(r"\2", after))):
            problems.append(f"cloze on half a range {deletion!r}: delete the whole range")
        stem = hint.rstrip(".…_ ").casefold()
        if stem and deletion.casefold().startswith(stem):
            problems.append("letter hint in the question: the cloze hint spells the answer's start")
        rest = render_cloze(text, int(m.group(1)), reveal=False)
        shown = content_words(rest, context) & content_words(deletion, context)
        if shown:
            problems.append(f"give-away: the deletion's word(s) {', '.join(sorted(shown))} "
                            "are visible elsewhere in the text")
    return problems


def _duplicates(notes: list[NoteSpec]) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    questions: dict[str, str] = {}
    answers: dict[str, str] = {}
    for note in notes:
        asked = {_normal(q) for q in _questions(note)} - {""}
        for q in sorted(asked):
            if q in questions and questions[q] != note.id:
                found.append((note.line, note.id, f"duplicate question (also asked by card {questions[q]!r})"))
            questions.setdefault(q, note.id)
        given = {_normal(answer_part(a)) for _, a, _ in _pairs(note)} - {""}
        for a in sorted(given - asked):
            if a in answers and answers[a] != note.id:
                message = f"duplicate answer (card {answers[a]!r} has the same): the cards cannot be told apart"
                found.append((note.line, note.id, message))
            answers.setdefault(a, note.id)
    return found


def _split_facts(notes: list[NoteSpec]) -> list[tuple[int, str, str]]:
    """Basic notes that ask one fact both ways: B's front holds A's back and A's front B's back."""
    basics = [(n, _normal(n.front), _normal(answer_part(n.back))) for n in notes if n.type == CardType.BASIC]
    found = []
    for i, (b, b_front, b_back) in enumerate(basics):
        for a, a_front, a_back in basics[:i]:
            if a_back and b_back and a_back in b_front and b_back in a_front:
                message = f"one fact split over two notes (with card {a.id!r}): make it one 'reverse' note"
                found.append((b.line, b.id, message))
                break
    return found
