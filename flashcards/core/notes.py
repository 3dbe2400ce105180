"""Notes and cards for authoring (``col.notes``): search, browser rows, add/edit/delete notes,
tags, moving to another deck and resetting progress.

Every change runs in one transaction, returns an :class:`OpChanges` and goes on the core's undo
stack (edits as :class:`~flashcards.core.note_undo.RowsEntry`, resets as the answer's
:class:`~flashcards.core.undo.UndoEntry`). Input is checked with the deck file's own rules
(:func:`~flashcards.core.deckcheck.check_card`) before anything is written; a refused change
raises :class:`NoteError` and writes nothing. Times are aware datetimes (``None``: now).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .cardstore import SCHED_COLUMNS, CardStore
from .changes import OpChanges
from .clock import ensure_aware, from_ms, to_ms
from .config import ConfigManager
from .deckcheck import check_card, deck_name_problem
from .deckspec import NoteSpec
from .deckyaml import LineDict
from .importer import ensure_deck
from .lint import lint_note
from .models import CardState, CardType
from .note_undo import RowsEntry, snapshot
from .search import compile_query, order_sql
from .storage import Storage
from .sync import journal
from .undo import UndoStack


class NoteError(ValueError):
    """A note the deck format would refuse; ``problems`` are one-line messages."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class NoteFields:
    """What a deck file says about one note (see ``docs/deck-format.md``)."""

    type: str = CardType.BASIC
    front: str = ""
    back: str = ""
    text: str = ""
    items: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_line: int | None = None

    def entry(self, key: str) -> LineDict:
        """This note as a deck file's ``cards:`` entry (only the fields its type uses)."""
        entry = LineDict(0)
        entry["id"] = key
        entry["type"] = self.type
        if self.type == CardType.CLOZE:
            entry["text"] = self.text
            if self.back:
                entry["back"] = self.back
        else:
            entry["front"] = self.front
            if self.type == CardType.LIST:
                entry["items"] = list(self.items)
            else:
                entry["back"] = self.back
        if self.tags:
            entry["tags"] = list(self.tags)
        if self.source_line is not None:
            entry["source_line"] = self.source_line
        return entry


@dataclass(frozen=True)
class Note:
    """A stored note: its deck, its key (the deck file's id), its fields and its study cards."""

    id: int
    deck: str
    key: str
    fields: NoteFields
    card_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class NoteResult:
    """An added note: its id, its cards' ids and what changed."""

    note_id: int
    card_ids: tuple[int, ...]
    changes: OpChanges


@dataclass(frozen=True)
class BrowserRow:
    """One line of the card browser. ``due`` is UTC, ``interval_days`` the scheduled interval."""

    card_id: int
    question: str
    answer: str
    deck: str
    type: str
    tags: tuple[str, ...]
    state: CardState
    due: datetime | None
    interval_days: float | None
    difficulty: float | None
    lapses: int
    reps: int
    suspended: bool
    buried: bool
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


_ROW_SELECT = ("SELECT c.id, c.ord, c.state, c.due, c.last_review, c.difficulty, c.lapses, c.reps, c.suspended, "
               "c.buried_day, n.type, n.front, n.back, n.text, n.items, n.tags, d.name FROM cards c "
               "JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id")
_FROM = "FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id"
_RESET = {"state": 0, "step": None, "stability": None, "difficulty": None, "due": None, "last_review": None,
          "reps": 0, "lapses": 0, "leech": 0}


def _ids(card_ids: int | Iterable[int]) -> list[int]:
    return [int(card_ids)] if isinstance(card_ids, int) else list(dict.fromkeys(int(i) for i in card_ids))


