"""Our side: import YAML decks, open, due counts, study loop (run in its own process)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flashcards import Collection
from flashcards.core.sched import QueuedCard

from . import synth
from .measure import peak_rss_mb, repeat, summary, timed


def run(n: int, answers: int, repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-ours-") as tmp:
        decks = synth.write_yaml_decks(Path(tmp) / "decks", n)
        samples = []
        for attempt in range(repeats):                  # a fresh collection each time
            path = Path(tmp) / f"c{attempt}.sqlite3"
            with Collection.open(path) as col:
                col.update_settings(new_per_day=synth.LIMIT, reviews_per_day=synth.LIMIT)
                seconds, report = timed(lambda: col.import_decks([decks]))
                assert len(report.added) == n, report.summary()
                samples.append(seconds)
        out["add"] = summary(samples)

        out["open"] = _open_only(path, repeats * 3)
        with Collection.open(path) as col:              # the part of opening that is Collection.open's check
            out["open_check"] = repeat(col.check_integrity, repeats * 3)
        with Collection.open(path) as col:
            per_answer = []
            queued = col.sched.get_queued()
            for i in range(answers):
                seconds, queued = timed(lambda: _study_one(col, queued, synth.RATINGS[i % len(synth.RATINGS)]))
                per_answer.append(seconds)
            out["study"] = summary(per_answer)
            out["study"]["median"] = out["study"]["mean"]        # we report the mean per answer
            out["study"]["samples"] = []
            out["counts_warm"] = repeat(col.deck_tree, repeats * 7)
            tree = col.deck_tree()
            out["check"] = {"due": tuple(tree[0].counts), "reviews": len(col.review_log())}
        out["counts"] = _first_counts(path, repeats * 3)
    out["rss_mb"] = peak_rss_mb()
    return out


def _open_only(path: Path, times: int) -> dict[str, Any]:
    samples = []
    for _ in range(times + 1):
        seconds, col = timed(lambda: Collection.open(path))
        col.close()
        samples.append(seconds)
    return summary(samples[1:])


def _first_counts(path: Path, times: int) -> dict[str, Any]:
    """The deck list's counts right after opening (nothing cached yet)."""
    samples = []
    for _ in range(times + 1):
        with Collection.open(path) as col:
            samples.append(timed(col.deck_tree)[0])
    return summary(samples[1:])


def _study_one(col: Collection, queued: QueuedCard | None, rating: int) -> QueuedCard | None:
    """One grade as the study screen makes it: the button intervals of the card shown, then the
    answer, which hands back the next card and the counts (Anki: get_queued_cards + answer_card)."""
    assert queued is not None, "nothing to study"
    queued.intervals                                    # noqa: B018 - computed as the answer side shows
    return col.sched.answer_and_next(queued, rating).next
