"""memoized: a result is computed once per distinct input, then read back from the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from social_commerce.memo import input_fingerprint, memoized


def test_computed_once_per_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCW_MODEL_CACHE", str(tmp_path))
    calls: list[int] = []

    def compute(value: int) -> pl.DataFrame:
        calls.append(value)
        return pl.DataFrame({"metric": ["x"], "value": [float(value)]})

    texts = pl.Series(["a", "b"])
    labels = np.array([0, 1])
    first = memoized("cv", lambda: compute(1), texts, labels, 5)
    again = memoized("cv", lambda: compute(2), texts, labels, 5)
    assert calls == [1]
    assert again.equals(first)
    # any other input is computed afresh
    memoized("cv", lambda: compute(3), texts, labels, 4)
    memoized("cv", lambda: compute(4), texts, np.array([1, 0]), 5)
    memoized("other", lambda: compute(5), texts, labels, 5)
    assert calls == [1, 3, 4, 5]


def test_unwritable_cache_still_computes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("SCW_MODEL_CACHE", str(blocker / "cache"))
    assert memoized("cv", lambda: 41 + 1, [1, 2]) == 42
    assert memoized("cv", lambda: 43, [1, 2]) == 43


def test_fingerprint_tells_inputs_apart() -> None:
    assert input_fingerprint(["a", None]) != input_fingerprint(["a", ""])
    assert input_fingerprint(["ab", "c"]) != input_fingerprint(["a", "bc"])
    assert input_fingerprint(np.array([1, 2])) != input_fingerprint(np.array([1.0, 2.0]))
    assert input_fingerprint(5) != input_fingerprint("5")
    with pytest.raises(TypeError):
        input_fingerprint(object())


def test_shared_in_process_computes_once_across_threads() -> None:
    import threading
    import time

    from social_commerce.memo import shared_in_process

    calls: list[str] = []

    def fit(tag: str) -> str:
        calls.append(tag)
        time.sleep(0.3)
        return tag

    rows = pl.DataFrame({"id": [1, 2], "x": [0.5, 1.5]})
    results: list[str] = []
    threads = [
        threading.Thread(
            target=lambda tag=tag: results.append(
                shared_in_process("test_fit", lambda: fit(tag), rows, 7)
            )
        )
        for tag in ("a", "b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and results == [calls[0], calls[0]]
    # other rows or parameters: fitted afresh
    assert shared_in_process("test_fit", lambda: fit("c"), rows, 8) == "c"
    assert shared_in_process("test_fit", lambda: fit("d"), rows.reverse(), 8) == "d"
    assert calls[1:] == ["c", "d"]
