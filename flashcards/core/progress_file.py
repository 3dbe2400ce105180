"""A student's progress file for the class report: card ids, times and ratings, no free text.

One JSON object: the format and version, the moment of export (ms UTC), the desired retention
and FSRS parameters the student's scheduler used, and per card its deck, its key (the deck
file's id, the same for the whole class), its scheduling state (stability in days, times in ms
UTC) and its reviews as ``[time ms, rating]``. No card text, note, tag or name is written: the
instructor tells students apart by the file names they hand in.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .clock import ensure_aware, to_ms

if TYPE_CHECKING:
    from .collection import Collection

FORMAT = "flashcards-progress"
VERSION = 1
MAX_BYTES = 50_000_000            # a larger file is refused unread


class ProgressFileError(ValueError):
    """A progress file that cannot be used; the message is ``path: what is wrong``."""


@dataclass(frozen=True)
class CardProgress:
    """One card of one student (times ms UTC, stability in days)."""

    deck: str
    key: str
    state: int                     # CardState
    stability: float | None
    difficulty: float | None
    last_review: int | None
    reps: int
    lapses: int
    leech: bool
    suspended: bool
    reviews: tuple[tuple[int, int], ...]      # (time ms UTC, rating 1–4)


@dataclass(frozen=True)
class StudentProgress:
    """One progress file: ``name`` is its file name without ``.json``."""

    name: str
    exported_ms: int
    desired_retention: float
    parameters: tuple[float, ...] | None
    cards: tuple[CardProgress, ...]


def collect(col: Collection, now: datetime | None = None) -> dict[str, Any]:
    """The progress file's content for ``col`` at ``now``."""
    now = ensure_aware(now)
    reviews: dict[int, list[list[int]]] = {}
    with col.db.read() as conn:
        for card_id, time, rating in conn.execute("SELECT card_id, time, rating FROM revlog ORDER BY time, id"):
            reviews.setdefault(card_id, []).append([time, rating])
        rows = conn.execute("SELECT c.id, c.key, d.name, c.state, c.stability, c.difficulty, c.last_review, c.reps, "
                            "c.lapses, c.leech, c.suspended FROM cards c JOIN decks d ON d.id = c.deck_id "
                            "WHERE c.retired = 0 ORDER BY d.name, c.position").fetchall()
    s = col.settings
    return {"format": FORMAT, "version": VERSION, "exported": to_ms(now), "desired_retention": s.desired_retention,
            "parameters": list(s.fsrs_params) if s.fsrs_params else None,
            "cards": [{"deck": r[2], "key": r[1], "state": r[3], "stability": r[4], "difficulty": r[5],
                       "last_review": r[6], "reps": r[7], "lapses": r[8], "leech": bool(r[9]),
                       "suspended": bool(r[10]), "reviews": reviews.get(r[0], [])} for r in rows]}


def export_progress(col: Collection, path: str | Path, now: datetime | None = None) -> int:
    """Write ``col``'s progress file to ``path`` atomically; returns the number of cards."""
    data = collect(col, now)
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(data["cards"])


def _number(v: Any, low: float, high: float) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and low <= v <= high


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2**53


def _card(c: Any) -> CardProgress | None:
    if not isinstance(c, dict) or not all(isinstance(c.get(k), str) and c[k] for k in ("deck", "key")):
        return None
    if c.get("state") not in (0, 1, 2, 3) or not _int(c.get("reps")) or not _int(c.get("lapses")):
        return None
    for k in ("stability", "difficulty"):
        if c.get(k) is not None and not _number(c[k], 0, 1e9):
            return None
    if c.get("last_review") is not None and not _int(c["last_review"]):
        return None
    raw = c.get("reviews")
    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == 2 and _int(r[0]) and r[1] in (1, 2, 3, 4)
                                            for r in raw):
        return None
    return CardProgress(c["deck"], c["key"], c["state"], c.get("stability"), c.get("difficulty"),
                        c.get("last_review"), c["reps"], c["lapses"], bool(c.get("leech")), bool(c.get("suspended")),
                        tuple((r[0], r[1]) for r in raw))


def read_progress(path: Path) -> StudentProgress:
    """Read and check one progress file; :class:`ProgressFileError` (``path: what is wrong``)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ProgressFileError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgressFileError(f"{path}: cannot be read ({exc})") from None
    except ValueError as exc:
        raise ProgressFileError(f"{path}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFileError(f"{path}: not a Flashcards progress file")
    if data.get("version") != VERSION:
        raise ProgressFileError(f"{path}: progress file version {data.get('version')!r}; this app reads {VERSION}")
    if not _int(data.get("exported")) or not _number(data.get("desired_retention"), 0.5, 0.999):
        raise ProgressFileError(f"{path}: the export time or desired retention is missing or out of range")
    params = data.get("parameters")
    if params is not None and not (isinstance(params, list) and all(_number(p, -1e3, 1e3) for p in params)):
        raise ProgressFileError(f"{path}: the FSRS parameters are not numbers")
    raw = data.get("cards")
    if not isinstance(raw, list):
        raise ProgressFileError(f"{path}: no list of cards")
    cards = []
    for i, c in enumerate(raw):
        card = _card(c)
        if card is None:
            raise ProgressFileError(f"{path}: card {i + 1} is malformed")
        cards.append(card)
    return StudentProgress(path.stem, data["exported"], float(data["desired_retention"]),
                           tuple(float(p) for p in params) if params else None, tuple(cards))


def read_folder(folder: Path) -> tuple[list[StudentProgress], list[str]]:
    """Every ``*.json`` progress file of ``folder`` (name order) and the problems of files that
    were skipped (``path: what is wrong``). ``FileNotFoundError`` when there is no such folder."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such folder")
    students, problems = [], []
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            students.append(read_progress(path))
        except ProgressFileError as exc:
            problems.append(str(exc))
    return students, problems
