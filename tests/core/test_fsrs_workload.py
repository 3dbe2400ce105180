"""The desired-retention helper: more retention, more reviews; deterministic."""

from __future__ import annotations

from flashcards.core.workload import RETENTIONS, describe, workload


def test_workload_grows_with_retention_and_is_deterministic() -> None:
    rows = workload(cards=300, new_per_day=10, days=120)
    assert [w.retention for w in rows] == list(RETENTIONS)
    reviews = [w.reviews_per_day for w in rows]
    assert reviews == sorted(reviews) and reviews[-1] > reviews[0] > 0
    assert rows == workload(cards=300, new_per_day=10, days=120)
    assert describe(rows).startswith("80%:\u00a0") and describe(rows).count("\u00a0a\u00a0day") == len(rows)
