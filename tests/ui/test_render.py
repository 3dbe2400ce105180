"""Card text is rendered inert: no markup, links, images or file reads from deck text."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from flashcards.core.cloze import cloze_segments
from flashcards.ui.render import SafeDocument, SafeTextBrowser, card_html, escape_text

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="http://example.com/track.png">',
    '<img src="file:///etc/passwd">',
    "<a href=\"javascript:alert('x')\">click</a>",
    "file:///etc/passwd",
    '<a href="file:///etc/passwd">passwd</a>',
    "<style>body{display:none}</style>",
    '"><img src=x onerror=alert(1)>',
    "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;",
    "<!-- comment --><![CDATA[x]]>",
    '<link rel="stylesheet" href="http://example.com/x.css">',
    "<table><tr><td>cell</td></tr></table>",
    "<b>bold</b> <i>it</i> <h1>big</h1>",
]
ALLOWED_TAG = re.compile(r'^(<br>|<span class="cloze" style="color:#[0-9a-fA-F]{3,8}; font-weight:700">|</span>)$')


def _plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_as_visible_text(qapp, text):
    out = card_html(text)
    assert all(ALLOWED_TAG.match(tag) for tag in re.findall(r"<[^>]*>", out)), out
    assert "<" not in out.replace("<br>", "")
    assert _plain(out) == text  # shown exactly as typed, nothing interpreted


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_inside_cloze_segments_is_inert(qapp, text):
    segments = cloze_segments(f"Before {{{{c1::{text}}}}} after {text}", 1, reveal=True)
    out = card_html("", segments)
    assert all(ALLOWED_TAG.match(tag) for tag in re.findall(r"<[^>]*>", out)), out
    assert _plain(out) == f"Before {text} after {text}"


def test_newlines_become_breaks_and_spaces_survive(qapp):
    out = card_html("line 1\nline 2\r\nline 3\rline 4")
    assert out.count("<br>") == 3
    assert _plain(out) == "line 1\nline 2\nline 3\nline 4"
    assert _plain(card_html("a   b")) == "a   b"


def test_control_characters_are_dropped():
    assert escape_text("a\x00b\x1bc\x7fd\u0085e") == "abcde"


def test_highlight_wraps_only_the_asked_part(qapp):
    segments = cloze_segments("{{c1::Microvascular decompression}} relieves the {{c2::facial nerve}}.", 1, False)
    out = card_html("ignored", segments, cloze_color="#123456")
    assert out == ('<span class="cloze" style="color:#123456; font-weight:700">[...]</span>'
                   " relieves the facial nerve.")
    assert _plain(out) == "[...] relieves the facial nerve."


def test_hostile_cloze_colour_is_refused():
    out = card_html("", [("x", True)], cloze_color='red; background:url(file:///etc/passwd)')
    assert "url(" not in out and "passwd" not in out


def test_empty_highlight_falls_back_to_text(qapp):
    assert card_html("<b>", []) == "&lt;b&gt;"
    assert card_html("<b>", None) == "&lt;b&gt;"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'\n \t/=:;"),
               max_size=200))
def test_any_text_round_trips_without_markup(qapp, text):
    out = card_html(text)
    assert all(ALLOWED_TAG.match(tag) for tag in re.findall(r"<[^>]*>", out))
    # Whitespace at line edges is HTML's business; every other character must be shown as is.
    squash = lambda s: " ".join(s.replace("\u2029", "\n").replace("\u2028", "\n").split())  # noqa: E731
    assert squash(_plain(out)) == squash(text.replace("\t", "    "))


# ----------------------------------------------------------------- SafeTextBrowser
@pytest.fixture
def red_png(tmp_path) -> Path:
    img = QImage(40, 40, QImage.Format.Format_RGB32)
    img.fill(QColor("#ff0000"))
    path = tmp_path / "red.png"
    assert img.save(str(path))
    return path


def _has_red(widget) -> bool:
    img = widget.grab().toImage()
    return any(img.pixelColor(x, y).name() == "#ff0000"
               for x in range(0, img.width(), 2) for y in range(0, img.height(), 2))


def test_browser_loads_no_local_file_or_url(qtbot, red_png):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(400, 300)
    browser.show()
    local = QUrl.fromLocalFile(str(red_png))
    browser.setHtml(f'<p>x<img src="file:///etc/passwd"><img src="{local.toString()}" width="40" height="40">'
                    '<img src="http://127.0.0.1:9/x.png"></p><link rel="stylesheet" href="file:///etc/hosts">')
    assert not _has_red(browser)  # the local image was not read, so it is not drawn
    asked = {u.toString() for u in browser.resource_requests}
    assert "file:///etc/passwd" in asked and local.toString() in asked
    # Every request was answered with blank data, at the widget and at the document.
    image, style = int(QTextDocument.ResourceType.ImageResource), int(QTextDocument.ResourceType.StyleSheetResource)
    for url in (QUrl("file:///etc/passwd"), local, QUrl("http://127.0.0.1:9/x.png")):
        for answer in (browser.loadResource(image, url), browser.document().resource(image, url)):
            assert isinstance(answer, QImage) and answer.size().width() == 1
            assert answer.pixelColor(0, 0).alpha() == 0
        assert not browser.loadResource(style, url)
        assert not browser.document().resource(style, url)


def test_a_plain_text_browser_would_read_the_file(qtbot, red_png):
    """Why SafeDocument exists: with a stock document the same image is read from disk and drawn."""
    from PySide6.QtWidgets import QTextBrowser

    class NoneBrowser(QTextBrowser):
        def loadResource(self, type, name):
            return None

    browser = NoneBrowser()
    qtbot.addWidget(browser)
    browser.resize(400, 300)
    browser.show()
    browser.setHtml(f'<img src="{QUrl.fromLocalFile(str(red_png)).toString()}" width="40" height="40">')
    assert _has_red(browser)


def test_links_are_not_followed(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    assert not browser.openLinks() and not browser.openExternalLinks()
    assert browser.searchPaths() == []
    browser.setHtml("<p>kept</p>")
    browser.setSource(QUrl("file:///etc/passwd"))
    assert browser.toPlainText() == "kept"
    with pytest.raises(TypeError):
        browser.setDocument(QTextDocument())
    browser.setDocument(SafeDocument(browser))


def test_set_card_text_is_escaped(qtbot):
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.set_card_text('<img src="file:///etc/passwd">\nnext')
    assert browser.toPlainText() == '<img src="file:///etc/passwd">\nnext'
    assert not browser.resource_requests


def test_huge_text_does_not_hang(qtbot):
    big = ("<b>spasm</b> & facial nerve\n" * 80_000)  # ~2.3 MB
    start = time.perf_counter()
    out = card_html(big)
    assert time.perf_counter() - start < 3
    assert out.count("<br>") == 80_000
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    start = time.perf_counter()
    browser.set_card_text(big[:400_000])  # far beyond the 20,000-character deck limit
    browser.resize(500, 400)
    browser.show()
    browser.grab()
    assert time.perf_counter() - start < 20
    assert browser.toPlainText().startswith("<b>spasm</b> & facial nerve")
