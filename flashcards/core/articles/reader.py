"""Read an article file: bounded in size, regular files only, decoded as UTF-8 or Windows-1252."""

from __future__ import annotations

from pathlib import Path

from .model import ArticleError

MAX_BYTES = 5 * 1024 * 1024


def read_article_text(path: Path) -> str:
    """The article's text, decoded (UTF-8, else Windows-1252); raises :class:`ArticleError`."""
    try:
        if path.is_dir():
            raise ArticleError(path, "is a folder, not an article file")
        raw = path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:
        raise ArticleError(path, f"file is larger than {MAX_BYTES // (1024 * 1024)} MB; is it really an article?")
    if not raw.strip():
        raise ArticleError(path, "file is empty")
    head = raw[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if b"\x00" in raw or controls > len(head) // 20:
        raise ArticleError(path, "not a text file (binary data); expected a plain-text or Markdown article")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            line = raw[: exc.start].count(b"\n") + 1
            raise ArticleError(path, f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the article as UTF-8",
                               line) from None
