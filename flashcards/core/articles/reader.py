"""Read an article file: a regular file, bounded in size, decoded as UTF-8 or Windows-1252.

The kind and size are checked with ``fstat`` before a byte is read (a FIFO opens without blocking
and is refused; so are devices such as /dev/zero), and no more than the limit is ever read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..limits import MAX_ARTICLE_BYTES
from .model import ArticleError


def _open_nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_article_bytes(path: Path) -> bytes:
    """The file's bytes; raises :class:`ArticleError` for folders, pipes, devices and large files."""
    try:
        with open(path, "rb", opener=_open_nonblocking) as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise ArticleError(path, "is a folder, not an article file")
            if not stat.S_ISREG(info.st_mode):
                raise ArticleError(path, "not a regular file (a device or pipe?); expected an article file")
            if info.st_size > MAX_ARTICLE_BYTES:
                raise ArticleError(path, f"file is {info.st_size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,} "
                                         "(is it really an article?)")
            raw = fh.read(MAX_ARTICLE_BYTES + 1)
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not an article file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(raw) > MAX_ARTICLE_BYTES:  # it grew while we read it
        raise ArticleError(path, f"file is over the limit of {MAX_ARTICLE_BYTES:,} bytes")
    return raw


def read_article_text(path: Path) -> str:
    """The article's text, decoded (UTF-8, else Windows-1252); raises :class:`ArticleError`."""
    raw = read_article_bytes(path)
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
