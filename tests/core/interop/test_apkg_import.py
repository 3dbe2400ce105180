"""Importing Anki packages built by the real ``anki`` library, in the legacy and current formats."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.interop import InteropError
from flashcards.core.interop.apkg_import import import_package, key_for_guid
from flashcards.core.notes import NoteFields

from .anki_build import PNG, build_package


@pytest.fixture
def fresh(tmp_path: Path):
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.update_settings(timezone="UTC", fuzz=False)
        yield col


@pytest.mark.parametrize("legacy", [True, False], ids=["legacy", "current"])
@pytest.mark.parametrize("colpkg", [False, True], ids=["apkg", "colpkg"])
def test_package_cards_tags_decks_and_reviews(fresh: Collection, tmp_path: Path, legacy: bool, colpkg: bool) -> None:
    built = build_package(tmp_path / "anki", legacy=legacy, colpkg=colpkg)
    summary = import_package(fresh, built.path, with_history=True)

    cards = {c.key: c for c in fresh.sched.cards()}
    basic = cards[key_for_guid(built.guids["What is <b>the</b> heart&#39;s pacemaker?"])]
    assert (basic.deck, basic.type) == ("Top::Sub", "basic")
    assert basic.front == "What is the heart's pacemaker?"
    assert basic.back == "The SA node\n![](media/heart.png)\n• right atrium\n• near the SVC"
    assert basic.tags == ("cardio", "exam::part1")
    assert (fresh.db.path.parent / "media" / "heart.png").read_bytes() == PNG

    rev = key_for_guid(built.guids["Tachycardia"])
    assert (cards[rev].deck, cards[rev].type, cards[rev].back) == ("Top", "reverse", "Heart rate > 100")
    assert cards[rev + "/reverse"].question() == "Heart rate > 100"
    cloze = key_for_guid(built.guids["{{c1::Adenosine}} treats {{c2::SVT::rhythm}}"])
    assert cards[cloze].question() == "[...] treats SVT"
    assert cards[cloze + "/c2"].question() == "Adenosine treats [rhythm]"
    assert cards[cloze].back == "IV push"
    other = cards[key_for_guid(built.guids["Other type"])]
    assert (other.type, other.front, other.back) == ("basic", "Other type", "second field")
    assert len(cards) == 6
    assert {"Top", "Top::Sub"} <= set(fresh.decks.names())

    # three answers replayed (the manual reschedule is not an answer)
    assert summary.reviews == built.reviews == 3
    assert basic.reps == 3 and basic.lapses == 1
    assert len(fresh.card_store.review_log(basic.id)) == 3
    assert "6 added" in summary.summary() and "3 review(s) replayed" in summary.summary()


def test_second_import_updates_the_same_cards(fresh: Collection, tmp_path: Path) -> None:
    built = build_package(tmp_path / "anki", legacy=False)
    import_package(fresh, built.path, with_history=True)
    again = import_package(fresh, built.path, with_history=True)
    assert (len(again.report.added), len(again.report.unchanged), again.reviews) == (0, 6, 0)
    assert len(fresh.sched.cards()) == 6
    assert any(why == "already in the collection" for _, why in again.skipped)


def test_merge_keeps_the_decks_other_cards(fresh: Collection, tmp_path: Path) -> None:
    fresh.notes.add("Top", NoteFields(front="mine", back="kept"))
    import_package(fresh, build_package(tmp_path / "anki", legacy=True).path)
    assert "mine" in {c.front for c in fresh.sched.cards("Top")}


def _bytes(col: Collection) -> bytes:
    """The collection file and its journal, as on disk."""
    return b"".join(p.read_bytes() for p in sorted(Path(col.db.path).parent.glob("collection.sqlite3*")))


@pytest.mark.parametrize("damage", ["truncated", "traversal", "bomb", "not-zip", "no-collection", "garbage-db"])
def test_malformed_packages_change_nothing(fresh: Collection, tmp_path: Path, damage: str) -> None:
    good = build_package(tmp_path / "anki", legacy=False).path
    bad = tmp_path / "bad.apkg"
    if damage == "truncated":
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "not-zip":
        bad.write_text("front,back\n", encoding="utf-8")
    else:
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
            if damage == "traversal":
                z.writestr("../evil.txt", b"x")
                z.writestr("collection.anki21", b"x")
            elif damage == "bomb":
                z.writestr("collection.anki21", b"\0" * (20 * 1024 * 1024))
            elif damage == "no-collection":
                z.writestr("media", b"{}")
            else:
                z.writestr("collection.anki21", b"SQLite format 3\0" + b"\1" * 5000)
    before = _bytes(fresh)
    with pytest.raises(InteropError) as info:
        import_package(fresh, bad, with_history=True)
    assert len(info.value.problems) == 1 and info.value.problems[0].startswith(f"{bad}: ")
    assert "\n" not in info.value.problems[0]
    assert _bytes(fresh) == before
    assert fresh.sched.cards() == []
    assert not (tmp_path / "evil.txt").exists()
