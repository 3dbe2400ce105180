"""Scheduling from the review log: ``optimize``, ``evaluate`` and ``import-revlog``."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import err, no_deck, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    p = sub.add_parser("optimize", help="fit FSRS parameters to your review log (kept only if they predict better)")
    p.add_argument("--deck", metavar="NAME", help="only the reviews of this deck and its children")
    p.set_defaults(handler=optimize)
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
    p.set_defaults(handler=evaluate)
    p = sub.add_parser("import-revlog", help="import a review-history CSV into a deck")
    p.add_argument("revlog", type=Path, metavar="REVLOG.csv",
                   help="columns card_id,review_rating,review_time,review_duration")
    p.add_argument("--deck", required=True, metavar="NAME", help="the deck whose cards the file names")
    p.add_argument("--create-missing", action="store_true",
                   help="create a placeholder card for each card id the deck lacks")
    p.set_defaults(handler=import_revlog)


def optimize(args: argparse.Namespace) -> int:
    """Fit FSRS parameters to the collection's review log; saved only when they predict better."""
    from ..core.optimize import OptimizeError

    col = open_collection(args)
    if col is None:
        return 1
    with col:
        if args.deck and args.deck not in col.deck_names():
            err(no_deck(col, args.deck))
            return 1
        try:
            result = col.optimize(args.deck, progress=lambda done, total, what: err(f"[{done}/{total}] {what}"))
        except OptimizeError as exc:
            err(f"error: {exc}")
            return 1
    print(result.summary())
    return 0


def evaluate(args: argparse.Namespace) -> int:
    """Replay a review-history CSV and print log loss, RMSE(bins) and AUC of each predictor."""
    from ..core.evaluate import evaluate_history
    from ..core.optimize import OptimizeError
    from ..core.revlog_csv import HistoryError, read_history

    if not 0 <= args.day_start <= 23:
        err("error: --day-start must be an hour 0–23")
        return 1
    try:
        rows = read_history(args.revlog)
        result = evaluate_history(rows, args.day_start, args.split, args.folds,
                                  progress=lambda done, total, what: err(f"[{done}/{total}] {what}"))
    except HistoryError as exc:
        for problem in exc.problems:
            err(problem)
        return 1
    except (OptimizeError, ValueError, OSError) as exc:
        err(f"error: {exc}")
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


def import_revlog(args: argparse.Namespace) -> int:
    """Import a review-history CSV into a deck (nothing is imported if any line is bad)."""
    from ..core.revlog_csv import HistoryError, read_history
    from ..core.revlog_import import import_history

    try:
        rows = read_history(args.revlog)
    except HistoryError as exc:
        for problem in exc.problems:
            err(problem)
        err("nothing was imported")
        return 1
    except OSError as exc:
        err(f"error: cannot read {args.revlog}: {exc.strerror or exc}")
        return 1
    col = open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            result = import_history(col, rows, args.deck, create_missing=args.create_missing,
                                    source=str(args.revlog))
        except HistoryError as exc:
            for problem in exc.problems:
                err(problem)
            err("nothing was imported")
            return 1
    print(f"{col.path}: {result.summary()}")
    return 0
