"""Results that depend only on their inputs and this package's code, kept between builds.

Some Python models recompute, on every ``dbt build``, something that depends only on shipped
seeds and code (e.g. the cross-validation of the text models on their labelled seeds: minutes
of model fitting for the same numbers each time). :func:`memoized` keeps such a result in the
model cache of :mod:`social_commerce.text.data` (``$SCW_MODEL_CACHE``, else
``~/.cache/social-commerce``), keyed by a hash of the inputs, the package's text-model code and
data files and the library versions, so that any change recomputes it. A cache that cannot be
read or written is skipped (the result is computed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
import polars as pl

T = TypeVar("T")


def input_fingerprint(*parts: object) -> list[bytes]:
    """Bytes that identify ``parts``: polars frames (schema and a hash of every row, in order),
    texts (a polars Series or a sequence of strings, nulls told apart from empty strings), numpy
    arrays (dtype, shape and values), ints and strings."""
    encoded: list[bytes] = []
    for part in parts:
        if isinstance(part, pl.DataFrame):
            encoded.append(repr(part.schema).encode() + part.hash_rows().to_numpy().tobytes())
            continue
        if isinstance(part, pl.Series):
            part = part.to_list()
        if isinstance(part, np.ndarray):
            encoded.append(f"{part.dtype.str}{part.shape}".encode() + part.tobytes())
        elif isinstance(part, (str, int, float)):
            encoded.append(repr(part).encode())
        elif isinstance(part, Sequence):
            encoded.append(
                b"\x1e".join(
                    b"\x00" if item is None else b"s" + str(item).encode() for item in part
                )
            )
        else:
            raise TypeError(f"cannot fingerprint a {type(part).__name__}")
    return encoded


def memoized(kind: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, or its result stored by an earlier call with the same ``kind`` and inputs.

    ``parts`` must hold every input ``compute`` depends on besides this package's code.
    """
    import sklearn

    from social_commerce.text import data

    key = data.cache_key(
        kind,
        *input_fingerprint(*parts),
        f"numpy {np.__version__} polars {pl.__version__} sklearn {sklearn.__version__}",
        data.code_fingerprint(),
    )
    name = f"{kind}-{key}.pkl"
    cached = data.load_cached(name)
    if cached is not None:
        return cached  # type: ignore[return-value]
    value = compute()
    data.store_cached(name, value)
    return value


_SHARED: dict[str, tuple[str, object]] = {}
_SHARED_LOCKS: dict[str, threading.Lock] = {}
_SHARED_GUARD = threading.Lock()


def shared_in_process(kind: str, compute: Callable[[], T], *parts: object) -> T:
    """``compute()``, computed once per process for the same ``kind`` and inputs.

    For several dbt Python models of one build that fit the same model on the same rows (dbt
    runs them in one process, possibly at the same time: a second caller waits for the first).
    Only the latest result of each ``kind`` is kept in memory.
    """
    key = data_key(kind, *parts)
    with _SHARED_GUARD:
        lock = _SHARED_LOCKS.setdefault(kind, threading.Lock())
    with lock:
        held = _SHARED.get(kind)
        if held is not None and held[0] == key:
            return held[1]  # type: ignore[return-value]
        _SHARED.pop(kind, None)
        value = compute()
        _SHARED[kind] = (key, value)
        return value


def data_key(kind: str, *parts: object) -> str:
    """A short hash of ``kind`` and the fingerprints of ``parts``."""
    from social_commerce.text import data

    return data.cache_key(kind, *input_fingerprint(*parts))
