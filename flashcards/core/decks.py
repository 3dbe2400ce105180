"""Decks (``col.decks``): names, the tree with today's counts, options (daily limits), statistics
and importing deck files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import queue_pick, study_queue
from .changes import OpChanges
from .clock import ensure_aware, to_ms
from .config import ConfigManager
from .deck_options import DeckOptions
from .deckfile import DeckValidationError, load_deck_files
from .importer import ensure_deck, import_deck_files
from .models import DeckInfo, DeckNode, DeckStats, ImportReport
from .storage import Storage
from .study_queue import DeckRow, QueueCache
from .sync import journal


@dataclass(frozen=True)
class ImportResult:
    """What an import added, updated and retired (``report``) and what it touched (``changes``)."""

    report: ImportReport
    changes: OpChanges


class DeckManager:
    """The collection's decks. ``undo_status`` reports the core's undo stack in the changes."""

    def __init__(self, db: Storage, conf: ConfigManager, queue: QueueCache, undo_status: Any):
        self._db = db
        self._conf = conf
        self._queue = queue
        self._undo_status = undo_status
        # The last deck tree given out, its "All decks" row and its rows by name.
        self._rows: tuple[list[DeckRow], DeckRow, dict[str, DeckRow]] | None = None

    # ------------------------------------------------------------------ reading
    def names(self) -> list[str]:
        """Every deck, parents included, sorted."""
        with self._db.read() as conn:
            return [r[0] for r in conn.execute("SELECT name FROM decks ORDER BY name")]

    def info(self, name: str) -> DeckInfo:
        """A deck's metadata; raises ``KeyError`` if there is no deck ``name``."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT name, description, source, source_title, attribution, disclaimer, new_per_day, "
                "reviews_per_day FROM decks WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(f"no deck named {name!r}")
        return DeckInfo(**dict(row))

    def forest(self, version: tuple[int, int] | None = None) -> list[DeckRow]:
        """Top-level decks with their children and effective daily limits (cached while only
        answers are written; ``version`` when the caller just read it)."""
        s = self._conf.settings

        def build() -> list[DeckRow]:
            rows: dict[str, DeckRow] = {}
            for r in self._db.conn.execute(
                    "SELECT id, name, new_per_day, reviews_per_day, options FROM decks ORDER BY name"):
                rows[r[1]] = DeckRow(r[0], r[1], s.new_per_day if r[2] is None else r[2],
                                     s.reviews_per_day if r[3] is None else r[3], [],
                                     DeckOptions.from_row(r[2], r[3], r[4]))
            roots: list[DeckRow] = []
            for name, deck in rows.items():
                parent = rows.get(name.rsplit("::", 1)[0]) if "::" in name else None
                (parent.children if parent else roots).append(deck)
            return roots

        with self._db.read() as conn:
            return self._queue.deck_forest(conn, s, build, version)

    def row(self, name: str | None, version: tuple[int, int] | None = None) -> DeckRow:
        """Deck ``name`` with its subtree; None: "All decks" (no cap of its own; each top-level
        deck's limit applies). Raises ``KeyError`` for an unknown deck."""
        roots = self.forest(version)
        if self._rows is None or self._rows[0] is not roots:       # a new tree: index it
            every = DeckRow(0, "", study_queue.NO_LIMIT, study_queue.NO_LIMIT, roots)
            self._rows = (roots, every, {d.name: d for root in roots for d in study_queue.subtree(root)})
        if name is None:
            return self._rows[1]
        try:
            return self._rows[2][name]
        except KeyError:
            raise KeyError(f"no deck named {name!r}") from None

    def tree(self, now: datetime | None = None) -> list[DeckNode]:
        """Top-level decks with their children, each with today's counts (like Anki's deck list)."""
        with self._db.read() as conn:
            qs = study_queue.load_state(conn, self._conf.queue_times(now), self._conf.settings.bury_siblings,
                                        self._queue)

            def node(row: DeckRow) -> DeckNode:
                return DeckNode(row.name, queue_pick.counts_for(row, qs), [node(c) for c in row.children])

            return [node(root) for root in self.forest()]

    def stats(self, deck: str | None = None, now: datetime | None = None) -> list[DeckStats]:
        """One row per deck (``deck`` and its descendants, or every deck), children included in totals."""
        times = self._conf.queue_times(now)
        with self._db.read() as conn:
            qs = study_queue.load_state(conn, times, self._conf.settings.bury_siblings)
            totals = {r[0]: (r[1], r[2]) for r in conn.execute(
                "SELECT deck_id, count(*), sum(suspended) FROM cards WHERE retired = 0 GROUP BY deck_id")}
            today = {r[0]: r[1] for r in conn.execute(
                "SELECT c.deck_id, count(*) FROM revlog r JOIN cards c ON c.id = r.card_id "
                "WHERE r.time >= ? GROUP BY c.deck_id", (to_ms(times.day_start),))}
            rows = [d for d in study_queue.subtree(self.row(deck)) if d.id]
        out = []
        for d in sorted(rows, key=lambda d: d.name):
            ids = [x.id for x in study_queue.subtree(d)]
            counts = queue_pick.counts_for(d, qs)
            out.append(DeckStats(d.name, sum(totals.get(i, (0, 0))[0] for i in ids), counts.new,
                                 counts.learning, counts.review, sum(today.get(i, 0) for i in ids),
                                 sum(totals.get(i, (0, 0))[1] or 0 for i in ids)))
        return out

    # ------------------------------------------------------------------ writing
    def _changes(self, kind: str, note: bool = False) -> OpChanges:
        return OpChanges(kind, deck=True, note=note, card=note, study_queue=True, undo=self._undo_status())

    def create(self, name: str) -> OpChanges:
        """Create deck ``name`` and its missing parents."""
        with self._db.write() as conn:
            ensure_deck(conn, name)
        return self._changes("create_deck")

    def set_options(self, name: str, new_per_day: int | None = None,
                    reviews_per_day: int | None = None) -> OpChanges:
        """Set a deck's daily limits; ``None`` leaves a limit as it is. Raises ``ValueError`` for
        a limit out of :mod:`bounds`, ``KeyError`` for an unknown deck."""
        changes = {k: v for k, v in (("new_per_day", new_per_day), ("reviews_per_day", reviews_per_day))
                   if v is not None}
        return self.update_options(name, **changes)

    def options(self, name: str) -> DeckOptions:
        """Deck ``name``'s options (``KeyError`` for an unknown deck)."""
        with self._db.read() as conn:
            row = conn.execute("SELECT new_per_day, reviews_per_day, options FROM decks WHERE name = ?",
                               (name,)).fetchone()
        if row is None:
            raise KeyError(f"no deck named {name!r}")
        return DeckOptions.from_row(row[0], row[1], row[2])

    def update_options(self, name: str, **changes: Any) -> OpChanges:
        """Change some of deck ``name``'s options (:class:`DeckOptions` fields; ``None`` for a
        limit or the leech threshold means "the collection's setting", for ``exam_date`` none),
        in one transaction. Raises ``ValueError`` for a value out of range, ``TypeError`` for an
        unknown option, ``KeyError`` for an unknown deck; then nothing changes."""
        new = self.options(name).with_changes(**changes)
        with self._db.write() as conn:
            conn.execute("UPDATE decks SET new_per_day = ?, reviews_per_day = ?, options = ? WHERE name = ?",
                         (new.new_per_day, new.reviews_per_day, new.extra_json(), name))
        return self._changes("deck_options")

    # ------------------------------------------------------------ managing decks
    def rename(self, name: str, new_name: str) -> OpChanges:
        """Rename deck ``name`` and its children to ``new_name`` (``"A::B"`` nests it under
        ``A``, created if missing). Raises ``KeyError`` for an unknown deck and ``ValueError`` for
        a bad or taken name or a deck moved under itself; then nothing changes.

        A card's identity is its deck name and its id, so re-importing the deck's original file
        afterwards adds its cards again under the old name (see ``docs/deck-format.md``)."""
        from .deckcheck import deck_name_problem

        problem = deck_name_problem(new_name)
        if problem:
            raise ValueError(problem)
        if new_name == name:
            return self._changes("rename_deck")
        if new_name.startswith(name + "::"):
            raise ValueError(f"cannot move deck {name!r} under itself")
        with self._db.write() as conn:
            rows = conn.execute("SELECT id, name FROM decks WHERE name = ? OR substr(name, 1, ?) = ?",
                                (name, len(name) + 2, name + "::")).fetchall()
            if not rows:
                raise KeyError(f"no deck named {name!r}")
            renamed = {r[0]: new_name + r[1][len(name):] for r in rows}
            taken = [n for n in renamed.values()
                     if conn.execute("SELECT 1 FROM decks WHERE name = ?", (n,)).fetchone()]
            if taken:
                raise ValueError(f"a deck named {taken[0]!r} already exists")
            if "::" in new_name:
                ensure_deck(conn, new_name.rsplit("::", 1)[0])
            conn.executemany("UPDATE decks SET name = ? WHERE id = ?", [(n, i) for i, n in renamed.items()])
            journal.deck_renamed(conn, name, new_name, to_ms(ensure_aware(None)))    # sent at the next sync
        return self._changes("rename_deck", note=True)

    def move(self, name: str, parent: str | None) -> OpChanges:
        """Nest deck ``name`` (with its children) under ``parent``; None makes it a top-level deck."""
        short = name.rsplit("::", 1)[-1]
        return self.rename(name, f"{parent}::{short}" if parent else short)

    def delete(self, name: str) -> OpChanges:
        """Delete deck ``name``, its children, their cards and review history (the UI asks first).
        Raises ``KeyError`` for an unknown deck."""
        with self._db.write() as conn:
            cur = conn.execute("DELETE FROM decks WHERE name = ? OR substr(name, 1, ?) = ?",
                               (name, len(name) + 2, name + "::"))
            if cur.rowcount == 0:
                raise KeyError(f"no deck named {name!r}")
            journal.deck_deleted(conn, name, to_ms(ensure_aware(None)))             # sent at the next sync
        return self._changes("delete_deck", note=True)

    def card_count(self, name: str) -> int:
        """Cards (not retired) in deck ``name`` and its children."""
        with self._db.read() as conn:
            return int(conn.execute("SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id "
                                    "WHERE c.retired = 0 AND (d.name = ? OR substr(d.name, 1, ?) = ?)",
                                    (name, len(name) + 2, name + "::")).fetchone()[0])

    def export(self, name: str, out: str | Path | None = None, fmt: str = "yaml", with_history: bool = False,
               progress: Any = None, now: datetime | None = None) -> Any:
        """Write deck ``name`` (and its children) as deck files with their ``media/``, an Anki
        package or CSV: an :class:`~flashcards.core.deck_export.ExportResult` (see ``export_deck``)."""
        from .deck_export import export_deck

        return export_deck(self._db, name, Path(out) if out is not None else None, fmt, with_history, progress,
                           now)

    def import_files(self, paths: Iterable[str | Path],
                     progress: Callable[[int, int], None] | None = None) -> ImportResult:
        """Import deck files and folders in one transaction.

        Raises :class:`DeckValidationError` (listing every ``path:line: message``) if any file is
        invalid; then nothing is changed. ``progress(done, total)``: each file read and checked
        moves the bar one step over two thirds of it; writing them all fills the rest.
        """
        total = [1]

        def loaded(done: int, files: int) -> None:
            total[0] = files + max(1, files // 2)
            if progress is not None:
                progress(done, total[0])

        decks, errors = load_deck_files([Path(p) for p in paths], loaded)
        if errors:
            raise DeckValidationError(errors)
        with self._db.write() as conn:
            report = import_deck_files(conn, decks)
        if progress is not None:
            progress(total[0], total[0])
        from .media import import_media

        import_media(decks, self._db.path)     # images referenced as media/NAME travel with the deck
        return ImportResult(report, self._changes("import", note=True))
