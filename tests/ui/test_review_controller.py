"""The review controller without Qt: a whole study session on a real collection, clock passed in."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core.models import CardState, CardType
from flashcards.ui.review_controller import (
    ANSWER_HINT,
    LIST_HINT,
    QUESTION_HINT,
    DirectRunner,
    ReviewController,
    Show,
    deck_path,
)

DECKS = Path(__file__).parents[2] / "decks"
TYPES = "Hemifacial Spasm::Types"          # 5 basic cards, a list card and a cloze card
ROOT = Path(__file__).parents[2]


class FakeClock:
    """Monotonic seconds that only move when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    with Collection.open(tmp_path / "c.sqlite3") as c:
        c.import_decks([DECKS])
        yield c


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class Session:
    """A controller with a direct runner, recording what it asked the screen to show and say."""

    def __init__(self, col: Collection, clock: FakeClock):
        self.runner = DirectRunner(col)
        self.c = ReviewController(self.runner, clock)
        self.shown: list[Show] = []
        self.messages: list[str] = []
        self.ticks = 0
        self.c.on_show = self.shown.append
        self.c.on_message = self.messages.append
        self.c.on_ticks = self._ticked

    def _ticked(self) -> None:
        self.ticks += 1

    def answer_until(self, wanted: str) -> None:
        """Grade Easy until the current card is of type ``wanted``."""
        for _ in range(20):
            assert self.c.card is not None
            if self.c.card.type == wanted:
                return
            self.c.reveal()
            self.c.grade(Rating.Easy)
        raise AssertionError(f"no {wanted} card")


@pytest.fixture
def session(col: Collection, clock: FakeClock) -> Session:
    return Session(col, clock)


