"""The ``flashcards`` command: no arguments opens the app; subcommands work headless.

Exit codes: 0 success, 1 invalid input (``path:line: message`` lines on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__
from .core import paths

if TYPE_CHECKING:
    from .core.schema import SchemaError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flashcards",
        description="Offline spaced-repetition flashcards. Without a command, opens the app.")
    parser.add_argument("--version", action="version", version=f"flashcards {__version__}")
    parser.add_argument("--data-dir", metavar="DIR",
                        help=f"folder of the collection (default: ${paths.DATA_DIR_ENV} or "
                             "the user data folder; the file is collection.sqlite3 in it)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("validate", help="check deck files; print every problem as path:line: message")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders")
    p = sub.add_parser("import", help="import deck files or folders into the collection")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p = sub.add_parser("stats", help="cards per deck: total, new, learning, due, reviewed today")
    p.add_argument("--deck", metavar="NAME", help="only this deck and its children")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p = sub.add_parser("generate", help="generate one deck per section of an article")
    p.add_argument("article", type=Path, metavar="ARTICLE", help="plain-text or Markdown article")
    p.add_argument("-o", "--output", type=Path, default=Path("decks"), metavar="DIR",
                   help="folder to write the YAML decks to (default: ./decks)")
    p.add_argument("--title", metavar="NAME", help="top-level deck name (default: the article's title)")
    p = sub.add_parser("backup", help="list, create or restore backups of the collection")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    bsub.add_parser("list", help="backups, newest first")
    bsub.add_parser("create", help="back up the collection now")
    r = bsub.add_parser("restore", help="replace the collection with a backup (the current file is kept)")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("name", nargs="?", help="backup file name (from 'backup list') or path")
    which.add_argument("--latest", action="store_true", help="the newest backup that is intact")
    sub.add_parser("check", help="full integrity check of the collection; repairs damaged indexes")
    p = sub.add_parser("app", help="open the desktop app (the same as no command)")
    p.add_argument("--decks", type=Path, metavar="DIR", help="decks to import on first run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"validate": _validate, "import": _import, "stats": _stats, "generate": _generate,
               "backup": _backup, "check": _check}.get(
        args.command or "app", _app)
    from .core.backup import BackupError
    from .core.lock import LockError
    from .core.schema import SchemaError

    try:
        return handler(args)
    except BrokenPipeError:  # e.g. `flashcards stats | head`
        return 0
    except KeyboardInterrupt:
        return 130
    except SchemaError as exc:
        _err(f"error: {_schema_advice(exc)}")
    except (LockError, BackupError) as exc:
        _err(f"error: {exc}")
    except (sqlite3.Error, OSError) as exc:  # a full disk or a read-only file mid-command
        _err(f"error: {_storage_problem(exc)}")
    return 1


def _storage_problem(exc: BaseException) -> str:
    """One line naming a disk-full or permission error as such (never as damage)."""
    from .core.schema import Reason, reason_for

    reason = reason_for(exc)
    where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if reason is Reason.DISK_FULL:
        return f"{where}the disk is full ({detail}); free some space and try again"
    if reason is Reason.PERMISSION:
        return f"{where}no permission to write ({detail}); check the file and folder permissions"
    return f"{where}{detail}"


def _schema_advice(exc: SchemaError) -> str:
    """The core's statement of the problem plus what to do about it, on one line."""
    from .core.schema import Reason

    text = str(exc)
    if exc.backup is not None:
        text += (f"; the newest good backup is {exc.backup.name} ({exc.backup.time:%Y-%m-%d %H:%M} UTC): "
                 f"restore it with 'flashcards backup restore {exc.backup.name}'")
    elif exc.reason is Reason.NEWER:
        text += "; update Flashcards to open it"
    elif exc.reason is Reason.PERMISSION:
        text += "; make the file and its folder writable (the file was not changed)"
    elif exc.reason is Reason.DISK_FULL:
        text += "; free some disk space and try again (the file was not changed)"
    elif exc.reason.is_damage:
        text += "; the file was not changed"
    return text


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open_collection(args: argparse.Namespace, read_only: bool = False):
    """The collection, or None after printing why not. ``read_only`` creates nothing: a missing
    collection or folder is reported instead (``stats`` and ``backup list`` must not make one)."""
    from .core.collection import Collection
    from .core.lock import LockError
    from .core.schema import SchemaError

    path = paths.collection_path(args.data_dir)
    if read_only and not path.exists():
        if path.parent.exists() and not path.parent.is_dir():
            _err(f"error: {path.parent} is a file, not a folder")
        else:
            _err(f"error: no collection at {path} yet; import decks first: flashcards import PATH")
        return None
    try:
        return Collection.open(path, read_only=read_only)
    except SchemaError as exc:
        _err(f"error: {_schema_advice(exc)}")
    except LockError as exc:
        _err(f"error: {exc}")
    return None


