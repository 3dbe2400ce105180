"""The scheduler/reviewer (``col.sched``): what to study next, grading, bury/suspend and their
reverses, undo, and the button intervals.

Grading returns what the study screen needs next (after Anki's ``get_queued_cards``):
:meth:`SchedManager.answer_and_next` stores the answer and gives back the next card, the counts
and that card's button intervals, reading only what changed (about half the statements of a
separate answer, next card, counts and intervals). Times are aware datetimes (``None``: now),
stored as ms UTC; durations in ms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from . import queue_pick, study_queue
from .cardstore import SCHED_COLUMNS, CardStore, answered_card, sched_of
from .changes import OpChanges, UndoStatus
from .clock import ensure_aware, from_ms, to_ms
from .config import ConfigManager
from .decks import DeckManager
from .models import Card, Counts, Rating
from .scheduling import Outcome, Scheduler
from .storage import Storage
from .study_queue import QueueCache, QueueTimes
from .undo import UndoEntry, UndoResult, UndoStack


@dataclass(frozen=True)
class QueuedCard:
    """The card to show now, the counts of the deck studied and the interval each button gives
    (``intervals``: computed when first read, as the answer side is shown, not on the key press)."""

    card: Card
    counts: Counts
    scheduler: Scheduler = field(repr=False, compare=False, default_factory=Scheduler)
    now: datetime = field(repr=False, compare=False, default_factory=lambda: ensure_aware(None))

    @cached_property
    def outcomes(self) -> dict[Rating, Outcome]:
        """What each rating would do to the card on ``now``'s learner day (no SQL); an answer
        given this queued card on that day takes its rating's outcome from here, as Anki's
        answer takes the next states computed with the queued card."""
        return self.scheduler.outcomes(sched_of(self.card), self.now)

    @cached_property
    def intervals(self) -> dict[Rating, timedelta]:
        """The interval each rating would give the card at ``now`` (no SQL)."""
        return {rating: outcome.wait for rating, outcome in self.outcomes.items()}


@dataclass(frozen=True)
class AnswerResult:
    """An answer: the card as now stored, what changed, the answer time as logged (ms, capped by
    ``Settings.max_answer_seconds``) and, from :meth:`SchedManager.answer_and_next`, what to show
    next (``next`` None: nothing is due; ``counts`` then says what is left)."""

    card: Card
    changes: OpChanges
    duration_ms: int
    next: QueuedCard | None = None
    counts: Counts | None = None


@dataclass(frozen=True)
class HiddenCards:
    """Card ids out of study: suspended (until unsuspended) and buried (until the next learner day)."""

    suspended: tuple[int, ...] = ()
    buried: tuple[int, ...] = ()


def _ids(card_ids: int | Iterable[int]) -> list[int]:
    return [int(card_ids)] if isinstance(card_ids, int) else [int(i) for i in card_ids]


class SchedManager:
    """Studying the collection; owns the queue cache and the undo stack."""

    def __init__(self, db: Storage, conf: ConfigManager, decks: DeckManager, store: CardStore,
                 queue: QueueCache, undo: UndoStack):
        self._db, self._conf, self._decks, self._store = db, conf, decks, store
        self._queue = queue
        self._undo = undo

    # ------------------------------------------------------------------ reading
    def card(self, card_id: int, now: datetime | None = None) -> Card:
        """One card; raises ``KeyError`` for an unknown id."""
        return self._store.get(card_id, self._conf.learner_day.day_of(ensure_aware(now)).isoformat())

    def cards(self, deck: str | None = None, now: datetime | None = None) -> list[Card]:
        """Every card of ``deck`` and its children (suspended ones too, retired ones not)."""
        today = self._conf.queue_times(now).today
        with self._db.read():
            ids = [d.id for d in study_queue.subtree(self._decks.row(deck))]
            return self._store.in_decks(ids, today)

    def counts(self, deck: str | None = None, now: datetime | None = None) -> Counts:
        """New, learning and review cards to study now in ``deck`` and its children (None: all)."""
        with self._db.read() as conn:
            root = self._decks.row(deck)
            qs = study_queue.load_state(conn, self._conf.queue_times(now), self._conf.settings.bury_siblings,
                                        self._queue)
            return queue_pick.counts_for(root, qs)

    def next_card(self, deck: str | None = None, now: datetime | None = None) -> Card | None:
        """The card to study next in ``deck`` and its children, or None when nothing is due."""
        queued = self.get_queued(deck, now)
        return queued.card if queued else None

    def get_queued(self, deck: str | None = None, now: datetime | None = None) -> QueuedCard | None:
        """The next card of ``deck`` with the counts and its button intervals (None: nothing due)."""
        return self._queued(deck, self._conf.queue_times(now), None)[0]

    def _queued(self, deck: str | None, times: QueueTimes,
                version: tuple[int, int] | None) -> tuple[QueuedCard | None, Counts]:
        bury = self._conf.settings.bury_siblings
        with self._db.read() as conn:
            version = version or self._queue.version(conn)
            root = self._decks.row(deck, version)
            qs = study_queue.load_state(conn, times, bury, self._queue, version)
            limits = queue_pick.Limits.walk(root, qs)            # one walk for the counts and the pick
            counts = queue_pick.counts_for(root, qs, limits)
            picked = queue_pick.pick_card(conn, root, times, bury, self._queue, qs, limits)
            if picked is None:
                return None, counts
            card_id, row = picked
            generation = self._queue.generation
            card = self._store.get(card_id, times.today, generation) if row is None \
                else self._store.from_row(row, times.today, generation)
        return QueuedCard(card, counts, self._conf.scheduler, times.now), counts

    def next_due_time(self, deck: str | None = None, now: datetime | None = None) -> datetime | None:
        """When the next learning/review card of ``deck`` becomes due (None: no scheduled card)."""
        with self._db.read() as conn:
            return from_ms(queue_pick.next_due(conn, self._decks.row(deck), self._conf.queue_times(now)))

    def next_intervals(self, card: Card | int, now: datetime | None = None) -> dict[Rating, timedelta]:
        """The interval each rating would give ``card`` now (for the answer buttons); a
        :class:`Card` already read needs no SQL."""
        st = sched_of(card) if isinstance(card, Card) else self._store.sched(card)
        return self._conf.scheduler.preview(st, ensure_aware(now))

    def retrievability(self, card: Card | int, now: datetime | None = None) -> float:
        """Predicted probability (0..1) of recalling ``card`` at ``now``; 0 for new cards."""
        st = sched_of(card) if isinstance(card, Card) else self._store.sched(card)
        return self._conf.scheduler.retrievability(st, ensure_aware(now))

    # ------------------------------------------------------------------ answers
    def answer(self, card: Card | int | QueuedCard, rating: Rating | int, now: datetime | None = None,
               duration_ms: int | None = None) -> AnswerResult:
        """Grade ``card``; the new state and the review-log row are committed on return.

        Pass the :class:`Card` (or :class:`QueuedCard`) shown: it is not read again unless it
        changed since. An id works too.
        """
        answered, changes, duration, _ = self._answer(card, Rating(int(rating)), ensure_aware(now), duration_ms)
        return AnswerResult(answered, changes, duration)

    def answer_and_next(self, card: Card | int | QueuedCard, rating: Rating | int, deck: str | None = None,
                        now: datetime | None = None, duration_ms: int | None = None) -> AnswerResult:
        """:meth:`answer`, then the next card of ``deck`` (None: all decks), the counts and the
        next card's button intervals, in one call."""
        now = ensure_aware(now)
        answered, changes, duration, version = self._answer(card, Rating(int(rating)), now, duration_ms)
        queued, counts = self._queued(deck, self._conf.queue_times(now), version)
        return AnswerResult(answered, changes, duration, queued, counts)

    def _answer(self, shown: Card | int | QueuedCard, rating: Rating, now: datetime,
                duration_ms: int | None) -> tuple[Card, OpChanges, int, tuple[int, int]]:
        s, day, scheduler = self._conf.settings, self._conf.learner_day, self._conf.scheduler
        today_date = day.day_of(now)
        today = today_date.isoformat()
        queued: QueuedCard | None = None
        card: Card | int
        if isinstance(shown, QueuedCard):
            queued, card = shown, shown.card
        else:
            card = shown
        card_id = card if isinstance(card, int) else card.id
        with self._db.lock:
            with self._db.write() as conn:
                version = self._queue.version(conn)
                stored = None if isinstance(card, int) else self._store.remembered(card_id)
                if isinstance(card, int) or stored is None or (stored["reps"], stored["state"]) != (card.reps, card.state):
                    card = self._store.get(card_id, today)       # unknown or changed since: read it
                share_before = self._queue.note_share(conn, card_id, version, self._store.remembered(card_id))
                for _attempt in range(2):
                    stored = self._store.remembered(card_id)
                    assert stored is not None
                    before = sched_of(card)
                    outcome = self._outcome_shown(queued, card, rating, scheduler, today_date)
                    after = scheduler.place(before, rating, outcome or scheduler.outcome(before, rating, now), now,
                                            card_id)
                    rule = self._leech_rule(card.deck, version) if after.lapses > before.lapses else None
                    leech = card.leech or (rule is not None and after.lapses >= rule[0])
                    if self._store.write_answer(conn, card_id, stored, after, now, leech):
                        break
                    card = self._store.get(card_id, today)       # the row changed under us: once more
                else:
                    raise RuntimeError(f"card {card_id} changed while it was answered")
                duration = s.clamp_answer_ms(duration_ms)
                elapsed = day.days_between(before.last_review, now) if before.last_review else 0
                revlog_id = self._store.log_review(conn, card_id, now, rating, duration, before, after, elapsed,
                                                   card.leech)
                due_ms = to_ms(after.due) if after.due else None
                share_after = self._queue.share_after_answer(share_before, card_id, int(before.state),
                                                             int(after.state), due_ms)
                undo_columns = {c: stored[c] for c in SCHED_COLUMNS}
                suspend = leech and not card.leech and rule is not None and rule[1] == "suspend"
                if suspend:                                       # a new leech: suspended (rare, one card)
                    undo_columns["suspended"] = self._store.set_column(conn, [card_id], "suspended", 1)[card_id]
            version_after = (conn.total_changes, version[1])     # our commit leaves data_version as it is
            if suspend:
                self._queue.invalidate()
            else:
                self._queue.patch(version, version_after, share_before, share_after,
                                  (card_id, (stored["state"], stored["due"]), (int(after.state), due_ms)))
        self._undo.push(UndoEntry("answer", {card_id: undo_columns}, revlog_id))
        answered = answered_card(card, after, due_ms, to_ms(now), leech, card.suspended or suspend)
        changes = OpChanges("answer", (card_id,), card=True, study_queue=True, undo=self._undo.status())
        return answered, changes, duration, version_after

    @staticmethod
    def _outcome_shown(queued: QueuedCard | None, card: Card, rating: Rating, scheduler: Scheduler,
                       today: date) -> Outcome | None:
        """The rating's outcome already computed for the queued card shown (its buttons), if it
        still applies: same card as stored, same settings, same learner day; else None."""
        if queued is None or queued.card is not card or queued.scheduler is not scheduler \
                or "outcomes" not in queued.__dict__ or scheduler.day.day_of(queued.now) != today:
            return None
        return queued.outcomes[rating]

    def _leech_rule(self, deck: str, version: tuple[int, int]) -> tuple[int, str]:
        """Deck ``deck``'s leech threshold (lapses) and action, from the cached deck tree (no
        SQL while only answers are written; the card's own deck's options apply)."""
        try:
            o = self._decks.row(deck, version).options
        except KeyError:
            return self._conf.settings.leech_lapses, "suspend"
        return (o.leech_lapses or self._conf.settings.leech_lapses, o.leech_action)

    # ------------------------------------------------------- bury and suspend
    def bury(self, card_ids: int | Iterable[int], now: datetime | None = None) -> OpChanges:
        """Hide cards until the next learner day (Anki's ``-``)."""
        return self._flag("bury", card_ids, "buried_day", self._conf.queue_times(now).today)

    def unbury(self, card_ids: int | Iterable[int]) -> OpChanges:
        """Show buried cards again today."""
        return self._flag("unbury", card_ids, "buried_day", None)

    def suspend(self, card_ids: int | Iterable[int]) -> OpChanges:
        """Take cards out of study until unsuspended (Anki's ``@``)."""
        return self._flag("suspend", card_ids, "suspended", 1)

    def unsuspend(self, card_ids: int | Iterable[int]) -> OpChanges:
        """Put suspended cards back into study."""
        return self._flag("unsuspend", card_ids, "suspended", 0)

    def hidden(self, deck: str | None = None, now: datetime | None = None) -> HiddenCards:
        """The suspended and the buried (today) cards of ``deck`` and its children (None: all)."""
        cards = self.cards(deck, now)
        return HiddenCards(tuple(c.id for c in cards if c.suspended), tuple(c.id for c in cards if c.buried))

    def hidden_counts(self, now: datetime | None = None) -> dict[str, tuple[int, int]]:
        """Per deck name, its own cards that are ``(suspended, buried today)``; decks with
        neither are left out (add children's to a parent's yourself)."""
        today = self._conf.queue_times(now).today
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT d.name, sum(c.suspended), sum(c.buried_day IS NOT NULL AND c.buried_day >= ?) "
                "FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired = 0 "
                "AND (c.suspended OR c.buried_day >= ?) GROUP BY d.name", (today, today)).fetchall()
        return {r[0]: (int(r[1] or 0), int(r[2] or 0)) for r in rows}

    def _flag(self, action: str, card_ids: int | Iterable[int], column: str, value: object) -> OpChanges:
        ids = _ids(card_ids)
        with self._db.write() as conn:
            old = self._store.set_column(conn, ids, column, value)
        self._undo.push(UndoEntry(action, {i: {column: v} for i, v in old.items()}))
        return OpChanges(action, tuple(ids), card=True, study_queue=True, undo=self._undo.status())

    # --------------------------------------------------------------------- undo
    def undo_status(self) -> UndoStatus:
        """What :meth:`undo` would revert now (the Edit menu's label)."""
        return self._undo.status()

    def undo(self) -> UndoResult | None:
        """Revert the last answer, bury, suspend, unbury or unsuspend of this session (an
        answer's log row too); None when there is nothing to undo."""
        entry = self._undo.peek()
        if entry is None:
            return None
        with self._db.write() as conn:
            entry.revert(conn, self._store)
        self._undo.pop()
        ids = entry.card_ids
        changes = OpChanges("undo", ids, card=True, note=getattr(entry, "touches_notes", False), study_queue=True,
                            undo=self._undo.status())
        return UndoResult(entry.action, ids[0], ids, changes)