def test_the_controller_imports_no_qt() -> None:
    code = ("import sys, flashcards.ui.review_controller, flashcards.ui.session, flashcards.ui.changes\n"
            "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
            "print(qt)\nsys.exit(1 if qt else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "[]"


def test_full_session_with_every_rating(session: Session, col: Collection, clock: FakeClock) -> None:
    c = session.c
    assert c.start(TYPES) and session.shown == [Show.QUESTION]
    assert c.deck == TYPES and c.card is not None and not c.revealed and c.hint() == QUESTION_HINT
    assert c.stats.deck == TYPES
    first = c.card
    c.grade(Rating.Good)                          # grading needs the answer side
    assert col.review_log() == [] and c.card is first

    answered: list[tuple[int, Rating, int]] = []
    for rating, seconds in ((Rating.Again, 4.2), (Rating.Hard, 3.0), (Rating.Good, 7.5), (Rating.Easy, 1.25)):
        session.answer_until(CardType.BASIC)
        card = c.card
        assert card is not None
        clock.advance(seconds)
        assert c.reveal() and c.revealed and c.show is Show.ANSWER
        assert not c.reveal()                     # once only
        assert set(c.intervals) == set(Rating) and all(c.intervals.values())
        assert c.hint() == ANSWER_HINT and c.suggestion is None and c.default_rating == Rating.Good
        c.grade(rating)
        answered.append((card.id, rating, int(seconds * 1000)))
        assert session.runner.changes[-1].kind == "answer"
        assert session.runner.changes[-1].card_ids == (card.id,)
        assert session.runner.changes[-1].undo.label == "Undo Answer"
    log = [(e.card_id, e.rating, e.duration_ms) for e in col.review_log()]
    assert [entry for entry in log if entry in answered] == answered      # Easy answers may lie between
    assert c.stats.studied == len(log)
    assert [(a.card_id, a.rating, a.duration_ms) for a in c.stats.answers if
            (a.card_id, a.rating, a.duration_ms) in answered] == answered
    assert c.after_change and session.shown[-1] is Show.QUESTION

    for _ in range(40):                           # Easy on everything left ends the session
        if c.show is Show.FINISHED:
            break
        c.reveal()
        c.grade(Rating.Easy)
    assert c.show is Show.FINISHED and c.card is None and c.hint() == ""
    assert col.next_card(TYPES) is None and c.stats.studied == len(col.review_log())
    c.primary()                                   # nothing left: keys do nothing
    c.bury()
    assert c.show is Show.FINISHED


def test_nothing_due_starts_nothing(session: Session, col: Collection) -> None:
    col.update_settings(new_per_day=0)
    assert not session.c.start(TYPES)
    assert session.c.show is Show.NOTHING and session.c.card is None and session.shown == []


def test_list_card_ticks_suggest_the_grade(session: Session, col: Collection) -> None:
    c = session.c
    c.start(TYPES)
    session.answer_until(CardType.LIST)
    card = c.card
    assert card is not None and len(card.items) >= 2
    n = len(card.items)
    assert c.suggestion is None and c.total == 0             # question side: no items yet
    c.toggle_item(0)
    assert c.recalled == 0 and session.ticks == 0
    c.reveal()
    assert c.total == n and c.recalled == 0 and c.suggestion is None and c.default_rating == Rating.Good
    assert c.hint() == LIST_HINT                             # nothing ticked: Space means Good
    c.toggle_item(n - 1)
    assert c.suggestion == (Rating.Again if n > 2 else Rating.Hard)
    assert c.hint() == (f"Recalled 1 of {n} → suggested: {c.suggestion.name}  ·  Space accepts · "
                        "1–4 choose another grade")
    c.toggle_item(n - 1)
    for i in range((n + 1) // 2):
        c.toggle_item(i)
    assert c.suggestion == Rating.Hard and session.ticks == (n + 1) // 2 + 2   # +2: the tick above
    for i in range((n + 1) // 2, n):
        c.set_ticked(i, True)
    assert c.recalled == n and c.suggestion == Rating.Good and f"Recalled {n} of {n}" in c.hint()
    c.set_ticked(0, True)                                    # no change, no notice
    c.toggle_item(n + 5)                                     # no such item
    ticks = session.ticks
    assert ticks == n + 2
    c.toggle_item(0)
    if n > 2:
        c.toggle_item(n - 1)
    assert c.recalled == max(1, n - 2) and c.default_rating == c.suggestion
    expected = c.suggestion
    c.primary()                                              # Space takes the suggestion
    last = col.review_log()[-1]
    assert last.card_id == card.id and last.rating == expected
    # the answered card may come straight back as a learning card (learn-ahead, last card)
    assert c.card is None or c.card.id != card.id or c.card.reps == card.reps + 1


def test_type_answer(session: Session) -> None:
    c = session.c
    c.start(TYPES)
    session.answer_until(CardType.BASIC)
    assert not c.typing_applies
    before = len(session.shown)
    c.set_typing(True)                                       # the question is asked again, typed
    assert c.typing_applies and session.shown[before:] == [Show.QUESTION]
    c.primary("the facial nerve")
    assert c.revealed and c.typed == "the facial nerve"
    c.set_typing(False)                                      # the answer side stays as it is
    assert c.revealed and c.typed == "the facial nerve"
    c.set_typing(True)
    c.grade(Rating.Easy)
    assert c.typed is None and not c.revealed
    session.answer_until(CardType.LIST)                      # list cards are never typed
    assert c.typing and not c.typing_applies
    c.reveal("ignored")
    assert c.typed is None


def test_bury_suspend_and_their_undo(session: Session, col: Collection) -> None:
    c = session.c
    c.start(TYPES)
    card = c.card
    assert card is not None
    c.bury()
    assert col.card(card.id).buried and c.card is not None and c.card.id != card.id
    assert session.messages[-1] == "Card buried until tomorrow — Ctrl+Z to undo"
    assert session.runner.changes[-1].kind == "bury" and session.runner.changes[-1].undo.label == "Undo Bury"
    resumed: list[bool] = []
    c.undo(resumed.append)
    assert resumed == [True] and c.card is not None and c.card.id == card.id and not c.revealed
    assert not col.card(card.id).buried and session.messages[-1] == "Undid bury — showing the card again"
    c.reveal()
    c.suspend()                                              # from the answer side too
    assert col.card(card.id).suspended and session.messages[-1] == "Card suspended — Ctrl+Z to undo"
    assert session.runner.changes[-1].undo.label == "Undo Suspend"
    c.undo(resumed.append)
    assert resumed == [True, True] and not col.card(card.id).suspended and c.card.id == card.id
    assert c.stats.studied == 0 and session.runner.changes[-1].undo.label == "Undo"
    c.undo(resumed.append)                                   # nothing left to undo
    assert resumed == [True, True, False]


def test_undo_of_a_grade_restores_the_card(session: Session, col: Collection, clock: FakeClock) -> None:
    c = session.c
    c.start(TYPES)
    card = c.card
    assert card is not None and card.state == CardState.New
    c.reveal()
    c.grade(Rating.Good)
    assert c.stats.studied == 1 and col.card(card.id).state == CardState.Learning
    clock.advance(30)
    c.undo()
    assert c.card is not None and c.card.id == card.id and c.show is Show.QUESTION and not c.after_change
    assert c.stats.studied == 0 and col.review_log() == []
    again = col.card(card.id)
    assert again.state == CardState.New and again.reps == 0
    clock.advance(2)                                         # timing restarts when the card is asked again
    assert c.answer_ms() == 2000


def test_undo_after_the_session_ended_resumes_it(tmp_path: Path, clock: FakeClock) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([_one_card_deck(tmp_path)])
        session = Session(col, clock)
        c = session.c
        c.start("One")
        c.reveal()
        c.grade(Rating.Easy)
        assert c.show is Show.FINISHED and c.stats.studied == 1
        c.undo()
        assert c.show is Show.QUESTION and c.card is not None and c.stats.studied == 0


def test_undo_of_a_card_outside_the_session_is_only_reported(session: Session, col: Collection) -> None:
    c = session.c
    c.start(TYPES)
    other = col.next_card("Hemifacial Spasm::Overview")
    assert other is not None
    session.runner.run("bury", lambda col_: col_.bury(other.id), lambda _r: None, card_id=other.id)
    current = c.card
    resumed: list[bool] = []
    c.undo(resumed.append)
    assert resumed == [False] and session.messages[-1] == "Undid bury" and c.card is current
    assert not col.card(other.id).buried


def test_answer_time_is_clamped(session: Session, col: Collection, clock: FakeClock) -> None:
    c = session.c
    c.start(TYPES)
    clock.advance(600)                                       # ten minutes away from the screen
    assert c.answer_ms() == 60_000
    c.reveal()
    c.grade(Rating.Good)
    assert col.review_log()[-1].duration_ms == 60_000 and c.stats.time_ms == 60_000
    clock.advance(-5)                                        # a clock that went back counts as 0
    assert c.answer_ms() == 0
    col.update_settings(max_answer_seconds=10)
    c.start(TYPES)                                           # a new session takes the new maximum
    clock.advance(11)
    assert c.answer_ms() == 10_000 and c.stats.studied == 0


def _one_card_deck(tmp_path: Path) -> Path:
    deck = tmp_path / "one.yaml"
    deck.write_text('deck: "One"\ncards:\n  - id: a\n    front: "Which nerve?"\n    back: "VII"\n', encoding="utf-8")
    return deck


def test_leech_notice(tmp_path: Path, clock: FakeClock) -> None:
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(leech_lapses=1)
        col.import_decks([_one_card_deck(tmp_path)])
        col.decks.update_options("One", leech_action="tag")  # only marked, so it is asked again
        card = col.cards("One")[0]
        col.answer(card.id, Rating.Easy, now=datetime.now(UTC) - timedelta(days=30))   # due now
        session = Session(col, clock)
        c = session.c
        c.start("One")
        assert c.leech_notice == ""
        c.reveal()
        c.grade(Rating.Again)                                # a lapse: the card becomes a leech
        assert c.leech_notice.startswith("Leech: “Which nerve?” has been forgotten 1 times.")
        assert session.messages[-1] == "That card is now a leech" and col.card(card.id).leech
        assert c.card is not None and c.card.id == card.id  # relearning, asked again
        c.reveal()
        c.grade(Rating.Good)
        assert c.leech_notice == ""                          # already a leech: no new notice


def test_deck_path() -> None:
    assert deck_path("A::B::C") == "A  ›  B  ›  C"


def test_reload_card(session: Session, col: Collection) -> None:
    c = session.c
    assert not c.reload_card()                               # no session yet
    c.start(TYPES)
    c.reveal()
    card = c.card
    assert c.reload_card() and c.card == card and c.revealed
