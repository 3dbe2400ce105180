"""One sync with a shared folder: send what this device has that the folder lacks, then merge
what the other devices sent and replay the cards whose history changed.

Sending comes first and is written to this device's own files before the collection changes,
so an interrupted sync loses nothing: the next one sends again whatever the folder still lacks
(everything is deduplicated by uid or content hash). Merging runs in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..changes import OpChanges
from ..clock import ensure_aware, to_ms
from . import content, files, replay, reviews, structure, values
from .device import SEQ_FILE, check_not_copied, device_id
from .files import CONTENT_FILE, Record
from .records import check

if TYPE_CHECKING:
    from ..collection import Collection


@dataclass(frozen=True)
class SyncResult:
    """What one sync did (counts), and what changed in the collection."""

    folder: Path
    device: str
    devices: int                       # other devices seen in the folder
    sent: int                          # records written to this device's files
    received: int                      # reviews merged in from other devices
    removed: int                       # reviews taken back elsewhere and removed here
    waiting: int                       # reviews of cards this device lacks (merged once they arrive)
    notes_added: int
    notes_changed: int
    flags_changed: int
    new_conflicts: int
    replayed: int                      # cards whose state the replay changed
    damaged_lines: int                 # unreadable lines skipped (a damaged or foreign file)
    partial_files: int                 # files whose last line was cut short (read again next time)
    conflict_copies: int               # synchroniser conflict copies read (own ones folded back)
    changes: OpChanges = field(default_factory=lambda: OpChanges("sync"))
    decks_renamed: int = 0             # decks renamed or moved here after another device
    notes_deleted: int = 0             # notes deleted here after another device
    resets: int = 0                    # cards made new again here after another device
    values_changed: int = 0            # study settings and deck options taken from another device

    def summary(self) -> str:
        """One line for the CLI and the status bar."""
        parts = [f"sent {self.sent} record(s)", f"received {self.received} review(s)"]
        parts += [f"{n} {what}" for n, what in (
            (self.removed, "review(s) undone elsewhere"), (self.notes_added, "new note(s)"),
            (self.notes_changed, "note(s) changed"), (self.notes_deleted, "note(s) deleted"),
            (self.decks_renamed, "deck(s) renamed or moved"), (self.resets, "card(s) reset"),
            (self.values_changed, "setting(s) or deck option(s) changed"), (self.flags_changed, "suspension(s) changed"),
            (self.new_conflicts, "new conflict(s), see the conflicts list"),
            (self.waiting, "review(s) waiting for their cards"), (self.damaged_lines, "damaged line(s) skipped"),
            (self.partial_files, "file(s) still arriving"), (self.conflict_copies, "conflict copies merged")) if n]
        return f"synced with {self.devices} other device(s): " + ", ".join(parts)


@dataclass
class _Folder:
    reviews: list[Record] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)
    flags: list[Record] = field(default_factory=list)
    structure: list[Record] = field(default_factory=list)  # deletions, renames, resets
    values: list[Record] = field(default_factory=list)     # deck options, settings
    taken_back: set[str] = field(default_factory=set)
    sent: set[str] = field(default_factory=set)            # uids of this device's reviews in the folder
    own_copies: list[Path] = field(default_factory=list)
    own_copy_records: list[Record] = field(default_factory=list)
    own_records: set[bytes] = field(default_factory=set)
    devices: int = 0
    damaged: int = 0
    partial: int = 0
    copies: int = 0


def _read(folder: Path, device: str) -> _Folder:
    out = _Folder()
    for name, path in files.device_dirs(folder).items():
        out.devices += name != device
        for read in files.read_device(path):
            out.partial += read.partial
            out.copies += read.conflict_copy
            good = [r for r in read.records if check(r)]
            out.damaged += read.damaged + len(read.records) - len(good)
            if name == device:
                if read.conflict_copy:
                    out.own_copies.append(read.path)
                    out.own_copy_records += good
                else:
                    out.own_records |= {files.encode(r) for r in good}
            for r in good:
                kind = r["t"]
                if kind == "r":
                    out.reviews.append(r)
                    if r["dev"] == device:
                        out.sent.add(r["uid"])
                elif kind == "x":
                    out.taken_back.add(r["uid"])
                elif kind == "n":
                    out.notes.append(r)
                elif kind == "s":
                    out.flags.append(r)
                elif kind in "oc":
                    out.values.append(r)
                else:
                    out.structure.append(r)
    return out


def _cards_of_taken_back(conn: sqlite3.Connection, seen: _Folder, sent: list[Record]) -> set[int]:
    """Local ids of the cards whose review this device took back (undone after it was sent):
    the undo restored their columns as they were before that answer, not as the merged history says."""
    where = {r["uid"]: (r["deck"], r["card"]) for r in seen.reviews}
    out = set()
    for r in sent:
        if r["t"] == "x" and r["uid"] in where:
            row = conn.execute("SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.name = ? AND "
                               "c.key = ?", where[r["uid"]]).fetchone()
            if row is not None:
                out.add(row[0])
    return out


def _uids_of_missing_cards(conn: sqlite3.Connection, seen: _Folder, moves: list[tuple[str, str]]) -> set[str]:
    """This device's sent reviews whose card is gone here (its note deleted): not taken back,
    they stay in the folder (the note may come back)."""
    cards = {(r[0], r[1]) for r in conn.execute("SELECT d.name, c.key FROM cards c JOIN decks d ON d.id = c.deck_id")}
    return {r["uid"] for r in seen.reviews if r["uid"] in seen.sent
            and (structure.canon(r["deck"], moves), r["card"]) not in cards}


def sync(col: Collection, folder: str | Path, now: datetime | None = None) -> SyncResult:
    """Sync ``col`` with the shared ``folder`` (which must exist); ``now`` (UTC) names this
    month's review file and times this device's suspension changes. Raises ``OSError`` when the
    folder cannot be read or written (then the collection is unchanged)."""
    folder = Path(folder)
    now = ensure_aware(now)
    now_ms = to_ms(now)
    device = device_id(col)
    own = files.prepare(folder, device)
    seq = check_not_copied(col, own)
    with col.db.write() as conn:
        reviews.fill_missing_uids(conn, device)
    seen = _read(folder, device)
    moves = structure.renames(seen.structure)
    known = {(r["deck"], r["key"], r["h"]) for r in seen.notes}
    known |= {(structure.canon(r["deck"], moves), r["key"], r["h"]) for r in seen.notes}
    known_structure = {(r["t"], r["deck"], r["card"], r["time"], r["dev"]) for r in seen.structure if r["t"] == "z"}
    with col.db.read() as conn:
        gone = _uids_of_missing_cards(conn, seen, moves)
        out_reviews = reviews.outgoing(conn, device, seen.sent - gone, seen.taken_back)
        out_content = content.outgoing_notes(conn, device, known)
        out_content += content.outgoing_flags(conn, device, now_ms)
        out_content += structure.outgoing(conn, device, known_structure)
        out_content += values.outgoing(col, conn, device, now_ms,
                                       {values.key_of(structure.canonical(r, moves)) for r in seen.values})
    refold = [r for r in seen.own_copy_records if files.encode(r) not in seen.own_records]
    month = now.astimezone(UTC).strftime("%Y-%m")
    files.append_records(own / files.reviews_file(month),
                         [r for r in refold if r["t"] in "rx"] + out_reviews)
    files.append_records(own / CONTENT_FILE, [r for r in refold if r["t"] not in "rx"] + out_content)
    for copy in seen.own_copies:
        copy.unlink(missing_ok=True)
    for r in out_reviews:
        (seen.taken_back.add(r["uid"]) if r["t"] == "x" else seen.reviews.append(r))
    seen.structure += [r for r in out_content if r["t"] in "dDmz"]
    seen.values += [r for r in out_content if r["t"] in "oc"]
    seen.notes += [r for r in out_content if r["t"] == "n"]
    seen.flags += [r for r in out_content if r["t"] == "s"]
    moves = structure.renames(seen.structure)
    c = [structure.canonical(r, moves) for r in seen.structure]
    dead = structure.Tombstones.of(c)
    try:
        replayed, (taken_values, own_values), merged, notes, flags, done = _merge_all(col, seen, moves, c, dead, device,
                                                                          out_reviews)
    except BaseException:
        col.conf.reload()                  # settings merged in memory for the replay: as stored again
        raise
    files.write_atomic(own / SEQ_FILE, (json.dumps({**files.FORMAT, "seq": seq}) + "\n").encode())
    touched = sorted(merged.cards | notes.cards | flags.cards | set(replayed) | done.cards)
    col.card_store.forget(touched)
    changed_values = taken_values + own_values
    structural = bool(done.decks_renamed or done.notes_deleted or changed_values)
    changes = OpChanges("sync", tuple(touched), card=bool(touched) or structural, note=bool(notes.cards) or structural,
                        deck=bool(notes.notes_added) or structural, config=bool(changed_values), study_queue=bool(touched), undo=col.undo_status())
    return SyncResult(folder, device, seen.devices, len(out_reviews) + len(out_content) + len(refold),
                      merged.added, merged.removed, merged.waiting, notes.notes_added, notes.notes_changed,
                      flags.flags_changed, notes.conflicts, len(replayed), seen.damaged, seen.partial,
                      seen.copies, changes, done.decks_renamed, done.notes_deleted, done.resets, taken_values)


def _merge_all(col: Collection, seen: Any, moves: Any, structural: list[Any], dead: Any, device: str,
               out_reviews: list[Any]) -> tuple[Any, tuple[int, int], Any, Any, Any, Any]:
    """Everything received, merged and the affected cards replayed, in one transaction."""
    with col.db.write() as conn:
        conn.execute("DELETE FROM sync_outbox")                # written to our files already
        done = structure.StructureMerge()
        structure.apply_renames(conn, moves, done)
        structure.apply_deletions(conn, dead, done)
        alive = [n for n in (structure.canonical(r, moves) for r in seen.notes)
                 if n["time"] > dead.deleted_at(n["deck"], n["key"])]
        notes = content.merge_notes(conn, alive, device)
        flags = content.merge_flags(conn, [structure.canonical(r, moves) for r in seen.flags])
        merged = reviews.merge(conn, [structure.canonical(r, moves) for r in seen.reviews], seen.taken_back)
        structure.apply_resets(conn, structural, done)
        changed_values = values.merge(col, conn, [structure.canonical(r, moves) for r in seen.values])
        own_new = {r["id"] for r in out_reviews if r["t"] == "r"} | _cards_of_taken_back(conn, seen, out_reviews)
        again = merged.cards | own_new | done.cards | notes.cards
        if sum(changed_values):
            again |= {r[0] for r in conn.execute("SELECT DISTINCT card_id FROM revlog")}
        replayed = replay.replay_cards(col, conn, again)
    return replayed, changed_values, merged, notes, flags, done
