"""Importing a review history: same states as answering through the app; bad lines import nothing."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.revlog_csv import HistoryError, read_history
from flashcards.core.revlog_import import import_history

from .conftest import make_deck

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def synthetic_csv(path: Path, keys: list[str], seed: int = 7) -> Path:
    """Seeded reviews: every card first on day 0, then at growing gaps with random grades."""
    rng = random.Random(seed)
    lines = ["card_id,review_rating,review_time,review_duration"]
    events = []
    for key in keys:
        t = T0 + timedelta(minutes=rng.randrange(600))
        for _ in range(6):
            events.append((t, key, rng.choice([1, 3, 3, 3, 2, 4])))
            t += timedelta(hours=rng.choice([0.1, 5, 20, 30, 80, 200]))
    for t, key, rating in sorted(events):
        lines.append(f"{key},{rating},{t.isoformat()},{rng.randrange(1000, 9000)}")
    path.write_text("\n".join(lines) + "\n")
    return path


def states(col: Collection) -> list[tuple]:
    return [(c.key, c.state, c.stability, c.difficulty, c.due, c.last_review, c.reps, c.lapses)
            for c in col.cards()]


def test_imported_history_equals_answering_in_the_app(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "d.yaml", "D", 12)
    keys = [f"q{i}" for i in range(12)]
    rows = read_history(synthetic_csv(tmp_path / "h.csv", keys))
    with Collection.open(tmp_path / "a.sqlite3") as imported, Collection.open(tmp_path / "b.sqlite3") as answered:
        for col in (imported, answered):
            col.update_settings(timezone="UTC")
            col.import_decks([deck])
        result = import_history(imported, rows, "D")
        assert result.reviews == len(rows) and result.created == 0
        ids = {c.key: c.id for c in answered.cards()}
        for row in rows:
            answered.sched.answer(ids[row.card], row.rating, now=row.time, duration_ms=row.duration_ms)
        assert states(imported) == states(answered)
        assert [(e.time, e.rating) for e in imported.review_log()] == [(e.time, e.rating) for e in answered.review_log()]


def test_replay_is_identical_across_two_runs(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "d.yaml", "D", 8)
    rows = read_history(synthetic_csv(tmp_path / "h.csv", [f"q{i}" for i in range(8)], seed=3))
    runs = []
    for name in ("one", "two"):
        with Collection.open(tmp_path / f"{name}.sqlite3") as col:
            col.update_settings(timezone="UTC", fuzz=True)
            col.import_decks([deck])
            import_history(col, rows, "D")
            runs.append(states(col))
    assert runs[0] == runs[1]
    assert any(s[4] is not None for s in runs[0])


def test_missing_cards_refused_or_created(tmp_path: Path) -> None:
    deck = make_deck(tmp_path / "d.yaml", "D", 2)
    rows = read_history(synthetic_csv(tmp_path / "h.csv", ["q0", "1711684180217"]))
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([deck])
        with pytest.raises(HistoryError) as exc:
            import_history(col, rows, "D", source="h.csv")
        assert "h.csv:" in exc.value.problems[0] and "1711684180217" in exc.value.problems[0]
        assert col.review_log() == []
        result = import_history(col, rows, "D", create_missing=True)
        assert result.created == 1
        assert "1711684180217" in {c.key for c in col.cards()}
        with pytest.raises(HistoryError, match="already has a review"):
            import_history(col, rows, "D")          # the same reviews again: refused, nothing doubled
        assert len(col.review_log()) == len(rows)


def test_bad_lines_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("card_id,review_rating,review_time,review_duration\n"
                    "a,3,2024-03-29T20:32:32+00:00,100\n"
                    "a,5,2024-03-30T20:32:32+00:00,100\n"
                    "a,3,2024-03-31T20:32:32,100\n"
                    "a,3,yesterday,100\n")
    with pytest.raises(HistoryError) as exc:
        read_history(path)
    assert [p.split(": ", 1)[0] for p in exc.value.problems] == [f"{path}:3", f"{path}:4", f"{path}:5"]


def test_cli_import_revlog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from flashcards.cli import main

    deck = make_deck(tmp_path / "d.yaml", "D", 3)
    csv_path = synthetic_csv(tmp_path / "h.csv", ["q0", "q1", "zz"])
    assert main(["--data-dir", str(tmp_path), "import", str(deck)]) == 0
    assert main(["--data-dir", str(tmp_path), "import-revlog", str(csv_path), "--deck", "D"]) == 1
    assert "nothing was imported" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "import-revlog", str(csv_path), "--deck", "D",
                 "--create-missing"]) == 0
    assert "1 placeholder card(s) created" in capsys.readouterr().out
