"""Our .apkg export, opened with the real ``anki`` library; round trips through it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.deck_export import ExportError, deck_data
from flashcards.core.interop.apkg_import import import_package
from flashcards.core.models import Rating

from ..conftest import T0
from .anki_build import PNG, import_into, open_package

DECK = """\
deck: "Cardio::Basics"
cards:
  - id: sa-node
    front: "What is the heart's pacemaker? <b>not html</b>"
    back: "The SA node\\n![node](media/heart.png)"
    tags: [cardio, exam]
  - id: tachy
    type: reverse
    front: Tachycardia
    back: "Heart rate > 100"
  - id: adenosine
    type: cloze
    text: "{{c1::Adenosine}} treats {{c2::SVT::rhythm}}"
    back: IV push
  - id: layers
    type: list
    front: Layers of the heart
    items: [Epicardium, Myocardium, Endocardium]
"""


@pytest.fixture
def ours(tmp_path: Path):
    folder = tmp_path / "src"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "heart.png").write_bytes(PNG)
    (folder / "cardio.yaml").write_text(DECK, encoding="utf-8")
    (folder / "sub.yaml").write_text('deck: "Cardio::Basics::Drugs"\ncards:\n  - id: d1\n    front: Q\n    back: A\n',
                                     encoding="utf-8")
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        col.import_decks([folder])
        yield col


def _anki_notes(acol: object) -> dict[str, tuple[list[str], list[str], set[str], str]]:
    out = {}
    for nid in acol.find_notes(""):  # type: ignore[attr-defined]
        note = acol.get_note(nid)  # type: ignore[attr-defined]
        decks = {acol.decks.name(c.did) for c in note.cards()}  # type: ignore[attr-defined]
        out[note.fields[-1]] = (list(note.fields), sorted(note.tags), decks, note.note_type()["name"])
    return out


def test_anki_opens_our_package(ours: Collection, tmp_path: Path) -> None:
    out = tmp_path / "out" / "cardio.apkg"
    result = ours.decks.export("Cardio", out, "apkg")
    assert result.notes == 5 and result.media == ["heart.png"]
    acol = open_package(out, tmp_path / "anki")
    try:
        assert acol.card_count() == 1 + 2 + 2 + 1 + 1   # basic, reverse, cloze x2, list, sub-deck
        notes = _anki_notes(acol)
        fields, tags, decks, model = notes["sa-node"]
        assert fields[0] == "What is the heart's pacemaker? &lt;b&gt;not html&lt;/b&gt;"
        assert fields[1] == 'The SA node<br><img src="heart.png" alt="node">'
        assert (tags, decks, model) == (["cardio", "exam"], {"Cardio::Basics"}, "Flashcards Basic")
        assert notes["tachy"][3] == "Flashcards Reverse"
        assert notes["adenosine"][0][:2] == ["{{c1::Adenosine}} treats {{c2::SVT::rhythm}}", "IV push"]
        assert notes["layers"][0][1].startswith('<ul class="fc-list"><li>Epicardium</li>')
        assert notes["d1"][2] == {"Cardio::Basics::Drugs"}
        assert (Path(acol.media.dir()) / "heart.png").read_bytes() == PNG
    finally:
        acol.close()


def test_exporting_again_updates_the_same_anki_notes(ours: Collection, tmp_path: Path) -> None:
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    ours.decks.export("Cardio", first, "apkg", now=T0)
    note = ours.notes.note(next(c.id for c in ours.sched.cards() if c.key == "tachy"))
    ours.notes.update(note.id, note.fields.__class__(**{**note.fields.__dict__, "back": "HR over 100"}))
    ours.decks.export("Cardio", second, "apkg", now=T0 + timedelta(minutes=5))
    acol = open_package(first, tmp_path / "anki")
    try:
        import_into(acol, second)
        notes = _anki_notes(acol)
        assert len(notes) == 5 and notes["tachy"][0][1] == "HR over 100"
    finally:
        acol.close()


def test_yaml_apkg_yaml_round_trip(ours: Collection, tmp_path: Path) -> None:
    out = tmp_path / "cardio.apkg"
    ours.decks.export("Cardio", out, "apkg")
    with Collection.open(tmp_path / "other" / "collection.sqlite3") as other:
        summary = import_package(other, out)
        assert len(summary.report.added) == 7 and not summary.skipped
        for deck in ("Cardio::Basics", "Cardio::Basics::Drugs"):
            assert deck_data(other.db, deck) == deck_data(ours.db, deck)
        assert (other.db.path.parent / "media" / "heart.png").read_bytes() == PNG


def test_history_goes_along(ours: Collection, tmp_path: Path) -> None:
    card = next(c for c in ours.sched.cards() if c.key == "sa-node")
    ours.answer(card.id, Rating.Good, now=T0)
    ours.answer(card.id, Rating.Good, now=T0 + timedelta(days=1))
    out = tmp_path / "h.apkg"
    ours.decks.export("Cardio", out, "apkg", with_history=True)
    acol = open_package(out, tmp_path / "anki")
    try:
        assert acol.db.scalar("SELECT count() FROM revlog") == 2
        nid = acol.find_notes("Id:sa-node")[0]
        assert acol.get_note(nid).cards()[0].type == 2      # a review card in Anki too
    finally:
        acol.close()


def test_bad_targets(ours: Collection, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"must end in \.apkg"):
        ours.decks.export("Cardio", tmp_path / "x.zip", "apkg")
    with pytest.raises(ExportError, match="no deck named"):
        ours.decks.export("Nope", tmp_path / "x.apkg", "apkg")
    assert not list(tmp_path.glob("x.*"))
