"""The curated bundled decks: valid, lint-clean, every article item carded, no known slip taught,
and learners' progress survives the revision from the generated v1 decks."""

from __future__ import annotations

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.deckfile import DeckFile, NoteSpec, load_deck_files
from flashcards.core.lint import MAX_LIST_ITEMS, answer_part, lint_deck
from flashcards.core.models import CardState, CardType, Rating

from .conftest import T0

ROOT = Path(__file__).resolve().parents[2]
DECKS = ROOT / "decks" / "hemifacial-spasm"
SOURCE = ROOT / "resources" / "sources" / "hemifacial-spasm.txt"
V1 = ROOT / "tests" / "fixtures" / "decks-v1" / "hemifacial-spasm"   # the generated decks, never edited
ITEM_RE = re.compile(r"^\s+(\d+\.|•)\s")
SAYS_RELAXANT = re.compile(  # "Botox is a muscle relaxant", "muscle relaxants such as Botox"
    r"(botox|botulinum)[^.;]*\b(is|as|are)\s+(an?\s+)?(\w+\s+)?muscle relaxant"
    r"|muscle relaxants?[^.;]*\b(like|such as|e\.g\.|including)[^.;]*(botox|botulinum)", re.IGNORECASE)
AGGRAVATING = ("stress", "fatigue", "smoking", "alcohol", "caffeine")


@pytest.fixture(scope="module")
def decks() -> list[DeckFile]:
    loaded, errors = load_deck_files([DECKS])
    assert errors == []
    return loaded


def texts(note: NoteSpec) -> list[str]:
    return [note.front, note.back, note.text, *note.items]


def taught(note: NoteSpec) -> str:
    """What the card teaches: every field without its asides (where the article is quoted)."""
    return "\n".join(answer_part(t) for t in texts(note) if t)


def test_bundled_decks_validate_with_the_names_learners_already_have(decks: list[DeckFile]) -> None:
    v1, errors = load_deck_files([V1])
    assert errors == []
    assert sorted(d.name for d in decks) == sorted(d.name for d in v1)
    assert all(n.source_line for d in decks for n in d.notes), "every card keeps its source line"


def test_lint_is_clean(decks: list[DeckFile]) -> None:
    assert [str(f) for d in decks for f in lint_deck(d)] == []


def test_lint_flags_the_v1_decks() -> None:
    """The check has teeth: the generated decks it replaces had many findings."""
    v1, _ = load_deck_files([V1])
    assert len([f for d in v1 for f in lint_deck(d)]) > 50
    v1_text = [taught(n) for d in v1 for n in d.notes]
    assert any(SAYS_RELAXANT.search(t) for t in v1_text), "the slip detector finds the article's slip"
    assert any("remove blood vessels" in t for t in v1_text)


def test_every_item_line_of_the_article_is_carded(decks: list[DeckFile]) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    items = [number for number, line in enumerate(lines, 1) if ITEM_RE.match(line)]
    assert len(items) == 87
    covered = {n.source_line for d in decks for n in d.notes}
    assert [i for i in items if i not in covered] == []


def test_lists_are_short_and_come_after_their_item_cards(decks: list[DeckFile]) -> None:
    for deck in decks:
        seen_items = False
        for note in deck.notes:
            if note.type == CardType.LIST:
                assert len(note.items) <= MAX_LIST_ITEMS, note.id
                assert seen_items or len(deck.notes) == 1, f"{note.id} comes before any item card"
            else:
                seen_items = True
        if any(n.type == CardType.LIST for n in deck.notes):
            assert deck.notes[-1].type == CardType.LIST, f"{deck.name}: lists go last"


def test_botox_is_never_taught_as_a_muscle_relaxant(decks: list[DeckFile]) -> None:
    for note in (n for d in decks for n in d.notes):
        for sentence in re.split(r"(?<=[.;])\s+", taught(note)):
            if SAYS_RELAXANT.search(sentence):
                assert re.search(r"\b(no|not)\b", sentence, re.IGNORECASE), (note.id, sentence)
    first_line = [n for d in decks for n in d.notes if "first-line" in n.front]
    assert first_line and "botulinum toxin" in first_line[0].back.lower()


def test_mvd_never_removes_vessels(decks: list[DeckFile]) -> None:
    mvd = [n for d in decks for n in d.notes
           if re.search(r"microvascular decompression|\bMVD\b", " ".join(texts(n)), re.IGNORECASE)]
    assert len(mvd) >= 5
    for note in mvd:
        assert not re.search(r"remov", " ".join(texts(note)), re.IGNORECASE), note.id
    assert any("Teflon" in n.back and "artery" in n.back for n in mvd)


def test_aggravating_factors_are_not_taught_as_causes(decks: list[DeckFile]) -> None:
    causes = next(d for d in decks if d.name == "Hemifacial Spasm::Causes")
    for note in causes.notes:
        body = taught(note).lower()
        named = [w for w in AGGRAVATING if re.search(rf"\b{w}\b", body)]
        if named:
            assert re.search(r"aggravat|worsen|not (a )?cause|does not cause|no\b", body), note.id
    for note in causes.notes:
        if note.type == CardType.LIST and "aggravat" not in note.front:
            assert not any(w in item.lower() for item in note.items for w in AGGRAVATING), note.id


def test_other_known_slips_are_put_right(decks: list[DeckFile]) -> None:
    notes = {n.id: n for d in decks for n in d.notes}
    primary = notes["types-primary-hemifacial-spasm"].back
    assert "root exit zone" in primary and "AICA" in primary
    assert "cannot close" in notes["treatment-options-eyelid-weights"].back
    for key in ("treatment-options-radiation-therapy", "treatment-options-rhizotomy",
                "treatment-options-nerve-grafting", "diagnostic-tests-ct-scan", "diagnostic-tests-blood-tests"):
        assert re.match(r"(No|Only)\b", answer_part(notes[key].back)), key
    assert "not a routine test" in notes["diagnostic-tests-lumbar-puncture"].back
    assert "lateral spread" in notes["diagnostic-tests-emg-electromyography"].back


def test_progress_survives_the_revision(tmp_path: Path) -> None:
    """Study with the v1 decks, import the curated ones: cards whose id stays keep their state."""
    old = tmp_path / "v1"
    shutil.copytree(V1, old)
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([old])
        studied: dict[str, tuple] = {}
        for deck in ("Hemifacial Spasm::Causes", "Hemifacial Spasm::Types", "Hemifacial Spasm::Surgery",
                     "Hemifacial Spasm::Treatment Options"):
            for index, card in enumerate(col.cards(deck)[:12]):
                now = T0 + timedelta(minutes=index)
                col.answer(card.id, Rating.Good if index % 3 else Rating.Easy, now=now)
                after = col.answer(card.id, Rating.Good, now=now + timedelta(minutes=20))
                studied[f"{deck}/{card.key}"] = (card.id, after.reps, after.state, after.due, after.stability)
        new = load_deck_files([DECKS])[0]
        kept_keys = {f"{d.name}/{key}" for d in new for n in d.notes for key, _ in n.study_cards()}
        report = col.import_decks([DECKS])
        assert report.removed, "the curated decks drop the flawed cards"
        now_cards = {f"{c.deck}/{c.key}": c for d in new for c in col.cards(d.name)}
        kept = [key for key in studied if key in kept_keys]
        assert len(kept) >= 10
        for key in kept:
            card = now_cards[key]
            assert (card.id, card.reps, card.state, card.due, card.stability) == studied[key], key
            assert card.state != CardState.New
        for key in studied.keys() - kept_keys:
            assert key not in now_cards, f"{key} was removed from the decks but is still studied"
