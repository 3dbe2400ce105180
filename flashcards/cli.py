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
    p = sub.add_parser("import", help="import deck files or folders, Anki packages (.apkg/.colpkg), CSV/TSV or "
                                      "Markdown (chosen by content)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--deck", metavar="NAME", help="deck for CSV/Markdown cards that name none (default: the file's name)")
    p.add_argument("--with-history", action="store_true",
                   help="also replay an Anki package's reviews, so scheduling continues where Anki left off")
    p = sub.add_parser("stats", help="cards per deck: total, new, learning, due, reviewed today")
    p.add_argument("--deck", metavar="NAME", help="only this deck and its children")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p = sub.add_parser("report", help="write a self-contained HTML progress report (mastery, weakest cards, …)")
    p.add_argument("--deck", metavar="NAME", help="only this deck and its children")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html", help="where to write it")
    p.add_argument("--days", type=int, default=30, metavar="N", help="the period in learner days (default: 30)")
    p = sub.add_parser("generate", help="generate one deck per section of an article")
    p.add_argument("article", type=Path, metavar="ARTICLE", help="plain-text or Markdown article")
    p.add_argument("-o", "--output", type=Path, default=Path("drafts"), metavar="DIR",
                   help="folder to write the draft decks to (default: ./drafts); curated deck files "
                        "(no generator stamp, or edited since) are never overwritten")
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
    sub.add_parser("check", help="full integrity check of the collection; repairs damaged indexes")
    p = sub.add_parser("search", help="find cards with the browser's search syntax (see docs/search.md)")
    p.add_argument("query", nargs="+", metavar="QUERY", help='e.g. deck:"Hemifacial Spasm" is:due -tag:cause')
    p.add_argument("--json", action="store_true", help="print JSON (id, deck, question, answer, …)")
    p = sub.add_parser("export", help="write a deck (and its sub-decks) as deck files with its media/, an Anki "
                                      "package or CSV")
    p.add_argument("deck", metavar="DECK", help="the deck's full name, e.g. 'Hemifacial Spasm::Causes'")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="yaml: a .yaml file, or a folder for a deck with sub-decks; apkg: a .apkg file; csv: a .csv "
                        "or .tsv file (default: ./<deck>.<format>)")
    p.add_argument("--format", default="yaml", choices=("yaml", "apkg", "csv"), help="file format (default: yaml)")
    p.add_argument("--with-history", action="store_true", help="apkg: include the review history")
    p = sub.add_parser("sync", help="sync through a shared folder (Syncthing, Nextcloud, a USB stick…); see docs/sync.md")
    p.add_argument("folder", nargs="?", type=Path, metavar="FOLDER", help="the shared folder (remembered; default: the last one)")
    p.add_argument("--new-device", action="store_true", help="this collection was copied from another device: take a new device id")
    p = sub.add_parser("progress-export", help="write a progress file for the class report (card ids, times, ratings; no text)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json", help="where to write it")
    p = sub.add_parser("class-report", help="HTML report of a folder of students' progress files")
    p.add_argument("folder", type=Path, metavar="FOLDER", help="folder of progress files (*.json)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html", help="where to write it")
    p = sub.add_parser("app", help="open the desktop app (the same as no command)")
    p.add_argument("--decks", type=Path, metavar="DIR", help="decks to import on first run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from . import cli_sync

    args = _parser().parse_args(argv)
    handler = {"validate": _validate, "import": _import, "stats": _stats, "generate": _generate,
               "backup": _backup, "check": _check, "lint": _lint, "optimize": _optimize, "evaluate": _evaluate,
               "import-revlog": _import_revlog, "search": _search, "export": _export, "report": _report,
               "sync": cli_sync.sync, "progress-export": cli_sync.progress_export,
               "class-report": cli_sync.class_report}.get(
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
    """Import files chosen by content; any bad file: every problem, exit 1, nothing imported."""
    from .core.deckfile import DeckValidationError
    from .core.interop import InteropError
    from .core.interop.detect import detect, import_paths

    try:
        kinds = {detect(p) for p in args.paths}
    except InteropError as exc:
        for line in exc.problems:
            _err(line)
        _err("nothing was imported")
        return 1
    col = _open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            if kinds != {"yaml"}:
                summaries = import_paths(col, args.paths, args.deck, args.with_history)
            else:
                report = col.import_decks(args.paths)
        except DeckValidationError as exc:
            for error in exc.errors:
                _err(str(error))
            _err("nothing was imported")
            return 1
        except InteropError as exc:
            for line in exc.problems:
                _err(line)
            _err("nothing was imported")
            return 1
    if kinds != {"yaml"}:
        for summary in summaries:
            print(summary.summary())
        return 0
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
            from .core.progress import progress

            p = progress(col, args.deck).to_json()
            print(json.dumps({"decks": [row.__dict__ for row in rows], "today": p["today"],
                              "streak": p["today"]["streak"], "retention": p["period_retention"],
                              "retention_by_week": p["retention_by_week"], "forecast": p["forecast"],
                              "mastery": p["mastery"]}, indent=2, ensure_ascii=False))
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


def _report(args: argparse.Namespace) -> int:
    from .core.report import build_report, write_report

    out: Path = args.output
    if not 1 <= args.days <= 365:
        _err("error: --days must be 1–365")
        return 1
    if out.is_dir() or not out.parent.is_dir():
        _err(f"error: {out}: not a file in an existing folder")
        return 1
    col = _open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            html = build_report(col, args.deck, period_days=args.days)
        except KeyError:
            _err(f"error: no deck named {args.deck!r}; decks: {', '.join(col.deck_names()) or '(none)'}")
            return 1
    try:
        write_report(html, out)
    except OSError as exc:
        _err(f"error: {out}: {exc.strerror or exc}")
        return 1
    print(f"wrote {out}")
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
    from .core.articles import ArticleError, generate_decks, write_decks
    from .core.articles.writer import CuratedDeckError, curated_message

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
    except CuratedDeckError as exc:  # nothing was written
        for path in exc.paths:
            _err(curated_message(path))
        return 1
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


def _search(args: argparse.Namespace) -> int:
    """Print the cards matching the query (one a line, or JSON); a bad query is a one-line error."""
    from .core.search import SearchError

    query = " ".join(args.query)
    col = _open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            ids = col.find_cards(query)
        except SearchError as exc:
            _err(f"error: {exc}")
            return 1
        rows = col.notes.browser_rows(ids)
    if args.json:
        print(json.dumps([{"id": r.card_id, "deck": r.deck, "type": r.type, "question": r.question,
                           "answer": r.answer, "tags": list(r.tags), "state": r.state.name.lower(),
                           "due": r.due.isoformat() if r.due else None, "lapses": r.lapses, "reps": r.reps,
                           "suspended": r.suspended} for r in rows], indent=2, ensure_ascii=False))
        return 0
    for r in rows:
        print(f"{r.card_id}\t{r.deck}\t{' '.join(r.question.split())}")
    _err(f"{len(rows)} card(s)")
    return 0


def _export(args: argparse.Namespace) -> int:
    """Write a deck back to YAML deck files (with media/); nothing is written on an error."""
    from .core.deck_export import ExportError

    col = _open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            result = col.decks.export(args.deck, args.output, args.format, args.with_history)
        except ExportError as exc:
            _err(f"error: {exc}")
            return 1
        except OSError as exc:
            _err(f"error: cannot write {exc.filename or args.output}: {exc.strerror or exc}")
            return 1
    if args.format != "yaml":
        print(f"wrote {result.files[0]}: {result.notes} note(s), {len(result.media)} image(s)")
        return 0
    print(f"wrote {len(result.files)} deck file(s), {result.notes} note(s), {len(result.media)} image(s)")
    for path in result.files:
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
