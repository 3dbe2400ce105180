"""Deck options and the collection's scheduling settings through the sync folder.

Last writer wins, per deck (``"o"``) and for the collection (``"c"``: :data:`SYNCED_SETTINGS`,
the settings that decide a card's state from its reviews). A change is timed by the sync that
first sends it (``now``); ``sync_values`` keeps what was last synced, so a device sends only its
own changes. A value that fails validation here is ignored (counted as damaged by the caller).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..deck_options import DeckOptions
from .files import Record

if TYPE_CHECKING:
    from ..collection import Collection

SYNCED_SETTINGS = ("desired_retention", "fsrs_params", "fuzz", "day_start_hour", "leech_lapses")


def _deck_value(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    return {"new_per_day": row[1], "reviews_per_day": row[2], "options": json.loads(row[3] or "{}")}


def current(col: Collection, conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """Every synced value here: ``"settings"`` and ``"deck:<name>"``."""
    s = col.conf.settings
    out = {"settings": {k: getattr(s, k) for k in SYNCED_SETTINGS}}
    for row in conn.execute("SELECT name, new_per_day, reviews_per_day, options FROM decks"):
        out[f"deck:{row[0]}"] = _deck_value(row)
    return out


def key_of(r: Record) -> str:
    """The ``sync_values`` key a record sets."""
    return "settings" if r["t"] == "c" else f"deck:{r['deck']}"


def outgoing(col: Collection, conn: sqlite3.Connection, device: str, now_ms: int,
             in_folder: set[str]) -> list[Record]:
    """A record for each value changed here since it was last synced. A device's first sync
    sends none for a key the folder already has (``in_folder``): a newcomer adopts it."""
    synced = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT key, value FROM sync_values")}
    out: list[Record] = []
    for key, value in current(col, conn).items():
        if synced.get(key) == value or (key not in synced and key in in_folder) or (
                key not in synced and key.startswith("deck:")
                                        and value == _deck_value((None, None, None, "{}"))):
            continue
        if key == "settings":
            out.append({"t": "c", "v": value, "time": now_ms, "dev": device})
        else:
            out.append({"t": "o", "deck": key[5:], "v": value, "time": now_ms, "dev": device})
    return out


def merge(col: Collection, conn: sqlite3.Connection, records: Iterable[Record]) -> tuple[int, int]:
    """Apply the latest value of each key (later time, then larger device id); returns how many
    values were taken from other devices and how many changed here since the last sync (after
    either, every card with reviews is replayed)."""
    latest: dict[str, Record] = {}
    for r in records:
        key = key_of(r)
        order = (r["time"], r["dev"], json.dumps(r["v"], sort_keys=True))
        if key not in latest or order > (latest[key]["time"], latest[key]["dev"],
                                         json.dumps(latest[key]["v"], sort_keys=True)):
            latest[key] = r
    here = current(col, conn)
    synced = {r[0]: json.loads(r[1]) for r in conn.execute("SELECT key, value FROM sync_values")}
    changed = own = 0
    for key, r in sorted(latest.items()):
        if key in here and here[key] == r["v"] and synced.get(key, r["v"]) != r["v"]:
            own += 1                                 # changed here since the last sync: replayed with it
        elif key in here and here[key] != r["v"]:
            try:
                if key == "settings":
                    _apply_settings(col, conn, r["v"])
                else:
                    v = r["v"]
                    DeckOptions.from_row(v["new_per_day"], v["reviews_per_day"], json.dumps(v["options"])).validated()
                    conn.execute("UPDATE decks SET new_per_day = ?, reviews_per_day = ?, options = ? WHERE name = ?",
                                 (v["new_per_day"], v["reviews_per_day"], json.dumps(v["options"]), key[5:]))
            except (ValueError, TypeError, KeyError):
                continue
            changed += 1
        conn.execute("INSERT OR REPLACE INTO sync_values (key, value, modified_ms, device) VALUES (?,?,?,?)",
                     (key, json.dumps(r["v"]), r["time"], r["dev"]))
    return changed, own


def _apply_settings(col: Collection, conn: sqlite3.Connection, value: dict[str, Any]) -> None:
    from dataclasses import replace

    col.conf.write_settings_in(conn, replace(col.conf.settings, **{k: value[k] for k in SYNCED_SETTINGS
                                                                   if k in value}))
