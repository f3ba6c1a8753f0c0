"""social_commerce.threads: scikit-learn's native pools run on one thread, then are restored."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info

from social_commerce.threads import on_one_thread


def _pool_threads() -> list[int]:
    np.dot(np.ones((2, 2)), np.ones((2, 2)))  # make sure BLAS is loaded
    return [pool["num_threads"] for pool in threadpool_info()]


def test_pools_are_limited_inside_and_restored_after() -> None:
    before = _pool_threads()
    assert before, "no native thread pool found to limit"
    inside = on_one_thread(_pool_threads)
    assert inside and set(inside) == {1}
    assert _pool_threads() == before


def test_arguments_and_result_pass_through() -> None:
    assert on_one_thread(divmod, 17, 5) == (3, 2)
    assert on_one_thread(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
