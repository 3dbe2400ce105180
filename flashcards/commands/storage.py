"""The collection file itself: ``backup list|create|restore`` and ``check``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core import paths
from .common import err, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    p = sub.add_parser("backup", help="list, create or restore backups of the collection")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    bsub.add_parser("list", help="backups, newest first")
    bsub.add_parser("create", help="back up the collection now")
    r = bsub.add_parser("restore", help="replace the collection with a backup (the current file is kept)")
    which = r.add_mutually_exclusive_group(required=True)
    which.add_argument("name", nargs="?", help="backup file name (from 'backup list') or path")
    which.add_argument("--latest", action="store_true", help="the newest backup that is intact")
    p.set_defaults(handler=backup)
    p = sub.add_parser("check", help="full integrity check of the collection; repairs damaged indexes")
    p.set_defaults(handler=check)


def backup(args: argparse.Namespace) -> int:
    from ..core import backup as backups
    from ..core.lock import LockError

    path = paths.collection_path(args.data_dir)
    directory = backups.backup_dir_for(path)
    if args.backup_command == "list":
        if not path.parent.is_dir():
            what = "is a file, not a folder" if path.parent.exists() else "does not exist"
            err(f"error: {path.parent} {what}; no backups there")
            return 1
        found = backups.list_backups(directory)
        if not found:
            print(f"no backups in {directory}")
        for b in found:
            note = f"  ({b.reason})" if b.reason else ""
            print(f"{b.name}  {b.time:%Y-%m-%d %H:%M:%S} UTC  {b.size / 1024:,.0f} KiB{note}")
        return 0
    if args.backup_command == "create":
        col = open_collection(args)
        if col is None:
            return 1
        with col:
            print(col.create_backup())
        return 0
    if args.latest:
        info = backups.newest_good_backup(directory)
        if info is None:
            err(f"error: no intact backup in {directory}")
            return 1
        source = info.path
    else:
        source = Path(args.name)
        if not source.is_absolute() and not source.exists():
            source = directory / args.name
        if not source.is_file():
            err(f"error: no backup {args.name!r}; see 'flashcards backup list'")
            return 1
    try:  # restore() takes the collection's lock: never while the app has it open
        safety = backups.restore(source, path)
    except (backups.BackupError, LockError) as exc:
        err(f"error: {exc}")
        return 1
    print(f"restored {source.name} into {path}")
    if safety is not None:
        print(f"the previous file was kept as {safety}")
    return 0


def check(args: argparse.Namespace) -> int:
    """Full integrity check; index damage is repaired. Exit 1 if the collection is damaged."""
    col = open_collection(args)
    if col is None:
        return 1
    with col:
        report = col.check_integrity()
    print(f"{col.path}: {report.summary()}")
    if not report.ok:
        good = col.backups()
        err("error: restore a backup with 'flashcards backup restore --latest'" if good else
             "error: the collection is damaged and there is no backup")
        return 1
    return 0
