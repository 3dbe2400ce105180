"""Reading Anki packages: ``.apkg`` (decks) and ``.colpkg`` (a whole collection), legacy and current.

A package is a zip holding the collection as SQLite and the media files named ``0``, ``1``, …:

- legacy: ``collection.anki2`` (schema 11) or ``collection.anki21``; note types and decks are
  JSON in the ``col`` table; ``media`` is JSON ``{"0": "name.png"}``.
- current (``meta`` says version 3): ``collection.anki21b`` is the database compressed with zstd;
  note types, fields, templates and decks have tables of their own (deck names separated by
  ``\\x1f``); ``media`` is a zstd-compressed protobuf ``MediaEntries`` and each media file is
  compressed with zstd too. A current package also carries a dummy ``collection.anki2``.

:func:`read_package` gives an :class:`AnkiPackage` of plain rows; nothing is imported here.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import limits
from . import InteropError, problem
from .safezip import SafeZip, unzstd

MAX_COLLECTION_BYTES = 2 * 1024**3   # the unpacked SQLite database
MAX_MEDIA_MAP_BYTES = 64 * 1024**2   # the unpacked ``media`` index
CLOZE_KIND = 1                        # note type kind (legacy ``type``) of cloze note types
_COLLECTIONS = ("collection.anki21b", "collection.anki21", "collection.anki2")   # newest first


@dataclass(frozen=True)
class NoteType:
    """A note type: name, kind (0 normal, 1 cloze), field names and number of card templates."""

    id: int
    name: str
    kind: int
    fields: tuple[str, ...]
    templates: int


@dataclass(frozen=True)
class AnkiNote:
    id: int
    guid: str
    notetype: int
    fields: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True)
class AnkiCard:
    id: int
    note: int
    deck: int
    ord: int


@dataclass(frozen=True)
class AnkiReview:
    """One review: card, time (ms since the epoch, UTC), ease 1–4, answer time (ms), kind (0 learn,
    1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled)."""

    card: int
    time_ms: int
    ease: int
    duration_ms: int
    kind: int


@dataclass
class AnkiPackage:
    """What a package holds. ``media`` maps a zip member to its file name; ``zstd_media`` says the
    files are zstd-compressed (current format)."""

    path: Path
    format: str
    notetypes: dict[int, NoteType] = field(default_factory=dict)
    decks: dict[int, str] = field(default_factory=dict)
    notes: list[AnkiNote] = field(default_factory=list)
    cards: list[AnkiCard] = field(default_factory=list)
    reviews: list[AnkiReview] = field(default_factory=list)
    media: dict[str, str] = field(default_factory=dict)
    zstd_media: bool = False


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if pos >= len(data) or shift > 63:
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, pos


def proto_fields(data: bytes) -> list[tuple[int, int | bytes]]:
    """The ``(field number, value)`` pairs of a protobuf message (varints and length-delimited
    values only; fixed 32/64-bit values are skipped)."""
    out: list[tuple[int, int | bytes]] = []
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            out.append((number, value))
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                raise ValueError("truncated field")
            out.append((number, data[pos:pos + size]))
            pos += size
        elif wire in (1, 5):
            pos += 8 if wire == 1 else 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
    return out


def _media_map(pkg: SafeZip, current: bool) -> dict[str, str]:
    if "media" not in pkg.names:
        return {}
    raw = pkg.read("media", MAX_MEDIA_MAP_BYTES)
    try:
        if not current:
            data = json.loads(raw.decode("utf-8") or "{}")
            if not isinstance(data, dict):
                raise ValueError("not a mapping")
            return {str(k): str(v) for k, v in data.items()}
        entries = proto_fields(unzstd(raw, MAX_MEDIA_MAP_BYTES, lambda m: pkg.error(f"media index: {m}")))
        names: dict[str, str] = {}
        for index, (_, entry) in enumerate(e for e in entries if e[0] == 1):
            parts = dict(proto_fields(entry if isinstance(entry, bytes) else b""))
            name = parts.get(1)
            if isinstance(name, bytes):
                names[str(parts.get(255, index))] = name.decode("utf-8")
        return names
    except (ValueError, UnicodeDecodeError) as exc:
        raise pkg.error(f"the media index cannot be read ({exc})") from None


def read_package(path: Path) -> AnkiPackage:
    """Read ``path`` (``.apkg``/``.colpkg``); raises :class:`InteropError` ``file: what is wrong``."""
    path = Path(path)
    with SafeZip(path) as pkg:
        name = next((n for n in _COLLECTIONS if n in pkg.names), None)
        if name is None:
            raise pkg.error("not an Anki package (no collection.anki2, .anki21 or .anki21b inside)")
        current = name.endswith("b")
        with tempfile.TemporaryDirectory(prefix="flashcards-apkg-") as tmp:
            db_path = Path(tmp) / "collection.sqlite"
            with open(db_path, "wb") as fh:
                pkg.copy_to(name, fh, current, MAX_COLLECTION_BYTES)
            result = AnkiPackage(path, name.rsplit(".", 1)[1])
            try:
                conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
                try:
                    _read_db(conn, result, current)
                finally:
                    conn.close()
            except sqlite3.DatabaseError as exc:
                raise pkg.error(f"{name}: not a readable Anki collection ({exc})") from None
            except (ValueError, KeyError, TypeError) as exc:
                raise pkg.error(f"{name}: unexpected content ({exc})") from None
        result.media = _media_map(pkg, current)
        result.zstd_media = current
        if "Please update to the latest Anki version" in "".join(f for n in result.notes[:1] for f in n.fields):
            raise pkg.error("this package needs a newer reader (it has only a placeholder collection)")
    return result


def _read_db(conn: sqlite3.Connection, out: AnkiPackage, current: bool) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if current or "notetypes" in tables:
        fields: dict[int, list[str]] = {}
        for ntid, _, fname in conn.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            fields.setdefault(ntid, []).append(fname)
        templates = dict(conn.execute("SELECT ntid, count(*) FROM templates GROUP BY ntid").fetchall())
        for ntid, name, config in conn.execute("SELECT id, name, config FROM notetypes"):
            kind = dict(proto_fields(config or b"")).get(1, 0)
            out.notetypes[ntid] = NoteType(ntid, name, int(kind) if isinstance(kind, int) else 0,
                                           tuple(fields.get(ntid, ())), templates.get(ntid, 0))
        out.decks = {i: n.replace("\x1f", "::") for i, n in conn.execute("SELECT id, name FROM decks")}
    else:
        models, decks = conn.execute("SELECT models, decks FROM col").fetchone()
        for m in json.loads(models).values():
            flds = tuple(f["name"] for f in sorted(m["flds"], key=lambda f: f["ord"]))
            out.notetypes[int(m["id"])] = NoteType(int(m["id"]), str(m["name"]), int(m.get("type", 0)), flds,
                                                   len(m.get("tmpls", ())))
        out.decks = {int(d["id"]): str(d["name"]) for d in json.loads(decks).values()}
    for nid, guid, mid, tags, flds in conn.execute("SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"):
        out.notes.append(AnkiNote(nid, str(guid), mid, tuple(str(flds).split("\x1f")),
                                  tuple(t for t in str(tags).split() if t)[: limits.MAX_TAGS]))
    out.cards = [AnkiCard(*r) for r in conn.execute(      # a card in a filtered deck: its home deck
        "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord FROM cards ORDER BY nid, ord")]
    out.reviews = [AnkiReview(*r) for r in conn.execute(
        "SELECT cid, id, ease, time, type FROM revlog ORDER BY id")]


def extract_media(path: Path, members: dict[str, str], zstd: bool, target: Path, limit: int) -> dict[str, Path]:
    """Unpack media ``members`` (member → name) of package ``path`` into folder ``target``;
    returns name → file. Members missing from the package are left out."""
    found: dict[str, Path] = {}
    with SafeZip(path) as pkg:
        for index, (member, name) in enumerate(members.items()):
            if member not in pkg.names:
                continue
            file = target / f"{index}"
            with open(file, "wb") as fh:
                pkg.copy_to(member, fh, zstd, limit)
            found[name] = file
    return found


__all__ = ["AnkiCard", "AnkiNote", "AnkiPackage", "AnkiReview", "InteropError", "NoteType", "extract_media",
           "problem", "read_package"]
