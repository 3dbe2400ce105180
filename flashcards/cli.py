"""The ``flashcards`` command: no arguments opens the app; subcommands work headless.

Exit codes: 0 success, 1 invalid input (``path:line: message`` lines on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .core import paths


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
    p = sub.add_parser("lint", help="check card quality (give-aways, hints, duplicates, long lists…)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders")
    p = sub.add_parser("backup", help="list, create or restore backups of the collection")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    bsub.add_parser("list", help="backups, newest first")
    bsub.add_parser("create", help="back up the collection now")
    r = bsub.add_parser("restore", help="replace the collection with a backup (the current file is kept)")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("name", nargs="?", help="backup file name (from 'backup list') or path")
    which.add_argument("--latest", action="store_true", help="the newest backup that is intact")
    p = sub.add_parser("optimize", help="fit FSRS parameters to your review log (kept only if they predict better)")
    p.add_argument("--deck", metavar="NAME", help="only the reviews of this deck and its children")
    p = sub.add_parser("evaluate", help="how well scheduling predicts a review-history CSV (log loss, RMSE, AUC)")
    p.add_argument("revlog", type=Path, metavar="REVLOG.csv",
                   help="columns card_id,review_rating,review_time,review_duration")
    p.add_argument("--day-start", type=int, default=4, metavar="HOUR",
                   help="hour the learner day starts, in the file's UTC offset (default: 4)")
    p.add_argument("--split", type=float, default=0.5, metavar="SHARE",
                   help="share of the reviews (earliest first) only trained on (default: 0.5)")
    p.add_argument("--folds", type=int, default=8, metavar="N",
                   help="time-ordered folds of the later part, each predicted with parameters fitted "
                        "on all reviews before it (default: 8)")
    p = sub.add_parser("import-revlog", help="import a review-history CSV into a deck")
    p.add_argument("revlog", type=Path, metavar="REVLOG.csv",
                   help="columns card_id,review_rating,review_time,review_duration")
    p.add_argument("--deck", required=True, metavar="NAME", help="the deck whose cards the file names")
    p.add_argument("--create-missing", action="store_true",
                   help="create a placeholder card for each card id the deck lacks")
    for name, what in (("unsuspend", "suspended"), ("unbury", "buried")):
        p = sub.add_parser(name, help=f"put {what} cards back into study")
        p.add_argument("--deck", metavar="NAME", help="only this deck and its children (default: every deck)")
    p = sub.add_parser("app", help="open the desktop app (the same as no command)")
    p.add_argument("--decks", type=Path, metavar="DIR", help="decks to import on first run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"validate": _validate, "import": _import, "stats": _stats, "generate": _generate,
               "backup": _backup, "lint": _lint, "optimize": _optimize, "evaluate": _evaluate,
               "import-revlog": _import_revlog, "unsuspend": _unhide, "unbury": _unhide}.get(
        args.command or "app", _app)
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. `flashcards stats | head`
        return 0
    except KeyboardInterrupt:
        return 130


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open_collection(args: argparse.Namespace, read_only: bool = False):
    from .core.collection import Collection
    from .core.lock import CollectionLockedError
    from .core.schema import SchemaError

    path = paths.collection_path(args.data_dir)
    try:
        return Collection.open(path, read_only=read_only and path.exists())
    except (SchemaError, CollectionLockedError) as exc:
        _err(f"error: {exc}")
        return None


def _validate(args: argparse.Namespace) -> int:
    from .core.deckfile import load_deck_files

    decks, errors = load_deck_files(args.paths)
    for error in errors:
        _err(str(error))
    for deck in decks:
        for warning in deck.warnings:
            _err(warning.warning())
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


def _unhide(args: argparse.Namespace) -> int:
    """``unsuspend`` / ``unbury``: every suspended (buried) card of ``--deck`` or of every deck."""
    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            hidden = col.sched.hidden(args.deck)
        except KeyError:
            _err(f"error: no deck named {args.deck!r}; decks: {', '.join(col.deck_names()) or '(none)'}")
            return 1
        if args.command == "unsuspend":
            ids, verb = hidden.suspended, "unsuspended"
            if ids:
                col.sched.unsuspend(ids)
        else:
            ids, verb = hidden.buried, "unburied"
            if ids:
                col.sched.unbury(ids)
    print(f"{len(ids)} card(s) {verb}" + (f" in {args.deck}" if args.deck else ""))
    return 0


def _backup(args: argparse.Namespace) -> int:
    from .core import backup as backups
    from .core import lock

    path = paths.collection_path(args.data_dir)
    directory = backups.backup_dir_for(path)
    if args.backup_command == "list":
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
        if not source.exists():
            _err(f"error: no backup {args.name!r}; see 'flashcards backup list'")
            return 1
    try:
        held = lock.acquire(path)
    except lock.CollectionLockedError as exc:
        _err(f"error: {exc}")
        return 1
    try:
        safety = backups.restore(source, path)
    except backups.BackupError as exc:
        _err(f"error: {exc}")
        return 1
    finally:
        lock.release(held)
    print(f"restored {source.name} into {path}")
    if safety is not None:
        print(f"the previous file was kept as {safety}")
    return 0


def _indented(name: str) -> str:
    depth = name.count("::")
    return "  " * depth + name.rsplit("::", 1)[-1]


def _generate(args: argparse.Namespace) -> int:
    from .core.articles import ArticleError, generate_decks, write_decks

    def progress(section: str, index: int, total: int) -> None:
        print(f"[{index}/{total}] {section}", file=sys.stderr)

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        _err(f"error: {out} is not a folder; -o names the folder to write the decks to")
        return 1
    try:
        decks = generate_decks(args.article, title=args.title, progress=progress)
    except ArticleError as exc:
        _err(str(exc))
        return 1
    try:
        written = write_decks(decks, out)
    except OSError as exc:
        where = exc.filename or out
        _err(f"error: cannot write the decks to {where}: {exc.strerror or exc}")
        return 1
    cards = sum(len(d.data.get("cards", [])) for d in decks)
    print(f"wrote {len(written)} deck(s), {cards} card(s) to {args.output}")
    for path in written:
        print(f"  {path}")
    return 0


def _lint(args: argparse.Namespace) -> int:
    """Card-quality findings as ``path:line: card 'id': message``; exit 1 if any (or invalid files)."""
    from .core.lint import lint_paths

    decks, errors, findings = lint_paths(args.paths)
    for error in errors:
        _err(str(error))
    if errors:
        _err(f"{len(errors)} problem(s) found; fix them before linting (see 'flashcards validate')")
        return 1
    for finding in findings:
        print(finding)
    if findings:
        _err(f"{len(findings)} finding(s) in {len({f.card_id for f in findings})} card(s)")
        return 1
    cards = sum(len(n.study_cards()) for d in decks for n in d.notes)
    print(f"ok: {cards} cards, no findings")
    return 0


def _optimize(args: argparse.Namespace) -> int:
    """Fit FSRS parameters to the collection's review log; saved only when they predict better."""
    from .core.optimize import OptimizeError

    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        if args.deck and args.deck not in col.deck_names():
            _err(f"error: no deck named {args.deck!r}; decks: {', '.join(col.deck_names()) or '(none)'}")
            return 1
        try:
            result = col.optimize(args.deck, progress=lambda done, total, what: _err(f"[{done}/{total}] {what}"))
        except OptimizeError as exc:
            _err(f"error: {exc}")
            return 1
    print(result.summary())
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    """Replay a review-history CSV and print log loss, RMSE(bins) and AUC of each predictor."""
    from .core.evaluate import evaluate_history
    from .core.optimize import OptimizeError
    from .core.revlog_csv import HistoryError, read_history

    if not 0 <= args.day_start <= 23:
        _err("error: --day-start must be an hour 0–23")
        return 1
    try:
        rows = read_history(args.revlog)
        result = evaluate_history(rows, args.day_start, args.split, args.folds,
                                  progress=lambda done, total, what: _err(f"[{done}/{total}] {what}"))
    except HistoryError as exc:
        for problem in exc.problems:
            _err(problem)
        return 1
    except (OptimizeError, ValueError, OSError) as exc:
        _err(f"error: {exc}")
        return 1
    first = result.rows[0][1]
    print(f"{args.revlog}: {len(rows)} reviews; day starts {args.day_start:02d}:00; evaluated "
          f"{first.count} reviews from {result.later_from:%Y-%m-%d %H:%M} on, each after a review "
          "on an earlier day")
    width = max(len(label) for label, _ in result.rows)
    print(f"{'':<{width}}  {'log loss':>8}  {'RMSE(bins)':>10}  {'AUC':>6}")
    for label, m in result.rows:
        print(f"{label:<{width}}  {m.log_loss:>8.4f}  {m.rmse_bins:>10.4f}  {m.auc:>6.4f}")
    return 0


def _import_revlog(args: argparse.Namespace) -> int:
    """Import a review-history CSV into a deck (nothing is imported if any line is bad)."""
    from .core.revlog_csv import HistoryError, read_history
    from .core.revlog_import import import_history

    try:
        rows = read_history(args.revlog)
    except HistoryError as exc:
        for problem in exc.problems:
            _err(problem)
        _err("nothing was imported")
        return 1
    except OSError as exc:
        _err(f"error: cannot read {args.revlog}: {exc.strerror or exc}")
        return 1
    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            result = import_history(col, rows, args.deck, create_missing=args.create_missing,
                                    source=str(args.revlog))
        except HistoryError as exc:
            for problem in exc.problems:
                _err(problem)
            _err("nothing was imported")
            return 1
    print(f"{col.path}: {result.summary()}")
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
