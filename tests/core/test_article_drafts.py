"""Article drafts (the wizard's core), article detection on import, and line coverage (the reader's core)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.articles import generate_decks
from flashcards.core.articles.coverage import (
    article_lines,
    article_sources,
    coverage,
    find_article,
    source_of_card,
)
from flashcards.core.articles.drafts import (
    ARTICLE_PATHS_KEY,
    card_text,
    draft_article,
    import_draft,
    set_card_text,
)
from flashcards.core.deckspec import DeckValidationError
from flashcards.core.interop import InteropError
from flashcards.core.interop.detect import detect, import_paths

ARTICLE = (Path(__file__).parents[1] / "fixtures" / "knee-pain.txt").read_text(encoding="utf-8")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "knee-pain.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def col(tmp_path: Path):
    col = Collection.open(tmp_path / "data" / "collection.sqlite3")
    yield col
    col.close()


def test_draft_matches_the_generator(article: Path) -> None:
    draft = draft_article(article)
    generated = generate_decks(article)
    assert [d.name for d in draft.decks] == [d.name for d in generated]
    assert [c.data for d in draft.decks for c in d.cards] == [c for d in generated for c in d.data["cards"]]
    assert draft.check() == []
    assert all(c.keep and not c.flags for c in draft.cards())
    assert draft.kept_count() == len(draft.cards())


def test_progress_is_reported_per_section(article: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    draft_article(article, progress=lambda name, i, n: calls.append((name, i, n)))
    assert calls[0][1:] == (1, 3) and calls[-1][1:] == (3, 3)


def test_edit_flags_and_untick(article: Path) -> None:
    draft = draft_article(article)
    deck = draft.decks[1]
    first = deck.cards[0]
    set_card_text(first, question="  ")
    errors = draft.check()
    assert len(errors) == 1 and errors[0].startswith(deck.name + ": card ") and "'front' is empty" in errors[0]
    assert first.flags == ["'front' is empty"]
    first.keep = False                        # an unticked card is neither checked nor imported
    assert draft.check() == [] and first.flags == []
    assert first.data not in draft.chosen()[1].data["cards"]


def test_lint_findings_are_flags_not_errors(article: Path) -> None:
    draft = draft_article(article)
    a, b = draft.decks[1].cards[:2]
    set_card_text(b, question=card_text(a)[0], answer=card_text(a)[1])    # a duplicate
    assert draft.check() == []
    assert b.flags and not a.flags


def test_list_items_are_edited_as_one_line(article: Path) -> None:
    draft = draft_article(article)
    card = draft.cards()[0]
    card.data.update(type="list", front="Name the causes", items=["one", "two"])
    assert card_text(card) == ("Name the causes", "one; two")
    set_card_text(card, answer="one; two ;three")
    assert card.data["items"] == ["one", "two", "three"]


def test_import_draft(col: Collection, article: Path) -> None:
    draft = draft_article(article)
    dropped = draft.decks[1].cards[0]
    dropped.keep = False
    edited = draft.decks[2].cards[0]
    set_card_text(edited, answer="Edited answer about resting the painful knee for days.")
    result = import_draft(col, draft)
    assert len(result.report.added) == len(col.cards())
    keys = {c.key.split("/")[0] for c in col.cards()}
    assert keys == {c.data["id"] for c in draft.cards() if c.keep}
    assert dropped.data["id"] not in keys and edited.data["id"] in keys
    card = next(c for c in col.cards() if c.key == edited.data["id"])
    assert card.back == "Edited answer about resting the painful knee for days."
    assert card.source_line == edited.source_line
    assert col.conf.get(ARTICLE_PATHS_KEY) == {"knee-pain.txt": str(article.resolve())}
    assert col.decks.info(draft.decks[0].name).source == "knee-pain.txt"


def test_invalid_draft_imports_nothing(col: Collection, article: Path) -> None:
    draft = draft_article(article)
    set_card_text(draft.decks[2].cards[1], answer="")
    with pytest.raises(DeckValidationError, match="'back' is empty"):
        import_draft(col, draft)
    assert col.deck_names() == [] and col.conf.get(ARTICLE_PATHS_KEY) is None
    for card in draft.cards():
        card.keep = False
    with pytest.raises(ValueError, match="nothing to import"):
        import_draft(col, draft)


def test_article_is_detected_and_refused_by_import(col: Collection, article: Path, tmp_path: Path) -> None:
    assert detect(article) == "article"
    md = tmp_path / "knee.md"
    md.write_text(ARTICLE.replace("Causes of Knee Pain:", "## Causes of Knee Pain"), encoding="utf-8")
    assert detect(md) == "article"
    with pytest.raises(InteropError, match="this looks like an article: use 'flashcards generate'"):
        import_paths(col, [article])
    assert col.deck_names() == []
    prose = tmp_path / "prose.txt"
    prose.write_text("Just a sentence, with a comma.\n", encoding="utf-8")
    assert detect(prose) == "csv"


def test_coverage_and_finding_the_article(col: Collection, article: Path) -> None:
    draft = draft_article(article)
    import_draft(col, draft)
    sources = article_sources(col)
    assert list(sources) == ["knee-pain.txt"] and sources["knee-pain.txt"] == sorted(d.name for d in draft.decks)
    found = coverage(col, "knee-pain.txt")
    assert sorted(found.lines) == sorted({c.source_line for c in draft.cards() if c.source_line})
    assert set(found.line_of) == {c.id for c in col.cards()}
    assert find_article(col, "knee-pain.txt") == article.resolve()
    lines = article_lines(article)
    assert lines[found.line_of[col.cards()[0].id] - 1].strip()
    uncovered = found.uncovered(lines)
    assert 1 in uncovered and all(lines[n - 1].strip() for n in uncovered)
    assert not set(uncovered) & set(found.lines)
    card = col.cards()[0]
    assert source_of_card(col, card.id) == ("knee-pain.txt", card.source_line)


def test_bundled_article_is_found(col: Collection) -> None:
    root = Path(__file__).parents[2]
    col.decks.import_files([root / "decks"])
    path = find_article(col, "hemifacial-spasm.txt")
    assert path is not None and path.name == "hemifacial-spasm.txt"
    assert find_article(col, "missing.txt") is None