class NotesManager:
    """Authoring: finding cards and changing notes. Shares the undo stack with ``col.sched``."""

    def __init__(self, db: Storage, conf: ConfigManager, store: CardStore, undo: UndoStack):
        self._db, self._conf, self._store, self._undo = db, conf, store, undo

    # ------------------------------------------------------------------ searching
    def find_cards(self, query: str = "", order: str = "created", descending: bool = False,
                   now: datetime | None = None) -> list[int]:
        """Ids of the cards matching ``query`` (``docs/search.md``), sorted by browser column
        ``order`` in SQL. Raises :class:`~flashcards.core.search.SearchError` for a bad query."""
        compiled = compile_query(query)
        times = self._conf.queue_times(now)
        params = {**compiled.params, "today": times.today, "day_end": to_ms(times.day_end)}
        sql = f"SELECT c.id {_FROM} WHERE {compiled.where} ORDER BY {order_sql(order, descending)}"
        with self._db.read() as conn:
            try:
                return [r[0] for r in conn.execute(sql, params)]
            except sqlite3.OperationalError as exc:    # e.g. a LIKE pattern too complex
                from .search import SearchError
                raise SearchError(f"cannot run this search ({exc})") from None

    def browser_rows(self, card_ids: Iterable[int], now: datetime | None = None) -> list[BrowserRow]:
        """The browser's rows for ``card_ids``, in that order (unknown ids are skipped)."""
        from .cloze import render_cloze

        ids = _ids(card_ids)
        today = self._conf.queue_times(now).today
        found: dict[int, BrowserRow] = {}
        with self._db.read() as conn:
            for first in range(0, len(ids), 500):
                chunk = ids[first:first + 500]
                for r in conn.execute(_ROW_SELECT + f" WHERE c.id IN ({','.join('?' * len(chunk))})", chunk):
                    kind, ord_ = r["type"], r["ord"]
                    if kind == CardType.CLOZE:
                        question, answer = render_cloze(r["text"], ord_ + 1, False), r["back"]
                    elif kind == CardType.LIST:
                        question, answer = r["front"], "; ".join(json.loads(r["items"]))
                    elif kind == CardType.REVERSE and ord_ == 1:
                        question, answer = r["back"], r["front"]
                    else:
                        question, answer = r["front"], r["back"]
                    due, last = r["due"], r["last_review"]
                    found[r["id"]] = BrowserRow(
                        r["id"], question, answer, r["name"], kind, tuple(json.loads(r["tags"])),
                        CardState(r["state"]), from_ms(due), (due - last) / 86_400_000 if due and last else None,
                        r["difficulty"], r["lapses"], r["reps"], bool(r["suspended"]),
                        r["buried_day"] is not None and r["buried_day"] >= today)
        return [found[i] for i in ids if i in found]

    # ------------------------------------------------------------------ reading notes
    def note(self, card_id: int) -> Note:
        """The note of card ``card_id``; raises ``KeyError`` if there is no such card."""
        with self._db.read() as conn:
            row = conn.execute("SELECT n.*, d.name AS deck FROM cards c JOIN notes n ON n.id = c.note_id "
                               "JOIN decks d ON d.id = n.deck_id WHERE c.id = ?", (card_id,)).fetchone()
            if row is None:
                raise KeyError(f"no card with id {card_id}")
            cards = tuple(r[0] for r in conn.execute(
                "SELECT id FROM cards WHERE note_id = ? AND retired = 0 ORDER BY ord", (row["id"],)))
        fields = NoteFields(row["type"], row["front"], row["back"], row["text"], tuple(json.loads(row["items"])),
                            tuple(json.loads(row["tags"])), row["source_line"])
        return Note(row["id"], row["deck"], row["key"], fields, cards)

    def check(self, deck: str, fields: NoteFields, key: str | None = None,
              note_id: int | None = None) -> tuple[list[str], list[str]]:
        """Problems that refuse the note (empty side, cloze without deletion, duplicate id, …) and
        the card-quality findings of :mod:`lint` (warnings only)."""
        key = key or "card"
        errors: list[str] = []
        problem = deck_name_problem(deck)
        if problem:
            errors.append(problem)
        spec = check_card(fields.entry(key), 1, 0, lambda _line, message: errors.append(
            message.split(": ", 1)[1] if message.startswith("card ") else message))
        with self._db.read() as conn:
            clash = conn.execute("SELECT n.id FROM notes n JOIN decks d ON d.id = n.deck_id "
                                 "WHERE d.name = ? AND n.key = ?", (deck, key)).fetchone()
        if clash is not None and clash[0] != note_id:
            errors.append(f"duplicate card id {key!r} in deck {deck!r}")
        warnings: list[str] = []
        if spec is not None:
            context = frozenset(w.lower() for part in deck.split("::") for w in part.split())
            warnings = lint_note(spec, context)
        return errors, warnings

    def new_key(self, deck: str, fields: NoteFields) -> str:
        """A stable slug id for a new note of ``deck`` ("botox-injections", then "-2", "-3", …)."""
        from .articles.text import slugify

        base = slugify(fields.text if fields.type == CardType.CLOZE else fields.front, 40)
        with self._db.read() as conn:
            taken = {r[0] for r in conn.execute("SELECT n.key FROM notes n JOIN decks d ON d.id = n.deck_id "
                                                "WHERE d.name = ? AND n.key LIKE ?", (deck, base + "%"))}
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        return key

    # ------------------------------------------------------------------ writing notes
    def add(self, deck: str, fields: NoteFields, key: str | None = None) -> NoteResult:
        """Add a note to ``deck`` (created with its parents if missing) with its study cards, as new.
        Raises :class:`NoteError` if the deck format would refuse it."""
        key = key or self.new_key(deck, fields)
        errors, _ = self.check(deck, fields, key)
        if errors:
            raise NoteError(errors)
        spec = self._spec(key, fields)
        with self._db.write() as conn:
            deck_id = ensure_deck(conn, deck)
            note_id = int(conn.execute(
                "INSERT INTO notes (deck_id, key, type, front, back, text, items, tags, source_line) "
                "VALUES (?,?,?,?,?,?,?,?,?)", (deck_id, key, *self._values(spec))).lastrowid or 0)
            card_ids = self._insert_cards(conn, note_id, deck_id, spec.study_cards())
        self._undo.push(RowsEntry("add_note", {i: {} for i in card_ids}, created_notes=(note_id,)))
        return NoteResult(note_id, tuple(card_ids), self._changes("add_note", card_ids))

    def update(self, note_id: int, fields: NoteFields) -> OpChanges:
        """Change a note's fields; its cards keep their progress. A cloze deletion added makes a
        new card, one removed retires its card (as a re-import would). Raises :class:`NoteError`."""
        with self._db.read() as conn:
            row = conn.execute("SELECT n.key, d.name, n.deck_id FROM notes n JOIN decks d ON d.id = n.deck_id "
                               "WHERE n.id = ?", (note_id,)).fetchone()
        if row is None:
            raise KeyError(f"no note with id {note_id}")
        key, deck, deck_id = row
        errors, _ = self.check(deck, fields, key, note_id)
        if errors:
            raise NoteError(errors)
        spec = self._spec(key, fields)
        with self._db.write() as conn:
            old_cards = snapshot(conn, "cards", "note_id", [note_id])
            old_note = snapshot(conn, "notes", "id", [note_id])
            conn.execute("UPDATE notes SET type = ?, front = ?, back = ?, text = ?, items = ?, tags = ?, "
                         "source_line = ?, retired = 0 WHERE id = ?", (*self._values(spec), note_id))
            by_key = {c["key"]: c for c in old_cards}
            wanted = spec.study_cards()
            conn.executemany("UPDATE cards SET retired = 0, ord = ? WHERE id = ?",
                             [(o, by_key[k]["id"]) for k, o in wanted if k in by_key])
            created = self._insert_cards(conn, note_id, deck_id, [(k, o) for k, o in wanted if k not in by_key])
            keys = {k for k, _ in wanted}
            conn.executemany("UPDATE cards SET retired = 1 WHERE id = ?",
                             [(c["id"],) for c in old_cards if c["key"] not in keys])
        ids = [c["id"] for c in old_cards] + created
        self._undo.push(RowsEntry("edit_note", {i: {} for i in ids}, notes=tuple(old_note), cards=tuple(old_cards),
                                  created_cards=tuple(created)))
        return self._changes("edit_note", ids)

    def delete(self, card_ids: int | Iterable[int]) -> OpChanges:
        """Delete the notes of ``card_ids`` with all their cards and review history (undoable)."""
        ids = _ids(card_ids)
        with self._db.write() as conn:
            note_ids = self._note_ids(conn, ids)
            notes = snapshot(conn, "notes", "id", note_ids)
            cards = snapshot(conn, "cards", "note_id", note_ids)
            revlog = snapshot(conn, "revlog", "card_id", [c["id"] for c in cards])
            journal.notes_deleted(conn, note_ids, to_ms(ensure_aware(None)))      # sent at the next sync
            for first in range(0, len(note_ids), 500):
                chunk = note_ids[first:first + 500]
                conn.execute(f"DELETE FROM notes WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        all_ids = [c["id"] for c in cards]
        self._undo.push(RowsEntry("delete_cards", {i: {} for i in all_ids}, notes=tuple(notes), cards=tuple(cards),
                                  revlog=tuple(revlog)))
        return self._changes("delete_cards", all_ids)

    def add_tags(self, card_ids: int | Iterable[int], tags: Iterable[str]) -> OpChanges:
        """Add ``tags`` to the notes of ``card_ids`` (undoable)."""
        new = [t.strip() for t in tags if t.strip()]
        return self._retag("add_tags", card_ids, lambda old: old + [t for t in new if t not in old], new)

    def remove_tags(self, card_ids: int | Iterable[int], tags: Iterable[str]) -> OpChanges:
        """Remove ``tags`` (case-insensitive) from the notes of ``card_ids`` (undoable)."""
        gone = {t.strip().casefold() for t in tags}
        return self._retag("remove_tags", card_ids, lambda old: [t for t in old if t.casefold() not in gone], [])

    def move(self, card_ids: int | Iterable[int], deck: str) -> OpChanges:
        """Move the notes of ``card_ids`` (all their cards) to ``deck``, created if missing. Raises
        :class:`NoteError` if ``deck`` already has a note with one of their ids (nothing moves)."""
        problem = deck_name_problem(deck)
        if problem:
            raise NoteError([problem])
        ids = _ids(card_ids)
        with self._db.write() as conn:
            note_ids = self._note_ids(conn, ids)
            notes = snapshot(conn, "notes", "id", note_ids)
            cards = snapshot(conn, "cards", "note_id", note_ids)
            deck_id = ensure_deck(conn, deck)
            moving = [n for n in notes if n["deck_id"] != deck_id]
            taken = {r[0] for r in conn.execute("SELECT key FROM notes WHERE deck_id = ?", (deck_id,))}
            clashes = sorted({n["key"] for n in moving} & taken)
            if clashes:
                raise NoteError([f"deck {deck!r} already has a card with id {clashes[0]!r}"])
            conn.executemany("UPDATE notes SET deck_id = ? WHERE id = ?", [(deck_id, n["id"]) for n in moving])
            conn.executemany("UPDATE cards SET deck_id = ? WHERE note_id = ?", [(deck_id, n["id"]) for n in moving])
        all_ids = [c["id"] for c in cards]
        self._undo.push(RowsEntry("move_cards", {i: {} for i in all_ids}, notes=tuple(notes), cards=tuple(cards)))
        return self._changes("move_cards", all_ids, deck=True)

    def reset(self, card_ids: int | Iterable[int], now: datetime | None = None) -> OpChanges:
        """Make cards new again (Anki's Forget) at ``now``; their review history is kept (undoable)."""
        ids = _ids(card_ids)
        now_ms = to_ms(ensure_aware(now))
        with self._db.write() as conn:
            before = {r["id"]: {c: r[c] for c in SCHED_COLUMNS} for r in snapshot(conn, "cards", "id", ids)}
            conn.executemany(f"UPDATE cards SET {', '.join(f'{c} = ?' for c in _RESET)} WHERE id = ?",
                             [(*_RESET.values(), i) for i in before])
            journal.cards_reset(conn, before, now_ms)                              # replay restarts here
        self._store.forget(before)
        self._undo.push(journal.ResetEntry("reset_progress", before, reset_ms=now_ms))
        return OpChanges("reset_progress", tuple(before), card=True, study_queue=True, undo=self._undo.status())

    # ------------------------------------------------------------------ internals
    def _changes(self, kind: str, card_ids: Iterable[int], deck: bool = False) -> OpChanges:
        return OpChanges(kind, tuple(card_ids), card=True, note=True, deck=deck, study_queue=True,
                         undo=self._undo.status())

    @staticmethod
    def _spec(key: str, fields: NoteFields) -> NoteSpec:
        return NoteSpec(key, fields.type, fields.front, fields.back, fields.text, tuple(fields.items),
                        tuple(fields.tags), fields.source_line)

    @staticmethod
    def _values(spec: NoteSpec) -> tuple[Any, ...]:
        return (spec.type, spec.front, spec.back, spec.text, json.dumps(list(spec.items), ensure_ascii=False),
                json.dumps(list(spec.tags), ensure_ascii=False), spec.source_line)

    @staticmethod
    def _insert_cards(conn: sqlite3.Connection, note_id: int, deck_id: int,
                      cards: list[tuple[str, int]]) -> list[int]:
        position = conn.execute("SELECT coalesce(max(position), 0) FROM cards").fetchone()[0]
        out = []
        for key, ord_ in cards:
            position += 1
            cur = conn.execute("INSERT INTO cards (note_id, deck_id, key, ord, position) VALUES (?,?,?,?,?)",
                               (note_id, deck_id, key, ord_, position))
            out.append(int(cur.lastrowid or 0))
        return out

    @staticmethod
    def _note_ids(conn: sqlite3.Connection, card_ids: list[int]) -> list[int]:
        found: dict[int, int] = {}
        for first in range(0, len(card_ids), 500):
            chunk = card_ids[first:first + 500]
            found.update(conn.execute(f"SELECT id, note_id FROM cards WHERE id IN ({','.join('?' * len(chunk))})",
                                      chunk).fetchall())
        missing = [i for i in card_ids if i not in found]
        if missing:
            raise KeyError(f"no card with id {missing[0]}")
        return list(dict.fromkeys(found[i] for i in card_ids))

    def _retag(self, kind: str, card_ids: int | Iterable[int], change: Any, added: list[str]) -> OpChanges:
        for tag in added:
            if " " in tag or len(tag) > 100:
                raise NoteError([f"tag {tag[:40]!r} must be one word of at most 100 characters"])
        ids = _ids(card_ids)
        with self._db.write() as conn:
            note_ids = self._note_ids(conn, ids)
            notes = snapshot(conn, "notes", "id", note_ids)
            updates = []
            for n in notes:
                old = json.loads(n["tags"])
                new = change(list(old))
                if new != old:
                    updates.append((json.dumps(new, ensure_ascii=False), n["id"]))
            conn.executemany("UPDATE notes SET tags = ? WHERE id = ?", updates)
            cards = [r[0] for r in conn.execute(
                f"SELECT id FROM cards WHERE note_id IN ({','.join(str(i) for i in note_ids)})")] if note_ids else []
        changed = {u[1] for u in updates}
        self._undo.push(RowsEntry(kind, {i: {} for i in cards} if changed else {},
                                  notes=tuple(n for n in notes if n["id"] in changed)))
        return self._changes(kind, cards)
