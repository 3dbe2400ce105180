"""Card images: ``![alt](media/NAME)`` from a deck's media/ folder, copied into the collection's
media folder at import and shown through the safe renderer when the file is a small
PNG/JPEG/GIF/SVG inside that folder; everything else (URLs, other paths, ``..``, links out of the
folder, big or other files) is never read: shown as text, or refused and said so."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from flashcards.core import media

from .app_fixtures import isolated_qsettings, key, open_window

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
       '<rect width="200" height="100" fill="#cde"/><path d="M10 90 C 60 10, 140 10, 190 90" '
       'stroke="#a33" stroke-width="6" fill="none"/></svg>')


def make_media_deck(folder: Path) -> Path:
    """A deck file with a media folder: two good images and five references that must fail."""
    (folder / "media").mkdir(parents=True)
    image = QImage(300, 150, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    image.save(str(folder / "media" / "nerve.png"))
    (folder / "media" / "course.svg").write_text(SVG, encoding="utf-8")
    (folder / "media" / "big.png").write_bytes(b"\x89PNG" + b"0" * (media.MAX_IMAGE_BYTES + 1))
    (folder / "secret.png").write_bytes((folder / "media" / "nerve.png").read_bytes())
    with contextlib.suppress(OSError):
        os.symlink(folder / "secret.png", folder / "media" / "link.png")
    (folder / "images.yaml").write_text(
        'deck: "Img"\ncards:\n  - id: nerve\n'
        '    front: "Which nerve runs here? ![Course of the nerve](media/nerve.png)"\n'
        '    back: "The facial nerve. ![Its course](media/course.svg) ![a](../secret.png) ![b](/etc/hosts.png) '
        '![c](http://example.com/x.png) ![d](media/big.png) ![e](media/link.png)"\n', encoding="utf-8")
    return folder


def test_resolve_accepts_only_small_images_inside_the_folder(tmp_path: Path) -> None:
    make_media_deck(tmp_path)
    folder = tmp_path / "media"
    assert media.resolve(folder, "nerve.png") == (folder / "nerve.png").resolve()
    assert media.resolve(folder, "course.svg") is not None
    for bad in ("../secret.png", "/etc/hosts.png", "http://example.com/x.png", "big.png", "link.png",
                "missing.png", "notes.txt", "C:/x.png", "a/../../secret.png", ".hidden.png"):
        assert media.resolve(folder, bad) is None, bad
    assert media.resolve(None, "nerve.png") is None
    assert media.split_images("a ![x](media/y.png) b") == [("a ", None), ("x", "y.png"), (" b", None)]
    assert media.split_images("![x](../y.png)") == [("![x](../y.png)", None)]       # not image syntax


def test_the_study_screen_shows_the_deck_images_and_nothing_else(qtbot, open_window, tmp_path: Path) -> None:
    decks = make_media_deck(tmp_path / "decks")
    window = open_window(decks)
    copied = media.media_dir(window.state.col.path)
    assert sorted(p.name for p in copied.iterdir()) == ["course.svg", "nerve.png"]   # big.png, link.png refused
    window.start_study("Img")
    view = window.study.view
    doc: QTextDocument = view.document()
    image = doc.resource(QTextDocument.ResourceType.ImageResource, QUrl("cardimg:0"))
    assert isinstance(image, QImage) and image.width() == 300         # decoded from the media folder
    assert "Which nerve runs here?" in view.toPlainText()
    key(qtbot, window, Qt.Key.Key_Space)
    text = view.toPlainText()
    shown = [doc.resource(QTextDocument.ResourceType.ImageResource, QUrl(f"cardimg:{i}")) for i in range(3)]
    assert [isinstance(i, QImage) and i.width() > 1 for i in shown[:2]] == [True, True]   # PNG and SVG
    assert text.count("[image not shown:") == 2                       # big.png and link.png
    assert "![a](../secret.png)" in text and "![c](http://example.com/x.png)" in text   # inert text
    assert all(u.scheme() == "cardimg" for u in view.resource_requests)
    assert view.answer_top() > 0


@pytest.mark.parametrize("name", ["nerve.png", "course.svg"])
def test_images_scale_down_to_the_card(qtbot, tmp_path: Path, name: str) -> None:
    from PySide6.QtCore import QSize

    from flashcards.ui.card_view import load_images

    make_media_deck(tmp_path)
    images = load_images({"cardimg:0": tmp_path / "media" / name}, QSize(100, 100))
    assert images["cardimg:0"].width() <= 100 and images["cardimg:0"].height() <= 100
