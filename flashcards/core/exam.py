"""Exam dates: how much of a deck the learner would recall on the exam day, and the reviews a
day it takes to reach the desired retention by then.

The exam moment is the start of the exam's learner day (the day-start hour, local time).
*Recall on the exam day* is the mean predicted recall of the deck's cards at that moment if no
more reviews were done (new cards 0). *Reviews needed* follows the scheduler until then: each
card (new ones included) is answered Good whenever it falls due before the exam (overdue cards
now), so that at the exam every card is at or above the desired retention; the reviews a day
are those answers spread over the days left (today included).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from .cardstore import sched_of
from .clock import ensure_aware
from .models import CardState, Rating
from .scheduling import SchedState, Scheduler
from .study_queue import subtree

MAX_ANSWERS_PER_CARD = 64       # a bound on the simulated answers of one card (learning steps included)


@dataclass(frozen=True)
class ExamOutlook:
    """A deck's exam date, learner days left (0: the exam is today), predicted share recalled
    then without more study, answers needed by then and per day."""

    deck: str
    exam_date: date
    days_left: int
    recall_on_exam: float
    reviews_needed: int
    reviews_per_day: float


def answers_until(scheduler: Scheduler, st: SchedState, now: datetime, exam: datetime) -> int:
    """Good answers given to one card, each when it falls due (overdue: ``now``), before ``exam``."""
    n = 0
    t = now if st.state == CardState.New or st.due is None else max(now, st.due)
    while t < exam and n < MAX_ANSWERS_PER_CARD:
        st = scheduler.answer(st, Rating.Good, t)
        n += 1
        t = max(t, st.due or t)
    return n


def exam_outlook(col: Any, deck: str, now: datetime | None = None) -> ExamOutlook | None:
    """The outlook of ``deck`` (its children included) for its exam date; None when it has no
    exam date or the date has passed. ``KeyError`` for an unknown deck."""
    exam_date = col.decks.options(deck).exam_date
    now = ensure_aware(now)
    day = col.conf.learner_day
    days_left = (exam_date - day.day_of(now)).days if exam_date else -1
    if exam_date is None or days_left < 0:
        return None
    exam = day.start_of(exam_date)
    scheduler = replace(col.conf.scheduler, fuzz=False)
    cards = [c for c in col.sched.cards(deck, now=now) if not c.suspended]
    if not cards:
        return ExamOutlook(deck, exam_date, days_left, 0.0, 0, 0.0)
    states = [sched_of(c) for c in cards]
    recall = sum(scheduler.retrievability(st, max(now, exam)) for st in states) / len(states)
    needed = sum(answers_until(scheduler, st, now, exam) for st in states) if exam > now else 0
    return ExamOutlook(deck, exam_date, days_left, recall, needed, needed / max(1, days_left))


def exam_outlooks(col: Any, now: datetime | None = None) -> list[ExamOutlook]:
    """The outlooks of every deck with an exam date still to come, by deck name. Decks without
    one cost nothing beyond the (cached) deck forest, so the deck list can call this on refresh."""
    now = ensure_aware(now)
    dated = sorted(d.name for root in col.decks.forest() for d in subtree(root) if d.options.exam_date)
    return [o for o in (exam_outlook(col, name, now) for name in dated) if o is not None]


def exam_line(outlook: ExamOutlook, desired_retention: float, today: date) -> str:
    """One plain line for the deck list, e.g. "Exam 12 Mar · 78% recalled then · 14 reviews/day
    to reach 90%" (the year is named when it is not ``today``'s; reviews a day rounded up)."""
    d = outlook.exam_date
    when = "today" if outlook.days_left == 0 else f"{d.day} {d.strftime('%b')}" + (
        f" {d.year}" if d.year != today.year else "")
    per_day = math.ceil(outlook.reviews_per_day - 1e-9)
    return (f"Exam {when} · {outlook.recall_on_exam:.0%} recalled then · "
            f"{per_day} review{'' if per_day == 1 else 's'}/day to reach {desired_retention:.0%}")


def exam_lines(col: Any, now: datetime | None = None) -> dict[str, str]:
    """Deck name -> its :func:`exam_line`, for the decks with an exam date still to come."""
    now = ensure_aware(now)
    today = col.conf.learner_day.day_of(now)
    retention = col.conf.settings.desired_retention
    return {o.deck: exam_line(o, retention, today) for o in exam_outlooks(col, now)}
