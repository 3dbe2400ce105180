"""Progress figures on collections built by replaying a known history with fixed clocks,
compared with hand-computed values: learner days at 4 am in a real time zone (DST included),
an empty collection, one deck versus the whole collection."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from flashcards import Collection, Rating
from flashcards.core import progress as pg
from flashcards.core.calibration import bin_predictions
from flashcards.core.clock import LearnerDay
from flashcards.core.evaluate import Prediction
from flashcards.core.exam import exam_outlook
from flashcards.core.models import CardState
from flashcards.core.scheduling import forgetting_curve
from flashcards.core.stats import DayActivity, daily_activity

from .conftest import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)       # 12:00 in Berlin (CEST), learner day 2026-03-31
BERLIN = "Europe/Berlin"


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Collection]:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "a.yaml", "Art::One", 4, "a")
    make_deck(decks / "b.yaml", "Art::Two", 3, "b")
    with Collection.open(tmp_path / "c.sqlite3") as collection:
        collection.update_settings(timezone=BERLIN, fuzz=False, day_start_hour=4)
        collection.import_decks([decks])
        yield collection


def test_an_empty_collection(tmp_path: Path) -> None:
    with Collection.open(tmp_path / "e.sqlite3") as col:
        p = pg.progress(col, now=NOW)
    assert p.today == pg.Today(0, 0, 0, None, 0)
    assert len(p.days) == pg.HEATMAP_DAYS and p.days[-1].day == date(2026, 3, 31)
    assert p.forecast == [0] * pg.FORECAST_DAYS and p.counts == pg.CardCounts()
    assert p.mastery == [] and p.weakest == [] and p.calibration == [] and p.retention_by_deck == []
    assert p.period_retention.share is None
    assert p.to_json()["today"]["streak"] == 0


def test_learner_days_at_4am_across_dst(col: Collection) -> None:
    a = [c for c in col.sched.cards() if c.deck == "Art::One"]
    # Berlin moves to summer time on 2026-03-29 at 02:00; the learner day 03-29 starts 04:00 CEST = 02:00 UTC.
    col.sched.answer(a[0], Rating.Good, now=datetime(2026, 3, 29, 1, 30, tzinfo=UTC), duration_ms=1000)  # 03:30: 03-28
    col.sched.answer(a[1], Rating.Again, now=datetime(2026, 3, 29, 2, 30, tzinfo=UTC), duration_ms=2000)  # 04:30: 03-29
    # Winter time: the day starts 04:00 CET = 03:00 UTC.
    col.sched.answer(a[2], Rating.Good, now=datetime(2026, 3, 2, 2, 59, tzinfo=UTC), duration_ms=4000)   # 03-01
    col.sched.answer(a[3], Rating.Good, now=datetime(2026, 3, 2, 3, 0, tzinfo=UTC), duration_ms=8000)    # 03-02
    days = daily_activity(col, date(2026, 3, 1), date(2026, 3, 31), LearnerDay(4, BERLIN))
    by_day = {d.day: d for d in days if d.total}
    assert {d: (x.learning, x.again, x.time_ms) for d, x in by_day.items()} == {
        date(2026, 3, 1): (1, 0, 4000), date(2026, 3, 2): (1, 0, 8000),
        date(2026, 3, 28): (1, 0, 1000), date(2026, 3, 29): (1, 1, 2000)}
    only_two = daily_activity(col, date(2026, 3, 1), date(2026, 3, 31), LearnerDay(4, BERLIN),
                              [col.decks.row("Art::Two").id])
    assert sum(d.total for d in only_two) == 0


def _history(col: Collection) -> None:
    """Art::One: card 0 reviewed daily for 5 days ending today; card 1 forgotten once;
    Art::Two: card 0 learned long ago; the others new."""
    one = [c for c in col.sched.cards() if c.deck == "Art::One"]
    two = [c for c in col.sched.cards() if c.deck == "Art::Two"]
    for k in range(5):                              # 03-27 … 03-31, 08:00 UTC, 10 s each
        col.sched.answer(one[0].id, Rating.Good, now=NOW - timedelta(days=4 - k, hours=2), duration_ms=10_000)
    start = NOW - timedelta(days=40)
    col.sched.answer(one[1].id, Rating.Good, now=start)
    col.sched.answer(one[1].id, Rating.Good, now=start + timedelta(minutes=15))
    due = col.sched.card(one[1].id).due
    col.sched.answer(one[1].id, Rating.Again, now=due + timedelta(hours=1), duration_ms=5000)
    col.sched.answer(two[0].id, Rating.Easy, now=NOW - timedelta(days=100))


def test_today_streak_counts_and_forecast(col: Collection) -> None:
    _history(col)
    p = pg.progress(col, now=NOW)
    assert p.today_date == date(2026, 3, 31)
    assert p.today == pg.Today(studied=1, reviews=1, time_ms=10_000, again_rate=0.0, streak=5)
    assert sum(d.total for d in p.days) == 9 and p.days[-1].total == 1
    cards = {c.id: c for c in col.sched.cards(now=NOW)}
    states = sorted(c.state for c in cards.values())
    assert p.counts.total == 7 and p.counts.new == states.count(CardState.New) == 4
    assert p.counts.young + p.counts.mature == states.count(CardState.Review)
    assert p.counts.learning == states.count(CardState.Relearning) + states.count(CardState.Learning)
    # Forecast by hand: every scheduled card on its learner day, overdue ones today.
    day = LearnerDay(4, BERLIN)
    expected = [0] * pg.FORECAST_DAYS
    for c in cards.values():
        if c.due is not None:
            i = max(0, (day.day_of(c.due) - date(2026, 3, 31)).days)
            if i < pg.FORECAST_DAYS:
                expected[i] += 1
    assert p.forecast == expected and sum(p.forecast) >= 1
    # One deck only: Art::Two has no answers in the period.
    two = pg.progress(col, "Art::Two", now=NOW)
    assert two.today.reviews == 0 and two.today.streak == 0 and two.counts.total == 3
    assert [m.deck for m in two.mastery] == ["Art::Two"]


def test_streak_survives_a_day_not_yet_studied() -> None:
    days = [DayActivity(date(2026, 3, d), learning=n) for d, n in ((27, 0), (28, 2), (29, 1), (30, 3), (31, 0))]
    assert pg.streak(days) == 3
    assert pg.streak([*days[:-2], DayActivity(date(2026, 3, 30)), DayActivity(date(2026, 3, 31))]) == 0


def test_mastery_and_weakest_by_hand(col: Collection) -> None:
    _history(col)
    p = pg.progress(col, now=NOW)
    cards = list(col.sched.cards(now=NOW))
    weights = col.conf.scheduler.weights

    def recall(c) -> float:
        if c.state == CardState.New:
            return 0.0
        return forgetting_curve((NOW - c.last_review).total_seconds() / 86400, c.stability, weights)

    one = [c for c in cards if c.deck == "Art::One"]
    m = {x.deck: x for x in p.mastery}
    assert m["Art::One"].cards == 4 and m["Art::One"].studied == 2
    assert m["Art::One"].mean_recall == pytest.approx(sum(recall(c) for c in one) / 4)
    assert m["Art::One"].above_target == sum(recall(c) >= 0.9 for c in one) / 4
    forgotten = next(c for c in one if c.lapses == 1)
    assert p.weakest[0].id == forgotten.id and p.weakest[0].lapses == 1
    assert all(w.lapses or w.recall < 0.9 or w.leech for w in p.weakest)


def test_retention_by_week_and_deck() -> None:
    days = [DayActivity(date(2026, 3, 1) + timedelta(days=i), review=2, review_again=i % 2) for i in range(10)]
    weeks = pg.weekly_retention(days)
    assert [(w.label, w.reviews, w.again) for w in weeks] == [("2026-03-01", 6, 1), ("2026-03-04", 14, 4)]
    assert weeks[1].share == pytest.approx(10 / 14)


def test_retention_by_deck_counts_review_answers_only(col: Collection) -> None:
    _history(col)
    p = pg.progress(col, now=NOW, period_days=91)
    by_deck = {r.label: (r.reviews, r.again) for r in p.retention_by_deck}
    # Art::One: card 0's last answers are review answers once it graduated; card 1's Again was one.
    one_reviews = [e for e in col.review_log() if e.state_before == CardState.Review]
    assert sum(r for r, _ in by_deck.values()) == len(one_reviews)
    assert by_deck["Art::One"][1] == 1


def test_histogram_edges() -> None:
    buckets = pg.histogram([0, 0.5, 1, 6.9, 7, 400], (1, 7, 365), "d")
    assert [(b.label, b.count) for b in buckets] == [("0–1 d", 2), ("1–7 d", 2), ("7–365 d", 1), ("365+ d", 1)]


def test_calibration_bins() -> None:
    preds = [Prediction(0.95, 1, 3, 2, 0), Prediction(0.91, 0, 3, 2, 0), Prediction(0.42, 0, 9, 3, 1),
             Prediction(1.0, 1, 1, 2, 0)]
    bins = bin_predictions(preds)
    assert [(b.low, b.count) for b in bins] == [(0.4, 1), (0.9, 3)]
    assert bins[1].predicted == pytest.approx((0.95 + 0.91 + 1.0) / 3) and bins[1].actual == pytest.approx(2 / 3)


def test_calibration_from_the_log(col: Collection) -> None:
    _history(col)
    p = pg.progress(col, now=NOW, period_days=365)
    assert sum(b.count for b in p.calibration) >= 5        # reviews following one on an earlier day
    assert all(0 <= b.actual <= 1 and b.low <= b.predicted < b.high + 1e-9 for b in p.calibration)


def test_exam_outlook(col: Collection) -> None:
    _history(col)
    assert exam_outlook(col, "Art", now=NOW) is None
    col.decks.update_options("Art", exam_date=date(2026, 4, 10))
    out = exam_outlook(col, "Art", now=NOW)
    assert out is not None and out.days_left == 10
    exam = LearnerDay(4, BERLIN).start_of(date(2026, 4, 10))
    weights = col.conf.scheduler.weights
    cards = col.sched.cards("Art", now=NOW)
    by_hand = sum(forgetting_curve((exam - c.last_review).total_seconds() / 86400, c.stability, weights)
                  for c in cards if c.state != CardState.New) / len(cards)
    assert out.recall_on_exam == pytest.approx(by_hand)
    assert out.reviews_needed >= 4 * 3          # four new cards: two learning steps and a review at least
    assert out.reviews_per_day == pytest.approx(out.reviews_needed / 10)
    col.decks.update_options("Art", exam_date=date(2026, 3, 1))
    assert exam_outlook(col, "Art", now=NOW) is None                  # passed


def test_period_is_bounded(col: Collection) -> None:
    with pytest.raises(ValueError):
        pg.progress(col, now=NOW, period_days=0)
    with pytest.raises(KeyError):
        pg.progress(col, "No such deck", now=NOW)
