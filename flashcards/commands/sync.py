"""Several devices and a class: ``sync``, ``progress-export`` and ``class-report``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import bad_output_file, err, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    p = sub.add_parser("sync", help="sync through a shared folder (Syncthing, Nextcloud, a USB stick…); see docs/sync.md")
    p.add_argument("folder", nargs="?", type=Path, metavar="FOLDER", help="the shared folder (remembered; default: the last one)")
    p.add_argument("--new-device", action="store_true", help="this collection was copied from another device: take a new device id")
    p.set_defaults(handler=sync)
    p = sub.add_parser("progress-export", help="write a progress file for the class report (card ids, times, ratings; no text)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json", help="where to write it")
    p.set_defaults(handler=progress_export)
    p = sub.add_parser("class-report", help="HTML report of a folder of students' progress files")
    p.add_argument("folder", type=Path, metavar="FOLDER", help="folder of progress files (*.json)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html", help="where to write it")
    p.set_defaults(handler=class_report)


def sync(args: argparse.Namespace) -> int:
    """Sync with FOLDER (remembered) or the folder remembered last time."""
    from ..core import sync as syncing

    col = open_collection(args)
    if col is None:
        return 1
    with col:
        folder = args.folder or syncing.sync_folder(col)
        if folder is None:
            err("error: no sync folder chosen yet: flashcards sync FOLDER (it is remembered for next time)")
            return 1
        folder = Path(folder).expanduser()
        if not folder.is_dir():
            err(f"error: {folder}: no such folder (create it, or the synchroniser's folder, first)")
            return 1
        if args.new_device:
            print(f"this collection is now device {syncing.new_device_id(col)}")
        try:
            result = syncing.sync(col, folder)
        except syncing.CopiedCollection as exc:
            err(f"error: {exc}")
            return 1
        if args.folder:
            syncing.set_sync_folder(col, folder)
        print(f"{folder}: {result.summary()}")
        listed = syncing.conflicts(col)
        if listed:
            print(f"{len(listed)} note(s) in the conflicts list (edited on two devices; the later edit was kept):")
            for c in listed:
                print(f"  {c.deck} / {c.key}: the version from device {c.device} was replaced")
    return 0


def progress_export(args: argparse.Namespace) -> int:
    """Write the collection's progress file (card ids, times, ratings; no text) for the class report."""
    from ..core.progress_file import export_progress

    out: Path = args.output
    if bad_output_file(out):
        return 1
    col = open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        cards = export_progress(col, out)
    print(f"wrote {out} ({cards} cards; card ids, times and ratings only)")
    return 0


def class_report(args: argparse.Namespace) -> int:
    """Read a folder of progress files and write the class report; bad files are named and skipped."""
    from ..core import paths
    from ..core.class_report import build_class_report, questions_of
    from ..core.report import write_report

    out: Path = args.output
    if bad_output_file(out):
        return 1
    if not args.folder.is_dir():
        err(f"error: {args.folder}: no such folder")
        return 1
    questions: dict[tuple[str, str], str] = {}
    if paths.collection_path(args.data_dir).exists():        # the instructor's decks give the cards' text
        col = open_collection(args, read_only=True)
        if col is not None:
            with col:
                questions = questions_of(col)
    html, report = build_class_report(args.folder, questions=questions)
    for problem in report.problems:
        err(f"warning: {problem} (skipped)")
    write_report(html, out)
    print(f"wrote {out} ({len(report.students)} student(s), {len(report.sections)} section(s))")
    return 0
