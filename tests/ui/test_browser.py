"""The card browser driven as an instructor would: search with each term, sort, bulk-tag 50
cards, suspend and unsuspend, delete and undo; lazy loading at many cards."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from flashcards import Collection, Rating
from flashcards.ui.browser import BATCH, PAGE, BrowserWindow, CardTableModel
from flashcards.ui.operations import CollectionState

from .app_fixtures import isolated_qsettings, make_deck

FIXTURES = Path(__file__).parents[1] / "fixtures" / "decks"


@pytest.fixture
def state(tmp_path: Path):
    make_deck(tmp_path / "decks" / "drugs.yaml", "Hemifacial Spasm::Drugs", 60, prefix="d")
    col = Collection.open(tmp_path / "data" / "collection.sqlite3")
    col.update_settings(timezone="UTC", fuzz=False)
    col.import_decks([FIXTURES, tmp_path / "decks"])
    yield CollectionState(col)
    col.close()


@pytest.fixture
def browser(qtbot, state: CollectionState) -> BrowserWindow:
    window = BrowserWindow(state)
    qtbot.addWidget(window)
    window.show()
    return window


def search(browser: BrowserWindow, query: str) -> list[int]:
    browser.search_box.setText(query)
    assert browser.run_search(), browser.error_label.text()
    return list(browser.model.ids)


def test_browser_shows_every_card_with_its_columns(browser: BrowserWindow) -> None:
    model = browser.model
    assert browser.count_label.text() == "68 cards" and model.rowCount() == 68
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Front", "Back", "Deck", "Type", "Tags", "Due", "Interval", "Difficulty", "Lapses", "Reviews"]
    row = next(r for r in range(68) if model.data(model.index(r, 3)) == "cloze")
    assert model.data(model.index(row, 0)).startswith("[...] relieves pressure")
    assert model.data(model.index(row, 2)) == "Hemifacial Spasm::Causes"


def test_browser_search_with_each_term(browser: BrowserWindow, state: CollectionState) -> None:
    col = state.col
    drug = col.find_cards("key:d1")[0]
    col.sched.answer(drug, Rating.Again)
    assert len(search(browser, 'deck:"Hemifacial Spasm::Drugs"')) == 60
    assert len(search(browser, 'deck:"Hemifacial Spasm"')) == 68
    assert len(search(browser, "tag:cause")) == 1
    assert len(search(browser, "is:new")) == 67
    assert search(browser, "is:learning") == [drug]
    assert search(browser, "is:due") == [drug]
    assert search(browser, "is:review") == []
    col.sched.suspend(col.find_cards("key:d2"))
    assert len(search(browser, "is:suspended")) == 1
    col.sched.bury(col.find_cards("key:d3"))
    assert len(search(browser, "is:buried")) == 1
    assert search(browser, "is:leech") == []
    assert search(browser, "lapses>3") == [] and search(browser, "reps>=1") == [drug]
    assert len(search(browser, '"Question d1"')) == 11          # d1, d10…d19
    assert len(search(browser, '"Question d1" -"Question d10"')) == 10
    assert len(search(browser, "tag:cause or key:d5")) == 2
    browser.search_box.setText("is:someday")
    assert not browser.run_search()
    assert browser.error_label.isVisible() and "unknown search term 'is:someday'" in browser.error_label.text()
    assert len(browser.model.ids) == 2                            # the last good result stays


def test_sorting_is_done_by_the_core(browser: BrowserWindow) -> None:
    browser.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    decks = [browser.model.data(browser.model.index(r, 2)) for r in range(browser.model.rowCount())]
    assert decks[0] == "Hemifacial Spasm::Symptoms" and decks[-1] == "Hemifacial Spasm::Causes"
    browser.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert browser.model.sort_key == "front" and not browser.model.descending


def test_bulk_tag_50_suspend_unsuspend_delete_and_undo(qtbot, browser: BrowserWindow, state: CollectionState) -> None:
    col = state.col
    ids = search(browser, 'deck:"Hemifacial Spasm::Drugs"')[:50]
    browser.select_ids(ids)
    assert browser.selected_ids() == ids
    browser.add_tags("exam week1")
    assert sorted(col.find_cards("tag:exam")) == sorted(ids) and len(col.find_cards("tag:week1")) == 50
    assert browser.selected_ids() == ids                     # the selection survives the refresh
    assert col.undo_status().label == "Undo Add tags"
    browser.remove_tags("week1")
    assert col.find_cards("tag:week1") == []
    browser.actions_by_name["suspend"].trigger()
    assert len(col.find_cards("is:suspended")) == 50
    browser.actions_by_name["unsuspend"].trigger()
    assert col.find_cards("is:suspended") == []
    browser.actions_by_name["bury"].trigger()
    assert len(col.find_cards("is:buried")) == 50
    browser.actions_by_name["unbury"].trigger()
    browser.move_to_deck("Exam::Week 1")
    assert len(col.find_cards('deck:"Exam::Week 1"')) == 50
    assert browser.selected_ids() == []                      # they left the search's deck
    browser.select_ids(search(browser, 'deck:"Exam::Week 1"'))
    browser.actions_by_name["delete"].trigger()
    assert col.find_cards('deck:"Exam::Week 1"') == [] and browser.count_label.text() == "0 cards"
    browser.actions_by_name["undo"].trigger()
    assert len(col.find_cards('deck:"Exam::Week 1"')) == 50 and browser.count_label.text() == "50 cards"


def test_reset_progress_is_undoable(browser: BrowserWindow, state: CollectionState) -> None:
    col = state.col
    card = col.find_cards("key:d4")[0]
    col.sched.answer(card, Rating.Good)
    browser.select_ids(search(browser, "key:d4"))
    browser.actions_by_name["reset"].trigger()
    assert col.card(card).reps == 0
    browser.undo()
    assert col.card(card).reps == 1


def test_lazy_loading_reads_only_what_is_shown(qtbot, tmp_path: Path) -> None:
    make_deck(tmp_path / "big" / "big.yaml", "Big", 5000, prefix="b")
    with Collection.open(tmp_path / "big.sqlite3") as col:
        col.import_decks([tmp_path / "big"])
        model = CardTableModel(CollectionState(col))
        model.search("")
        assert len(model.ids) == 5000 and model.rowCount() == BATCH and model.canFetchMore()
        assert model.data(model.index(0, 0)) == "Question b0?"
        assert model.pages_read == 1
        model.fetchMore()
        assert model.rowCount() == 2 * BATCH and model.pages_read == 1
        assert model.data(model.index(BATCH + 5, 0)) == f"Question b{BATCH + 5}?"
        assert model.pages_read == 2 and (BATCH + 5) // PAGE in model._pages
