"""The search language: every term, negation, or, grouping, errors, and sorting in SQL."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core.search import SearchError, compile_query

from .conftest import T0


def keys(col: Collection, query: str) -> set[str]:
    return {col.card(i).key for i in col.find_cards(query)}


def test_deck_includes_children_and_is_case_insensitive(col: Collection) -> None:
    assert len(col.find_cards('deck:"Hemifacial Spasm"')) == 8
    assert keys(col, 'deck:"hemifacial spasm::symptoms"') == {"eye-closure", "progression"}
    assert keys(col, "deck:Hemifacial*::Sym*") == {"eye-closure", "progression"}
    assert col.find_cards('deck:"Hemifacial"') == []     # a name, not a prefix of a word


def test_tag_text_and_negation(col: Collection) -> None:
    assert keys(col, "tag:cause") == {"neurovascular-compression"}
    assert keys(col, "tag:CAU*") == {"neurovascular-compression"}
    assert keys(col, "\"facial nerve\" -tag:cause") == {"mvd-cloze", "mvd-cloze/c2"}
    assert keys(col, "facial -nerve") >= {"botox", "botox/reverse"}
    assert keys(col, "Secondary") == {"types-list"}             # list items are searched
    assert keys(col, "botox or eye") == {"botox", "botox/reverse", "eye-closure"}
    assert keys(col, "(tag:cause or eye) -eye") == {"neurovascular-compression"}
    assert len(col.find_cards("")) == 8


def test_is_terms_and_properties(col: Collection) -> None:
    first = col.find_cards("key:botox")[0]
    col.sched.answer(first, Rating.Again, now=T0)
    for n in range(1, 5):
        col.sched.answer(first, Rating.Good, now=T0 + timedelta(days=n * 3))
    other = col.find_cards("key:eye-closure")[0]
    col.sched.suspend(other)
    col.sched.bury(col.find_cards("key:progression"), now=T0 + timedelta(days=12))
    assert col.find_cards("is:suspended") == [other]
    assert keys(col, "is:review") == {"botox"}
    assert "botox" not in keys(col, "is:new") and len(col.find_cards("is:new")) == 7
    assert col.notes.find_cards("is:buried", now=T0 + timedelta(days=12)) == col.find_cards("key:progression")
    assert col.notes.find_cards("is:due", now=T0 + timedelta(days=400)) == [first]
    assert col.find_cards("reps>=5") == [first] and col.find_cards("reps>5") == []
    assert col.find_cards("lapses>0") == [] and col.find_cards("lapses=0 is:review") == [first]
    assert col.find_cards("is:learning") == []
    with col.db.write() as conn:
        conn.execute("UPDATE cards SET leech = 1, lapses = 4 WHERE id = ?", (other,))
    assert col.find_cards("is:leech") == [other] == col.find_cards("lapses>3")


def test_retired_cards_are_never_found(col: Collection, decks_dir: Path) -> None:
    path = decks_dir / "symptoms.yaml"
    path.write_text(path.read_text().split("  - id: progression")[0])
    col.import_decks([decks_dir])
    assert "progression" not in keys(col, "")


@pytest.mark.parametrize("query, message", [
    ("is:old", "unknown search term 'is:old'"),
    ("colour:red", "unknown search term 'colour:red'"),
    ('"half', "unclosed quote"),
    ("or botox", "'or' needs a term before it"),
    ("botox or", "'or' needs a term after it"),
    ("(botox", "missing ')'"),
    ("botox)", "unexpected ')'"),
    ("lapses>many", "cannot read 'lapses>many'"),
    ("speed>3", "unknown property"),
    ("tag:", "needs a value"),
])
def test_bad_queries_give_one_line_errors(col: Collection, query: str, message: str) -> None:
    with pytest.raises(SearchError) as info:
        col.find_cards(query)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_values_are_parameters_not_sql() -> None:
    compiled = compile_query("\"x' OR 1=1 --\" tag:%_")
    assert "OR 1=1" not in compiled.where
    assert "%x' OR 1=1 --%" in compiled.params.values()
    assert "\\%\\_" in compiled.params.values()


def test_sorting_happens_in_sql(col: Collection) -> None:
    by_front = col.find_cards("", order="front")
    order = [col.card(i).key for i in by_front]
    assert set(order[:2]) == {"botox", "botox/reverse"} and set(order[-2:]) == {"mvd-cloze", "mvd-cloze/c2"}
    assert col.find_cards("", order="front", descending=True) == by_front[::-1]
    decks = [r.deck for r in col.notes.browser_rows(col.find_cards("", order="deck"))]
    assert decks == sorted(decks, key=str.casefold)
    with pytest.raises(SearchError):
        col.find_cards("", order="colour")
