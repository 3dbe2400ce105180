"""The records a device writes to the sync folder, and their checks.

Cards and notes are named by deck and key (the deck file's ids), which every device shares;
``id`` carries the card's integer id of the device that wrote it (a device that creates the card
from a note record takes the same id when it is free, so the fuzz seeded by the card id agrees).
Times are ms UTC. Kinds (field ``t``):

- ``"r"`` a review: ``uid``, ``deck``, ``card``, ``id``, ``time``, ``rating`` (1–4), ``dur`` (ms), ``dev``;
- ``"x"`` a review taken back (undone on its device): ``uid``, ``time``, ``dev``;
- ``"n"`` a version of a note: ``deck``, ``key``, ``f`` (its fields), ``h`` (their hash), ``p``
  (the hash of the version it replaced, or null), ``cards`` ({card key: id}), ``time``, ``dev``;
- ``"s"`` a card's suspension: ``deck``, ``card``, ``v`` (0/1), ``time``, ``dev``;
- ``"d"`` a note deleted: ``deck``, ``key``; ``"D"`` a deck deleted (with its children): ``deck``;
- ``"m"`` a deck renamed or moved: ``deck``, ``to``; ``"z"`` a card reset (Forget): ``deck``, ``card``;
- ``"o"`` a deck's options: ``deck``, ``v`` (limits and options); ``"c"`` the collection's
  scheduling settings: ``v`` (each with ``time``, ``dev``; see :mod:`.structure`, :mod:`.values`).

A record that fails its check is counted as damaged and ignored, like a damaged line.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from .files import Record

_UID = re.compile(r"^[0-9a-f]{32}$")
FIELD_NAMES = ("type", "front", "back", "text", "items", "tags", "retired")


def content_hash(fields: dict[str, Any]) -> str:
    """A note's content (:data:`FIELD_NAMES`) as 32 hex digits of SHA-256."""
    canon = json.dumps([fields.get(k) for k in FIELD_NAMES], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canon.encode()).hexdigest()[:32]


def _str(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= 1000


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**53


def _fields_ok(f: Any) -> bool:
    return (isinstance(f, dict) and all(isinstance(f.get(k), str) for k in ("type", "front", "back", "text"))
            and all(isinstance(f.get(k), list) and all(isinstance(x, str) for x in f[k]) for k in ("items", "tags"))
            and f.get("retired") in (0, 1))


def check(r: Record) -> bool:
    """True when ``r`` is a well-formed record of a known kind."""
    t = r.get("t")
    if not (_int(r.get("time")) and _str(r.get("dev"))):
        return False
    if t == "r":
        return (isinstance(r.get("uid"), str) and bool(_UID.match(r["uid"])) and _str(r.get("deck"))
                and _str(r.get("card")) and _int(r.get("id")) and r.get("rating") in (1, 2, 3, 4)
                and _int(r.get("dur")))
    if t == "x":
        return isinstance(r.get("uid"), str) and bool(_UID.match(r["uid"]))
    if t == "n":
        return (_str(r.get("deck")) and _str(r.get("key")) and _fields_ok(r.get("f"))
                and r.get("h") == content_hash(r["f"]) and (r.get("p") is None or isinstance(r.get("p"), str))
                and isinstance(r.get("cards"), dict) and all(_int(v) for v in r["cards"].values()))
    if t == "s":
        return _str(r.get("deck")) and _str(r.get("card")) and r.get("v") in (0, 1)
    if t == "d":
        return _str(r.get("deck")) and _str(r.get("key"))
    if t == "D":
        return _str(r.get("deck"))
    if t == "m":
        return _str(r.get("deck")) and _str(r.get("to")) and r["deck"] != r["to"]
    if t == "z":
        return _str(r.get("deck")) and _str(r.get("card"))
    if t == "o":
        return _str(r.get("deck")) and isinstance(r.get("v"), dict)
    if t == "c":
        return isinstance(r.get("v"), dict)
    return False


@dataclass(frozen=True)
class Version:
    """One version of a note's content: who wrote it when, and what it replaced."""

    hash: str
    prev: str | None
    time: int                    # ms UTC
    device: str
    fields: dict[str, Any]
    cards: dict[str, int]

    @property
    def order(self) -> tuple[int, str, str]:
        """Last writer wins: the later time, then the larger device id, then the larger hash."""
        return (self.time, self.device, self.hash)

    @classmethod
    def of(cls, r: Record) -> Version:
        return cls(r["h"], r["p"], r["time"], r["dev"], r["f"], dict(r["cards"]))

    def record(self, deck: str, key: str) -> Record:
        return {"t": "n", "deck": deck, "key": key, "f": self.fields, "h": self.hash, "p": self.prev,
                "cards": self.cards, "time": self.time, "dev": self.device}


def descends(child: str, ancestor: str, parents: dict[str, str | None]) -> bool:
    """True when version ``child`` was made (through any number of edits) from ``ancestor``."""
    seen: set[str] = set()
    current: str | None = parents.get(child)
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = parents.get(current)
    return False
