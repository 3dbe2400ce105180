"""A study session's state and logic, without Qt (after Mnemosyne's ``ReviewController``).

The controller knows the current card, whether its answer is shown, what was typed, which list
items are ticked and the grade they suggest, how long the learner has looked at the card, the
session's totals and what the screen shows next. The study widget only displays this state and
forwards keys. Reads go to ``runner.col``; every change goes through ``runner.run(...)``, which
in the app is a :class:`~flashcards.ui.operations.CollectionOp` and in tests
:class:`DirectRunner`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum
from typing import Any, Protocol, TypeVar

from flashcards.core.changes import OpChanges
from flashcards.core.collection import Collection
from flashcards.core.custom_study import CardListSession
from flashcards.core.models import Card, CardType, Counts, Rating
from flashcards.core.sched import AnswerResult, QueuedCard
from flashcards.core.scheduling import format_interval

from .changes import op_changes
from .session import SessionStats, suggested_rating

T = TypeVar("T")

QUESTION_HINT = "Space: show answer · Ctrl+Z: undo the last grade · Esc: back to decks"
TYPE_HINT = "Type the answer, then Enter to check it · Ctrl+Z: undo the last grade · Esc: back to decks"
ANSWER_HINT = "1 Again · 2 Hard · 3 Good · 4 Easy · Space = Good · - bury · @ suspend · Ctrl+Z undo"
LIST_HINT = "Tick the items you recalled (keys a, b, c…) · Space = Good · 1–4 choose a grade · Ctrl+Z undo"
TYPED_KINDS = (CardType.BASIC, CardType.REVERSE)   # cards whose answer can be typed in


class Runner(Protocol):
    """How the controller reaches the collection: ``col`` for reads, ``run`` for every change.

    ``run`` calls ``op(col)`` and, if it succeeds, ``on_success(result)``; then it reports the
    change to the rest of the app. On failure it shows or records the error and does not call
    ``on_success``.
    """

    @property
    def col(self) -> Collection: ...

    def run(self, kind: str, op: Callable[[Collection], T], on_success: Callable[[T], None], *,
            card_id: int | None = None) -> None: ...


class DirectRunner:
    """Runs ops at once on ``col`` and keeps their changes in ``changes`` (tests, headless use).

    Errors propagate to the caller, so a failed op stops the test that caused it.
    """

    def __init__(self, col: Collection):
        self.col = col
        self.changes: list[OpChanges] = []

    def run(self, kind: str, op: Callable[[Collection], T], on_success: Callable[[T], None], *,
            card_id: int | None = None) -> None:
        result = op(self.col)
        try:
            on_success(result)
        finally:
            self.changes.append(op_changes(kind, result, self.col.undo_status(), card_id))


class Show(Enum):
    """What the study screen shows."""

    NOTHING = "nothing"       # before the first start
    QUESTION = "question"
    ANSWER = "answer"
    FINISHED = "finished"     # nothing left to study: the summary


def deck_path(name: str) -> str:
    """``"A::B"`` as the study screen's header shows it: ``"A  ›  B"``."""
    return "  ›  ".join(name.split("::"))


def in_deck(card_deck: str, deck: str) -> bool:
    """True when ``card_deck`` is ``deck`` or one of its subdecks."""
    return card_deck == deck or card_deck.startswith(deck + "::")


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _nothing(*_args: Any) -> None:
    return None


