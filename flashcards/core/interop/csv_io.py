"""CSV/TSV in and out: one card a row with ``front, back, tags, deck`` (and optionally ``type``, ``id``).

Reading: the delimiter is sniffed (comma, semicolon, tab or ``|``), a first row naming the
columns is a header (``front``/``question``, ``back``/``answer``, ``tags``, ``deck``, ``type``,
``id``), without one the columns are front, back, tags, deck in that order. Tags are separated
by spaces. A row without a deck goes to the default deck; a row without an id gets one from its
question, so importing the same file again updates the same cards. Writing: the same columns with
a header, list items one a line in ``back``, cloze text in ``front``; tab-separated for ``.tsv``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from pathlib import Path

from ..models import CardType
from ..notes import NoteFields
from ..storage import Storage
from . import Draft, InteropError, problem
from .apply import UniqueKeys, text_key
from .html_text import BULLET
from .textfile import read_text

COLUMNS = ("front", "back", "tags", "deck", "type", "id")
_ALIASES = {"question": "front", "answer": "back", "tag": "tags", "card_id": "id"}
_DELIMITERS = ",\t;|"


def _delimiter(text: str, path: Path) -> str:
    """The delimiter that splits the first rows (quotes respected) into the same number of
    columns, two or more, most often; a tab for ``.tsv`` and a comma when none does."""
    sample = text[:64 * 1024].rsplit("\n", 1)[0] if len(text) > 64 * 1024 else text
    best: tuple[tuple[bool, float, int], str] | None = None
    for delimiter in _DELIMITERS:
        try:
            rows = [r for r in list(csv.reader(io.StringIO(sample), delimiter=delimiter))[:50]
                    if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not rows:
            continue
        counts = Counter(len(r) for r in rows)
        width, hits = counts.most_common(1)[0]
        score = (width >= 2, hits / len(rows), -_DELIMITERS.index(delimiter))
        if width >= 2 and (best is None or score > best[0]):
            best = (score, delimiter)
    if best is not None:
        return best[1]
    return "\t" if path.suffix.lower() == ".tsv" else ","


def _header(row: list[str]) -> list[str] | None:
    names = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in row]
    if "front" in names and set(names) <= set(COLUMNS) | {""}:
        return names
    return None


def read_csv(path: Path, default_deck: str) -> list[Draft]:
    """The cards of ``path``; raises :class:`InteropError` with every ``file:line: problem``."""
    text = read_text(path)
    delimiter = _delimiter(text, path)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    drafts: list[Draft] = []
    problems: list[str] = []
    taken: dict[str, UniqueKeys] = {}
    columns: list[str] | None = None
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if columns is None:
                columns = _header(row)
                if columns is not None:
                    continue
                columns = list(COLUMNS[:4])
            if len(row) < 2 and "back" in columns[1:2]:
                problems.append(problem(path, f"{len(row)} column; expected at least front and back "
                                        f"(separated by {delimiter!r})", start))
                continue
            if len(row) > len(columns) and any(c.strip() for c in row[len(columns):]):
                problems.append(problem(path, f"{len(row)} columns; expected at most {len(columns)} "
                                        f"({', '.join(columns)})", start))
                continue
            cells = dict(zip(columns, (c.strip() for c in row), strict=False))
            draft = _draft(cells, default_deck, start, taken)
            drafts.append(draft)
    except csv.Error as exc:
        problems.append(problem(path, f"not valid CSV ({exc})", line))
    if problems:
        raise InteropError(problems)
    if not drafts:
        raise InteropError([problem(path, "no cards (expected rows of front, back, tags, deck)")])
    return drafts


def _draft(cells: dict[str, str], default_deck: str, line: int, taken: dict[str, UniqueKeys]) -> Draft:
    kind = cells.get("type", "").lower() or CardType.BASIC
    front, back = cells.get("front", ""), cells.get("back", "")
    tags = tuple(cells.get("tags", "").replace(",", " ").split())
    if kind == CardType.CLOZE:
        fields = NoteFields(kind, text=front, back=back, tags=tags)
    elif kind == CardType.LIST:
        items = tuple(i.removeprefix(BULLET).strip() for i in back.split("\n") if i.strip())
        fields = NoteFields(kind, front=front, items=items, tags=tags)
    else:
        fields = NoteFields(kind, front=front, back=back, tags=tags)
    deck = "::".join(p.strip() for p in (cells.get("deck") or default_deck).split("::"))
    keys = taken.setdefault(deck, UniqueKeys())
    key = cells.get("id") or keys(text_key(fields))
    keys.taken.add(key)
    return Draft(deck, key, fields, line)


def write_csv(db: Storage, name: str, out: Path) -> int:
    """Write deck ``name`` and its children to ``out`` (tab-separated for ``.tsv``); returns the
    number of notes. Raises ``ValueError`` for a deck without cards."""
    with db.read() as conn:
        rows = conn.execute(
            "SELECT n.*, d.name AS deck FROM notes n JOIN decks d ON d.id = n.deck_id WHERE n.retired = 0 AND "
            "(d.name = ? OR substr(d.name, 1, ?) = ?) ORDER BY d.name, (SELECT min(position) FROM cards c "
            "WHERE c.note_id = n.id), n.id", (name, len(name) + 2, name + "::")).fetchall()
    if not rows:
        raise ValueError(f"deck {name!r} has no cards to export")
    buffer = io.StringIO()
    writer = csv.writer(buffer, dialect=csv.excel_tab if out.suffix.lower() == ".tsv" else csv.excel,
                        lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        front = r["text"] if r["type"] == CardType.CLOZE else r["front"]
        back = "\n".join(json.loads(r["items"])) if r["type"] == CardType.LIST else r["back"]
        writer.writerow([front, back, " ".join(json.loads(r["tags"])), r["deck"], r["type"], r["key"]])
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_text(buffer.getvalue(), encoding="utf-8", newline="")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return len(rows)

