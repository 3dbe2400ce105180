"""Building Anki packages with the real ``anki`` library (a test-only dependency) and reading
packages back with it, for the interop tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")   # the reference implementation (test extra)

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
T0_MS = 1_767_225_600_000           # 2026-01-01 00:00 UTC: reviews are an hour apart after it


@dataclass
class Built:
    """What the package holds, as the tests expect it after import."""

    path: Path
    reviews: int                    # answers (ease 1-4) of the basic note's card
    guids: dict[str, str]           # front -> Anki GUID


def build_package(folder: Path, legacy: bool, colpkg: bool = False) -> Built:
    """A package with a basic note (HTML, image, tags) in ``Top::Sub``, a reversed note in
    ``Top``, a cloze note, a note of another type with three fields, and three answers plus a
    manual reschedule in the review log."""
    folder.mkdir(parents=True, exist_ok=True)
    col = anki_collection.Collection(str(folder / "anki.anki2"))
    sub, top = col.decks.id("Top::Sub"), col.decks.id("Top")
    (Path(col.media.dir()) / "heart.png").write_bytes(PNG)

    def add(model: str, deck: int, tags: list[str], **fields: str) -> object:
        note = col.new_note(col.models.by_name(model))
        for name, value in fields.items():
            note[name] = value
        note.tags = tags
        col.add_note(note, deck)
        return note

    basic = add("Basic", sub, ["cardio", "exam::part1"], Front="What is <b>the</b> heart&#39;s pacemaker?",
                Back='The SA node<br><img src="heart.png"><ul><li>right atrium</li><li>near the SVC</li></ul>'
                     '<script>alert(1)</script>')
    add("Basic (and reversed card)", top, [], Front="Tachycardia", Back="Heart rate &gt; 100")
    add("Cloze", sub, ["cloze"], Text="{{c1::Adenosine}} treats {{c2::SVT::rhythm}}", **{"Back Extra": "IV push"})
    add("Basic (optional reversed card)", top, [], Front="Other type", Back="second field",
        **{"Add Reverse": ""})
    card_id = col.find_cards(f"nid:{basic.id}")[0]  # type: ignore[attr-defined]
    for i, (ease, kind) in enumerate([(3, 0), (3, 1), (1, 1), (0, 4)]):
        col.db.execute("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                       "VALUES (?, ?, -1, ?, 1, 0, 2500, 4000, ?)", T0_MS + i * 3_600_000, card_id, ease, kind)
    guids = {n["Front"] if "Front" in n else n["Text"]: n.guid
             for n in (col.get_note(nid) for nid in col.find_notes(""))}
    out = folder / ("anki.colpkg" if colpkg else "anki.apkg")
    if colpkg:
        col.export_collection_package(str(out), include_media=True, legacy=legacy)   # closes the collection
    else:
        col.export_anki_package(out_path=str(out), limit=None, options=anki_collection.ExportAnkiPackageOptions(
            with_scheduling=True, with_deck_configs=False, with_media=True, legacy=legacy))
        col.close()
    return Built(out, 3, guids)


def import_into(col: object, package: Path) -> None:
    """Import ``package`` into Anki collection ``col`` with its scheduling, updating notes."""
    from anki import import_export_pb2 as pb  # type: ignore[attr-defined]

    options = pb.ImportAnkiPackageOptions(with_scheduling=True,
                                          update_notes=pb.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS)
    col.import_anki_package(pb.ImportAnkiPackageRequest(package_path=str(package), options=options))  # type: ignore[attr-defined]


def open_package(package: Path, folder: Path) -> object:
    """A fresh Anki collection with ``package`` imported (the caller closes it)."""
    folder.mkdir(parents=True, exist_ok=True)
    col = anki_collection.Collection(str(folder / "check.anki2"))
    import_into(col, package)
    return col
