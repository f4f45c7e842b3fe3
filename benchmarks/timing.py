"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import math
import time
from collections.abc import Callable


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The fastest of `n` runs of `fn`, in seconds (the least disturbed by other work)."""
    best = math.inf
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best
