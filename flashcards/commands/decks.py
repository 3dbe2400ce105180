"""Deck files in and out: ``validate``, ``lint``, ``import``, ``export``, ``search``, ``generate``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import err, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    p = sub.add_parser("validate", help="check deck files; print every problem as path:line: message")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders")
    p.set_defaults(handler=validate)
    p = sub.add_parser("lint", help="check card quality (give-aways, hints, duplicates, long lists…)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="deck files or folders")
    p.set_defaults(handler=lint)
    p = sub.add_parser("import", help="import deck files or folders, Anki packages (.apkg/.colpkg), CSV/TSV or "
                                      "Markdown (chosen by content)")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--deck", metavar="NAME", help="deck for CSV/Markdown cards that name none (default: the file's name)")
    p.add_argument("--with-history", action="store_true",
                   help="also replay an Anki package's reviews, so scheduling continues where Anki left off")
    p.set_defaults(handler=import_files)
    p = sub.add_parser("export", help="write a deck (and its sub-decks) as deck files with its media/, an Anki "
                                      "package or CSV")
    p.add_argument("deck", metavar="DECK", help="the deck's full name, e.g. 'Hemifacial Spasm::Causes'")
    p.add_argument("-o", "--output", type=Path, metavar="PATH",
                   help="yaml: a .yaml file, or a folder for a deck with sub-decks; apkg: a .apkg file; csv: a .csv "
                        "or .tsv file (default: ./<deck>.<format>)")
    p.add_argument("--format", default="yaml", choices=("yaml", "apkg", "csv"), help="file format (default: yaml)")
    p.add_argument("--with-history", action="store_true", help="apkg: include the review history")
    p.set_defaults(handler=export)
    p = sub.add_parser("search", help="find cards with the browser's search syntax (see docs/search.md)")
    p.add_argument("query", nargs="+", metavar="QUERY", help='e.g. deck:"Hemifacial Spasm" is:due -tag:cause')
    p.add_argument("--json", action="store_true", help="print JSON (id, deck, question, answer, …)")
    p.set_defaults(handler=search)
    p = sub.add_parser("generate", help="generate one deck per section of an article")
    p.add_argument("article", type=Path, metavar="ARTICLE", help="plain-text or Markdown article")
    p.add_argument("-o", "--output", type=Path, default=Path("drafts"), metavar="DIR",
                   help="folder to write the draft decks to (default: ./drafts); curated deck files "
                        "(no generator stamp, or edited since) are never overwritten")
    p.add_argument("--title", metavar="NAME", help="top-level deck name (default: the article's title)")
    p.set_defaults(handler=generate)


def validate(args: argparse.Namespace) -> int:
    from ..core.deckfile import load_deck_files

    decks, errors = load_deck_files(args.paths)
    for error in errors:
        err(str(error))
    for deck in decks:
        for warning in deck.warnings:
            err(warning.warning())
    if errors:
        err(f"{len(errors)} problem(s) found")
        return 1
    cards = sum(len(n.study_cards()) for d in decks for n in d.notes)
    print(f"ok: {len(decks)} deck(s), {sum(len(d.notes) for d in decks)} note(s), {cards} card(s)")
    return 0


def lint(args: argparse.Namespace) -> int:
    """Card-quality findings as ``path:line: card 'id': message``; exit 1 if any (or invalid files)."""
    from ..core.lint import lint_paths

    decks, errors, findings = lint_paths(args.paths)
    for error in errors:
        err(str(error))
    if errors:
        err(f"{len(errors)} problem(s) found; fix them before linting (see 'flashcards validate')")
        return 1
    for finding in findings:
        print(finding)
    if findings:
        err(f"{len(findings)} finding(s) in {len({f.card_id for f in findings})} card(s)")
        return 1
    cards = sum(len(n.study_cards()) for d in decks for n in d.notes)
    print(f"ok: {cards} cards, no findings")
    return 0


def import_files(args: argparse.Namespace) -> int:
    """Import files chosen by content; any bad file: every problem, exit 1, nothing imported."""
    from ..core.deckfile import DeckValidationError
    from ..core.interop import InteropError
    from ..core.interop.detect import detect, import_paths

    try:
        kinds = {detect(p) for p in args.paths}
    except InteropError as exc:
        for line in exc.problems:
            err(line)
        err("nothing was imported")
        return 1
    col = open_collection(args)
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
                err(str(error))
            err("nothing was imported")
            return 1
        except InteropError as exc:
            for line in exc.problems:
                err(line)
            err("nothing was imported")
            return 1
    if kinds != {"yaml"}:
        for summary in summaries:
            print(summary.summary())
        return 0
    print(f"{col.path}: {report.summary()}")
    for key in report.removed:
        print(f"  removed (progress kept, hidden): {key}")
    return 0


def export(args: argparse.Namespace) -> int:
    """Write a deck back to YAML deck files (with media/); nothing is written on an error."""
    from ..core.deck_export import ExportError

    col = open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            result = col.decks.export(args.deck, args.output, args.format, args.with_history)
        except ExportError as exc:
            err(f"error: {exc}")
            return 1
        except OSError as exc:
            err(f"error: cannot write {exc.filename or args.output}: {exc.strerror or exc}")
            return 1
    if args.format != "yaml":
        print(f"wrote {result.files[0]}: {result.notes} note(s), {len(result.media)} image(s)")
        return 0
    print(f"wrote {len(result.files)} deck file(s), {result.notes} note(s), {len(result.media)} image(s)")
    for path in result.files:
        print(f"  {path}")
    return 0


def search(args: argparse.Namespace) -> int:
    """Print the cards matching the query (one a line, or JSON); a bad query is a one-line error."""
    from ..core.search import SearchError

    query = " ".join(args.query)
    col = open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            ids = col.find_cards(query)
        except SearchError as exc:
            err(f"error: {exc}")
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
    err(f"{len(rows)} card(s)")
    return 0


def generate(args: argparse.Namespace) -> int:
    from ..core.articles import ArticleError, generate_decks, write_decks
    from ..core.articles.writer import CuratedDeckError, curated_message

    def progress(section: str, index: int, total: int) -> None:
        print(f"[{index}/{total}] {section}", file=sys.stderr)

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        err(f"error: {out} is not a folder; -o names the folder to write the decks to")
        return 1
    try:
        decks = generate_decks(args.article, title=args.title, progress=progress)
    except ArticleError as exc:
        err(str(exc))
        return 1
    try:
        written = write_decks(decks, out)
    except CuratedDeckError as exc:  # nothing was written
        for path in exc.paths:
            err(curated_message(path))
        return 1
    except OSError as exc:
        where = exc.filename or out
        err(f"error: cannot write the decks to {where}: {exc.strerror or exc}")
        return 1
    cards = sum(len(d.data.get("cards", [])) for d in decks)
    print(f"wrote {len(written)} deck(s), {cards} card(s) to {args.output}")
    for path in written:
        print(f"  {path}")
    return 0
