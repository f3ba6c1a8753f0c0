"""Where the text models find their labelled seeds and keep their trained models."""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import polars as pl

from social_commerce.errors import UserError

#: The repository's seeds folder, relative to this package (python/social_commerce/text).
SEEDS_DIR = Path(__file__).resolve().parents[3] / "seeds"


def seed_path(name: str) -> Path:
    """Path of the shipped seed ``name`` (e.g. ``labelled_comments.csv``); UserError if missing."""
    path = SEEDS_DIR / name
    if not path.is_file():
        raise UserError(
            f"seed {path} is missing: the text models train on it; restore it from git "
            "(`git checkout -- seeds/`) or run from a full checkout of the repository"
        )
    return path


def read_seed(name: str, text_column: str, label_column: str) -> pl.DataFrame:
    """The seed's text and label columns (rows without text or label dropped)."""
    path = seed_path(name)
    frame = pl.read_csv(path, infer_schema_length=0)
    missing = [c for c in (text_column, label_column) if c not in frame.columns]
    if missing:
        raise UserError(f"seed {path} has no column {', '.join(missing)}: fix its header")
    return (
        frame.select(
            pl.col(text_column).alias("text"),
            pl.col(label_column).str.strip_chars().cast(pl.Int64, strict=False).alias("label"),
        )
        .drop_nulls()
        .filter(pl.col("text").str.len_chars() > 0)
    )


def cache_dir() -> Path:
    """``$SCW_MODEL_CACHE``, else ``~/.cache/social-commerce``."""
    env = os.environ.get("SCW_MODEL_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "social-commerce"


def code_fingerprint() -> bytes:
    """The bytes of this package's code and data files: a changed file retrains cached models."""
    folder = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.tsv")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.digest()


def cache_key(*parts: str | bytes) -> str:
    """A short hash of the given parts (seed file bytes, code versions)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def load_cached(name: str) -> object | None:
    """The cached object ``name``, or None when absent or unreadable."""
    path = cache_dir() / name
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store_cached(name: str, value: object) -> None:
    """Write ``value`` to the cache atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(folder / name)
    except OSError:
        return
