"""Reading a text file to import: bounded in size, UTF-8 with or without a BOM, no NUL bytes."""

from __future__ import annotations

from pathlib import Path

from . import InteropError, problem

MAX_TEXT_FILE_BYTES = 50 * 1024 * 1024    # one CSV/TSV or Markdown file


def read_text(path: Path) -> str:
    """The text of ``path``; raises :class:`InteropError` ``file:line: what is wrong``."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InteropError([problem(path, "not a regular file")])
        if size > MAX_TEXT_FILE_BYTES:
            raise InteropError([problem(path, f"file is {size:,} bytes; the limit is {MAX_TEXT_FILE_BYTES:,}")])
        raw = path.read_bytes()[: MAX_TEXT_FILE_BYTES + 1]
    except OSError as exc:
        raise InteropError([problem(path, f"cannot read: {exc.strerror or exc}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InteropError([problem(path, "not UTF-8 text (save it as UTF-8, or is this a binary file?)",
                                    line)]) from None
    if "\x00" in text:
        raise InteropError([problem(path, "contains NUL bytes (binary file?)", text[: text.index("\x00")].count("\n") + 1)])
    return text.replace("\r\n", "\n").replace("\r", "\n")
