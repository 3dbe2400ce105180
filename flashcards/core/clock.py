"""The learner's day: it starts at a set hour (4 am by default, as in Anki) in local time.

A review at 23:00 and one at 09:00 the next morning are one learner day apart even though
fewer than 24 hours passed; reviews at 01:00 and 03:00 belong to the previous day. All
functions take aware datetimes and return UTC ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

__all__ = ["UTC", "LearnerDay", "ensure_aware", "from_ms", "to_ms", "utcnow"]


def utcnow() -> datetime:
    return datetime.now(UTC)


def ensure_aware(moment: datetime | None) -> datetime:
    """``moment`` in UTC; ``None`` means now. Naive datetimes are refused."""
    if moment is None:
        return utcnow()
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware (e.g. datetime.now(timezone.utc))")
    return moment.astimezone(UTC)


def to_ms(moment: datetime) -> int:
    """Milliseconds since the Unix epoch (UTC)."""
    return int(moment.timestamp() * 1000)


def from_ms(ms: int | None) -> datetime | None:
    return None if ms is None else datetime.fromtimestamp(ms / 1000, UTC)


@dataclass(frozen=True)
class LearnerDay:
    """Maps moments to learner days.

    ``hour`` is the local hour the day starts (0–23); ``zone`` is an IANA name or ``None`` for
    the machine's local time zone.
    """

    hour: int = 4
    zone: str | None = None
    # The last learner day looked up: [start UTC, end UTC, day] (a lookup inside it is two compares).
    _last: list = field(default_factory=list, compare=False, repr=False, hash=False)

    def _tz(self) -> tzinfo | None:
        return ZoneInfo(self.zone) if self.zone else None

    def local(self, moment: datetime) -> datetime:
        tz = self._tz()
        return moment.astimezone(tz) if tz else moment.astimezone()

    def day_of(self, moment: datetime) -> date:
        """The learner day (a calendar date) that ``moment`` belongs to."""
        last = self._last
        if last and last[0] <= moment < last[1]:
            return last[2]
        day = (self.local(moment) - timedelta(hours=self.hour)).date()
        start, end = self.start_of(day), self.start_of(day + timedelta(days=1))
        if start <= moment < end:       # (always, but for a day start that a DST change skips)
            self._last[:] = [start, end, day]
        return day

    def start_of(self, day: date) -> datetime:
        """The UTC moment learner day ``day`` starts (DST-safe: resolved in the local zone)."""
        tz = self._tz()
        naive = datetime.combine(day, time(self.hour))
        if tz is not None:
            return naive.replace(tzinfo=tz).astimezone(UTC)
        # The machine's zone: let the C library resolve the offset for that date.
        return naive.astimezone().astimezone(UTC)

    def bounds(self, moment: datetime) -> tuple[datetime, datetime]:
        """The UTC start and end of the learner day containing ``moment``."""
        day = self.day_of(moment)
        last = self._last
        if last and last[2] == day:
            return last[0], last[1]
        return self.start_of(day), self.start_of(day + timedelta(days=1))

    def days_between(self, earlier: datetime, later: datetime) -> int:
        """Learner days from ``earlier`` to ``later`` (never negative, e.g. if the clock went back)."""
        return max(0, (self.day_of(later) - self.day_of(earlier)).days)
