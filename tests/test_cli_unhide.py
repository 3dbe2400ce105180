"""Unsuspend and unbury: the library (col.sched), the ``unsuspend`` / ``unbury`` commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "decks"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _hide_some(data: Path) -> tuple[list[int], list[int]]:
    with Collection.open(data / "collection.sqlite3") as col:
        col.import_decks([FIXTURES])
        cards = col.sched.cards("Hemifacial Spasm::Causes")
        suspended, buried = [cards[0].id, cards[1].id], [cards[2].id]
        col.sched.suspend(suspended)
        col.sched.bury(buried)
        other = col.sched.cards("Hemifacial Spasm::Symptoms")[0].id
        col.sched.suspend(other)
        assert col.sched.hidden("Hemifacial Spasm::Causes").suspended == tuple(sorted(suspended))
        assert col.sched.hidden_counts()["Hemifacial Spasm::Causes"] == (2, 1)
        return [*suspended, other], buried


def test_library_unsuspend_and_unbury_bring_cards_back(tmp_path: Path) -> None:
    suspended, buried = _hide_some(tmp_path)
    with Collection.open(tmp_path / "collection.sqlite3") as col:
        before = col.counts("Hemifacial Spasm").new
        col.sched.unsuspend(col.sched.hidden().suspended)
        col.sched.unbury(col.sched.hidden().buried)
        assert col.sched.hidden() == type(col.sched.hidden())((), ())
        assert col.sched.hidden_counts() == {}
        assert col.counts("Hemifacial Spasm").new == before + len(suspended) + len(buried)


def test_cli_unsuspend_one_deck_then_unbury(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _hide_some(tmp_path)
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "unsuspend", "--deck", "Hemifacial Spasm::Causes")
    assert code == 0 and out.strip() == "2 card(s) unsuspended in Hemifacial Spasm::Causes"
    with Collection.open(tmp_path / "collection.sqlite3") as col:
        assert len(col.sched.hidden().suspended) == 1          # the other deck's card stays
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "unbury")
    assert code == 0 and out.strip() == "1 card(s) unburied"
    code, out, _ = _run(capsys, "--data-dir", str(tmp_path), "unsuspend")
    assert code == 0 and out.strip() == "1 card(s) unsuspended"


def test_cli_unknown_deck_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _hide_some(tmp_path)
    code, out, err = _run(capsys, "--data-dir", str(tmp_path), "unsuspend", "--deck", "Nope")
    assert code == 1 and out == "" and err.startswith("error: no deck named 'Nope'") and err.count("\n") == 1
    with Collection.open(tmp_path / "collection.sqlite3") as col:
        assert len(col.sched.hidden().suspended) == 3           # nothing changed