class ReviewController:
    """One deck's study session. Set ``on_show``, ``on_ticks`` and ``on_message`` to hear about it.

    ``on_show(show)`` is called whenever what to show changes (a new question, the answer, the
    end of the session); ``on_ticks()`` when list items were ticked or unticked (the suggestion
    may differ); ``on_message(text)`` for short notices ("Card suspended — …").
    ``clock`` returns monotonic seconds (``time.monotonic`` by default) and times the answers.
    """

    def __init__(self, runner: Runner, clock: Callable[[], float] = time.monotonic):
        self.runner = runner
        self.clock = clock
        self.on_show: Callable[[Show], None] = _nothing
        self.on_ticks: Callable[[], None] = _nothing
        self.on_message: Callable[[str], None] = _nothing
        self.deck = ""
        self.card: Card | None = None
        self.show = Show.NOTHING
        self.stats = SessionStats("")
        self.typing = False                   # the learner wants to type answers (basic/reverse cards)
        self.typed: str | None = None          # what was typed before revealing
        self.ticked: list[bool] = []           # list items recalled (after revealing a list card)
        self.intervals: dict[Rating, str] = {}
        self.leech_notice = ""                 # shown above the card after it became a leech
        self.after_change = False              # the current card follows an answer, bury or suspend
        self.counts: Counts | None = None      # the deck's counts with the current card (None: ask)
        self._queued: QueuedCard | None = None  # the current card as the queue handed it out
        self.card_list: CardListSession | None = None   # a session over chosen cards (custom study)
        self._shown_at = clock()

    # ------------------------------------------------------------------ reading
    @property
    def col(self) -> Collection:
        return self.runner.col

    @property
    def revealed(self) -> bool:
        return self.show is Show.ANSWER

    @property
    def typing_applies(self) -> bool:
        """Whether the current question takes a typed answer."""
        return self.typing and self.card is not None and self.card.type in TYPED_KINDS

    @property
    def recalled(self) -> int:
        return sum(self.ticked)

    @property
    def total(self) -> int:
        """Items of the revealed list card (0 otherwise)."""
        return len(self.ticked)

    @property
    def suggestion(self) -> Rating | None:
        """The grade the ticked items suggest, for a revealed list card with at least one item
        ticked; None otherwise (then Space means Good, as on every other card)."""
        return suggested_rating(self.recalled, self.total) if self.revealed and self.recalled else None

    @property
    def default_rating(self) -> Rating:
        """What Space/Enter grades on the answer side: the suggestion, else Good."""
        return self.suggestion or Rating.Good

    def hint(self) -> str:
        """The key hint under the buttons for what is shown now."""
        if self.show is Show.QUESTION:
            return TYPE_HINT if self.typing_applies else QUESTION_HINT
        if self.show is not Show.ANSWER:
            return ""
        suggestion = self.suggestion
        if suggestion is None:
            return LIST_HINT if self.total else ANSWER_HINT
        return (f"Recalled {self.recalled} of {self.total} → suggested: {suggestion.name}  ·  "
                "Space accepts · 1–4 choose another grade")

    def answer_ms(self) -> int:
        """How long the current card has been shown, in ms, capped at the settings' maximum."""
        return self.col.settings.clamp_answer_ms(int((self.clock() - self._shown_at) * 1000))

    # ---------------------------------------------------------------- session
    def start(self, deck: str, card_list: CardListSession | None = None) -> bool:
        """Begin a session on ``deck`` — or, with ``card_list``, over those cards of ``deck``
        (custom study); False (and nothing changes) when nothing is due."""
        queued = card_list.next(self.col) if card_list is not None else self.col.sched.get_queued(deck)
        if queued is None:
            return False
        self.card_list = card_list
        self.deck = deck
        self.stats = SessionStats(deck)
        self.leech_notice = ""
        self._ask(queued.card, after_change=False, queued=queued)
        return True

    def ask(self, card: Card) -> None:
        """Show ``card``'s question now (screenshots and tools; a session must have started)."""
        self._ask(card, after_change=False)

    def reveal(self, typed: str | None = None) -> bool:
        """Show the answer; ``typed`` is the learner's typed answer (kept in type-in mode)."""
        card = self.card
        if card is None or self.show is not Show.QUESTION:
            return False
        self.typed = typed if self.typing_applies else None
        queued = self._queued
        delays = queued.intervals if queued is not None and queued.card.id == card.id else \
            self.col.sched.next_intervals(card)          # a Card already read: no SQL
        self.intervals = {r: format_interval(d) for r, d in delays.items()}
        self.ticked = [False] * len(card.items) if card.type == CardType.LIST else []
        self._set_show(Show.ANSWER)
        return True

    def set_typing(self, on: bool) -> None:
        """Switch type-in mode; a question already shown is shown again in the new mode."""
        self.typing = on
        if self.card is not None and self.show is Show.QUESTION:
            self._ask(self.card, after_change=False)

    def toggle_item(self, index: int) -> None:
        """Tick or untick list item ``index`` (keys a, b, c…)."""
        if 0 <= index < len(self.ticked):
            self.set_ticked(index, not self.ticked[index])

    def set_ticked(self, index: int, on: bool) -> None:
        if 0 <= index < len(self.ticked) and self.ticked[index] != on:
            self.ticked[index] = on
            self.on_ticks()

    def primary(self, typed: str | None = None) -> None:
        """Space/Enter: show the answer (``typed``: the typed answer), or grade with the default."""
        if self.show is Show.QUESTION:
            self.reveal(typed)
        elif self.show is Show.ANSWER:
            self.grade(self.default_rating)

    def grade(self, rating: Rating) -> None:
        """Answer the revealed card; then the next card, or the end of the session."""
        card = self.card
        if card is None or self.show is not Show.ANSWER:
            return
        rating = Rating(int(rating))
        duration = self.answer_ms()
        deck, card_list = self.deck, self.card_list
        if card_list is not None:
            def op(col: Collection) -> AnswerResult:
                return card_list.answer_and_next(col, card, rating, duration_ms=duration)
        else:
            # The card as the queue gave it out: the answer takes the outcome its buttons showed.
            shown = self._queued if self._queued is not None and self._queued.card is card else card

            def op(col: Collection) -> AnswerResult:
                return col.sched.answer_and_next(shown, rating, deck, duration_ms=duration)
        self.runner.run("answer", op, lambda result: self._answered(card, rating, result), card_id=card.id)

    def bury(self) -> None:
        """Hide the current card until tomorrow."""
        self._hide("bury", lambda col, cid: col.bury(cid), "Card buried until tomorrow")

    def suspend(self) -> None:
        """Take the current card out of study."""
        self._hide("suspend", lambda col, cid: col.suspend(cid), "Card suspended")

    def undo(self, then: Callable[[bool], None] = _nothing) -> None:
        """Undo the collection's last change; if it was a card of this session, ask it again.

        ``then(resumed)`` is called after a successful undo; ``resumed`` is True when the session
        shows the undone card again (also after the session had finished).
        """
        def done(result: Any) -> None:
            then(self.undone(result))

        self.runner.run("undo", lambda col: col.undo(), done)

    def undone(self, result: Any) -> bool:
        """After an undo that reverted ``result`` (``action``, ``card_id``): forget the answer in
        the session totals and ask that card again if it belongs to this session."""
        if result is None:
            return False
        action, card_id = str(getattr(result, "action", "")), getattr(result, "card_id", None)
        if not self.deck or card_id is None:
            self.on_message(f"Undid {action}")
            return False
        card = self.col.card(card_id)
        if not in_deck(card.deck, self.deck) or (self.card_list is not None and card_id not in self.card_list):
            self.on_message(f"Undid {action}")
            return False
        if action == "answer":
            self.stats.undo(card_id)
        if self.card_list is not None:
            self.card_list.forget_answer(card_id)
        self.leech_notice = ""
        self.on_message(f"Undid {action} — showing the card again")
        self._ask(card, after_change=False)
        return True

    def reload_card(self) -> bool:
        """Read the current card again after its text or the settings changed elsewhere; True if
        it is still there (the side shown stays: redraw it). A card that is gone moves on to the
        next one (``on_show`` tells) and False is returned."""
        if self.card is None:
            return False
        try:
            self.card = self.col.card(self.card.id)
        except KeyError:
            self._advance()
            return False
        return True

    # ---------------------------------------------------------------- internals
    def _set_show(self, show: Show) -> None:
        self.show = show
        self.on_show(show)

    def _ask(self, card: Card, after_change: bool, queued: QueuedCard | None = None) -> None:
        self.card, self.typed, self.ticked, self.intervals = card, None, [], {}
        self._queued = queued
        self.counts = queued.counts if queued is not None else None
        self.after_change = after_change
        self._shown_at = self.clock()
        self._set_show(Show.QUESTION)

    def _answered(self, card: Card, rating: Rating, result: AnswerResult) -> None:
        after = result.card
        self.stats.record(card.id, rating, result.duration_ms)
        if after.leech and not card.leech:
            self.leech_notice = (f"Leech: “{_excerpt(card.question())}” has been forgotten {after.lapses} "
                                 "times. Consider rewording it in its deck file, or suspend it.")
            self.on_message("That card is now a leech")
        else:
            self.leech_notice = ""
        self._show_next(result.next, result.counts)

    def _hide(self, kind: str, call: Callable[[Collection, int], Any], notice: str) -> None:
        card = self.card
        if card is None or self.show not in (Show.QUESTION, Show.ANSWER):
            return

        def done(_result: Any) -> None:
            self.on_message(f"{notice} — Ctrl+Z to undo")
            self._advance()

        self.runner.run(kind, lambda col: call(col, card.id), done, card_id=card.id)

    def _advance(self) -> None:
        try:
            queued = (self.card_list.next(self.col) if self.card_list is not None
                      else self.col.sched.get_queued(self.deck))
        except KeyError:                 # the deck itself is gone (a re-import renamed it)
            queued = None
        self._show_next(queued, queued.counts if queued is not None else None)

    def _show_next(self, queued: QueuedCard | None, counts: Counts | None) -> None:
        if queued is None:
            self.card, self.typed, self.ticked, self._queued = None, None, [], None
            self.counts = counts
            self._set_show(Show.FINISHED)
        else:
            self._ask(queued.card, after_change=True, queued=queued)
