"""A study session's running totals and the small text formats of the study screens (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flashcards.core.models import Rating


@dataclass(frozen=True)
class Answer:
    card_id: int
    rating: Rating
    duration_ms: int


@dataclass
class SessionStats:
    """The answers given since the learner started studying a deck (undo removes them)."""

    deck: str
    answers: list[Answer] = field(default_factory=list)

    def record(self, card_id: int, rating: Rating, duration_ms: int) -> None:
        """Count one answer; ``duration_ms`` as the core logged it (already capped there)."""
        self.answers.append(Answer(card_id, Rating(rating), duration_ms))

    def undo(self, card_id: int) -> bool:
        """Forget the last answer if it was for ``card_id``; True if one was removed."""
        if self.answers and self.answers[-1].card_id == card_id:
            self.answers.pop()
            return True
        return False

    @property
    def studied(self) -> int:
        return len(self.answers)

    @property
    def time_ms(self) -> int:
        return sum(a.duration_ms for a in self.answers)

    @property
    def correct_share(self) -> float:
        """Share of answers that were not Again (0 when nothing was answered)."""
        if not self.answers:
            return 0.0
        return sum(a.rating != Rating.Again for a in self.answers) / len(self.answers)


def suggested_rating(recalled: int, total: int) -> Rating:
    """The grade suggested for a list card: all recalled → Good, at least half → Hard, else Again."""
    if total <= 0 or recalled >= total:
        return Rating.Good
    return Rating.Hard if recalled * 2 >= total else Rating.Again


def format_duration(ms: int) -> str:
    """``"45 s"``, ``"3 min 5 s"``, ``"1 h 5 min"``."""
    seconds = max(0, round(ms / 1000))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s" if seconds else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


def format_next_due(due: datetime | None, now: datetime) -> str:
    """When the next card is due, relative to ``now``, in local time.

    ``"in less than a minute"``, ``"in 25 min"``, ``"in 3 h"``, ``"tomorrow at 04:00"``,
    ``"on Tue 3 Mar at 04:00"``; ``""`` when nothing is scheduled.
    """
    if due is None:
        return ""
    delta = due - now
    if delta < timedelta(minutes=1):
        return "in less than a minute"
    if delta < timedelta(hours=1):
        return f"in {round(delta.total_seconds() / 60)} min"
    local_due, local_now = due.astimezone(), now.astimezone()
    days = (local_due.date() - local_now.date()).days
    if delta < timedelta(hours=6) or days == 0:
        return f"in {round(delta.total_seconds() / 3600)} h"
    clock = local_due.strftime("%H:%M")
    if days == 1:
        return f"tomorrow at {clock}"
    if days < 7:
        return f"on {local_due.strftime('%A')} at {clock}"
    return f"on {local_due.day} {local_due.strftime('%b %Y')}"
