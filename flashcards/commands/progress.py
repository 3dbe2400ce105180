"""Progress in numbers: ``stats`` (a table or JSON) and ``report`` (a self-contained HTML file)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import bad_output_file, err, indented, no_deck, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    p = sub.add_parser("stats", help="cards per deck: total, new, learning, due, reviewed today")
    p.add_argument("--deck", metavar="NAME", help="only this deck and its children")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(handler=stats)
    p = sub.add_parser("report", help="write a self-contained HTML progress report (mastery, weakest cards, …)")
    p.add_argument("--deck", metavar="NAME", help="only this deck and its children")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.html", help="where to write it")
    p.add_argument("--days", type=int, default=30, metavar="N", help="the period in learner days (default: 30)")
    p.set_defaults(handler=report)


def stats(args: argparse.Namespace) -> int:
    col = open_collection(args, read_only=True)  # works while the app has the collection open
    if col is None:
        return 1
    with col:
        try:
            rows = col.deck_stats(args.deck)
        except KeyError:
            err(no_deck(col, args.deck))
            return 1
        if args.json:
            from ..core.progress import progress

            p = progress(col, args.deck).to_json()
            print(json.dumps({"decks": [row.__dict__ for row in rows], "today": p["today"],
                              "streak": p["today"]["streak"], "retention": p["period_retention"],
                              "retention_by_week": p["retention_by_week"], "forecast": p["forecast"],
                              "mastery": p["mastery"]}, indent=2, ensure_ascii=False))
            return 0
    if not rows:
        print("The collection has no decks yet: flashcards import PATH")
        return 0
    width = max(len(indented(r.name)) for r in rows)
    header = f"{'Deck':<{width}}  {'Total':>6} {'New':>5} {'Learn':>5} {'Due':>5} {'Today':>5}"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{indented(r.name):<{width}}  {r.total:>6} {r.new:>5} {r.learning:>5} "
              f"{r.review_due:>5} {r.reviewed_today:>5}")
    return 0


def report(args: argparse.Namespace) -> int:
    from ..core.report import build_report, write_report

    out: Path = args.output
    if not 1 <= args.days <= 365:
        err("error: --days must be 1–365")
        return 1
    if bad_output_file(out):
        return 1
    col = open_collection(args, read_only=True)
    if col is None:
        return 1
    with col:
        try:
            html = build_report(col, args.deck, period_days=args.days)
        except KeyError:
            err(no_deck(col, args.deck))
            return 1
    try:
        write_report(html, out)
    except OSError as exc:
        err(f"error: {out}: {exc.strerror or exc}")
        return 1
    print(f"wrote {out}")
    return 0
