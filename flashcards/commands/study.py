"""Cards taken out of study, put back: ``unsuspend`` and ``unbury``."""

from __future__ import annotations

import argparse

from .common import err, no_deck, open_collection


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the ``flashcards`` parser."""
    for name, what in (("unsuspend", "suspended"), ("unbury", "buried")):
        p = sub.add_parser(name, help=f"put {what} cards back into study")
        p.add_argument("--deck", metavar="NAME", help="only this deck and its children (default: every deck)")
        p.set_defaults(handler=unhide)


def unhide(args: argparse.Namespace) -> int:
    """``unsuspend`` / ``unbury``: every suspended (buried) card of ``--deck`` or of every deck."""
    col = open_collection(args)
    if col is None:
        return 1
    with col:
        try:
            hidden = col.sched.hidden(args.deck)
        except KeyError:
            err(no_deck(col, args.deck))
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
