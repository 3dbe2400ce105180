"""Safe card-text rendering: card text is plain text, so every character is shown as typed.

:func:`card_html` escapes everything (no tag, entity or link from a deck file survives as
markup) and :class:`SafeTextBrowser` never loads a resource, so even HTML built elsewhere
cannot fetch a URL or read a local file.
"""

from __future__ import annotations

import html
import re
from collections import deque
from typing import Any

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument, QTextOption
from PySide6.QtWidgets import QApplication, QFrame, QTextBrowser, QWidget

from .colors import COLORS

# C0 controls except tab/newline/CR, DEL, C1 controls, lone surrogates: shown as nothing.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_DEFAULT_CLOZE = {False: COLORS["light"]["cloze"], True: COLORS["dark"]["cloze"]}


def escape_text(text: str) -> str:
    """``text`` as inert HTML: escaped, control characters dropped, line breaks as ``<br>``.

    Runs of spaces and tabs are kept visible with ``&nbsp;`` so indentation survives.
    """
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    out = html.escape(text, quote=True).replace("\t", "    ")
    out = re.sub(r"  +", lambda m: " " + "&nbsp;" * (len(m.group(0)) - 1), out)
    return out.replace("\n", "<br>")


def _cloze_color() -> str:
    app = QApplication.instance()
    if app is None:
        return _DEFAULT_CLOZE[False]
    from .theme import colors  # local import: theme imports nothing from here

    return colors()["cloze"]


def card_html(text: str, highlight: list[tuple[str, bool]] | None = None, *,
              cloze_color: str | None = None) -> str:
    """Card text as safe HTML.

    ``highlight`` (from :func:`flashcards.core.cloze.cloze_segments`) replaces ``text`` when
    given: the pieces are joined and the asked ones (``True``) are wrapped in a bold,
    coloured span. ``cloze_color`` defaults to the current theme's cloze colour.
    """
    if not highlight:
        return escape_text(text)
    color = cloze_color or _cloze_color()
    if not re.fullmatch(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]{1,20}", color):
        color = _DEFAULT_CLOZE[False]
    parts = []
    for piece, asked in highlight:
        escaped = escape_text(piece)
        parts.append(f'<span class="cloze" style="color:{color}; font-weight:700">{escaped}</span>'
                     if asked else escaped)
    return "".join(parts)


def _blank_resource(type: int) -> Any:
    """What every resource request gets: a transparent 1x1 image for images, else empty bytes.

    Both are deliberate non-null answers. Qt has two fallbacks that read local files when a
    request is answered with nothing: ``QTextDocument.loadResource`` reads ``file:`` URLs
    itself, and the image handler loads the file directly when the data is not an image.
    """
    if int(type) == int(QTextDocument.ResourceType.ImageResource):
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        return image
    return QByteArray()


#: The only URL scheme that can yield something: card images the study screen decoded itself
#: from the deck's media folder and handed over with :meth:`SafeTextBrowser.set_images`.
IMAGE_SCHEME = "cardimg"


class SafeDocument(QTextDocument):
    """A text document that loads no resource at all (see :func:`_blank_resource`), except the
    ``cardimg:`` images handed to it as decoded :class:`QImage` objects (never a file or URL)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.resource_requests: deque[QUrl] = deque(maxlen=256)  # the latest requests
        self.images: dict[str, QImage] = {}

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        self.resource_requests.append(QUrl(name))
        return self.given(type, QUrl(name))

    def given(self, type: int, name: QUrl) -> Any:
        """A handed-over image for a ``cardimg:`` URL, else blank data."""
        if (int(type) == int(QTextDocument.ResourceType.ImageResource) and name.scheme() == IMAGE_SCHEME
                and name.toString() in self.images):
            return self.images[name.toString()]
        return _blank_resource(type)


class SafeTextBrowser(QTextBrowser):
    """A read-only rich-text view that loads nothing: no images, style sheets, links or files.

    Its :class:`SafeDocument` and ``loadResource`` answer every URL with blank data, links are
    neither followed nor opened, and there are no search paths. ``resource_requests`` lists
    the URLs that were asked for (for tests).
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._safe_doc = SafeDocument(self)
        self.setDocument(self._safe_doc)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(2)

    @property
    def resource_requests(self) -> deque[QUrl]:
        return self._safe_doc.resource_requests

    def setDocument(self, document: QTextDocument) -> None:
        """Only :class:`SafeDocument` instances are accepted (others would load resources)."""
        if not isinstance(document, SafeDocument):
            raise TypeError("SafeTextBrowser needs a SafeDocument")
        self._safe_doc = document
        super().setDocument(document)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        """Never load anything (remote, local file, ``qrc:`` or data): blank data for every URL."""
        self._safe_doc.resource_requests.append(QUrl(name))
        return self._safe_doc.given(type, QUrl(name))

    def set_images(self, images: dict[str, QImage]) -> None:
        """The images ``cardimg:`` URLs stand for in the next ``setHtml`` (already decoded)."""
        self._safe_doc.images = dict(images)

    def doSetSource(self, name: QUrl | str,
                    type: QTextDocument.ResourceType = QTextDocument.ResourceType.UnknownResource) -> None:
        """Navigation is disabled: content only changes through ``setHtml``/``setPlainText``."""
        return None

    def set_card_text(self, text: str, highlight: list[tuple[str, bool]] | None = None) -> None:
        """Show card text safely (see :func:`card_html`)."""
        self.setHtml(card_html(text, highlight))
