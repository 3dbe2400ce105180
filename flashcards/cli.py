"""The ``flashcards`` command: no arguments opens the app; subcommands work headless.

The subcommands live in :mod:`flashcards.commands`, one module a topic. Exit codes: 0 success,
1 invalid input (``path:line: message`` lines on stderr), 2 usage error.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__, commands
from .commands.common import err, schema_advice, storage_problem
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
    for module in commands.MODULES:
        module.register(sub)
    p = sub.add_parser("app", help="open the desktop app (the same as no command)")
    p.add_argument("--decks", type=Path, metavar="DIR", help="decks to import on first run")
    p.set_defaults(handler=_app)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = getattr(args, "handler", _app)
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
        err(f"error: {schema_advice(exc)}")
    except (LockError, BackupError) as exc:
        err(f"error: {exc}")
    except (sqlite3.Error, OSError) as exc:  # a full disk or a read-only file mid-command
        err(f"error: {storage_problem(exc)}")
    return 1


def _app(args: argparse.Namespace) -> int:
    try:
        from .ui.app import run
    except ImportError as exc:
        err(f"error: the desktop app cannot start: {exc}\n"
             "Install the app's dependencies with: pip install -e .")
        return 1
    decks = getattr(args, "decks", None) or paths.bundled_decks_dir()
    return run(paths.collection_path(args.data_dir), decks)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
