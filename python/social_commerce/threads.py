"""Run a dbt Python model's scikit-learn work on one thread.

dbt runs two models at once on the reference machine's two cores; an OpenMP/BLAS pool per model
oversubscribes them and the pools spin (the regret fit took 130 s with the default pools and
5-10 s with one thread; the k-means of the creator clusters 51 s and 2 s). Results are the same,
to the float rounding of BLAS sums.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from threadpoolctl import threadpool_limits

P = ParamSpec("P")
T = TypeVar("T")


def on_one_thread(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args, **kwargs)`` with scikit-learn's native thread pools limited to one."""
    with threadpool_limits(1):
        return function(*args, **kwargs)