def _validate(args: argparse.Namespace) -> int:
    from .core.deckfile import load_deck_files

    decks, errors = load_deck_files(args.paths)
    for error in errors:
        _err(str(error))
    if errors:
        _err(f"{len(errors)} problem(s) found")
        return 1
    cards = sum(len(n.study_cards()) for d in decks for n in d.notes)
    print(f"ok: {len(decks)} deck(s), {sum(len(d.notes) for d in decks)} note(s), {cards} card(s)")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .core.deckfile import DeckValidationError

    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            report = col.import_decks(args.paths)
        except DeckValidationError as exc:
            for error in exc.errors:
                _err(str(error))
            _err("nothing was imported")
            return 1
    print(f"{col.path}: {report.summary()}")
    for key in report.removed:
        print(f"  removed (progress kept, hidden): {key}")
    return 0


def _stats(args: argparse.Namespace) -> int:
    col = _open_collection(args, read_only=True)  # works while the app has the collection open
    if col is None:
        return 1
    with col:
        try:
            rows = col.deck_stats(args.deck)
        except KeyError:
            _err(f"error: no deck named {args.deck!r}; decks: {', '.join(col.deck_names()) or '(none)'}")
            return 1
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("The collection has no decks yet: flashcards import PATH")
        return 0
    width = max(len(_indented(r.name)) for r in rows)
    header = f"{'Deck':<{width}}  {'Total':>6} {'New':>5} {'Learn':>5} {'Due':>5} {'Today':>5}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{_indented(r.name):<{width}}  {r.total:>6} {r.new:>5} {r.learning:>5} "
              f"{r.review_due:>5} {r.reviewed_today:>5}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from .core import backup as backups
    from .core.lock import LockError

    path = paths.collection_path(args.data_dir)
    directory = backups.backup_dir_for(path)
    if args.backup_command == "list":
        if not path.parent.is_dir():
            what = "is a file, not a folder" if path.parent.exists() else "does not exist"
            _err(f"error: {path.parent} {what}; no backups there")
            return 1
        found = backups.list_backups(directory)
        if not found:
            print(f"no backups in {directory}")
        for b in found:
            note = f"  ({b.reason})" if b.reason else ""
            print(f"{b.name}  {b.time:%Y-%m-%d %H:%M:%S} UTC  {b.size / 1024:,.0f} KiB{note}")
        return 0
    if args.backup_command == "create":
        col = _open_collection(args)
        if col is None:
            return 1
        with col:
            print(col.create_backup())
        return 0
    if args.latest:
        info = backups.newest_good_backup(directory)
        if info is None:
            _err(f"error: no intact backup in {directory}")
            return 1
        source = info.path
    else:
        source = Path(args.name)
        if not source.is_absolute() and not source.exists():
            source = directory / args.name
        if not source.is_file():
            _err(f"error: no backup {args.name!r}; see 'flashcards backup list'")
            return 1
    try:  # restore() takes the collection's lock: never while the app has it open
        safety = backups.restore(source, path)
    except (backups.BackupError, LockError) as exc:
        _err(f"error: {exc}")
        return 1
    print(f"restored {source.name} into {path}")
    if safety is not None:
        print(f"the previous file was kept as {safety}")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Full integrity check; index damage is repaired. Exit 1 if the collection is damaged."""
    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        report = col.check_integrity()
    print(f"{col.path}: {report.summary()}")
    if not report.ok:
        good = col.backups()
        _err("error: restore a backup with 'flashcards backup restore --latest'" if good else
             "error: the collection is damaged and there is no backup")
        return 1
    return 0


def _indented(name: str) -> str:
    depth = name.count("::")
    return "  " * depth + name.rsplit("::", 1)[-1]


def _generate(args: argparse.Namespace) -> int:
    from .core.generator import ArticleError, generate_decks, write_decks

    def progress(section: str, index: int, total: int) -> None:
        print(f"[{index}/{total}] {section}", file=sys.stderr)

    try:
        decks = generate_decks(args.article, title=args.title, progress=progress)
    except ArticleError as exc:
        _err(str(exc))
        return 1
    written = write_decks(decks, args.output)
    cards = sum(len(d.data.get("cards", [])) for d in decks)
    print(f"wrote {len(written)} deck(s), {cards} card(s) to {args.output}")
    for path in written:
        print(f"  {path}")
    return 0


def _app(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run
    except ImportError as exc:
        _err(f"error: the desktop app cannot start: {exc}\n"
             "Install the app's dependencies with: pip install -e .")
        return 1
    decks = getattr(args, "decks", None) or paths.bundled_decks_dir()
    return run(paths.collection_path(args.data_dir), decks)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
