"""Practice tests: distractors from the same deck, a matching round, the score and the missed
cards; and the schedule (cards, review log) left exactly as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.practice import make_test

from .conftest import make_deck


def _snapshot(col: Collection) -> tuple[list[tuple], list[tuple]]:
    with col.db.read() as conn:
        return ([tuple(r) for r in conn.execute("SELECT * FROM cards ORDER BY id")],
                [tuple(r) for r in conn.execute("SELECT * FROM revlog ORDER BY id")])


@pytest.fixture
def col(tmp_path: Path):
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "P::A", 12, "a")
    make_deck(decks / "b.yaml", "P::B", 12, "b")
    for path, prefix in ((decks / "a.yaml", "a"), (decks / "b.yaml", "b")):   # distinct answers per deck
        path.write_text(path.read_text().replace('back: "Answer ', f'back: "{prefix.upper()} answer '))
    with Collection.open(tmp_path / "c.sqlite3") as collection:
        collection.decks.import_files([decks])
        yield collection


def test_questions_take_wrong_options_from_the_same_deck(col: Collection) -> None:
    before = _snapshot(col)
    test = make_test(col, "P", questions=8, options=4, match_pairs=5, seed=3)
    assert len(test.questions) == 8
    for q in test.questions:
        card = col.card(q.card_id)
        assert q.options[q.correct] == card.answer() and len(q.options) == 4 == len(set(q.options))
        prefix = card.answer()[0]
        assert all(o.startswith(prefix) for o in q.options)          # all from the card's own deck
    assert test.match is not None and len(test.match.terms) == 5
    for term, k in zip(test.match.terms, test.match.solution):
        card = next(c for c in col.sched.cards("P") if c.question() == term)
        assert test.match.explanations[k] == card.answer()
    assert _snapshot(col) == before


def test_score_and_missed_cards(col: Collection) -> None:
    before = _snapshot(col)
    test = make_test(col, "P::A", questions=4, match_pairs=3, seed=1)
    assert test.choose(0, test.questions[0].correct) is True
    wrong = (test.questions[1].correct + 1) % len(test.questions[1].options)
    assert test.choose(1, wrong) is False
    test.choose(2, test.questions[2].correct)
    # question 3 left unanswered: missed
    match = test.match
    assert match is not None
    test.pair(0, match.solution[1])                                   # two terms swapped
    test.pair(1, match.solution[0])
    with pytest.raises(ValueError):
        test.pair(2, match.solution[0])                               # used already
    test.pair(2, match.solution[2])
    assert test.total == 7 and test.score == 2 + 1
    assert test.missed() == list(dict.fromkeys([test.questions[1].card_id, test.questions[3].card_id,
                                                 match.card_ids[0], match.card_ids[1]]))
    with pytest.raises(ValueError):
        test.choose(0, 9)
    assert _snapshot(col) == before


def test_a_deck_with_too_few_cards_is_refused(tmp_path: Path) -> None:
    make_deck(tmp_path / "one.yaml", "One", 1)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([tmp_path / "one.yaml"])
        with pytest.raises(ValueError, match="at least two cards"):
            make_test(col, "One")
        with pytest.raises(KeyError):
            make_test(col, "Nope")


def test_small_decks_borrow_wrong_options_from_the_tree(tmp_path: Path) -> None:
    decks = tmp_path / "d"
    decks.mkdir()
    make_deck(decks / "a.yaml", "T::A", 2, "a")
    make_deck(decks / "b.yaml", "T::B", 6, "b")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([decks])
        test = make_test(col, "T", questions=8, options=4, seed=0)
        assert all(len(q.options) >= 2 for q in test.questions)
