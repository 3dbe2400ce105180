"""What every subcommand shares: error output, opening the collection, wording core errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import paths

if TYPE_CHECKING:
    from ..core.collection import Collection
    from ..core.schema import SchemaError


def err(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr)


def no_deck(col: Collection, name: str | None) -> str:
    """The error line for an unknown deck name, listing the decks there are."""
    return f"error: no deck named {name!r}; decks: {', '.join(col.deck_names()) or '(none)'}"


def bad_output_file(out: Path) -> bool:
    """True (after saying why) unless ``out`` names a file in a folder that exists."""
    if out.is_dir() or not out.parent.is_dir():
        err(f"error: {out}: not a file in an existing folder")
        return True
    return False


def indented(name: str) -> str:
    """``"A::B::C"`` as an indented tree row: ``"    C"``."""
    depth = name.count("::")
    return "  " * depth + name.rsplit("::", 1)[-1]


def storage_problem(exc: BaseException) -> str:
    """One line naming a disk-full or permission error as such (never as damage)."""
    from ..core.schema import Reason, reason_for

    reason = reason_for(exc)
    where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    if reason is Reason.DISK_FULL:
        return f"{where}the disk is full ({detail}); free some space and try again"
    if reason is Reason.PERMISSION:
        return f"{where}no permission to write ({detail}); check the file and folder permissions"
    return f"{where}{detail}"


def schema_advice(exc: SchemaError) -> str:
    """The core's statement of the problem plus what to do about it, on one line."""
    from ..core.schema import Reason

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


def open_collection(args: argparse.Namespace, read_only: bool = False) -> Collection | None:
    """The collection, or None after printing why not. ``read_only`` creates nothing: a missing
    collection or folder is reported instead (``stats`` and ``backup list`` must not make one)."""
    from ..core.collection import Collection
    from ..core.lock import LockError
    from ..core.schema import SchemaError

    path = paths.collection_path(args.data_dir)
    if read_only and not path.exists():
        if path.parent.exists() and not path.parent.is_dir():
            err(f"error: {path.parent} is a file, not a folder")
        else:
            err(f"error: no collection at {path} yet; import decks first: flashcards import PATH")
        return None
    try:
        return Collection.open(path, read_only=read_only)
    except SchemaError as exc:
        err(f"error: {schema_advice(exc)}")
    except LockError as exc:
        err(f"error: {exc}")
    return None
