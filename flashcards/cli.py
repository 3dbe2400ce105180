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
    p = sub.add_parser("app", help="open the desktop app (the same as no command)")
    p.add_argument("--decks", type=Path, metavar="DIR", help="decks to import on first run")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"validate": _validate, "import": _import, "stats": _stats, "generate": _generate}.get(
        args.command or "app", _app)
    try:
        return handler(args)
    except BrokenPipeError:  # e.g. `flashcards stats | head`
        return 0
    except KeyboardInterrupt:
        return 130


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open_collection(args: argparse.Namespace):
    from .core.collection import Collection
    from .core.schema import SchemaError

    path = paths.collection_path(args.data_dir)
    try:
        return Collection.open(path)
    except SchemaError as exc:
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
    col = _open_collection(args)
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
