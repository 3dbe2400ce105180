"""Saving decks back to YAML: export → import gives the same cards with the same ids; images
travel in media/; learners who re-import an updated file keep their progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core.deck_export import ExportError
from flashcards.core.deckfile import load_deck_files
from flashcards.core.media import add_media, image_markup, media_dir
from flashcards.core.notes import NoteFields

from .conftest import T0

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082")


def snapshot(col: Collection) -> list[tuple]:
    return sorted((c.deck, c.key, c.type, c.front, c.back, c.text, c.items, c.tags, c.source_line)
                  for c in col.cards())


def test_round_trip_same_cards_same_ids(col: Collection, tmp_path: Path) -> None:
    col.notes.add("Hemifacial Spasm::Causes", NoteFields("list", "Two drugs?", items=("A drug", "B drug"),
                                                          tags=("drug", "exam")))
    before = snapshot(col)
    result = col.decks.export("Hemifacial Spasm", tmp_path / "out")
    assert [p.name for p in result.files] == ["hemifacial-spasm--causes.yaml", "hemifacial-spasm--symptoms.yaml"]
    decks, errors = load_deck_files([tmp_path / "out"])
    assert not errors and len(decks) == 2
    same = col.decks.import_files([tmp_path / "out"]).report
    assert not same.added and not same.updated and not same.removed and len(same.unchanged) == 9
    with Collection.open(tmp_path / "fresh" / "c.sqlite3") as fresh:
        fresh.import_decks([tmp_path / "out"])
        assert snapshot(fresh) == before
        info = fresh.deck_info("Hemifacial Spasm::Causes")
        assert info.description == "Why the facial nerve misfires." and info.source == "hemifacial-spasm.txt"


def test_reimport_of_an_updated_export_keeps_progress(col: Collection, tmp_path: Path) -> None:
    card = col.find_cards("key:botox")[0]
    col.sched.answer(card, Rating.Good, now=T0)
    path = tmp_path / "causes.yaml"
    col.decks.export("Hemifacial Spasm::Causes", path)
    path.write_text(path.read_text().replace("temporarily paralyse", "weaken"))
    report = col.decks.import_files([path]).report
    assert "Hemifacial Spasm::Causes/botox" in report.updated
    assert col.card(card).reps == 1 and "weaken" in col.card(card).back


def test_images_travel_with_the_deck(col: Collection, tmp_path: Path) -> None:
    image = tmp_path / "face scan.png"
    image.write_bytes(PNG)
    name = add_media(col.path, image)
    assert name == "face-scan.png" and (media_dir(col.path) / name).read_bytes() == PNG
    col.notes.add("Imaging", NoteFields("basic", "What does this show?\n" + image_markup(name, "MRI"), "A loop"))
    out = tmp_path / "export" / "imaging.yaml"
    result = col.decks.export("Imaging", out)
    assert result.media == [name] and (out.parent / "media" / name).read_bytes() == PNG
    with Collection.open(tmp_path / "other" / "c.sqlite3") as other:
        other.import_decks([out])
        assert (media_dir(other.path) / name).read_bytes() == PNG
        assert "![MRI](media/face-scan.png)" in other.cards("Imaging")[0].front


def test_refused_exports_write_nothing(col: Collection, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no deck named"):
        col.decks.export("Nope", tmp_path / "x.yaml")
    with pytest.raises(ExportError, match="sub-decks"):
        col.decks.export("Hemifacial Spasm", tmp_path / "x.yaml")
    col.decks.create("Empty")
    with pytest.raises(ExportError, match="no cards"):
        col.decks.export("Empty", tmp_path / "e.yaml")
    with pytest.raises(ExportError, match="unknown format"):
        col.decks.export("Hemifacial Spasm::Causes", tmp_path / "c.pdf", fmt="pdf")
    assert list(tmp_path.glob("*.yaml")) == []
