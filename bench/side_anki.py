"""Anki's side (the ``anki`` library, FSRS on, v3 scheduler), run in its own process."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

# isort: off
from anki.collection import AddNoteRequest
from anki.collection import Collection as AnkiCollection
from anki.cards import Card  # after anki.collection (import cycle inside anki)
# isort: on

from . import synth
from .measure import peak_rss_mb, repeat, summary, timed

BATCH = 1000


def _new_collection(path: Path) -> AnkiCollection:
    col = AnkiCollection(str(path))
    col.set_config("fsrs", True)                        # FSRS instead of SM-2 (what the Options screen sets)
    conf = col.decks.config_dict_for_deck_id(1)         # the default preset, used by every deck
    conf["new"]["perDay"] = synth.LIMIT
    conf["rev"]["perDay"] = synth.LIMIT
    col.decks.update_config(conf)
    return col


def _add(col: AnkiCollection, n: int) -> None:
    basic = col.models.by_name("Basic")
    deck_ids = [col.decks.id(synth.deck_name(d)) for d in range(synth.DECKS)]
    batch: list[AddNoteRequest] = []
    for d, _key, front, back in synth.notes(n):
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        batch.append(AddNoteRequest(note, deck_ids[d]))
        if len(batch) == BATCH:
            col.add_notes(batch)
            batch = []
    if batch:
        col.add_notes(batch)


def run(n: int, answers: int, repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-anki-") as tmp:
        samples = []
        for attempt in range(repeats):
            path = Path(tmp) / f"c{attempt}.anki2"
            col = _new_collection(path)
            seconds, _ = timed(lambda: _add(col, n))
            assert col.card_count() == n
            samples.append(seconds)
            col.close()
        out["add"] = summary(samples)
        opens = []
        for _ in range(repeats * 3 + 1):
            seconds, col = timed(lambda: AnkiCollection(str(path)))
            col.close()
            opens.append(seconds)
        out["open"] = summary(opens[1:])
        col = AnkiCollection(str(path))
        col.decks.select(col.decks.id(synth.PARENT))    # study the parent: all 10 decks
        per_answer = []
        for i in range(answers):
            seconds, _ = timed(lambda: _study_one(col, synth.RATINGS[i % len(synth.RATINGS)]))
            per_answer.append(seconds)
        out["study"] = summary(per_answer)
        out["study"]["median"] = out["study"]["mean"]
        out["study"]["samples"] = []
        out["counts_warm"] = repeat(col.sched.deck_due_tree, repeats * 7)
        bench = next(c for c in col.sched.deck_due_tree().children if c.name == synth.PARENT)
        out["check"] = {"due": (bench.new_count, bench.learn_count, bench.review_count),
                        "reviews": col.db.scalar("SELECT count() FROM revlog")}
        col.close()
        counts = []
        for _ in range(repeats * 3 + 1):                # right after opening, as the deck list is
            col = AnkiCollection(str(path))
            counts.append(timed(col.sched.deck_due_tree)[0])
            col.close()
        out["counts"] = summary(counts[1:])
    out["rss_mb"] = peak_rss_mb()
    return out


def _study_one(col: AnkiCollection, rating: int) -> None:
    queued = col.sched.get_queued_cards().cards[0]
    card = Card(col, backend_card=queued.card)
    card.start_timer()
    # Anki's CardAnswer ratings are 0-based (AGAIN=0 .. EASY=3).
    col.sched.answer_card(col.sched.build_answer(card=card, states=queued.states, rating=rating - 1))
