"""Anki HTML as safe plain text, and back."""

from __future__ import annotations

from flashcards.core.interop.html_text import (
    html_items,
    html_to_text,
    items_to_html,
    text_to_html,
)


def test_html_to_text() -> None:
    html = ('<div>Q <b>one</b> &amp; &lt;two&gt;&nbsp;x</div><div>next</div><script>alert(1)</script>'
            '<style>b {}</style><ul><li>a</li><li>b <i>c</i></li></ul>[sound:x.mp3]<img src="p q.png" alt="pic">'
            '<img src="gone.png">')
    text = html_to_text(html, lambda src: "p-q.png" if src == "p q.png" else None)
    assert text == "Q one & <two> x\nnext\n• a\n• b c\n![pic](media/p-q.png)"


def test_text_to_html_and_lists() -> None:
    assert text_to_html("a < b\n![x](media/p.png)") == 'a &lt; b<br><img src="p.png" alt="x">'
    items = ["a<", "b\nc"]
    assert html_items(items_to_html(items)) == items
    assert html_items("<ul><li>x</li></ul>") is None
