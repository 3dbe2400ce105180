"""Anki's HTML fields as our plain card text (and back).

:func:`html_to_text` keeps line breaks (``<br>``, blocks), list items as ``• item`` lines and
images as ``![alt](media/NAME)`` (the caller maps the file name), unescapes entities and drops
scripts, styles, other tags and Anki's ``[sound:...]`` references. :func:`text_to_html` is the
reverse for export: plain text escaped, line breaks as ``<br>``, our images as ``<img>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from html.parser import HTMLParser

from ..media import MEDIA_RE, image_markup

_BLOCKS = {"p", "div", "br", "li", "tr", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
           "blockquote", "pre", "hr", "dd", "dt", "section", "article", "header", "footer"}
_DROPPED = {"script", "style", "head", "title", "template", "noscript", "object", "iframe", "svg", "math"}
_SOUND_RE = re.compile(r"\[sound:[^\]\n]*\]")
BULLET = "• "

#: Maps an ``<img src>`` to a file name in our media folder, or None to drop the image.
ImageName = Callable[[str], "str | None"]


class _Reducer(HTMLParser):
    def __init__(self, image: ImageName | None) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0
        self.image = image

    def _break(self, hard: bool = False) -> None:
        """A line break; block edges (soft) do not add one at the start or after another break."""
        last = next((p for p in reversed(self.parts) if p.strip(" ")), "\n")
        if hard or not last.endswith("\n"):
            self.parts.append("\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.hidden += 1
        elif self.hidden:
            return
        elif tag == "li":
            self._break()
            self.parts.append("\x00")        # a bullet, kept through whitespace folding
        elif tag == "img":
            src = dict(attrs).get("src") or ""
            name = self.image(html.unescape(src)) if self.image and src else None
            if name:
                self.parts.append("\x01" + image_markup(name, dict(attrs).get("alt") or "") + "\x01")
        elif tag in _BLOCKS:
            self._break(hard=tag == "br")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.hidden = max(0, self.hidden - 1)
        elif not self.hidden and tag in _BLOCKS and tag != "br":
            self._break()

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(re.sub(r"[ \t\r\n\f\v]+", " ", data))


def html_to_text(field: str, image: ImageName | None = None) -> str:
    """``field`` (Anki HTML) as plain text; see the module docstring."""
    reducer = _Reducer(image)
    reducer.feed(_SOUND_RE.sub("", field))
    reducer.close()
    text = "".join(reducer.parts).replace("\xa0", " ")
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines).replace("\x00", BULLET).replace("\x01", "")
    text = re.sub(rf"{BULLET}\s*\n", BULLET, text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def text_to_html(text: str, image: Callable[[str], str] | None = None) -> str:
    """Our plain ``text`` as HTML: escaped, ``\\n`` as ``<br>``, images as ``<img src>`` (named by
    ``image(name)``, default the name itself)."""
    out: list[str] = []
    pos = 0
    for m in MEDIA_RE.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        src = image(m.group(2)) if image else m.group(2)
        out.append(f'<img src="{html.escape(src)}" alt="{html.escape(m.group(1))}">' if m.group(1)
                   else f'<img src="{html.escape(src)}">')
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out).replace("\n", "<br>")


def items_to_html(items: tuple[str, ...] | list[str]) -> str:
    """A list card's items as an HTML list (the class marks it as ours for a re-import)."""
    return '<ul class="fc-list">' + "".join(f"<li>{text_to_html(i)}</li>" for i in items) + "</ul>"


def html_items(field: str, image: ImageName | None = None) -> list[str] | None:
    """The items of a list written by :func:`items_to_html`, or None if ``field`` is not one."""
    field = field.strip()
    if not (field.startswith('<ul class="fc-list">') and field.endswith("</ul>")):
        return None
    body = field[len('<ul class="fc-list">'):-len("</ul>")]
    if not body.startswith("<li>") or not body.endswith("</li>"):
        return None
    return [html_to_text(part, image) for part in body[4:-5].split("</li><li>")]
