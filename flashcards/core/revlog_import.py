"""Importing a review history (``flashcards import-revlog``) into one deck.

A file's ``card_id`` names a card of the chosen deck by its deck-file key (``"two"``,
``"two/reverse"``) or, failing that, by the collection's integer card id. With
``create_missing`` a card the deck lacks becomes a placeholder basic card keyed by the file's
id (so importing the file again finds it). The reviews are answered in time order through the
same :class:`~flashcards.core.scheduling.Scheduler` as the study screen (fuzz seeded by card id
and review count), so the cards end as if answered in the app. All reviews are written in one
transaction; any problem (``file:line: ...``) imports nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import TYPE_CHECKING

from .cardstore import sched_of
from .changes import OpChanges
from .revlog_csv import HistoryError, HistoryRow

if TYPE_CHECKING:
    from .collection import Collection


@dataclass(frozen=True)
class HistoryImport:
    """What an import did: reviews written, cards answered and placeholder cards created."""

    reviews: int
    cards: int
    created: int
    changes: OpChanges

    def summary(self) -> str:
        return (f"{self.reviews} review(s) of {self.cards} card(s) imported"
                + (f", {self.created} placeholder card(s) created" if self.created else ""))


def import_history(col: Collection, rows: list[HistoryRow], deck: str, create_missing: bool = False,
                   source: str = "history") -> HistoryImport:
    """Answer ``rows`` (time order) in ``deck``; raises :class:`HistoryError` (nothing written)
    for an unknown deck, cards the deck lacks (without ``create_missing``) or reviews not later
    than a card's last review."""
    if deck not in col.decks.names():
        raise HistoryError([f"{source}: no deck named {deck!r}"])
    cards = col.sched.cards(deck)
    by_key = {c.key: c for c in cards}
    by_id = {str(c.id): c for c in cards}
    found = {}
    problems: list[str] = []
    missing: dict[str, int] = {}
    for row in rows:
        card = by_key.get(row.card) or by_id.get(row.card)
        if card is None:
            missing.setdefault(row.card, row.line)
        else:
            found[row.card] = card
    if missing and not create_missing:
        problems += [f"{source}:{line}: deck {deck!r} has no card {key!r} (use --create-missing for placeholders)"
                     for key, line in missing.items()]
    seen: set[str] = set()
    for row in rows:
        card = found.get(row.card)
        if row.card not in seen and card is not None and card.last_review is not None \
                and row.time <= card.last_review:
            problems.append(f"{source}:{row.line}: card {row.card!r} already has a review at or after "
                            f"{row.time.isoformat()}")
        seen.add(row.card)
    if problems:
        raise HistoryError(problems)

    scheduler, settings = col.conf.scheduler, col.settings
    store = col.card_store
    deck_id = col.decks.row(deck).id
    with col.db.write() as conn:
        ids = {key: card.id for key, card in found.items()}
        for key in missing:
            ids[key] = store.add_placeholder(conn, deck_id, key)
        states, leeches = {}, {}
        for key, card in found.items():
            states[key], leeches[key] = sched_of(card), card.leech
        for key in missing:
            states[key], leeches[key] = sched_of(col.card_store.get_in(conn, ids[key])), False
        for row in rows:
            card_id, before = ids[row.card], states[row.card]
            now = row.time.astimezone(UTC)
            after = scheduler.answer(before, row.rating, now, card_id)
            leech = leeches[row.card] or (after.lapses > before.lapses and after.lapses >= settings.leech_lapses)
            expected = store.stored(conn, card_id)
            if not store.write_answer(conn, card_id, expected, after, now, leech):
                raise RuntimeError(f"card {card_id} changed while the history was imported")
            elapsed = scheduler.day.days_between(before.last_review, now) if before.last_review else 0
            store.log_review(conn, card_id, now, row.rating, settings.clamp_answer_ms(row.duration_ms),
                             before, after, elapsed, leeches[row.card])
            states[row.card], leeches[row.card] = after, leech
    changes = OpChanges("import", tuple(sorted(set(ids.values()))), card=True, note=bool(missing),
                        study_queue=True, undo=col.undo_status())
    return HistoryImport(len(rows), len(ids), len(missing), changes)
