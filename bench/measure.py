"""Timing helpers shared by the benchmark sides."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def summary(samples: list[float], unit: str = "s") -> dict[str, Any]:
    """Median (the figure we report), mean and the raw samples, in seconds."""
    return {"median": statistics.median(samples), "mean": statistics.fmean(samples),
            "samples": samples, "unit": unit}


def repeat(fn: Callable[[], Any], times: int, warmup: int = 1) -> dict[str, Any]:
    for _ in range(warmup):
        fn()
    return summary([timed(fn)[0] for _ in range(times)])


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
