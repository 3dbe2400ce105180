"""Reading a review-history CSV: ``card_id,review_rating,review_time,review_duration``.

``review_rating`` is 1–4 (Again … Easy), ``review_time`` ISO 8601 with a UTC offset,
``review_duration`` milliseconds (may be empty: 0). Every problem is reported as
``file:line: what is wrong``; a file with any problem gives no rows at all.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .models import Rating

COLUMNS = ("card_id", "review_rating", "review_time", "review_duration")
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_DURATION_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class HistoryRow:
    """One review of the file: the card as the file names it, the grade, the moment (aware,
    with the file's offset), the answer time (ms) and the line it came from."""

    card: str
    rating: Rating
    time: datetime
    duration_ms: int
    line: int

    @property
    def offset(self) -> timedelta:
        return self.time.utcoffset() or timedelta(0)


class HistoryError(ValueError):
    """The file cannot be read; ``problems`` holds one ``file:line: message`` per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _row(path: Path, line: int, fields: dict[str, str | None]) -> tuple[HistoryRow | None, str | None]:
    where = f"{path}:{line}"
    card = (fields.get("card_id") or "").strip()
    if not card:
        return None, f"{where}: card_id is empty"
    raw_rating = (fields.get("review_rating") or "").strip()
    if raw_rating not in ("1", "2", "3", "4"):
        return None, f"{where}: review_rating must be 1, 2, 3 or 4, not {raw_rating!r}"
    raw_time = (fields.get("review_time") or "").strip()
    try:
        moment = datetime.fromisoformat(raw_time)
    except ValueError:
        return None, f"{where}: review_time {raw_time!r} is not an ISO 8601 time"
    if moment.utcoffset() is None:
        return None, f"{where}: review_time {raw_time!r} has no UTC offset (e.g. +00:00)"
    raw_ms = (fields.get("review_duration") or "").strip() or "0"
    if not raw_ms.isdigit() or int(raw_ms) > MAX_DURATION_MS:
        return None, f"{where}: review_duration must be whole milliseconds 0–{MAX_DURATION_MS}, not {raw_ms!r}"
    return HistoryRow(card, Rating(int(raw_rating)), moment, int(raw_ms), line), None


def read_history(path: str | Path) -> list[HistoryRow]:
    """The reviews of ``path`` in time order (ties keep file order); raises
    :class:`HistoryError` listing every bad line (and ``OSError`` for an unreadable file)."""
    path = Path(path)
    if not path.is_file():
        raise HistoryError([f"{path}: not a regular file"])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise HistoryError([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"])
    rows: list[HistoryRow] = []
    problems: list[str] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise HistoryError([(f"{path}:1: missing column(s) {', '.join(missing)}; "
                                    f"expected {','.join(COLUMNS)}")])
            for fields in reader:
                line = reader.line_num
                if None in fields:
                    problems.append(f"{path}:{line}: more fields than columns")
                    continue
                row, problem = _row(path, line, fields)
                if problem:
                    problems.append(problem)
                elif row is not None:
                    rows.append(row)
    except UnicodeDecodeError as exc:
        raise HistoryError([f"{path}: not UTF-8 text ({exc.reason})"]) from exc
    except csv.Error as exc:
        raise HistoryError([f"{path}: not a CSV file ({exc})"]) from exc
    if problems:
        raise HistoryError(problems)
    if not rows:
        raise HistoryError([f"{path}: no reviews"])
    return sorted(rows, key=lambda r: r.time)


def by_card(rows: list[HistoryRow]) -> dict[str, list[HistoryRow]]:
    """The rows grouped per card, each group in time order (cards in order of first review)."""
    out: dict[str, list[HistoryRow]] = {}
    for row in rows:
        out.setdefault(row.card, []).append(row)
    return out
