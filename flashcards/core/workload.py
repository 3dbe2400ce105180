"""Expected daily workload for each desired retention (the helper beside the setting).

A seeded FSRS simulation (``fsrs-rs-python``'s simulator, Anki's) of the collection's cards
studied for :data:`HORIZON_DAYS` days at the daily new-card limit: reviews and minutes per day
for desired retention :data:`RETENTIONS`. Deterministic for one collection size and settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

RETENTIONS = (0.80, 0.85, 0.90, 0.93, 0.95, 0.97)
HORIZON_DAYS = 365
SEED = 42


@dataclass(frozen=True)
class Workload:
    """At ``retention``: mean reviews per day and minutes per day over the horizon."""

    retention: float
    reviews_per_day: float
    minutes_per_day: float


def workload(cards: int, new_per_day: int, parameters: Sequence[float] | None = None,
             retentions: Sequence[float] = RETENTIONS, days: int = HORIZON_DAYS) -> list[Workload]:
    """Expected workload of ``cards`` cards (at least 1) learned ``new_per_day`` a day."""
    import fsrs_rs_python as rs

    config = rs.default_simulator_config()
    config.deck_size = max(1, int(cards))
    config.learn_span = max(1, int(days))
    config.learn_limit = max(0, int(new_per_day))
    config.review_limit = 1_000_000
    config.max_cost_perday = 1e9
    weights = list(parameters) if parameters else list(rs.DEFAULT_PARAMETERS)
    out = []
    for r in retentions:
        sim = rs.simulate(weights, float(r), config, SEED)
        n = max(1, len(sim.review_cnt_per_day))
        out.append(Workload(float(r), sum(sim.review_cnt_per_day) / n, sum(sim.cost_per_day) / n / 60))
    return out


def describe(rows: Sequence[Workload]) -> str:
    """One line: "80%: 13 a day · 85%: 16 a day · …" (reviews per day; each entry kept on one
    line by no-break spaces when the text wraps)."""
    return " · ".join(f"{round(w.retention * 100)}%:\u00a0{w.reviews_per_day:.0f}\u00a0a\u00a0day" for w in rows)
